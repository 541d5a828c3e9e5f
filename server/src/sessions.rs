//! Sessions served from memory, with SQLite behind them.
//!
//! tower-sessions reads the session record on every request. The SQLite
//! store stays the record of truth (sessions survive a restart and other
//! processes see them); this cache answers reads from memory. Writes go to
//! both. Expired records are never answered, and the cache is bounded.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};
use tower_sessions::CachingSessionStore;
use tower_sessions_sqlx_store::SqliteStore;

/// The session store pgdeck serves with.
pub type Store = CachingSessionStore<MemoryCache, SqliteStore>;

/// Wraps the SQLite store in the memory cache.
pub fn store(sqlite: SqliteStore) -> Store {
    CachingSessionStore::new(MemoryCache::default(), sqlite)
}

/// How many session records the cache holds at most.
const MAX_RECORDS: usize = 20_000;

/// Session records in memory (clones share them).
#[derive(Clone, Debug, Default)]
pub struct MemoryCache {
    records: Arc<Mutex<HashMap<Id, Record>>>,
}

impl MemoryCache {
    fn put(&self, record: &Record) {
        let mut map = self.records.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() >= MAX_RECORDS {
            let now = time::OffsetDateTime::now_utc();
            map.retain(|_, r| r.expiry_date > now);
            if map.len() >= MAX_RECORDS {
                // Still full of live sessions: start over; SQLite has them all.
                map.clear();
            }
        }
        map.insert(record.id, record.clone());
    }
}

#[async_trait::async_trait]
impl SessionStore for MemoryCache {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        self.put(record);
        Ok(())
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        self.put(record);
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let mut map = self.records.lock().unwrap_or_else(|p| p.into_inner());
        match map.get(id) {
            Some(r) if r.expiry_date > time::OffsetDateTime::now_utc() => Ok(Some(r.clone())),
            Some(_) => {
                map.remove(id);
                Ok(None)
            }
            None => Ok(None),
        }
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        self.records.lock().unwrap_or_else(|p| p.into_inner()).remove(id);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(seconds: i64) -> Record {
        Record {
            id: Id::default(),
            data: Default::default(),
            expiry_date: time::OffsetDateTime::now_utc() + time::Duration::seconds(seconds),
        }
    }

    #[tokio::test]
    async fn live_records_are_answered_expired_ones_never() {
        let cache = MemoryCache::default();
        let (live, expired) = (record(60), record(-1));
        cache.save(&live).await.unwrap();
        cache.save(&expired).await.unwrap();
        assert_eq!(cache.load(&live.id).await.unwrap().map(|r| r.id), Some(live.id));
        assert!(cache.load(&expired.id).await.unwrap().is_none());
        cache.delete(&live.id).await.unwrap();
        assert!(cache.load(&live.id).await.unwrap().is_none());
    }
}
