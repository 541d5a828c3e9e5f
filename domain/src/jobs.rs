//! The job tracker: every upstream job pgdeck started is stored and polled
//! (`GET /v1.0/jobs/{id}`, or `/v3.0/…` where the region answers there) until it ends, with backoff and a bounded rate per
//! credential; after a restart it resumes what was in flight. Each change is
//! broadcast so pages can show it live.

use crate::actions::{Action, Target};
use crate::audit::{self, Entry};
use crate::time::{now_utc, unix_millis};
use crate::{credentials, Actor, Context, DomainError};
use rds::client::RdsError;
use serde::{Deserialize, Serialize};
use sqlx::{Sqlite, Transaction};
use std::collections::HashMap;
use std::time::Duration;

/// At most this many polls per credential per round.
pub const POLLS_PER_CREDENTIAL: usize = 4;
/// On top of those, polls of jobs whose instance no longer shows a task
/// (their end is likely) come from a bucket per credential: it refills at
/// this many a second ...
pub const LIKELY_POLLS_PER_SECOND: f64 = 80.0;
/// ... and holds at most this many, saved while nothing ended, so a burst of
/// ends is confirmed at once while the average stays at the rate above.
pub const LIKELY_BURST: f64 = 240.0;
/// At most this many questions to upstream in flight at once in a round.
pub const ASKING_AT_ONCE: usize = 64;
/// How often the instance list is read per credential for those hints.
pub const HINT_EVERY: Duration = Duration::from_secs(1);
/// The first wait between polls; it grows by half each time.
pub const FIRST_POLL: Duration = Duration::from_millis(400);
/// The longest wait between polls.
pub const MAX_POLL: Duration = Duration::from_secs(15);

/// A job as pgdeck knows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct JobRow {
    pub job_id: String,
    pub action: String,
    pub resource_type: String,
    pub resource_id: String,
    pub resource_name: String,
    pub username: String,
    pub credential_id: Option<i64>,
    pub status: String,
    pub finished: bool,
    pub note: String,
    pub audit_id: Option<i64>,
    pub approval_id: Option<i64>,
    pub created_at: String,
    pub updated_at: String,
    pub finished_at: Option<String>,
}

