//! The audited gateway and the job tracker, through the real server.

use crate::common;
use common::spawn_app;
use std::time::Duration;

async fn instance_id(app: &common::TestApp, client: &reqwest::Client, name: &str) -> String {
    let (_, body) = app.call(client, "list_instances", &[]).await;
    let list: Vec<serde_json::Value> = serde_json::from_str(&body).unwrap();
    list.iter().find(|i| i["dbInstanceName"] == name).unwrap()["dbInstanceId"].as_str().unwrap().to_string()
}

/// Asks for `call` (`{"name": {"id": …, "body": …}}`) on the instance `id`
/// through the one change function, without a reason.
async fn act(app: &common::TestApp, client: &reqwest::Client, id: &str, call: serde_json::Value) -> (u16, String) {
    app.change(client, common::on_instance(call, id), "").await
}

fn ran(body: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(body).unwrap_or_else(|_| panic!("{body}"));
    v["Ran"]["job"].as_str().map(str::to_string)
}

async fn wait_job_finished(app: &common::TestApp, job: &str) -> domain::jobs::JobRow {
    for _ in 0..200 {
        if let Some(row) = domain::jobs::get(&app.ctx, job).await.unwrap() {
            if row.finished {
                return row;
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("job {job} never finished");
}

#[tokio::test]
async fn a_successful_action_is_audited_with_its_job_and_followed_to_the_end() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let id = instance_id(&app, &alice, "staging-db").await;
    let (status, body) =
        act(&app, &alice, &id, serde_json::json!({"backup_db_instance": {"body": {"backupName": "before-release"}}})).await;
    assert_eq!(status, 200, "{body}");
    let job = ran(&body).expect("a backup answers with a job");
    let row: (String, String, String, String, Option<String>, String) = sqlx::query_as(
        "SELECT actor_name, role, resource_name, outcome, job_id, summary FROM audit_events WHERE action = 'backup_db_instance' AND outcome <> 'intent'",
    )
    .fetch_one(&app.ctx.pool)
    .await
    .unwrap();
    assert_eq!(row.0, "alice");
    assert_eq!(row.1, "operator");
    assert_eq!(row.2, "staging-db");
    assert_eq!(row.3, "succeeded");
    assert_eq!(row.4.as_deref(), Some(job.as_str()));
    assert!(row.5.contains("before-release"));
    let finished = wait_job_finished(&app, &job).await;
    assert_eq!(finished.status, "COMPLETED");
    assert_eq!(finished.username, "alice");
    let ended: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'job.finished' AND job_id = ?")
        .bind(&job)
        .fetch_one(&app.ctx.pool)
        .await
        .unwrap();
    assert_eq!(ended, 1);
}

#[tokio::test]
async fn a_refusal_is_audited_and_nothing_is_sent() {
    let app = spawn_app().await;
    let victor = app.signed_in("victor").await;
    let id = instance_id(&app, &victor, "staging-db").await;
    let (status, body) = act(&app, &victor, &id, serde_json::json!({"backup_db_instance": {"body": {"backupName": "x"}}})).await;
    assert!(status == 403 && body.contains("Forbidden"), "{status} {body}");
    assert_eq!(app.hits("backup_db_instance").await, 0, "nothing reached upstream");
    let outcome: String =
        sqlx::query_scalar("SELECT outcome FROM audit_events WHERE action = 'backup_db_instance' AND actor_name = 'victor'")
            .fetch_one(&app.ctx.pool)
            .await
            .unwrap();
    assert_eq!(outcome, "refused");
}

#[tokio::test]
async fn an_upstream_refusal_is_audited_as_failed_with_its_code() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let id = instance_id(&app, &alice, "orders-db").await;
    let (status, body) = act(&app, &alice, &id, serde_json::json!({"start_db_instance": {}})).await;
    assert!(status >= 400 && body.contains("40900"), "already running: {body}");
    let (outcome, code): (String, Option<i64>) =
        sqlx::query_as("SELECT outcome, result_code FROM audit_events WHERE action = 'start_db_instance' AND outcome <> 'intent'")
            .fetch_one(&app.ctx.pool)
            .await
            .unwrap();
    assert_eq!(outcome, "failed");
    assert_eq!(code, Some(40900));
}

#[tokio::test]
async fn out_of_range_values_are_refused_before_the_call_and_audited() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let id = instance_id(&app, &alice, "staging-db").await;
    let (status, body) = act(&app, &alice, &id, serde_json::json!({"backup_db_instance": {"body": {"backupName": ""}}})).await;
    assert!(status == 422 && body.contains("backupName"), "{status} {body}");
    assert_eq!(app.hits("backup_db_instance").await, 0, "nothing reached upstream");
    let (outcome, msg): (String, String) =
        sqlx::query_as("SELECT outcome, result_message FROM audit_events WHERE action = 'backup_db_instance' AND outcome <> 'intent'")
            .fetch_one(&app.ctx.pool)
            .await
            .unwrap();
    assert_eq!(outcome, "refused");
    assert!(msg.contains("backupName"));
}

