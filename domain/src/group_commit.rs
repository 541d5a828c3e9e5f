//! Group commit for the gateway's audit rows.
//!
//! The gateway never sends a change upstream unless its audit row can be
//! written: it holds SQLite's write lock (an open `BEGIN IMMEDIATE`
//! transaction) from before the call until the row commits. Taking that lock
//! once per call serialises every mutation behind the previous one's round
//! trip. Instead, callers that arrive while a write transaction is open take
//! a seat in it: each makes its own upstream call concurrently, appends its
//! rows to the shared transaction (one at a time, so the hash chain stays a
//! chain), and the last one out commits for everyone. Nobody is answered
//! before the commit that holds their row, so an acknowledged action is
//! never lost.

use sqlx::{Sqlite, SqlitePool, Transaction};
use std::sync::{Arc, Mutex as SyncMutex};
use tokio::sync::{watch, Mutex, OwnedMutexGuard};

/// Seats per transaction: bounds how long one transaction stays open under
/// a steady stream of callers, and how many rows one failed commit can take.
const SEATS: usize = 64;

type Outcome = Option<Result<(), String>>;

struct Batch {
    tx: Arc<Mutex<Option<Transaction<'static, Sqlite>>>>,
    seats: SyncMutex<Seats>,
    done: watch::Sender<Outcome>,
}

#[derive(Default)]
struct Seats {
    taken: usize,
    busy: usize,
    closed: bool,
}

/// The transaction currently taking callers, if any. One per database (it
/// lives in the [`crate::Context`]): callers of different databases must
/// never share a transaction.
#[derive(Default)]
pub(crate) struct Writes {
    open: Mutex<Option<Arc<Batch>>>,
    /// Transactions committed, and the seats they held.
    commits: std::sync::atomic::AtomicU64,
    seated: std::sync::atomic::AtomicU64,
}

impl Writes {
    /// Transactions committed so far and the callers they carried: with
    /// callers arriving together, fewer commits than callers.
    pub(crate) fn shared(&self) -> (u64, u64) {
        use std::sync::atomic::Ordering::Relaxed;
        (self.commits.load(Relaxed), self.seated.load(Relaxed))
    }
}

/// A caller's place in an open write transaction.
pub(crate) struct Seat {
    writes: Arc<Writes>,
    batch: Arc<Batch>,
    left: bool,
}

/// Takes a seat in the open write transaction, starting one when none is
/// open. Returns once the write lock is held.
///
/// Cancel-safe: the work runs in a task of its own, so a caller that goes
/// away while the transaction begins neither leaves a half-begun
/// transaction on a pooled connection nor keeps a seat (the seat it would
/// have had is given up when the task's answer is dropped).
pub(crate) async fn take_seat(ctx: &crate::Context) -> Result<Seat, sqlx::Error> {
    let (pool, writes) = (ctx.pool.clone(), ctx.writes.clone());
    tokio::spawn(async move { seat_in(&pool, writes).await })
        .await
        .map_err(|e| sqlx::Error::Protocol(format!("taking a write seat: {e}")))?
}

async fn seat_in(pool: &SqlitePool, writes: Arc<Writes>) -> Result<Seat, sqlx::Error> {
    loop {
        let mut open = writes.open.lock().await;
        if let Some(batch) = open.as_ref() {
            let wait = {
                let mut s = batch.seats.lock().unwrap_or_else(|p| p.into_inner());
                if !s.closed && s.taken < SEATS {
                    s.taken += 1;
                    s.busy += 1;
                    return Ok(Seat { writes: writes.clone(), batch: batch.clone(), left: false });
                }
                batch.done.subscribe()
            };
            if wait.borrow().is_none() {
                // Full or committing: the next transaction starts after it.
                drop(open);
                let mut wait = wait;
                let _ = wait.wait_for(Option::is_some).await;
                continue;
            }
        }
        let tx = crate::db::begin(pool).await?;
        let batch = Arc::new(Batch {
            tx: Arc::new(Mutex::new(Some(tx))),
            seats: SyncMutex::new(Seats { taken: 1, busy: 1, closed: false }),
            done: watch::channel(None).0,
        });
        *open = Some(batch.clone());
        drop(open);
        return Ok(Seat { writes, batch, left: false });
    }
}

impl Seat {
    /// The shared transaction, to this caller alone until the guard drops
    /// (`None` only after the commit).
    pub(crate) async fn tx(&self) -> OwnedMutexGuard<Option<Transaction<'static, Sqlite>>> {
        self.batch.tx.clone().lock_owned().await
    }

    /// Leaves the transaction and waits for its commit: `Ok` once this
    /// caller's rows are durable.
    pub(crate) async fn commit(mut self) -> Result<(), sqlx::Error> {
        self.left = true;
        let mut wait = self.batch.done.subscribe();
        if leave(&self.batch) {
            // In a task of its own: the others' answers must not depend on
            // this caller staying around.
            tokio::spawn(finish(self.writes.clone(), self.batch.clone()));
        }
        match wait.wait_for(Option::is_some).await.map(|o| o.clone()) {
            Ok(Some(Ok(()))) => Ok(()),
            Ok(Some(Err(e))) => Err(sqlx::Error::Protocol(format!("the audit transaction did not commit: {e}"))),
            _ => Err(sqlx::Error::PoolClosed),
        }
    }
}

impl Drop for Seat {
    /// A caller that goes away (its request cancelled) must not hold the
    /// others' commit back: its seat is given up, and the last one out commits.
    fn drop(&mut self) {
        if !self.left && leave(&self.batch) {
            tokio::spawn(finish(self.writes.clone(), self.batch.clone()));
        }
    }
}

/// Gives a seat up; true for the last caller out, who must commit.
fn leave(batch: &Batch) -> bool {
    let mut s = batch.seats.lock().unwrap_or_else(|p| p.into_inner());
    s.busy -= 1;
    if s.busy == 0 && !s.closed {
        s.closed = true;
        true
    } else {
        false
    }
}

/// Commits, answers everyone seated, then lets the next transaction start
/// (callers that arrived meanwhile wait for `done` rather than for SQLite's
/// busy handler).
async fn finish(writes: Arc<Writes>, batch: Arc<Batch>) {
    let tx = batch.tx.lock().await.take();
    let outcome = match tx {
        Some(tx) => tx.commit().await.map_err(|e| e.to_string()),
        None => Err("the transaction was already closed".into()),
    };
    if let Err(e) = &outcome {
        tracing::error!(error = %e, "the gateway's audit transaction failed to commit");
    }
    if outcome.is_ok() {
        use std::sync::atomic::Ordering::Relaxed;
        writes.commits.fetch_add(1, Relaxed);
        let taken = batch.seats.lock().unwrap_or_else(|p| p.into_inner()).taken as u64;
        writes.seated.fetch_add(taken, Relaxed);
    }
    batch.done.send_replace(Some(outcome));
    let mut open = writes.open.lock().await;
    if open.as_ref().is_some_and(|b| Arc::ptr_eq(b, &batch)) {
        *open = None;
    }
}
