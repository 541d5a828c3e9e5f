//! pgdeck's two languages.
//!
//! Every message a member reads is written once per language, in Project
//! Fluent's format, under `locales/<lang>/<namespace>.ftl`, with the
//! console's terms as Fluent terms (`-db-instance`) in `terms.ftl`. The
//! build reads both languages and fails when they differ (see build.rs);
//! code names a message by a constant or a function generated from the
//! English file ([`msg`]), so a message that does not exist does not
//! compile.
//!
//! At run time a language is a [`Table`]: the server builds both in
//! (feature `tables`), the browser fetches the one its page is in.

use std::fmt;

/// The messages, by namespace: `msg::common::SIGN_OUT`,
/// `msg::common::waiting(3)`.
pub mod msg {
    include!(concat!(env!("OUT_DIR"), "/keys.rs"));
}

/// A language pgdeck speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// English (the default unless the panel says otherwise).
    #[default]
    En,
    /// Korean: the NHN Cloud console's own language.
    Ko,
}

impl Lang {
    /// Every language, in the order the switch lists them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ko];

    /// The BCP 47 code: `en`, `ko`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    /// The language's name in itself, as a switch shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ko => "한국어",
        }
    }

    /// Exactly `en` or `ko` (a stored setting, a form's value, an address):
    /// the language, or `None`.
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// `en`, `ko`, `ko-KR`, `EN-us`…: the language, or `None`.
    pub fn parse(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "ko" => Some(Lang::Ko),
            _ => None,
        }
    }

    /// The best of pgdeck's languages for an `Accept-Language` header
    /// (`ko-KR,ko;q=0.9,en;q=0.8`): the highest weight wins, the earlier
    /// on a tie; `None` when it names neither.
    pub fn negotiate(accept_language: &str) -> Option<Lang> {
        let mut best: Option<(Lang, f32)> = None;
        for item in accept_language.split(',') {
            let mut pieces = item.split(';');
            let Some(lang) = pieces.next().and_then(Lang::parse) else { continue };
            let q = pieces.filter_map(|p| p.trim().strip_prefix("q=")).find_map(|q| q.trim().parse::<f32>().ok()).unwrap_or(1.0);
            if q > 0.0 && best.is_none_or(|(_, b)| q > b) {
                best = Some((lang, q));
            }
        }
        best.map(|(l, _)| l)
    }

    /// The plural category of `n` (CLDR): English has `one` and `other`,
    /// Korean `other` alone.
    pub fn plural(self, n: i64) -> &'static str {
        match self {
            Lang::En if n == 1 => "one",
            _ => "other",
        }
    }

    /// `n` written as the language writes numbers: digits grouped by
    /// thousands (`12,345`), as both English and Korean do.
    pub fn number(self, n: i64) -> String {
        grouped(n < 0, n.unsigned_abs())
    }

    /// A number with `places` decimals, grouped by thousands (`1,234.5`),
    /// as both languages write it. Worked out in whole numbers: formatting
    /// floats would put some 20 KB of code into every page's download.
    /// Not a number reads `–`.
    pub fn decimal(self, v: f64, places: u32) -> String {
        if !v.is_finite() {
            return "–".to_string();
        }
        let scale = 10u64.pow(places.min(9));
        // `as` saturates: a value beyond u64 shows as the largest one.
        let n = (v.abs() * scale as f64).round() as u64;
        let mut out = grouped(v < 0.0 && n != 0, n / scale);
        if places > 0 {
            out.push('.');
            let frac = (n % scale).to_string();
            for _ in frac.len()..places.min(9) as usize {
                out.push('0');
            }
            out.push_str(&frac);
        }
        out
    }

    /// A size in the units people read: `512 B`, `3.4 MiB`, `12.0 GiB`.
    pub fn bytes(self, n: u64) -> String {
        const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
        let (mut unit, mut div) = (0, 1u64);
        while unit < UNITS.len() - 1 && n / div >= 1024 {
            div *= 1024;
            unit += 1;
        }
        if unit == 0 {
            return format!("{n} B");
        }
        let tenths = ((u128::from(n) * 10 + u128::from(div) / 2) / u128::from(div)) as u64;
        format!("{}.{} {}", grouped(false, tenths / 10), tenths % 10, UNITS[unit])
    }
}