#[tokio::test]
async fn no_secret_reaches_an_audit_row() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let id = instance_id(&app, &alice, "staging-db").await;
    // Through the gateway directly: an object-storage export carries a password.
    let actor = domain::auth::resolve(
        &app.ctx,
        &{
            let sid: String = sqlx::query_scalar("SELECT sid FROM user_sessions ORDER BY created_at DESC LIMIT 1")
                .fetch_one(&app.ctx.pool)
                .await
                .unwrap();
            sid
        },
        &domain::Client::default(),
    )
    .await
    .unwrap();
    let target = rds::types::ObjectStorageTarget {
        tenant_id: "t".into(),
        username: "u".into(),
        password: "OBS-PASSWORD-91c2".into(),
        target_container: "/c".into(),
        object_path: "/p".into(),
    };
    let call = rds::Call::BackupToObjectStorage { id: rds::DbInstanceId::new(id.clone()), body: target };
    domain::change::request(&app.ctx, actor.grant().unwrap(), call, "").await.unwrap();
    let all: Vec<String> = sqlx::query_scalar("SELECT summary || result_message FROM audit_events").fetch_all(&app.ctx.pool).await.unwrap();
    assert!(all.iter().all(|r| !r.contains("OBS-PASSWORD-91c2")));
    assert!(all.iter().any(|r| r.contains("\"password\":\"***\"")));
}

#[tokio::test]
async fn jobs_in_flight_are_resumed_after_a_restart() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let id = instance_id(&app, &alice, "analytics").await;
    let (_, body) = act(&app, &alice, &id, serde_json::json!({"backup_db_instance": {"body": {"backupName": "restart-test"}}})).await;
    let job = ran(&body).unwrap();
    // Forget the job's progress as if pgdeck had stopped before following it,
    // then let a fresh tracker (a restarted pgdeck) pick it up from the table.
    sqlx::query("UPDATE jobs SET status = 'REGISTERED', finished = 0, finished_at = NULL WHERE job_id = ?")
        .bind(&job)
        .execute(&app.ctx.pool)
        .await
        .unwrap();
    let restarted = domain::Context::new(app.ctx.pool.clone(), (*app.ctx.settings).clone(), (*app.ctx.vault).clone()).unwrap();
    for _ in 0..100 {
        domain::jobs::poll_once(&restarted).await.unwrap();
        tokio::time::sleep(Duration::from_millis(50)).await;
        if domain::jobs::get(&restarted, &job).await.unwrap().unwrap().finished {
            break;
        }
    }
    let row = domain::jobs::get(&restarted, &job).await.unwrap().unwrap();
    assert!(row.finished);
    assert_eq!(row.status, "COMPLETED");
}

#[tokio::test]
async fn a_job_whose_credential_is_gone_says_why_it_cannot_be_followed() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let id = instance_id(&app, &alice, "analytics").await;
    let (_, body) = act(&app, &alice, &id, serde_json::json!({"backup_db_instance": {"body": {"backupName": "orphan"}}})).await;
    let job = ran(&body).unwrap();
    sqlx::query("DELETE FROM credentials WHERE user_id = (SELECT id FROM users WHERE username = 'alice')")
        .execute(&app.ctx.pool)
        .await
        .unwrap();
    sqlx::query("UPDATE jobs SET next_poll_at = 0, finished = 0 WHERE job_id = ?").bind(&job).execute(&app.ctx.pool).await.unwrap();
    let row = wait_job_finished(&app, &job).await;
    assert!(row.note.contains("credential set that started it was removed"), "{row:?}");
}

#[tokio::test]
async fn the_job_stream_pushes_changes_to_signed_in_members_only() {
    let app = spawn_app().await;
    let anon = app.browser().get(format!("{}/events/jobs", app.base)).send().await.unwrap();
    assert!(anon.status().as_u16() == 303 || anon.status().as_u16() == 401);
    let alice = app.signed_in("alice").await;
    let mut stream = alice.get(format!("{}/events/jobs", app.base)).send().await.unwrap();
    assert_eq!(stream.status().as_u16(), 200);
    let id = instance_id(&app, &alice, "staging-db").await;
    act(&app, &alice, &id, serde_json::json!({"backup_db_instance": {"body": {"backupName": "streamed"}}})).await;
    let mut seen = String::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while !seen.contains("COMPLETED") && tokio::time::Instant::now() < deadline {
        if let Ok(Ok(Some(chunk))) = tokio::time::timeout(Duration::from_secs(1), stream.chunk()).await {
            seen.push_str(&String::from_utf8_lossy(&chunk));
        }
    }
    assert!(seen.contains("event: job") && seen.contains("backup_db_instance") && seen.contains("COMPLETED"), "{seen}");
}

