//! Living with upstream's limits (docs/operations.md, "Upstream request
//! budget"): what pgdeck sends per credential stays within the budget the
//! code enforces, a throttling upstream is waited for, reads retried, and
//! changes never sent twice.

use crate::common;
use rds::client::{ClientConfig, Credentials, RdsClient};
use serde_json::{json, Value};
use std::time::Duration;

async fn faults(app: &common::TestApp, f: Value) {
    let r = reqwest::Client::new().put(format!("{}/_sandbox/faults", app.ctx.settings.api_base)).json(&f).send().await.unwrap();
    assert!(r.status().is_success());
}

async fn senders(app: &common::TestApp) -> Value {
    reqwest::get(format!("{}/_sandbox/senders", app.ctx.settings.api_base)).await.unwrap().json().await.unwrap()
}

/// The busiest second the sandbox saw from the admin key at or after `from`
/// (Unix seconds), and how many it throttled.
async fn busiest_since(app: &common::TestApp, from: u64) -> (u64, u64) {
    let s = senders(app).await;
    let key = &s["sandbox-admin"];
    let busiest = key["perSecond"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(sec, _)| sec.parse::<u64>().unwrap() >= from)
        .map(|(_, n)| n.as_u64().unwrap())
        .max()
        .unwrap_or(0);
    (busiest, key["throttled"].as_u64().unwrap())
}

fn unix_now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs()
}

/// A client of the test's own on the sandbox, outside pgdeck's budget.
fn direct(app: &common::TestApp) -> (RdsClient, Credentials) {
    let base = app.ctx.settings.api_base.clone();
    let client = RdsClient::new(ClientConfig { oauth_base: base.clone(), rate: 100_000.0, burst: 100_000, ..Default::default() }).unwrap();
    let creds = Credentials {
        api_base: base,
        appkey: sandbox::DEMO_APPKEY.into(),
        access_key_id: "sandbox-admin".into(),
        secret_access_key: "sandbox-admin-secret".into(),
    };
    (client, creds)
}

/// Starts `n` instance creations straight on the sandbox and hands their
/// jobs to pgdeck's tracker as the four members' (one key, as in sandbox
/// mode): the tracker follows them like any job it started.
async fn hand_over_jobs(app: &common::TestApp, n: usize) -> Vec<String> {
    let (client, creds) = direct(app);
    let versions = client.db_versions(&creds).await.unwrap().db_versions;
    let version = versions[0].db_version.clone();
    let flavor = client.db_flavors(&creds).await.unwrap().db_flavors[0].db_flavor_id.clone();
    let subnet = client.subnets(&creds).await.unwrap().subnets[0].subnet_id.clone();
    let storage = client.storage_types(&creds).await.unwrap().storage_types[0].clone();
    let groups = client.parameter_groups(&creds, &Default::default()).await.unwrap().parameter_groups;
    let group = groups.iter().find(|g| g.db_version == version).unwrap().parameter_group_id.clone();
    let members: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT u.id, u.username, c.id FROM users u JOIN credentials c ON c.user_id = u.id AND c.active = 1 \
         WHERE u.username IN ('admin', 'alice', 'bob', 'carol') ORDER BY u.username",
    )
    .fetch_all(&app.ctx.pool)
    .await
    .unwrap();
    assert_eq!(members.len(), 4);
    let mut jobs = Vec::new();
    for i in 0..n {
        let body: rds::types::CreateDbInstance = serde_json::from_value(json!({
            "dbInstanceName": format!("burst-{i}"), "dbFlavorId": flavor, "dbVersion": version, "databaseName": "app",
            "dbUserName": "burst", "dbPassword": "burst-pass1", "dbPort": 5432, "parameterGroupId": group,
            "dbSecurityGroupIds": [], "userGroupIds": [], "network": {"subnetId": subnet},
            "storage": {"storageType": storage, "storageSize": 20},
            "backup": {"backupPeriod": 1, "backupSchedules": [{"backupWndBgnTime": "00:00:00", "backupWndDuration": "ONE_HOUR"}]},
            "useHighAvailability": false, "useDeletionProtection": false
        }))
        .unwrap();
        let job = client.create_db_instance(&creds, &body).await.unwrap().job_id.0;
        let (user, name, credential) = &members[i % 4];
        sqlx::query(
            "INSERT INTO jobs (job_id, action, resource_type, resource_id, resource_name, user_id, username, credential_id, status, \
             next_poll_at, created_at, updated_at) VALUES (?, 'create_db_instance', 'db_instance', '', ?, ?, ?, ?, 'REGISTERED', 0, \
             strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
        )
        .bind(&job)
        .bind(format!("burst-{i}"))
        .bind(user)
        .bind(name)
        .bind(credential)
        .execute(&app.ctx.pool)
        .await
        .unwrap();
        jobs.push(job);
    }
    jobs
}

