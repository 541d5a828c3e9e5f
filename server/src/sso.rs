//! Signing in through the company's identity provider: OpenID Connect's
//! authorization code flow with PKCE, `state` and `nonce` (the
//! `openidconnect` crate). The ID token is verified — signature from the
//! provider's published keys (fetched again once when a token names a key
//! not seen yet: key rotation), issuer, audience, expiry, nonce and `azp` —
//! and the identity goes to `domain::sso`, which finds or creates the
//! member and derives their role from their groups.
//!
//! The flow's secrets (PKCE verifier, nonce, state) stay on the server,
//! keyed by a random value in a short-lived cookie of its own
//! (`SameSite=Lax`, so the provider's redirect back carries it). Each is
//! used once: a replayed or swapped callback finds nothing. The session
//! cookie is `SameSite=Strict`, so the callback answers with a page that
//! moves on to `next` from pgdeck's own origin.

use crate::config::OidcConfig;
use axum::extract::{Query, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope,
    TokenResponse,
};
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::RwLock;

/// The cookie naming a sign-in on its way through the provider.
const COOKIE: &str = "pgdeck_oidc";
/// How long a sign-in may take at the provider.
const PENDING_FOR: Duration = Duration::from_secs(600);
/// At most this many sign-ins on their way at once.
const PENDING_MAX: usize = 10_000;

struct Pending {
    state: String,
    verifier: String,
    nonce: String,
    next: String,
    at: Instant,
}

/// The provider, as discovered, and the sign-ins on their way.
pub struct Sso {
    cfg: OidcConfig,
    http: openidconnect::reqwest::Client,
    metadata: RwLock<Option<(CoreProviderMetadata, Instant)>>,
    pending: Mutex<HashMap<String, Pending>>,
}

#[derive(Clone)]
pub struct SsoState {
    ctx: domain::Context,
    sso: Arc<Sso>,
}

/// `/auth/oidc/start` and `/auth/oidc/callback`.
pub fn router(ctx: domain::Context, cfg: OidcConfig) -> axum::Router {
    let http = openidconnect::reqwest::ClientBuilder::new()
        // Following redirects would open the token exchange to SSRF.
        .redirect(openidconnect::reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(15))
        .build()
        .unwrap_or_default();
    let sso = Arc::new(Sso { cfg, http, metadata: RwLock::new(None), pending: Mutex::new(HashMap::new()) });
    axum::Router::new()
        .route("/auth/oidc/start", axum::routing::get(start))
        .route("/auth/oidc/callback", axum::routing::get(callback))
        .with_state(SsoState { ctx, sso })
}

impl Sso {
    /// The provider's metadata (and keys), discovered at most every hour,
    /// or again at once when `fresh`.
    async fn metadata(&self, fresh: bool) -> Result<CoreProviderMetadata, String> {
        if !fresh {
            if let Some((m, at)) = self.metadata.read().await.as_ref() {
                if at.elapsed() < Duration::from_secs(3600) {
                    return Ok(m.clone());
                }
            }
        }
        let issuer = IssuerUrl::new(self.cfg.issuer.clone()).map_err(|e| format!("the issuer URL: {e}"))?;
        let m = CoreProviderMetadata::discover_async(issuer, &self.http)
            .await
            .map_err(|e| format!("the identity provider's discovery failed: {}", chain(&e)))?;
        *self.metadata.write().await = Some((m.clone(), Instant::now()));
        Ok(m)
    }

    fn client(
        &self,
        m: CoreProviderMetadata,
    ) -> Result<
        CoreClient<
            openidconnect::EndpointSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointMaybeSet,
            openidconnect::EndpointMaybeSet,
        >,
        String,
    > {
        let redirect = RedirectUrl::new(format!("{}/auth/oidc/callback", self.cfg.public_url.trim_end_matches('/')))
            .map_err(|e| format!("the redirect URL: {e}"))?;
        Ok(CoreClient::from_provider_metadata(
            m,
            ClientId::new(self.cfg.client_id.clone()),
            Some(ClientSecret::new(self.cfg.client_secret.clone())),
        )
        .set_redirect_uri(redirect))
    }
}

fn chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        out.push_str(": ");
        out.push_str(&c.to_string());
        cur = c.source();
    }
    out
}

#[derive(Deserialize)]
struct StartQuery {
    #[serde(default)]
    next: String,
}

fn client_of(req: &Request) -> domain::Client {
    req.extensions().get::<domain::Client>().cloned().unwrap_or_default()
}