/// A live stream ends with its session: a member who signed out in another
/// tab receives no further job changes on a page left open.
#[tokio::test]
async fn the_job_stream_ends_when_its_session_does() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let mut stream = alice.get(format!("{}/events/jobs", app.base)).send().await.unwrap();
    assert_eq!(stream.status().as_u16(), 200);
    let id = instance_id(&app, &alice, "staging-db").await;
    let (status, _) = app.call(&alice, "sign_out", &[]).await;
    assert!(status < 400, "signed out");
    let admin = app.signed_in("admin").await;
    act(&app, &admin, &id, serde_json::json!({"backup_db_instance": {"body": {"backupName": "after-sign-out"}}})).await;
    let mut seen = String::new();
    let mut ended = false;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(8);
    while !ended && tokio::time::Instant::now() < deadline {
        match tokio::time::timeout(Duration::from_secs(1), stream.chunk()).await {
            Ok(Ok(Some(chunk))) => seen.push_str(&String::from_utf8_lossy(&chunk)),
            Ok(Ok(None)) | Ok(Err(_)) => ended = true,
            Err(_) => {}
        }
    }
    assert!(ended, "the stream ended with the session: {seen}");
    assert!(!seen.contains("event: job"), "nothing reached a signed-out member: {seen}");
}

/// One member holds at most `STREAMS_PER_MEMBER` live streams; a closed
/// page gives its seat back, and other members are not affected.
#[tokio::test]
async fn live_streams_are_bounded_per_member() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let url = format!("{}/events/jobs", app.base);
    let mut open = Vec::new();
    for n in 0..domain::STREAMS_PER_MEMBER {
        let r = alice.get(&url).send().await.unwrap();
        assert_eq!(r.status().as_u16(), 200, "stream {n}");
        open.push(r);
    }
    let refused = alice.get(&url).send().await.unwrap();
    assert_eq!(refused.status().as_u16(), 429);
    assert!(refused.text().await.unwrap().contains("close some"));
    let admin = app.signed_in("admin").await;
    assert_eq!(admin.get(&url).send().await.unwrap().status().as_u16(), 200, "another member is not affected");
    // Two pages close; the next event written finds them gone.
    open.truncate(domain::STREAMS_PER_MEMBER - 2);
    let id = instance_id(&app, &alice, "staging-db").await;
    act(&app, &alice, &id, serde_json::json!({"backup_db_instance": {"body": {"backupName": "frees-seats"}}})).await;
    let mut reopened = 0;
    for _ in 0..50 {
        let r = alice.get(&url).send().await.unwrap();
        if r.status().as_u16() == 200 {
            reopened += 1;
            open.push(r);
            if reopened == 2 {
                break;
            }
        } else {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    assert_eq!(reopened, 2, "both seats came back");
    assert_eq!(alice.get(&url).send().await.unwrap().status().as_u16(), 429, "and no more");
}

#[tokio::test]
async fn the_audit_page_search_and_export_follow_the_role() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let id = instance_id(&app, &alice, "staging-db").await;
    act(&app, &alice, &id, serde_json::json!({"backup_db_instance": {"body": {"backupName": "exported"}}})).await;
    let r = alice.post(format!("{}/api/search_audit", app.base)).json(&serde_json::json!({"query": {"actor": "", "action": "", "resource": "", "outcome": "", "from": "", "to": "", "text": "", "before_id": null}})).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 403, "operators do not read the audit log");
    assert!(r.text().await.unwrap().starts_with("{\"Forbidden\""));
    let audrey = app.signed_in("audrey").await;
    let r = audrey.post(format!("{}/api/search_audit", app.base)).json(&serde_json::json!({"query": {"actor": "alice", "action": "backup_db_instance", "resource": "", "outcome": "", "from": "", "to": "", "text": "", "before_id": null}})).send().await.unwrap();
    let rows: Vec<serde_json::Value> = r.json().await.unwrap();
    // The change's intent and its outcome, newest first, linked.
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows.iter().all(|r| r["resource_name"] == "staging-db"));
    assert_eq!((rows[0]["outcome"].as_str(), rows[1]["outcome"].as_str()), (Some("succeeded"), Some("intent")));
    assert_eq!(rows[0]["intent_id"], rows[1]["id"]);
    let csv = audrey.get(format!("{}/audit/export?format=csv&actor=alice", app.base)).send().await.unwrap().text().await.unwrap();
    assert!(csv.starts_with("id,at,actor_id,actor_name"));
    assert!(csv.lines().skip(1).all(|l| l.contains(",\"alice\",")), "{csv}");
    let jsonl = audrey.get(format!("{}/audit/export?format=jsonl", app.base)).send().await.unwrap().text().await.unwrap();
    assert!(jsonl.lines().all(|l| serde_json::from_str::<serde_json::Value>(l).is_ok()));
    let exported: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'audit.export' AND actor_name = 'audrey'")
        .fetch_one(&app.ctx.pool)
        .await
        .unwrap();
    assert_eq!(exported, 2);
    let denied = alice.get(format!("{}/audit/export?format=csv", app.base)).send().await.unwrap();
    assert_eq!(denied.status().as_u16(), 403);
}

