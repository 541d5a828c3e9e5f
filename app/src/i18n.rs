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

/// A refusal's reason in the page's language: worded from its code when it
/// has one, else the English words it came with.
pub fn reason_words(e: &rds::ValidationError) -> String {
    let Some(r) = &e.code else { return e.reason.clone() };
    let a = |i: usize| r.args.get(i).cloned().unwrap_or_default();
    use msg::refusals as m;
    let text: Text = match r.code.as_str() {
        "required" => m::REFUSAL_REQUIRED.into(),
        "range" => m::refusal_range(a(0), a(1), a(2)),
        "path-id" => m::REFUSAL_PATH_ID.into(),
        "start-letter" => m::REFUSAL_START_LETTER.into(),
        "name-chars-dots" => m::REFUSAL_NAME_CHARS_DOTS.into(),
        "name-chars" => m::REFUSAL_NAME_CHARS.into(),
        "length-exact" => m::refusal_length_exact(a(0), a(1)),
        "length" => m::refusal_length(a(0), a(1), a(2)),
        "one-of" => m::refusal_one_of(a(0), a(1)),
        "shrink" => m::refusal_shrink(a(0), a(1)),
        "time-of-day" => m::refusal_time_of_day(a(0)),
        "cidr" => m::refusal_cidr(a(0)),
        "empty" => m::REFUSAL_EMPTY.into(),
        "not-whole" => m::refusal_not_whole(a(0)),
        "sign-in" => m::REFUSAL_SIGN_IN.into(),
        "disable-yourself" => m::REFUSAL_DISABLE_YOURSELF.into(),
        _ => return e.reason.clone(),
    };
    tf(text)
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
        _ => return model::fields::label(wire),
    };
    t(key).to_string()
}

/// A refusal as every form words it, in the page's language: "Port: is empty".
pub fn refusal_message(e: &rds::ValidationError) -> String {
    model::fields::message(&field_label(&e.field), &reason_words(e))
}

/// What an action (`stop_db_instance`) does, in the page's language: its
/// verb and its effect, as the confirmation says them. The words come with
/// the confirmation (the `actions` messages, [`need_namespace`]); until
/// then, and for an action pgdeck does not know, the English ones.
pub fn action_words(name: &str, english: (&'static str, &'static str)) -> (String, String) {
    let found = ACTIONS.iter().find(|(n, _, _)| *n == name).map(|(_, v, w)| (t(*v), t(*w)));
    match found {
        Some((v, w)) if !v.is_empty() => (v.to_string(), w.to_string()),
        _ => (english.0.to_string(), english.1.to_string()),
    }
}

