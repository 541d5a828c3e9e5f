//! Reads the messages of both languages (`locales/<lang>/<namespace>.ftl`,
//! Project Fluent's format, parsed by the `fluent-syntax` crate) and checks
//! them against each other. The build fails when:
//!
//! - a namespace or a message is in one language and not the other;
//! - a translation uses a variable the English message does not have;
//! - a file does not parse, or uses what pgdeck does not render (functions,
//!   attributes, selectors on anything but a variable).
//!
//! Then it writes, into `OUT_DIR`:
//!
//! - `keys.rs`: a module per namespace, with a constant per plain message
//!   and a function per message with variables (its arguments are the
//!   variables, by name): a key that does not exist does not compile;
//! - `<lang>.json`: the compiled messages of each language, in key order,
//!   with terms (`-db-instance`) and message references already put in;
//! - `<lang>.<namespace>.json`: the same, one namespace (one run of keys)
//!   each, and `parts.rs` holding them: what a browser fetches, the base
//!   and its page's namespaces (`locales/pages.txt`) only.

use fluent_syntax::ast;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const LANGS: [&str; 2] = ["en", "ko"];
const BASE: &str = "en";

/// One message as written: its id and pattern, owned.
struct Source {
    pattern: ast::Pattern<String>,
}

struct LangFiles {
    /// namespace → message id → pattern
    namespaces: BTreeMap<String, BTreeMap<String, Source>>,
    /// term id (without the dash) → pattern
    terms: BTreeMap<String, ast::Pattern<String>>,
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR for build scripts")).join("locales");
    println!("cargo::rerun-if-changed=locales");
    let mut errors = Vec::new();
    let mut langs = BTreeMap::new();
    for lang in LANGS {
        langs.insert(lang, read_lang(&root.join(lang), &mut errors));
    }
    let base = &langs[BASE];
    // Same namespaces and the same messages in every language.
    for (lang, files) in &langs {
        if *lang == BASE {
            continue;
        }
        for ns in base.namespaces.keys().chain(files.namespaces.keys()).collect::<BTreeSet<_>>() {
            let (Some(b), Some(o)) = (base.namespaces.get(ns), files.namespaces.get(ns)) else {
                errors.push(format!("namespace {ns}.ftl is not in both {BASE} and {lang}"));
                continue;
            };
            for id in b.keys().filter(|id| !o.contains_key(*id)) {
                errors.push(format!("{lang}/{ns}.ftl: missing message `{id}` (it is in {BASE}/{ns}.ftl)"));
            }
            for id in o.keys().filter(|id| !b.contains_key(*id)) {
                errors.push(format!("{lang}/{ns}.ftl: message `{id}` is not in {BASE}/{ns}.ftl"));
            }
        }
    }
    // Keys in a stable order: namespace, then id.
    let mut keys: Vec<(String, String)> = Vec::new();
    for (ns, msgs) in &base.namespaces {
        for id in msgs.keys() {
            keys.push((ns.clone(), id.clone()));
        }
    }
    // Every message id is unique across namespaces, so a reference
    // `{ other-message }` is unambiguous.
    let mut seen = BTreeMap::new();
    for (ns, id) in &keys {
        if let Some(other) = seen.insert(id.clone(), ns.clone()) {
            errors.push(format!("message `{id}` is in both {other}.ftl and {ns}.ftl"));
        }
    }
    // Compile each language; the variables of the English message are the
    // message's arguments, in the order they first appear.
    let mut compiled: BTreeMap<&str, Vec<Value>> = BTreeMap::new();
    let mut vars: Vec<Vec<String>> = Vec::new();
    for lang in LANGS {
        let files = &langs[lang];
        let mut out = Vec::new();
        for (i, (ns, id)) in keys.iter().enumerate() {
            let Some(src) = files.namespaces.get(ns).and_then(|m| m.get(id)) else {
                out.push(Value::Null);
                if lang == BASE {
                    vars.push(Vec::new());
                }
                continue;
            };
            let mut found = Vec::new();
            let mut ctx = Compile { lang, files, vars: &mut found, errors: &mut errors, at: format!("{lang}/{ns}.ftl `{id}`"), depth: 0 };
            let parts = ctx.pattern(&src.pattern);
            if lang == BASE {
                vars.push(found.clone());
            } else {
                for v in &found {
                    if !vars[i].contains(v) {
                        errors.push(format!("{lang}/{ns}.ftl `{id}`: variable ${v} is not in the English message"));
                    }
                }
            }
            // Variables become argument indexes (the English order).
            out.push(encode(&parts, &vars[i]));
        }
        compiled.insert(lang, out);
    }
    if !errors.is_empty() {
        for e in &errors {
            println!("cargo::error={e}");
        }
        panic!("pgdeck's messages are not the same in both languages:\n  {}", errors.join("\n  "));
    }
    // Each namespace's messages are one run of keys: a page fetches only
    // the runs it shows.
    let mut ranges: Vec<(String, usize, usize)> = Vec::new();
    for (i, (ns, _)) in keys.iter().enumerate() {
        match ranges.last_mut() {
            Some((last, _, end)) if last == ns => *end = i + 1,
            _ => ranges.push((ns.clone(), i, i + 1)),
        }
    }
    let pages = read_pages(&root.join("pages.txt"), &ranges, &mut errors);
    if !errors.is_empty() {
        for e in &errors {
            println!("cargo::error={e}");
        }
        panic!("pgdeck's pages name messages that do not exist:\n  {}", errors.join("\n  "));
    }
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts"));
    let mut hash_input = String::new();
    let mut tables_rs = String::new();
    for lang in LANGS {
        let text = Value::Array(compiled[lang].clone()).to_string();
        hash_input.push_str(&text);
        std::fs::write(out_dir.join(format!("{lang}.json")), text).expect("OUT_DIR is writable");
        let _ = writeln!(tables_rs, "pub(crate) const {}: [&str; {}] = [", lang.to_uppercase(), ranges.len());
        for (ns, start, end) in &ranges {
            let part = Value::Array(compiled[lang][*start..*end].to_vec()).to_string();
            std::fs::write(out_dir.join(format!("{lang}.{ns}.json")), part).expect("OUT_DIR is writable");
            let _ = writeln!(tables_rs, "    include_str!(concat!(env!(\"OUT_DIR\"), \"/{lang}.{ns}.json\")),");
        }
        tables_rs.push_str("];\n");
    }
    std::fs::write(out_dir.join("parts.rs"), tables_rs).expect("OUT_DIR is writable");
    let mut keys_out = keys_rs(&keys, &vars, &langs[BASE], &hash_input);
    keys_out.push_str(&pages_rs(&ranges, &pages));
    let words = words_rs(&root.join("../../rds/src/enums.rs"), &keys, &langs[BASE], &mut errors);
    if !errors.is_empty() {
        for e in &errors {
            println!("cargo::error={e}");
        }
        panic!("pgdeck's words for the API's values do not match them:\n  {}", errors.join("\n  "));
    }
    keys_out.push_str(&words);
    std::fs::write(out_dir.join("keys.rs"), keys_out).expect("OUT_DIR is writable");
}

