use super::*;

#[test]
fn accept_language_picks_the_highest_weight_pgdeck_speaks() {
    assert_eq!(Lang::negotiate("ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7"), Some(Lang::Ko));
    assert_eq!(Lang::negotiate("fr-FR,fr;q=0.9,en;q=0.5,ko;q=0.4"), Some(Lang::En));
    assert_eq!(Lang::negotiate("en;q=0.5, ko;q=0.6"), Some(Lang::Ko));
    assert_eq!(Lang::negotiate("ko;q=0, en;q=0.1"), Some(Lang::En), "q=0 means not this one");
    assert_eq!(Lang::negotiate("fr, de"), None);
    assert_eq!(Lang::negotiate(""), None);
    assert_eq!(Lang::negotiate("*"), None);
}

#[test]
fn codes_read_with_regions_and_any_case() {
    assert_eq!(Lang::parse("ko_KR"), Some(Lang::Ko));
    assert_eq!(Lang::parse("EN-gb"), Some(Lang::En));
    assert_eq!(Lang::parse("kor"), None);
    for l in Lang::ALL {
        assert_eq!(Lang::parse(l.code()), Some(l));
    }
}

#[test]
fn the_cookie_tells_a_browsers_choice_from_a_members_copy() {
    use cookie::{read, set, set_member, Said};
    let value = |c: String| c.split(';').next().unwrap().to_string();
    assert_eq!(read(&value(set(Some(Lang::Ko)))), Some(Said { lang: Lang::Ko, member: false }));
    assert_eq!(read(&format!("a=b; {}", value(set_member(Lang::En)))), Some(Said { lang: Lang::En, member: true }));
    assert_eq!(read(&value(set(None))), None);
    assert_eq!(read("pgdeck_lang=fr"), None);
    assert_eq!(read("pgdeck_lang_other=ko"), None);
    assert!(set(None).contains("Max-Age=0"));
}

#[test]
fn numbers_are_grouped_by_thousands() {
    assert_eq!(Lang::En.number(0), "0");
    assert_eq!(Lang::En.number(999), "999");
    assert_eq!(Lang::En.number(1000), "1,000");
    assert_eq!(Lang::Ko.number(1234567), "1,234,567");
    assert_eq!(Lang::Ko.number(-12345), "-12,345");
    assert_eq!(Lang::En.number(i64::MIN), "-9,223,372,036,854,775,808");
}

#[test]
fn decimals_round_and_group_without_float_formatting() {
    assert_eq!(Lang::En.decimal(0.0, 1), "0.0");
    assert_eq!(Lang::En.decimal(12.345, 2), "12.35");
    assert_eq!(Lang::Ko.decimal(1234.5, 1), "1,234.5");
    assert_eq!(Lang::En.decimal(0.05, 2), "0.05");
    assert_eq!(Lang::En.decimal(-3.96, 1), "-4.0");
    assert_eq!(Lang::En.decimal(-0.01, 1), "0.0");
    assert_eq!(Lang::En.decimal(99.6, 0), "100");
    assert_eq!(Lang::En.decimal(f64::NAN, 2), "–");
    // Agrees with the standard library's rounding on ordinary values.
    for v in [0.125, 1.5, 2.675, 33.333, 1e6 + 0.75, 42.0] {
        assert_eq!(Lang::En.decimal(v, 1).replace(',', ""), format!("{v:.1}"), "{v}");
    }
}

#[test]
fn sizes_read_in_binary_units() {
    assert_eq!(Lang::En.bytes(0), "0 B");
    assert_eq!(Lang::En.bytes(1023), "1023 B");
    assert_eq!(Lang::En.bytes(1024), "1.0 KiB");
    assert_eq!(Lang::En.bytes(3_565_158), "3.4 MiB");
    assert_eq!(Lang::Ko.bytes(12 * 1024 * 1024 * 1024), "12.0 GiB");
    assert_eq!(Lang::En.bytes(u64::MAX), "16,777,216.0 TiB");
}

#[test]
fn plural_categories_follow_cldr() {
    assert_eq!(Lang::En.plural(1), "one");
    assert_eq!(Lang::En.plural(0), "other");
    assert_eq!(Lang::En.plural(2), "other");
    assert_eq!(Lang::En.plural(-1), "other");
    // Korean has no plural forms.
    assert_eq!(Lang::Ko.plural(1), "other");
}

#[cfg(feature = "tables")]
mod with_tables {
    use super::*;
    use crate::tables::table;

