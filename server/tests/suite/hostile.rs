//! Hostile input through the real router: every server function, signed out
//! and signed in with each kind of role, gets malformed, oversized,
//! wrong-typed, deeply nested, Unicode-heavy and SQL/HTML-looking input.
//! Nothing answers 500, every refusal is readable, and nothing is written
//! but the audit log's record of refusals.

use crate::common;
use common::spawn_app;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Copy, Debug)]
enum Arg {
    Text,
    Int,
    Bool,
    OptText,
    OptInt,
    Texts,
}
use Arg::*;

/// Every server function that takes form fields, with its fields.
const FORM_FNS: &[(&str, &[(&str, Arg)])] = &[
    ("app_info", &[]),
    ("me", &[]),
    ("sign_in", &[("username", Text), ("password", Text), ("next", OptText)]),
    ("sign_out", &[]),
    ("my_sessions", &[]),
    ("end_session", &[("handle", Text)]),
    ("my_credentials", &[]),
    ("add_credential", &[("label", Text), ("api_base", Text), ("appkey", Text), ("access_key_id", Text), ("secret_access_key", Text)]),
    ("test_credential", &[("id", Int)]),
    ("activate_credential", &[("id", Int)]),
    ("remove_credential", &[("id", Int)]),
    ("list_users", &[]),
    ("create_user", &[("username", Text), ("display_name", Text), ("role", Text), ("password", Text)]),
    ("set_user_role", &[("username", Text), ("role", Text)]),
    ("set_user_disabled", &[("username", Text), ("disabled", Bool)]),
    ("reset_user_password", &[("username", Text), ("password", Text)]),
    ("list_instances", &[]),
    ("instance_extras", &[]),
    ("list_approvals", &[("view", Text), ("state", Text), ("page", OptInt)]),
    ("count_approvals", &[("view", Text), ("state", Text)]),
    ("approvals_waiting", &[]),
    ("vote_approval", &[("id", Int), ("approve", Bool), ("comment", Text)]),
    ("cancel_approval", &[("id", Int)]),
    ("list_policies", &[]),
    ("list_webhooks", &[]),
    ("add_webhook", &[("name", Text), ("url", Text), ("kind", Text)]),
    ("remove_webhook", &[("id", Int)]),
    ("list_jobs", &[("state", Text), ("resource_id", Text)]),
    ("instance_overview", &[("id", Text)]),
    ("instance_databases", &[("id", Text)]),
    ("instance_users", &[("id", Text)]),
    ("instance_metrics", &[("id", Text), ("names", Texts), ("minutes", Int), ("end", OptInt)]),
    ("create_choices", &[]),
    ("parameter_group", &[("id", Text)]),
    ("security_group", &[("id", Text)]),
    ("access_groups", &[]),
    ("instance_hba", &[("id", Text)]),
    ("restore_options", &[("id", Text), ("backup", Text)]),
    ("parameter_groups", &[]),
    ("alerting", &[]),
    ("dashboard", &[]),
    ("replica_choices", &[]),
    ("instance_groups", &[]),
    ("event_codes", &[]),
    ("instance_extensions", &[("id", Text)]),
    ("my_tokens", &[]),
    ("sign_in_options", &[]),
    ("set_language", &[("language", Text)]),
    ("all_tokens", &[]),
    ("revoke_token", &[("id", Int)]),
];

/// Server functions that take JSON.
const JSON_FNS: &[&str] =
    &["request_change", "needs_approval", "set_policy", "search_audit", "list_backups", "list_events", "create_token"];

/// Strings that have broken other panels.
fn hostile_texts() -> Vec<String> {
    vec![
        "' OR '1'='1' --".into(),
        "Robert'); DROP TABLE users;--".into(),
        "\" UNION SELECT secret_enc FROM credentials --".into(),
        "<script>alert(document.cookie)</script>".into(),
        "<img src=x onerror=alert(1)>".into(),
        "{{7*7}}${7*7}".into(),
        "../../../../etc/passwd".into(),
        "..".into(),
        "%00%2e%2e%2f".into(),
        "\u{0000}nul\u{0007}bell".into(),
        "\u{202E}txt.exe\u{200B}\u{FEFF}".into(),
        "=HYPERLINK(\"http://evil.example\",\"x\")".into(),
        "🐘".repeat(5_000),
        "é".repeat(20_000),
        "a".repeat(60_000),
        String::new(),
        " ".into(),
    ]
}