/// Records a new job inside the gateway's transaction.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn insert(
    tx: &mut Transaction<'_, Sqlite>,
    job_id: &str,
    action: &Action,
    target: &Target,
    actor: &Actor,
    credential_id: i64,
    audit_id: i64,
    approval_id: Option<i64>,
) -> Result<(), DomainError> {
    let now = now_utc();
    sqlx::query(
        "INSERT INTO jobs (job_id, action, resource_type, resource_id, resource_name, user_id, username, credential_id, status, next_poll_at, audit_id, approval_id, created_at, updated_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'REGISTERED', ?, ?, ?, ?, ?) ON CONFLICT (job_id) DO NOTHING",
    )
    .bind(job_id)
    .bind(action.name)
    .bind(action.resource_type)
    .bind(&target.id)
    .bind(&target.name)
    .bind(actor.user_id)
    .bind(&actor.username)
    .bind(credential_id)
    .bind(unix_millis() + FIRST_POLL.as_millis() as i64)
    .bind(audit_id)
    .bind(approval_id)
    .bind(&now)
    .bind(&now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

const COLUMNS: &str = "job_id, action, resource_type, resource_id, resource_name, username, credential_id, status, finished, note, audit_id, approval_id, created_at, updated_at, finished_at";

/// One job.
pub async fn get(ctx: &Context, job_id: &str) -> Result<Option<JobRow>, DomainError> {
    Ok(sqlx::query_as::<_, JobRow>(&format!("SELECT {COLUMNS} FROM jobs WHERE job_id = ?")).bind(job_id).fetch_optional(&ctx.pool).await?)
}

/// Sends the job's current state to whoever watches.
pub async fn announce(ctx: &Context, job_id: &str) {
    if let Ok(Some(row)) = get(ctx, job_id).await {
        let _ = ctx.job_events.send(row);
    }
}

/// Which jobs to list.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct JobFilter {
    /// `running`, `finished` or empty for all.
    pub state: String,
    pub resource_id: String,
    pub action: String,
    pub username: String,
    pub limit: i64,
}

/// Jobs, newest first.
pub async fn list(ctx: &Context, _by: crate::Reader<'_>, f: &JobFilter) -> Result<Vec<JobRow>, DomainError> {
    let mut sql = format!("SELECT {COLUMNS} FROM jobs WHERE 1 = 1");
    match f.state.as_str() {
        "running" => sql.push_str(" AND finished = 0"),
        "finished" => sql.push_str(" AND finished = 1"),
        "" | "all" => {}
        other => {
            let shown: String = other.chars().take(40).collect();
            return Err(DomainError::Validation(crate::refused("state", "job-state", &[&format!("{shown:?}")])));
        }
    }
    if !f.resource_id.is_empty() {
        sql.push_str(" AND resource_id = ?1");
    }
    if !f.action.is_empty() {
        sql.push_str(" AND action = ?2");
    }
    if !f.username.is_empty() {
        sql.push_str(" AND username = ?3");
    }
    sql.push_str(" ORDER BY created_at DESC LIMIT ?4");
    let limit = if f.limit <= 0 { 100 } else { f.limit.min(1000) };
    Ok(sqlx::query_as::<_, JobRow>(&sql).bind(&f.resource_id).bind(&f.action).bind(&f.username).bind(limit).fetch_all(&ctx.pool).await?)
}

fn backoff(polls: i64) -> Duration {
    let factor = 1.5f64.powi(polls.clamp(0, 20) as i32);
    FIRST_POLL.mul_f64(factor).min(MAX_POLL)
}

#[derive(sqlx::FromRow)]
struct Due {
    job_id: String,
    user_id: Option<i64>,
    credential_id: Option<i64>,
    polls: i64,
    resource_id: String,
    /// The state last written, and when it last changed.
    status: String,
    updated_at: String,
}

/// What the tracker remembers between rounds: when it last read each
/// credential's instance list, and which jobs that list says have likely
/// ended.
#[derive(Default)]
pub struct Hints {
    listed: HashMap<i64, std::time::Instant>,
    likely: std::collections::HashSet<String>,
    buckets: HashMap<Option<i64>, Bucket>,
}

/// A credential's allowance of likely-end polls: [`LIKELY_BURST`] at most,
/// refilled at [`LIKELY_POLLS_PER_SECOND`].
struct Bucket {
    tokens: f64,
    at: std::time::Instant,
}

impl Bucket {
    fn full() -> Bucket {
        Bucket { tokens: LIKELY_BURST, at: std::time::Instant::now() }
    }

    /// Polls that may be spent now.
    fn refill(&mut self) -> usize {
        self.refill_at(std::time::Instant::now())
    }

    fn refill_at(&mut self, now: std::time::Instant) -> usize {
        self.tokens = (self.tokens + now.saturating_duration_since(self.at).as_secs_f64() * LIKELY_POLLS_PER_SECOND).min(LIKELY_BURST);
        self.at = now;
        self.tokens as usize
    }
}

/// One round of polling with no memory of earlier rounds (tests, restarts).
pub async fn poll_once(ctx: &Context) -> Result<usize, DomainError> {
    poll_round(ctx, &mut Hints::default()).await
}

/// Reads, at most once per [`HINT_EVERY`] per credential, the instance list
/// of every credential with instance jobs in flight. A job whose instance
/// no longer shows a task (or is gone) is polled at once, from the larger
/// budget; a job whose instance still shows one waits for the next hint
/// (or, at the latest, [`MAX_POLL`]). Polls go where ends are likely.
async fn read_hints(ctx: &Context, hints: &mut Hints) -> Result<(), DomainError> {
    let owners: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT DISTINCT user_id, credential_id FROM jobs WHERE finished = 0 AND resource_type = 'db_instance' AND resource_id <> '' \
         AND polls > 0 AND user_id IS NOT NULL AND credential_id IS NOT NULL",
    )
    .fetch_all(&ctx.pool)
    .await?;
    for (user, credential) in owners {
        if hints.listed.get(&credential).is_some_and(|t| t.elapsed() < HINT_EVERY) {
            continue;
        }
        hints.listed.insert(credential, std::time::Instant::now());
        let Ok(creds) = credentials::open(ctx, user, credential).await else { continue };
        let Ok(list) = ctx.rds.db_instances(&creds).await else { continue };
        let busy: std::collections::HashSet<String> = list
            .db_instances
            .into_iter()
            .filter(|i| i.progress_status.as_ref().is_some_and(|p| p.is_busy()))
            .map(|i| i.db_instance_id.0)
            .collect();
        let jobs: Vec<(String, String)> = sqlx::query_as(
            "SELECT job_id, resource_id FROM jobs WHERE finished = 0 AND credential_id = ? AND resource_type = 'db_instance' \
             AND resource_id <> '' AND polls > 0",
        )
        .bind(credential)
        .fetch_all(&ctx.pool)
        .await?;
        let now = unix_millis();
        for (job, instance) in jobs {
            if busy.contains(&instance) {
                hints.likely.remove(&job);
                sqlx::query("UPDATE jobs SET next_poll_at = MAX(next_poll_at, ?) WHERE job_id = ? AND finished = 0")
                    .bind(now + MAX_POLL.as_millis() as i64)
                    .bind(&job)
                    .execute(&ctx.pool)
                    .await?;
            } else if hints.likely.insert(job.clone()) {
                sqlx::query("UPDATE jobs SET next_poll_at = ? WHERE job_id = ? AND finished = 0 AND next_poll_at > ?")
                    .bind(now)
                    .bind(&job)
                    .bind(now)
                    .execute(&ctx.pool)
                    .await?;
            }
        }
    }
    Ok(())
}