/// Each action's verb and effect (a table rather than a match: the toasts
/// bring this into the code every page loads, and a table is data).
const ACTIONS: &[(&str, Key, Key)] = {
    use msg::actions as m;
    &[
        ("create_db_instance", m::ACT_CREATE_DB_INSTANCE, m::ACT_CREATE_DB_INSTANCE_WHAT),
        ("modify_db_instance", m::ACT_MODIFY_DB_INSTANCE, m::ACT_MODIFY_DB_INSTANCE_WHAT),
        ("modify_high_availability", m::ACT_MODIFY_HIGH_AVAILABILITY, m::ACT_MODIFY_HIGH_AVAILABILITY_WHAT),
        ("resume_high_availability", m::ACT_RESUME_HIGH_AVAILABILITY, m::ACT_RESUME_HIGH_AVAILABILITY_WHAT),
        ("pause_high_availability", m::ACT_PAUSE_HIGH_AVAILABILITY, m::ACT_PAUSE_HIGH_AVAILABILITY_WHAT),
        ("repair_high_availability", m::ACT_REPAIR_HIGH_AVAILABILITY, m::ACT_REPAIR_HIGH_AVAILABILITY_WHAT),
        ("split_high_availability", m::ACT_SPLIT_HIGH_AVAILABILITY, m::ACT_SPLIT_HIGH_AVAILABILITY_WHAT),
        ("modify_storage_info", m::ACT_MODIFY_STORAGE_INFO, m::ACT_MODIFY_STORAGE_INFO_WHAT),
        ("modify_network_info", m::ACT_MODIFY_NETWORK_INFO, m::ACT_MODIFY_NETWORK_INFO_WHAT),
        ("modify_backup_info", m::ACT_MODIFY_BACKUP_INFO, m::ACT_MODIFY_BACKUP_INFO_WHAT),
        ("restore_db_instance", m::ACT_RESTORE_DB_INSTANCE, m::ACT_RESTORE_DB_INSTANCE_WHAT),
        ("modify_deletion_protection", m::ACT_MODIFY_DELETION_PROTECTION, m::ACT_MODIFY_DELETION_PROTECTION_WHAT),
        ("modify_maintenance_info", m::ACT_MODIFY_MAINTENANCE_INFO, m::ACT_MODIFY_MAINTENANCE_INFO_WHAT),
        ("delete_db_instance", m::ACT_DELETE_DB_INSTANCE, m::ACT_DELETE_DB_INSTANCE_WHAT),
        ("restart_db_instance", m::ACT_RESTART_DB_INSTANCE, m::ACT_RESTART_DB_INSTANCE_WHAT),
        ("force_restart_db_instance", m::ACT_FORCE_RESTART_DB_INSTANCE, m::ACT_FORCE_RESTART_DB_INSTANCE_WHAT),
        ("start_db_instance", m::ACT_START_DB_INSTANCE, m::ACT_START_DB_INSTANCE_WHAT),
        ("stop_db_instance", m::ACT_STOP_DB_INSTANCE, m::ACT_STOP_DB_INSTANCE_WHAT),
        ("backup_db_instance", m::ACT_BACKUP_DB_INSTANCE, m::ACT_BACKUP_DB_INSTANCE_WHAT),
        ("backup_to_object_storage", m::ACT_BACKUP_TO_OBJECT_STORAGE, m::ACT_BACKUP_TO_OBJECT_STORAGE_WHAT),
        ("apply_recent_parameter_group", m::ACT_APPLY_RECENT_PARAMETER_GROUP, m::ACT_APPLY_RECENT_PARAMETER_GROUP_WHAT),
        ("replicate_db_instance", m::ACT_REPLICATE_DB_INSTANCE, m::ACT_REPLICATE_DB_INSTANCE_WHAT),
        ("promote_db_instance", m::ACT_PROMOTE_DB_INSTANCE, m::ACT_PROMOTE_DB_INSTANCE_WHAT),
        ("create_database", m::ACT_CREATE_DATABASE, m::ACT_CREATE_DATABASE_WHAT),
        ("modify_database", m::ACT_MODIFY_DATABASE, m::ACT_MODIFY_DATABASE_WHAT),
        ("delete_database", m::ACT_DELETE_DATABASE, m::ACT_DELETE_DATABASE_WHAT),
        ("create_db_user", m::ACT_CREATE_DB_USER, m::ACT_CREATE_DB_USER_WHAT),
        ("modify_db_user", m::ACT_MODIFY_DB_USER, m::ACT_MODIFY_DB_USER_WHAT),
        ("delete_db_user", m::ACT_DELETE_DB_USER, m::ACT_DELETE_DB_USER_WHAT),
        ("create_hba_rule", m::ACT_CREATE_HBA_RULE, m::ACT_CREATE_HBA_RULE_WHAT),
        ("modify_hba_rule", m::ACT_MODIFY_HBA_RULE, m::ACT_MODIFY_HBA_RULE_WHAT),
        ("delete_hba_rule", m::ACT_DELETE_HBA_RULE, m::ACT_DELETE_HBA_RULE_WHAT),
        ("reorder_hba_rules", m::ACT_REORDER_HBA_RULES, m::ACT_REORDER_HBA_RULES_WHAT),
        ("apply_hba_rules", m::ACT_APPLY_HBA_RULES, m::ACT_APPLY_HBA_RULES_WHAT),
        ("export_backup", m::ACT_EXPORT_BACKUP, m::ACT_EXPORT_BACKUP_WHAT),
        ("restore_backup", m::ACT_RESTORE_BACKUP, m::ACT_RESTORE_BACKUP_WHAT),
        ("delete_backup", m::ACT_DELETE_BACKUP, m::ACT_DELETE_BACKUP_WHAT),
        ("create_db_security_group", m::ACT_CREATE_DB_SECURITY_GROUP, m::ACT_CREATE_DB_SECURITY_GROUP_WHAT),
        ("modify_db_security_group", m::ACT_MODIFY_DB_SECURITY_GROUP, m::ACT_MODIFY_DB_SECURITY_GROUP_WHAT),
        ("delete_db_security_group", m::ACT_DELETE_DB_SECURITY_GROUP, m::ACT_DELETE_DB_SECURITY_GROUP_WHAT),
        ("create_security_rule", m::ACT_CREATE_SECURITY_RULE, m::ACT_CREATE_SECURITY_RULE_WHAT),
        ("modify_security_rule", m::ACT_MODIFY_SECURITY_RULE, m::ACT_MODIFY_SECURITY_RULE_WHAT),
        ("delete_security_rules", m::ACT_DELETE_SECURITY_RULES, m::ACT_DELETE_SECURITY_RULES_WHAT),
        ("create_parameter_group", m::ACT_CREATE_PARAMETER_GROUP, m::ACT_CREATE_PARAMETER_GROUP_WHAT),
        ("copy_parameter_group", m::ACT_COPY_PARAMETER_GROUP, m::ACT_COPY_PARAMETER_GROUP_WHAT),
        ("modify_parameter_group", m::ACT_MODIFY_PARAMETER_GROUP, m::ACT_MODIFY_PARAMETER_GROUP_WHAT),
        ("modify_parameters", m::ACT_MODIFY_PARAMETERS, m::ACT_MODIFY_PARAMETERS_WHAT),
        ("reset_parameter_group", m::ACT_RESET_PARAMETER_GROUP, m::ACT_RESET_PARAMETER_GROUP_WHAT),
        ("delete_parameter_group", m::ACT_DELETE_PARAMETER_GROUP, m::ACT_DELETE_PARAMETER_GROUP_WHAT),
        ("create_user_group", m::ACT_CREATE_USER_GROUP, m::ACT_CREATE_USER_GROUP_WHAT),
        ("modify_user_group", m::ACT_MODIFY_USER_GROUP, m::ACT_MODIFY_USER_GROUP_WHAT),
        ("delete_user_group", m::ACT_DELETE_USER_GROUP, m::ACT_DELETE_USER_GROUP_WHAT),
        ("create_notification_group", m::ACT_CREATE_NOTIFICATION_GROUP, m::ACT_CREATE_NOTIFICATION_GROUP_WHAT),
        ("modify_notification_group", m::ACT_MODIFY_NOTIFICATION_GROUP, m::ACT_MODIFY_NOTIFICATION_GROUP_WHAT),
        ("delete_notification_group", m::ACT_DELETE_NOTIFICATION_GROUP, m::ACT_DELETE_NOTIFICATION_GROUP_WHAT),
        ("create_watchdog", m::ACT_CREATE_WATCHDOG, m::ACT_CREATE_WATCHDOG_WHAT),
        ("modify_watchdog", m::ACT_MODIFY_WATCHDOG, m::ACT_MODIFY_WATCHDOG_WHAT),
        ("delete_watchdog", m::ACT_DELETE_WATCHDOG, m::ACT_DELETE_WATCHDOG_WHAT),
        ("install_extension", m::ACT_INSTALL_EXTENSION, m::ACT_INSTALL_EXTENSION_WHAT),
        ("delete_extension", m::ACT_DELETE_EXTENSION, m::ACT_DELETE_EXTENSION_WHAT),
        ("apply_extensions", m::ACT_APPLY_EXTENSIONS, m::ACT_APPLY_EXTENSIONS_WHAT),
        ("sync_extensions", m::ACT_SYNC_EXTENSIONS, m::ACT_SYNC_EXTENSIONS_WHAT),
    ]
};

/// Fetches one namespace of messages (by its name) if the page has not
/// yet: for parts that load on demand, such as the confirmation.
pub fn need_namespace(name: &'static str) -> impl std::future::Future<Output = ()> + Send {
    #[cfg(feature = "hydrate")]
    {
        let ns = msg::NAMESPACES.iter().position(|(n, _, _)| *n == name);
        send_wrapper::SendWrapper::new(async move {
            if let Some(ns) = ns {
                client::need(&[ns]).await;
            }
        })
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = name;
        std::future::ready(())
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
        "Apply" => Some((m::ACT_MODIFY_DB_INSTANCE, m::ACT_APPLY_RESTARTS)),
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