fn wrong_for(kind: Arg) -> Vec<&'static str> {
    match kind {
        Int | OptInt => vec!["", "abc", "1.5", "-1", "1e999", "NaN", "99999999999999999999999", "0x10"],
        Bool => vec!["", "maybe", "2", "TRUE!"],
        Text | OptText | Texts => vec![],
    }
}

/// A value of the right type that names nothing real.
fn default_for(kind: Arg) -> Option<&'static str> {
    match kind {
        Text => Some("x"),
        Int => Some("987654"),
        Bool => Some("false"),
        OptText | OptInt | Texts => None,
    }
}

/// Fields whose neutral value would make the whole request valid get one
/// that is refused, so the field under test decides alone.
fn invalid_default(field: &str) -> Option<&'static str> {
    match field {
        "appkey" => Some("two words"),
        _ => None,
    }
}

fn form(fields: &[(&str, Arg)], over: Option<(&str, &str)>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (name, kind) in fields {
        let value = match over {
            Some((n, v)) if n == *name => Some(v.to_string()),
            _ => invalid_default(name).or(default_for(*kind)).map(str::to_string),
        };
        if let Some(v) = value {
            let key = if matches!(kind, Texts) { format!("{name}[0]") } else { name.to_string() };
            out.push((key, v));
        }
    }
    out
}

/// Rows in every table a refused request must leave alone.
async fn snapshot(app: &common::TestApp) -> BTreeMap<&'static str, i64> {
    let mut out = BTreeMap::new();
    for table in
        ["users", "credentials", "approval_policies", "approval_requests", "approval_votes", "webhooks", "webhook_deliveries", "jobs"]
    {
        let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}")).fetch_one(&app.ctx.pool).await.unwrap();
        out.insert(table, n);
    }
    let fingerprint: String =
        sqlx::query_scalar("SELECT group_concat(username || role || disabled || updated_at, '|') FROM (SELECT * FROM users ORDER BY id)")
            .fetch_one(&app.ctx.pool)
            .await
            .unwrap();
    out.insert("users (content)", fingerprint.len() as i64 + fingerprint.bytes().map(i64::from).sum::<i64>());
    out
}

async fn upstream_changes(app: &common::TestApp) -> u64 {
    let hits: BTreeMap<String, u64> =
        reqwest::get(format!("{}/_sandbox/hits", app.ctx.settings.api_base)).await.unwrap().json().await.unwrap();
    rds::calls::CALL_NAMES.iter().map(|n| hits.get(*n).copied().unwrap_or(0)).sum()
}

struct Tally {
    tried: usize,
    by_status: BTreeMap<u16, usize>,
}

impl Tally {
    /// Checks one answer: never a 500, and a refusal that reads as pgdeck's
    /// error (JSON naming what was wrong), not a stack trace or an echo.
    fn check(&mut self, what: &str, status: u16, ctype: &str, body: &str) {
        self.tried += 1;
        *self.by_status.entry(status).or_default() += 1;
        let short: String = body.chars().take(300).collect();
        if status >= 500 && std::env::var_os("PGDECK_SHOW_5XX").is_some() {
            eprintln!("{status} {what}: {short}");
        }
        assert!(status != 500 && status < 600, "{what}: answered {status}: {short}");
        if status >= 400 && status != 413 {
            let v: serde_json::Value = serde_json::from_str(body)
                .unwrap_or_else(|e| panic!("{what}: {status} with a body that is not pgdeck's error ({e}): {short}"));
            let text = v.to_string();
            assert!(text.len() > 5 && text.chars().count() < 1_200, "{what}: an empty or endless refusal: {short}");
            // A refusal may quote what was sent, but only as JSON, never as a page.
            assert!(ctype.starts_with("application/json"), "{what}: a refusal served as {ctype:?}");
        }
    }
}