/// The analytics instance's id, read through alice's credentials.
async fn analytics(app: &common::TestApp, alice: &domain::Actor) -> rds::ids::DbInstanceId {
    let creds = domain::credentials::acting(&app.ctx, alice.user_id).await.unwrap().1;
    app.ctx
        .rds
        .db_instances(&creds)
        .await
        .unwrap()
        .db_instances
        .into_iter()
        .find(|i| i.db_instance_name == "analytics")
        .unwrap()
        .db_instance_id
}

/// Turns analytics' deletion protection on or off through the gateway: a
/// cheap audited mutation that answers at once.
async fn protect(ctx: domain::Context, actor: domain::Actor, id: rds::ids::DbInstanceId, on: bool) -> Result<i64, domain::DomainError> {
    let call = rds::Call::ModifyDeletionProtection { id, body: rds::types::DeletionProtection { use_deletion_protection: on } };
    match domain::change::request(&ctx, actor.grant()?, call, "").await? {
        domain::change::Outcome::Ran { audit: Some(audit), .. } => Ok(audit),
        other => Err(domain::DomainError::Internal(anyhow::anyhow!("not run: {other:?}"))),
    }
}

/// Callers that arrive together share one write transaction (group commit):
/// every acknowledged mutation has its row, the hash chain stays whole, and a
/// caller that goes away mid-call holds nobody back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_mutations_share_commits_and_a_cancelled_caller_holds_nobody_back() {
    // Callers must overlap: the upstream budget would spread them out.
    let app = crate::common::spawn_app_with(|a| a.upstream_rate = Some("1000,1000".into())).await;
    let alice = app.actor("alice").await;
    let id = analytics(&app, &alice).await;
    let before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_events").fetch_one(&app.ctx.pool).await.unwrap();
    // Upstream takes a moment, so callers overlap as a team's do.
    let r = reqwest::Client::new()
        .put(format!("{}/_sandbox/faults", app.ctx.settings.api_base))
        .json(&serde_json::json!({ "latencyMs": 30 }))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success());
    let (commits_before, seated_before) = app.ctx.audit_commits();
    let mut tasks = Vec::new();
    for t in 0..16 {
        let (ctx, actor, id) = (app.ctx.clone(), alice.clone(), id.clone());
        tasks.push(tokio::spawn(async move {
            let mut acknowledged = Vec::new();
            for n in 0..10 {
                let done = protect(ctx.clone(), actor.clone(), id.clone(), (n + t) % 2 == 0).await.expect("mutation");
                acknowledged.push(done);
                // Every other task also starts a mutation and walks away from it.
                if t % 2 == 0 {
                    let _ = tokio::time::timeout(Duration::from_micros(200), protect(ctx.clone(), actor.clone(), id.clone(), true)).await;
                }
            }
            acknowledged
        }));
    }
    let mut acknowledged = Vec::new();
    for t in tasks {
        acknowledged.extend(t.await.unwrap());
    }
    assert_eq!(acknowledged.len(), 160);
    let (commits, seated) = app.ctx.audit_commits();
    let (commits, seated) = (commits - commits_before, seated - seated_before);
    assert!(seated >= 320, "every acknowledged mutation's intent and outcome had a seat: {seated}");
    assert!(commits * 3 <= seated, "callers shared commits: {commits} commits for {seated} seats");
    for audit_id in &acknowledged {
        let outcome: String =
            sqlx::query_scalar("SELECT outcome FROM audit_events WHERE id = ?").bind(audit_id).fetch_one(&app.ctx.pool).await.unwrap();
        assert_eq!(outcome, "succeeded");
    }
    let after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_events").fetch_one(&app.ctx.pool).await.unwrap();
    assert!(after - before >= 160, "{} rows for 160 acknowledged mutations", after - before);
    let check = domain::audit::verify(&app.ctx.pool, &app.ctx.vault).await.unwrap();
    assert_eq!(check.first_break, None);
    // Nothing was left holding the write lock.
    let last = tokio::time::timeout(Duration::from_secs(5), protect(app.ctx.clone(), alice.clone(), id.clone(), false)).await;
    assert!(matches!(last, Ok(Ok(_))), "a mutation after the burst must go through");
}

