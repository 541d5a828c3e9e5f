//! `/api/v1` with personal API tokens, through the real server: a token does
//! what its member and scopes allow and nothing more, refusals are on
//! record, the secret is never kept or shown again, and every operation in
//! the OpenAPI document answers as documented.

use crate::common;
use reqwest::StatusCode;
use serde_json::{json, Value};

/// Creates a token through the settings page's server function.
async fn token(app: &common::TestApp, member: &reqwest::Client, name: &str, scopes: &[&str], days: i64) -> (u16, Value) {
    let r = member
        .post(format!("{}/api/create_token", app.base))
        .json(&json!({"new": {"name": name, "days": days, "scopes": scopes}}))
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, serde_json::from_str(&r.text().await.unwrap()).unwrap_or(Value::Null))
}

async fn secret(app: &common::TestApp, who: &str, name: &str, scopes: &[&str]) -> String {
    let member = app.signed_in(who).await;
    let (status, created) = token(app, &member, name, scopes, 30).await;
    assert_eq!(status, 200, "{created}");
    created["secret"].as_str().unwrap().to_string()
}

/// A client with no cookies and no Origin: a script.
fn script() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

async fn get(app: &common::TestApp, secret: &str, path: &str) -> (StatusCode, Value) {
    let r = script().get(format!("{}{path}", app.base)).bearer_auth(secret).send().await.unwrap();
    let status = r.status();
    (status, serde_json::from_str(&r.text().await.unwrap()).unwrap_or(Value::Null))
}

async fn post(app: &common::TestApp, secret: &str, path: &str, body: Value) -> (StatusCode, Value) {
    let r = script().post(format!("{}{path}", app.base)).bearer_auth(secret).json(&body).send().await.unwrap();
    let status = r.status();
    (status, serde_json::from_str(&r.text().await.unwrap()).unwrap_or(Value::Null))
}

async fn refusals(app: &common::TestApp, action: &str) -> Vec<(String, String)> {
    sqlx::query_as("SELECT actor_name, result_message FROM audit_events WHERE action = ? AND outcome = 'refused' ORDER BY id")
        .bind(action)
        .fetch_all(&app.ctx.pool)
        .await
        .unwrap()
}

async fn instance(app: &common::TestApp, secret: &str, name: &str) -> String {
    let (status, list) = get(app, secret, "/api/v1/instances").await;
    assert_eq!(status, 200, "{list}");
    list.as_array().unwrap().iter().find(|i| i["name"] == name).unwrap()["id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn a_backup_before_a_deploy_taken_and_waited_for_with_a_token() {
    let app = common::spawn_app_with_jobs(1.0).await;
    let ci = secret(&app, "alice", "deploy pipeline", &["read", "change"]).await;
    assert!(ci.starts_with("pgd_") && ci.len() == 47, "prefixed for secret scanners: {ci}");
    let id = instance(&app, &ci, "analytics").await;
    let (status, detail) = get(&app, &ci, &format!("/api/v1/instances/{id}")).await;
    assert_eq!(status, 200, "{detail}");
    assert_eq!(detail["name"], "analytics");
    assert!(detail["flavor_id"].as_str().is_some_and(|f| !f.is_empty()), "{detail}");

    let call = json!({"backup_db_instance": {"id": id, "body": {"backupName": "before-deploy-42"}}});
    let (status, ran) = post(&app, &ci, "/api/v1/changes", json!({"call": call, "reason": ""})).await;
    assert_eq!(status, 200, "{ran}");
    assert_eq!(ran["outcome"], "ran");
    let job = ran["job_id"].as_str().expect("a backup starts a job").to_string();
    let mut last = Value::Null;
    for _ in 0..20 {
        let (status, j) = get(&app, &ci, &format!("/api/v1/jobs/{job}?wait=10")).await;
        assert_eq!(status, 200, "{j}");
        last = j;
        if last["finished"] == true {
            break;
        }
    }
    assert_eq!(last["finished"], true, "{last}");
    assert_eq!(last["succeeded"], true, "{last}");
    assert_eq!(last["status"], "COMPLETED");
    let (status, page) = get(&app, &ci, &format!("/api/v1/backups?instance={id}&text=before-deploy-42")).await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["total"], 1, "{page}");
    let backup = page["items"][0]["id"].as_str().unwrap().to_string();
    let (status, one) = get(&app, &ci, &format!("/api/v1/backups/{backup}")).await;
    assert_eq!(status, 200, "{one}");
    assert_eq!(one["name"], "before-deploy-42");

    // The change is on record as alice, naming the token.
    let (actor, agent): (String, String) =
        sqlx::query_as("SELECT actor_name, user_agent FROM audit_events WHERE action = 'backup_db_instance' AND outcome = 'succeeded'")
            .fetch_one(&app.ctx.pool)
            .await
            .unwrap();
    assert_eq!(actor, "alice");
    assert!(agent.contains("API token #") && agent.contains("deploy pipeline"), "{agent}");
    // The secret is kept nowhere: not in the token table, not in the log.
    let dump: Vec<(String,)> =
        sqlx::query_as("SELECT prefix || secret_hash || scopes FROM api_tokens").fetch_all(&app.ctx.pool).await.unwrap();
    assert!(dump.iter().all(|(row,)| !row.contains(&ci)), "only a hash is stored");
    let rows: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE summary LIKE ? OR result_message LIKE ? OR user_agent LIKE ?")
            .bind(format!("%{}%", &ci[4..]))
            .bind(format!("%{}%", &ci[4..]))
            .bind(format!("%{}%", &ci[4..]))
            .fetch_one(&app.ctx.pool)
            .await
            .unwrap();
    assert_eq!(rows, 0, "no audit row carries the secret");
    let log = String::from_utf8_lossy(&common::log().lock().unwrap()).to_string();
    assert!(!log.contains(&ci[4..]), "no log line carries the secret");
}

