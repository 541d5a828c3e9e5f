//! Approval notifications to webhooks (Slack-compatible JSON or NHN Dooray),
//! sent in the background through a bounded queue: an action never waits on
//! a webhook, and a full queue drops (and records) rather than blocks.
//! Messages name the action, resource and people — never parameters.

use crate::time::now_utc;
use crate::{Context, DomainError};
use model::Approval as Request;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// Notices waiting to be sent, at most.
pub const QUEUE: usize = 1000;
/// Tries per delivery.
pub const ATTEMPTS: u32 = 3;

/// What happened to a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Event {
    Created,
    Approved,
    Rejected,
    Expired,
    Executed,
    Failed,
    /// Approved, not run: what it acts on changed after filing.
    Stale,
}

impl Event {
    fn word(self) -> &'static str {
        match self {
            Event::Created => "created",
            Event::Approved => "approved",
            Event::Rejected => "rejected",
            Event::Expired => "expired",
            Event::Executed => "executed",
            Event::Failed => "failed",
            Event::Stale => "stale",
        }
    }
}

/// One notice to deliver.
#[derive(Clone, Debug)]
pub struct Notice {
    pub event: Event,
    pub request_id: i64,
    pub text: String,
}

/// Queues a notice for every enabled webhook; never waits.
pub fn send(ctx: &Context, event: Event, r: &Request) {
    let text = format!(
        "pgdeck approval #{} {}: {} on {} {} (requested by {}; reason: {})",
        r.id,
        event.word(),
        r.action.replace('_', " "),
        r.resource_type.replace('_', " "),
        if r.resource_name.is_empty() { &r.resource_id } else { &r.resource_name },
        r.requester_name,
        r.reason
    );
    let text =
        if event == Event::Stale { format!("{text}. Not run, because it changed since it was filed: {}", r.result_message) } else { text };
    let notice = Notice { event, request_id: r.id, text };
    if ctx.notices.try_send(notice).is_err() {
        let pool = ctx.pool.clone();
        let id = r.id;
        tokio::spawn(async move {
            let _ = sqlx::query(
                "INSERT INTO webhook_deliveries (webhook_id, event, request_id, status, attempts, last_error, created_at) \
                 SELECT id, ?, ?, 'dropped', 0, 'the notification queue was full', ? FROM webhooks WHERE enabled = 1",
            )
            .bind(event.word())
            .bind(id)
            .bind(now_utc())
            .execute(&pool)
            .await;
        });
    }
}

fn body(kind: &str, text: &str) -> serde_json::Value {
    match kind {
        "dooray" => serde_json::json!({"botName": "pgdeck", "text": text}),
        _ => serde_json::json!({"text": text}),
    }
}

/// Posts one notice to one webhook, retrying; answers whether it was
/// delivered, after how many attempts, and the last error.
async fn deliver(ctx: &Context, url: &str, kind: &str, text: &str) -> (bool, u32, String) {
    // Resolved and checked once per delivery, then pinned: the connection
    // goes to the addresses that were checked, and redirects are not followed.
    let http = match crate::outbound::resolve_webhook(&ctx.settings, url).await {
        Ok((host, addrs)) => reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .redirect(reqwest::redirect::Policy::none())
            .resolve_to_addrs(&host, &addrs)
            .build(),
        Err(why) => return (false, 0, why),
    };
    let http = match http {
        Ok(h) => h,
        Err(e) => return (false, 0, e.to_string()),
    };
    let mut last_error = String::new();
    let mut attempts = 0;
    while attempts < ATTEMPTS {
        attempts += 1;
        match http.post(url).json(&body(kind, text)).send().await {
            Ok(r) if r.status().is_success() => return (true, attempts, String::new()),
            Ok(r) => last_error = format!("HTTP {}", r.status()),
            Err(e) => last_error = e.without_url().to_string(),
        }
        tokio::time::sleep(Duration::from_millis(200 * u64::from(attempts))).await;
    }
    (false, attempts, last_error)
}

/// Delivers queued notices until the process ends.
pub fn spawn_worker(ctx: Context, mut rx: tokio::sync::mpsc::Receiver<Notice>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut stopping = ctx.stopping();
        loop {
            let n = tokio::select! {
                n = rx.recv() => match n { Some(n) => n, None => break },
                _ = stopping.changed() => break,
            };
            let hooks = sqlx::query_as::<_, (i64, String, String)>("SELECT id, url, kind FROM webhooks WHERE enabled = 1")
                .fetch_all(&ctx.pool)
                .await
                .unwrap_or_default();
            for (id, url, kind) in hooks {
                let (sent, attempts, last_error) = deliver(&ctx, &url, &kind, &n.text).await;
                let _ = sqlx::query("INSERT INTO webhook_deliveries (webhook_id, event, request_id, status, attempts, last_error, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .bind(id)
                    .bind(n.event.word())
                    .bind(n.request_id)
                    .bind(if sent { "sent" } else { "failed" })
                    .bind(attempts)
                    .bind(&last_error)
                    .bind(now_utc())
                    .execute(&ctx.pool)
                    .await;
            }
        }
    })
}

pub use model::Webhook;

/// Webhooks with their recent failures.
pub async fn webhooks(ctx: &Context, _by: crate::Granted<'_, crate::grant::Administer>) -> Result<Vec<Webhook>, DomainError> {
    Ok(sqlx::query_as::<_, Webhook>(
        "SELECT w.id, w.name, w.url, w.kind, w.enabled, \
         (SELECT COUNT(*) FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.status <> 'sent') AS failures, \
         COALESCE((SELECT d.last_error FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.status <> 'sent' ORDER BY d.id DESC LIMIT 1), '') AS last_error \
         FROM webhooks w ORDER BY w.id",
    )
    .fetch_all(&ctx.pool)
    .await?)
}

/// Adds a webhook (admins); audited.
pub async fn add_webhook(
    ctx: &Context,
    actor: crate::Granted<'_, crate::grant::Administer>,
    name: &str,
    url: &str,
    kind: &str,
) -> Result<(), DomainError> {
    crate::outbound::check_webhook_url(&ctx.settings, url)?;
    if !matches!(kind, "slack" | "dooray") {
        return Err(DomainError::Validation(rds::ValidationError::new("kind", "slack or dooray")));
    }
    let mut tx = crate::db::begin(&ctx.pool).await?;
    sqlx::query("INSERT INTO webhooks (name, url, kind, created_at) VALUES (?, ?, ?, ?)")
        .bind(name.trim())
        .bind(url.trim())
        .bind(kind)
        .bind(now_utc())
        .execute(&mut *tx)
        .await?;
    crate::audit::record_in(
        &mut tx,
        ctx,
        &crate::audit::Entry::by(&actor, "webhook.add").resource("webhook", "", name).summary(serde_json::json!({"kind": kind})),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Removes a webhook (admins); audited.
pub async fn remove_webhook(ctx: &Context, actor: crate::Granted<'_, crate::grant::Administer>, id: i64) -> Result<(), DomainError> {
    let mut tx = crate::db::begin(&ctx.pool).await?;
    let removed = sqlx::query("DELETE FROM webhooks WHERE id = ?").bind(id).execute(&mut *tx).await?.rows_affected();
    if removed == 0 {
        return Err(DomainError::NotFound(format!("webhook {id}")));
    }
    crate::audit::record_in(&mut tx, ctx, &crate::audit::Entry::by(&actor, "webhook.remove").resource("webhook", &id.to_string(), ""))
        .await?;
    tx.commit().await?;
    Ok(())
}