/// One round of polling: every due job, at most [`POLLS_PER_CREDENTIAL`]
/// per credential, plus those whose end is likely as far as the
/// credential's [`Bucket`] allows. Returns how many jobs were polled.
///
/// The round is background work for the request budget
/// ([`rds::budget::in_background`]): it yields to pages, and a job it cannot
/// ask about now is asked again later.
pub async fn poll_round(ctx: &Context, hints: &mut Hints) -> Result<usize, DomainError> {
    rds::budget::in_background(round(ctx, hints)).await
}

async fn round(ctx: &Context, hints: &mut Hints) -> Result<usize, DomainError> {
    if let Err(e) = read_hints(ctx, hints).await {
        tracing::debug!(error = %e, "reading job hints failed; polling on the usual schedule");
    }
    let due = sqlx::query_as::<_, Due>(
        "SELECT job_id, user_id, credential_id, polls, resource_id, status, updated_at FROM jobs WHERE finished = 0 AND next_poll_at <= ? \
         ORDER BY next_poll_at LIMIT 5000",
    )
    .bind(unix_millis())
    .fetch_all(&ctx.pool)
    .await?;
    let mut per_credential: HashMap<(Option<i64>, bool), usize> = HashMap::new();
    let mut chosen = Vec::new();
    for d in due {
        let likely = hints.likely.contains(&d.job_id);
        let budget = if likely { hints.buckets.entry(d.credential_id).or_insert_with(Bucket::full).refill() } else { POLLS_PER_CREDENTIAL };
        let n = per_credential.entry((d.credential_id, likely)).or_default();
        if *n >= budget {
            continue;
        }
        *n += 1;
        chosen.push(d);
    }
    for ((credential, likely), n) in &per_credential {
        if let (true, Some(bucket)) = (likely, hints.buckets.get_mut(credential)) {
            bucket.tokens -= *n as f64;
        }
    }
    // Polled together; one job's failure (its credential gone, the vault
    // unreadable, a database error) is written on that job and pushes its
    // next poll back, and never stops the others.
    let polled = chosen.len();
    use futures_util::StreamExt as _;
    let asks: Vec<_> = chosen.iter().map(|d| fetch(ctx, d)).collect();
    let answers: Vec<Answer> = futures_util::stream::iter(asks).buffered(ASKING_AT_ONCE).collect().await;
    // The round's answers land in one transaction: concurrent writers would
    // each queue for SQLite's write lock, and a burst of ends would wait on
    // one another. Should that transaction fail, each job is written on its
    // own, so one job's trouble never holds back the others.
    let mut changed = Vec::new();
    let together = async {
        let mut tx = crate::db::begin(&ctx.pool).await?;
        let mut ids = Vec::new();
        for (d, answer) in chosen.iter().zip(&answers) {
            ids.push((d.job_id.clone(), write(&mut tx, ctx, d, answer).await?));
        }
        tx.commit().await?;
        Ok::<_, DomainError>(ids)
    };
    match together.await {
        Ok(ids) => changed = ids,
        Err(e) => {
            tracing::warn!(error = %e, "writing a round of job answers failed; writing each job on its own");
            for (d, answer) in chosen.iter().zip(&answers) {
                let one = async {
                    let mut tx = crate::db::begin(&ctx.pool).await?;
                    let heard = write(&mut tx, ctx, d, answer).await?;
                    tx.commit().await?;
                    Ok::<_, DomainError>(heard)
                };
                match one.await {
                    Ok(heard) => changed.push((d.job_id.clone(), heard)),
                    Err(e) => {
                        tracing::warn!(job = %d.job_id, error = %e, "following a job failed");
                        let next = unix_millis() + backoff(d.polls + 1).as_millis() as i64;
                        let _ = retry_later(ctx, &d.job_id, &format!("pgdeck could not follow this job ({e}); retrying"), next).await;
                    }
                }
            }
        }
    }
    for (job_id, heard) in changed {
        match heard {
            Heard::Nothing => continue,
            Heard::Changed => {}
            Heard::Ended { succeeded } => {
                metrics::counter!("pgdeck_jobs_finished_total", "status" => if succeeded { "succeeded" } else { "failed" }).increment(1);
            }
        }
        announce(ctx, &job_id).await;
    }
    // A likely end that was not one yet waits for the next hint.
    for d in &chosen {
        hints.likely.remove(&d.job_id);
    }
    Ok(polled)
}

