//! One module per section.

pub mod alerting;
pub mod approvals;
pub mod audit;
pub mod backups;
pub mod create;
pub mod dashboard;
pub mod events;
pub mod groups;
pub mod instance;
pub mod instances;
pub mod jobs;
pub mod params;
pub mod policies;
pub mod settings;
pub mod sign_in;
pub mod users;

use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

/// Declares the pages whose code the browser loads only when they are
/// opened: the first page stays small however many pages pgdeck grows.
///
/// Each page marks itself in the HTML (`<template data-pgdeck-page>`), and
/// [`preload_open_pages`] loads the code of the pages so marked before the
/// browser hydrates: pgdeck's renderer hydrates synchronously
/// (vendor/README.md), so a page's code must be there before it starts.
macro_rules! split_pages {
    ($($(#[$doc:meta])* $route:ident => $page:path;)*) => {
        $(
            $(#[$doc])*
            pub struct $route;

            #[lazy_route]
            impl LazyRoute for $route {
                fn data() -> Self {
                    $route
                }

                fn view(_this: Self) -> AnyView {
                    view! { <template data-pgdeck-page=stringify!($route)></template> {$page()} }.into_any()
                }
            }
        )*

        /// Loads, all at once, the code of the pages the server rendered into
        /// this document: one batch of chunk requests, served from the
        /// pages' pack (scripts/pack-pages.js).
        #[cfg(feature = "hydrate")]
        pub async fn preload_open_pages() {
            use std::future::Future;
            use std::pin::Pin;
            let Ok(marks) = document().query_selector_all("template[data-pgdeck-page]") else { return };
            let mut loads: Vec<Pin<Box<dyn Future<Output = ()>>>> = Vec::new();
            for i in 0..marks.length() {
                let name = marks
                    .item(i)
                    .and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
                    .and_then(|e| e.get_attribute("data-pgdeck-page"))
                    .unwrap_or_default();
                match name.as_str() {
                    $(stringify!($route) => loads.push(Box::pin(<$route as LazyRoute>::preload())),)*
                    _ => {}
                }
            }
            futures_util::future::join_all(loads).await;
        }
    };
}

split_pages! {
    /** `/instances`: the instance list */
    InstancesRoute => instances::InstancesPage;
    /** `/instances/:id`: the header and tab bar */
    InstanceRoute => instance::InstancePage;
    /** the overview tab */
    OverviewTabRoute => instance::overview_tab;
    /** the settings tab */
    SettingsTabRoute => instance::settings_tab;
    /** the high-availability tab */
    HaTabRoute => instance::ha_tab;
    /** the replicas tab */
    ReplicasTabRoute => instance::replicas_tab;
    /** the databases tab */
    DatabasesTabRoute => instance::databases_tab;
    /** the DB users tab */
    UsersTabRoute => instance::users_tab;
    /** the access rules tab */
    AccessTabRoute => instance::access_tab;
    /** the extensions tab */
    ExtensionsTabRoute => instance::extensions_tab;
    /** the monitoring tab */
    MonitoringTabRoute => instance::monitoring_tab;
    /** the events tab */
    EventsTabRoute => instance::events_tab;
    /** the activity tab */
    ActivityTabRoute => instance::activity_tab;
    /** the backups tab */
    BackupsTabRoute => instance::backups_tab;
    /** `/instances/new` */
    CreateRoute => create::CreatePage;
    /** `/backups` */
    BackupsRoute => backups::BackupsPage;
    /** `/instances/:id/restore` */
    RestoreRoute => backups::RestorePage;
    /** `/access-control` */
    AccessControlRoute => groups::AccessControlPage;
    /** `/access-control/parameter-groups` */
    ParameterGroupsRoute => params::ParameterGroupsPage;
    /** `/access-control/parameter-groups/:id` */
    ParameterGroupRoute => groups::ParameterGroupPage;
    /** `/access-control/security-groups/:id` */
    SecurityGroupRoute => groups::SecurityGroupPage;
    /** `/`: the dashboard */
    DashboardRoute => dashboard::DashboardPage;
    /** `/alerting` */
    AlertingRoute => alerting::AlertingPage;
    /** `/jobs` */
    JobsRoute => jobs::JobsPage;
    /** `/events` */
    EventsRoute => events::EventsPage;
    /** `/approvals` */
    ApprovalsRoute => approvals::ApprovalsPage;
    /** `/audit` */
    AuditRoute => audit::AuditPage;
    /** `/settings` */
    SettingsRoute => settings::MySettings;
    /** `/settings/users` */
    UsersRoute => users::UsersPage;
    /** `/settings/policies` */
    PoliciesRoute => policies::PoliciesPage;
    /** `/sign-in`: not needed by a signed-in member's first page */
    SignInRoute => sign_in::SignInPage;
}

/// Shown for any unknown path.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
            resp.set_status(axum::http::StatusCode::NOT_FOUND);
        }
    }
    view! {
        <main class="content narrow">
            <h1>"Page not found"</h1>
            <p>"Nothing lives at this address. " <a href="/">"Back to the dashboard"</a></p>
        </main>
    }
}

/// The member the page guard resolved, provided once per page on the
/// server (see the shell).
#[derive(Clone)]
pub struct KnownMember(pub crate::api::Member);

/// The signed-in member's permissions. On the server they are known from
/// the start (the page guard resolved the session); in the browser the
/// page's data carries them, so both sides build the same controls.
pub fn me() -> Option<crate::api::Member> {
    if let Some(KnownMember(member)) = use_context::<KnownMember>() {
        return Some(member);
    }
    use_context::<crate::MeResource>().and_then(|r| r.get()).and_then(Result::ok).flatten()
}