#[tokio::test]
async fn a_gated_change_with_a_token_becomes_a_request_and_a_token_votes_on_it() {
    let app = common::spawn_app().await;
    let alice = secret(&app, "alice", "ops", &["read", "change"]).await;
    let bob = secret(&app, "bob", "approvals bot", &["read", "approve"]).await;
    let id = instance(&app, &alice, "staging-db").await;
    let call = json!({"stop_db_instance": {"id": id}});
    let (status, filed) = post(&app, &alice, "/api/v1/changes", json!({"call": call, "reason": "disk swap tonight"})).await;
    assert_eq!(status, 200, "{filed}");
    assert_eq!(filed["outcome"], "awaiting_approval", "the gate holds for tokens too: {filed}");
    let request = filed["approval_id"].as_i64().unwrap();
    assert_eq!(app.hits("stop_db_instance").await, 0, "nothing was sent upstream");

    // alice's token has no approve scope, and she could not vote on her own anyway.
    let (status, refused) =
        post(&app, &alice, &format!("/api/v1/approvals/{request}/votes"), json!({"approve": true, "comment": "ok"})).await;
    assert_eq!(status, 403, "{refused}");
    assert_eq!(refused["error"]["code"], "forbidden");
    assert!(refused["error"]["request_id"].as_str().is_some_and(|r| !r.is_empty()), "{refused}");
    // bob's token cannot change, only vote.
    let (status, refused) = post(&app, &bob, "/api/v1/changes", json!({"call": {"stop_db_instance": {"id": id}}, "reason": "x"})).await;
    assert_eq!(status, 403, "{refused}");
    let (status, inbox) = get(&app, &bob, "/api/v1/approvals?view=inbox").await;
    assert_eq!(status, 200, "{inbox}");
    assert!(inbox.as_array().unwrap().iter().any(|r| r["id"] == request), "{inbox}");
    let (status, voted) = post(&app, &bob, &format!("/api/v1/approvals/{request}/votes"), json!({"approve": true, "comment": "go"})).await;
    assert_eq!(status, 200, "{voted}");
    let (status, after) = get(&app, &bob, &format!("/api/v1/approvals/{request}")).await;
    assert_eq!(status, 200, "{after}");
    assert_eq!(after["votes"][0]["voter"], "bob", "{after}");
    assert!(["approved", "running", "executed"].contains(&after["state"].as_str().unwrap()), "{after}");
    let refused = refusals(&app, "api.approvals.vote").await;
    assert!(refused.iter().any(|(who, why)| who == "alice" && why.contains("approve scope")), "{refused:?}");
    let refused = refusals(&app, "api.changes.post").await;
    assert!(refused.iter().any(|(who, why)| who == "bob" && why.contains("change scope")), "{refused:?}");
}

