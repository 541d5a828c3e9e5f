//! Restores, as the browser and the server both check them.

use rds::types::RestorationInfo;
use rds::{Timestamp, ValidationError};

/// The restorable window as unix seconds, when there is one.
pub fn window(info: &RestorationInfo) -> Option<(i64, i64)> {
    let oldest = info.oldest_restorable_ymdt.as_ref().and_then(Timestamp::unix)?;
    let latest = info.latest_restorable_ymdt.as_ref().and_then(Timestamp::unix)?;
    Some((oldest, latest))
}

/// Refuses a point-in-time restore outside the window, saying the window.
pub fn check_time(info: &RestorationInfo, at: &str) -> Result<(), ValidationError> {
    let field = "restore.restoreYmdt";
    let Some(t) = rds::datetime::parse_rfc3339_lenient(at) else {
        return Err(ValidationError::coded(field, "restore-time", vec![], "must be a date and time such as 2026-12-01T14:32:00+09:00"));
    };
    let Some((oldest, latest)) = window(info) else {
        return Err(ValidationError::coded(field, "no-window", vec![], "this instance has no restorable window yet (no completed backup)"));
    };
    if t < oldest || t > latest {
        let utc = |s: i64| rds::datetime::format_unix(s, 0);
        let (t, oldest, latest) = (utc(t), utc(oldest), utc(latest));
        return Err(ValidationError::coded(
            field,
            "outside-window",
            vec![t.clone(), oldest.clone(), latest.clone()],
            format!("{t} is outside the restorable window {oldest} – {latest} (UTC)"),
        ));
    }
    Ok(())
}