/// The words for the values of the API's enums (`rds/src/enums.rs`):
/// messages named `<Enum>-<wire value>` (`DbInstanceStatus-AVAILABLE`).
/// An enum with any such message must have one for every value it knows,
/// and its English must be the enum's own label, word for word; the enum
/// then gets `msg::words::<Enum>`, its values' keys in the enum's order.
fn words_rs(enums: &Path, keys: &[(String, String)], base: &LangFiles, errors: &mut Vec<String>) -> String {
    println!("cargo::rerun-if-changed={}", enums.display());
    let Ok(src) = std::fs::read_to_string(enums) else {
        errors.push(format!("{} cannot be read", enums.display()));
        return String::new();
    };
    // `open_enum! { /// doc … Name { Variant = "WIRE" => "Label", … } }`
    let mut found: Vec<(String, Vec<(String, String)>)> = Vec::new();
    let mut current: Option<(String, Vec<(String, String)>)> = None;
    let mut opened = false;
    for line in src.lines().map(str::trim) {
        if line.starts_with("open_enum!") {
            opened = true;
            continue;
        }
        if opened && current.is_none() && line.ends_with('{') && !line.starts_with("///") && !line.starts_with("#") {
            current = Some((line.trim_end_matches('{').trim().to_string(), Vec::new()));
            continue;
        }
        if let Some((_, values)) = current.as_mut() {
            if line == "}" {
                found.extend(current.take());
                opened = false;
                continue;
            }
            let quoted: Vec<&str> = line.split('"').collect();
            if quoted.len() >= 5 && line.contains("=>") {
                values.push((quoted[1].to_string(), quoted[3].to_string()));
            }
        }
    }
    let mut out = String::from("\n/// The words for each enum's values (`states*.ftl`), in the enum's order.\n#[allow(non_upper_case_globals, missing_docs)]\npub mod words {\n    use crate::Key;\n");
    for (name, values) in &found {
        let prefix = format!("{name}-");
        if !keys.iter().any(|(_, id)| id.starts_with(&prefix)) {
            continue;
        }
        let mut list = Vec::new();
        for (wire, label) in values {
            let id = format!("{name}-{wire}");
            let Some(i) = keys.iter().position(|(_, k)| *k == id) else {
                errors.push(format!("no message `{id}`: every value of {name} needs its words (its English: \"{label}\")"));
                continue;
            };
            let english: String = base.namespaces[&keys[i].0][&id]
                .pattern
                .elements
                .iter()
                .map(|e| match e {
                    ast::PatternElement::TextElement { value } => value.clone(),
                    ast::PatternElement::Placeable { .. } => "{…}".into(),
                })
                .collect();
            if english.trim() != label {
                errors.push(format!("`{id}` reads \"{}\" in English; {name}'s label is \"{label}\"", english.trim()));
            }
            list.push(format!("Key({i})"));
        }
        for (_, id) in keys.iter().filter(|(_, id)| id.starts_with(&prefix)) {
            if !values.iter().any(|(w, _)| format!("{name}-{w}") == *id) {
                errors.push(format!("`{id}`: {name} has no such value"));
            }
        }
        let _ = writeln!(out, "    pub const {name}: &[Key] = &[{}];", list.join(", "));
    }
    out.push_str("}\n");
    // Messages looked up by what upstream or pgdeck sends: event codes
    // (`event-<code>`), metric names (`metric-<name>`), refusal codes, and
    // an action's verb and effect by its name (`stop_db_instance`:
    // `act-stop-db-instance` in verbs.ftl, `act-stop-db-instance-what` in
    // actions.ftl).
    let prefixed = |prefix: &'static str| move |_: &str, id: &str| id.strip_prefix(prefix).map(str::to_string);
    lookup_fn(&mut out, keys, "event_code", "What an event code means (`event-codes.ftl`).", prefixed("event-"));
    lookup_fn(&mut out, keys, "metric_name", "A metric's name (`metrics.ftl`).", prefixed("metric-"));
    lookup_fn(&mut out, keys, "refusal", "A refusal's words, by its code (`refusals*.ftl`).", prefixed("refusal-"));
    lookup_fn(&mut out, keys, "field_name", "A field's name in refusals, by its wire name (`refusals-more.ftl`).", prefixed("fieldname-"));
    lookup_fn(&mut out, keys, "verb", "An action's verb, by the action's name (`verbs.ftl`).", |ns, id| {
        id.strip_prefix("act-").filter(|_| ns == "verbs").map(|n| n.replace('-', "_"))
    });
    lookup_fn(&mut out, keys, "effect", "What an action does, by the action's name (`actions.ftl`).", |ns, id| {
        id.strip_prefix("act-").and_then(|n| n.strip_suffix("-what")).filter(|_| ns == "actions").map(|n| n.replace('-', "_"))
    });
    out
}