/// Digits grouped by thousands, with a minus sign when `negative`.
fn grouped(negative: bool, n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if negative {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The cookie that carries a browser's language. It says either what was
/// chosen on this browser (the switch, signed out: `ko`), or a copy of the
/// signed-in member's own setting (`ko.m`), so that the calls a page makes
/// and the sign-in page after signing out speak as the page did. A member
/// who follows their browser is not held to a copy made before they did.
pub mod cookie {
    use super::Lang;

    /// The cookie's name.
    pub const NAME: &str = "pgdeck_lang";

    /// What a cookie says.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct Said {
        /// The language.
        pub lang: Lang,
        /// A copy of a member's setting, not a choice made on this browser.
        pub member: bool,
    }

    fn header(value: &str) -> String {
        format!("{NAME}={value}; Path=/; Max-Age=31536000; SameSite=Lax")
    }

    /// A `Set-Cookie` value: this browser's choice for a year, or (`None`)
    /// the cookie removed.
    pub fn set(language: Option<Lang>) -> String {
        match language {
            Some(l) => header(l.code()),
            None => format!("{NAME}=; Path=/; Max-Age=0; SameSite=Lax"),
        }
    }

    /// A `Set-Cookie` value copying a member's setting.
    pub fn set_member(language: Lang) -> String {
        header(&format!("{}.m", language.code()))
    }

    /// What a `Cookie` header's language cookie says, if it has one.
    pub fn read(header: &str) -> Option<Said> {
        header.split(';').filter_map(|c| c.trim().strip_prefix(NAME).and_then(|r| r.strip_prefix('='))).find_map(|v| {
            let (code, member) = v.strip_suffix(".m").map_or((v, false), |c| (c, true));
            Lang::from_code(code).map(|lang| Said { lang, member })
        })
    }
}

/// A message without variables, by its place in the tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key(pub u16);

/// A value put into a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// A whole number: chooses plural forms, written with grouping.
    Int(i64),
    /// Text: a name, an identifier, a size or percentage the page wrote,
    /// upstream's own words.
    Str(String),
}

macro_rules! int_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Int(n as i64)
            }
        }
    )*};
}
int_arg!(i8, i16, i32, i64, u8, u16, u32, u64, usize, isize);

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Str(s.to_string())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Str(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Str(s.clone())
    }
}

/// A message with its values: what a page shows, or a refusal carries
/// (its key is the refusal's code) to be read in the member's language.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    /// Which message.
    pub key: Key,
    /// Its values, in the order of the English message's variables.
    pub args: Vec<Arg>,
}

impl Text {
    /// A message and its values (generated code calls this).
    pub fn new(key: Key, args: Vec<Arg>) -> Text {
        Text { key, args }
    }
}

impl From<Key> for Text {
    fn from(key: Key) -> Text {
        Text { key, args: Vec::new() }
    }
}

#[derive(Debug)]
enum Part {
    Lit(Box<str>),
    Arg(usize),
    Choose { arg: usize, cases: Vec<(Case, Vec<Part>)>, default: usize },
}

#[derive(Debug)]
enum Case {
    Exact(i64),
    Category(Box<str>),
}

#[derive(Debug)]
enum Message {
    Plain(Box<str>),
    Parts(Vec<Part>),
}

/// One language's messages, read from the tables the build wrote.
#[derive(Debug)]
pub struct Table {
    lang: Lang,
    /// The key of the first message: a namespace's table holds its run of
    /// keys only (`msg::NAMESPACES`).
    start: u16,
    messages: Vec<Message>,
}

/// The namespace (an index into `msg::NAMESPACES`) a key belongs to.
/// FNV-1a of `s`: how the lookups (`msg::event_code`, `refusal`, …) find a
/// code without the codes' text in the browser's bundle. `lang/build.rs`
/// hashes the same way and refuses two codes of one lookup that collide.
pub const fn code_hash(s: &str) -> u32 {
    let b = s.as_bytes();
    let mut h: u32 = 0x811c_9dc5;
    let mut i = 0;
    while i < b.len() {
        h ^= b[i] as u32;
        h = h.wrapping_mul(0x0100_0193);
        i += 1;
    }
    h
}

pub fn namespace_of(key: Key) -> usize {
    msg::NAMESPACES.partition_point(|(_, start, _)| *start <= key.0).saturating_sub(1)
}

impl Table {
    /// Reads a language's table (`<lang>.json` of the build). Fails when it
    /// is not a table of this build's messages.
    pub fn parse(lang: Lang, json: &str) -> Result<Table, String> {
        Table::read(lang, 0, msg::COUNT, json)
    }

    /// Reads one namespace's table (`<lang>.<namespace>.json`); `ns` is its
    /// index in `msg::NAMESPACES`.
    pub fn parse_namespace(lang: Lang, ns: usize, json: &str) -> Result<Table, String> {
        let Some((_, start, end)) = msg::NAMESPACES.get(ns) else { return Err(format!("no namespace {ns}")) };
        Table::read(lang, *start, usize::from(end - start), json)
    }

    fn read(lang: Lang, start: u16, count: usize, json: &str) -> Result<Table, String> {
        // From bytes, as the rest of the browser's JSON is read: one parser.
        let value: serde_json::Value = serde_json::from_slice(json.as_bytes()).map_err(|e| e.to_string())?;
        let serde_json::Value::Array(items) = value else { return Err("not a list of messages".into()) };
        if items.len() != count {
            return Err(format!("{} messages where this build has {count}", items.len()));
        }
        let mut messages = Vec::with_capacity(items.len());
        for m in items {
            messages.push(match m {
                serde_json::Value::String(s) => Message::Plain(s.into()),
                serde_json::Value::Array(parts) => Message::Parts(parts_of(parts)?),
                _ => return Err("a message is neither text nor parts".into()),
            });
        }
        Ok(Table { lang, start, messages })
    }