#[tokio::test]
async fn tokens_stop_when_revoked_expired_or_their_member_is_disabled_or_demoted() {
    let app = common::spawn_app().await;
    let admin = app.signed_in("admin").await;
    let alice_web = app.signed_in("alice").await;
    let (status, created) = token(&app, &alice_web, "short", &["read", "change"], 30).await;
    assert_eq!(status, 200);
    let alice = created["secret"].as_str().unwrap().to_string();
    assert_eq!(get(&app, &alice, "/api/v1/instances").await.0, 200);

    // Demoted to viewer: the change scope stops at once, reading goes on.
    assert_eq!(app.call(&admin, "set_user_role", &[("username", "alice"), ("role", "viewer")]).await.0, 200);
    let id = instance(&app, &alice, "staging-db").await;
    let (status, refused) =
        post(&app, &alice, "/api/v1/changes", json!({"call": {"restart_db_instance": {"id": id, "body": {}}}, "reason": ""})).await;
    assert_eq!(status, 403, "{refused}");
    assert!(refused["error"]["message"].as_str().unwrap().contains("viewer"), "{refused}");
    assert_eq!(app.call(&admin, "set_user_role", &[("username", "alice"), ("role", "operator")]).await.0, 200);

    // Disabled: refused, and the refusal names her.
    assert_eq!(app.call(&admin, "set_user_disabled", &[("username", "alice"), ("disabled", "true")]).await.0, 200);
    let (status, refused) = get(&app, &alice, "/api/v1/instances").await;
    assert_eq!(status, 401, "{refused}");
    assert_eq!(refused["error"]["code"], "unauthorized");
    assert_eq!(app.call(&admin, "set_user_disabled", &[("username", "alice"), ("disabled", "false")]).await.0, 200);
    assert_eq!(get(&app, &alice, "/api/v1/instances").await.0, 200);

    // Expired.
    sqlx::query("UPDATE api_tokens SET expires_at = '2020-01-01T00:00:00.000Z' WHERE name = 'short'").execute(&app.ctx.pool).await.unwrap();
    assert_eq!(get(&app, &alice, "/api/v1/instances").await.0, 401);
    sqlx::query("UPDATE api_tokens SET expires_at = '2999-01-01T00:00:00.000Z' WHERE name = 'short'").execute(&app.ctx.pool).await.unwrap();
    assert_eq!(get(&app, &alice, "/api/v1/instances").await.0, 200);

    // Revoked by an admin.
    let id = created["token"]["id"].as_i64().unwrap().to_string();
    assert_eq!(app.call(&admin, "revoke_token", &[("id", &id)]).await.0, 200);
    assert_eq!(get(&app, &alice, "/api/v1/instances").await.0, 401);
    // Unknown and malformed secrets.
    assert_eq!(get(&app, "pgd_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "/api/v1/instances").await.0, 401);
    assert_eq!(get(&app, "hunter2", "/api/v1/instances").await.0, 401);

    let uses = refusals(&app, "api_token.use").await;
    let text = format!("{uses:?}");
    for why in ["the member is disabled", "expired at", "is revoked", "an unknown token", "a malformed token"] {
        assert!(text.contains(why), "{why} on record: {text}");
    }
    assert!(uses.iter().any(|(who, _)| who == "alice"), "a known token's refusal names its member: {text}");
    assert!(!text.contains(&alice[8..]), "refusals never carry the secret");
    let (revoked_by,): (String,) =
        sqlx::query_as("SELECT revoked_by FROM api_tokens WHERE name = 'short'").fetch_one(&app.ctx.pool).await.unwrap();
    assert_eq!(revoked_by, "admin");
}

#[tokio::test]
async fn a_token_is_no_wider_than_its_members_role_and_its_limits_are_named() {
    let app = common::spawn_app().await;
    let victor = app.signed_in("victor").await;
    let (status, refused) = token(&app, &victor, "viewer wants change", &["read", "change"], 30).await;
    assert_eq!(status, 422, "{refused}");
    assert_eq!(refused["Validation"]["field"], "scopes", "{refused}");
    let (status, refused) = token(&app, &victor, "too long", &["read"], 366).await;
    assert_eq!(status, 422);
    assert_eq!(refused["Validation"]["field"], "days", "{refused}");
    let (status, refused) = token(&app, &victor, " ", &["read"], 30).await;
    assert_eq!(status, 422);
    assert_eq!(refused["Validation"]["field"], "name", "{refused}");
    let refused = refusals(&app, "api_token.create").await;
    assert_eq!(refused.len(), 3, "{refused:?}");

    // An operator's read token reads the estate but not the audit log; an
    // auditor's reads the log and exports it.
    let alice = secret(&app, "alice", "reader", &["read"]).await;
    assert_eq!(get(&app, &alice, "/api/v1/audit").await.0, 403);
    let audrey = secret(&app, "audrey", "evidence", &["read"]).await;
    let (status, rows) = get(&app, &audrey, "/api/v1/audit?action=api_token.").await;
    assert_eq!(status, 200, "{rows}");
    assert!(rows.as_array().unwrap().iter().any(|r| r["action"] == "api_token.create" && r["outcome"] == "refused"), "{rows}");
    let r =
        script().get(format!("{}/api/v1/audit/export?format=csv&action=api_token.", app.base)).bearer_auth(&audrey).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let csv = r.text().await.unwrap();
    assert!(csv.lines().count() >= 5, "{csv}");
    assert!(csv.contains("api_token.create"), "{csv}");
    let r = script().get(format!("{}/api/v1/audit/export?format=jsonl", app.base)).bearer_auth(&audrey).send().await.unwrap();
    assert_eq!(r.status(), 200);
    for line in r.text().await.unwrap().lines() {
        serde_json::from_str::<Value>(line).unwrap_or_else(|e| panic!("a JSON line: {e}: {line}"));
    }
    let (status, bad) = get(&app, &audrey, "/api/v1/audit/export?format=xml").await;
    assert_eq!(status, 422, "{bad}");
    assert_eq!(bad["error"]["field"], "format");
}

#[tokio::test]
async fn the_api_takes_no_cookies_and_no_token_means_401() {
    let app = common::spawn_app().await;
    // A signed-in browser's cookies open nothing on /api/v1.
    let browser = app.signed_in("admin").await;
    let r = browser.get(format!("{}/api/v1/instances", app.base)).send().await.unwrap();
    assert_eq!(r.status(), 401);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "unauthorized");
    // And a token opens no server function of the pages.
    let alice = secret(&app, "alice", "pages", &["read"]).await;
    let r = script()
        .post(format!("{}/api/list_instances", app.base))
        .header("origin", &app.base)
        .bearer_auth(&alice)
        .form(&[("", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401, "server functions read cookies, never tokens");
    // An unknown operation is a JSON 404, not a page.
    let (status, body) = get(&app, &alice, "/api/v1/nothing-here").await;
    assert_eq!(status, 404);
    assert_eq!(body["error"]["code"], "not_found");
    let r = script().delete(format!("{}/api/v1/instances", app.base)).bearer_auth(&alice).send().await.unwrap();
    assert_eq!(r.status(), 405);
    assert_eq!(r.json::<Value>().await.unwrap()["error"]["code"], "method_not_allowed");
}

/// Every operation in the document answers, with a token that may use it,
/// with one of the statuses documented for it; and the document lists the
/// routes the server answers (an unknown one is a 404).
#[tokio::test]
async fn every_documented_operation_answers_as_documented() {
    let app = common::spawn_app_with_jobs(0.2).await;
    let r = script().get(format!("{}/api/v1/openapi.json", app.base)).send().await.unwrap();
    assert_eq!(r.status(), 200, "the document needs no token");
    let doc: Value = r.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"), "OpenAPI 3.1");
    let admin = secret(&app, "admin", "everything", &["read", "change", "approve"]).await;
    let id = instance(&app, &admin, "analytics").await;
    let other = instance(&app, &admin, "staging-db").await;
    let (_, backups) = get(&app, &admin, "/api/v1/backups").await;
    let backup = backups["items"][0]["id"].as_str().unwrap().to_string();
    let (_, ran) =
        post(&app, &admin, "/api/v1/changes", json!({"call": {"backup_db_instance": {"id": id, "body": {"backupName": "doc-check"}}}}))
            .await;
    let job = ran["job_id"].as_str().unwrap().to_string();
    let alice = secret(&app, "alice", "ops", &["read", "change"]).await;
    let (_, filed) = post(&app, &alice, "/api/v1/changes", json!({"call": {"stop_db_instance": {"id": id}}, "reason": "doc check"})).await;
    let request = filed["approval_id"].as_i64().unwrap().to_string();

    let paths = doc["paths"].as_object().unwrap();
    let expected = [
        "/api/v1/instances",
        "/api/v1/instances/{id}",
        "/api/v1/backups",
        "/api/v1/backups/{id}",
        "/api/v1/jobs/{id}",
        "/api/v1/changes",
        "/api/v1/approvals",
        "/api/v1/approvals/{id}",
        "/api/v1/approvals/{id}/votes",
        "/api/v1/audit",
        "/api/v1/audit/export",
        "/api/v1/openapi.json",
    ];
    let mut listed: Vec<&str> = paths.keys().map(String::as_str).collect();
    listed.sort_unstable();
    let mut want = expected.to_vec();
    want.sort_unstable();
    assert_eq!(listed, want, "the document lists exactly the API's routes");
    let mut tried = 0;
    for (path, item) in paths {
        for (method, op) in item.as_object().unwrap() {
            let id_for = if path.starts_with("/api/v1/instances") {
                &id
            } else if path.starts_with("/api/v1/backups") {
                &backup
            } else if path.starts_with("/api/v1/jobs") {
                &job
            } else {
                &request
            };
            let url = format!("{}{}", app.base, path.replace("{id}", id_for));
            let body = match path.as_str() {
                "/api/v1/changes" => json!({"call": {"backup_db_instance": {"id": other, "body": {"backupName": "doc-check-2"}}}}),
                _ => json!({"approve": true, "comment": "checked"}),
            };
            let r = match method.as_str() {
                "get" => script().get(&url).bearer_auth(&admin).send().await.unwrap(),
                "post" => script().post(&url).bearer_auth(&admin).json(&body).send().await.unwrap(),
                other => panic!("undocumented method {other}"),
            };
            let status = r.status().as_u16().to_string();
            let documented = op["responses"].as_object().unwrap();
            assert!(documented.contains_key(&status), "{method} {path} answered {status}, documented {:?}", documented.keys());
            assert!(r.status().is_success(), "{method} {path} answered {status}");
            // The body has the documented shape: every required field of its schema.
            let schema = &documented[&status]["content"]["application/json"]["schema"];
            if !schema.is_null() {
                let body: Value = r.json().await.unwrap();
                conforms(&doc, schema, &body, &format!("{method} {path}"));
            }
            // Without a token every operation but the document says 401.
            if path != "/api/v1/openapi.json" {
                let r = match method.as_str() {
                    "get" => script().get(&url).send().await.unwrap(),
                    _ => script().post(&url).json(&body).send().await.unwrap(),
                };
                assert_eq!(r.status(), 401, "{method} {path} without a token");
                assert!(documented.contains_key("401"), "{method} {path} documents its 401");
            }
            tried += 1;
        }
    }
    assert_eq!(tried, 12);
}

/// The README's CI example, as printed there, run against pgdeck: it
/// passes when the backup ends well and fails the step when its job fails.
#[tokio::test]
async fn the_readme_backup_before_deploy_example_passes_and_fails_as_it_says() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let script = root.join("docs/examples/backup-before-deploy.sh");
    let text = std::fs::read_to_string(&script).unwrap();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    assert!(readme.contains(&format!("```sh\n{text}```")), "the README prints the script as it is");

    let app = common::spawn_app_with_jobs(0.5).await;
    let ci = secret(&app, "alice", "ci", &["read", "change"]).await;
    let (base, token) = (app.base.clone(), ci.clone());
    let run = move |name: &'static str| {
        let (script, base, token) = (script.clone(), base.clone(), token.clone());
        tokio::task::spawn_blocking(move || {
            std::process::Command::new("sh")
                .arg(&script)
                .env("PGDECK_URL", base)
                .env("PGDECK_TOKEN", token)
                .env("INSTANCE", "orders-db")
                .env("BACKUP_NAME", name)
                .output()
                .expect("sh runs")
        })
    };
    let ok = run("before-deploy-1").await.unwrap();
    assert!(ok.status.success(), "{}{}", String::from_utf8_lossy(&ok.stdout), String::from_utf8_lossy(&ok.stderr));
    assert!(String::from_utf8_lossy(&ok.stdout).contains("backup before-deploy-1 done"));
    let done: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM jobs WHERE action = 'backup_db_instance' AND finished = 1 AND status = 'COMPLETED'")
            .fetch_one(&app.ctx.pool)
            .await
            .unwrap();
    assert_eq!(done, 1);

    // Every job now ends FAILED upstream: the step fails.
    let faults = reqwest::Client::new()
        .put(format!("{}/_sandbox/faults", app.ctx.settings.api_base))
        .json(&json!({"jobState": "FAILED"}))
        .send()
        .await
        .unwrap();
    assert!(faults.status().is_success());
    let failed = run("before-deploy-2").await.unwrap();
    assert!(!failed.status.success(), "a failed backup fails the step: {}", String::from_utf8_lossy(&failed.stdout));
    assert!(String::from_utf8_lossy(&failed.stderr).contains("backup failed"), "{}", String::from_utf8_lossy(&failed.stderr));
}

/// Every operation, tried with every scope a token of every role can hold:
/// allowed exactly when the token has the scope and the member's role the
/// permission; otherwise 403, on record.
#[tokio::test]
async fn every_operation_with_every_scope_and_role_does_what_both_allow_and_nothing_more() {
    let app = common::spawn_app_with_jobs(0.2).await;
    let admin = secret(&app, "admin", "setup", &["read", "change", "approve"]).await;
    let id = instance(&app, &admin, "analytics").await;
    let (_, backups) = get(&app, &admin, "/api/v1/backups").await;
    let backup = backups["items"][0]["id"].as_str().unwrap().to_string();
    let (_, ran) =
        post(&app, &admin, "/api/v1/changes", json!({"call": {"backup_db_instance": {"id": id, "body": {"backupName": "matrix"}}}})).await;
    let job = ran["job_id"].as_str().unwrap().to_string();
    let alice = secret(&app, "alice", "filer", &["read", "change"]).await;
    let staging = instance(&app, &alice, "staging-db").await;
    let (_, filed) =
        post(&app, &alice, "/api/v1/changes", json!({"call": {"stop_db_instance": {"id": staging}}, "reason": "matrix"})).await;
    let request = filed["approval_id"].as_i64().unwrap();

    // (operation, the scope it needs, the roles whose permission it needs)
    let all = ["viewer", "operator", "approver", "auditor", "admin"];
    let ops: Vec<(&str, String, &str, Vec<&str>)> = vec![
        ("GET", "/api/v1/instances".into(), "read", all.to_vec()),
        ("GET", format!("/api/v1/instances/{id}"), "read", all.to_vec()),
        ("GET", "/api/v1/backups".into(), "read", all.to_vec()),
        ("GET", format!("/api/v1/backups/{backup}"), "read", all.to_vec()),
        ("GET", format!("/api/v1/jobs/{job}"), "read", all.to_vec()),
        ("GET", "/api/v1/approvals?view=mine".into(), "read", all.to_vec()),
        ("GET", format!("/api/v1/approvals/{request}"), "read", all.to_vec()),
        ("GET", "/api/v1/audit".into(), "read", vec!["auditor", "admin"]),
        ("GET", "/api/v1/audit/export?format=jsonl".into(), "read", vec!["auditor", "admin"]),
        ("POST", "/api/v1/changes".into(), "change", vec!["operator", "approver", "admin"]),
        ("POST", format!("/api/v1/approvals/{request}/votes"), "approve", vec!["approver", "admin"]),
    ];
    let members = [("victor", "viewer"), ("alice", "operator"), ("bob", "approver"), ("audrey", "auditor"), ("admin", "admin")];
    let scope_sets: [&[&str]; 4] = [&["read"], &["read", "change"], &["read", "approve"], &["read", "change", "approve"]];
    let mut tried = 0;
    for (who, role) in members {
        let web = app.signed_in(who).await;
        for (n, scopes) in scope_sets.iter().enumerate() {
            let (status, created) = token(&app, &web, &format!("matrix {n}"), scopes, 5).await;
            let may = |s: &str| match s {
                "read" => true,
                "change" => ["operator", "approver", "admin"].contains(&role),
                _ => ["approver", "admin"].contains(&role),
            };
            if !scopes.iter().all(|s| may(s)) {
                assert_eq!(status, 422, "{who} cannot hold {scopes:?}: {created}");
                continue;
            }
            assert_eq!(status, 200, "{created}");
            let t = created["secret"].as_str().unwrap().to_string();
            for (method, path, scope, roles) in &ops {
                let body = if path.ends_with("/votes") {
                    json!({"approve": true, "comment": "matrix"})
                } else {
                    json!({"call": {"backup_db_instance": {"id": id, "body": {"backupName": format!("m-{who}-{n}")}}}})
                };
                let r = if *method == "GET" {
                    script().get(format!("{}{path}", app.base)).bearer_auth(&t).send().await.unwrap()
                } else {
                    script().post(format!("{}{path}", app.base)).bearer_auth(&t).json(&body).send().await.unwrap()
                };
                let status = r.status().as_u16();
                let allowed = scopes.contains(scope) && roles.contains(&role);
                let text = r.text().await.unwrap();
                if allowed {
                    assert!(status != 401 && status != 403, "{who} {scopes:?} {method} {path}: {status} {text}");
                } else {
                    assert_eq!(status, 403, "{who} {scopes:?} {method} {path} must be refused: {text}");
                }
                tried += 1;
            }
        }
    }
    assert!(tried >= 11 * 10, "{tried}");
    let refused: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE outcome = 'refused' AND user_agent LIKE 'API token #%'")
        .fetch_one(&app.ctx.pool)
        .await
        .unwrap();
    assert!(refused > 20, "every refused use is on record, naming the token ({refused})");
}

/// Checks `value` against an OpenAPI schema: its type, the required
/// properties of objects (recursively), and the items of arrays.
fn conforms(doc: &Value, schema: &Value, value: &Value, at: &str) {
    if let Some(r) = schema["$ref"].as_str() {
        let name = r.rsplit('/').next().unwrap();
        return conforms(doc, &doc["components"]["schemas"][name], value, at);
    }
    let types: Vec<&str> = match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    if value.is_null() {
        assert!(types.is_empty() || types.contains(&"null"), "{at}: null where the document says {types:?}");
        return;
    }
    if let Some(all) = schema["allOf"].as_array() {
        for s in all {
            conforms(doc, s, value, at);
        }
    }
    if let Some(one) = schema["oneOf"].as_array() {
        // Option<T> is written as oneOf [null, T].
        let fits = one.iter().any(|s| s["type"] != "null");
        assert!(fits, "{at}: no alternative");
        if let Some(s) = one.iter().find(|s| s["type"] != "null") {
            conforms(doc, s, value, at);
        }
    }
    let kind = match value {
        Value::Object(_) => "object",
        Value::Array(_) => "array",
        Value::String(_) => "string",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::Null => "null",
    };
    if !types.is_empty() {
        let ok = types.contains(&kind) || (kind == "integer" && types.contains(&"number"));
        assert!(ok, "{at}: a {kind} where the document says {types:?}: {value}");
    }
    if let (Some(required), Value::Object(o)) = (schema["required"].as_array(), value) {
        for field in required.iter().filter_map(Value::as_str) {
            assert!(o.contains_key(field), "{at}: the documented field {field} is missing: {value}");
        }
        if let Some(props) = schema["properties"].as_object() {
            for (k, v) in o {
                if let Some(p) = props.get(k) {
                    conforms(doc, p, v, &format!("{at}.{k}"));
                }
            }
        }
    }
    if let (Value::Array(items), Some(item)) = (value, schema.get("items")) {
        for v in items.iter().take(3) {
            conforms(doc, item, v, &format!("{at}[]"));
        }
    }
}