/// `pub fn <name>(&str) -> Option<Key>`: the message whose (namespace, id)
/// `name_of` names by that text. A table searched in a loop: data rather
/// than a match's code, since the browser's bundle carries it; the codes
/// kept as their hashes, not their text (an unknown code that shares a
/// known one's hash — odds of some 1 in 30 million per code — would read
/// as that one's words).
fn lookup_fn(out: &mut String, keys: &[(String, String)], name: &str, doc: &str, name_of: impl Fn(&str, &str) -> Option<String>) {
    let _ = writeln!(out, "\n/// {doc}\npub fn {name}(upstream: &str) -> Option<crate::Key> {{\n    const TABLE: &[(u32, u16)] = &[");
    let mut seen: BTreeMap<u32, String> = BTreeMap::new();
    for (i, (ns, id)) in keys.iter().enumerate() {
        if let Some(code) = name_of(ns, id) {
            let h = code_hash(&code);
            if let Some(other) = seen.insert(h, code.clone()) {
                panic!("lookup {name}: `{code}` and `{other}` have the same hash; rename one");
            }
            let _ = writeln!(out, "        ({h}, {i}),");
        }
    }
    out.push_str(
        "    ];\n    let h = crate::code_hash(upstream);\n    TABLE.iter().find(|(c, _)| *c == h).map(|(_, k)| crate::Key(*k))\n}\n",
    );
}

