//! Every parser that reads text from outside pgdeck (upstream's answers,
//! members' input, imported files) answers a value or a named refusal for
//! any input: it never panics. Property tests over arbitrary text and over
//! text shaped like what each parser expects, with characters swapped in.

use proptest::prelude::*;
use rds::datetime::{parse_rfc3339_lenient, Timestamp};
use rds::params;
use rds::validate;

/// Text shaped like `shape`, with characters (multibyte ones among them)
/// replaced, put in or taken out at random places.
fn near(shape: &'static str) -> impl Strategy<Value = String> {
    let c = prop_oneof![any::<char>(), Just('é'), Just('한'), Just('\u{1F600}'), Just(':'), Just('+')];
    (proptest::collection::vec((0..shape.len() + 1, 0u8..3, c), 0..5)).prop_map(move |edits| {
        let mut chars: Vec<char> = shape.chars().collect();
        for (at, op, c) in edits {
            let at = at.min(chars.len());
            match op {
                0 if at < chars.len() => chars[at] = c,
                1 if at < chars.len() => {
                    chars.remove(at);
                }
                _ => chars.insert(at, c),
            }
        }
        chars.into_iter().collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn date_times_never_panic(s in any::<String>(), t in near("2026-12-01T00:00:00.123+09:00")) {
        let _ = parse_rfc3339_lenient(&s);
        let _ = parse_rfc3339_lenient(&t);
        let ts = Timestamp::new(t.clone());
        let _ = ts.display();
        prop_assert_eq!(ts.raw(), t.as_str(), "the raw text is always kept");
    }

    #[test]
    fn a_date_time_either_reads_back_or_is_refused(secs in -2_000_000_000i64..4_000_000_000, off in -720i32..840) {
        let text = rds::datetime::format_unix(secs, off);
        prop_assert_eq!(parse_rfc3339_lenient(&text), Some(secs));
    }

    #[test]
    fn postgresql_conf_lines_never_panic(s in any::<String>(), t in near("shared_buffers = '128MB'  # memory\n")) {
        let (_, refused) = params::parse_conf(&s);
        for (line, why) in refused {
            prop_assert!(line >= 1 && !why.to_string().is_empty());
        }
        let _ = params::parse_conf(&t);
    }

    #[test]
    fn ranges_and_unit_values_never_panic(s in any::<String>(), r in near("-1~2147483647ms"), v in near("4MB")) {
        let _ = params::Range::parse(&s);
        let _ = params::Range::parse(&r);
        let p = rds::types::Parameter { allowed_value: r, value_unit: None, ..Default::default() };
        if let Err(e) = params::check(&p, &v) {
            prop_assert!(!e.reason.is_empty());
        }
    }

    #[test]
    fn addresses_and_cidrs_never_panic(s in any::<String>(), c in near("10.1.2.0/24"), v6 in near("fd00::1/128")) {
        for text in [&s, &c, &v6] {
            for ether in [rds::EtherType::Ipv4, rds::EtherType::Ipv6] {
                if let Err(e) = validate::cidr("cidr", text, &ether) {
                    prop_assert_eq!(e.field.as_str(), "cidr");
                }
            }
            if let Err(e) = validate::hba_address("address", text) {
                prop_assert_eq!(e.field.as_str(), "address");
            }
            let _ = validate::time_of_day("time", text);
        }
    }
}