/// Sends the browser to the provider, remembering what the callback checks.
async fn start(State(s): State<SsoState>, Query(q): Query<StartQuery>, req: Request) -> Response {
    let client = client_of(&req);
    let m = match s.sso.metadata(false).await {
        Ok(m) => m,
        Err(why) => return refused(&s, &client, "", &why, StatusCode::SERVICE_UNAVAILABLE).await,
    };
    let oidc = match s.sso.client(m) {
        Ok(c) => c,
        Err(why) => return refused(&s, &client, "", &why, StatusCode::SERVICE_UNAVAILABLE).await,
    };
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let mut ask = oidc.authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random);
    for scope in &s.sso.cfg.scopes {
        if scope != "openid" {
            ask = ask.add_scope(Scope::new(scope.clone()));
        }
    }
    let (url, state, nonce) = ask.set_pkce_challenge(challenge).url();
    let key = CsrfToken::new_random().secret().clone();
    let next = model::redirect::local_target(&q.next).to_string();
    let kept = {
        let mut pending = s.sso.pending.lock().unwrap_or_else(|e| e.into_inner());
        pending.retain(|_, p| p.at.elapsed() < PENDING_FOR);
        let room = pending.len() < PENDING_MAX;
        if room {
            let p = Pending {
                state: state.secret().clone(),
                verifier: verifier.secret().clone(),
                nonce: nonce.secret().clone(),
                next,
                at: Instant::now(),
            };
            pending.insert(key.clone(), p);
        }
        room
    };
    if !kept {
        return refused(&s, &client, "", "too many sign-ins under way; try again in a minute", StatusCode::SERVICE_UNAVAILABLE).await;
    }
    let secure = if s.sso.cfg.public_url.starts_with("https://") { "; Secure" } else { "" };
    let cookie = format!("{COOKIE}={key}; Path=/auth/oidc; HttpOnly; SameSite=Lax; Max-Age={}{secure}", PENDING_FOR.as_secs());
    let mut resp = Redirect::to(url.as_str()).into_response();
    if let Ok(v) = cookie.parse() {
        resp.headers_mut().insert(header::SET_COOKIE, v);
    }
    resp
}

#[derive(Deserialize)]
struct CallbackQuery {
    #[serde(default)]
    code: String,
    #[serde(default)]
    state: String,
    #[serde(default)]
    error: String,
    #[serde(default)]
    error_description: String,
}

fn cookie_key(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE)
        .map(|(_, v)| v.to_string())
}

/// The provider sends the browser back: check everything, then sign in.
async fn callback(State(s): State<SsoState>, Query(q): Query<CallbackQuery>, req: Request) -> Response {
    let client = client_of(&req);
    let session = req.extensions().get::<tower_sessions::Session>().cloned();
    let key = cookie_key(req.headers());
    // Taken out at once: a callback is used once, whatever comes of it.
    let pending = key.and_then(|k| s.sso.pending.lock().unwrap_or_else(|e| e.into_inner()).remove(&k));
    let Some(p) = pending.filter(|p| p.at.elapsed() < PENDING_FOR) else {
        return refused(
            &s,
            &client,
            "",
            "a sign-in callback without a sign-in under way (replayed, expired or from another browser)",
            StatusCode::BAD_REQUEST,
        )
        .await;
    };
    if !q.error.is_empty() {
        let why = format!("the identity provider refused: {} {}", q.error, q.error_description);
        return refused(&s, &client, "", why.trim(), StatusCode::FORBIDDEN).await;
    }
    if q.state.is_empty() || !constant_eq(q.state.as_bytes(), p.state.as_bytes()) {
        return refused(&s, &client, "", "the callback's state does not match the sign-in's (swapped or forged)", StatusCode::BAD_REQUEST)
            .await;
    }
    let who = match verify(&s.sso, &q.code, &p).await {
        Ok(who) => who,
        Err(why) => return refused(&s, &client, "", &why, StatusCode::FORBIDDEN).await,
    };
    match domain::sso::sign_in(&s.ctx, &who, &s.sso.cfg.role_map, &client).await {
        Ok((sid, _)) => {
            if let Some(session) = session {
                let _ = session.cycle_id().await;
                if let Err(e) = session.insert("sid", sid).await {
                    tracing::error!(error = %e, "could not keep a session");
                    return page(StatusCode::INTERNAL_SERVER_ERROR, "pgdeck could not keep your session; try again.", "/sign-in");
                }
            }
            moving_on(&p.next)
        }
        Err(e) => {
            // The domain recorded the refusal with the member named.
            let text = match e {
                domain::DomainError::Forbidden(why) => why.text,
                other => other.to_string(),
            };
            page(StatusCode::FORBIDDEN, &text, "/sign-in")
        }
    }
}