/// The settings tab's secrets — an object-storage password, a DB user's new
/// password — reach neither an audit row nor a stored approval request,
/// whether the action runs at once or waits for approval.
#[tokio::test]
async fn secrets_in_instance_actions_stay_out_of_audit_rows_and_approval_requests() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let id = instance_id(&app, &alice, "analytics").await;
    let users: Vec<serde_json::Value> = {
        let r = alice.post(format!("{}/api/instance_users", app.base)).form(&[("id", id.as_str())]).send().await.unwrap();
        serde_json::from_str(&r.text().await.unwrap()).unwrap()
    };
    let user_id = users[0]["dbUserId"].as_str().unwrap().to_string();
    let export = |password: &str| serde_json::json!({"backup_to_object_storage": {"body": {"tenantId": "t", "username": "u", "password": password, "targetContainer": "backups", "objectPath": "analytics/"}}});
    // At once (one job at a time: the instance is busy while one runs).
    let (status, body) =
        act(&app, &alice, &id, serde_json::json!({"modify_db_user": {"db_user_id": user_id, "body": {"dbPassword": "DBPW-NOW-51be"}}}))
            .await;
    assert_eq!(status, 200, "{body}");
    wait_job_finished(&app, &ran(&body).expect("a job")).await;
    let (status, body) = act(&app, &alice, &id, export("OBS-NOW-7f3a")).await;
    assert_eq!(status, 200, "{body}");
    // Gated: the request is stored, sealed, with the secret redacted.
    let admin = app.actor("admin").await;
    let mut p = domain::approvals::policy(&app.ctx, "backup_to_object_storage").await.unwrap();
    p.required = true;
    domain::approvals::set_policy(&app.ctx, admin.grant().unwrap(), &p).await.unwrap();
    let (_, body) = app.change(&alice, common::on_instance(export("OBS-LATER-c09d"), &id), "nightly export").await;
    assert!(body.contains("Requested"), "{body}");

    let audit: Vec<String> =
        sqlx::query_scalar("SELECT summary || coalesce(result_message, '') FROM audit_events").fetch_all(&app.ctx.pool).await.unwrap();
    let requests: Vec<String> = sqlx::query_scalar("SELECT command FROM approval_requests").fetch_all(&app.ctx.pool).await.unwrap();
    assert!(!requests.is_empty());
    for secret in ["OBS-NOW-7f3a", "DBPW-NOW-51be", "OBS-LATER-c09d"] {
        assert!(audit.iter().all(|r| !r.contains(secret)), "{secret} in an audit row");
        assert!(requests.iter().all(|r| !r.contains(secret)), "{secret} in an approval request");
    }
    // The exports that ran are on record, with their password replaced.
    let redacted = audit.iter().filter(|r| r.contains("\"password\":\"***\"")).count();
    assert!(redacted >= 2, "the export's intent and outcome rows keep the request, redacted: {redacted}");
    assert!(requests.iter().any(|r| r.contains("\"password\":\"***\"")), "the stored request shows the secret's place");
}

/// Two pgdecks in one process (as here, in tests) never share a write
/// transaction: each database gets exactly its own rows.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_databases_never_share_a_group_commit() {
    let apps = [spawn_app().await, spawn_app().await];
    let mut tasks = Vec::new();
    for app in &apps {
        let alice = app.actor("alice").await;
        let id = analytics(app, &alice).await;
        for n in 0..40 {
            tasks.push(tokio::spawn(protect(app.ctx.clone(), alice.clone(), id.clone(), n % 2 == 0)));
        }
    }
    for t in tasks {
        t.await.unwrap().expect("mutation");
    }
    for app in &apps {
        let rows: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'modify_deletion_protection' AND intent_id IS NOT NULL")
                .fetch_one(&app.ctx.pool)
                .await
                .unwrap();
        assert_eq!(rows, 40);
        assert_eq!(domain::audit::verify(&app.ctx.pool, &app.ctx.vault).await.unwrap().first_break, None);
    }
}
