//! A kill -9 in the middle of a burst of mutations loses no acknowledged row.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

#[tokio::test]
async fn a_kill_during_a_burst_of_mutations_loses_no_acknowledged_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_pgdeck"))
        .args(["serve", "--sandbox", "--listen", "127.0.0.1:0", "--sandbox-job-seconds", "0", "--config"])
        .arg(dir.path().join("none.toml"))
        .arg("--data-dir")
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::fs::write(dir.path().join("none.toml"), "").ok();
    let stdout = child.stdout.take().unwrap();
    let base = tokio::task::spawn_blocking(move || {
        for line in BufReader::new(stdout).lines() {
            let line = line.unwrap();
            if let Some(rest) = line.strip_prefix("pgdeck is running at ") {
                return rest.split_whitespace().next().unwrap().to_string();
            }
        }
        panic!("pgdeck did not start");
    })
    .await
    .unwrap();
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("origin", base.parse().unwrap());
    let client = reqwest::Client::builder().cookie_store(true).default_headers(headers).build().unwrap();
    let r =
        client.post(format!("{base}/api/sign_in")).form(&[("username", "alice"), ("password", "sandbox-password")]).send().await.unwrap();
    assert!(r.status().as_u16() < 400);
    let list: Vec<serde_json::Value> = client.post(format!("{base}/api/list_instances")).send().await.unwrap().json().await.unwrap();
    let id = list.iter().find(|i| i["dbInstanceName"] == "analytics").unwrap()["dbInstanceId"].as_str().unwrap().to_string();

    // A burst of audited mutations (descriptions, no job needed) from many tasks.
    let acknowledged = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let mut tasks = Vec::new();
    for t in 0..8 {
        let (client, base, id, acked) = (client.clone(), base.clone(), id.clone(), acknowledged.clone());
        tasks.push(tokio::spawn(async move {
            for n in 0..10_000 {
                let text = format!("burst-{t}-{n}");
                let body = serde_json::json!({"call": {"modify_db_instance": {"id": id, "body": {"description": text}}}, "reason": ""});
                match client.post(format!("{base}/api/request_change")).json(&body).send().await {
                    Ok(r) if r.status().is_success() => acked.lock().unwrap().push(text),
                    Ok(_) => {}
                    Err(_) => return,
                }
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    for t in tasks {
        let _ = t.await;
    }
    let acked = acknowledged.lock().unwrap().clone();
    assert!(acked.len() > 10, "the burst ran ({} acknowledged)", acked.len());

    let pool = domain::db::open(dir.path()).await.unwrap();
    let summaries: Vec<String> =
        sqlx::query_scalar("SELECT summary FROM audit_events WHERE action = 'modify_db_instance' AND outcome = 'succeeded'")
            .fetch_all(&pool)
            .await
            .unwrap();
    let all = summaries.join("\n");
    let lost: Vec<&String> = acked.iter().filter(|t| !all.contains(&format!("\"{t}\""))).collect();
    assert!(lost.is_empty(), "{} acknowledged mutations have no audit row, e.g. {:?}", lost.len(), lost.first());
    let vault = domain::Vault::load(&dir.path().join("master.key"), false).unwrap();
    let v = domain::audit::verify(&pool, &vault).await.unwrap();
    assert_eq!(v.first_break, None, "the chain survives the kill");
}

/// Starts `pgdeck` with `args` and answers the process and the address it
/// printed on its first line that starts with `prefix`.
async fn start(args: Vec<String>, prefix: &'static str) -> (std::process::Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pgdeck")).args(&args).stdout(Stdio::piped()).stderr(Stdio::null()).spawn().unwrap();
    let stdout = child.stdout.take().unwrap();
    let base = tokio::task::spawn_blocking(move || {
        let mut lines = BufReader::new(stdout).lines();
        for line in lines.by_ref() {
            let line = line.unwrap();
            if let Some(rest) = line.split_once(prefix).map(|(_, r)| r) {
                let base = rest.split_whitespace().next().unwrap().to_string();
                // Keep draining so the child never blocks on a full pipe.
                std::thread::spawn(move || for _ in lines {});
                return base;
            }
        }
        panic!("pgdeck did not start");
    })
    .await
    .unwrap();
    (child, base)
}

/// Calls of `name` that reached the emulator, served or not.
async fn hits(sandbox: &str, name: &str) -> u64 {
    let hits: std::collections::HashMap<String, u64> =
        reqwest::get(format!("{sandbox}/_sandbox/arrivals")).await.unwrap().json().await.unwrap();
    hits.get(name).copied().unwrap_or(0)
}

/// A kill -9 after a change's intent is durable and before its outcome:
/// after the restart the intent is settled as "outcome unknown", the call
/// is not sent again, and the chain verifies. The emulator runs apart, so
/// what reached it is counted across pgdeck's restart.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kill_between_intent_and_outcome_is_settled_unknown_at_restart_and_never_resent() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap().to_string();
    let (mut emulator, sandbox) =
        start(vec!["sandbox".into(), "--listen".into(), "127.0.0.1:0".into(), "--job-seconds".into(), "0".into()], "listens on ").await;
    std::fs::write(dir.path().join("none.toml"), "").unwrap();
    let serve: Vec<String> = [
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--data-dir",
        &data,
        "--config",
        dir.path().join("none.toml").to_str().unwrap(),
        "--api-base",
        &sandbox,
        "--oauth-base",
        &sandbox,
        "--allowed-api-bases",
        &sandbox,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let (mut panel, base) = start(serve.clone(), "pgdeck is running at ").await;
    let mut add = Command::new(env!("CARGO_BIN_EXE_pgdeck"))
        .args(["user", "add", "ops", "--role", "operator", "--data-dir", &data])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    use std::io::Write as _;
    add.stdin.take().unwrap().write_all(b"a-strong-password-42\n").unwrap();
    assert!(add.wait().unwrap().success());
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("origin", base.parse().unwrap());
    let client = reqwest::Client::builder().cookie_store(true).default_headers(headers).build().unwrap();
    let r =
        client.post(format!("{base}/api/sign_in")).form(&[("username", "ops"), ("password", "a-strong-password-42")]).send().await.unwrap();
    assert!(r.status().as_u16() < 400);
    let form = [
        ("label", "rehearsal"),
        ("api_base", sandbox.as_str()),
        ("appkey", "sandbox-appkey"),
        ("access_key_id", "sandbox-admin"),
        ("secret_access_key", "sandbox-admin-secret"),
    ];
    let r = client.post(format!("{base}/api/add_credential")).form(&form).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200, "{}", r.text().await.unwrap());
    let list: Vec<serde_json::Value> = client.post(format!("{base}/api/list_instances")).send().await.unwrap().json().await.unwrap();
    let id = list.iter().find(|i| i["dbInstanceName"] == "analytics").unwrap()["dbInstanceId"].as_str().unwrap().to_string();

    // Every call now takes 2 s upstream: the change's intent is written,
    // then pgdeck dies while the call is on its way.
    let r = reqwest::Client::new()
        .put(format!("{sandbox}/_sandbox/faults"))
        .json(&serde_json::json!({"latencyMs": 2000}))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success());
    let body =
        serde_json::json!({"call": {"modify_deletion_protection": {"id": id, "body": {"useDeletionProtection": true}}}, "reason": ""});
    let asking = tokio::spawn({
        let (client, base) = (client.clone(), base.clone());
        async move { client.post(format!("{base}/api/request_change")).json(&body).send().await.map(|r| r.status().as_u16()) }
    });
    let pool = domain::db::open(dir.path()).await.unwrap();
    let mut intent = None;
    for _ in 0..200 {
        intent =
            sqlx::query_scalar::<_, i64>("SELECT id FROM audit_events WHERE action = 'modify_deletion_protection' AND outcome = 'intent'")
                .fetch_optional(&pool)
                .await
                .unwrap();
        if intent.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    let intent = intent.expect("the intent was written before the call left");
    panel.kill().unwrap(); // SIGKILL
    panel.wait().unwrap();
    assert!(asking.await.unwrap().is_err(), "the member saw no answer: pgdeck died mid-call");
    // The call did reach upstream.
    for _ in 0..100 {
        if hits(&sandbox, "modify_deletion_protection").await == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(hits(&sandbox, "modify_deletion_protection").await, 1);
    let outcomes: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE intent_id = ?").bind(intent).fetch_one(&pool).await.unwrap();
    assert_eq!(outcomes, 0, "killed before the outcome");
    pool.close().await;

    // Restart: the intent is settled as unknown, nothing is sent again.
    let (mut panel, _) = start(serve, "pgdeck is running at ").await;
    let pool = domain::db::open(dir.path()).await.unwrap();
    let mut settled = None;
    for _ in 0..100 {
        settled = sqlx::query_as::<_, (String, String)>("SELECT outcome, result_message FROM audit_events WHERE intent_id = ?")
            .bind(intent)
            .fetch_optional(&pool)
            .await
            .unwrap();
        if settled.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let (outcome, message) = settled.expect("settled at start-up");
    assert_eq!(outcome, "unknown");
    assert!(message.contains("unknown"), "{message}");
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(hits(&sandbox, "modify_deletion_protection").await, 1, "never sent again");
    let vault = domain::Vault::load(&dir.path().join("master.key"), false).unwrap();
    let v = domain::audit::verify(&pool, &vault).await.unwrap();
    assert_eq!((v.first_break, v.open_intents), (None, 0));
    panel.kill().unwrap();
    panel.wait().unwrap();
    emulator.kill().unwrap();
    emulator.wait().unwrap();
}