    /// The language of this table.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// A plain message's text.
    pub fn get(&self, key: Key) -> &str {
        match self.messages.get(usize::from(key.0.wrapping_sub(self.start))) {
            Some(Message::Plain(s)) => s,
            _ => "",
        }
    }

    /// A message with its values put in.
    pub fn format(&self, text: &Text) -> String {
        match self.messages.get(usize::from(text.key.0.wrapping_sub(self.start))) {
            Some(Message::Plain(s)) => s.to_string(),
            Some(Message::Parts(parts)) => {
                let mut out = String::new();
                self.write(parts, &text.args, &mut out);
                out
            }
            None => String::new(),
        }
    }

    fn write(&self, parts: &[Part], args: &[Arg], out: &mut String) {
        for p in parts {
            match p {
                Part::Lit(s) => out.push_str(s),
                Part::Arg(i) => match args.get(*i) {
                    Some(Arg::Int(n)) => out.push_str(&self.lang.number(*n)),
                    Some(Arg::Str(s)) => out.push_str(s),
                    None => {}
                },
                Part::Choose { arg, cases, default } => {
                    let n = match args.get(*arg) {
                        Some(Arg::Int(n)) => Some(*n),
                        _ => None,
                    };
                    let chosen = n.and_then(|n| {
                        let category = self.lang.plural(n);
                        cases
                            .iter()
                            .position(|(c, _)| matches!(c, Case::Exact(x) if *x == n))
                            .or_else(|| cases.iter().position(|(c, _)| matches!(c, Case::Category(k) if &**k == category)))
                    });
                    if let Some((_, parts)) = cases.get(chosen.unwrap_or(*default)) {
                        self.write(parts, args, out);
                    }
                }
            }
        }
    }
}

/// A message's parts. (Plain loops: the browser carries this reader, and
/// iterator adapters over JSON values would each bring code of their own.)
fn parts_of(values: Vec<serde_json::Value>) -> Result<Vec<Part>, String> {
    let mut parts = Vec::with_capacity(values.len());
    for v in values {
        parts.push(part(v)?);
    }
    Ok(parts)
}

fn part(v: serde_json::Value) -> Result<Part, String> {
    use serde_json::Value;
    match v {
        Value::String(s) => Ok(Part::Lit(s.into())),
        Value::Number(n) => n.as_u64().map(|n| Part::Arg(n as usize)).ok_or_else(|| "a bad argument index".to_string()),
        Value::Object(o) => {
            let arg = o.get("s").and_then(Value::as_u64).ok_or("a choice without its argument")? as usize;
            let default = o.get("d").and_then(Value::as_u64).unwrap_or(0) as usize;
            let Some(Value::Array(cases)) = o.get("c") else { return Err("a choice without cases".into()) };
            let mut out = Vec::with_capacity(cases.len());
            for c in cases {
                let (Some(key), Some(Value::Array(parts))) = (c.get(0).and_then(Value::as_str), c.get(1)) else {
                    return Err("a bad case".into());
                };
                let case = match key.strip_prefix('=') {
                    Some(n) => Case::Exact(n.parse().map_err(|_| "a bad exact case")?),
                    None => Case::Category(key.into()),
                };
                out.push((case, parts_of(parts.clone())?));
            }
            Ok(Part::Choose { arg, cases: out, default })
        }
        _ => Err("a part is neither text, argument nor choice".into()),
    }
}

/// The compiled tables of both languages, built into the server.
#[cfg(feature = "tables")]
pub mod tables {
    use super::{Lang, Table};
    use std::sync::OnceLock;

    /// A language's table as the build wrote it: what the browser fetches.
    pub fn json(lang: Lang) -> &'static str {
        match lang {
            Lang::En => include_str!(concat!(env!("OUT_DIR"), "/en.json")),
            Lang::Ko => include_str!(concat!(env!("OUT_DIR"), "/ko.json")),
        }
    }

    /// One namespace's part of a language's table (`ns` indexes
    /// `msg::NAMESPACES`): what a page fetches.
    pub fn part(lang: Lang, ns: usize) -> Option<&'static str> {
        mod parts {
            include!(concat!(env!("OUT_DIR"), "/parts.rs"));
        }
        match lang {
            Lang::En => parts::EN.get(ns).copied(),
            Lang::Ko => parts::KO.get(ns).copied(),
        }
    }

    /// A language's table, read once.
    pub fn table(lang: Lang) -> &'static Table {
        static EN: OnceLock<Table> = OnceLock::new();
        static KO: OnceLock<Table> = OnceLock::new();
        let cell = match lang {
            Lang::En => &EN,
            Lang::Ko => &KO,
        };
        cell.get_or_init(|| Table::parse(lang, json(lang)).expect("the build writes tables it can read"))
    }
}

#[cfg(test)]
mod tests;