/// What upstream said of one job this round.
enum Answer {
    /// The job as upstream reports it.
    Job(rds::types::Job),
    /// The credential set that started it is gone: it cannot be followed.
    Unfollowable,
    /// Upstream could not say (refused or unreachable): why, in words.
    Unanswered(String),
    /// pgdeck itself could not ask (the vault, the database).
    Failed(String),
    /// Not asked now: the credential's budget is spent, or upstream asked
    /// to wait (`true`). Asked again after the wait; nothing is lost.
    Deferred(Duration, bool),
}

/// Asks upstream for one job, with the credential set that started it.
async fn fetch(ctx: &Context, d: &Due) -> Answer {
    let creds = match (d.user_id, d.credential_id) {
        (Some(u), Some(c)) => credentials::open(ctx, u, c).await,
        _ => Err(DomainError::NoCredentials),
    };
    let creds = match creds {
        Ok(c) => c,
        Err(DomainError::NoCredentials) => return Answer::Unfollowable,
        Err(e) => {
            tracing::warn!(job = %d.job_id, error = %e, "following a job failed");
            return Answer::Failed(format!("pgdeck could not follow this job ({e}); retrying"));
        }
    };
    match ctx.rds.job_status(&creds, &rds::JobId::new(d.job_id.clone())).await {
        Ok(job) => Answer::Job(job),
        Err(e @ RdsError::Throttled { by_pgdeck, .. }) => Answer::Deferred(e.retry_after().unwrap_or(FIRST_POLL), !by_pgdeck),
        Err(RdsError::Api { code, message }) => {
            Answer::Unanswered(format!("upstream refused to report the job ({code}: {message}); retrying"))
        }
        Err(other) => Answer::Unanswered(format!("upstream unreachable ({other}); retrying")),
    }
}

/// What watchers of a job should hear after its answer is written.
#[derive(Clone, Copy)]
enum Heard {
    /// Nothing they see changed.
    Nothing,
    /// Its state or note changed.
    Changed,
    /// It ended, well or not.
    Ended { succeeded: bool },
}

