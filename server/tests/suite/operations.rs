//! Running pgdeck: a stop under load loses nothing, a backup taken under
//! load verifies, `/metrics` and JSON logs say what happened, and the
//! systemd unit is valid.

use crate::common;
use common::spawn_app;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn pgdeck() -> Command {
    Command::new(env!("CARGO_BIN_EXE_pgdeck"))
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A `pgdeck serve --sandbox` of its own, with its standard error captured.
struct Running {
    child: Child,
    base: String,
    dir: tempfile::TempDir,
    log: Arc<Mutex<Vec<String>>>,
}

impl Running {
    async fn start(env: &[(&str, &str)]) -> Running {
        let dir = tempfile::tempdir().unwrap();
        let port = free_port();
        let mut cmd = pgdeck();
        cmd.args(["serve", "--sandbox"])
            .env("PGDECK_DATA_DIR", dir.path())
            .env("PGDECK_LISTEN", format!("127.0.0.1:{port}"))
            .env("PGDECK_SANDBOX_JOB_SECONDS", "0.3")
            .env("PGDECK_CONFIG", dir.path().join("none.toml"))
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        std::fs::write(dir.path().join("none.toml"), "").unwrap();
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        let stderr = child.stderr.take().unwrap();
        let sink = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                sink.lock().unwrap().push(line);
            }
        });
        let base = format!("http://127.0.0.1:{port}");
        for _ in 0..300 {
            if reqwest::get(format!("{base}/healthz")).await.map(|r| r.status().is_success()).unwrap_or(false) {
                return Running { child, base, dir, log };
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("pgdeck did not start: {:?}", log.lock().unwrap());
    }

    fn browser(&self) -> reqwest::Client {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert("origin", self.base.parse().unwrap());
        reqwest::Client::builder().cookie_store(true).default_headers(headers).redirect(reqwest::redirect::Policy::none()).build().unwrap()
    }

    /// The built-in emulator's address, from the start-up log line.
    fn sandbox(&self) -> String {
        let found = self.log.lock().unwrap().iter().find_map(|l| {
            let at = l.find("http://127.0.0.1:")?;
            l.contains("built-in emulator").then(|| l[at..].split(|c: char| c.is_whitespace() || c == '"').next().unwrap_or("").to_string())
        });
        found.unwrap_or_else(|| panic!("no sandbox address in the log: {:?}", self.log.lock().unwrap()))
    }

    async fn signed_in(&self, username: &str) -> reqwest::Client {
        let c = self.browser();
        let r = c
            .post(format!("{}/api/sign_in", self.base))
            .form(&[("username", username), ("password", domain::seed::DEMO_PASSWORD)])
            .send()
            .await
            .unwrap();
        assert!(r.status().as_u16() < 400, "sign-in of {username}: {}", r.status());
        c
    }

    fn terminate(&self) {
        let ok = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status().unwrap().success();
        assert!(ok, "kill -TERM");
    }

    /// Waits for the process to end; answers whether it exited with success.
    fn wait_exit(&mut self, limit: Duration) -> bool {
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.success();
            }
            if started.elapsed() > limit {
                let _ = self.child.kill();
                panic!("pgdeck did not stop within {limit:?}; log: {:?}", self.log.lock().unwrap());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn instance_id(base: &str, client: &reqwest::Client, name: &str) -> String {
    let list: Vec<serde_json::Value> = client.post(format!("{base}/api/list_instances")).send().await.unwrap().json().await.unwrap();
    list.iter().find(|i| i["dbInstanceName"] == name).unwrap()["dbInstanceId"].as_str().unwrap().to_string()
}

/// One change that never clashes with another: a new DB security group
/// named `name` (an instance takes one backup at a time, a project any
/// number of groups). Answers whether pgdeck acknowledged it as run.
async fn change(base: &str, client: &reqwest::Client, name: &str) -> Option<u16> {
    let rule = serde_json::json!({"direction": "INGRESS", "etherType": "IPV4", "port": {"portType": "DB_PORT"}, "cidr": "10.0.0.0/8"});
    let call = serde_json::json!({"create_db_security_group": {"body": {"dbSecurityGroupName": name, "rules": [rule]}}});
    let r = client.post(format!("{base}/api/request_change")).json(&serde_json::json!({"call": call, "reason": ""})).send().await.ok()?;
    let status = r.status().as_u16();
    let body = r.text().await.ok()?;
    (status == 200 && body.contains("Ran")).then_some(status)
}

fn verify(data_dir: &std::path::Path, key: &std::path::Path) -> (bool, String) {
    let out = pgdeck().args(["audit", "verify", "--data-dir"]).arg(data_dir).arg("--master-key-file").arg(key).output().unwrap();
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

#[tokio::test]
async fn sigterm_during_a_burst_of_changes_loses_no_acknowledged_change() {
    let mut app = Running::start(&[("PGDECK_SHUTDOWN_GRACE_SECONDS", "10")]).await;
    let alice = app.signed_in("alice").await;
    // Upstream answers in 150 ms, so changes are in flight when the signal lands.
    let sandbox =
        app.log.lock().unwrap().iter().find_map(|l| l.split("base=").nth(1).map(|s| s.split_whitespace().next().unwrap_or("").to_string()));
    if let Some(sb) = sandbox.filter(|s| s.starts_with("http")) {
        let _ = reqwest::Client::new().put(format!("{sb}/_sandbox/faults")).json(&serde_json::json!({"latencyMs": 150})).send().await;
    }
    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let mut workers = Vec::new();
    for w in 0..8 {
        let (base, client, acked) = (app.base.clone(), alice.clone(), acknowledged.clone());
        workers.push(tokio::spawn(async move {
            for n in 0..200 {
                let name = format!("burst-{w}-{n}");
                match change(&base, &client, &name).await {
                    Some(_) => acked.lock().unwrap().push(name),
                    None => {
                        // Refused or cut off: pgdeck is stopping; try until the socket closes.
                        if client.get(format!("{base}/healthz")).send().await.is_err() {
                            return;
                        }
                    }
                }
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let before_signal = acknowledged.lock().unwrap().len();
    assert!(before_signal > 0, "changes were running before the signal");
    app.terminate();
    let exited_ok = app.wait_exit(Duration::from_secs(30));
    for w in workers {
        let _ = w.await;
    }
    assert!(exited_ok, "pgdeck exits with success on SIGTERM; log: {:?}", app.log.lock().unwrap());
    let log = app.log.lock().unwrap().join("\n");
    assert!(log.contains("pgdeck stopped"), "a clean stop is logged: {log}");
    let acked = acknowledged.lock().unwrap().clone();
    let pool = domain::db::open(app.dir.path()).await.unwrap();
    for name in &acked {
        let rows: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_events WHERE action = 'create_db_security_group' AND outcome = 'succeeded' AND summary LIKE ?",
        )
        .bind(format!("%\"{name}\"%"))
        .fetch_one(&pool)
        .await
        .unwrap();
        assert_eq!(rows, 1, "acknowledged change {name} has exactly one outcome row");
    }
    pool.close().await;
    let (ok, out) = verify(app.dir.path(), &app.dir.path().join("master.key"));
    assert!(ok, "audit verify after the stop: {out}");
    eprintln!("{} changes acknowledged ({before_signal} before the signal), all recorded", acked.len());
}

#[tokio::test]
async fn a_backup_taken_under_load_verifies_and_restores() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let load = {
        let (base, client, stop) = (app.base.clone(), alice.clone(), stop.clone());
        tokio::spawn(async move {
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                change(&base, &client, &format!("load-{n}")).await;
                n += 1;
            }
            n
        })
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    let copy = app.dir.path().join("copy.sqlite3");
    let child = pgdeck()
        .args(["backup", "--to"])
        .arg(&copy)
        .arg("--data-dir")
        .arg(app.dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The copy is taken while changes keep coming; once it is there the
    // load stops, so that recording it in the audit log does not have to
    // find a gap between back-to-back writes (it retries when it must).
    for _ in 0..600 {
        if copy.exists() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let changes = load.await.unwrap();
    let out = tokio::task::spawn_blocking(move || child.wait_with_output()).await.unwrap().unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{text}");
    assert!(text.contains("master key"), "the command says the key is kept apart: {text}");
    assert!(changes > 0, "changes ran while the copy was taken");
    // Refuses to overwrite.
    let again = pgdeck().args(["backup", "--to"]).arg(&copy).arg("--data-dir").arg(app.dir.path()).output().unwrap();
    assert!(!again.status.success(), "an existing file is never overwritten");
    // Restore: the copy as the database of a fresh data directory, with the same key.
    let restored = tempfile::tempdir().unwrap();
    std::fs::copy(&copy, restored.path().join(domain::db::DB_FILE)).unwrap();
    let (ok, out) = verify(restored.path(), &app.dir.path().join("master.key"));
    assert!(ok && out.contains("intact"), "{out}");
    let taken: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'pgdeck.backup'").fetch_one(&app.ctx.pool).await.unwrap();
    assert_eq!(taken, 1, "the live log records the copy");
    let pool = domain::db::open(restored.path()).await.unwrap();
    let members: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(&pool).await.unwrap();
    assert!(members >= 6);
    // Without the key nothing opens.
    let (ok, _) = verify(restored.path(), &restored.path().join("no.key"));
    assert!(!ok, "the copy alone does not open without the master key");
}

/// Pages whose browser walks away while their data is still on its way
/// (a member clicking on, a closed tab) end without a panic, and pgdeck goes
/// on serving them whole.
#[tokio::test]
async fn pages_left_before_their_data_arrives_end_without_a_panic() {
    let app = Running::start(&[("PGDECK_LOG", "info,server=debug")]).await;
    let alice = app.signed_in("alice").await;
    let id = instance_id(&app.base, &alice, "staging-db").await;
    // A session cookie for raw connections.
    let signed = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(format!("{}/api/sign_in", app.base))
        .header("origin", &app.base)
        .form(&[("username", "alice"), ("password", domain::seed::DEMO_PASSWORD)])
        .send()
        .await
        .unwrap();
    let cookie = signed.headers().get("set-cookie").expect("a session cookie").to_str().unwrap().split(';').next().unwrap().to_string();
    // Upstream answers in 300 ms: every page below is still waiting for it
    // when its browser leaves.
    let faults = reqwest::Client::new().put(format!("{}/_sandbox/faults", app.sandbox())).json(&serde_json::json!({"latencyMs": 300}));
    assert!(faults.send().await.unwrap().status().is_success());
    let pages = [
        "/".to_string(),
        format!("/instances/{id}"),
        format!("/instances/{id}/settings"),
        "/backups".into(),
        "/sign-in".into(),
        "/made-up".into(),
    ];
    let addr = app.base.trim_start_matches("http://").to_string();
    let mut left = Vec::new();
    for round in 0..4u64 {
        for page in &pages {
            let (addr, cookie, page) = (addr.clone(), cookie.clone(), page.clone());
            left.push(tokio::spawn(async move {
                let conn = tokio::net::TcpStream::connect(&addr).await.unwrap();
                let request = format!("GET {page} HTTP/1.1\r\nHost: {addr}\r\nCookie: {cookie}\r\n\r\n");
                conn.writable().await.unwrap();
                assert_eq!(conn.try_write(request.as_bytes()).unwrap(), request.len());
                // Some read the first bytes of the page, some nothing at all.
                if round % 2 == 1 {
                    let _ = tokio::time::timeout(Duration::from_millis(200), conn.readable()).await;
                    let _ = conn.try_read(&mut [0u8; 64]);
                } else {
                    tokio::time::sleep(Duration::from_millis(20 * round + 10)).await;
                }
                // Closing with a reset, as a browser does on navigation (a
                // zero linger sends it at once, so the drop does not block).
                #[allow(deprecated)]
                let _ = conn.set_linger(Some(Duration::ZERO));
                drop(conn);
            }));
        }
    }
    for l in left {
        l.await.unwrap();
    }
    // The pages' data arrives and their renders end.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let log = app.log.lock().unwrap().join("\n");
    for sign in ["panicked", "already been disposed", "a task failed"] {
        assert!(!log.contains(sign), "{sign:?} in the log after pages were left early:\n{log}");
    }
    // They were rendered to their end all the same. The four pages that wait
    // for upstream were left 16 times; a page can still slip its last bytes
    // out before the connection is seen closed, so most, not all, say so.
    let finished = log.matches("the browser left").count();
    assert!(finished >= 8, "only {finished} pages left early said they were rendered to their end:\n{log}");
    // And a page read to its end is whole.
    let page = alice.get(format!("{}/instances/{id}", app.base)).send().await.unwrap();
    assert_eq!(page.status().as_u16(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("staging-db") && html.contains("</html>"), "{html}");
}

/// A visitor who opens connections and sends nothing, or headers that never
/// end, holds none of them past the header timeout; members are served
/// meanwhile.
#[tokio::test]
async fn connections_that_never_finish_their_headers_are_closed() {
    let app = Running::start(&[("PGDECK_HEADER_TIMEOUT_SECONDS", "1")]).await;
    let addr = app.base.trim_start_matches("http://").to_string();
    let silent = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let slow = tokio::net::TcpStream::connect(&addr).await.unwrap();
    slow.writable().await.unwrap();
    let partial = format!("GET /healthz HTTP/1.1\r\nHost: {addr}\r\nX-Slow: ");
    assert_eq!(slow.try_write(partial.as_bytes()).unwrap(), partial.len());
    // A member meanwhile.
    let health = reqwest::get(format!("{}/healthz", app.base)).await.unwrap();
    assert!(health.status().is_success());
    let started = Instant::now();
    for (name, conn) in [("silent", silent), ("slow", slow)] {
        // Closed by pgdeck: the read ends (an answer such as 408, then end of
        // stream) within the timeout and a margin, never waiting longer.
        let closed = tokio::time::timeout(Duration::from_secs(5), async {
            let mut got = Vec::new();
            loop {
                conn.readable().await.unwrap();
                let mut buf = [0u8; 1024];
                match conn.try_read(&mut buf) {
                    Ok(0) => return got,
                    Ok(n) => got.extend_from_slice(&buf[..n]),
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => continue,
                    Err(_) => return got,
                }
            }
        })
        .await;
        assert!(closed.is_ok(), "the {name} connection was still open after 5 s");
        assert!(started.elapsed() >= Duration::from_millis(900), "the {name} connection was closed before its timeout");
    }
    let health = reqwest::get(format!("{}/healthz", app.base)).await.unwrap();
    assert!(health.status().is_success(), "pgdeck serves on");
}

#[tokio::test]
async fn metrics_and_json_logs_say_what_happened() {
    let metrics_port = free_port();
    let metrics_addr = format!("127.0.0.1:{metrics_port}");
    let app = Running::start(&[("PGDECK_METRICS_LISTEN", &metrics_addr), ("PGDECK_LOG_FORMAT", "json")]).await;
    let alice = app.signed_in("alice").await;
    let _ = instance_id(&app.base, &alice, "staging-db").await;
    let wrong = app.browser();
    let _ = wrong.post(format!("{}/api/sign_in", app.base)).form(&[("username", "alice"), ("password", "not-her-password")]).send().await;
    // A change refused for its Origin logs a warning inside the request's span.
    let foreign = reqwest::Client::new()
        .post(format!("{}/api/list_instances", app.base))
        .header("origin", "http://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(foreign.status().as_u16(), 403);
    let request_id = foreign.headers().get("x-request-id").expect("every answer carries its request id").to_str().unwrap().to_string();
    assert_eq!(request_id.len(), 16);

    // The panel's own address does not serve metrics.
    let on_panel = app.browser().get(format!("{}/metrics", app.base)).send().await.unwrap().text().await.unwrap();
    assert!(!on_panel.contains("pgdeck_http_requests_total"), "metrics are on their own address only");
    let text = reqwest::get(format!("http://{metrics_addr}/metrics")).await.unwrap().text().await.unwrap();
    for needle in [
        "pgdeck_http_requests_total{route=\"/api/list_instances\",method=\"POST\",status=\"200\"}",
        "pgdeck_http_requests_total{route=\"/api/list_instances\",method=\"POST\",status=\"403\"}",
        "pgdeck_http_request_seconds_bucket{route=\"/healthz\"",
        "pgdeck_upstream_calls_total{endpoint=\"db_instances\",result=\"ok\"}",
        "pgdeck_upstream_call_seconds_bucket{endpoint=\"db_instances\"",
        "pgdeck_sign_in_failures_total 1",
        "pgdeck_audit_rows_appended_total",
        "pgdeck_jobs_in_flight 0",
        "pgdeck_approvals_pending 0",
        "pgdeck_database_bytes",
    ] {
        assert!(text.contains(needle), "/metrics lacks {needle}:\n{text}");
    }
    let db_bytes: f64 =
        text.lines().find_map(|l| l.strip_prefix("pgdeck_database_bytes ")).and_then(|v| v.trim().parse().ok()).expect("a size");
    assert!(db_bytes > 10_000.0, "{db_bytes}");
    // A visitor inventing paths does not invent series.
    for n in 0..20 {
        let _ = reqwest::get(format!("{}/pkg/../made-up-{n}", app.base)).await;
        let _ = reqwest::Client::new().post(format!("{}/api/made_up_{n}", app.base)).send().await;
    }
    let text = reqwest::get(format!("http://{metrics_addr}/metrics")).await.unwrap().text().await.unwrap();
    assert!(!text.contains("made_up") && !text.contains("made-up"), "unknown paths are labelled 'other'");

    // Every log line is one JSON object; the refused request's line carries its id.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let lines = app.log.lock().unwrap().clone();
    assert!(lines.len() > 3, "{lines:?}");
    // Blank lines are skipped, as readers of JSON lines do.
    let parsed: Vec<serde_json::Value> = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}\nevery line: {lines:#?}")))
        .collect();
    assert!(parsed.len() > 3, "{lines:?}");
    // Nothing failed: a panic would be an ERROR line ("a task failed").
    assert!(parsed.iter().all(|v| v["level"] != "ERROR"), "{lines:#?}");
    let refused = parsed
        .iter()
        .find(|v| v["fields"]["message"].as_str().unwrap_or("").contains("foreign origin"))
        .unwrap_or_else(|| panic!("no line for the refused request: {lines:?}"));
    assert_eq!(refused["span"]["id"], request_id, "{refused}");
    assert_eq!(refused["level"], "WARN");
}

#[test]
fn the_systemd_unit_is_valid() {
    let unit = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/pgdeck.service")).unwrap();
    for line in
        ["User=pgdeck", "StateDirectory=pgdeck", "ProtectSystem=strict", "NoNewPrivileges=true", "Restart=on-failure", "KillSignal=SIGTERM"]
    {
        assert!(unit.lines().any(|l| l.trim() == line), "the unit sets {line}");
    }
    if Command::new("systemd-analyze").arg("--version").output().map(|o| o.status.success()).unwrap_or(false) {
        // Checked with the binary just built in place of the installed one.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pgdeck.service");
        std::fs::write(&path, unit.replace("/usr/local/bin/pgdeck", env!("CARGO_BIN_EXE_pgdeck"))).unwrap();
        let out = Command::new("systemd-analyze").args(["verify", "--man=no"]).arg(&path).output().unwrap();
        let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        let about_unit: Vec<&str> = text.lines().filter(|l| l.contains("pgdeck.service")).collect();
        assert!(out.status.success() && about_unit.is_empty(), "systemd-analyze verify: {text}");
    } else {
        eprintln!("systemd-analyze is not installed: checked the unit's settings only");
    }
}