/// The same hash as `lang::code_hash`.
fn code_hash(s: &str) -> u32 {
    s.bytes().fold(0x811c_9dc5_u32, |h, b| (h ^ b as u32).wrapping_mul(0x0100_0193))
}

/// `locales/pages.txt`: page → the namespaces it loads (`base` for all).
fn read_pages(path: &Path, ranges: &[(String, usize, usize)], errors: &mut Vec<String>) -> BTreeMap<String, Vec<usize>> {
    println!("cargo::rerun-if-changed={}", path.display());
    let mut pages = BTreeMap::new();
    let Ok(text) = std::fs::read_to_string(path) else {
        errors.push(format!("{} cannot be read", path.display()));
        return pages;
    };
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let Some((page, list)) = line.split_once(':') else {
            errors.push(format!("pages.txt: `{line}` is not `Page: namespace …`"));
            continue;
        };
        let mut found = Vec::new();
        for ns in list.split_whitespace() {
            match ranges.iter().position(|(n, _, _)| *n == ns.replace('-', "_")) {
                Some(i) => found.push(i),
                None => errors.push(format!("pages.txt: {page} loads `{ns}`, which has no messages")),
            }
        }
        pages.insert(page.trim().to_string(), found);
    }
    if !pages.contains_key("base") {
        errors.push("pages.txt: no `base` line".into());
    }
    for (i, (ns, _, _)) in ranges.iter().enumerate() {
        if !pages.values().any(|l| l.contains(&i)) {
            errors.push(format!("pages.txt: no page loads the messages of {ns}.ftl"));
        }
    }
    pages
}

fn pages_rs(ranges: &[(String, usize, usize)], pages: &BTreeMap<String, Vec<usize>>) -> String {
    let mut out = String::from(
        "\n/// Each namespace's name and its run of keys (first, after the last).\npub const NAMESPACES: &[(&str, u16, u16)] = &[\n",
    );
    for (ns, start, end) in ranges {
        let _ = writeln!(out, "    (\"{ns}\", {start}, {end}),");
    }
    out.push_str("];\n\n/// The namespaces every page loads.\npub const BASE: &[usize] = &");
    let _ = writeln!(out, "{:?};", pages.get("base").cloned().unwrap_or_default());
    out.push_str("\n/// The namespaces a page loads beyond the base, by its route's name\n/// (`ParameterGroupRoute`). (A table: data rather than code.)\npub fn page(route: &str) -> &'static [usize] {\n    const PAGES: &[(&str, &[usize])] = &[\n");
    for (page, list) in pages.iter().filter(|(p, _)| *p != "base") {
        let _ = writeln!(out, "        (\"{page}Route\", &{list:?}),");
    }
    out.push_str("    ];\n    PAGES.iter().find(|(p, _)| *p == route).map_or(&[], |(_, l)| l)\n}\n");
    out
}

