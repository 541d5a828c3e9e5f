//! PostgreSQL version codes in both the forms upstream has used.
//!
//! The guide pgdeck was built from writes `POSTGRESQL_V176`; the current
//! guide, and a live create, write `POSTGRESQL_V17_6` (docs/upstream-api.md).
//! pgdeck accepts both everywhere, shows both as the console does
//! ("PostgreSQL V17.6"), compares them by what they mean, and sends the form
//! upstream listed.

/// The major and minor version a code names, in either form; `None` for a
/// code of another shape.
pub fn parts(code: &str) -> Option<(u32, u32)> {
    let d = code.strip_prefix("POSTGRESQL_V")?;
    if let Some((major, minor)) = d.split_once('_') {
        let ok = |s: &str| !s.is_empty() && s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit());
        return (ok(major) && ok(minor)).then(|| Some((major.parse().ok()?, minor.parse().ok()?))).flatten();
    }
    // Without a separator: PostgreSQL's majors have had two digits since 10.
    if d.len() >= 3 && d.len() <= 5 && d.bytes().all(|b| b.is_ascii_digit()) {
        return Some((d[..2].parse().ok()?, d[2..].parse().ok()?));
    }
    None
}

/// Whether two codes name the same version, whatever their form.
pub fn same(a: &str, b: &str) -> bool {
    a == b || matches!((parts(a), parts(b)), (Some(x), Some(y)) if x == y)
}

/// How a code reads to people: `PostgreSQL V17.6`; a code of another shape
/// is shown as it came.
pub fn label(code: &str) -> String {
    match parts(code) {
        Some((major, minor)) => format!("PostgreSQL V{major}.{minor}"),
        None => code.to_string(),
    }
}

/// The code in the current guide's form (`POSTGRESQL_V17_6`).
pub fn current_form(code: &str) -> String {
    parts(code).map_or_else(|| code.to_string(), |(major, minor)| format!("POSTGRESQL_V{major}_{minor}"))
}

/// The code in the earlier guide's form (`POSTGRESQL_V176`).
pub fn legacy_form(code: &str) -> String {
    parts(code).map_or_else(|| code.to_string(), |(major, minor)| format!("POSTGRESQL_V{major}{minor}"))
}

/// The code as upstream listed it: the listed code naming the same version
/// as `code`, else `code` as given.
pub fn as_listed<'a>(code: &'a str, listed: impl IntoIterator<Item = &'a str>) -> &'a str {
    listed.into_iter().find(|l| same(l, code)).unwrap_or(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_forms_name_the_same_version_and_read_the_same() {
        for (old, new, words) in [
            ("POSTGRESQL_V146", "POSTGRESQL_V14_6", "PostgreSQL V14.6"),
            ("POSTGRESQL_V1419", "POSTGRESQL_V14_19", "PostgreSQL V14.19"),
            ("POSTGRESQL_V176", "POSTGRESQL_V17_6", "PostgreSQL V17.6"),
        ] {
            assert!(same(old, new));
            assert_eq!((label(old), label(new)), (words.to_string(), words.to_string()));
            assert_eq!(current_form(old), new);
            assert_eq!(legacy_form(new), old);
        }
        assert!(!same("POSTGRESQL_V176", "POSTGRESQL_V17_4"));
        assert!(!same("POSTGRESQL_V1417", "POSTGRESQL_V14_1"), "V1417 is 14.17");
        assert_eq!(label("MYSTERY"), "MYSTERY");
        assert_eq!(parts("POSTGRESQL_V_"), None);
        assert_eq!(parts("POSTGRESQL_V１７_6"), None);
        assert_eq!(as_listed("POSTGRESQL_V176", ["POSTGRESQL_V17_4", "POSTGRESQL_V17_6"]), "POSTGRESQL_V17_6");
        assert_eq!(as_listed("POSTGRESQL_V99_9", ["POSTGRESQL_V17_6"]), "POSTGRESQL_V99_9");
    }
}
