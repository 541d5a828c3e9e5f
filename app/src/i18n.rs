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

/// Fetches the messages the page of `route` (its route's name) shows
/// beyond the base, before its view is drawn: part of loading the page.
/// On the server every message is at hand.
pub async fn need(route: &'static str) {
    #[cfg(feature = "hydrate")]
    client::need(msg::page(route)).await;
    #[cfg(not(feature = "hydrate"))]
    let _ = route;
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
    fn start(list: &[usize]) -> Fetching {
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
        /// Waits for every namespace and installs it.
        pub async fn install(self) -> Result<(), String> {
            use wasm_bindgen::JsCast;
            use wasm_bindgen_futures::JsFuture;
            let mut failed = Vec::new();
            for (ns, url, response) in self.loads {
                let err = |e: wasm_bindgen::JsValue| format!("{url}: {e:?}");
                let got: Result<(), String> = async {
                    let response: web_sys::Response = JsFuture::from(response).await.map_err(err)?.unchecked_into();
                    if !response.ok() {
                        return Err(format!("{url}: HTTP {}", response.status()));
                    }
                    let text = JsFuture::from(response.text().map_err(err)?).await.map_err(err)?;
                    install(ns, &text.as_string().unwrap_or_default())
                }
                .await;
                if let Err(e) = got {
                    failed.push(e);
                }
            }
            if failed.is_empty() {
                Ok(())
            } else {
                Err(failed.join("; "))
            }
        }
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