fn read_lang(dir: &Path, errors: &mut Vec<String>) -> LangFiles {
    let mut files = LangFiles { namespaces: BTreeMap::new(), terms: BTreeMap::new() };
    let Ok(entries) = std::fs::read_dir(dir) else {
        errors.push(format!("no folder {}", dir.display()));
        return files;
    };
    let mut paths: Vec<PathBuf> =
        entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "ftl")).collect();
    paths.sort();
    for path in paths {
        let ns = path.file_stem().unwrap_or_default().to_string_lossy().replace('-', "_");
        let Ok(text) = std::fs::read_to_string(&path) else {
            errors.push(format!("{}: cannot be read as UTF-8 text", path.display()));
            continue;
        };
        let resource = match fluent_syntax::parser::parse(text) {
            Ok(r) => r,
            Err((r, errs)) => {
                for e in errs {
                    errors.push(format!("{}: {:?}", path.display(), e.kind));
                }
                r
            }
        };
        let msgs = files.namespaces.entry(ns.clone()).or_default();
        for entry in resource.body {
            match entry {
                ast::Entry::Message(m) => {
                    if !m.attributes.is_empty() {
                        errors.push(format!("{}: `{}` has attributes; write a message of its own instead", path.display(), m.id.name));
                    }
                    match m.value {
                        Some(pattern) => {
                            msgs.insert(m.id.name, Source { pattern });
                        }
                        None => errors.push(format!("{}: `{}` has no text", path.display(), m.id.name)),
                    }
                }
                ast::Entry::Term(t) => {
                    files.terms.insert(t.id.name, t.value);
                }
                ast::Entry::Junk { content } => errors.push(format!("{}: cannot read `{}`", path.display(), content.trim())),
                _ => {}
            }
        }
    }
    files
}

#[derive(Clone)]
enum Part {
    Text(String),
    Var(String),
    Select { var: String, cases: Vec<(String, Vec<Part>)>, default: usize },
}

struct Compile<'a> {
    lang: &'a str,
    files: &'a LangFiles,
    vars: &'a mut Vec<String>,
    errors: &'a mut Vec<String>,
    at: String,
    depth: u32,
}

impl Compile<'_> {
    fn pattern(&mut self, p: &ast::Pattern<String>) -> Vec<Part> {
        let mut out = Vec::new();
        for el in &p.elements {
            match el {
                ast::PatternElement::TextElement { value } => push_text(&mut out, value),
                ast::PatternElement::Placeable { expression } => self.expression(expression, &mut out),
            }
        }
        out
    }

    fn expression(&mut self, e: &ast::Expression<String>, out: &mut Vec<Part>) {
        match e {
            ast::Expression::Inline(inline) => self.inline(inline, out),
            ast::Expression::Select { selector, variants } => {
                let ast::InlineExpression::VariableReference { id } = selector else {
                    self.errors.push(format!("{}: a selector must be a variable", self.at));
                    return;
                };
                self.var(&id.name);
                let mut cases = Vec::new();
                let mut default = 0;
                for (i, v) in variants.iter().enumerate() {
                    let key = match &v.key {
                        ast::VariantKey::Identifier { name } => {
                            if !matches!(name.as_str(), "zero" | "one" | "two" | "few" | "many" | "other") {
                                self.errors.push(format!("{}: `[{name}]` is not a plural category", self.at));
                            }
                            name.clone()
                        }
                        ast::VariantKey::NumberLiteral { value } => {
                            if value.parse::<i64>().is_err() {
                                self.errors.push(format!("{}: `[{value}]`: a choice by number takes whole numbers", self.at));
                            }
                            format!("={value}")
                        }
                    };
                    if v.default {
                        default = i;
                    }
                    let parts = self.pattern(&v.value);
                    cases.push((key, parts));
                }
                out.push(Part::Select { var: id.name.clone(), cases, default });
            }
        }
    }

    fn inline(&mut self, e: &ast::InlineExpression<String>, out: &mut Vec<Part>) {
        match e {
            ast::InlineExpression::StringLiteral { value } => push_text(out, &unescape(value)),
            ast::InlineExpression::NumberLiteral { value } => push_text(out, value),
            ast::InlineExpression::VariableReference { id } => {
                self.var(&id.name);
                out.push(Part::Var(id.name.clone()));
            }
            ast::InlineExpression::TermReference { id, attribute: None, arguments: None } => {
                let Some(term) = self.files.terms.get(&id.name) else {
                    self.errors.push(format!("{}: no term -{} in {}", self.at, id.name, self.lang));
                    return;
                };
                self.nested(term.clone(), out);
            }
            ast::InlineExpression::MessageReference { id, attribute: None } => {
                let found = self.files.namespaces.values().find_map(|m| m.get(&id.name)).map(|s| s.pattern.clone());
                match found {
                    Some(p) => self.nested(p, out),
                    None => self.errors.push(format!("{}: no message `{}` in {}", self.at, id.name, self.lang)),
                }
            }
            ast::InlineExpression::Placeable { expression } => self.expression(expression, out),
            _ => self.errors.push(format!("{}: functions, term arguments and attributes are not used by pgdeck", self.at)),
        }
    }

    fn nested(&mut self, p: ast::Pattern<String>, out: &mut Vec<Part>) {
        if self.depth > 8 {
            self.errors.push(format!("{}: references go round in a circle", self.at));
            return;
        }
        self.depth += 1;
        for part in self.pattern(&p) {
            match part {
                Part::Text(t) => push_text(out, &t),
                other => out.push(other),
            }
        }
        self.depth -= 1;
    }

    fn var(&mut self, name: &str) {
        if !self.vars.iter().any(|v| v == name) {
            self.vars.push(name.to_string());
        }
    }
}