/// Waits until every job is finished; answers how many ended COMPLETED.
async fn until_all_end(app: &common::TestApp, n: usize, within: Duration) -> usize {
    let started = std::time::Instant::now();
    loop {
        let (open, done): (i64, i64) =
            sqlx::query_as("SELECT SUM(finished = 0), SUM(status = 'COMPLETED') FROM jobs").fetch_one(&app.ctx.pool).await.unwrap();
        if open == 0 {
            return done as usize;
        }
        assert!(started.elapsed() < within, "{open} of {n} jobs still open after {within:?}");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// A burst of 1,000 jobs of four members: every one is followed to its
/// end, and the sandbox never receives more from the credential in any
/// second than the budget allows (rate + burst).
#[tokio::test]
async fn a_burst_of_a_thousand_jobs_stays_within_the_budget() {
    let app = common::spawn_app_with(|a| {
        a.sandbox_job_seconds = Some(1.0);
        a.upstream_rate = Some("40,20".into());
    })
    .await;
    let (rate, burst) = app.ctx.rds.budget().limits();
    assert_eq!((rate, burst), (40.0, 20));
    let jobs = hand_over_jobs(&app, 1000).await;
    let from = unix_now() + 1;
    let started = std::time::Instant::now();
    let done = until_all_end(&app, jobs.len(), Duration::from_secs(240)).await;
    assert_eq!(done, 1000, "every job followed to its end");
    let (busiest, throttled) = busiest_since(&app, from).await;
    println!(
        "1,000 jobs followed to their end in {:.1} s; busiest second {busiest} requests (budget {rate}/s + {burst})",
        started.elapsed().as_secs_f64()
    );
    assert!(busiest <= (rate as u64) + u64::from(burst), "busiest second {busiest} > {rate} + {burst}");
    assert!(busiest >= rate as u64 / 2, "the budget was used ({busiest} in the busiest second)");
    assert_eq!(throttled, 0);
}

/// Upstream throttles at 10 requests a second while 100 jobs end: no job is
/// lost, the tracker waits as told, and pages keep answering — a read the
/// member asks for meanwhile answers, or says why not in words.
#[tokio::test]
async fn a_throttling_upstream_is_waited_for_and_no_job_is_lost() {
    let app = common::spawn_app_with(|a| a.sandbox_job_seconds = Some(1.0)).await;
    let jobs = hand_over_jobs(&app, 100).await;
    faults(&app, json!({"throttleRate": 10})).await;
    let alice = app.signed_in("alice").await;
    let mut pages = (0, 0);
    let started = std::time::Instant::now();
    loop {
        let (status, body) = app.call(&alice, "list_instances", &[]).await;
        match status {
            200 => pages.0 += 1,
            429 => {
                assert!(body.contains("throttling") && body.contains("retry in"), "{body}");
                pages.1 += 1;
            }
            other => panic!("a page answered {other}: {body}"),
        }
        let open: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM jobs WHERE finished = 0").fetch_one(&app.ctx.pool).await.unwrap();
        if open == 0 {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(240), "{open} jobs still open");
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    assert_eq!(until_all_end(&app, jobs.len(), Duration::from_secs(1)).await, 100);
    assert!(pages.0 > 0, "pages answered: {pages:?}");
    let s = senders(&app).await;
    println!(
        "100 jobs under a 10/s throttle: ended in {:.1} s; pages {} answered, {} said throttled; upstream throttled {} of {} requests",
        started.elapsed().as_secs_f64(),
        pages.0,
        pages.1,
        s["sandbox-admin"]["throttled"],
        s["sandbox-admin"]["sent"]
    );
    assert!(s["sandbox-admin"]["throttled"].as_u64().unwrap() > 0, "upstream did throttle: {s}");
}

/// A change upstream throttles is not executed and never sent again: the
/// member reads why, the audit row says it was not executed.
#[tokio::test]
async fn a_throttled_change_is_not_executed_and_not_sent_again() {
    let app = common::spawn_app().await;
    let alice = app.signed_in("alice").await;
    let (_, list) = app.call(&alice, "list_instances", &[]).await;
    let list: Vec<Value> = serde_json::from_str(&list).unwrap();
    let id = list.iter().find(|i| i["dbInstanceName"] == "analytics").unwrap()["dbInstanceId"].as_str().unwrap().to_string();
    faults(&app, json!({"throttleRate": 1, "retryAfterSeconds": 30})).await;
    let before = app.hits("backup_db_instance").await;
    let (status, body) = app.change(&alice, json!({"backup_db_instance": {"id": id, "body": {"backupName": "throttled"}}}), "").await;
    assert_eq!(status, 429, "{body}");
    assert!(body.contains("retry in 30 s"), "{body}");
    assert!(app.hits("backup_db_instance").await - before <= 1, "sent at most once");
    let (outcome, message): (String, String) = sqlx::query_as(
        "SELECT outcome, result_message FROM audit_events WHERE action = 'backup_db_instance' AND outcome <> 'intent' ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(&app.ctx.pool)
    .await
    .unwrap();
    assert_eq!(outcome, "failed");
    assert!(message.contains("not executed") && message.contains("throttling"), "{message}");
    // Nothing more goes out with the key until upstream said: a read asked
    // now is answered by pgdeck at once, in words.
    faults(&app, json!({})).await;
    let sent = senders(&app).await["sandbox-admin"]["sent"].as_u64().unwrap();
    let (status, body) = app.call(&alice, "list_instances", &[]).await;
    assert_eq!(status, 429, "{body}");
    assert!(body.contains("throttling") && body.contains("retry in"), "{body}");
    assert_eq!(senders(&app).await["sandbox-admin"]["sent"].as_u64().unwrap(), sent, "nothing sent while upstream asked to wait");
}
