//! The language a page is in, and its messages.
//!
//! The server knows the language of every request (the member's setting,
//! else the browser's `Accept-Language`, else the panel's default) and
//! renders in it; the browser fetches that one language's messages before
//! it hydrates, so both sides draw the same words and the other language is
//! never downloaded. The messages come in namespaces (`lang/locales/pages.txt`):
//! every page fetches the base, and each page its own namespaces with its
//! code, so a page downloads the words it shows. Changing language reloads
//! the page.

pub use lang::{msg, Key, Lang, Text};

/// The language of this page.
pub fn lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        use leptos::prelude::use_context;
        use_context::<axum::http::request::Parts>().and_then(|p| p.extensions.get::<Lang>().copied()).unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        client::lang()
    }
}

/// A plain message, in the page's language.
pub fn t(key: Key) -> &'static str {
    #[cfg(feature = "ssr")]
    {
        lang::tables::table(lang()).get(key)
    }
    #[cfg(not(feature = "ssr"))]
    {
        client::table_of(key).map(|t| t.get(key)).unwrap_or("")
    }
}

/// A message with its values, in the page's language.
pub fn tf(text: impl Into<Text>) -> String {
    let text = text.into();
    #[cfg(feature = "ssr")]
    {
        lang::tables::table(lang()).format(&text)
    }
    #[cfg(not(feature = "ssr"))]
    {
        client::table_of(text.key).map(|t| t.format(&text)).unwrap_or_default()
    }
}

/// Where the browser fetches one namespace (an index into
/// `msg::NAMESPACES`) of a language's messages: the address changes with
/// every build that changes a message, so browsers may keep it for good.
pub fn part_path(lang: Lang, ns: usize) -> String {
    format!("/i18n/{}.{}.{}.json", lang.code(), msg::NAMESPACES.get(ns).map_or("", |n| n.0), msg::VERSION)
}

/// Starts fetching the messages the page of `route` (its route's name)
/// shows beyond the base, at once: the page's code loads meanwhile, and
/// [`PageMessages::ready`] waits for them before the view is drawn. On the
/// server every message is at hand.
pub fn page_messages(route: &'static str) -> PageMessages {
    #[cfg(feature = "hydrate")]
    {
        PageMessages(client::start(msg::page(route)))
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = route;
        PageMessages(())
    }
}

/// A page's code and messages on their way ([`load_page`]).
pub type Loading = std::pin::Pin<Box<dyn std::future::Future<Output = ()>>>;

/// Loads a page: its messages (fetched at once) and its code (`code`),
/// done when both are there. One function for every page, so each page
/// adds no code of its own for it.
pub fn load_page(route: &'static str, code: Loading) -> Loading {
    let messages = page_messages(route);
    Box::pin(async move {
        code.await;
        messages.ready().await;
    })
}

