//! Approval-gated actions, rule by rule, through the real server.

use crate::common;
use common::spawn_app;
use std::time::Duration;

async fn instance_id(app: &common::TestApp, client: &reqwest::Client, name: &str) -> String {
    let (_, body) = app.call(client, "list_instances", &[]).await;
    let list: Vec<serde_json::Value> = serde_json::from_str(&body).unwrap();
    list.iter().find(|i| i["dbInstanceName"] == name).unwrap()["dbInstanceId"].as_str().unwrap().to_string()
}

async fn ask(app: &common::TestApp, client: &reqwest::Client, id: &str, command: serde_json::Value, reason: &str) -> serde_json::Value {
    let (_, text) = app.change(client, common::on_instance(command, id), reason).await;
    serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text))
}

async fn state(app: &common::TestApp, id: i64) -> String {
    sqlx::query_scalar("SELECT state FROM approval_requests WHERE id = ?").bind(id).fetch_one(&app.ctx.pool).await.unwrap()
}

async fn request_stop(app: &common::TestApp, who: &reqwest::Client, instance: &str) -> i64 {
    let id = instance_id(app, who, instance).await;
    let v = ask(app, who, &id, serde_json::json!({"stop_db_instance": {}}), "maintenance window for the staging disk").await;
    v["Requested"]["approval"].as_i64().unwrap_or_else(|| panic!("expected a request: {v}"))
}

#[tokio::test]
async fn a_gated_action_creates_a_request_not_a_call() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let req = request_stop(&app, &alice, "staging-db").await;
    assert_eq!(state(&app, req).await, "pending");
    let calls: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'stop_db_instance'").fetch_one(&app.ctx.pool).await.unwrap();
    assert_eq!(calls, 0, "no call was recorded");
    assert_eq!(app.hits("stop_db_instance").await, 0, "nothing was sent upstream");
    let outcome: String =
        sqlx::query_scalar("SELECT outcome FROM audit_events WHERE action = 'approval.request'").fetch_one(&app.ctx.pool).await.unwrap();
    assert_eq!(outcome, "awaiting_approval");
}

#[tokio::test]
async fn a_request_needs_a_reason() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let id = instance_id(&app, &alice, "staging-db").await;
    let v = ask(&app, &alice, &id, serde_json::json!({"stop_db_instance": {}}), "").await;
    assert!(v.to_string().contains("reason"), "{v}");
    let refused: Vec<(String, String)> =
        sqlx::query_as("SELECT actor_name, resource_name FROM audit_events WHERE action = 'approval.request' AND outcome = 'refused'")
            .fetch_all(&app.ctx.pool)
            .await
            .unwrap();
    assert_eq!(refused, [("alice".to_string(), "staging-db".to_string())], "the refusal is on record, naming the instance");
}

#[tokio::test]
async fn a_vote_needs_a_comment_and_its_refusal_is_on_record() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let req = request_stop(&app, &alice, "staging-db").await;
    let bob = app.signed_in("bob").await;
    let (status, body) = app.call(&bob, "vote_approval", &[("id", &req.to_string()), ("approve", "true"), ("comment", "  ")]).await;
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("comment"), "{body}");
    assert_eq!(state(&app, req).await, "pending");
    let refused: Vec<(String, Option<i64>)> =
        sqlx::query_as("SELECT actor_name, approval_id FROM audit_events WHERE action = 'approval.approve' AND outcome = 'refused'")
            .fetch_all(&app.ctx.pool)
            .await
            .unwrap();
    assert_eq!(refused, [("bob".to_string(), Some(req))]);
}

#[tokio::test]
async fn the_requester_can_never_approve_their_own_request_whatever_their_role() {
    let app = spawn_app().await;
    let admin = app.signed_in("admin").await;
    let req = request_stop(&app, &admin, "staging-db").await;
    let (status, body) = app.call(&admin, "vote_approval", &[("id", &req.to_string()), ("approve", "true"), ("comment", "self")]).await;
    assert!(status >= 400 && body.contains("your own request"), "{body}");
    assert_eq!(state(&app, req).await, "pending");
    let refused: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'approval.approve' AND outcome = 'refused'")
        .fetch_one(&app.ctx.pool)
        .await
        .unwrap();
    assert_eq!(refused, 1);
}

