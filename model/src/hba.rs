//! Access control (HBA) rules: what an apply will change, and the rules as
//! `pg_hba.conf` lines, both ways.
//!
//! Upstream lists only the rules as they will be after the next apply, each
//! marked with the change waiting on it. pgdeck remembers the rules as it
//! last saw them fully applied (the *baseline*), so [`diff`] can say field by
//! field what changes and which rules move. The browser shows the diff
//! before Apply; the server stores the same diff in the approval request.

use rds::types::{HbaRule, HbaRuleSpec};
use rds::{ApplyType, AuthMethod, DatabaseId, DbUserId, ReservedAction, ValidationError};
use serde::{Deserialize, Serialize};

/// A rule in words, as the diff and the rules table show it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleWords {
    pub id: String,
    /// `all` or the database names, comma-separated.
    pub databases: String,
    /// `all` or the DB user names, comma-separated.
    pub users: String,
    pub address: String,
    /// The method as `pg_hba.conf` spells it (`scram-sha-256`).
    pub method: String,
}

impl RuleWords {
    /// The rule's words.
    pub fn of(r: &HbaRule) -> Self {
        RuleWords {
            id: r.hba_rule_id.0.clone(),
            databases: names(&r.database_apply_type, r.databases.iter().map(|d| d.database_name.as_str())),
            users: names(&r.db_user_apply_type, r.db_users.iter().map(|u| u.db_user_name.as_str())),
            address: r.address.clone(),
            method: r.auth_method.as_ref().map(method_word).unwrap_or_default().to_string(),
        }
    }

    /// The rule as one `pg_hba.conf` line.
    pub fn line(&self) -> String {
        format!("host    {:<14} {:<14} {:<20} {}", quoted(&self.databases), quoted(&self.users), self.address, self.method)
            .trim_end()
            .to_string()
    }

    /// `databases → users from address: method`, for one line of text.
    pub fn sentence(&self) -> String {
        format!("{} / {} from {}: {}", self.databases, self.users, self.address, self.method)
    }
}

fn names<'a>(apply: &Option<ApplyType>, list: impl Iterator<Item = &'a str>) -> String {
    let list: Vec<&str> = list.collect();
    if apply.as_ref().is_none_or(|a| *a == ApplyType::Entire) || list.is_empty() {
        "all".to_string()
    } else {
        list.join(",")
    }
}

/// A name list cell of a `pg_hba.conf` line: quoted where a name would
/// otherwise read as a keyword or break the line.
fn quoted(cell: &str) -> String {
    if cell == "all" {
        return cell.to_string();
    }
    cell.split(',')
        .map(|n| {
            let plain = !n.is_empty()
                && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.')
                && !KEYWORDS.contains(&n)
                && !n.starts_with('+')
                && !n.starts_with('@');
            if plain {
                n.to_string()
            } else {
                format!("\"{}\"", n.replace('"', "\"\""))
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

const KEYWORDS: &[&str] = &["all", "sameuser", "samerole", "samegroup", "replication"];

/// The method as `pg_hba.conf` spells it.
pub fn method_word(m: &AuthMethod) -> &str {
    match m {
        AuthMethod::Trust => "trust",
        AuthMethod::Reject => "reject",
        AuthMethod::ScramSha256 => "scram-sha-256",
        AuthMethod::Unknown(s) => s.as_str(),
    }
}

/// Whether a rule lets anyone from a wide range of addresses in without a
/// password: TRUST from a network of more than 256 addresses.
pub fn risky_trust(address: &str, method: &AuthMethod) -> bool {
    if *method != AuthMethod::Trust {
        return false;
    }
    match address.split_once('/') {
        Some((ip, bits)) => {
            let bits: u32 = bits.parse().unwrap_or(0);
            if ip.contains(':') {
                bits < 120
            } else {
                bits < 24
            }
        }
        // A host or domain name may resolve to anything.
        None => address.parse::<std::net::IpAddr>().is_err(),
    }
}

// ---------------------------------------------------------------- the diff

/// What happens to one rule when the rules are applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Added,
    Removed,
    Changed,
    Moved,
}

impl Kind {
    /// The word shown.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Added => "added",
            Kind::Removed => "removed",
            Kind::Changed => "changed",
            Kind::Moved => "moved",
        }
    }
}

/// One field of a changed rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

/// One rule the apply affects.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub kind: Kind,
    /// The rule as it will be (as it was, for a removed rule).
    pub rule: RuleWords,
    /// Changed fields (empty unless the rule changed, or when the values
    /// before are not known).
    pub fields: Vec<FieldChange>,
    /// Matching position before and after (1-based), when the rule moves.
    pub moved: Option<(usize, usize)>,
}

