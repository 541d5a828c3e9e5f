//! Searching the log: filters checked and turned into SQL over the
//! indexes, newest first.

use super::*;

/// What to look for in the log. Empty fields do not filter.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Filter {
    pub actor: String,
    /// An action name, or a prefix ending in `.` or `_` (`user.`, `delete_`).
    pub action: String,
    /// A resource id or name.
    pub resource: String,
    pub outcome: String,
    /// UTC bounds, `2026-11-30T00:00:00Z` or a date.
    pub from: String,
    pub to: String,
    /// Free text, searched in names, messages and summaries.
    pub text: String,
    /// Rows below this id (the next page).
    pub before_id: Option<i64>,
    pub limit: i64,
}

/// A time bound of a filter as stored text: a day (`2026-12-01`, the whole
/// day) or a date-time with its offset. Anything else is refused, naming
/// the field: a bound that cannot be read is never used as given nor
/// dropped silently.
pub(super) fn bound(field: &str, s: &str, end: bool) -> Result<Option<String>, DomainError> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let refuse = || {
        let shown: String = s.chars().take(40).collect();
        DomainError::Validation(crate::refused(field, "audit-date", &[&format!("{shown:?}")]))
    };
    let day = time::macros::format_description!("[year]-[month]-[day]");
    if s.len() == 10 {
        let d = time::Date::parse(s, &day).map_err(|_| refuse())?;
        let at = if end { d.with_hms_milli(23, 59, 59, 999) } else { d.with_hms_milli(0, 0, 0, 0) }.map_err(|_| refuse())?;
        let ms = (at.assume_utc().unix_timestamp_nanos() / 1_000_000) as i64;
        return Ok(Some(crate::time::format_millis(ms)));
    }
    let secs = crate::time::parse_utc(s).ok_or_else(refuse)?;
    Ok(Some(crate::time::format_millis(secs * 1000 + if end { 999 } else { 0 })))
}

/// Refuses a filter whose time bounds cannot be read, naming the field.
pub fn check(f: &Filter) -> Result<(), DomainError> {
    bound("from", &f.from, false)?;
    bound("to", &f.to, true)?;
    Ok(())
}

/// Turns a filter into SQL conditions and their values.
pub(super) async fn conditions(pool: &sqlx::SqlitePool, f: &Filter) -> Result<(String, Vec<String>), DomainError> {
    let mut sql = String::from(" WHERE 1 = 1");
    let mut args: Vec<String> = Vec::new();
    // Time becomes an id range: rows are appended in time order.
    if let Some(from) = bound("from", &f.from, false)? {
        let lo: Option<i64> = sqlx::query_scalar("SELECT id FROM audit_events WHERE at >= ? ORDER BY at ASC LIMIT 1")
            .bind(&from)
            .fetch_optional(pool)
            .await?;
        sql.push_str(&format!(" AND id >= {}", lo.unwrap_or(i64::MAX)));
    }
    if let Some(to) = bound("to", &f.to, true)? {
        let hi: Option<i64> =
            sqlx::query_scalar("SELECT id FROM audit_events WHERE at <= ? ORDER BY at DESC LIMIT 1").bind(&to).fetch_optional(pool).await?;
        sql.push_str(&format!(" AND id <= {}", hi.unwrap_or(0)));
    }
    if let Some(b) = f.before_id {
        sql.push_str(&format!(" AND id < {b}"));
    }
    if !f.actor.trim().is_empty() {
        sql.push_str(" AND actor_name = ?");
        args.push(f.actor.trim().to_string());
    }
    let action = f.action.trim();
    if !action.is_empty() {
        if action.ends_with('.') || action.ends_with('_') {
            sql.push_str(" AND action >= ? AND action < ?");
            args.push(action.to_string());
            args.push(format!("{action}\u{10FFFF}"));
        } else {
            sql.push_str(" AND action = ?");
            args.push(action.to_string());
        }
    }
    if !f.resource.trim().is_empty() {
        // Two index lookups rather than an OR that defeats both indexes.
        sql.push_str(
            " AND id IN (SELECT id FROM audit_events WHERE resource_id = ? UNION ALL SELECT id FROM audit_events WHERE resource_name = ?)",
        );
        args.push(f.resource.trim().to_string());
        args.push(f.resource.trim().to_string());
    }
    if !f.outcome.trim().is_empty() {
        sql.push_str(" AND outcome = ?");
        args.push(f.outcome.trim().to_string());
    }
    if !f.text.trim().is_empty() {
        sql.push_str(" AND (instr(resource_name, ?) > 0 OR instr(result_message, ?) > 0 OR instr(summary, ?) > 0 OR instr(action, ?) > 0 OR instr(actor_name, ?) > 0)");
        for _ in 0..5 {
            args.push(f.text.trim().to_string());
        }
    }
    Ok((sql, args))
}

/// One page of the log, newest first.
pub async fn search(
    pool: &sqlx::SqlitePool,
    _by: crate::Authority<'_, crate::grant::ReadAudit>,
    f: &Filter,
) -> Result<Vec<Row>, DomainError> {
    let (cond, args) = conditions(pool, f).await?;
    let limit = if f.limit <= 0 { 50 } else { f.limit.min(500) };
    let sql = format!("SELECT * FROM audit_events{cond} ORDER BY id DESC LIMIT {limit}");
    let mut q = sqlx::query_as::<_, Row>(&sql);
    for a in &args {
        q = q.bind(a);
    }
    Ok(q.fetch_all(pool).await?)
}

/// One row by id.
pub async fn get(pool: &sqlx::SqlitePool, id: i64) -> Result<Option<Row>, DomainError> {
    Ok(sqlx::query_as::<_, Row>("SELECT * FROM audit_events WHERE id = ?").bind(id).fetch_optional(pool).await?)
}