#[tokio::test]
async fn an_operator_cannot_vote() {
    let app = spawn_app().await;
    let bob = app.signed_in("bob").await;
    let req = request_stop(&app, &bob, "staging-db").await;
    let alice = app.signed_in("alice").await;
    let (status, body) = app.call(&alice, "vote_approval", &[("id", &req.to_string()), ("approve", "true"), ("comment", "ok")]).await;
    assert!(status >= 400 && body.contains("cannot vote"), "{body}");
}

#[tokio::test]
async fn an_approval_runs_the_action_once_as_the_requester_and_follows_its_job() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let req = request_stop(&app, &alice, "staging-db").await;
    let bob = app.signed_in("bob").await;
    let (status, body) =
        app.call(&bob, "vote_approval", &[("id", &req.to_string()), ("approve", "true"), ("comment", "window agreed with the team")]).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(state(&app, req).await, "executed");
    let (actor, approval): (String, Option<i64>) =
        sqlx::query_as("SELECT actor_name, approval_id FROM audit_events WHERE action = 'stop_db_instance' AND intent_id IS NOT NULL")
            .fetch_one(&app.ctx.pool)
            .await
            .unwrap();
    assert_eq!(actor, "alice", "it runs with the requester's identity and credentials");
    assert_eq!(approval, Some(req));
    let job: Option<String> =
        sqlx::query_scalar("SELECT job_id FROM approval_requests WHERE id = ?").bind(req).fetch_one(&app.ctx.pool).await.unwrap();
    let job = job.expect("the job is tracked");
    for _ in 0..100 {
        if domain::jobs::get(&app.ctx, &job).await.unwrap().unwrap().finished {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(domain::jobs::get(&app.ctx, &job).await.unwrap().unwrap().status, "COMPLETED");
    // A second vote changes nothing.
    let carol = app.signed_in("carol").await;
    let (_, body) = app.call(&carol, "vote_approval", &[("id", &req.to_string()), ("approve", "true"), ("comment", "late")]).await;
    assert!(body.contains("votes are closed"), "{body}");
}

#[tokio::test]
async fn a_rejection_closes_the_request_and_nothing_runs() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let req = request_stop(&app, &alice, "staging-db").await;
    let bob = app.signed_in("bob").await;
    app.call(&bob, "vote_approval", &[("id", &req.to_string()), ("approve", "false"), ("comment", "not during the sale")]).await;
    assert_eq!(state(&app, req).await, "rejected");
    let calls: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'stop_db_instance'").fetch_one(&app.ctx.pool).await.unwrap();
    assert_eq!(calls, 0);
    assert_eq!(app.hits("stop_db_instance").await, 0, "nothing was sent upstream");
}

#[tokio::test]
async fn the_requester_can_cancel_while_pending() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let req = request_stop(&app, &alice, "staging-db").await;
    let carol = app.signed_in("carol").await;
    let (_, body) = app.call(&carol, "cancel_approval", &[("id", &req.to_string())]).await;
    assert!(body.contains("only the requester"), "{body}");
    let (status, _) = app.call(&alice, "cancel_approval", &[("id", &req.to_string())]).await;
    assert_eq!(status, 200);
    assert_eq!(state(&app, req).await, "cancelled");
}

#[tokio::test]
async fn requests_expire() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let req = request_stop(&app, &alice, "staging-db").await;
    sqlx::query("UPDATE approval_requests SET expires_at = '2000-01-01T00:00:00.000Z' WHERE id = ?")
        .bind(req)
        .execute(&app.ctx.pool)
        .await
        .unwrap();
    assert_eq!(domain::approvals::expire_due(&app.ctx).await.unwrap(), 1);
    assert_eq!(state(&app, req).await, "expired");
    let bob = app.signed_in("bob").await;
    let (_, body) = app.call(&bob, "vote_approval", &[("id", &req.to_string()), ("approve", "true"), ("comment", "too late")]).await;
    assert!(body.contains("closed"), "{body}");
}

