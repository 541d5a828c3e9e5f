//! Streaming the log out as CSV (spreadsheet formulas defused) or JSON
//! lines, written by SQLite row by row.

use super::*;

/// Export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Jsonl,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "csv" => Ok(Format::Csv),
            "jsonl" => Ok(Format::Jsonl),
            other => Err(format!("unknown format {other:?}: use csv or jsonl")),
        }
    }
}

pub(super) const CSV_HEADER: &str = "id,at,actor_id,actor_name,role,client_addr,user_agent,action,resource_type,resource_id,resource_name,summary,outcome,result_code,result_message,job_id,approval_id,duration_ms,intent_id,prev_mac,mac\n";

/// What a spreadsheet reads as the start of a formula (OWASP's list): a
/// CSV cell starting with one of these is written with a leading `'`. The
/// log itself, the JSON lines export and `audit verify` see the value
/// unchanged.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Columns whose every value pgdeck itself writes from a closed set: row
/// ids, times it formats, its own outcome and role words, hex MACs. None
/// can start with a formula character, so their cells skip the guard's
/// test (it is the export's main cost); every other column, whatever a
/// member, a visitor or upstream can put in it, goes through the guard.
pub(super) const WRITTEN_BY_PGDECK: [&str; 9] =
    ["id", "at", "actor_id", "role", "outcome", "approval_id", "duration_ms", "intent_id", "mac"];

/// The SQL that writes column `c` as one CSV cell: quoted, quotes doubled,
/// and guarded against formulas (`FORMULA_STARTS`). Every cell of the CSV
/// export, the page's and the command line's, is written by it.
pub(super) fn csv_cell_sql(c: &str) -> String {
    let quoted = format!("replace({c}, '\"', '\"\"')");
    if WRITTEN_BY_PGDECK.contains(&c) {
        return format!("CASE WHEN {c} IS NULL THEN '' ELSE '\"' || {quoted} || '\"' END");
    }
    let starts: Vec<String> = FORMULA_STARTS.iter().map(|ch| format!("char({})", u32::from(*ch))).collect();
    format!(
        "CASE WHEN {c} IS NULL THEN '' WHEN substr({c}, 1, 1) IN ({}) THEN '\"''' || {quoted} || '\"' ELSE '\"' || {quoted} || '\"' END",
        starts.join(", ")
    )
}

/// The export's first line (CSV header; nothing for JSON lines).
pub fn header(format: Format) -> &'static str {
    match format {
        Format::Csv => CSV_HEADER,
        Format::Jsonl => "",
    }
}

/// The columns of the export, in order.
pub(super) const EXPORT_COLUMNS: [&str; 21] = [
    "id",
    "at",
    "actor_id",
    "actor_name",
    "role",
    "client_addr",
    "user_agent",
    "action",
    "resource_type",
    "resource_id",
    "resource_name",
    "summary",
    "outcome",
    "result_code",
    "result_message",
    "job_id",
    "approval_id",
    "duration_ms",
    "intent_id",
    "prev_mac",
    "mac",
];

/// One export line per row, rendered by SQLite itself: one text column to
/// decode per row instead of twenty keeps a million-row export fast.
pub(super) fn line_expression(format: Format) -> String {
    match format {
        Format::Csv => EXPORT_COLUMNS.iter().map(|c| csv_cell_sql(c)).collect::<Vec<_>>().join(" || ',' || "),
        Format::Jsonl => format!("json_object({})", EXPORT_COLUMNS.iter().map(|c| format!("'{c}', {c}")).collect::<Vec<_>>().join(", ")),
    }
}

/// Streams every row matching `f` (oldest first) to `sink`, in chunks, with
/// flat memory whatever the size of the log.
pub async fn export<F, Fut>(
    pool: &sqlx::SqlitePool,
    _by: crate::Authority<'_, crate::grant::ReadAudit>,
    f: &Filter,
    format: Format,
    mut sink: F,
) -> Result<u64, DomainError>
where
    F: FnMut(String) -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    use futures_util::TryStreamExt;
    let (cond, args) = conditions(pool, f).await?;
    let sql = format!("SELECT {} FROM audit_events{cond} ORDER BY id", line_expression(format));
    let mut q = sqlx::query_scalar::<_, String>(&sql);
    for a in &args {
        q = q.bind(a);
    }
    let mut rows = q.fetch(pool);
    let mut chunk = String::from(header(format));
    let mut n = 0u64;
    while let Some(line) = rows.try_next().await? {
        chunk.push_str(&line);
        chunk.push('\n');
        n += 1;
        if chunk.len() >= 256 * 1024 && !sink(std::mem::take(&mut chunk)).await {
            return Ok(n);
        }
    }
    if !chunk.is_empty() {
        sink(chunk).await;
    }
    Ok(n)
}