    #[test]
    fn both_tables_have_every_message_and_none_is_empty() {
        for l in Lang::ALL {
            let t = table(l);
            assert_eq!(t.lang(), l);
            assert_eq!(t.messages.len(), msg::COUNT);
            for (i, m) in t.messages.iter().enumerate() {
                let empty = match m {
                    Message::Plain(s) => s.trim().is_empty(),
                    Message::Parts(p) => p.is_empty(),
                };
                assert!(!empty, "message {i} is empty in {l}");
            }
        }
    }

    #[test]
    fn terms_are_put_in_at_build_time() {
        assert_eq!(table(Lang::En).get(msg::common::NAV_ACCESS_CONTROL), "Access control");
        assert_eq!(table(Lang::Ko).get(msg::common::NAV_INSTANCES), "DB 인스턴스");
        assert_eq!(table(Lang::En).get(msg::dashboard::EVENTS_TITLE), "Recent events");
        assert_eq!(table(Lang::Ko).get(msg::common::NAV_ACCESS_CONTROL), "접근 제어");
    }

    #[test]
    fn variables_and_plural_forms() {
        let en = table(Lang::En);
        let ko = table(Lang::Ko);
        assert_eq!(en.format(&msg::common::count_items(1)), "1 item");
        assert_eq!(en.format(&msg::common::count_items(0)), "0 items");
        assert_eq!(en.format(&msg::common::count_items(12_345)), "12,345 items");
        assert_eq!(ko.format(&msg::common::count_items(1)), "1개");
        assert_eq!(ko.format(&msg::common::count_items(12_345)), "12,345개");
        assert_eq!(en.format(&msg::common::signed_in_as("alice")), "Signed in as alice");
        assert_eq!(ko.format(&msg::common::signed_in_as("alice")), "alice(으)로 로그인함");
    }

    #[test]
    fn a_table_of_another_build_is_refused() {
        assert!(Table::parse(Lang::En, "[\"one\"]").is_err());
        assert!(Table::parse(Lang::En, "{}").is_err());
        assert!(Table::parse(Lang::En, tables::json(Lang::Ko)).is_ok());
    }

    #[test]
    fn each_namespace_part_reads_as_the_whole_table_does() {
        for l in Lang::ALL {
            let whole = table(l);
            for (ns, (name, start, end)) in msg::NAMESPACES.iter().enumerate() {
                let part = Table::parse_namespace(l, ns, tables::part(l, ns).unwrap()).unwrap();
                for k in *start..*end {
                    assert_eq!(namespace_of(Key(k)), ns, "{name}");
                    assert_eq!(part.get(Key(k)), whole.get(Key(k)), "{l} {name} {k}");
                }
                // A part holds its own run of keys and nothing else.
                assert_eq!(part.get(Key(end.wrapping_add(1))), "");
                // Another namespace's part is not this one's.
                if ns > 0 {
                    assert!(
                        Table::parse_namespace(l, ns - 1, tables::part(l, ns).unwrap()).is_err()
                            || end - start == msg::NAMESPACES[ns - 1].2 - msg::NAMESPACES[ns - 1].1
                    );
                }
            }
            assert!(tables::part(l, msg::NAMESPACES.len()).is_none());
        }
        // Every page loads the base; a page's own list never repeats it.
        assert!(!msg::BASE.is_empty());
        for ns in msg::page("ApprovalsRoute") {
            assert!(!msg::BASE.contains(ns));
        }
        assert!(msg::page("ApprovalsRoute").iter().any(|ns| msg::NAMESPACES[*ns].0 == "approvals"));
        assert!(msg::page("NoSuchRoute").is_empty());
    }

    #[test]
    fn lookups_find_codes_by_their_hash_and_nothing_else() {
        // FNV-1a, as published: "" and "a".
        assert_eq!((crate::code_hash(""), crate::code_hash("a")), (0x811c_9dc5, 0xe40c_292c));
        let en = table(Lang::En);
        assert_eq!(en.get(msg::refusal("required").unwrap()), "is required");
        assert_eq!(en.get(msg::refusal("hba-local").unwrap()), "local (Unix socket) connections are not managed through the API");
        assert_eq!(en.get(msg::field_name("schemaName").unwrap()), "Schema name");
        assert!(msg::event_code("DB_INSTANCE_13_01").is_some());
        for unknown in ["", "rang", "range ", "RANGE", "refusal-range", "DB_INSTANCE_99_99"] {
            assert!(msg::refusal(unknown).is_none() && msg::event_code(unknown).is_none(), "{unknown:?}");
        }
    }
}