fn push_text(out: &mut Vec<Part>, text: &str) {
    if let Some(Part::Text(last)) = out.last_mut() {
        last.push_str(text);
    } else if !text.is_empty() {
        out.push(Part::Text(text.to_string()));
    }
}

/// Fluent string literals: `\"`, `\\` and `\uXXXX`.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                out.extend(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32));
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

/// A message as the runtime reads it: a string when it is plain text,
/// else an array of parts (a string, an argument's index, or a choice).
fn encode(parts: &[Part], vars: &[String]) -> Value {
    if let [Part::Text(t)] = parts {
        return Value::String(t.clone());
    }
    if parts.is_empty() {
        return Value::String(String::new());
    }
    Value::Array(parts.iter().map(|p| encode_part(p, vars)).collect())
}

fn encode_part(p: &Part, vars: &[String]) -> Value {
    let index = |v: &String| vars.iter().position(|x| x == v).unwrap_or(0);
    match p {
        Part::Text(t) => Value::String(t.clone()),
        Part::Var(v) => json!(index(v)),
        Part::Select { var, cases, default } => json!({
            "s": index(var),
            "c": cases.iter().map(|(k, parts)| json!([k, parts.iter().map(|p| encode_part(p, vars)).collect::<Vec<_>>()])).collect::<Vec<_>>(),
            "d": default,
        }),
    }
}

fn keys_rs(keys: &[(String, String)], vars: &[Vec<String>], base: &LangFiles, hash_input: &str) -> String {
    let mut out = String::new();
    let mut current = String::new();
    for (i, (ns, id)) in keys.iter().enumerate() {
        if *ns != current {
            if !current.is_empty() {
                out.push_str("}\n\n");
            }
            current = ns.clone();
            let _ = writeln!(out, "/// The messages of `locales/*/{}.ftl`.\n#[allow(missing_docs)]\npub mod {ns} {{\n    #[allow(unused_imports)]\n    use crate::{{Arg, Key, Text}};", ns.replace('_', "-"));
        }
        let english = base.namespaces[ns][id].pattern.elements.iter().map(|e| match e {
            ast::PatternElement::TextElement { value } => value.clone(),
            ast::PatternElement::Placeable { .. } => "{…}".into(),
        });
        let doc: String = english.collect::<String>().replace('\n', " ");
        let ident = id.replace('-', "_");
        if vars[i].is_empty() {
            let _ = writeln!(out, "    /// {}\n    pub const {}: Key = Key({i});", doc.trim(), ident.to_uppercase());
        } else {
            let params: Vec<String> = vars[i].iter().map(|v| format!("{}: impl Into<Arg>", v.replace('-', "_"))).collect();
            let args: Vec<String> = vars[i].iter().map(|v| format!("{}.into()", v.replace('-', "_"))).collect();
            let _ = writeln!(
                out,
                "    /// {}\n    pub fn {ident}({}) -> Text {{\n        Text::new(Key({i}), vec![{}])\n    }}",
                doc.trim(),
                params.join(", "),
                args.join(", ")
            );
        }
    }
    if !current.is_empty() {
        out.push_str("}\n");
    }
    // FNV-1a: a name for this build's tables, so browsers may keep them.
    let mut h: u64 = 0xcbf29ce484222325;
    for b in hash_input.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    let _ = writeln!(out, "\n/// How many messages each language has.\npub const COUNT: usize = {};", keys.len());
    let _ = writeln!(out, "/// Changes whenever any message does: part of the tables' address.\npub const VERSION: &str = \"{h:016x}\";");
    out
}
