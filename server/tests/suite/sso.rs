//! Sign-in through an identity provider, against a provider of the test's
//! own (discovery, keys, authorize, token; ID tokens signed RS256 with
//! the keys in `fixtures/oidc`), so each hostile case can be made: a
//! swapped state, a replayed callback or code, a token for another
//! audience, a wrong nonce, an expired or forged token, groups that map to
//! no role, and a key rotation. Each refusal is on record.

use crate::common;
use axum::extract::{Form, Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use axum::Json;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

const CLIENT_ID: &str = "pgdeck-test";
const CLIENT_SECRET: &str = "pgdeck-test-secret";
const PUBLIC: &str = "http://pgdeck.test";

fn fixture(name: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/oidc").join(name)).unwrap()
}

/// What the provider does next (the test changes it between sign-ins).
#[derive(Clone)]
struct Knobs {
    sub: String,
    username: String,
    groups: Vec<String>,
    /// The key that signs, and the keys published.
    signing: &'static str,
    published: Vec<&'static str>,
    audience: Option<String>,
    nonce: Option<String>,
    expires_in: i64,
}

impl Default for Knobs {
    fn default() -> Self {
        Knobs {
            sub: "u-1001".into(),
            username: "dana".into(),
            groups: vec!["dba".into()],
            signing: "key1",
            published: vec!["key1"],
            audience: None,
            nonce: None,
            expires_in: 300,
        }
    }
}

struct Flow {
    nonce: String,
    challenge: String,
}

#[derive(Clone)]
struct Idp {
    base: String,
    knobs: Arc<Mutex<Knobs>>,
    codes: Arc<Mutex<HashMap<String, Flow>>>,
}

async fn discovery(State(i): State<Idp>) -> Json<Value> {
    Json(json!({
        "issuer": i.base,
        "authorization_endpoint": format!("{}/authorize", i.base),
        "token_endpoint": format!("{}/token", i.base),
        "jwks_uri": format!("{}/jwks", i.base),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
    }))
}

async fn jwks(State(i): State<Idp>) -> Json<Value> {
    let keys: Vec<Value> =
        i.knobs.lock().unwrap().published.iter().map(|k| serde_json::from_str(&fixture(&format!("{k}.jwk.json"))).unwrap()).collect();
    Json(json!({ "keys": keys }))
}

async fn authorize(State(i): State<Idp>, Query(q): Query<HashMap<String, String>>) -> impl IntoResponse {
    assert_eq!(q["response_type"], "code");
    assert_eq!(q["client_id"], CLIENT_ID);
    assert_eq!(q.get("code_challenge_method").map(String::as_str), Some("S256"), "PKCE is used");
    let code = format!("code-{}", rand::random::<u64>());
    i.codes.lock().unwrap().insert(code.clone(), Flow { nonce: q["nonce"].clone(), challenge: q["code_challenge"].clone() });
    Redirect::to(&format!("{}?code={code}&state={}", q["redirect_uri"], q["state"]))
}

fn s256(verifier: &str) -> String {
    use base64::Engine;
    use sha2::Digest;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(verifier.as_bytes()))
}

async fn token(State(i): State<Idp>, headers: axum::http::HeaderMap, Form(f): Form<HashMap<String, String>>) -> axum::response::Response {
    use base64::Engine;
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"));
    let auth = headers.get("authorization").and_then(|v| v.to_str().ok()).unwrap_or("");
    let form_auth =
        f.get("client_id").map(String::as_str) == Some(CLIENT_ID) && f.get("client_secret").map(String::as_str) == Some(CLIENT_SECRET);
    if auth != format!("Basic {basic}") && !form_auth {
        return (axum::http::StatusCode::UNAUTHORIZED, Json(json!({"error": "invalid_client"}))).into_response();
    }
    // A code is used once.
    let Some(flow) = i.codes.lock().unwrap().remove(f.get("code").map(String::as_str).unwrap_or("")) else {
        return (axum::http::StatusCode::BAD_REQUEST, Json(json!({"error": "invalid_grant"}))).into_response();
    };
    if s256(f.get("code_verifier").map(String::as_str).unwrap_or("")) != flow.challenge {
        return (axum::http::StatusCode::BAD_REQUEST, Json(json!({"error": "invalid_grant", "error_description": "PKCE"}))).into_response();
    }
    let k = i.knobs.lock().unwrap().clone();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    let claims = json!({
        "iss": i.base, "sub": k.sub, "aud": k.audience.unwrap_or_else(|| CLIENT_ID.into()),
        "iat": now - 5, "exp": now + k.expires_in, "nonce": k.nonce.unwrap_or(flow.nonce),
        "preferred_username": k.username, "name": format!("{} Example", k.username), "email": format!("{}@example.com", k.username),
        "groups": k.groups,
    });
    let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::RS256);
    header.kid = Some(k.signing.to_string());
    let key = jsonwebtoken::EncodingKey::from_rsa_pem(fixture(&format!("{}.pk8.pem", k.signing)).as_bytes()).unwrap();
    let id_token = jsonwebtoken::encode(&header, &claims, &key).unwrap();
    Json(json!({"access_token": "at-1", "token_type": "Bearer", "expires_in": 300, "id_token": id_token})).into_response()
}