#[tokio::test]
async fn every_server_function_is_covered_by_the_hostile_tables() {
    spawn_app().await;
    let registered: BTreeSet<String> = server_fn::axum::server_fn_paths().map(|(p, _)| p.to_string()).collect();
    let covered: BTreeSet<String> =
        FORM_FNS.iter().map(|(n, _)| format!("/api/{n}")).chain(JSON_FNS.iter().map(|n| format!("/api/{n}"))).collect();
    assert_eq!(registered, covered, "a server function was added or removed: list it in FORM_FNS or JSON_FNS");
}

#[tokio::test]
async fn hostile_form_input_is_refused_cleanly_and_writes_nothing() {
    let app = spawn_app().await;
    let clients = vec![
        ("signed out", app.browser()),
        ("viewer", app.signed_in("victor").await),
        ("operator", app.signed_in("alice").await),
        ("admin", app.signed_in("admin").await),
    ];
    let before = snapshot(&app).await;
    let upstream_before = upstream_changes(&app).await;
    let mut tally = Tally { tried: 0, by_status: BTreeMap::new() };
    let texts = hostile_texts();
    for (who, client) in &clients {
        for (name, fields) in FORM_FNS {
            // Sign-out and sign-in change sessions by design; they are tried signed out only.
            if matches!(*name, "sign_out" | "sign_in") && *who != "signed out" {
                continue;
            }
            let url = format!("{}/api/{name}", app.base);
            let mut bodies: Vec<(String, Vec<u8>)> = vec![
                ("empty body".into(), Vec::new()),
                ("garbage".into(), b"%%%&&&===;;\xff\xfe\x00".to_vec()),
                ("unknown fields".into(), b"zzz=1&__proto__=x&constructor=y".to_vec()),
                ("repeated fields".into(), serde_urlencoded::to_string(form(fields, None)).unwrap().repeat(3).into_bytes()),
                ("deep brackets".into(), format!("{}=1", "a[".repeat(2_000)).into_bytes()),
            ];
            for (field, kind) in fields.iter() {
                if matches!(kind, Text | OptText | Texts) {
                    for t in &texts {
                        let body = serde_urlencoded::to_string(form(fields, Some((field, t)))).unwrap();
                        bodies.push((format!("{field}={:.20}…", t), body.into_bytes()));
                    }
                }
                for w in wrong_for(*kind) {
                    let body = serde_urlencoded::to_string(form(fields, Some((field, w)))).unwrap();
                    bodies.push((format!("{field}={w}"), body.into_bytes()));
                }
            }
            for (what, body) in bodies {
                let r = client
                    .post(&url)
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(body)
                    .send()
                    .await
                    .unwrap_or_else(|e| panic!("{who} {name} {what}: no answer ({e})"));
                let status = r.status().as_u16();
                let ctype = r.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
                let text = r.text().await.unwrap_or_default();
                tally.check(&format!("{who} {name} {what}"), status, &ctype, &text);
            }
        }
    }
    assert_eq!(snapshot(&app).await, before, "hostile input changed stored data");
    assert_eq!(upstream_changes(&app).await, upstream_before, "hostile input reached upstream as a change");
    let healthy = reqwest::get(format!("{}/healthz", app.base)).await.unwrap();
    assert_eq!(healthy.status().as_u16(), 200);
    eprintln!("hostile form input: {} requests, answers by status {:?}", tally.tried, tally.by_status);
}