impl Entry {
    /// The entry in one line of text.
    pub fn sentence(&self) -> String {
        let mut s = format!("{}: {}", self.kind.as_str(), self.rule.sentence());
        for f in &self.fields {
            s.push_str(&format!("; {} {} → {}", f.field, f.before, f.after));
        }
        if let Some((from, to)) = self.moved {
            s.push_str(&format!("; position {from} → {to}"));
        }
        s
    }
}

/// Everything an apply will change.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diff {
    pub entries: Vec<Entry>,
    /// Whether pgdeck knew the applied rules. Without them, changed rules
    /// are named but their earlier values and moves are not.
    pub baseline_known: bool,
    /// The rules in matching order after the apply.
    pub after: Vec<RuleWords>,
}

impl Diff {
    /// Nothing to apply.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// How many entries are of `kind`.
    pub fn count(&self, kind: Kind) -> usize {
        self.entries.iter().filter(|e| e.kind == kind).count()
    }
}

/// The rules that will take effect: every rule not waiting to be deleted,
/// in matching order.
pub fn pending(rules: &[HbaRule]) -> Vec<HbaRule> {
    let mut p: Vec<HbaRule> = rules.iter().filter(|r| r.reserved_action != Some(ReservedAction::Delete)).cloned().collect();
    p.sort_by_key(|r| r.order);
    p
}

/// What applying `current` (as upstream lists it) changes against
/// `applied`, the rules as last seen applied (`None`: not known).
pub fn diff(applied: Option<&[HbaRule]>, current: &[HbaRule]) -> Diff {
    let after = pending(current);
    let after_words: Vec<RuleWords> = after.iter().map(RuleWords::of).collect();
    let Some(applied) = applied.filter(|a| consistent(a, current)) else {
        return Diff { entries: from_marks(current), baseline_known: false, after: after_words };
    };
    let mut before: Vec<&HbaRule> = applied.iter().collect();
    before.sort_by_key(|r| r.order);
    let before_words: Vec<RuleWords> = before.iter().map(|r| RuleWords::of(r)).collect();
    let in_after = |id: &str| after_words.iter().any(|w| w.id == id);
    let in_before = |id: &str| before_words.iter().any(|w| w.id == id);
    // Rules on both sides, in each side's order; those off the longest
    // common subsequence are the ones that moved.
    let common_before: Vec<&str> = before_words.iter().map(|w| w.id.as_str()).filter(|id| in_after(id)).collect();
    let common_after: Vec<&str> = after_words.iter().map(|w| w.id.as_str()).filter(|id| in_before(id)).collect();
    let stayed = lcs(&common_before, &common_after);
    let mut entries = Vec::new();
    for w in before_words.iter().filter(|w| !in_after(&w.id)) {
        entries.push(Entry { kind: Kind::Removed, rule: w.clone(), fields: vec![], moved: None });
    }
    for (to, w) in after_words.iter().enumerate() {
        let Some(from) = before_words.iter().position(|b| b.id == w.id) else {
            entries.push(Entry { kind: Kind::Added, rule: w.clone(), fields: vec![], moved: None });
            continue;
        };
        let fields = field_changes(&before_words[from], w);
        let moved = (!stayed.contains(&w.id.as_str())).then_some((from + 1, to + 1));
        let kind = match (fields.is_empty(), moved.is_some()) {
            (true, false) => continue,
            (true, true) => Kind::Moved,
            (false, _) => Kind::Changed,
        };
        entries.push(Entry { kind, rule: w.clone(), fields, moved });
    }
    Diff { entries, baseline_known: true, after: after_words }
}

