//! Every refusal with a code reads, in English, exactly as its message in
//! `lang/locales/en` says (so the audit log's words and the code cannot
//! drift), and has Korean words of its own. The refusals written where the
//! message tables are not at hand (the browser's checks in `rds`, `model`
//! and the app) are made here from bad input, one by one.

use lang::{tables::table, Arg, Lang, Text};
use rds::types::*;
use rds::validate::{self, Validate};
use rds::ValidationError;

/// The refusal's English and Korean from its code; fails unless the
/// English is the refusal's own and the Korean differs from it.
fn words(e: &ValidationError) -> (String, String) {
    let r = e.code.as_ref().unwrap_or_else(|| panic!("{}: {} has no code", e.field, e.reason));
    let key = lang::msg::refusal(&r.code).unwrap_or_else(|| panic!("no message refusal-{}", r.code));
    let text = || Text::new(key, r.args.iter().map(|a| Arg::from(a.as_str())).collect());
    let en = table(Lang::En).format(&text());
    let ko = table(Lang::Ko).format(&text());
    assert_eq!(en, e.reason, "refusal-{}: the English message and the refusal's words differ", r.code);
    assert!(ko.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c)), "refusal-{}: no Korean words: {ko}", r.code);
    (en, ko)
}

#[track_caller]
fn refused<T>(r: Result<T, ValidationError>) -> ValidationError {
    match r {
        Ok(_) => panic!("not refused"),
        Err(e) => e,
    }
}

fn param(json: serde_json::Value) -> rds::types::Parameter {
    serde_json::from_value(json).unwrap()
}

#[test]
fn checks_of_values_read_as_their_messages_in_both_languages() {
    let mut seen = Vec::new();
    let mut check = |e: ValidationError| {
        words(&e);
        seen.push(e.code.unwrap().code);
    };
    // Values typed into forms.
    check(refused(validate::object_path("objectPath", "a b")));
    check(refused(validate::object_path("objectPath", "a/../b")));
    check(refused(validate::object_path("objectPath", &"x".repeat(1025))));
    check(refused(validate::object_path("objectPath", &format!("{}/b", "x".repeat(256)))));
    check(refused(validate::cidr("cidr", "10.0.0.0/x", &rds::EtherType::Ipv4)));
    check(refused(validate::cidr("cidr", "10.0.0/8", &rds::EtherType::Ipv4)));
    check(refused(validate::cidr("cidr", "zz::/200", &rds::EtherType::Ipv6)));
    check(refused(validate::hba_address("address", "10.1.2.300")));
    check(refused(validate::hba_address("address", "bad host!")));
    check(refused(validate::port_rule(&rds::PortType::DbPort, Some(1), None)));
    check(refused(validate::port_rule(&rds::PortType::PortRange, None, Some(2))));
    check(refused(validate::port_rule(&rds::PortType::Port, Some(1), Some(2))));
    check(refused(validate::port_rule(&rds::PortType::PortRange, Some(9), Some(2))));
    check(validate::not_date_time("from", "yesterday"));
    let metrics = MetricQuery { from: "2026-12-01T00:00:00+09:00".into(), to: "2026-11-01T00:00:00+09:00".into(), ..Default::default() };
    check(refused(metrics.validate()));
    check(refused(MetricQuery { metric_names: vec!["cpu".into()], ..metrics }.validate()));
    check(refused(CreateDbSecurityGroup { db_security_group_name: "g".into(), ..Default::default() }.validate()));
    check(refused(HbaRuleSpec { database_apply_type: Some(rds::ApplyType::UserCustom), ..Default::default() }.validate()));
    check(refused(
        HbaRuleSpec {
            database_apply_type: Some(rds::ApplyType::Entire),
            db_user_apply_type: Some(rds::ApplyType::UserCustom),
            ..Default::default()
        }
        .validate(),
    ));
    // Parameter values, of every kind.
    let numeric = param(serde_json::json!({"parameterName": "max_connections", "valueType": "NUMERIC", "allowedValue": "1~100"}));
    let size =
        param(serde_json::json!({"parameterName": "work_mem", "valueType": "NUMERIC_WITH_BYTE_UNIT", "allowedValue": "64~2097152kB"}));
    let time = param(
        serde_json::json!({"parameterName": "statement_timeout", "valueType": "NUMERIC_WITH_TIME_UNIT", "allowedValue": "0~2147483647ms"}),
    );
    let boolean = param(serde_json::json!({"parameterName": "fsync", "valueType": "BOOLEAN"}));
    let one = param(serde_json::json!({"parameterName": "wal_level", "valueType": "ENUMERATED", "allowedValue": "replica,logical"}));
    let many =
        param(serde_json::json!({"parameterName": "log_destination", "valueType": "MULTI_ENUMERATED", "allowedValue": "stderr,csvlog"}));
    for (p, v) in [
        (&numeric, ""),
        (&numeric, "1\n2"),
        (&numeric, "{x}"),
        (&numeric, "many"),
        (&numeric, "5MB"),
        (&numeric, "500"),
        (&boolean, "maybe"),
        (&one, "minimal"),
        (&many, "stderr,syslog"),
        (&size, "lots"),
        (&size, "64"),
        (&size, "64ms"),
        (&time, "5parsecs"),
        (&size, "9TB"),
    ] {
        check(refused(rds::params::check(p, v)));
    }
    // Restores and the import of pg_hba.conf lines.
    let info = RestorationInfo::default();
    check(refused(model::restore::check_time(&info, "soon")));
    check(refused(model::restore::check_time(&info, "2026-12-01T00:00:00+09:00")));
    for line in [
        "host \"app",
        "local all all trust",
        "hostssl all all 10.0.0.0/8 trust",
        "hosts all all 10.0.0.0/8 trust",
        "host all all",
        "host all all 10.0.0.1 255.0.255.0 trust",
        "host all all 10.0.0.1 255.255.255.0",
        "host all all all trust",
        "host all all samenet trust",
        "host all all .example.com trust",
        "host all all 10.0.0.0/8 md5",
        "host all all 10.0.0.0/8 trust clientcert=1",
        "host sameuser all 10.0.0.0/8 trust",
        "host @dbs all 10.0.0.0/8 trust",
        "host all +admins 10.0.0.0/8 trust",
        "host /^a all 10.0.0.0/8 trust",
        "host app, all 10.0.0.0/8 trust",
    ] {
        let parsed = model::hba::parse(line);
        check(parsed[0].result.clone().expect_err(line));
    }
    let ok = model::hba::parse("host app all 10.0.0.0/8 trust").remove(0).result.unwrap();
    check(refused(ok.spec(&[], &[])));
    // Every code of the rarer refusals was made at least once above, or
    // is made on the server (where it is worded from the same message).
    assert!(seen.len() >= 50, "{seen:?}");
}

#[test]
fn refusals_made_on_the_server_read_as_their_messages() {
    let e = crate::refused("password", "password-short", &[&12]);
    assert_eq!((e.reason.as_str(), words(&e).0.as_str()), ("must be at least 12 characters", "must be at least 12 characters"));
    let e = crate::refused("url", "webhook-internal", &[&"10.0.0.1"]);
    assert_eq!(e.reason, "10.0.0.1 is an internal address; an admin can allow it with PGDECK_ALLOWED_WEBHOOK_HOSTS");
    assert!(words(&e).1.starts_with("10.0.0.1은(는) 내부 주소입니다"), "{}", words(&e).1);
}
