//! Many jobs at once, at a small scale: every job is followed to its end,
//! a creation's job learns the instance it made, and polls go where ends
//! are likely (the instance list as a hint) instead of on every job's
//! backoff. `scripts/jobs-bench.sh` measures the same at 1,000 jobs.

use crate::common;
use serde_json::{json, Value};
use std::time::Duration;

fn create(name: &str, c: &Value) -> Value {
    let version = c["versions"][0]["dbVersion"].as_str().unwrap();
    let group = c["parameter_groups"].as_array().unwrap().iter().find(|g| g["dbVersion"] == version).unwrap()["parameterGroupId"].clone();
    json!({"create_db_instance": {"body": {
        "dbInstanceName": name, "dbFlavorId": c["flavors"][0]["dbFlavorId"], "dbVersion": version, "databaseName": "app",
        "dbUserName": "owner", "dbPassword": "owner-pass1", "dbPort": 5432, "parameterGroupId": group,
        "network": {"subnetId": c["subnets"][0]["subnetId"]}, "storage": {"storageType": c["storage_types"][0], "storageSize": 20},
        "backup": {"backupPeriod": 1, "backupSchedules": [{"backupWndBgnTime": "00:00:00", "backupWndDuration": "ONE_HOUR"}]}
    }}})
}

#[tokio::test]
async fn many_jobs_over_two_members_are_followed_to_the_end_with_few_polls_each() {
    let app = common::spawn_app_with_jobs(3.0).await;
    let (alice, bob) = (app.signed_in("alice").await, app.signed_in("bob").await);
    let (_, body) = app.call(&alice, "create_choices", &[]).await;
    let choices: Value = serde_json::from_str(&body).unwrap();
    let polls_before = app.hits("job").await;
    let asks = (0..20).map(|i| {
        let (client, call) = (if i % 2 == 0 { &alice } else { &bob }, create(&format!("many-{i}"), &choices));
        let app = &app;
        async move { app.change(client, call, "").await }
    });
    for (status, body) in futures_util::future::join_all(asks).await {
        assert_eq!(status, 200, "{body}");
        assert!(body.contains("Ran"), "{body}");
    }
    let mut left = i64::MAX;
    for _ in 0..300 {
        left = sqlx::query_scalar("SELECT COUNT(*) FROM jobs WHERE finished = 0").fetch_one(&app.ctx.pool).await.unwrap();
        if left == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(left, 0, "every job followed to its end");
    let rows: Vec<(String, String, String)> =
        sqlx::query_as("SELECT status, resource_id, resource_name FROM jobs WHERE action = 'create_db_instance'")
            .fetch_all(&app.ctx.pool)
            .await
            .unwrap();
    assert_eq!(rows.len(), 20);
    let (_, list) = app.call(&alice, "list_instances", &[]).await;
    let list: Vec<Value> = serde_json::from_str(&list).unwrap();
    for (status, id, name) in &rows {
        assert_eq!(status, "COMPLETED", "{name}");
        let made =
            list.iter().find(|i| i["dbInstanceId"] == id.as_str()).unwrap_or_else(|| panic!("{name}'s job names the instance it made"));
        assert_eq!(made["dbInstanceName"], name.as_str());
        assert_eq!(made["dbInstanceStatus"], "AVAILABLE");
    }
    // On its backoff alone a 3 s job is polled at 0.4, 1.0, 1.9 and 3.3 s;
    // with the instance list as a hint it is polled once early, then once
    // its instance no longer shows the task.
    let polls = app.hits("job").await - polls_before;
    assert!(polls <= 20 * 3, "{polls} job polls for 20 jobs");
}