/// Whether `applied` can be what upstream last applied, given the marks on
/// `current`: every rule with no change waiting reads the same as in
/// `applied`, a rule waiting to be created is not in it, and every applied
/// rule is still listed. A baseline from before changes made elsewhere (the
/// console, another tool) fails this and is not used.
pub fn consistent(applied: &[HbaRule], current: &[HbaRule]) -> bool {
    let find = |id: &rds::HbaRuleId| applied.iter().find(|a| &a.hba_rule_id == id);
    let each = current.iter().all(|r| match r.reserved_action.as_ref() {
        Some(ReservedAction::Create) => find(&r.hba_rule_id).is_none(),
        Some(ReservedAction::None) | None => find(&r.hba_rule_id).is_some_and(|a| RuleWords::of(a) == RuleWords::of(r)),
        _ => find(&r.hba_rule_id).is_some(),
    });
    each && applied.iter().all(|a| current.iter().any(|r| r.hba_rule_id == a.hba_rule_id))
}

/// Without the applied rules: what upstream's marks on each rule say.
fn from_marks(current: &[HbaRule]) -> Vec<Entry> {
    let mut rules: Vec<&HbaRule> = current.iter().collect();
    rules.sort_by_key(|r| r.order);
    rules
        .into_iter()
        .filter_map(|r| {
            let kind = match r.reserved_action.as_ref()? {
                ReservedAction::Create => Kind::Added,
                ReservedAction::Delete => Kind::Removed,
                ReservedAction::Modify | ReservedAction::Unknown(_) => Kind::Changed,
                ReservedAction::None => return None,
            };
            Some(Entry { kind, rule: RuleWords::of(r), fields: vec![], moved: None })
        })
        .collect()
}

fn field_changes(before: &RuleWords, after: &RuleWords) -> Vec<FieldChange> {
    let pairs = [
        ("databases", &before.databases, &after.databases),
        ("DB users", &before.users, &after.users),
        ("address", &before.address, &after.address),
        ("method", &before.method, &after.method),
    ];
    pairs
        .into_iter()
        .filter(|(_, b, a)| b != a)
        .map(|(f, b, a)| FieldChange { field: f.to_string(), before: b.clone(), after: a.clone() })
        .collect()
}

/// The longest common subsequence of two id lists.
fn lcs<'a>(a: &[&'a str], b: &[&'a str]) -> Vec<&'a str> {
    let mut t = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            t[i][j] = if a[i] == b[j] { t[i + 1][j + 1] + 1 } else { t[i + 1][j].max(t[i][j + 1]) };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            out.push(a[i]);
            i += 1;
            j += 1;
        } else if t[i + 1][j] > t[i][j + 1] {
            i += 1;
        } else {
            // On a tie keep the earlier rule of the old order: of two rules
            // that swapped, the one that went up is the one that moved.
            j += 1;
        }
    }
    out
}

// ---------------------------------------------------------------- pg_hba.conf

/// The rules that will take effect, as `pg_hba.conf` lines in matching order.
pub fn export(rules: &[HbaRule]) -> String {
    let mut out = String::from("# TYPE  DATABASE       USER           ADDRESS              METHOD\n");
    for r in pending(rules) {
        out.push_str(&RuleWords::of(&r).line());
        out.push('\n');
    }
    out
}

/// One `pg_hba.conf` line read for import.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parsed {
    /// `None`: every database.
    pub databases: Option<Vec<String>>,
    /// `None`: every DB user.
    pub users: Option<Vec<String>>,
    pub address: String,
    pub method: AuthMethod,
}

/// One non-blank line of an import, with what became of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportLine {
    /// 1-based line number in the pasted text.
    pub line: usize,
    pub text: String,
    /// The rule it reads as, or why the API cannot express it (a refusal
    /// with a code; no field when the line as a whole is refused).
    pub result: Result<Parsed, ValidationError>,
}

/// Reads pasted `pg_hba.conf`-style lines. Comments and blank lines are
/// skipped; every other line is either a rule or says why the API cannot
/// express it.
pub fn parse(text: &str) -> Vec<ImportLine> {
    text.lines()
        .enumerate()
        .filter_map(|(n, raw)| {
            let body = strip_comment(raw);
            if body.trim().is_empty() {
                return None;
            }
            Some(ImportLine { line: n + 1, text: raw.trim().to_string(), result: parse_line(body) })
        })
        .collect()
}

fn strip_comment(line: &str) -> &str {
    let mut quoted = false;
    for (i, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '#' if !quoted => return &line[..i],
            _ => {}
        }
    }
    line
}

