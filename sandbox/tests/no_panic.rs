//! Query strings and paths sent to the sandbox are read whatever they hold:
//! any text, multibyte characters and broken percent escapes included; and
//! every query pgdeck's client writes is read back as the same value.

use proptest::prelude::*;
use rds::types::*;
use rds::{BackupType, DbInstanceId, EventCategoryType, SecurityRuleId};

/// A query as pgdeck's client sends it: the type's pairs, form-encoded.
fn encoded<T: serde::Serialize>(q: &T) -> String {
    form_urlencoded::Serializer::new(String::new()).extend_pairs(query_pairs(q)).finish()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn query_strings_never_panic(s in any::<String>(), bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        let lossy = String::from_utf8_lossy(&bytes).into_owned();
        for raw in [s.as_str(), lossy.as_str(), "a=%E1%&b=%ZZ&c=é%2&d=+x+&%", "page=%FF&size=é"] {
            let _ = sandbox::decode_query::<BackupQuery>(raw);
            let _ = sandbox::decode_query::<EventQuery>(raw);
            let _ = sandbox::decode_query::<MetricQuery>(raw);
            let _ = sandbox::decode_query::<RuleIdsQuery>(raw);
            let _ = sandbox::decode_query::<ExtensionDeleteQuery>(raw);
            let _ = sandbox::decode_query::<ParameterGroupQuery>(raw);
        }
    }

    #[test]
    fn backup_queries_come_back_as_sent(page in 1u32..1000, size in 1u32..100, id in proptest::option::of("[a-z0-9-]{1,12}"),
        version in proptest::option::of("POSTGRESQL_V[0-9]{2,3}"), auto in proptest::option::of(any::<bool>())) {
        let q = BackupQuery {
            page, size,
            backup_type: auto.map(|a| if a { BackupType::Auto } else { BackupType::Manual }),
            db_instance_id: id.map(DbInstanceId::new),
            db_version: version,
        };
        prop_assert_eq!(sandbox::decode_query::<BackupQuery>(&encoded(&q)).map_err(|e| e.message), Ok(q));
    }

    #[test]
    fn event_queries_come_back_as_sent(page in 1u32..1000, keyword in proptest::option::of(any::<String>()), source in proptest::option::of("[a-z0-9-]{1,12}")) {
        let q = EventQuery {
            page, size: 20,
            from: "2026-12-01T00:00:00+09:00".into(), to: "2026-12-06T00:00:00+09:00".into(),
            event_category_type: EventCategoryType::DbInstance,
            source_id: source, keyword,
        };
        prop_assert_eq!(sandbox::decode_query::<EventQuery>(&encoded(&q)).map_err(|e| e.message), Ok(q));
    }

    #[test]
    fn lists_come_back_as_sent(ids in proptest::collection::vec("[a-z0-9-]{1,12}", 1..5), names in proptest::collection::vec("[a-zA-Z_]{1,12}", 1..4)) {
        let q = RuleIdsQuery { rule_ids: ids.into_iter().map(SecurityRuleId::new).collect() };
        prop_assert_eq!(sandbox::decode_query::<RuleIdsQuery>(&encoded(&q)).map_err(|e| e.message), Ok(q));
        let m = MetricQuery { db_instance_id: DbInstanceId::new("i-1"), metric_names: names, from: "a".into(), to: "b".into(), interval: Some(60) };
        prop_assert_eq!(sandbox::decode_query::<MetricQuery>(&encoded(&m)).map_err(|e| e.message), Ok(m));
    }
}

#[test]
fn a_missing_or_broken_parameter_is_named() {
    let missing = sandbox::decode_query::<BackupQuery>("size=20").unwrap_err();
    assert!(missing.message.contains("page"), "{}", missing.message);
    let broken = sandbox::decode_query::<BackupQuery>("page=one&size=20").unwrap_err();
    assert!(broken.message.starts_with("Invalid parameter"), "{}", broken.message);
    assert_eq!(sandbox::decode_query::<ExtensionDeleteQuery>("withCascade=true").unwrap(), ExtensionDeleteQuery { with_cascade: true });
    assert_eq!(sandbox::decode_query::<ParameterGroupQuery>("").unwrap(), ParameterGroupQuery { db_version: None });
}
