//! PostgreSQL parameter values against their allowed values, as upstream
//! describes them (`allowedValue` such as `30~86400s`, `64~2147483647kB`,
//! `on,off`, `md5,scram-sha-256`), checked the same way in the browser as
//! the member types, on the server before a change is sent, and in the
//! sandbox.
//!
//! Sizes and durations follow PostgreSQL's units (`B kB MB GB TB`, powers
//! of 1024; `us ms s min h d`). A size or duration must carry its unit —
//! `4MB`, `300s` — so that `300` is never read as 300 kB when 300 MB was
//! meant; the one exception is `-1` and `0`, PostgreSQL's "off" values,
//! which carry none. Values written as an expression such as
//! `{DBInstanceClassMemory*3/4}` are left to upstream where the parameter
//! allows expressions.

use crate::types::Parameter;
use crate::{ValidationError, ValueType, ValueUnit};

/// A size unit's factor in bytes, or a duration unit's in microseconds.
fn factor(unit: &str) -> Option<(Kind, f64)> {
    Some(match unit {
        "B" => (Kind::Size, 1.0),
        "kB" => (Kind::Size, 1024.0),
        "MB" => (Kind::Size, 1024.0 * 1024.0),
        "GB" => (Kind::Size, 1024.0 * 1024.0 * 1024.0),
        "TB" => (Kind::Size, 1024.0 * 1024.0 * 1024.0 * 1024.0),
        "us" => (Kind::Time, 1.0),
        "ms" => (Kind::Time, 1_000.0),
        "s" => (Kind::Time, 1_000_000.0),
        "min" => (Kind::Time, 60_000_000.0),
        "h" => (Kind::Time, 3_600_000_000.0),
        "d" => (Kind::Time, 86_400_000_000.0),
        _ => return None,
    })
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Size,
    Time,
}

/// Splits `128kB` into `(128, "kB")`; `-1` into `(-1, "")`.
fn split(text: &str) -> Option<(f64, &str)> {
    let t = text.trim();
    let at = t.find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))).unwrap_or(t.len());
    // `1e3` is a number but `1ms` must not eat the `m` as an exponent.
    let (mut num, mut unit) = t.split_at(at);
    if num.ends_with(['e', 'E']) {
        let cut = num.len() - 1;
        (num, unit) = (&t[..cut], &t[cut..]);
    }
    let n: f64 = num.parse().ok()?;
    n.is_finite().then_some((n, unit.trim()))
}

/// An allowed range `lo~hi` with its unit, in the unit's base (bytes or µs
/// for sizes and durations).
#[derive(Clone, Debug, PartialEq)]
pub struct Range {
    pub low: f64,
    pub high: f64,
    /// The unit the range is written in (`kB`, `s`, or empty).
    pub unit: String,
    /// The bounds as upstream wrote them (`0`, `1.79769e+308`): what the
    /// member reads.
    pub written: (String, String),
}

impl Range {
    /// Reads `30~86400s`, `-1~2147483647ms`, `0~1.79769e+308`.
    pub fn parse(allowed: &str) -> Option<Range> {
        let (lo, hi) = allowed.split_once('~')?;
        let (high, unit) = split(hi)?;
        let (low, lo_unit) = split(lo)?;
        let number = |t: &str, unit: &str| t.trim().strip_suffix(unit).unwrap_or(t.trim()).trim().to_string();
        let written = (number(lo, lo_unit), number(hi, unit));
        let unit = if unit.is_empty() { lo_unit } else { unit };
        Some(Range { low, high, unit: unit.to_string(), written })
    }

    /// The range as the member reads it: `30–86400 s`.
    pub fn describe(&self) -> String {
        // As upstream wrote the bounds: formatting the numbers again would
        // bring float formatting into the browser bundle.
        let (lo, hi) = &self.written;
        if self.unit.is_empty() {
            format!("{lo}–{hi}")
        } else {
            format!("{lo}–{hi} {}", self.unit)
        }
    }
}