/// Splits a line into fields, keeping quoted text (with `""` for a quote)
/// together. Each field comes with whether any part of it was quoted.
fn fields(line: &str) -> Result<Vec<(String, bool)>, ValidationError> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let (mut in_quotes, mut was_quoted, mut started) = (false, false, false);
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if in_quotes && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => {
                in_quotes = !in_quotes;
                was_quoted = true;
                started = true;
            }
            c if c.is_whitespace() && !in_quotes => {
                if started {
                    out.push((std::mem::take(&mut cur), was_quoted));
                    (was_quoted, started) = (false, false);
                }
            }
            c => {
                cur.push(c);
                started = true;
            }
        }
    }
    if in_quotes {
        return Err(line_refused("hba-open-quote", &[], "a quote is not closed".into()));
    }
    if started {
        out.push((cur, was_quoted));
    }
    Ok(out)
}

/// A line refused as a whole: no field, the code and its values, the English.
fn line_refused(code: &str, args: &[&str], english: String) -> ValidationError {
    ValidationError::coded("", code, args.iter().map(|a| a.to_string()).collect(), english)
}

fn parse_line(line: &str) -> Result<Parsed, ValidationError> {
    let f = fields(line)?;
    let word = |i: usize| f.get(i).map(|(s, _)| s.as_str());
    match word(0) {
        Some("host") => {}
        Some("local") => {
            return Err(line_refused("hba-local", &[], "local (Unix socket) connections are not managed through the API".into()))
        }
        Some(t @ ("hostssl" | "hostnossl" | "hostgssenc" | "hostnogssenc")) => {
            return Err(line_refused("hba-tcp-kind", &[t], format!("{t}: the API's rules cover every TCP connection; use host")));
        }
        Some(t) => {
            return Err(line_refused("hba-unknown-type", &[&format!("{t:?}")], format!("unknown connection type {t:?}; expected host")))
        }
        None => return Err(line_refused("hba-empty", &[], "empty line".into())),
    }
    if f.len() < 5 {
        return Err(line_refused("hba-expected", &[], "expected: host DATABASE USER ADDRESS METHOD".into()));
    }
    let databases = name_list("databaseIds", &f[1])?;
    let users = name_list("dbUserIds", &f[2])?;
    // ADDRESS may be written as IP and netmask in two fields.
    let (address, method_at) = match (f[3].0.parse::<std::net::Ipv4Addr>(), f.get(4)) {
        (Ok(ip), Some((mask, _))) if mask.parse::<std::net::Ipv4Addr>().is_ok() => {
            if f.len() < 6 {
                return Err(line_refused("hba-expected-mask", &[], "expected: host DATABASE USER IP-ADDRESS IP-MASK METHOD".into()));
            }
            let bits = mask_bits(mask).ok_or_else(|| line_refused("hba-not-netmask", &[mask], format!("{mask} is not a netmask")))?;
            (format!("{ip}/{bits}"), 5)
        }
        _ => (f[3].0.clone(), 4),
    };
    match address.as_str() {
        "all" => {
            return Err(line_refused("hba-address-all", &[], "address all: write 0.0.0.0/0 (the API takes one address per rule)".into()))
        }
        "samehost" | "samenet" => {
            return Err(line_refused(
                "hba-address-same",
                &[&address],
                format!("address {address}: the API takes a CIDR, a host name or a domain"),
            ))
        }
        _ => {}
    }
    if address.starts_with('.') {
        return Err(line_refused(
            "hba-domain-suffix",
            &[&address],
            format!("address {address}: a domain suffix cannot be expressed; name the host"),
        ));
    }
    rds::validate::hba_address("address", &address)?;
    let method = match f[method_at].0.as_str() {
        "trust" => AuthMethod::Trust,
        "reject" => AuthMethod::Reject,
        "scram-sha-256" => AuthMethod::ScramSha256,
        m => return Err(line_refused("hba-method", &[m], format!("method {m}: the API offers trust, reject and scram-sha-256"))),
    };
    if let Some((opt, _)) = f.get(method_at + 1) {
        return Err(line_refused("hba-options", &[opt], format!("options ({opt}…) cannot be set through the API")));
    }
    Ok(Parsed { databases, users, address, method })
}