/// Writes one job's answer, and says what its watchers should hear.
async fn write(tx: &mut Transaction<'_, Sqlite>, ctx: &Context, d: &Due, answer: &Answer) -> Result<Heard, DomainError> {
    let next = unix_millis() + backoff(d.polls + 1).as_millis() as i64;
    let job = match answer {
        Answer::Job(job) => job,
        Answer::Unfollowable => {
            let why = "pgdeck cannot follow this job: the credential set that started it was removed";
            sqlx::query("UPDATE jobs SET finished = 1, note = ?, updated_at = ?, finished_at = ? WHERE job_id = ?")
                .bind(why)
                .bind(now_utc())
                .bind(now_utc())
                .bind(&d.job_id)
                .execute(&mut **tx)
                .await?;
            return Ok(Heard::Changed);
        }
        Answer::Unanswered(note) => {
            note_retry(tx, &d.job_id, note, next).await?;
            return Ok(Heard::Changed);
        }
        Answer::Failed(note) => {
            note_retry(tx, &d.job_id, note, next).await?;
            return Ok(Heard::Nothing);
        }
        Answer::Deferred(wait, upstream) => {
            // Not a poll: its count and backoff stay as they were.
            let at = unix_millis() + wait.as_millis() as i64;
            if *upstream {
                let note = format!("NHN Cloud is throttling requests; following again in {} s", wait.as_secs_f64().ceil() as u64);
                sqlx::query("UPDATE jobs SET note = ?, next_poll_at = ? WHERE job_id = ? AND finished = 0")
                    .bind(&note)
                    .bind(at)
                    .bind(&d.job_id)
                    .execute(&mut **tx)
                    .await?;
                return Ok(Heard::Changed);
            }
            sqlx::query("UPDATE jobs SET next_poll_at = ? WHERE job_id = ? AND finished = 0")
                .bind(at)
                .bind(&d.job_id)
                .execute(&mut **tx)
                .await?;
            return Ok(Heard::Nothing);
        }
    };
    if d.resource_id.is_empty() {
        // A creation's instance is named by the job itself.
        let made = job.resource_relations.iter().find(|r| r.resource_type == Some(rds::ResourceType::DbInstance));
        if let Some(r) = made.filter(|r| !r.resource_id.is_empty()) {
            sqlx::query("UPDATE jobs SET resource_id = ? WHERE job_id = ? AND resource_id = ''")
                .bind(&r.resource_id)
                .bind(&d.job_id)
                .execute(&mut **tx)
                .await?;
        }
    }
    // A state pgdeck does not know, unchanged for long, is taken as an end
    // whose outcome is unknown: no job is followed for ever.
    let stuck_unknown = !job.job_status.is_known()
        && d.status == job.job_status.as_str()
        && crate::time::parse_utc(&d.updated_at)
            .is_some_and(|t| crate::time::unix_now() - t >= ctx.settings.unknown_job_state_after.as_secs() as i64);
    if stuck_unknown {
        let why = format!(
            "ended, outcome unknown: upstream has reported {} (a state pgdeck does not know) for {} minutes — check upstream",
            d.status,
            ctx.settings.unknown_job_state_after.as_secs() / 60
        );
        let now = now_utc();
        sqlx::query(
            "UPDATE jobs SET finished = 1, note = ?, polls = polls + 1, updated_at = ?, finished_at = ? WHERE job_id = ? AND finished = 0",
        )
        .bind(&why)
        .bind(&now)
        .bind(&now)
        .bind(&d.job_id)
        .execute(&mut **tx)
        .await?;
        let (entry, _) = finished_entry(tx, &d.job_id).await?;
        audit::record_in(tx, ctx, &entry.unknown(&why)).await?;
        return Ok(Heard::Ended { succeeded: false });
    }
    let terminal = job.job_status.is_terminal();
    let now = now_utc();
    // The job's end and its audit row land together.
    let changed = sqlx::query(
        "UPDATE jobs SET status = ?, finished = ?, note = '', polls = polls + 1, next_poll_at = ?, updated_at = ?, \
             finished_at = CASE WHEN ? THEN ? ELSE finished_at END WHERE job_id = ? AND finished = 0 AND (status <> ? OR ?)",
    )
    .bind(job.job_status.as_str())
    .bind(terminal)
    .bind(next)
    .bind(&now)
    .bind(terminal)
    .bind(&now)
    .bind(&d.job_id)
    .bind(job.job_status.as_str())
    .bind(terminal)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if changed == 0 {
        sqlx::query("UPDATE jobs SET polls = polls + 1, next_poll_at = ? WHERE job_id = ?")
            .bind(next)
            .bind(&d.job_id)
            .execute(&mut **tx)
            .await?;
        return Ok(Heard::Nothing);
    }
    if terminal {
        let (entry, status) = finished_entry(tx, &d.job_id).await?;
        let entry = if job.job_status.is_success() { entry.succeeded() } else { entry.failed(None, &format!("the job ended as {status}")) };
        audit::record_in(tx, ctx, &entry).await?;
    }
    Ok(if terminal { Heard::Ended { succeeded: job.job_status.is_success() } } else { Heard::Changed })
}