fn constant_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Exchanges the code (with the PKCE verifier) and verifies the ID token;
/// a token signed by a key not seen yet sends discovery again once.
async fn verify(sso: &Sso, code: &str, p: &Pending) -> Result<domain::sso::Identity, String> {
    if code.is_empty() {
        return Err("the callback carries no code".into());
    }
    let m = sso.metadata(false).await?;
    let oidc = sso.client(m)?;
    let response = oidc
        .exchange_code(AuthorizationCode::new(code.to_string()))
        .map_err(|e| format!("the provider has no token endpoint: {e}"))?
        .set_pkce_verifier(PkceCodeVerifier::new(p.verifier.clone()))
        .request_async(&sso.http)
        .await
        .map_err(|e| format!("the code was refused by the identity provider (used twice, or not its own): {}", chain(&e)))?;
    let token = response.id_token().ok_or("the identity provider sent no ID token")?.clone();
    let nonce = Nonce::new(p.nonce.clone());
    let claims = match token.claims(&oidc.id_token_verifier(), &nonce) {
        Ok(c) => c.clone(),
        Err(first) => {
            // Keys rotate: a key the cached set does not hold is looked up once more.
            let unknown_key = matches!(first, openidconnect::ClaimsVerificationError::SignatureVerification(_));
            if !unknown_key {
                return Err(format!("the ID token was refused: {}", chain(&first)));
            }
            let fresh = sso.client(sso.metadata(true).await?)?;
            let verifier = fresh.id_token_verifier();
            let claims = token.claims(&verifier, &nonce).map_err(|e| format!("the ID token was refused: {}", chain(&e)))?.clone();
            claims
        }
    };
    // The groups claim is read from the same, now verified, token.
    let payload = token.to_string();
    let body = payload.split('.').nth(1).unwrap_or("");
    use base64::Engine;
    let raw: serde_json::Value = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(body.trim_end_matches('='))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default();
    let groups = match &raw[&sso.cfg.groups_claim] {
        serde_json::Value::Array(a) => a.iter().filter_map(|g| g.as_str().map(str::to_string)).collect(),
        serde_json::Value::String(one) => vec![one.clone()],
        _ => Vec::new(),
    };
    let text = |v: Option<&str>| v.unwrap_or("").to_string();
    Ok(domain::sso::Identity {
        issuer: claims.issuer().to_string(),
        subject: claims.subject().to_string(),
        username: text(claims.preferred_username().map(|u| u.as_str())),
        name: text(claims.name().and_then(|n| n.get(None)).map(|n| n.as_str())),
        email: text(claims.email().map(|e| e.as_str())),
        groups,
    })
}

/// A refusal on record and shown (with the way back to the sign-in page).
async fn refused(s: &SsoState, client: &domain::Client, who: &str, why: &str, status: StatusCode) -> Response {
    tracing::warn!(why, "refused a sign-in through the identity provider");
    if let Err(e) = domain::sso::refuse(&s.ctx, client, who, why).await {
        tracing::error!(error = %e, "could not record a refusal");
    }
    page(status, &format!("Signing in through the identity provider did not work: {why}"), "/sign-in")
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn page(status: StatusCode, text: &str, back: &str) -> Response {
    let body = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>pgdeck</title></head><body><main><h1>Sign-in</h1><p role=\"alert\">{}</p><p><a href=\"{}\">Back to the sign-in page</a></p></main></body></html>",
        escape(text),
        escape(back)
    );
    (status, Html(body)).into_response()
}

/// Moves on to `next` from pgdeck's own page: the session cookie is
/// `SameSite=Strict`, and a redirect that began at the provider would not
/// carry it.
fn moving_on(next: &str) -> Response {
    let next = escape(next);
    let body = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0;url={next}\"><title>pgdeck</title></head><body><p><a href=\"{next}\">Continue to pgdeck</a></p></body></html>"
    );
    let mut resp = (StatusCode::OK, Html(body)).into_response();
    // The sign-in's cookie has served.
    if let Ok(v) = format!("{COOKIE}=; Path=/auth/oidc; HttpOnly; SameSite=Lax; Max-Age=0").parse() {
        resp.headers_mut().insert(header::SET_COOKIE, v);
    }
    resp
}