async fn spawn_idp() -> Idp {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let idp = Idp { base, knobs: Arc::new(Mutex::new(Knobs::default())), codes: Arc::new(Mutex::new(HashMap::new())) };
    let app = axum::Router::new()
        .route("/.well-known/openid-configuration", get(discovery))
        .route("/jwks", get(jwks))
        .route("/authorize", get(authorize))
        .route("/token", post(token))
        .with_state(idp.clone());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    idp
}

async fn spawn(idp: &Idp, passwords: &str) -> common::TestApp {
    let (issuer, passwords) = (idp.base.clone(), passwords.to_string());
    common::spawn_app_with(move |a| {
        a.oidc_issuer = Some(issuer);
        a.oidc_client_id = Some(CLIENT_ID.into());
        a.oidc_client_secret = Some(CLIENT_SECRET.into());
        a.oidc_role_map = Some("dba=admin,ops=operator,audit=auditor".into());
        a.oidc_name = Some("Test IdP".into());
        a.public_url = Some(PUBLIC.into());
        a.local_passwords = Some(passwords);
    })
    .await
}

/// A browser: cookies kept, redirects followed by hand (the provider's
/// redirect names pgdeck's public address, which is this test's server).
fn browser() -> reqwest::Client {
    reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

/// Start → provider → callback URL (not yet followed).
async fn to_callback(app: &common::TestApp, b: &reqwest::Client) -> String {
    let r = b.get(format!("{}/auth/oidc/start?next=/backups", app.base)).send().await.unwrap();
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let at_idp = r.headers()["location"].to_str().unwrap().to_string();
    let r = b.get(&at_idp).send().await.unwrap();
    let back = r.headers()["location"].to_str().unwrap().to_string();
    assert!(back.starts_with(&format!("{PUBLIC}/auth/oidc/callback?")), "{back}");
    back.replace(PUBLIC, &app.base)
}

async fn follow(b: &reqwest::Client, url: &str) -> (u16, String) {
    let r = b.get(url).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

async fn me(app: &common::TestApp, b: &reqwest::Client) -> Value {
    let r = b.post(format!("{}/api/me", app.base)).header("origin", &app.base).form(&[("", "")]).send().await.unwrap();
    serde_json::from_str(&r.text().await.unwrap()).unwrap_or(Value::Null)
}

async fn refusal(app: &common::TestApp) -> String {
    sqlx::query_scalar(
        "SELECT result_message FROM audit_events WHERE action = 'auth.sso_sign_in' AND outcome = 'refused' ORDER BY id DESC LIMIT 1",
    )
    .fetch_optional(&app.ctx.pool)
    .await
    .unwrap()
    .unwrap_or_default()
}

#[tokio::test]
async fn a_first_sign_in_creates_the_member_with_the_role_of_their_groups_and_later_ones_follow_the_groups() {
    let idp = spawn_idp().await;
    let app = spawn(&idp, "all").await;
    let b = browser();
    let callback = to_callback(&app, &b).await;
    let (status, page) = follow(&b, &callback).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("url=/backups"), "moves on to next from pgdeck's own page: {page}");
    let m = me(&app, &b).await;
    assert_eq!(m["username"], "dana", "{m}");
    assert_eq!(m["role"], "admin");
    let (issuer, subject): (String, String) =
        sqlx::query_as("SELECT oidc_issuer, oidc_subject FROM users WHERE username = 'dana'").fetch_one(&app.ctx.pool).await.unwrap();
    assert_eq!((issuer.as_str(), subject.as_str()), (idp.base.as_str(), "u-1001"));
    let created: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'user.create_from_sso'")
        .fetch_one(&app.ctx.pool)
        .await
        .unwrap();
    assert_eq!(created, 1);

    // Same subject, another username and groups: the same member, a new role, on record.
    {
        let mut k = idp.knobs.lock().unwrap();
        k.username = "dana.renamed".into();
        k.groups = vec!["ops".into(), "unrelated".into()];
    }
    let b2 = browser();
    let (status, _) = follow(&b2, &to_callback(&app, &b2).await).await;
    assert_eq!(status, 200);
    let m = me(&app, &b2).await;
    assert_eq!((m["username"].as_str(), m["role"].as_str()), (Some("dana"), Some("operator")), "linked by subject, not by name: {m}");
    let change: String = sqlx::query_scalar("SELECT summary FROM audit_events WHERE action = 'user.role_from_groups'")
        .fetch_one(&app.ctx.pool)
        .await
        .unwrap();
    assert!(change.contains("\"from\":\"admin\"") && change.contains("\"to\":\"operator\""), "{change}");
    assert_eq!(me(&app, &b).await, Value::Null, "the session opened as admin ended with the role");

    // Another subject with the same e-mail is another member: never linked by e-mail.
    idp.knobs.lock().unwrap().sub = "u-2002".into();
    let b3 = browser();
    follow(&b3, &to_callback(&app, &b3).await).await;
    let m = me(&app, &b3).await;
    assert_eq!(m["username"], "dana.renamed", "{m}");
}

#[tokio::test]
async fn a_swapped_state_a_replayed_callback_and_a_replayed_code_are_refused_and_on_record() {
    let idp = spawn_idp().await;
    let app = spawn(&idp, "all").await;
    let b = browser();
    let callback = to_callback(&app, &b).await;
    let swapped = regex_replace_state(&callback, "forged-state");
    let (status, page) = follow(&b, &swapped).await;
    assert_eq!(status, 400, "{page}");
    assert!(refusal(&app).await.contains("state does not match"), "{}", refusal(&app).await);
    // The sign-in was used up by the swapped attempt: the real callback now fails too.
    let (status, _) = follow(&b, &callback).await;
    assert_eq!(status, 400);
    assert!(refusal(&app).await.contains("without a sign-in under way"), "{}", refusal(&app).await);
    assert_eq!(me(&app, &b).await, Value::Null);

    // A good sign-in, then its callback replayed from another browser (no cookie) and the same one.
    let callback = to_callback(&app, &b).await;
    assert_eq!(follow(&b, &callback).await.0, 200);
    assert_eq!(follow(&browser(), &callback).await.0, 400, "replayed elsewhere");
    assert_eq!(follow(&b, &callback).await.0, 400, "replayed in the same browser");

    // The code reused in a fresh flow of the same browser: the provider refuses it.
    let first = to_callback(&app, &b).await;
    let code = first.split("code=").nth(1).unwrap().split('&').next().unwrap().to_string();
    assert_eq!(follow(&b, &first).await.0, 200);
    let second = to_callback(&app, &b).await;
    let state = second.split("state=").nth(1).unwrap().to_string();
    let reused = format!("{}/auth/oidc/callback?code={code}&state={state}", app.base);
    let (status, _) = follow(&b, &reused).await;
    assert_eq!(status, 403);
    assert!(refusal(&app).await.contains("code was refused"), "{}", refusal(&app).await);
}

fn regex_replace_state(url: &str, state: &str) -> String {
    let (head, _) = url.split_once("state=").unwrap();
    format!("{head}state={state}")
}

/// A hostile case: what it is, how the provider misbehaves, what the refusal says.
type Case = (&'static str, fn(&mut Knobs), &'static str);

#[tokio::test]
async fn tokens_for_another_audience_with_a_wrong_nonce_expired_or_forged_are_refused() {
    let idp = spawn_idp().await;
    let app = spawn(&idp, "all").await;
    let cases: [Case; 4] = [
        ("another audience", |k| k.audience = Some("someone-else".into()), "audience"),
        ("a wrong nonce", |k| k.nonce = Some("not-the-nonce".into()), "nonce"),
        ("an expired token", |k| k.expires_in = -120, "xpired"),
        ("a forged token", |k| k.signing = "stranger", "refused"),
    ];
    for (what, set, words) in cases {
        *idp.knobs.lock().unwrap() = Knobs::default();
        set(&mut idp.knobs.lock().unwrap());
        let b = browser();
        let (status, page) = follow(&b, &to_callback(&app, &b).await).await;
        assert_eq!(status, 403, "{what}: {page}");
        assert_eq!(me(&app, &b).await, Value::Null, "{what}: not signed in");
        let why = refusal(&app).await;
        assert!(why.contains("ID token was refused") && why.contains(words), "{what}: {why}");
    }
    let members: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE oidc_subject IS NOT NULL").fetch_one(&app.ctx.pool).await.unwrap();
    assert_eq!(members, 0, "no member was made from a refused token");
}

#[tokio::test]
async fn a_rotated_key_is_fetched_once_and_signs_in() {
    let idp = spawn_idp().await;
    let app = spawn(&idp, "all").await;
    let b = browser();
    assert_eq!(follow(&b, &to_callback(&app, &b).await).await.0, 200);
    // The provider rotates: key2 signs and is published; pgdeck has key1 cached.
    {
        let mut k = idp.knobs.lock().unwrap();
        k.signing = "key2";
        k.published = vec!["key1", "key2"];
    }
    let b = browser();
    let (status, page) = follow(&b, &to_callback(&app, &b).await).await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(me(&app, &b).await["username"], "dana");
}

#[tokio::test]
async fn groups_that_map_to_no_role_refuse_and_suspend_the_member_until_they_map_again() {
    let idp = spawn_idp().await;
    let app = spawn(&idp, "all").await;
    let b = browser();
    follow(&b, &to_callback(&app, &b).await).await;
    assert_eq!(me(&app, &b).await["role"], "admin");
    // A token of theirs, made while mapped.
    let r = b
        .post(format!("{}/api/create_token", app.base))
        .header("origin", &app.base)
        .json(&json!({"new": {"name": "ci", "days": 10, "scopes": ["read"]}}))
        .send()
        .await
        .unwrap();
    let secret = r.json::<Value>().await.unwrap()["secret"].as_str().unwrap().to_string();

    idp.knobs.lock().unwrap().groups = vec!["sales".into()];
    let b2 = browser();
    let (status, page) = follow(&b2, &to_callback(&app, &b2).await).await;
    assert_eq!(status, 403, "{page}");
    assert!(page.contains("none of your groups"), "{page}");
    assert!(refusal(&app).await.contains("maps to a pgdeck role"), "{}", refusal(&app).await);
    assert_eq!(me(&app, &b).await, Value::Null, "the open session ended");
    let api = reqwest::Client::new().get(format!("{}/api/v1/instances", app.base)).bearer_auth(&secret).send().await.unwrap();
    assert_eq!(api.status(), 401, "their token stopped");
    let suspended: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'user.suspend_from_groups'")
        .fetch_one(&app.ctx.pool)
        .await
        .unwrap();
    assert_eq!(suspended, 1);

    idp.knobs.lock().unwrap().groups = vec!["audit".into()];
    let b3 = browser();
    assert_eq!(follow(&b3, &to_callback(&app, &b3).await).await.0, 200);
    assert_eq!(me(&app, &b3).await["role"], "auditor", "mapped again: back, with the role the groups give now");
}

#[tokio::test]
async fn password_sign_in_can_be_kept_for_admins_or_turned_off_and_the_sign_in_page_offers_the_provider() {
    let idp = spawn_idp().await;
    let admins_only = spawn(&idp, "admins").await;
    let page = reqwest::get(format!("{}/sign-in", admins_only.base)).await.unwrap().text().await.unwrap();
    assert!(page.contains("Sign in with Test IdP") && page.contains("/auth/oidc/start?next="), "the provider is offered");
    assert!(page.contains("break-glass"), "the password form says whom it is for");
    let b = admins_only.browser();
    let (status, body) = admins_only.call(&b, "sign_in", &[("username", "alice"), ("password", domain::seed::DEMO_PASSWORD)]).await;
    assert_eq!(status, 403, "an operator's password is refused: {body}");
    let (status, _) = admins_only.call(&b, "sign_in", &[("username", "admin"), ("password", domain::seed::DEMO_PASSWORD)]).await;
    assert!(status < 400, "the admin's break-glass password works");

    let off = spawn(&idp, "off").await;
    let page = reqwest::get(format!("{}/sign-in", off.base)).await.unwrap().text().await.unwrap();
    assert!(!page.contains("type=\"password\""), "no password form");
    let (status, _) = off.call(&off.browser(), "sign_in", &[("username", "admin"), ("password", domain::seed::DEMO_PASSWORD)]).await;
    assert_eq!(status, 403);
    let why: String = sqlx::query_scalar(
        "SELECT result_message FROM audit_events WHERE action = 'auth.sign_in' AND outcome = 'refused' ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(&off.ctx.pool)
    .await
    .unwrap();
    assert!(why.contains("turned off"), "{why}");
}