/// `all` or a comma-separated list of names; group and file forms refused.
/// `field`: `databaseIds` or `dbUserIds`, as the rule's refusals name them.
fn name_list(field: &str, (cell, quoted): &(String, bool)) -> Result<Option<Vec<String>>, ValidationError> {
    let refused = |code: &str, n: &str, english: String| ValidationError::coded(field, code, vec![n.to_string()], english);
    if !quoted && cell == "all" {
        return Ok(None);
    }
    let mut out = Vec::new();
    for n in cell.split(',') {
        if !quoted {
            match n {
                "sameuser" | "samerole" | "samegroup" | "replication" | "all" => {
                    return Err(refused("hba-keyword", n, format!("{n}: the API takes all or names")));
                }
                _ if n.starts_with('@') => return Err(refused("hba-file", n, format!("{n}: file inclusions cannot be expressed"))),
                _ if n.starts_with('+') => return Err(refused("hba-membership", n, format!("{n}: role membership cannot be expressed"))),
                _ if n.starts_with('/') => return Err(refused("hba-regex", n, format!("{n}: regular expressions cannot be expressed"))),
                _ => {}
            }
        }
        if n.is_empty() {
            return Err(ValidationError::coded(field, "hba-empty-name", vec![], "the list has an empty name"));
        }
        out.push(n.to_string());
    }
    Ok(Some(out))
}

fn mask_bits(mask: &str) -> Option<u32> {
    let m = u32::from(mask.parse::<std::net::Ipv4Addr>().ok()?);
    let bits = m.leading_ones();
    (m.checked_shl(bits).unwrap_or(0) == 0).then_some(bits)
}

impl Parsed {
    /// The rule to create on an instance with these databases and users
    /// (id, name); a name the instance does not have is named.
    pub fn spec(&self, databases: &[(String, String)], users: &[(String, String)]) -> Result<HbaRuleSpec, ValidationError> {
        let pick = |field: &str, wanted: &Option<Vec<String>>, have: &[(String, String)]| -> Result<Vec<String>, ValidationError> {
            let Some(wanted) = wanted else { return Ok(vec![]) };
            wanted
                .iter()
                .map(|n| {
                    have.iter().find(|(_, name)| name == n).map(|(id, _)| id.clone()).ok_or_else(|| {
                        ValidationError::coded(field, "hba-no-such", vec![n.clone()], format!("{n} is not on this instance"))
                    })
                })
                .collect()
        };
        let apply = |all: bool| Some(if all { ApplyType::Entire } else { ApplyType::UserCustom });
        Ok(HbaRuleSpec {
            database_apply_type: apply(self.databases.is_none()),
            db_user_apply_type: apply(self.users.is_none()),
            database_ids: pick("databaseIds", &self.databases, databases)?.into_iter().map(DatabaseId::new).collect(),
            db_user_ids: pick("dbUserIds", &self.users, users)?.into_iter().map(DbUserId::new).collect(),
            address: self.address.clone(),
            auth_method: Some(self.method.clone()),
        })
    }
}

