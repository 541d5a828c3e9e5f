//! `spawn_app`: a real pgdeck on a free port with a fresh database, the
//! sandbox as upstream and the demo members, plus a log capture.

#![allow(dead_code)]

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

/// Everything the server logged during the test run.
pub fn log() -> Arc<Mutex<Vec<u8>>> {
    static LOG: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOG.get_or_init(|| {
        let buf = Arc::new(Mutex::new(Vec::new()));
        let writer = buf.clone();
        let _ = tracing_subscriber::fmt()
            .with_env_filter("debug,sqlx=warn,hyper=info,reqwest=info,h2=info")
            .with_writer(move || Capture(writer.clone()))
            .try_init();
        buf
    })
    .clone()
}

struct Capture(Arc<Mutex<Vec<u8>>>);
impl Write for Capture {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

pub struct TestApp {
    pub base: String,
    pub ctx: domain::Context,
    pub dir: tempfile::TempDir,
}

impl TestApp {
    /// A member as the domain sees them, for calls that skip HTTP.
    /// A member as the domain sees them, for calls that skip HTTP: signed
    /// in and resolved like any session (nothing else makes one).
    pub async fn actor(&self, username: &str) -> domain::Actor {
        let client = domain::Client { addr: "127.0.0.1".into(), user_agent: "test".into() };
        let (sid, _) = domain::auth::sign_in(&self.ctx, username, domain::seed::DEMO_PASSWORD, &client).await.unwrap();
        domain::auth::resolve(&self.ctx, &sid, &client).await.unwrap()
    }

    /// A client with its own cookie jar, sending our Origin like a browser.
    pub fn browser(&self) -> reqwest::Client {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert("origin", self.base.parse().unwrap());
        reqwest::Client::builder().cookie_store(true).default_headers(headers).redirect(reqwest::redirect::Policy::none()).build().unwrap()
    }

    /// Calls a server function with form fields; returns status and body.
    pub async fn call(&self, client: &reqwest::Client, name: &str, form: &[(&str, &str)]) -> (u16, String) {
        let r = client.post(format!("{}/api/{name}", self.base)).form(form).send().await.unwrap();
        (r.status().as_u16(), r.text().await.unwrap())
    }

    /// Signs in a demo member; panics on failure.
    /// Asks for a change through the one change function; answers status and body.
    #[allow(dead_code)]
    pub async fn change(&self, client: &reqwest::Client, call: serde_json::Value, reason: &str) -> (u16, String) {
        let r = client
            .post(format!("{}/api/request_change", self.base))
            .json(&serde_json::json!({"call": call, "reason": reason}))
            .send()
            .await
            .unwrap();
        (r.status().as_u16(), r.text().await.unwrap())
    }

    /// How many calls of endpoint `name` the sandbox has received.
    #[allow(dead_code)]
    pub async fn hits(&self, name: &str) -> u64 {
        let hits: std::collections::HashMap<String, u64> =
            reqwest::get(format!("{}/_sandbox/hits", self.ctx.settings.api_base)).await.unwrap().json().await.unwrap();
        hits.get(name).copied().unwrap_or(0)
    }

    pub async fn signed_in(&self, username: &str) -> reqwest::Client {
        let c = self.browser();
        let (status, body) = self.call(&c, "sign_in", &[("username", username), ("password", domain::seed::DEMO_PASSWORD)]).await;
        assert!(status < 400, "sign-in of {username} failed: {status} {body}");
        c
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// An app whose sandbox jobs take `job_seconds`.
pub async fn spawn_app_with_jobs(job_seconds: f64) -> TestApp {
    spawn_app_with(|a| a.sandbox_job_seconds = Some(job_seconds)).await
}

/// An app with settings of the test's own (on top of sandbox mode).
pub async fn spawn_app_with(set: impl FnOnce(&mut server::config::ServeArgs)) -> TestApp {
    log();
    let dir = tempfile::tempdir().unwrap();
    let mut args = server::config::ServeArgs {
        listen: Some("127.0.0.1:0".into()),
        data_dir: Some(dir.path().to_path_buf()),
        sandbox: true,
        sandbox_job_seconds: Some(0.3),
        config: Some(dir.path().join("none.toml")),
        ..Default::default()
    };
    set(&mut args);
    std::fs::write(dir.path().join("none.toml"), "").unwrap();
    let cfg = args.resolve().unwrap();
    let (router, ctx, cfg) = server::web::build(cfg).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(server::web::serve_connections(listener, router, cfg.header_timeout, std::future::pending()));
    TestApp { base: format!("http://{addr}"), ctx, dir }
}

/// Puts the instance id into a call written as `{"name": {fields}}`.
#[allow(dead_code)]
pub fn on_instance(mut call: serde_json::Value, id: &str) -> serde_json::Value {
    if let Some(fields) = call.as_object_mut().and_then(|m| m.values_mut().next()).and_then(|v| v.as_object_mut()) {
        fields.insert("id".into(), serde_json::Value::String(id.to_string()));
    }
    call
}
