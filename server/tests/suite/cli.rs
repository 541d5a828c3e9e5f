//! The command line against a running pgdeck's data directory.

use crate::common;
use common::spawn_app;
use std::io::Write;
use std::process::{Command, Stdio};

fn pgdeck(app: &common::TestApp, args: &[&str], stdin: Option<&str>) -> (bool, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pgdeck"));
    cmd.args(args).arg("--data-dir").arg(app.dir.path()).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    } else {
        drop(child.stdin.take());
    }
    let out = child.wait_with_output().unwrap();
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

#[tokio::test]
async fn user_add_reads_the_password_from_stdin_while_the_server_runs_and_is_audited() {
    let app = spawn_app().await;
    let (ok, out) = pgdeck(&app, &["user", "add", "frank", "--role", "operator"], Some("a-strong-password-42\n"));
    assert!(ok, "{out}");
    let c = app.browser();
    let (status, body) = app.call(&c, "sign_in", &[("username", "frank"), ("password", "a-strong-password-42")]).await;
    assert!(status < 400, "{body}");
    let actor: String = sqlx::query_scalar("SELECT actor_name FROM audit_events WHERE action = 'user.add' AND resource_name = 'frank'")
        .fetch_one(&app.ctx.pool)
        .await
        .unwrap();
    assert_eq!(actor, "cli");
}

#[tokio::test]
async fn user_add_refuses_a_short_password_and_a_bad_role() {
    let app = spawn_app().await;
    let (ok, out) = pgdeck(&app, &["user", "add", "gina", "--role", "operator"], Some("short\n"));
    assert!(!ok && out.contains("at least 12"), "{out}");
    let refused: Vec<(String, String)> =
        sqlx::query_as("SELECT actor_name, result_message FROM audit_events WHERE action = 'user.add' AND outcome = 'refused'")
            .fetch_all(&app.ctx.pool)
            .await
            .unwrap();
    assert_eq!(refused.len(), 1, "the short password is on record once: {refused:?}");
    assert_eq!(refused[0].0, "cli");
    assert!(refused[0].1.contains("12"), "{refused:?}");
    let (ok, out) = pgdeck(&app, &["user", "add", "gina", "--role", "root"], Some("a-strong-password-42\n"));
    assert!(!ok && out.contains("--role"), "{out}");
}

#[tokio::test]
async fn generated_passwords_are_printed_once_and_work() {
    let app = spawn_app().await;
    let (ok, out) = pgdeck(&app, &["user", "add", "hank", "--role", "viewer", "--generate"], None);
    assert!(ok, "{out}");
    let password = out.lines().find_map(|l| l.strip_prefix("password (shown once): ")).unwrap().to_string();
    let (status, body) = app.call(&app.browser(), "sign_in", &[("username", "hank"), ("password", &password)]).await;
    assert!(status < 400, "{body}");
}

#[tokio::test]
async fn user_list_set_role_disable_and_enable_work_from_the_cli() {
    let app = spawn_app().await;
    let (ok, out) = pgdeck(&app, &["user", "list"], None);
    assert!(ok && out.contains("alice") && out.contains("operator"), "{out}");
    let alice = app.signed_in("alice").await;
    assert!(pgdeck(&app, &["user", "set-role", "alice", "approver"], None).0);
    assert!(app.call(&alice, "list_instances", &[]).await.1.contains("Unauthorized"), "the role change ended the session");
    assert!(pgdeck(&app, &["user", "disable", "alice"], None).0);
    assert!(app
        .call(&app.browser(), "sign_in", &[("username", "alice"), ("password", domain::seed::DEMO_PASSWORD)])
        .await
        .1
        .contains("wrong"));
    assert!(pgdeck(&app, &["user", "enable", "alice"], None).0);
    app.signed_in("alice").await;
    let (ok, _) = pgdeck(&app, &["user", "reset-password", "alice"], Some("another-long-password\n"));
    assert!(ok);
    let (s, _) = app.call(&app.browser(), "sign_in", &[("username", "alice"), ("password", "another-long-password")]).await;
    assert!(s < 400);
}

