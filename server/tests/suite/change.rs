//! The typed change path: write-ahead audit, no lock held across upstream,
//! every policy effective, refusals with their HTTP meaning, jobs that never
//! stall each other.

use crate::common;
use common::{on_instance, spawn_app};
use std::time::Duration;

async fn instance_id(app: &common::TestApp, client: &reqwest::Client, name: &str) -> String {
    let (_, body) = app.call(client, "list_instances", &[]).await;
    let list: Vec<serde_json::Value> = serde_json::from_str(&body).unwrap();
    list.iter().find(|i| i["dbInstanceName"] == name).unwrap()["dbInstanceId"].as_str().unwrap().to_string()
}

async fn set_latency(app: &common::TestApp, ms: u64) {
    let r = reqwest::Client::new()
        .put(format!("{}/_sandbox/faults", app.ctx.settings.api_base))
        .json(&serde_json::json!({ "latencyMs": ms }))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success());
}

/// Waits until an intent row of `action` is committed; answers its id.
async fn intent_of(app: &common::TestApp, action: &str) -> i64 {
    for _ in 0..200 {
        let id: Option<i64> = sqlx::query_scalar("SELECT id FROM audit_events WHERE action = ? AND outcome = 'intent'")
            .bind(action)
            .fetch_optional(&app.ctx.pool)
            .await
            .unwrap();
        if let Some(id) = id {
            return id;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("no intent of {action} was written");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_intent_is_durable_before_the_call_and_the_outcome_names_it() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let id = instance_id(&app, &alice, "staging-db").await;
    set_latency(&app, 800).await;
    let before = app.hits("backup_db_instance").await;
    let task = {
        let (base, alice) = (app.base.clone(), alice.clone());
        let call = on_instance(serde_json::json!({"backup_db_instance": {"body": {"backupName": "wal"}}}), &id);
        tokio::spawn(async move {
            alice.post(format!("{base}/api/request_change")).json(&serde_json::json!({"call": call, "reason": ""})).send().await.unwrap()
        })
    };
    // While upstream is still answering, the intent is already on record
    // and no outcome is.
    let intent = intent_of(&app, "backup_db_instance").await;
    assert!(!task.is_finished(), "the call was still under way when its intent was committed");
    let outcomes: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE intent_id = ?").bind(intent).fetch_one(&app.ctx.pool).await.unwrap();
    assert_eq!(outcomes, 0);
    let r = task.await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let (outcome, job): (String, Option<String>) =
        sqlx::query_as("SELECT outcome, job_id FROM audit_events WHERE intent_id = ?").bind(intent).fetch_one(&app.ctx.pool).await.unwrap();
    assert_eq!(outcome, "succeeded");
    assert!(job.is_some());
    assert_eq!(app.hits("backup_db_instance").await, before + 1, "sent exactly once");
    let v = domain::audit::verify(&app.ctx.pool, &app.ctx.vault).await.unwrap();
    assert_eq!((v.first_break, v.open_intents), (None, 0));
}

/// With upstream slow and a change in flight, other members sign in, read
/// and vote at once: no database lock is held across the upstream call.
/// Each of them is answered, and their rows are written, before alice's
/// call comes back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_upstream_call_blocks_no_other_member() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let id = instance_id(&app, &alice, "staging-db").await;
    // A request for bob to vote on, filed while upstream is quick.
    let (_, body) = app.change(&alice, on_instance(serde_json::json!({"stop_db_instance": {}}), &id), "quiet night").await;
    let req = serde_json::from_str::<serde_json::Value>(&body).unwrap()["Requested"]["approval"].as_i64().expect("a request");
    set_latency(&app, 3000).await;
    let task = {
        let (base, alice) = (app.base.clone(), alice.clone());
        let call = on_instance(serde_json::json!({"backup_db_instance": {"body": {"backupName": "slow"}}}), &id);
        tokio::spawn(async move {
            alice.post(format!("{base}/api/request_change")).json(&serde_json::json!({"call": call, "reason": ""})).send().await.unwrap()
        })
    };
    let intent = intent_of(&app, "backup_db_instance").await;
    // Sign-ins, sessions, votes and audit rows all write to SQLite.
    let bob = app.signed_in("bob").await;
    let carol = app.signed_in("carol").await;
    let (status, _) = app.call(&bob, "my_sessions", &[]).await;
    assert_eq!(status, 200);
    let (status, body) =
        app.call(&bob, "vote_approval", &[("id", &req.to_string()), ("approve", "false"), ("comment", "not tonight")]).await;
    assert_eq!(status, 200, "{body}");
    let (status, _) = app.call(&carol, "list_policies", &[]).await;
    assert_eq!(status, 403, "a refusal, audited, is a write too");
    assert!(!task.is_finished(), "others were answered while alice's call was still with upstream");
    assert_eq!(task.await.unwrap().status().as_u16(), 200);
    // The order of the rows says the same: bob's vote and carol's refusal
    // were committed before alice's outcome.
    let outcome: i64 =
        sqlx::query_scalar("SELECT id FROM audit_events WHERE intent_id = ?").bind(intent).fetch_one(&app.ctx.pool).await.unwrap();
    for (outcome_of, who) in [("succeeded", "bob"), ("refused", "carol")] {
        let action = if who == "bob" { "approval.reject" } else { "refused list_policies" };
        let row: i64 = sqlx::query_scalar(
            "SELECT id FROM audit_events WHERE actor_name = ? AND outcome = ? AND (action = 'approval.reject' OR ? = 'refused')",
        )
        .bind(who)
        .bind(outcome_of)
        .bind(outcome_of)
        .fetch_one(&app.ctx.pool)
        .await
        .unwrap_or_else(|e| panic!("{action} by {who}: {e}"));
        assert!(
            intent < row && row < outcome,
            "{action} by {who} (row {row}) was written while alice's call was out ({intent}..{outcome})"
        );
    }
}

/// Calls of `name` that reached the emulator, served or not.
async fn arrivals(app: &common::TestApp, name: &str) -> u64 {
    let hits: std::collections::HashMap<String, u64> =
        reqwest::get(format!("{}/_sandbox/arrivals", app.ctx.settings.api_base)).await.unwrap().json().await.unwrap();
    hits.get(name).copied().unwrap_or(0)
}

/// A member who stops waiting (the caller's task dropped with its call in
/// flight: a closed tab) does not cut the change short: its outcome is
/// recorded as if they had stayed, it reached upstream once, and nothing is
/// left for start-up to settle. (A real stop between intent and outcome is
/// `crash::a_kill_between_intent_and_outcome_…`.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_caller_that_stops_waiting_does_not_cut_its_change_short() {
    let app = spawn_app().await;
    let alice = app.actor("alice").await;
    let signed = app.signed_in("alice").await;
    let id = instance_id(&app, &signed, "analytics").await;
    set_latency(&app, 800).await;
    let call = rds::Call::ModifyDeletionProtection {
        id: rds::DbInstanceId::new(id.clone()),
        body: rds::types::DeletionProtection { use_deletion_protection: true },
    };
    let task = {
        let (ctx, alice, call) = (app.ctx.clone(), alice.clone(), call.clone());
        tokio::spawn(async move { domain::change::request(&ctx, alice.grant().unwrap(), call, "").await })
    };
    let intent = intent_of(&app, "modify_deletion_protection").await;
    task.abort();
    assert!(task.await.unwrap_err().is_cancelled(), "the caller went away before the answer");
    let mut outcome = None;
    for _ in 0..100 {
        outcome = sqlx::query_as::<_, (String, String)>("SELECT outcome, actor_name FROM audit_events WHERE intent_id = ?")
            .bind(intent)
            .fetch_optional(&app.ctx.pool)
            .await
            .unwrap();
        if outcome.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(outcome, Some(("succeeded".to_string(), "alice".to_string())), "the change ran to its end and is on record");
    set_latency(&app, 0).await;
    assert_eq!(arrivals(&app, "modify_deletion_protection").await, 1, "sent once");
    assert_eq!(domain::gateway::settle_intents(&app.ctx).await.unwrap(), 0, "nothing left open for start-up");
    let v = domain::audit::verify(&app.ctx.pool, &app.ctx.vault).await.unwrap();
    assert_eq!((v.first_break, v.open_intents), (None, 0));
}

/// `audit verify` understands the pair: an outcome pointing at no intent,
/// or completing one twice, is a break.
#[tokio::test]
async fn verify_refuses_an_outcome_without_its_intent() {
    let app = spawn_app().await;
    let key = domain::audit::chain_key(&app.ctx.vault);
    let mut tx = domain::db::begin(&app.ctx.pool).await.unwrap();
    let e = domain::audit::Entry::system("start_db_instance").completes(999_999).succeeded();
    domain::audit::append(&mut tx, &key, &e).await.unwrap();
    tx.commit().await.unwrap();
    let v = domain::audit::verify(&app.ctx.pool, &app.ctx.vault).await.unwrap();
    assert!(v.first_break.as_deref().is_some_and(|b| b.contains("no open intent")), "{v:?}");
}

/// Gating "create db instance" now takes effect: the create becomes a
/// request, and once approved the instance is created as the requester.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_gated_create_becomes_a_request_and_runs_as_the_requester_once_approved() {
    let app = spawn_app().await;
    let admin = app.actor("admin").await;
    let mut p = domain::approvals::policy(&app.ctx, "create_db_instance").await.unwrap();
    p.required = true;
    domain::approvals::set_policy(&app.ctx, admin.grant().unwrap(), &p).await.unwrap();
    let alice = app.signed_in("alice").await;
    let (_, body) = app.call(&alice, "create_choices", &[]).await;
    let c: serde_json::Value = serde_json::from_str(&body).unwrap();
    let version = c["versions"][0]["dbVersion"].as_str().unwrap();
    let pg =
        c["parameterGroups"].as_array().or(c["parameter_groups"].as_array()).unwrap().iter().find(|g| g["dbVersion"] == version).unwrap()
            ["parameterGroupId"]
            .as_str()
            .unwrap()
            .to_string();
    let call = serde_json::json!({"create_db_instance": {"body": {
        "dbInstanceName": "gated-create", "dbFlavorId": c["flavors"][0]["dbFlavorId"], "dbVersion": version, "dbPort": 5432,
        "databaseName": "app", "dbUserName": "owner", "dbPassword": "CREATE-PW-aa41", "parameterGroupId": pg,
        "network": {"subnetId": c["subnets"][0]["subnetId"], "usePublicAccess": false},
        "storage": {"storageType": "General SSD", "storageSize": 20},
        "backup": {"backupPeriod": 1, "backupRetryCount": 6, "backupSchedules": [{"backupWndBgnTime": "00:00:00", "backupWndDuration": "ONE_HOUR"}]}
    }}});
    let before = app.hits("create_db_instance").await;
    let (status, body) = app.change(&alice, call, "a new service needs a database").await;
    assert_eq!(status, 200, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    let req = v["Requested"]["approval"].as_i64().unwrap_or_else(|| panic!("a request, not a run: {body}"));
    assert_eq!(app.hits("create_db_instance").await, before, "nothing was sent before approval");
    let stored: String =
        sqlx::query_scalar("SELECT command FROM approval_requests WHERE id = ?").bind(req).fetch_one(&app.ctx.pool).await.unwrap();
    assert!(stored.contains("gated-create") && !stored.contains("CREATE-PW-aa41"), "{stored}");
    let bob = app.signed_in("bob").await;
    let (status, body) = app.call(&bob, "vote_approval", &[("id", &req.to_string()), ("approve", "true"), ("comment", "fine")]).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(app.hits("create_db_instance").await, before + 1);
    let (actor, outcome, approval): (String, String, Option<i64>) = sqlx::query_as(
        "SELECT actor_name, outcome, approval_id FROM audit_events WHERE action = 'create_db_instance' AND intent_id IS NOT NULL",
    )
    .fetch_one(&app.ctx.pool)
    .await
    .unwrap();
    assert_eq!((actor.as_str(), outcome.as_str(), approval), ("alice", "succeeded", Some(req)));
    let job: String =
        sqlx::query_scalar("SELECT username FROM jobs WHERE action = 'create_db_instance'").fetch_one(&app.ctx.pool).await.unwrap();
    assert_eq!(job, "alice");
}

/// Refusals answer with their HTTP meaning, and a vote that comes too late
/// is refused on the record.
#[tokio::test]
async fn refusals_carry_their_http_status_and_late_votes_are_audited() {
    let app = spawn_app().await;
    let victor = app.signed_in("victor").await;
    let id = instance_id(&app, &victor, "staging-db").await;
    let (status, body) = app.change(&victor, on_instance(serde_json::json!({"start_db_instance": {}}), &id), "").await;
    assert_eq!(status, 403, "{body}");
    let alice = app.signed_in("alice").await;
    let (status, body) =
        app.change(&alice, on_instance(serde_json::json!({"backup_db_instance": {"body": {"backupName": ""}}}), &id), "").await;
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("backupName"));
    let (status, _) = app.call(&alice, "vote_approval", &[("id", "424242"), ("approve", "true"), ("comment", "x")]).await;
    assert_eq!(status, 404);
    // A request approved by bob: carol's vote arrives after it closed.
    let (_, body) = app.change(&alice, on_instance(serde_json::json!({"stop_db_instance": {}}), &id), "disk maintenance").await;
    let req = serde_json::from_str::<serde_json::Value>(&body).unwrap()["Requested"]["approval"].as_i64().unwrap();
    let bob = app.signed_in("bob").await;
    app.call(&bob, "vote_approval", &[("id", &req.to_string()), ("approve", "true"), ("comment", "ok")]).await;
    let carol = app.signed_in("carol").await;
    let (status, body) = app.call(&carol, "vote_approval", &[("id", &req.to_string()), ("approve", "true"), ("comment", "late")]).await;
    assert_eq!(status, 409, "{body}");
    assert!(body.contains("votes are closed"), "{body}");
    let refused: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_events WHERE action = 'approval.approve' AND actor_name = 'carol' AND outcome = 'refused'",
    )
    .fetch_one(&app.ctx.pool)
    .await
    .unwrap();
    assert_eq!(refused, 1);
}