/// The audit row of a job's end (its outcome still to set), and the state
/// it ended in, read inside the round's transaction.
async fn finished_entry(tx: &mut Transaction<'_, Sqlite>, job_id: &str) -> Result<(Entry, String), DomainError> {
    let row =
        sqlx::query_as::<_, JobRow>(&format!("SELECT {COLUMNS} FROM jobs WHERE job_id = ?")).bind(job_id).fetch_one(&mut **tx).await?;
    let entry = Entry::system("job.finished")
        .resource(&row.resource_type, &row.resource_id, &row.resource_name)
        .job(Some(row.job_id.clone()))
        .approval(row.approval_id)
        .summary(serde_json::json!({"action": row.action, "status": row.status, "asked_by": row.username}));
    Ok((entry, row.status))
}

/// Notes, inside the round's transaction, why a job could not be followed
/// this time and when it is polled next.
async fn note_retry(tx: &mut Transaction<'_, Sqlite>, job_id: &str, note: &str, next_poll_at: i64) -> Result<(), DomainError> {
    sqlx::query("UPDATE jobs SET note = ?, polls = polls + 1, next_poll_at = ? WHERE job_id = ? AND finished = 0")
        .bind(note)
        .bind(next_poll_at)
        .bind(job_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Notes why a job could not be followed this time and when it is polled next.
async fn retry_later(ctx: &Context, job_id: &str, note: &str, next_poll_at: i64) -> Result<(), DomainError> {
    sqlx::query("UPDATE jobs SET note = ?, polls = polls + 1, next_poll_at = ? WHERE job_id = ? AND finished = 0")
        .bind(note)
        .bind(next_poll_at)
        .bind(job_id)
        .execute(&ctx.pool)
        .await?;
    Ok(())
}

/// Runs the tracker until pgdeck stops. A round in progress finishes (its
/// rows land together or not at all); the jobs still running upstream are
/// picked up again at the next start.
pub fn spawn_tracker(ctx: Context) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut stopping = ctx.stopping();
        let mut hints = Hints::default();
        while !*stopping.borrow() {
            match poll_round(&ctx, &mut hints).await {
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "job tracker round failed"),
            }
            tokio::select! {
                () = tokio::time::sleep(Duration::from_millis(200)) => {}
                _ = stopping.changed() => {}
            }
        }
        tracing::debug!("job tracker stopped");
    })
}

impl From<JobRow> for model::records::JobView {
    fn from(j: JobRow) -> Self {
        Self {
            job_id: j.job_id,
            action: j.action,
            resource_type: j.resource_type,
            resource_id: j.resource_id,
            resource_name: j.resource_name,
            username: j.username,
            status: (!j.status.is_empty()).then(|| rds::JobStatus::parse(&j.status)),
            finished: j.finished,
            note: j.note,
            audit_id: j.audit_id,
            approval_id: j.approval_id,
            created_at: j.created_at,
            updated_at: j.updated_at,
            finished_at: j.finished_at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn a_credentials_likely_polls_are_a_burst_then_the_rate() {
        let start = Instant::now();
        let mut bucket = Bucket { tokens: LIKELY_BURST, at: start };
        // A burst of ends: the whole allowance at once, then nothing left.
        assert_eq!(bucket.refill_at(start), LIKELY_BURST as usize);
        bucket.tokens -= LIKELY_BURST;
        assert_eq!(bucket.refill_at(start), 0);
        // Spending everything every 200 ms round for ten seconds: the rate.
        let mut spent = 0;
        for round in 1..=50 {
            let n = bucket.refill_at(start + Duration::from_millis(200 * round));
            bucket.tokens -= n as f64;
            spent += n;
        }
        let rate = LIKELY_POLLS_PER_SECOND as usize * 10;
        assert!(spent <= rate && spent + 2 >= rate, "{spent} polls in 10 s at {LIKELY_POLLS_PER_SECOND}/s");
        // Idle for a minute: the allowance saves up to the burst, no more.
        assert_eq!(bucket.refill_at(start + Duration::from_secs(70)), LIKELY_BURST as usize);
    }
}