/// What a parameter accepts, in words: `30–86400 s`, `one of md5,
/// scram-sha-256`, `on or off`.
pub fn allowed_in_words(p: &Parameter) -> String {
    match &p.value_type {
        Some(ValueType::Boolean) => "on or off".into(),
        Some(ValueType::Enumerated) => format!("one of {}", p.allowed_value.replace(',', ", ")),
        Some(ValueType::MultiEnumerated) => format!("any of {} (comma-separated)", p.allowed_value.replace(',', ", ")),
        _ => Range::parse(&p.allowed_value).map(|r| r.describe()).unwrap_or_else(|| p.allowed_value.clone()),
    }
}

/// Checks `value` for parameter `p`; the error names the parameter and
/// says what it accepts. Field: `modifiedParameters.value`.
pub fn check(p: &Parameter, value: &str) -> Result<(), ValidationError> {
    let name = &p.parameter_name;
    // The code's values: the parameter's name, then those `why` quotes.
    let bad = |code: &str, values: &[&str], why: String| {
        let args = std::iter::once(name.as_str()).chain(values.iter().copied()).map(str::to_string).collect();
        Err(ValidationError::coded("modifiedParameters.value", code, args, format!("{name}: {why}")))
    };
    let value = value.trim();
    if value.is_empty() {
        return bad("param-empty", &[], "must not be empty".into());
    }
    if value.chars().count() > 1024 || value.chars().any(char::is_control) {
        return bad("param-line", &[], "must be one line of at most 1024 characters".into());
    }
    if value.starts_with('{') {
        return if p.expression_available && value.ends_with('}') {
            Ok(())
        } else {
            bad("param-expression", &[], "does not take an expression".into())
        };
    }
    match &p.value_type {
        Some(ValueType::Boolean) => {
            if matches!(value.to_ascii_lowercase().as_str(), "on" | "off" | "true" | "false" | "yes" | "no" | "1" | "0") {
                Ok(())
            } else {
                bad("param-bool", &[value], format!("must be on or off, got {value}"))
            }
        }
        Some(ValueType::Enumerated) => {
            if p.allowed_value.split(',').any(|a| a.trim().eq_ignore_ascii_case(value)) {
                Ok(())
            } else {
                let choices = p.allowed_value.replace(',', ", ");
                bad("param-one-of", &[&choices, value], format!("must be one of {choices}, got {value}"))
            }
        }
        Some(ValueType::MultiEnumerated) => {
            for item in value.split(',').map(str::trim) {
                if !p.allowed_value.split(',').any(|a| a.trim().eq_ignore_ascii_case(item)) {
                    let choices = p.allowed_value.replace(',', ", ");
                    return bad("param-not-one-of", &[item, &choices], format!("{item} is not one of {choices}"));
                }
            }
            Ok(())
        }
        Some(ValueType::Numeric) => {
            let Some((n, unit)) = split(value) else { return bad("param-number", &[value], format!("must be a number, got {value}")) };
            if !unit.is_empty() {
                return bad("param-plain", &[value], format!("takes a plain number, got {value}"));
            }
            match Range::parse(&p.allowed_value) {
                Some(r) if n < r.low || n > r.high => {
                    let range = r.describe();
                    bad("param-within", &[&range, value], format!("must be within {range}, got {value}"))
                }
                _ => Ok(()),
            }
        }
        Some(ValueType::NumericWithByteUnit) | Some(ValueType::NumericWithTimeUnit) => {
            let want = if p.value_type == Some(ValueType::NumericWithByteUnit) { Kind::Size } else { Kind::Time };
            let units = if want == Kind::Size { "B, kB, MB, GB, TB" } else { "us, ms, s, min, h, d" };
            let Some(range) = Range::parse(&p.allowed_value) else { return Ok(()) };
            let Some((n, unit)) = split(value) else {
                return bad("param-number-unit", &[units, value], format!("must be a number with its unit ({units}), got {value}"));
            };
            let base_unit =
                if range.unit.is_empty() { p.value_unit.as_ref().map(ValueUnit::as_str).unwrap_or("") } else { range.unit.as_str() };
            let Some((_, base)) = factor(base_unit) else { return Ok(()) };
            let in_base = if unit.is_empty() {
                // PostgreSQL's "off" values carry no unit.
                if n == -1.0 || n == 0.0 {
                    n
                } else {
                    let example = format!("{}{base_unit}", value.trim());
                    return bad(
                        "param-needs-unit",
                        &[units, &example, value],
                        format!("needs a unit ({units}), e.g. {example}, got {value}"),
                    );
                }
            } else {
                match factor(unit) {
                    Some((kind, f)) if kind == want => n * f / base,
                    Some(_) => {
                        return if want == Kind::Size {
                            bad("param-size-unit", &[units, value], format!("takes a size unit ({units}), got {value}"))
                        } else {
                            bad("param-time-unit", &[units, value], format!("takes a time unit ({units}), got {value}"))
                        };
                    }
                    None => return bad("param-not-unit", &[unit, units, value], format!("{unit} is not a unit ({units}), got {value}")),
                }
            };
            if in_base < range.low || in_base > range.high {
                let range = range.describe();
                return bad("param-within", &[&range, value], format!("must be within {range}, got {value}"));
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// The parameters whose values differ between `mine` and `theirs` (another
/// group's parameters, or `None` for the defaults), as `(name, mine,
/// theirs)`, in `mine`'s order; `filter` keeps names containing it.
pub fn differences(mine: &[Parameter], theirs: Option<&[Parameter]>, filter: &str) -> Vec<(String, String, String)> {
    let filter = filter.trim().to_ascii_lowercase();
    mine.iter()
        .filter_map(|p| {
            let other = match theirs {
                None => p.default_value.clone(),
                Some(list) => list.iter().find(|q| q.parameter_name == p.parameter_name)?.value.clone(),
            };
            (other != p.value && (filter.is_empty() || p.parameter_name.to_ascii_lowercase().contains(&filter)))
                .then(|| (p.parameter_name.clone(), p.value.clone(), other))
        })
        .collect()
}

/// One `name = value` line of a pasted `postgresql.conf` excerpt.
#[derive(Clone, Debug, PartialEq)]
pub struct ConfLine {
    /// 1-based line number in the pasted text.
    pub line: usize,
    pub name: String,
    pub value: String,
}

/// Why a pasted line cannot be read: the name it starts with, and what is
/// wrong (pages word it; `Display` is the English).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfProblem {
    pub name: String,
    pub why: ConfWhy,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConfWhy {
    /// `name` alone, or `name =`.
    NoValue,
    /// The name has characters a parameter's cannot.
    NotAName,
    /// `'...` without its closing quote.
    OpenQuote,
    /// A value with spaces, unquoted.
    Unquoted,
}

impl std::fmt::Display for ConfProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = &self.name;
        match self.why {
            ConfWhy::NoValue => write!(f, "{name}: no value"),
            ConfWhy::NotAName => write!(f, "{name:?} is not a parameter name"),
            ConfWhy::OpenQuote => write!(f, "{name}: the quote is not closed"),
            ConfWhy::Unquoted => write!(f, "{name}: a value with spaces must be quoted ('...')"),
        }
    }
}

/// Reads `postgresql.conf`-style lines: `name = value`, `name value`,
/// quoted values (`'...'` with `''` inside), `#` comments and blank lines.
/// Lines that cannot be read come back with their number and why.
pub fn parse_conf(text: &str) -> (Vec<ConfLine>, Vec<(usize, ConfProblem)>) {
    let problem = |name: &str, why| ConfProblem { name: name.to_string(), why };
    let mut ok = Vec::new();
    let mut bad = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = strip_comment(raw).trim().to_string();
        if line.is_empty() {
            continue;
        }
        let (name, rest) = match line.find(|c: char| c == '=' || c.is_whitespace()) {
            Some(at) => (line[..at].trim(), line[at..].trim_start().trim_start_matches('=').trim()),
            None => {
                bad.push((n, problem(&line, ConfWhy::NoValue)));
                continue;
            }
        };
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.') {
            bad.push((n, problem(name, ConfWhy::NotAName)));
            continue;
        }
        let value = if let Some(inner) = rest.strip_prefix('\'') {
            match inner.strip_suffix('\'') {
                Some(v) => v.replace("''", "'"),
                None => {
                    bad.push((n, problem(name, ConfWhy::OpenQuote)));
                    continue;
                }
            }
        } else if rest.contains(char::is_whitespace) {
            bad.push((n, problem(name, ConfWhy::Unquoted)));
            continue;
        } else {
            rest.to_string()
        };
        if value.is_empty() {
            bad.push((n, problem(name, ConfWhy::NoValue)));
            continue;
        }
        ok.push(ConfLine { line: n, name: name.to_ascii_lowercase(), value });
    }
    (ok, bad)
}