/// A page's messages on their way ([`page_messages`]).
pub struct PageMessages(#[cfg(feature = "hydrate")] client::Fetching, #[cfg(not(feature = "hydrate"))] ());

impl PageMessages {
    /// Waits until they are installed.
    pub async fn ready(self) {
        #[cfg(feature = "hydrate")]
        if let Err(e) = self.0.install().await {
            leptos::logging::error!("pgdeck could not load its messages: {e}");
        }
    }
}

/// The namespaces the browser has installed, by index.
#[cfg(not(feature = "ssr"))]
pub mod client {
    use lang::{msg, Key, Lang, Table};
    use std::cell::{Cell, RefCell};

    thread_local! {
        static LANG: Cell<Lang> = const { Cell::new(Lang::En) };
        static TABLES: RefCell<Vec<Option<&'static Table>>> = RefCell::new(vec![None; msg::NAMESPACES.len()]);
    }

    /// The document's language, as the server set it.
    pub fn lang() -> Lang {
        LANG.with(Cell::get)
    }

    /// The installed table that holds `key`, if its namespace is loaded.
    pub fn table_of(key: Key) -> Option<&'static Table> {
        let ns = lang::namespace_of(key);
        TABLES.with(|t| t.borrow().get(ns).copied().flatten())
    }

    #[cfg(feature = "hydrate")]
    fn installed(ns: usize) -> bool {
        TABLES.with(|t| t.borrow().get(ns).is_some_and(Option::is_some))
    }

    /// Installs one namespace of the page's language. Fails when the text
    /// is not this build's messages of that namespace.
    pub fn install(ns: usize, json: &str) -> Result<(), String> {
        let table: &'static Table = Box::leak(Box::new(Table::parse_namespace(lang(), ns, json)?));
        TABLES.with(|t| {
            if let Some(slot) = t.borrow_mut().get_mut(ns) {
                *slot = Some(table);
            }
        });
        Ok(())
    }

    /// Namespaces on their way: each fetch starts at once.
    #[cfg(feature = "hydrate")]
    pub struct Fetching {
        loads: Vec<(usize, String, js_sys::Promise)>,
    }

    #[cfg(feature = "hydrate")]
    pub(super) fn start(list: &[usize]) -> Fetching {
        use leptos::prelude::window;
        let mut loads = Vec::new();
        for &ns in list {
            if !installed(ns) {
                let url = super::part_path(lang(), ns);
                let response = window().fetch_with_str(&url);
                loads.push((ns, url, response));
            }
        }
        Fetching { loads }
    }

    /// Reads the document's language (`<html lang>`, set by the server) and
    /// starts fetching the base messages (before hydrating, while the
    /// page's code loads); [`Fetching::install`] waits for them.
    #[cfg(feature = "hydrate")]
    pub fn fetch() -> Fetching {
        use leptos::prelude::document;
        let l = document().document_element().and_then(|e| e.get_attribute("lang")).and_then(|l| Lang::parse(&l)).unwrap_or_default();
        LANG.with(|c| c.set(l));
        start(msg::BASE)
    }

    /// Fetches and installs the namespaces of `list` not yet installed.
    #[cfg(feature = "hydrate")]
    pub async fn need(list: &[usize]) {
        if let Err(e) = start(list).install().await {
            leptos::logging::error!("pgdeck could not load its messages: {e}");
        }
    }

    #[cfg(feature = "hydrate")]
    impl Fetching {
        /// Waits for every namespace and installs it; says the first that
        /// failed.
        pub async fn install(self) -> Result<(), String> {
            let mut failed = Ok(());
            for (ns, url, response) in self.loads {
                if let Err(e) = load(ns, response).await {
                    if failed.is_ok() {
                        failed = Err(format!("{url}: {e}"));
                    }
                }
            }
            failed
        }
    }

    #[cfg(feature = "hydrate")]
    async fn load(ns: usize, response: js_sys::Promise) -> Result<(), String> {
        use wasm_bindgen::JsCast;
        use wasm_bindgen_futures::JsFuture;
        let err = |e: wasm_bindgen::JsValue| format!("{e:?}");
        let response: web_sys::Response = JsFuture::from(response).await.map_err(err)?.unchecked_into();
        if !response.ok() {
            return Err(format!("HTTP {}", response.status()));
        }
        let text = JsFuture::from(response.text().map_err(err)?).await.map_err(err)?;
        install(ns, &text.as_string().unwrap_or_default())
    }
}

/// Fixed markup with messages in it (`{}` marks each, in order), drawn as
/// one inert element the way the view macro draws fixed markup.
pub fn fixed(html: &'static str, keys: &[Key]) -> leptos::tachys::html::InertElement {
    let mut out = String::with_capacity(html.len() + 24 * keys.len());
    let mut parts = html.split("{}");
    out.push_str(parts.next().unwrap_or(""));
    for (part, key) in parts.zip(keys) {
        for c in t(*key).chars() {
            match c {
                '<' => out.push_str("&lt;"),
                '&' => out.push_str("&amp;"),
                '"' => out.push_str("&quot;"),
                c => out.push(c),
            }
        }
        out.push_str(part);
    }
    leptos::tachys::html::InertElement::new(out)
}

/// A value of the API's enums that pgdeck words in both languages: its
/// messages are `states*.ftl`'s `<Enum>-<value>` (`msg::words`).
pub trait Worded {
    /// The value's messages, in the order of the enum's known values.
    fn keys(&self) -> &'static [Key];
    /// Its place among the known values, and its text on the wire.
    fn at(&self) -> (Option<usize>, &str);
}