#[tokio::test]
async fn hostile_json_input_is_refused_cleanly_and_writes_nothing() {
    let app = spawn_app().await;
    let clients = vec![
        ("signed out", app.browser()),
        ("viewer", app.signed_in("victor").await),
        ("operator", app.signed_in("alice").await),
        ("admin", app.signed_in("admin").await),
    ];
    let before = snapshot(&app).await;
    let upstream_before = upstream_changes(&app).await;
    let mut tally = Tally { tried: 0, by_status: BTreeMap::new() };
    let deep_array = format!("{}{}", "[".repeat(5_000), "]".repeat(5_000));
    let deep_object = format!("{}1{}", "{\"a\":".repeat(5_000), "}".repeat(5_000));
    let mut bodies: Vec<(String, &str, String)> = Vec::new();
    for f in JSON_FNS {
        for (what, body) in [
            ("empty", String::new()),
            ("null", "null".into()),
            ("not JSON", "{call: nope".into()),
            ("invalid UTF-8 escape", "{\"x\":\"\\udc00\"}".into()),
            ("deep array", deep_array.clone()),
            ("deep object", deep_object.clone()),
            ("wrong types", "{\"call\":1,\"reason\":[],\"policy\":\"x\",\"query\":true}".into()),
        ] {
            bodies.push((what.into(), f, body));
        }
    }
    let instance = {
        let (_, body) = app.call(&clients[2].1, "list_instances", &[]).await;
        let list: Vec<serde_json::Value> = serde_json::from_str(&body).unwrap();
        list[0]["dbInstanceId"].as_str().unwrap().to_string()
    };
    for t in hostile_texts() {
        let calls = [
            serde_json::json!({"call": {"backup_db_instance": {"id": instance, "body": {"backupName": t}}}, "reason": ""}),
            serde_json::json!({"call": {"backup_db_instance": {"id": t, "body": {"backupName": "fine-name"}}}, "reason": ""}),
            serde_json::json!({"call": {"delete_db_instance": {"id": t}}, "reason": t}),
            serde_json::json!({"call": {"modify_db_instance": {"id": instance, "body": {"dbInstanceName": t}}}, "reason": ""}),
            serde_json::json!({"call": {"create_db_security_group": {"body": {"dbSecurityGroupName": t, "rules": [{"direction": t}]}}}, "reason": ""}),
            serde_json::json!({"call": {t.clone(): {}}, "reason": ""}),
        ];
        for c in calls {
            bodies.push((format!("request_change {:.40}", c.to_string()), "request_change", c.to_string()));
        }
        let policy = serde_json::json!({"policy": {"action": t, "required": true, "approvals_needed": 1, "approver_roles": [t], "open_hours": 1, "run_within_hours": 1, "customised": true}});
        bodies.push((format!("set_policy {:.40}", policy.to_string()), "set_policy", policy.to_string()));
        let policy = serde_json::json!({"policy": {"action": "delete_db_instance", "required": true, "approvals_needed": -5, "approver_roles": [t], "open_hours": 99999999999i64, "run_within_hours": -1, "customised": true}});
        bodies.push((format!("set_policy ranges {:.40}", policy.to_string()), "set_policy", policy.to_string()));
        let query = serde_json::json!({"query": {"actor": t, "action": t, "resource": t, "outcome": t, "from": t, "to": t, "text": t, "before_id": -1}});
        bodies.push((format!("search_audit {:.40}", query.to_string()), "search_audit", query.to_string()));
        let query = serde_json::json!({"query": {"page": 1, "size": 20, "backupType": t, "dbInstanceId": t, "dbVersion": t}});
        bodies.push((format!("list_backups {:.40}", query.to_string()), "list_backups", query.to_string()));
        let query =
            serde_json::json!({"query": {"page": 1, "size": 20, "from": t, "to": t, "eventCategoryType": t, "sourceId": t, "keyword": t}});
        bodies.push((format!("list_events {:.40}", query.to_string()), "list_events", query.to_string()));
        let query = serde_json::json!({"query": {"page": -1, "size": 100000}});
        bodies.push(("list_backups out of range".into(), "list_backups", query.to_string()));
    }
    for (who, client) in &clients {
        for (what, f, body) in &bodies {
            let r = client
                .post(format!("{}/api/{f}", app.base))
                .header("content-type", "application/json")
                .body(body.clone())
                .send()
                .await
                .unwrap_or_else(|e| panic!("{who} {f} {what}: no answer ({e})"));
            let status = r.status().as_u16();
            let ctype = r.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
            let text = r.text().await.unwrap_or_default();
            tally.check(&format!("{who} {f} {what}"), status, &ctype, &text);
            // A search with hostile filters is answered (nothing found), never an error.
            if *f == "search_audit" && *who == "admin" && what.starts_with("search_audit") {
                assert!(matches!(status, 200 | 413 | 422), "{what}: {status} {}", text.chars().take(300).collect::<String>());
            }
        }
    }
    // The export with hostile filters, as the page and as a script would send them.
    let admin = &clients[3].1;
    for t in hostile_texts().into_iter().take(12) {
        let q =
            serde_urlencoded::to_string([("format", "csv"), ("actor", t.as_str()), ("text", &t), ("from", &t), ("outcome", &t)]).unwrap();
        let r = admin.get(format!("{}/audit/export?{q}", app.base)).send().await.unwrap();
        let status = r.status().as_u16();
        tally.tried += 1;
        // A `from` that is no date is refused by name; never an empty 200.
        let expected = if t.trim().is_empty() { 200 } else { 422 };
        assert_eq!(status, expected, "export with {t:.20}");
        if status == 422 {
            assert!(r.text().await.unwrap().contains("from"));
        }
    }
    let r = admin.get(format!("{}/audit/export?format=%3Cscript%3E", app.base)).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 400);
    assert_eq!(snapshot(&app).await, before, "hostile input changed stored data");
    assert_eq!(upstream_changes(&app).await, upstream_before, "hostile input reached upstream as a change");
    eprintln!("hostile JSON input: {} requests, answers by status {:?}", tally.tried, tally.by_status);
}