/// A line without its `#` comment (a `#` inside quotes stays).
fn strip_comment(line: &str) -> &str {
    let mut quoted = false;
    for (i, c) in line.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            '#' if !quoted => return &line[..i],
            _ => {}
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ParameterApplyType, UpdateType};

    fn param(name: &str, vt: ValueType, unit: Option<ValueUnit>, allowed: &str) -> Parameter {
        Parameter {
            parameter_category: String::new(),
            parameter_name: name.into(),
            value: String::new(),
            value_unit: unit,
            default_value: String::new(),
            allowed_value: allowed.into(),
            value_type: Some(vt),
            update_type: Some(UpdateType::Variable),
            apply_type: Some(ParameterApplyType::Both),
            expression_available: name == "shared_buffers",
        }
    }

    #[test]
    fn real_parameters_take_what_postgresql_takes() {
        use ValueType::*;
        let checkpoint = param("checkpoint_timeout", NumericWithTimeUnit, Some(ValueUnit::S), "30~86400s");
        let work_mem = param("work_mem", NumericWithByteUnit, Some(ValueUnit::KB), "64~2147483647kB");
        let log_min = param("log_min_duration_statement", NumericWithTimeUnit, Some(ValueUnit::Ms), "-1~2147483647ms");
        let max_wal = param("max_wal_size", NumericWithByteUnit, Some(ValueUnit::MB), "2~2147483647MB");
        let naptime = param("autovacuum_naptime", NumericWithTimeUnit, Some(ValueUnit::S), "1~2147483s");
        let conns = param("max_connections", Numeric, None, "10~5000");
        let cost = param("random_page_cost", Numeric, None, "0~1.79769e+308");
        let fraction = param("checkpoint_completion_target", Numeric, None, "0~1");
        let enc = param("password_encryption", Enumerated, None, "md5,scram-sha-256");
        let bool_ = param("log_connections", Boolean, None, "on,off");
        let preload = param("shared_preload_libraries", MultiEnumerated, None, "pg_stat_statements,auto_explain,pgaudit");
        let shared = param("shared_buffers", NumericWithByteUnit, Some(ValueUnit::KB), "128~1073741823kB");
        let table: &[(&Parameter, &str, bool)] = &[
            (&checkpoint, "300s", true),
            (&checkpoint, "5min", true),
            (&checkpoint, "1d", true),
            (&checkpoint, "2d", false),
            (&checkpoint, "29s", false),
            (&checkpoint, "30000ms", true),
            (&checkpoint, "29999ms", false),
            (&checkpoint, "300", false),
            (&checkpoint, "300MB", false),
            (&checkpoint, "300 s", true),
            (&checkpoint, "300sec", false),
            (&work_mem, "4MB", true),
            (&work_mem, "64kB", true),
            (&work_mem, "63kB", false),
            (&work_mem, "2TB", false),
            (&work_mem, "1GB", true),
            (&work_mem, "4096", false),
            (&work_mem, "4ms", false),
            (&log_min, "-1", true),
            (&log_min, "0", true),
            (&log_min, "250ms", true),
            (&log_min, "2s", true),
            (&log_min, "-2ms", false),
            (&max_wal, "2GB", true),
            (&max_wal, "1MB", false),
            (&naptime, "1min", true),
            (&naptime, "25d", false),
            (&conns, "200", true),
            (&conns, "9", false),
            (&conns, "5001", false),
            (&conns, "200kB", false),
            (&conns, "lots", false),
            (&cost, "1.1", true),
            (&cost, "-0.5", false),
            (&fraction, "0.9", true),
            (&fraction, "1.5", false),
            (&enc, "scram-sha-256", true),
            (&enc, "SCRAM-SHA-256", true),
            (&enc, "plain", false),
            (&bool_, "on", true),
            (&bool_, "OFF", true),
            (&bool_, "maybe", false),
            (&preload, "pg_stat_statements,pgaudit", true),
            (&preload, "pg_stat_statements,evil", false),
            (&shared, "{DBInstanceClassMemory*1/4}", true),
            (&conns, "{DBInstanceClassMemory/1000}", false),
            (&shared, "256MB", true),
            (&shared, "", false),
        ];
        for (p, value, ok) in table {
            let got = check(p, value);
            assert_eq!(got.is_ok(), *ok, "{} = {value:?}: {got:?}", p.parameter_name);
            if let Err(e) = got {
                assert!(e.reason.starts_with(&p.parameter_name), "the parameter is named: {}", e.reason);
            }
        }
        let e = check(&checkpoint, "29s").unwrap_err();
        assert!(e.reason.contains("30–86400 s"), "the range with its unit: {}", e.reason);
        assert!(check(&work_mem, "4096").unwrap_err().reason.contains("needs a unit"));
        assert!(check(&checkpoint, "300MB").unwrap_err().reason.contains("time unit"));
    }

    #[test]
    fn compare_shows_only_what_differs() {
        let with = |name: &str, value: &str, default: &str| Parameter {
            value: value.into(),
            default_value: default.into(),
            ..param(name, ValueType::Numeric, None, "0~100")
        };
        let mine = vec![with("a", "1", "1"), with("b", "5", "2"), with("c", "7", "7"), with("only_mine", "3", "3")];
        assert_eq!(differences(&mine, None, ""), vec![("b".to_string(), "5".to_string(), "2".to_string())]);
        let theirs = vec![with("a", "9", "1"), with("b", "5", "2"), with("c", "8", "7")];
        let d = differences(&mine, Some(&theirs), "");
        assert_eq!(
            d,
            vec![("a".into(), "1".into(), "9".into()), ("c".into(), "7".into(), "8".into())],
            "a parameter only one side has is not a difference"
        );
        assert_eq!(differences(&mine, Some(&theirs), "C").len(), 1, "the filter ignores case");
    }

    #[test]
    fn ranges_read_as_written() {
        assert_eq!(
            Range::parse("30~86400s"),
            Some(Range { low: 30.0, high: 86400.0, unit: "s".into(), written: ("30".into(), "86400".into()) })
        );
        assert_eq!(Range::parse("-1~2147483647ms").unwrap().low, -1.0);
        assert_eq!(Range::parse("0~1.79769e+308").unwrap().unit, "");
        assert_eq!(Range::parse("0~1.79769e+308").unwrap().describe(), "0–1.79769e+308");
        assert_eq!(Range::parse("on,off"), None);
        assert_eq!(Range::parse("64~2147483647kB").unwrap().describe(), "64–2147483647 kB");
    }

    #[test]
    fn postgresql_conf_lines_are_read_like_postgresql_reads_them() {
        let text = "# tuning\nwork_mem = 8MB\nshared_buffers='256MB' # a quarter\n\nlog_line_prefix = '%m [%p] ''x'' # y'\nrandom_page_cost 1.1\nbroken =\n= 3\nnot a name!= 4\nquote = 'open\n";
        let (ok, bad) = parse_conf(text);
        let got: Vec<(usize, &str, &str)> = ok.iter().map(|l| (l.line, l.name.as_str(), l.value.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (2, "work_mem", "8MB"),
                (3, "shared_buffers", "256MB"),
                (5, "log_line_prefix", "%m [%p] 'x' # y"),
                (6, "random_page_cost", "1.1")
            ]
        );
        let lines: Vec<usize> = bad.iter().map(|(n, _)| *n).collect();
        assert_eq!(lines, vec![7, 8, 9, 10], "{bad:?}");
    }
}