macro_rules! worded {
    ($($e:ident),+ $(,)?) => {$(
        impl Worded for rds::$e {
            fn keys(&self) -> &'static [Key] {
                msg::words::$e
            }
            fn at(&self) -> (Option<usize>, &str) {
                (Self::KNOWN.iter().position(|k| k == self), self.as_str())
            }
        }
    )+};
}

impl<T: Worded> Worded for &T {
    fn keys(&self) -> &'static [Key] {
        (**self).keys()
    }
    fn at(&self) -> (Option<usize>, &str) {
        (**self).at()
    }
}

worded!(
    JobStatus,
    ResourceType,
    CreatedStatus,
    ReplicationType,
    DbInstanceType,
    DbInstanceStatus,
    ProgressStatus,
    HaStatus,
    StorageStatus,
    EndPointType,
    WindowDuration,
    BackupType,
    BackupStatus,
    RestoreType,
    ObjectStatus,
    AuthorityType,
    HbaRuleStatus,
    ApplyType,
    AuthMethod,
    ReservedAction,
    SecurityGroupProgress,
    Direction,
    PortType,
    ParameterGroupStatus,
    ValueUnit,
    ValueType,
    UpdateType,
    ParameterApplyType,
    UserGroupTypeCode,
    EventCategoryType,
    RegionCode,
    ExtensionStatus,
    GroupExtensionStatus,
    ExtensionReservedAction,
);

/// A value's words in the page's language (`사용 가능` for `AVAILABLE`); a
/// value pgdeck does not know, or whose words the page has not loaded,
/// reads as upstream sent it. (One function for every enum: `dyn`.)
pub fn words(value: &dyn Worded) -> String {
    let (at, wire) = value.at();
    word_at(value.keys(), at, wire)
}

/// [`words`] of a value that may be missing (empty then).
pub fn words_of<E: Worded>(value: Option<&E>) -> String {
    match value {
        Some(v) => words(v),
        None => String::new(),
    }
}

fn word_at(words: &[Key], at: Option<usize>, wire: &str) -> String {
    at.and_then(|i| words.get(i)).map(|k| t(*k)).filter(|s| !s.is_empty()).unwrap_or(wire).to_string()
}

/// What went wrong, in the page's language: a refused field as forms name
/// it, a refusal with a code in its words, and the framing of each kind of
/// error (both `refusals-more.ftl`, which [`need_messages`]`("ErrorNoteRoute")`
/// brings; English until then); upstream's own message passes through as
/// it came.
pub fn error_words(e: &crate::error::AppError) -> String {
    use crate::error::AppError as E;
    use msg::refusals_more as m;
    let said = match e {
        E::Validation { field, reason, code } => refusal_message(&E::refused(field, reason, code)),
        E::Unauthorized => t(m::ERR_SIGN_IN).to_string(),
        E::Forbidden(said) => tf(m::err_not_allowed(coded_words(said.code()).unwrap_or_else(|| said.text().to_string()))),
        E::Conflict(said) => coded_words(said.code()).unwrap_or_else(|| said.text().to_string()),
        E::NotFound(what) => tf(m::err_not_found(what)),
        E::Upstream { code, message } => tf(m::err_upstream(*code, message)),
        E::Unavailable(why) => tf(m::err_unavailable(why)),
        E::NoCredentials => t(m::ERR_NO_CREDENTIALS).to_string(),
        E::Internal(reference) => tf(m::err_internal(reference)),
        other => other.to_string(),
    };
    if said.trim().is_empty() {
        e.to_string()
    } else {
        said
    }
}

/// Whether [`error_words`] needs the words that load with the first error
/// note (`refusals-more.ftl`) to word `e`: all but a refused field's.
pub fn error_needs_words(e: &crate::error::AppError) -> bool {
    match e {
        crate::error::AppError::Validation { code, .. } => code.first().is_some_and(|c| lacks_words(c)),
        _ => true,
    }
}

