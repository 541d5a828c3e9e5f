//! Where the guide and the service differ (docs/upstream-api.md), through
//! the real router, with the sandbox switched to each behaviour.

use crate::common;
use common::spawn_app;
use serde_json::{json, Value};
use std::time::Duration;

async fn faults(app: &common::TestApp, f: Value) {
    let r = reqwest::Client::new().put(format!("{}/_sandbox/faults", app.ctx.settings.api_base)).json(&f).send().await.unwrap();
    assert!(r.status().is_success());
}

async fn security_group(app: &common::TestApp, client: &reqwest::Client) -> (String, String) {
    let (_, groups) = app.call(client, "access_groups", &[]).await;
    let groups: Value = serde_json::from_str(&groups).unwrap();
    // (parameter groups, security groups)
    (groups[1][0]["id"].as_str().unwrap().to_string(), groups[1][0]["name"].as_str().unwrap().to_string())
}

#[tokio::test]
async fn a_description_only_edit_of_a_security_group_is_sent_with_its_name() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let (id, name) = security_group(&app, &alice).await;
    let (status, body) =
        app.change(&alice, json!({"modify_db_security_group": {"group_id": id, "body": {"description": "partner VPN, 2027"}}}), "").await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("Ran"), "{body}");
    let (_, groups) = app.call(&alice, "access_groups", &[]).await;
    let groups: Value = serde_json::from_str(&groups).unwrap();
    let g = groups[1].as_array().unwrap().iter().find(|g| g["id"] == id.as_str()).unwrap();
    assert_eq!((g["name"].as_str().unwrap(), g["description"].as_str().unwrap()), (name.as_str(), "partner VPN, 2027"));
    let summary: String =
        sqlx::query_scalar("SELECT summary FROM audit_events WHERE action = 'modify_db_security_group' AND intent_id IS NOT NULL")
            .fetch_one(&app.ctx.pool)
            .await
            .unwrap();
    assert!(summary.contains(&format!("\"dbSecurityGroupName\":\"{name}\"")), "the name was sent: {summary}");
}

#[tokio::test]
async fn a_security_group_without_rules_is_refused_before_upstream() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let (status, body) =
        app.change(&alice, json!({"create_db_security_group": {"body": {"dbSecurityGroupName": "empty-sg", "rules": []}}}), "").await;
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("\"rules\"") && body.contains("at least one rule"), "{body}");
    assert_eq!(app.hits("create_db_security_group").await, 0);
}