/// One job whose poll keeps failing (its credential unreadable) never
/// stalls the jobs behind it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_whose_poll_fails_does_not_stall_the_others() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let bob = app.signed_in("bob").await;
    let staging = instance_id(&app, &alice, "staging-db").await;
    let analytics = instance_id(&app, &alice, "analytics").await;
    let job_of = |body: String| serde_json::from_str::<serde_json::Value>(&body).unwrap()["Ran"]["job"].as_str().unwrap().to_string();
    let (_, a) =
        app.change(&alice, on_instance(serde_json::json!({"backup_db_instance": {"body": {"backupName": "a"}}}), &staging), "").await;
    let (_, b) =
        app.change(&bob, on_instance(serde_json::json!({"backup_db_instance": {"body": {"backupName": "b"}}}), &analytics), "").await;
    let (stuck, fine) = (job_of(a), job_of(b));
    // Alice's sealed credential is damaged: opening it fails on every poll.
    sqlx::query("UPDATE credentials SET secret_enc = x'00' WHERE user_id = (SELECT id FROM users WHERE username = 'alice')")
        .execute(&app.ctx.pool)
        .await
        .unwrap();
    // Alice's job is due first on every round.
    sqlx::query("UPDATE jobs SET next_poll_at = 0 WHERE job_id = ?").bind(&stuck).execute(&app.ctx.pool).await.unwrap();
    let mut done = false;
    for _ in 0..200 {
        domain::jobs::poll_once(&app.ctx).await.unwrap();
        if domain::jobs::get(&app.ctx, &fine).await.unwrap().unwrap().finished {
            done = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(done, "bob's job was followed to its end");
    let row = domain::jobs::get(&app.ctx, &stuck).await.unwrap().unwrap();
    assert!(!row.finished && row.note.contains("could not follow"), "{row:?}");
}

/// A member who stops waiting (a closed tab, a dropped connection) while a
/// change is with upstream does not cut it short: the change gets its
/// outcome row and its job is followed, as if they had stayed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_runs_to_its_end_when_its_member_stops_waiting() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let id = instance_id(&app, &alice, "staging-db").await;
    set_latency(&app, 800).await;
    let call = on_instance(serde_json::json!({"backup_db_instance": {"body": {"backupName": "left"}}}), &id);
    let asking = {
        let (base, alice) = (app.base.clone(), alice.clone());
        tokio::spawn(async move {
            alice.post(format!("{base}/api/request_change")).json(&serde_json::json!({"call": call, "reason": ""})).send().await
        })
    };
    // Once the intent is on record the call is with upstream; the member
    // leaves then, closing the connection.
    let intent = intent_of(&app, "backup_db_instance").await;
    asking.abort();
    assert!(asking.await.unwrap_err().is_cancelled(), "the member left before the answer");
    // Upstream answers after 800 ms; the outcome follows.
    let mut outcome = None;
    for _ in 0..100 {
        outcome = sqlx::query_as::<_, (String, Option<String>)>("SELECT outcome, job_id FROM audit_events WHERE intent_id = ?")
            .bind(intent)
            .fetch_optional(&app.ctx.pool)
            .await
            .unwrap();
        if outcome.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let (outcome, job) = outcome.expect("the change has its outcome row although its member left");
    assert_eq!(outcome, "succeeded");
    let job = job.expect("the outcome names the upstream job");
    let followed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM jobs WHERE job_id = ?").bind(&job).fetch_one(&app.ctx.pool).await.unwrap();
    assert_eq!(followed, 1, "the job is followed");
    assert_eq!(app.hits("backup_db_instance").await, 1, "sent once");
}
