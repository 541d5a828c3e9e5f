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

/// One notice to deliver, worded in every language (each webhook is sent
/// its own).
#[derive(Clone, Debug)]
pub struct Notice {
    pub event: Event,
    pub request_id: i64,
    /// The text in each language, in `lang::Lang::ALL`'s order.
    pub texts: Vec<String>,
}

impl Notice {
    /// The text in the language a webhook is set to (`en`, `ko`).
    pub fn text(&self, code: &str) -> &str {
        let at = lang::Lang::ALL.iter().position(|l| l.code() == code).unwrap_or(0);
        self.texts.get(at).map_or("", String::as_str)
    }
}

/// What a notice says, in one language: English names the action and the
/// kind of resource as recorded ("stop db instance on db instance orders");
/// other languages by their words.
pub fn words(language: lang::Lang, event: Event, r: &Request) -> String {
    use lang::msg::notify as m;
    let table = lang::tables::table(language);
    let said = table.get(match event {
        Event::Created => m::NOTICE_CREATED,
        Event::Approved => m::NOTICE_APPROVED,
        Event::Rejected => m::NOTICE_REJECTED,
        Event::Expired => m::NOTICE_EXPIRED,
        Event::Executed => m::NOTICE_EXECUTED,
        Event::Failed => m::NOTICE_FAILED,
        Event::Stale => m::NOTICE_STALE_WORD,
    });
    let (action, kind) = match language {
        lang::Lang::En => (r.action.replace('_', " "), r.resource_type.replace('_', " ")),
        _ => {
            let verb = lang::msg::verb(&r.action).map_or_else(|| r.action.replace('_', " "), |k| table.get(k).to_string());
            let kind = rds::ResourceType::parse(&r.resource_type);
            let kind = rds::ResourceType::KNOWN
                .iter()
                .position(|k| *k == kind)
                .and_then(|i| lang::msg::words::ResourceType.get(i))
                .map_or_else(|| r.resource_type.replace('_', " "), |k| table.get(*k).to_string());
            (verb, kind)
        }
    };
    let resource = if r.resource_name.is_empty() { &r.resource_id } else { &r.resource_name };
    let mut text = table.format(&m::notice(r.id.to_string(), said, action, kind, resource, &r.requester_name, &r.reason));
    if event == Event::Stale {
        text.push_str(&table.format(&m::notice_stale(&r.result_message)));
    }
    text
}

/// Queues a notice for every enabled webhook; never waits.
pub fn send(ctx: &Context, event: Event, r: &Request) {
    let texts = lang::Lang::ALL.iter().map(|l| words(*l, event, r)).collect();
    let notice = Notice { event, request_id: r.id, texts };
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
            let hooks =
                sqlx::query_as::<_, (i64, String, String, String)>("SELECT id, url, kind, language FROM webhooks WHERE enabled = 1")
                    .fetch_all(&ctx.pool)
                    .await
                    .unwrap_or_default();
            for (id, url, kind, language) in hooks {
                let (sent, attempts, last_error) = deliver(&ctx, &url, &kind, n.text(&language)).await;
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
        "SELECT w.id, w.name, w.url, w.kind, w.language, w.enabled, \
         (SELECT COUNT(*) FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.status <> 'sent') AS failures, \
         COALESCE((SELECT d.last_error FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.status <> 'sent' ORDER BY d.id DESC LIMIT 1), '') AS last_error \
         FROM webhooks w ORDER BY w.id",
    )
    .fetch_all(&ctx.pool)
    .await?)
}

/// Adds a webhook (admins) whose notices are written in `language` (`en`,
/// `ko`); audited.
pub async fn add_webhook(
    ctx: &Context,
    actor: crate::Granted<'_, crate::grant::Administer>,
    name: &str,
    url: &str,
    kind: &str,
    language: &str,
) -> Result<(), DomainError> {
    crate::outbound::check_webhook_url(&ctx.settings, url)?;
    if !matches!(kind, "slack" | "dooray") {
        return Err(DomainError::Validation(rds::ValidationError::coded(
            "kind",
            "one-of",
            vec!["slack, dooray".into(), kind.to_string()],
            format!("must be one of slack, dooray, got {kind}"),
        )));
    }
    if lang::Lang::from_code(language).is_none() {
        return Err(DomainError::Validation(rds::ValidationError::coded(
            "language",
            "one-of",
            vec!["en, ko".into(), language.to_string()],
            format!("must be one of en, ko, got {language}"),
        )));
    }
    let mut tx = crate::db::begin(&ctx.pool).await?;
    sqlx::query("INSERT INTO webhooks (name, url, kind, language, created_at) VALUES (?, ?, ?, ?, ?)")
        .bind(name.trim())
        .bind(url.trim())
        .bind(kind)
        .bind(language)
        .bind(now_utc())
        .execute(&mut *tx)
        .await?;
    crate::audit::record_in(
        &mut tx,
        ctx,
        &crate::audit::Entry::by(&actor, "webhook.add")
            .resource("webhook", "", name)
            .summary(serde_json::json!({"kind": kind, "language": language})),
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