/// Jobs answer on `/v3.0/jobs/…` only: pgdeck finds the path, follows the
/// job to its end, and keeps the path for the region.
#[tokio::test]
async fn jobs_end_when_the_region_answers_on_the_other_path() {
    let app = spawn_app().await;
    faults(&app, json!({"jobsPath": "v3.0"})).await;
    let alice = app.signed_in("alice").await;
    let (_, list) = app.call(&alice, "list_instances", &[]).await;
    let list: Vec<Value> = serde_json::from_str(&list).unwrap();
    let id = list.iter().find(|i| i["dbInstanceName"] == "analytics").unwrap()["dbInstanceId"].as_str().unwrap().to_string();
    let (status, body) = app.change(&alice, json!({"backup_db_instance": {"id": id, "body": {"backupName": "v3-path"}}}), "").await;
    assert_eq!(status, 200, "{body}");
    let job = serde_json::from_str::<Value>(&body).unwrap()["Ran"]["job"].as_str().expect("a job").to_string();
    let mut ended = None;
    for _ in 0..100 {
        let j = domain::jobs::get(&app.ctx, &job).await.unwrap().unwrap();
        if j.finished {
            ended = Some(j.status);
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(ended.as_deref(), Some("COMPLETED"));
    assert_eq!(app.ctx.rds.job_path(&app.ctx.settings.api_base), Some("/v3.0/jobs/"));
}

/// Refusals answered with HTTP error statuses and a JSON header: the
/// member reads upstream's own words, and an expired token answered with
/// HTTP 401 is renewed.
#[tokio::test]
async fn upstreams_words_reach_the_member_when_it_answers_with_http_errors() {
    let app = spawn_app().await;
    faults(&app, json!({"httpStatus": true})).await;
    let alice = app.signed_in("alice").await;
    let (status, body) = app.call(&alice, "instance_overview", &[("id", "no-such-instance")]).await;
    assert_eq!(status, 404, "{body}");
    assert!(body.contains("DB instance not found") && !body.contains("HTTP 404"), "upstream's words, not a bare status: {body}");
    // Tokens revoked upstream: the next read renews and succeeds.
    let r = reqwest::Client::new().delete(format!("{}/_sandbox/tokens", app.ctx.settings.api_base)).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 204);
    let (status, body) = app.call(&alice, "list_instances", &[]).await;
    assert_eq!(status, 200, "{body}");
}

async fn start_backup(app: &common::TestApp, client: &reqwest::Client, name: &str) -> String {
    let (_, list) = app.call(client, "list_instances", &[]).await;
    let list: Vec<Value> = serde_json::from_str(&list).unwrap();
    let id = list.iter().find(|i| i["dbInstanceName"] == "analytics").unwrap()["dbInstanceId"].as_str().unwrap().to_string();
    let (status, body) = app.change(client, json!({"backup_db_instance": {"id": id, "body": {"backupName": name}}}), "").await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_str::<Value>(&body).unwrap()["Ran"]["job"].as_str().expect("a job").to_string()
}

async fn job_row(app: &common::TestApp, job: &str) -> (String, bool, String) {
    sqlx::query_as("SELECT status, finished, note FROM jobs WHERE job_id = ?").bind(job).fetch_one(&app.ctx.pool).await.unwrap()
}

/// States later material names end a job as failed; a state nobody knows,
/// unchanged for long, ends it with its outcome unknown: no job is
/// followed for ever.
#[tokio::test]
async fn jobs_in_states_beyond_the_guide_end() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    faults(&app, json!({"jobState": "CANNOT_PROGRESS"})).await;
    let job = start_backup(&app, &alice, "cannot-progress").await;
    let mut row = job_row(&app, &job).await;
    for _ in 0..100 {
        row = job_row(&app, &job).await;
        if row.1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!((row.0.as_str(), row.1), ("CANNOT_PROGRESS", true), "a known failure state ends the job");

    faults(&app, json!({"jobState": "MIGRATING_SOMEWHERE"})).await;
    let job = start_backup(&app, &alice, "mystery-state").await;
    for _ in 0..100 {
        if job_row(&app, &job).await.0 == "MIGRATING_SOMEWHERE" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(!job_row(&app, &job).await.1, "an unknown state is followed while it may still change");
    // An hour on (PGDECK_UNKNOWN_JOB_STATE_MINUTES): the state has not moved since.
    sqlx::query("UPDATE jobs SET updated_at = '2000-01-01T00:00:00.000Z' WHERE job_id = ?")
        .bind(&job)
        .execute(&app.ctx.pool)
        .await
        .unwrap();
    let mut row = job_row(&app, &job).await;
    for _ in 0..150 {
        row = job_row(&app, &job).await;
        if row.1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(row.1, "ended");
    assert!(row.2.contains("outcome unknown") && row.2.contains("MIGRATING_SOMEWHERE"), "{}", row.2);
    let outcome: String = sqlx::query_scalar("SELECT outcome FROM audit_events WHERE action = 'job.finished' AND job_id = ?")
        .bind(&job)
        .fetch_one(&app.ctx.pool)
        .await
        .unwrap();
    assert_eq!(outcome, "unknown");
}

/// Saving credentials makes a first connection at once and says, in words,
/// what it found: the versions and the form of their codes, the instances
/// visible and the path jobs answer on — or why it failed.
#[tokio::test]
async fn saving_credentials_reports_what_the_first_connection_found() {
    let app = spawn_app().await;
    faults(&app, json!({"jobsPath": "v3.0"})).await;
    let bob = app.signed_in("bob").await;
    let add = |label: &'static str, secret: &'static str| {
        let (bob, app) = (bob.clone(), &app);
        async move {
            let form = [
                ("label", label),
                ("api_base", ""),
                ("appkey", "sandbox-appkey"),
                ("access_key_id", "sandbox-admin"),
                ("secret_access_key", secret),
            ];
            let (status, body) = app.call(&bob, "add_credential", &form).await;
            assert_eq!(status, 200, "{body}");
            let list: Vec<Value> = serde_json::from_str(&app.call(&bob, "my_credentials", &[]).await.1).unwrap();
            let c = list.iter().find(|c| c["label"] == label).unwrap().clone();
            (c["last_test_ok"].clone(), c["last_test_message"].as_str().unwrap_or_default().to_string())
        }
    };
    let (ok, words) = add("second project", "sandbox-admin-secret").await;
    assert_eq!(ok, json!(true), "{words}");
    for part in ["DB versions", "newest PostgreSQL V17.6", "current form", "DB instances visible", "jobs answer on /v3.0/jobs/"] {
        assert!(words.contains(part), "{part:?} in {words:?}");
    }
    let (ok, words) = add("wrong secret", "not-the-secret").await;
    assert_eq!(ok, json!(false), "{words}");
    assert!(words.contains("token"), "{words}");
}

/// A read replica asked with only a name (as the guide allows) is sent with
/// the source's settings filled in: such a body was refused live.
#[tokio::test]
async fn a_replica_asked_with_only_a_name_is_sent_with_the_sources_settings() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let (_, list) = app.call(&alice, "list_instances", &[]).await;
    let list: Vec<Value> = serde_json::from_str(&list).unwrap();
    let id = list.iter().find(|i| i["dbInstanceName"] == "analytics").unwrap()["dbInstanceId"].as_str().unwrap().to_string();
    let (status, body) =
        app.change(&alice, json!({"replicate_db_instance": {"id": id, "body": {"dbInstanceName": "analytics-ro"}}}), "").await;
    assert_eq!(status, 200, "{body}");
    let summary: String =
        sqlx::query_scalar("SELECT summary FROM audit_events WHERE action = 'replicate_db_instance' AND outcome = 'intent'")
            .fetch_one(&app.ctx.pool)
            .await
            .unwrap();
    let sent: Value = serde_json::from_str(&summary).unwrap();
    let body = &sent["replicate_db_instance"]["body"];
    for field in ["dbFlavorId", "dbPort", "parameterGroupId", "dbSecurityGroupIds"] {
        assert!(!body[field].is_null(), "{field} sent: {body}");
    }
    assert!(body["network"]["availabilityZone"].as_str().is_some_and(|z| !z.is_empty()), "{body}");
    assert!(body["storage"]["storageType"].as_str().is_some() && body["storage"]["storageSize"].as_u64().is_some(), "{body}");
}

/// Modify DB security group: whether upstream insists on the name (the
/// service) or not (the guide's table), a description-only edit lands.
#[tokio::test]
async fn a_description_only_edit_lands_whether_or_not_upstream_needs_the_name() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let (id, name) = security_group(&app, &alice).await;
    for (optional, words) in [(true, "the guide's table"), (false, "the service")] {
        faults(&app, json!({"securityGroupNameOptional": optional})).await;
        let (status, body) =
            app.change(&alice, json!({"modify_db_security_group": {"group_id": id, "body": {"description": words}}}), "").await;
        assert_eq!(status, 200, "{body}");
        assert!(body.contains("Ran"), "{body}");
        let (_, groups) = app.call(&alice, "access_groups", &[]).await;
        let groups: Value = serde_json::from_str(&groups).unwrap();
        let g = groups[1].as_array().unwrap().iter().find(|g| g["id"] == id.as_str()).unwrap();
        assert_eq!((g["name"].as_str().unwrap(), g["description"].as_str().unwrap()), (name.as_str(), words));
    }
}

async fn maintenance(app: &common::TestApp, client: &reqwest::Client, id: &str) -> Value {
    let (status, body) = app.call(client, "instance_overview", &[("id", id)]).await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_str::<Value>(&body).unwrap()["maintenance"].clone()
}

/// Maintenance settings: saved as a job to follow (the current guide) or at
/// once with no job (the edition pgdeck was built from); either way the
/// change ends and the settings read back as sent.
#[tokio::test]
async fn maintenance_settings_are_saved_with_or_without_a_job() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let (_, list) = app.call(&alice, "list_instances", &[]).await;
    let list: Vec<Value> = serde_json::from_str(&list).unwrap();
    let id = list.iter().find(|i| i["dbInstanceName"] == "analytics").unwrap()["dbInstanceId"].as_str().unwrap().to_string();
    for (without_job, start, days) in [(true, "02:30:00", 14), (false, "04:00:00", 30)] {
        faults(&app, json!({"maintenanceWithoutJob": without_job})).await;
        let settings = json!({"allowAutoMaintenance": true, "useAutoStorageCleanup": false, "maintWndBgnTime": start,
            "maintWndDuration": "ONE_HOUR", "logRetentionPeriod": days});
        let (status, body) = app.change(&alice, json!({"modify_maintenance_info": {"id": id, "body": settings}}), "").await;
        assert_eq!(status, 200, "{body}");
        let job = serde_json::from_str::<Value>(&body).unwrap()["Ran"]["job"].as_str().map(str::to_string);
        assert_eq!(job.is_none(), without_job, "a job only when upstream answers one: {body}");
        if let Some(job) = job {
            for _ in 0..100 {
                if domain::jobs::get(&app.ctx, &job).await.unwrap().unwrap().finished {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            assert_eq!(job_row(&app, &job).await.0, "COMPLETED");
        }
        let m = maintenance(&app, &alice, &id).await;
        assert_eq!((m["maintWndBgnTime"].as_str(), m["logRetentionPeriod"].as_u64()), (Some(start), Some(days)), "{m}");
    }
}

/// Version codes switched to the earlier form while pgdeck runs: the create
/// form lists them as upstream does, names them the same way, and a
/// parameter group made from the listed code is kept in that form.
#[tokio::test]
async fn version_codes_switched_to_the_earlier_form_still_make_a_parameter_group() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    for (legacy, code) in [(false, "POSTGRESQL_V17_6"), (true, "POSTGRESQL_V176")] {
        faults(&app, json!({"legacyVersionCodes": legacy})).await;
        let (status, body) = app.call(&alice, "create_choices", &[]).await;
        assert_eq!(status, 200, "{body}");
        let choices: Value = serde_json::from_str(&body).unwrap();
        let listed: Vec<&str> = choices["versions"].as_array().unwrap().iter().filter_map(|v| v["dbVersion"].as_str()).collect();
        assert!(listed.contains(&code), "{listed:?}");
        let name = format!("pg17-{}", if legacy { "earlier" } else { "current" });
        let (status, body) =
            app.change(&alice, json!({"create_parameter_group": {"body": {"parameterGroupName": name, "dbVersion": code}}}), "").await;
        assert_eq!(status, 200, "{body}");
        let created = serde_json::from_str::<Value>(&body).unwrap()["Ran"]["created"].as_str().expect("an id").to_string();
        let (status, body) = app.call(&alice, "parameter_group", &[("id", &created)]).await;
        assert_eq!(status, 200, "{body}");
        assert!(body.contains(&format!("\"{code}\"")), "kept as listed: {body}");
    }
}

/// Deleting a security group an instance uses is refused when the
/// confirmation opens — before a reason is asked for or a request filed.
#[tokio::test]
async fn the_confirmation_refuses_deleting_a_security_group_in_use_before_asking_why() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let (_, list) = app.call(&alice, "list_instances", &[]).await;
    let list: Vec<Value> = serde_json::from_str(&list).unwrap();
    let id = list.iter().find(|i| i["dbInstanceName"] == "analytics").unwrap()["dbInstanceId"].as_str().unwrap().to_string();
    let (_, o) = app.call(&alice, "instance_overview", &[("id", &id)]).await;
    let o: Value = serde_json::from_str(&o).unwrap();
    let group = o["detail"]["dbSecurityGroupIds"][0].as_str().expect("analytics has a security group").to_string();
    let r = alice
        .post(format!("{}/api/needs_approval", app.base))
        .json(&json!({"call": {"delete_db_security_group": {"group_id": group}}}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 409);
    let body = r.text().await.unwrap();
    assert!(body.contains("in use by") && body.contains("analytics"), "{body}");
    let filed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM approval_requests").fetch_one(&app.ctx.pool).await.unwrap();
    assert_eq!(filed, 0);
}