#[tokio::test]
async fn bodies_over_256_kib_are_refused_with_413_before_they_are_read() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let big = "a".repeat(300 * 1024);
    for (f, ctype, body) in [
        ("sign_in", "application/x-www-form-urlencoded", format!("username=alice&password={big}")),
        (
            "request_change",
            "application/json",
            format!("{{\"call\":{{\"backup_db_instance\":{{\"id\":\"x\",\"body\":{{\"backupName\":\"{big}\"}}}}}},\"reason\":\"\"}}"),
        ),
        ("search_audit", "application/json", format!("{{\"query\":{{\"text\":\"{big}\"}}}}")),
    ] {
        let r = alice.post(format!("{}/api/{f}", app.base)).header("content-type", ctype).body(body).send().await.unwrap();
        assert_eq!(r.status().as_u16(), 413, "{f}");
    }
    // Without a length announced, the body is cut off at the limit all the same.
    let stream = futures_util::stream::iter((0..40).map(|_| Ok::<_, std::io::Error>(vec![b'a'; 16 * 1024])));
    let r = alice
        .post(format!("{}/api/sign_in", app.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(reqwest::Body::wrap_stream(stream))
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    assert!(status == 413 || status == 400, "a streamed body over the limit: {status}");
    // A body under the limit still works.
    let (status, _) = app.call(&alice, "list_jobs", &[("state", ""), ("resource_id", "")]).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn region_addresses_and_webhooks_outside_the_allowlist_are_refused() {
    let app = spawn_app().await;
    let victor = app.signed_in("victor").await;
    for base in [
        "http://169.254.169.254/latest/meta-data",
        "http://127.0.0.1:22",
        "https://evil.example",
        "https://kr1-rds-postgres.api.nhncloudservice.com.evil.example",
    ] {
        let (status, body) = app
            .call(
                &victor,
                "add_credential",
                &[("label", "probe"), ("api_base", base), ("appkey", "k"), ("access_key_id", "i"), ("secret_access_key", "s")],
            )
            .await;
        assert_eq!(status, 422, "{base}: {body}");
        assert!(body.contains("api_base") && body.contains("PGDECK_ALLOWED_API_BASES"), "{base}: {body}");
    }
    let (status, body) = app
        .call(
            &victor,
            "add_credential",
            &[
                ("label", "jp"),
                ("api_base", "https://jp1-rds-postgres.api.nhncloudservice.com/"),
                ("appkey", "k"),
                ("access_key_id", "i"),
                ("secret_access_key", "s"),
            ],
        )
        .await;
    assert_eq!(status, 200, "a region address is accepted: {body}");
    let admin = app.signed_in("admin").await;
    for url in
        ["http://169.254.169.254/latest", "https://10.1.2.3/hook", "https://localhost/hook", "https://[::1]/hook", "http://hooks.example/x"]
    {
        let (status, body) = app.call(&admin, "add_webhook", &[("name", "probe"), ("url", url), ("kind", "slack")]).await;
        assert_eq!(status, 422, "{url}: {body}");
        assert!(body.contains("url"), "{url}: {body}");
    }
    let hooks: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM webhooks").fetch_one(&app.ctx.pool).await.unwrap();
    assert_eq!(hooks, 0);
}

async fn audit_rows(app: &common::TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM audit_events").fetch_one(&app.ctx.pool).await.unwrap()
}

/// Server functions no member can be refused by: they read only what the
/// caller already holds (their own sessions, credentials, name), end a
/// session, or (the dashboard) leave out what the member cannot have.
const NEVER_REFUSED: &[&str] =
    &["app_info", "me", "sign_out", "my_sessions", "my_credentials", "approvals_waiting", "dashboard", "my_tokens", "sign_in_options"];

#[tokio::test]
async fn every_refusal_of_every_server_function_adds_exactly_one_audit_row() {
    let app = spawn_app().await;
    let members =
        [("viewer", app.signed_in("victor").await), ("auditor", app.signed_in("audrey").await), ("operator", app.signed_in("alice").await)];
    let mut refused_fns: BTreeSet<&str> = BTreeSet::new();
    let mut refusals = 0;
    // Signing out is tried last: it ends the session the others need.
    let order = FORM_FNS.iter().filter(|(n, _)| *n != "sign_out").chain(FORM_FNS.iter().filter(|(n, _)| *n == "sign_out"));
    for (name, fields) in order {
        // What refuses: a role that may not, an empty or nonsensical field,
        // a number that names nothing, a switch that is not one.
        let attempts: Vec<Vec<(&str, String)>> = vec![
            fields
                .iter()
                .map(|(f, a)| {
                    let v = match a {
                        Text | OptText | Texts => String::new(),
                        Int | OptInt => "-7".to_string(),
                        Bool => "maybe".to_string(),
                    };
                    (*f, v)
                })
                .collect(),
            fields
                .iter()
                .map(|(f, a)| {
                    let v = match a {
                        Text | OptText | Texts => "169.254.169.254".to_string(),
                        Int | OptInt => "999999".to_string(),
                        Bool => "true".to_string(),
                    };
                    (*f, v)
                })
                .collect(),
        ];
        for (who, client) in &members {
            for form in &attempts {
                let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
                let before = audit_rows(&app).await;
                let (status, body) = app.call(client, name, &form).await;
                let after = audit_rows(&app).await;
                if std::env::var_os("PGDECK_SHOW_REFUSALS").is_some() {
                    eprintln!("{name} as {who}: {status} {}", body.chars().take(120).collect::<String>());
                }
                if (400..500).contains(&status) && status != 401 {
                    refusals += 1;
                    refused_fns.insert(name);
                    assert_eq!(after - before, 1, "{name} as {who} {form:?}: refused ({status} {body}) with {} rows", after - before);
                }
            }
        }
    }
    let never: Vec<&str> = FORM_FNS.iter().map(|(n, _)| *n).filter(|n| !refused_fns.contains(n)).collect();
    assert_eq!(never, NEVER_REFUSED, "functions no attempt refused");
    // The JSON functions, with a body that names nothing.
    let alice = &members[2].1;
    for f in JSON_FNS {
        let before = audit_rows(&app).await;
        let r =
            alice.post(format!("{}/api/{f}", app.base)).header("content-type", "application/json").body("{\"x\":1}").send().await.unwrap();
        let status = r.status().as_u16();
        assert!((400..500).contains(&status), "{f}: {status}");
        assert_eq!(audit_rows(&app).await - before, 1, "{f}");
        refusals += 1;
    }
    eprintln!("{refusals} refusals over {} functions, each on record once", refused_fns.len() + JSON_FNS.len());
}