#[tokio::test]
async fn audit_verify_passes_untouched_and_names_an_edited_or_removed_row() {
    let app = spawn_app().await;
    app.signed_in("alice").await;
    app.signed_in("bob").await;
    let (ok, out) = pgdeck(&app, &["audit", "verify"], None);
    assert!(ok && out.contains("intact"), "{out}");
    sqlx::query("UPDATE audit_events SET actor_name = 'mallory' WHERE id = 2").execute(&app.ctx.pool).await.unwrap();
    let (ok, out) = pgdeck(&app, &["audit", "verify"], None);
    assert!(!ok && out.contains("row 2 was edited"), "{out}");
}

#[tokio::test]
async fn audit_verify_detects_a_removed_row_an_inserted_row_and_a_cut_tail() {
    let app = spawn_app().await;
    for u in ["alice", "bob", "carol"] {
        app.signed_in(u).await;
    }
    sqlx::query("DELETE FROM audit_events WHERE id = 3").execute(&app.ctx.pool).await.unwrap();
    let (ok, out) = pgdeck(&app, &["audit", "verify"], None);
    assert!(!ok && out.contains("row 3 is missing"), "{out}");

    let app = spawn_app().await;
    for u in ["alice", "bob"] {
        app.signed_in(u).await;
    }
    sqlx::query(
        "INSERT INTO audit_events SELECT id + 1000, at, actor_id, 'mallory', role, client_addr, user_agent, action, resource_type, resource_id, resource_name, \
         summary, outcome, result_code, result_message, job_id, approval_id, duration_ms, intent_id, prev_mac, mac FROM audit_events WHERE id = 1",
    )
    .execute(&app.ctx.pool)
    .await
    .unwrap();
    let (ok, out) = pgdeck(&app, &["audit", "verify"], None);
    assert!(!ok, "{out}");

    let app2 = spawn_app().await;
    app2.signed_in("alice").await;
    app2.signed_in("bob").await;
    let max: i64 = sqlx::query_scalar("SELECT MAX(id) FROM audit_events").fetch_one(&app2.ctx.pool).await.unwrap();
    sqlx::query("DELETE FROM audit_events WHERE id = ?").bind(max).execute(&app2.ctx.pool).await.unwrap();
    let (ok, out) = pgdeck(&app2, &["audit", "verify"], None);
    assert!(!ok && out.contains("removed"), "{out}");
}

#[tokio::test]
async fn rotating_the_master_key_keeps_every_secret_and_the_chain() {
    let app = spawn_app().await;
    let bob = app.signed_in("bob").await;
    let new_key = app.dir.path().join("new.key");
    let (ok, out) = pgdeck(&app, &["vault", "rotate-key", "--new-key-file", new_key.to_str().unwrap()], None);
    assert!(ok, "{out}");
    // The old key no longer opens this database.
    let (ok, out) = pgdeck(&app, &["audit", "verify"], None);
    assert!(!ok && out.contains("PGDECK_MASTER_KEY_FILE"), "{out}");
    let (ok, out) = pgdeck(&app, &["audit", "verify", "--master-key-file", new_key.to_str().unwrap()], None);
    assert!(ok && out.contains("intact"), "{out}");
    // And the secrets open under the new key.
    let pool = app.ctx.pool.clone();
    let vault = domain::Vault::load(&new_key, false).unwrap();
    let ctx = domain::Context::new(pool, (*app.ctx.settings).clone(), vault).unwrap();
    let user_id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE username = 'bob'").fetch_one(&ctx.pool).await.unwrap();
    let (_, creds) = domain::credentials::acting(&ctx, user_id).await.unwrap();
    assert_eq!(creds.secret_access_key, "sandbox-admin-secret");
    drop(bob);
}