#[tokio::test]
async fn a_request_caught_running_by_a_restart_is_marked_unknown_and_never_resent() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let req = request_stop(&app, &alice, "staging-db").await;
    // As if pgdeck stopped right after claiming the run.
    sqlx::query("UPDATE approval_requests SET state = 'running' WHERE id = ?").bind(req).execute(&app.ctx.pool).await.unwrap();
    let restarted = domain::Context::new(app.ctx.pool.clone(), (*app.ctx.settings).clone(), (*app.ctx.vault).clone()).unwrap();
    assert_eq!(domain::approvals::recover(&restarted).await.unwrap(), 1);
    assert_eq!(state(&app, req).await, "unknown");
    let calls: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'stop_db_instance'").fetch_one(&app.ctx.pool).await.unwrap();
    assert_eq!(calls, 0);
}

#[tokio::test]
async fn concurrent_approvals_and_executions_run_the_action_exactly_once_over_1000_runs() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let id = instance_id(&app, &alice, "analytics").await;
    // Gate a cheap action that answers at once, so 1,000 runs stay quick.
    let admin_actor = app.actor("admin").await;
    let mut p = domain::approvals::policy(&app.ctx, "modify_deletion_protection").await.unwrap();
    p.required = true;
    p.approvals_needed = 2;
    domain::approvals::set_policy(&app.ctx, admin_actor.grant().unwrap(), &p).await.unwrap();
    let requester = app.actor("alice").await;
    let voters = [app.actor("bob").await, app.actor("carol").await, app.actor("admin").await];
    for run in 0..1000 {
        let call = rds::Call::ModifyDeletionProtection {
            id: id.as_str().into(),
            body: rds::types::DeletionProtection { use_deletion_protection: run % 2 == 0 },
        };
        let req = domain::approvals::submit(
            &app.ctx,
            requester.grant().unwrap(),
            call,
            domain::gateway::Target::new(&id, "analytics"),
            "race test",
            domain::approvals::Filing {
                policy: p.clone(),
                gates: &["modify_deletion_protection"],
                basis: &domain::judged::Basis::default(),
                detail: "",
            },
        )
        .await
        .unwrap();
        let mut tasks = Vec::new();
        for v in voters.clone() {
            let ctx = app.ctx.clone();
            tasks.push(tokio::spawn(async move {
                let _ = domain::approvals::vote(&ctx, &v, req, true, "yes").await;
            }));
        }
        for _ in 0..3 {
            let ctx = app.ctx.clone();
            tasks.push(tokio::spawn(async move {
                let _ = domain::approvals::execute(&ctx, req).await;
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
        let runs: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_events WHERE action = 'modify_deletion_protection' AND approval_id = ? AND intent_id IS NOT NULL",
        )
        .bind(req)
        .fetch_one(&app.ctx.pool)
        .await
        .unwrap();
        if runs != 1 {
            let (state, message): (String, Option<String>) =
                sqlx::query_as("SELECT state, result_message FROM approval_requests WHERE id = ?")
                    .bind(req)
                    .fetch_one(&app.ctx.pool)
                    .await
                    .unwrap();
            panic!("run {run}: request {req} executed {runs} times (state {state}, {message:?})");
        }
    }
}

#[tokio::test]
async fn notifications_reach_a_webhook_without_secrets_and_failures_are_visible() {
    let app = spawn_app().await;
    let sink = format!("{}/_sandbox/webhooks/team", app.ctx.settings.api_base);
    let admin = app.signed_in("admin").await;
    app.call(&admin, "add_webhook", &[("name", "team"), ("url", &sink), ("kind", "slack"), ("language", "en")]).await;
    // A Korean team's channel: the same notices, written in Korean.
    let sink_ko = format!("{}/_sandbox/webhooks/team-ko", app.ctx.settings.api_base);
    let (status, _) =
        app.call(&admin, "add_webhook", &[("name", "team-ko"), ("url", &sink_ko), ("kind", "dooray"), ("language", "ko")]).await;
    assert_eq!(status, 200);
    let (status, body) = app.call(&admin, "add_webhook", &[("name", "x"), ("url", &sink_ko), ("kind", "slack"), ("language", "fr")]).await;
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("\"language\"") && body.contains("one-of"), "{body}");
    let (status, _) =
        app.call(&admin, "add_webhook", &[("name", "broken"), ("url", "https://hooks.invalid/nowhere"), ("kind", "dooray")]).await;
    assert_eq!(status, 200, "a public-looking address is accepted (and fails at delivery)");
    // A gated export: its request carries an object storage password.
    let admin_actor = app.actor("admin").await;
    let mut p = domain::approvals::policy(&app.ctx, "backup_to_object_storage").await.unwrap();
    p.required = true;
    domain::approvals::set_policy(&app.ctx, admin_actor.grant().unwrap(), &p).await.unwrap();
    let alice = app.signed_in("alice").await;
    let id = instance_id(&app, &alice, "staging-db").await;
    let export = serde_json::json!({"backup_to_object_storage": {"body": {"tenantId": "t", "username": "u", "password": "HOOK-OBS-PW-3d1f", "targetContainer": "c", "objectPath": "p"}}});
    let v = ask(&app, &alice, &id, export, "weekly export to the archive").await;
    let req = v["Requested"]["approval"].as_i64().unwrap_or_else(|| panic!("expected a request: {v}"));
    let bob = app.signed_in("bob").await;
    app.call(&bob, "vote_approval", &[("id", &req.to_string()), ("approve", "true"), ("comment", "fine")]).await;
    let mut got = Vec::new();
    for _ in 0..100 {
        got = reqwest::get(&sink).await.unwrap().json::<Vec<serde_json::Value>>().await.unwrap();
        if got.len() >= 3 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let texts: Vec<String> = got.iter().map(|v| v["text"].as_str().unwrap_or("").to_string()).collect();
    assert!(texts.iter().any(|t| t.contains("created")), "{texts:?}");
    assert!(texts.iter().any(|t| t.contains("approved")), "{texts:?}");
    assert!(texts.iter().any(|t| t.contains("executed")), "{texts:?}");
    let everything = serde_json::to_string(&got).unwrap();
    assert!(!everything.contains("HOOK-OBS-PW-3d1f") && !everything.contains("sandbox-admin-secret"), "{everything}");
    assert!(!everything.contains("승인"), "the English webhook gets English only: {everything}");
    let mut korean = Vec::new();
    for _ in 0..100 {
        korean = reqwest::get(&sink_ko).await.unwrap().json::<Vec<serde_json::Value>>().await.unwrap();
        if korean.len() >= 3 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let texts: Vec<String> = korean.iter().map(|v| v["text"].as_str().unwrap_or("").to_string()).collect();
    assert!(texts.iter().any(|t| t.contains("승인 요청") && t.contains("생성됨")), "{texts:?}");
    assert!(texts.iter().any(|t| t.contains("승인됨")), "{texts:?}");
    assert!(
        texts.iter().any(|t| t.contains("실행됨") && t.contains("오브젝트 스토리지")),
        "the action is named by its Korean verb: {texts:?}"
    );
    assert!(!serde_json::to_string(&korean).unwrap().contains("HOOK-OBS-PW-3d1f"));
    let mut failures = 0;
    for _ in 0..100 {
        let (_, body) = app.call(&admin, "list_webhooks", &[]).await;
        let hooks: Vec<serde_json::Value> = serde_json::from_str(&body).unwrap();
        failures = hooks.iter().find(|h| h["name"] == "broken").unwrap()["failures"].as_i64().unwrap();
        if failures > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(failures > 0, "a failing webhook shows its failures to admins");
}

#[tokio::test]
async fn policy_changes_are_admin_only_and_audited() {
    let app = spawn_app().await;
    let bob = app.signed_in("bob").await;
    let policy = serde_json::json!({"policy": {"action": "delete_backup", "required": false, "approvals_needed": 1, "approver_roles": ["approver"], "open_hours": 24, "run_within_hours": 24, "customised": true}});
    let r = bob.post(format!("{}/api/set_policy", app.base)).json(&policy).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 403);
    assert!(r.text().await.unwrap().starts_with("{\"Forbidden\""));
    let admin = app.signed_in("admin").await;
    let r = admin.post(format!("{}/api/set_policy", app.base)).json(&policy).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert!(!domain::approvals::policy(&app.ctx, "delete_backup").await.unwrap().required);
    let rows: Vec<String> = sqlx::query_scalar("SELECT outcome FROM audit_events WHERE action = 'policy.set' ORDER BY id")
        .fetch_all(&app.ctx.pool)
        .await
        .unwrap();
    assert_eq!(rows, vec!["refused".to_string(), "succeeded".to_string()]);
}