/// Whether pgdeck has words for refusal `code` that this page has not
/// loaded yet (the rarer refusals load with the first one shown).
fn lacks_words(code: &str) -> bool {
    msg::refusal(code).is_some_and(|k| t(k).is_empty())
}

/// A refusal's words by its code and values (`["role-cannot", "viewer"]`),
/// when pgdeck knows the code and the page has its words.
fn coded_words(code: &[String]) -> Option<String> {
    let (c, args) = code.split_first()?;
    words_for_code(c, args)
}

/// `refusal-<code>` with its values (in the English message's order, as
/// written: none of these messages chooses a plural).
fn words_for_code(code: &str, args: &[String]) -> Option<String> {
    let key = msg::refusal(code)?;
    // Roles are values on the wire (`viewer`, `approver,admin`): in words.
    let roles = |list: &str| {
        list.split(',')
            .map(|r| {
                r.trim().parse().map_or_else(|_: String| r.trim().to_string(), |r| crate::components::language::role_name(r).to_string())
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let worded: Vec<String> = args
        .iter()
        .enumerate()
        .map(|(i, a)| match (code, i) {
            ("role-cannot" | "vote-role" | "token-scope", 0) | ("vote-needs", 0) => roles(a),
            _ => a.clone(),
        })
        .collect();
    let s = tf(Text::new(key, worded.iter().map(|a| lang::Arg::from(a.as_str())).collect()));
    (!s.is_empty()).then_some(s)
}

/// A refusal's reason in the page's language: worded from its code when it
/// has one, else the English words it came with.
///
/// A refusal whose words have not loaded yet reads in English for the
/// moment they take to arrive: the first such refusal fetches them, and
/// whatever worded one on a page (a field's check, a form's problem) words
/// it again when they are here.
pub fn reason_words(e: &rds::ValidationError) -> String {
    let Some(r) = &e.code else { return e.reason.clone() };
    #[cfg(feature = "hydrate")]
    rewording::track(&r.code);
    words_for_code(&r.code, &r.args).unwrap_or_else(|| e.reason.clone())
}

/// The refusals' words that load on demand, and what was worded before
/// they came.
#[cfg(feature = "hydrate")]
mod rewording {
    use leptos::prelude::{Notify, Track};
    use leptos::reactive::signal::ArcTrigger;
    use std::cell::Cell;

    thread_local! {
        static ARRIVED: ArcTrigger = ArcTrigger::new();
        static ASKED: Cell<bool> = const { Cell::new(false) };
    }

    /// Subscribes the caller to the words' arrival, and asks for them the
    /// first time a refusal lacks its words.
    pub fn track(code: &str) {
        need(super::lacks_words(code));
    }

    /// Subscribes the caller to the words' arrival; asks for them when
    /// `lacking` and nobody has yet.
    pub fn need(lacking: bool) {
        ARRIVED.with(|t| t.track());
        if lacking && !ASKED.with(|a| a.replace(true)) {
            leptos::task::spawn_local(async {
                super::need_messages("ErrorNoteRoute").await;
                ARRIVED.with(|t| t.notify());
            });
        }
    }
}

/// The words that tell apart instances sharing a name, in the page's
/// language (`model::naming`).
pub fn naming_words() -> model::naming::Words {
    use msg::common as c;
    model::naming::Words {
        master: t(c::NAMING_MASTER).into(),
        candidate: t(c::NAMING_CANDIDATE).into(),
        replica: t(c::NAMING_REPLICA).into(),
        failed_over: t(c::NAMING_FAILED_OVER).into(),
        pair: Box::new(|name| tf(c::naming_pair(name))),
    }
}

/// A kind of resource as a heading ("DB user", "Instance"), in the page's
/// language (the `kinds` messages); a kind this version does not name, as
/// written.
pub fn kind_words(kind: &str) -> String {
    use msg::kinds as k;
    let key = match kind {
        "instance" => k::KIND_INSTANCE,
        "instance group" => k::KIND_INSTANCE_GROUP,
        "DB user" => k::KIND_DB_USER,
        "access rule" => k::KIND_ACCESS_RULE,
        "backup" => k::KIND_BACKUP,
        "database" => k::KIND_DATABASE,
        "extension" => k::KIND_EXTENSION,
        "notification group" => k::KIND_NOTIFICATION_GROUP,
        "parameter group" => k::KIND_PARAMETER_GROUP,
        "schema" => k::KIND_SCHEMA,
        "user group" => k::KIND_USER_GROUP,
        "watchdog" => k::KIND_WATCHDOG,
        "DB security group" => k::KIND_SECURITY_GROUP,
        other => {
            let mut c = other.chars();
            return c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default();
        }
    };
    t(key).to_string()
}

/// What the state an approver judges is, in the page's language (the
/// `outcomes` messages): "The parameters it resets"; words pgdeck does not
/// write, as written.
pub fn state_label_words(label: &str) -> String {
    use model::StateOf as S;
    use msg::outcomes as o;
    let key = match S::of_label(label) {
        Some(S::AccessRuleChanges) => o::BASIS_ACCESS_RULE_CHANGES,
        Some(S::ParametersReset) => o::BASIS_PARAMETERS_RESET,
        Some(S::ValuesReplaced) => o::BASIS_VALUES_REPLACED,
        Some(S::GroupParameters(group)) => return tf(o::basis_group_parameters(group)),
        Some(S::ExtensionChanges) => o::BASIS_EXTENSION_CHANGES,
        Some(S::GroupRules) => o::BASIS_GROUP_RULES,
        None => return label.to_string(),
    };
    t(key).to_string()
}

/// The lines of a basis's state in the page's language, where pgdeck kept
/// their codes; as recorded otherwise (and on English pages, whose words
/// the record's are).
pub fn basis_lines(b: &model::Basis) -> Vec<String> {
    let worded = lang() != Lang::En && b.said.len() == b.state.len();
    b.state.iter().enumerate().map(|(i, l)| worded.then(|| line_words(&b.said[i])).flatten().unwrap_or_else(|| l.clone())).collect()
}

/// One line of a basis's state from its code and values.
fn line_words(said: &[String]) -> Option<String> {
    use msg::outcomes as o;
    let (code, a) = said.split_first()?;
    let arg = |i: usize| a.get(i).cloned().unwrap_or_default();
    let direction = || words(&rds::Direction::parse(&arg(0)));
    let text = match code.as_str() {
        "line-reset" => o::line_reset(arg(0), arg(1), arg(2)),
        "line-value" => o::line_value(arg(0), arg(1)),
        "line-no-such" => o::line_no_such(arg(0)),
        "line-extension" => o::line_extension(words(&rds::ExtensionReservedAction::parse(&arg(0))), arg(1), arg(2)),
        "line-rule-ports" => o::line_rule_ports(direction(), arg(1), arg(2), arg(3), arg(4)),
        "line-rule-port" => o::line_rule_port(direction(), arg(1), arg(2), arg(3)),
        "line-rule-type" => o::line_rule_type(direction(), arg(1), words(&rds::PortType::parse(&arg(2))), arg(3)),
        _ => return None,
    };
    Some(tf(text)).filter(|s| !s.is_empty())
}

/// What became of a request, in the page's language, from the codes pgdeck
/// recorded (`said`): "실행함", or why it was not run. English pages, and
/// results recorded without codes (upstream's own words), read as
/// `recorded`. `changes_only`: just what changed since it was filed.
pub fn outcome_words(said: &[Vec<String>], recorded: &str, changes_only: bool) -> String {
    use msg::outcomes as o;
    if lang() == Lang::En || said.is_empty() {
        return recorded.to_string();
    }
    let (mut parts, mut changes, mut stale) = (Vec::new(), Vec::new(), false);
    for line in said {
        let Some((code, a)) = line.split_first() else { continue };
        let arg = |i: usize| a.get(i).cloned().unwrap_or_default();
        let state_line = || if a.len() > 2 { line_words(&a[2..]) } else { None }.unwrap_or_else(|| arg(1));
        let worded = match code.as_str() {
            "result-ran" => t(o::RESULT_RAN).to_string(),
            "result-unknown" => t(o::RESULT_UNKNOWN).to_string(),
            "result-stale" => {
                stale = true;
                continue;
            }
            "change-gone" => tf(o::change_gone(kind_words(&arg(0)), arg(1), arg(2))),
            "change-renamed" => tf(o::change_renamed(kind_words(&arg(0)), arg(1), arg(2), arg(3))),
            "change-elsewhere" => tf(o::change_elsewhere(kind_words(&arg(0)), arg(1), arg(2))),
            "change-added" => tf(o::change_added(state_label_words(&arg(0)), state_line())),
            "change-removed" => tf(o::change_removed(state_label_words(&arg(0)), state_line())),
            "refused-field" => {
                let code = Some(rds::Refusal { code: arg(1), args: a.iter().skip(2).cloned().collect() });
                let e = rds::ValidationError { field: arg(0), reason: String::new(), code };
                let reason = reason_words(&e);
                if reason.is_empty() {
                    return recorded.to_string();
                }
                model::fields::message(&field_label(&e.field), &reason)
            }
            _ => {
                #[cfg(feature = "hydrate")]
                rewording::track(code);
                match coded_words(line) {
                    Some(w) => w,
                    None => return recorded.to_string(),
                }
            }
        };
        if worded.is_empty() {
            return recorded.to_string();
        }
        if code.starts_with("change-") {
            changes.push(worded);
        } else {
            parts.push(worded);
        }
    }
    if changes_only {
        return changes.join("; ");
    }
    if stale {
        parts.insert(0, format!("{} {}. {}", t(o::RESULT_STALE), changes.join("; "), t(o::RESULT_STALE_AGAIN)));
    }
    parts.join(" ")
}

/// A wire field as refusals name it, in the page's language
/// (`storage.storageSize` → "Storage size (GB)").
pub fn field_label(wire: &str) -> String {
    use msg::fields as m;
    let key = match wire.rsplit('.').next().unwrap_or(wire) {
        "dbPort" | "port" => m::FIELD_PORT,
        "dbInstanceName" => m::FIELD_INSTANCE_NAME,
        "dbFlavorId" => m::FIELD_SPECIFICATION,
        "dbVersion" => m::FIELD_VERSION,
        "databaseName" => m::FIELD_DATABASE_NAME,
        "dbUserName" => m::FIELD_DB_USER_NAME,
        "dbPassword" | "password" => m::FIELD_PASSWORD,
        "parameterGroupId" => m::FIELD_PARAMETER_GROUP,
        "parameterGroupName" => m::FIELD_PARAMETER_GROUP_NAME,
        "dbSecurityGroupIds" => m::FIELD_SECURITY_GROUPS,
        "dbSecurityGroupName" => m::FIELD_SECURITY_GROUP_NAME,
        "userGroupIds" => m::FIELD_USER_GROUPS,
        "subnetId" => m::FIELD_SUBNET,
        "availabilityZone" => m::FIELD_AVAILABILITY_ZONE,
        "storageType" => m::FIELD_STORAGE_TYPE,
        "storageSize" => m::FIELD_STORAGE_SIZE,
        "backupPeriod" => m::FIELD_BACKUP_PERIOD,
        "backupRetryCount" => m::FIELD_BACKUP_RETRIES,
        "backupWndBgnTime" => m::FIELD_BACKUP_WINDOW_START,
        "backupWndDuration" => m::FIELD_BACKUP_WINDOW_LENGTH,
        "pingInterval" => m::FIELD_PING_INTERVAL,
        "failoverReplWaitingTime" => m::FIELD_FAILOVER_WAIT,
        "restoreYmdt" => m::FIELD_RESTORE_POINT,
        "cidr" => m::FIELD_CIDR,
        "address" => m::FIELD_ADDRESS,
        "minPort" => m::FIELD_FROM_PORT,
        "maxPort" => m::FIELD_TO_PORT,
        "metricName" => m::FIELD_METRIC,
        "threshold" => m::FIELD_THRESHOLD,
        "duration" => m::FIELD_DURATION,
        "tenantId" => m::FIELD_TENANT_ID,
        "username" => m::FIELD_USERNAME,
        "url" => m::FIELD_URL,
        // A field without words of its own: English names it by its
        // label, other languages by its name on the wire (an identifier).
        other => {
            return match lang() {
                Lang::En => model::fields::label(wire),
                // Named with the rarer refusals' words (loaded with the
                // first one shown); its name on the wire until then, or
                // when pgdeck has no words for it (a parameter's name).
                _ => match msg::field_name(other) {
                    Some(key) => {
                        #[cfg(feature = "hydrate")]
                        rewording::need(t(key).is_empty());
                        Some(t(key)).filter(|s| !s.is_empty()).unwrap_or(other).to_string()
                    }
                    None => other.to_string(),
                },
            };
        }
    };
    t(key).to_string()
}

/// A refusal as every form words it, in the page's language: "Port: is
/// empty"; a refusal of no field (a pasted line as a whole) by its reason.
pub fn refusal_message(e: &rds::ValidationError) -> String {
    if e.field.is_empty() {
        return reason_words(e);
    }
    model::fields::message(&field_label(&e.field), &reason_words(e))
}

/// What an action (`stop_db_instance`) does, in the page's language: its
/// verb and its effect, as the confirmation says them. The words come with
/// the confirmation (the `verbs` and `actions` messages, [`need_messages`]); until
/// then, and for an action pgdeck does not know, the English ones.
pub fn action_words(name: &str, english: (&'static str, &'static str)) -> (String, String) {
    let or = |key: Option<Key>, english: &str| key.map(t).filter(|s| !s.is_empty()).unwrap_or(english).to_string();
    (or(msg::verb(name), english.0), or(msg::effect(name), english.1))
}

/// An action as lists name it: in English as recorded ("stop db
/// instance"), in another language by its verb ([`action_verb`]).
pub fn action_name(name: &str) -> String {
    match lang() {
        Lang::En => name.replace('_', " "),
        _ => action_verb(name),
    }
}

/// An action's name in the page's language (the `verbs` messages): "Stop
/// instance" for `stop_db_instance`; as recorded ("stop db instance") for an
/// action pgdeck does not know or a page without the words.
pub fn action_verb(name: &str) -> String {
    let verb = action_words(name, ("", "")).0;
    if verb.is_empty() {
        name.replace('_', " ")
    } else {
        verb
    }
}

/// Fetches the messages a part that loads on demand shows (its line in
/// `lang/locales/pages.txt`, such as `ConfirmDialog`), those the page has
/// not yet.
pub fn need_messages(part: &'static str) -> impl std::future::Future<Output = ()> + Send {
    #[cfg(feature = "hydrate")]
    {
        let list = msg::page(part);
        send_wrapper::SendWrapper::new(async move {
            client::need(list).await;
        })
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = part;
        async {}
    }
}

/// What a call does, in the page's language: its action's verb and effect,
/// or the variant the call's values make (a port change restarts, public
/// access on or off, …) as `model::actions::describe` tells them apart.
pub fn call_words(call: &rds::Call) -> (String, String) {
    use msg::actions as m;
    let action = model::actions::of(call);
    let english = model::actions::describe(call);
    if english == (action.verb, action.consequence) {
        return action_words(action.name, english);
    }
    let keys = match english.0 {
        "Apply" => Some((msg::verbs::ACT_MODIFY_DB_INSTANCE, m::ACT_APPLY_RESTARTS)),
        "Enable public access" => Some((m::ACT_ENABLE_PUBLIC, m::ACT_ENABLE_PUBLIC_WHAT)),
        "Disable public access" => Some((m::ACT_DISABLE_PUBLIC, m::ACT_DISABLE_PUBLIC_WHAT)),
        "Protect" => Some((m::ACT_PROTECT, m::ACT_PROTECT_WHAT)),
        "Unprotect" => Some((m::ACT_UNPROTECT, m::ACT_UNPROTECT_WHAT)),
        "Turn HA off" => Some((m::ACT_HA_OFF, m::ACT_HA_OFF_WHAT)),
        _ => None,
    };
    match keys.map(|(v, w)| (t(v), t(w))) {
        Some((v, w)) if !v.is_empty() => (v.to_string(), w.to_string()),
        _ => (english.0.to_string(), english.1.to_string()),
    }
}