/// Every cell of a CSV export, read the way a spreadsheet would import it.
fn cells(text: &str) -> Vec<String> {
    let mut r = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
    let mut out = Vec::new();
    for rec in r.records() {
        out.extend(rec.expect("a well-formed CSV record").iter().map(str::to_string));
    }
    out
}

fn no_formula(what: &str, cells: &[String]) {
    for c in cells {
        assert!(!c.starts_with(domain::audit::FORMULA_STARTS), "{what}: a cell starts a formula: {c:?}");
    }
    for hostile in ["'=HYPERLINK(\"http://evil.example\",\"open\")", "'@SUM(A1)"] {
        assert!(cells.iter().any(|c| c == hostile), "{what}: {hostile:?} is kept, guarded: {cells:?}");
    }
}

#[tokio::test]
async fn both_csv_exports_guard_every_cell_against_formulas() {
    let app = spawn_app().await;
    // A signed-out visitor with a hostile browser string and username.
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("origin", app.base.parse().unwrap());
    let visitor =
        reqwest::Client::builder().user_agent("=HYPERLINK(\"http://evil.example\",\"open\")").default_headers(headers).build().unwrap();
    let (status, _) = app.call(&visitor, "sign_in", &[("username", "@SUM(A1)"), ("password", "whatever-it-is")]).await;
    assert!(status >= 400);
    // The page's export, as the auditor downloads it.
    let audrey = app.signed_in("audrey").await;
    let r = audrey.get(format!("{}/audit/export?format=csv", app.base)).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    no_formula("the page's export", &cells(&r.text().await.unwrap()));
    // The command line's.
    let (ok, out) = pgdeck(&app, &["audit", "export", "--format", "csv"], None);
    assert!(ok, "{out}");
    let csv_text: String = out.lines().filter(|l| !l.starts_with("exported ")).map(|l| format!("{l}\n")).collect();
    no_formula("the command line's export", &cells(&csv_text));
}

#[tokio::test]
async fn a_time_bound_that_cannot_be_read_is_refused_by_name_everywhere_and_on_record() {
    let app = spawn_app().await;
    let audrey = app.signed_in("audrey").await;
    for (field, bad) in [("from", "2026-12-01T00:00:00+1é2"), ("from", "2026-13-45"), ("to", "yesterday!")] {
        // The page's export: refused, never an empty 200.
        let r = audrey.get(format!("{}/audit/export?format=csv&{field}={}", app.base, app::urlencode(bad))).send().await.unwrap();
        assert_eq!(r.status().as_u16(), 422, "{field}={bad}");
        assert!(r.text().await.unwrap().contains(field));
        // The search.
        let mut q = serde_json::json!({"actor": "", "action": "", "resource": "", "outcome": "", "from": "", "to": "", "text": "", "before_id": null});
        q[field] = serde_json::Value::String(bad.into());
        let r = audrey.post(format!("{}/api/search_audit", app.base)).json(&serde_json::json!({"query": q})).send().await.unwrap();
        assert_eq!(r.status().as_u16(), 422, "{field}={bad}");
        assert!(r.text().await.unwrap().contains(field));
        // The command line: a clear refusal, not a crash.
        let flag = if field == "from" { "--since" } else { "--until" };
        let (ok, out) = pgdeck(&app, &["audit", "export", flag, bad], None);
        assert!(!ok && out.contains(flag) && !out.contains("panicked"), "{out}");
    }
    let refused: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'audit.export' AND outcome = 'refused'")
        .fetch_one(&app.ctx.pool)
        .await
        .unwrap();
    assert_eq!(refused, 6, "three from the page, three from the command line");
    let succeeded: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'audit.export' AND outcome = 'succeeded'")
        .fetch_one(&app.ctx.pool)
        .await
        .unwrap();
    assert_eq!(succeeded, 0, "no export was recorded as done");
}