/// The spec that recreates `r` unchanged (the starting point of an edit).
pub fn spec_of(r: &HbaRule) -> HbaRuleSpec {
    HbaRuleSpec {
        database_apply_type: r.database_apply_type.clone(),
        db_user_apply_type: r.db_user_apply_type.clone(),
        database_ids: r.databases.iter().map(|d| d.database_id.clone()).collect(),
        db_user_ids: r.db_users.iter().map(|u| u.db_user_id.clone()).collect(),
        address: r.address.clone(),
        auth_method: r.auth_method.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rds::types::{HbaDatabase, HbaDbUser};
    use rds::HbaRuleId;

    fn rule(id: &str, order: i64, dbs: &[&str], users: &[&str], address: &str, m: AuthMethod) -> HbaRule {
        HbaRule {
            hba_rule_id: HbaRuleId::new(id),
            database_apply_type: Some(if dbs.is_empty() { ApplyType::Entire } else { ApplyType::UserCustom }),
            db_user_apply_type: Some(if users.is_empty() { ApplyType::Entire } else { ApplyType::UserCustom }),
            databases: dbs
                .iter()
                .map(|d| HbaDatabase { database_id: DatabaseId::new(format!("d-{d}")), database_name: d.to_string() })
                .collect(),
            db_users: users
                .iter()
                .map(|u| HbaDbUser { db_user_id: DbUserId::new(format!("u-{u}")), db_user_name: u.to_string() })
                .collect(),
            address: address.to_string(),
            auth_method: Some(m),
            reserved_action: Some(ReservedAction::None),
            order,
            applicable: true,
            ..Default::default()
        }
    }

    fn marked(mut r: HbaRule, a: ReservedAction) -> HbaRule {
        r.reserved_action = Some(a);
        r
    }

    fn kinds(d: &Diff) -> Vec<(Kind, String)> {
        d.entries.iter().map(|e| (e.kind, e.rule.id.clone())).collect()
    }

    #[test]
    fn nothing_pending_is_an_empty_diff() {
        let applied = vec![rule("a", 0, &[], &[], "10.0.0.0/8", AuthMethod::ScramSha256)];
        let d = diff(Some(&applied), &applied);
        assert!(d.is_empty());
        assert!(d.baseline_known);
        assert_eq!(d.after.len(), 1);
    }

    #[test]
    fn added_removed_changed_and_moved_are_told_apart() {
        let a = rule("a", 0, &["app"], &["rw"], "10.0.0.0/8", AuthMethod::ScramSha256);
        let b = rule("b", 1, &[], &[], "192.168.0.0/16", AuthMethod::ScramSha256);
        let c = rule("c", 2, &[], &[], "0.0.0.0/0", AuthMethod::Reject);
        let d_ = rule("d", 3, &[], &["ro"], "172.16.0.0/12", AuthMethod::ScramSha256);
        let applied = vec![a.clone(), b.clone(), c.clone(), d_.clone()];
        // b removed; c changed to TRUST from one host; d moved to the top;
        // e added at the end.
        let mut c2 = marked(c.clone(), ReservedAction::Modify);
        c2.address = "203.0.113.7/32".into();
        c2.auth_method = Some(AuthMethod::Trust);
        let mut d2 = marked(d_.clone(), ReservedAction::Modify);
        d2.order = -1;
        let e = marked(rule("e", 9, &["app"], &[], "app.example.com", AuthMethod::ScramSha256), ReservedAction::Create);
        let current = vec![a.clone(), marked(b.clone(), ReservedAction::Delete), c2, d2, e];
        let d = diff(Some(&applied), &current);
        assert_eq!(
            kinds(&d),
            vec![(Kind::Removed, "b".into()), (Kind::Moved, "d".into()), (Kind::Changed, "c".into()), (Kind::Added, "e".into()),]
        );
        let moved = &d.entries[1];
        assert_eq!(moved.moved, Some((4, 1)));
        let changed = &d.entries[2];
        assert_eq!(
            changed.fields,
            vec![
                FieldChange { field: "address".into(), before: "0.0.0.0/0".into(), after: "203.0.113.7/32".into() },
                FieldChange { field: "method".into(), before: "reject".into(), after: "trust".into() },
            ]
        );
        assert_eq!(changed.moved, None, "c keeps its place relative to a");
        assert_eq!(d.after.iter().map(|w| w.id.as_str()).collect::<Vec<_>>(), vec!["d", "a", "c", "e"]);
    }

    #[test]
    fn swapping_two_rules_moves_one_not_both() {
        let a = rule("a", 0, &[], &[], "10.0.0.0/8", AuthMethod::ScramSha256);
        let b = rule("b", 1, &[], &[], "10.1.0.0/16", AuthMethod::Reject);
        let mut b2 = b.clone();
        b2.order = 0;
        let mut a2 = a.clone();
        a2.order = 1;
        let d = diff(Some(&[a, b]), &[a2, b2]);
        assert_eq!(d.entries.len(), 1);
        assert_eq!(d.entries[0].kind, Kind::Moved);
        assert_eq!(d.entries[0].rule.id, "b", "the rule that went up moved");
        assert_eq!(d.entries[0].moved, Some((2, 1)));
    }

    #[test]
    fn a_changed_rule_also_moved_says_both() {
        let a = rule("a", 0, &[], &[], "10.0.0.0/8", AuthMethod::ScramSha256);
        let b = rule("b", 1, &[], &["rw"], "10.1.0.0/16", AuthMethod::Reject);
        let mut b2 = marked(b.clone(), ReservedAction::Modify);
        b2.order = 0;
        b2.db_users[0].db_user_name = "ro".into();
        let mut a2 = a.clone();
        a2.order = 1;
        let d = diff(Some(&[a, b]), &[a2, b2]);
        let e = d.entries.iter().find(|e| e.rule.id == "b").expect("b in the diff");
        assert_eq!(e.kind, Kind::Changed);
        assert_eq!(e.fields[0].field, "DB users");
        assert!(e.moved.is_some() || d.entries.iter().any(|x| x.rule.id == "a" && x.moved.is_some()));
    }

    #[test]
    fn without_a_baseline_the_marks_are_used() {
        let current = vec![
            rule("a", 0, &[], &[], "10.0.0.0/8", AuthMethod::ScramSha256),
            marked(rule("b", 1, &[], &[], "10.1.0.0/16", AuthMethod::Reject), ReservedAction::Modify),
            marked(rule("c", 2, &[], &[], "10.2.0.0/16", AuthMethod::Reject), ReservedAction::Delete),
            marked(rule("e", 3, &[], &[], "10.3.0.0/16", AuthMethod::Reject), ReservedAction::Create),
        ];
        let d = diff(None, &current);
        assert!(!d.baseline_known);
        assert_eq!(kinds(&d), vec![(Kind::Changed, "b".into()), (Kind::Removed, "c".into()), (Kind::Added, "e".into())]);
        assert_eq!(d.after.len(), 3, "the rule waiting for deletion is not in the result");
    }

    #[test]
    fn a_baseline_that_does_not_fit_the_marks_is_not_used() {
        let a = rule("a", 0, &[], &[], "10.0.0.0/8", AuthMethod::ScramSha256);
        let b = rule("b", 1, &[], &[], "10.1.0.0/16", AuthMethod::Reject);
        // Since the baseline, a was changed and applied elsewhere, and b
        // now waits for deletion.
        let mut a_elsewhere = a.clone();
        a_elsewhere.address = "10.9.0.0/16".into();
        let current = vec![a_elsewhere.clone(), marked(b.clone(), ReservedAction::Delete)];
        let d = diff(Some(&[a.clone(), b.clone()]), &current);
        assert!(!d.baseline_known);
        assert_eq!(kinds(&d), vec![(Kind::Removed, "b".into())], "a's applied change is not reported as pending");
        // A rule applied elsewhere and missing from the baseline.
        let c = rule("c", 2, &[], &[], "10.2.0.0/16", AuthMethod::Reject);
        assert!(!consistent(std::slice::from_ref(&a), &[a.clone(), c]));
        // A rule gone from upstream altogether.
        assert!(!consistent(&[a.clone(), b.clone()], std::slice::from_ref(&a)));
        assert!(consistent(&[a.clone(), b.clone()], &[a, marked(b, ReservedAction::Modify)]));
    }

    #[test]
    fn export_writes_pending_rules_in_order() {
        let rules = vec![
            rule("b", 1, &["app", "all"], &["rw"], "10.0.0.0/8", AuthMethod::ScramSha256),
            rule("a", 0, &[], &[], "0.0.0.0/0", AuthMethod::Reject),
            marked(rule("c", 2, &[], &[], "10.2.0.0/16", AuthMethod::Trust), ReservedAction::Delete),
        ];
        let text = export(&rules);
        let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with("host") && lines[0].ends_with("reject") && lines[0].contains("0.0.0.0/0"), "{}", lines[0]);
        assert!(lines[1].contains("app,\"all\""), "a database named all is quoted: {}", lines[1]);
    }

    #[test]
    fn export_then_parse_round_trips() {
        let rules = vec![
            rule("a", 0, &["app", "all"], &["rw", "ro"], "10.0.0.0/8", AuthMethod::ScramSha256),
            rule("b", 1, &[], &["report"], "db.example.com", AuthMethod::Trust),
            rule("c", 2, &[], &[], "::1/128", AuthMethod::Reject),
        ];
        let parsed: Vec<Parsed> = parse(&export(&rules)).into_iter().map(|l| l.result.expect("every exported line parses")).collect();
        assert_eq!(parsed.len(), 3);
        assert_eq!(parsed[0].databases, Some(vec!["app".into(), "all".into()]));
        assert_eq!(parsed[0].users, Some(vec!["rw".into(), "ro".into()]));
        assert_eq!(parsed[1].databases, None);
        assert_eq!(parsed[1].address, "db.example.com");
        assert_eq!(parsed[1].method, AuthMethod::Trust);
        assert_eq!(parsed[2].address, "::1/128");
        assert_eq!(parsed[2].method, AuthMethod::Reject);
    }

    #[test]
    fn parse_accepts_every_form_the_api_can_express() {
        let text = "\
# comment line

host all all 10.0.0.0/8 scram-sha-256   # trailing comment
host app,reports rw 192.168.1.0 255.255.255.0 reject
host \"Mixed Case\" \"user\"\"q\" 2001:db8::/32 trust
host\tall\tall\tdb.example.com\tscram-sha-256
";
        let lines = parse(text);
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[0].line, 3);
        let ok: Vec<Parsed> = lines.into_iter().map(|l| l.result.unwrap()).collect();
        assert_eq!(ok[0], Parsed { databases: None, users: None, address: "10.0.0.0/8".into(), method: AuthMethod::ScramSha256 });
        assert_eq!(ok[1].address, "192.168.1.0/24");
        assert_eq!(ok[1].databases, Some(vec!["app".into(), "reports".into()]));
        assert_eq!(ok[2].databases, Some(vec!["Mixed Case".into()]));
        assert_eq!(ok[2].users, Some(vec!["user\"q".into()]));
        assert_eq!(ok[3].address, "db.example.com");
    }

    #[test]
    fn parse_names_why_a_line_cannot_be_expressed() {
        let cases = [
            ("local all all trust", "local"),
            ("hostssl all all 10.0.0.0/8 scram-sha-256", "hostssl"),
            ("host all all 10.0.0.0/8 md5", "md5"),
            ("host all all 10.0.0.0/8 peer", "peer"),
            ("host sameuser all 10.0.0.0/8 trust", "sameuser"),
            ("host replication all 10.0.0.0/8 trust", "replication"),
            ("host all +admins 10.0.0.0/8 trust", "role membership"),
            ("host @dbs all 10.0.0.0/8 trust", "file"),
            ("host all all samenet trust", "samenet"),
            ("host all all all trust", "0.0.0.0/0"),
            ("host all all .example.com trust", "domain suffix"),
            ("host all all 10.0.0.0/33 trust", "address"),
            ("host all all not_a_host! trust", "address"),
            ("host all all 10.0.0.0/8 scram-sha-256 clientcert=verify-full", "options"),
            ("host all all 10.0.0.0 255.0.255.0 trust", "netmask"),
            ("host all all", "expected"),
            ("host \"all all 10.0.0.0/8 trust", "quote"),
            ("hots all all 10.0.0.0/8 trust", "unknown connection type"),
        ];
        for (line, why) in cases {
            let got = parse(line);
            assert_eq!(got.len(), 1, "{line}");
            let err = got[0].result.clone().expect_err(line);
            assert!(err.to_string().contains(why), "{line}: {err} should mention {why}");
        }
    }

    #[test]
    fn a_parsed_rule_resolves_names_to_ids() {
        let p = parse("host app,reports rw 10.0.0.0/8 trust").remove(0).result.unwrap();
        let dbs = vec![("1".to_string(), "app".to_string()), ("2".to_string(), "reports".to_string())];
        let users = vec![("9".to_string(), "rw".to_string())];
        let spec = p.spec(&dbs, &users).unwrap();
        assert_eq!(spec.database_apply_type, Some(ApplyType::UserCustom));
        assert_eq!(spec.database_ids, vec![DatabaseId::new("1"), DatabaseId::new("2")]);
        assert_eq!(spec.db_user_ids, vec![DbUserId::new("9")]);
        let err = p.spec(&dbs[..1], &users).unwrap_err();
        assert_eq!((err.field.as_str(), err.reason.as_str()), ("databaseIds", "reports is not on this instance"));
    }

    #[test]
    fn wide_trust_is_risky() {
        assert!(risky_trust("0.0.0.0/0", &AuthMethod::Trust));
        assert!(risky_trust("10.0.0.0/8", &AuthMethod::Trust));
        assert!(risky_trust("db.example.com", &AuthMethod::Trust));
        assert!(!risky_trust("10.0.0.0/24", &AuthMethod::Trust));
        assert!(!risky_trust("10.0.0.7", &AuthMethod::Trust));
        assert!(!risky_trust("0.0.0.0/0", &AuthMethod::ScramSha256));
    }
}
