//! pgdeck's user interface: the shell, the pages and the server functions.
//!
//! Server functions stay thin: they read the request's context, call
//! `domain`, and map its error to an [`AppError`] the page can show.

#![recursion_limit = "256"]

/// Builds an [`api::Change`]: `change!(Variant { field: value, … })` makes
/// the `Call` variant (type-checked as any struct literal) together with the
/// encoder of that variant alone.
#[macro_export]
macro_rules! change {
    ($variant:ident { $($field:ident $(: $value:expr)?),* $(,)? }) => {
        $crate::api::Change::new($crate::api::Call::$variant { $($field $(: $value)?),* }, |call| match call {
            $crate::api::Call::$variant { $($field),* } => {
                let mut fields = ::serde_json::Map::new();
                $(fields.insert(stringify!($field).to_string(), $crate::api::encode_field($field));)*
                fields
            }
            _ => unreachable!("a change keeps the variant it was built with"),
        })
    };
}

pub mod api;
pub mod components;
pub mod data;
pub mod error;
pub mod i18n;
pub mod pages;
pub mod wire;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Outlet, Redirect, Router, A};
use leptos_router::hooks::use_location;

pub use error::AppError;
use i18n::{msg::common as m, t};

/// The HTML document around the app, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_security_policy();
    // The style sheet lives with the bundle, under an address that changes
    // with every build, so browsers may cache it for good.
    let css = format!("/{}/main.css", options.site_pkg_dir);
    let lang = i18n::lang();
    // The base of the page's messages, fetched while the code is: the
    // browser hydrates once both are there (a page's own messages come with
    // its code).
    let messages: Vec<String> = i18n::msg::BASE.iter().map(|ns| i18n::part_path(lang, *ns)).collect();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="description" content="pgdeck: the control panel for NHN Cloud RDS for PostgreSQL"/>
                <link rel="stylesheet" href=css/>
                <link rel="icon" href="data:,"/>
                {messages.into_iter().map(|href| view! { <link rel="preload" href=href r#as="fetch" crossorigin="anonymous"/> }).collect_view()}
                <HydrationScripts options/>
                // The browser's zone, for the times of the next pages.
                <script nonce=leptos::nonce::use_nonce()>{components::when::SET_COOKIE_SCRIPT}</script>
                <leptos_meta::MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The page's Content-Security-Policy: scripts only from pgdeck itself or
/// carrying this response's nonce (Leptos' hydration and streaming scripts).
#[cfg(feature = "ssr")]
fn set_security_policy() {
    use axum::http::{header, HeaderValue};
    let Some(nonce) = leptos::nonce::use_nonce() else { return };
    let csp = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    );
    if let (Some(res), Ok(value)) = (use_context::<leptos_axum::ResponseOptions>(), HeaderValue::from_str(&csp)) {
        res.insert_header(header::CONTENT_SECURITY_POLICY, value);
    }
}

/// Every section of the navigation: path, label.
pub const SECTIONS: &[(&str, i18n::Key)] = &[
    ("/", m::NAV_DASHBOARD),
    ("/instances", m::NAV_INSTANCES),
    ("/backups", m::NAV_BACKUPS),
    ("/access-control", m::NAV_ACCESS_CONTROL),
    ("/jobs", m::NAV_JOBS),
    ("/events", m::NAV_EVENTS),
    ("/alerting", m::NAV_ALERTING),
    ("/approvals", m::NAV_APPROVALS),
    ("/audit", m::NAV_AUDIT),
    ("/settings", m::NAV_SETTINGS),
];

/// The application: routes.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    components::when::provide_zone();
    view! {
        <Title text="pgdeck"/>
        <Router>
            // Every page and tab is registered once, in `pages` (`split_pages!`).
            {pages::app_routes()}
        </Router>
    }
}

/// The signed-in member, for every page under the shell.
pub type MeResource = data::Data<Result<Option<api::Member>, AppError>>;

/// The layout of signed-in pages: top bar, navigation, content.
#[component]
fn Shell() -> impl IntoView {
    let info = crate::data::load_blocking(|| (), |_| api::app_info());
    let me: MeResource = crate::data::load_blocking(|| (), |_| api::me());
    provide_context(me);
    // The member the page guard resolved, read from the request once.
    #[cfg(feature = "ssr")]
    if let Some(member) = use_context::<axum::http::request::Parts>().and_then(|p| p.extensions.get::<domain::Actor>().map(api::member_of))
    {
        provide_context(pages::KnownMember(member));
    }
    components::live::provide_live_jobs();
    let location = use_location();
    let sign_out = ServerAction::<api::SignOut>::new();
    let live = use_context::<components::live::LiveJobs>();
    let waiting = crate::data::load(move || (location.pathname.get(), live.map(|l| l.tick.get())), |_| api::approvals_waiting());
    view! {
        <div class="layout">
            <header class="topbar">
                <a class="brand" href="/">"pgdeck"</a>
                <Suspense fallback=|| ()>
                    {move || {
                        info.get()
                            .and_then(Result::ok)
                            .map(|i| {
                                view! {
                                    <Show when=move || i.sandbox>
                                        <span class="badge sandbox" title=t(m::SANDBOX_BADGE_TITLE)>
                                            {t(m::SANDBOX_BADGE)}
                                        </span>
                                    </Show>
                                    <span class="version">{format!("v{}", i.version)}</span>
                                }
                            })
                    }}
                </Suspense>
                <span class="spacer"></span>
                <components::language::LanguageSwitch/>
                <Suspense fallback=|| ()>
                    {move || {
                        me.get()
                            .map(|m| match m {
                                Ok(Some(me)) => {
                                    view! {
                                        <span class="who" title=i18n::tf(m::signed_in_as(me.username.clone()))>
                                            {me.display_name.clone()}
                                            " "
                                            <span class="role">{components::language::role_name(me.role)}</span>
                                        </span>
                                        // A plain form, posted by the action once the page is
                                        // live: an `ActionForm` would bring a form-data decoder
                                        // into the first page's download for a call without
                                        // arguments.
                                        <form
                                            method="post"
                                            action={<api::SignOut as server_fn::ServerFn>::PATH}
                                            class="inline"
                                            on:submit=move |ev| {
                                                ev.prevent_default();
                                                sign_out.dispatch(api::SignOut {});
                                            }
                                        >
                                            <button type="submit" class="ghost">{t(m::SIGN_OUT)}</button>
                                        </form>
                                    }
                                        .into_any()
                                }
                                _ => {
                                    let next = location.pathname.get_untracked();
                                    view! { <Redirect path=format!("/sign-in?next={}", urlencode(&next))/> }.into_any()
                                }
                            })
                    }}
                </Suspense>
            </header>
            <nav class="sidebar" aria-label=t(m::NAV_SECTIONS)>
                <ul>
                    {SECTIONS
                        .iter()
                        .map(|(href, label)| {
                            let badge = (*href == "/approvals").then(|| view! {
                                <Transition fallback=|| ()>
                                    {move || waiting.get().and_then(Result::ok).filter(|n| *n > 0).map(|n| view! {
                                        <span class="count-badge" title=t(m::WAITING_VOTES_TITLE)>{n}</span>
                                    })}
                                </Transition>
                            });
                            view! {
                                <li>
                                    <A href=*href>{t(*label)}{badge}</A>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
            <main class="content">
                // Not inside a Suspense: on the server a Suspense walks its
                // children several times before it renders them, and each
                // walk would build the page again and start its loads again.
                // Pages know their member from the start (`pages::me`).
                <Outlet/>
            </main>
            <components::live::Toasts/>
        </div>
    }
}

/// Percent-encodes a query value.
pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/') {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
