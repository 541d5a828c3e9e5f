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
