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
use leptos_router::{path, LazyRoute};

/// Where every page and instance tab is registered, once: its route, its
/// address, (for a tab) its label in the tab bar, and the function that
/// draws it. From this come the routes, the tab bar and the split of the
/// code: the browser loads a page's code only when it is opened, so the
/// first page stays small however many pages pgdeck grows.
///
/// Each page marks itself in the HTML (`<template data-pgdeck-page>`), and
/// [`preload_open_pages`] loads the code of the pages so marked before the
/// browser hydrates: pgdeck's renderer hydrates synchronously
/// (vendor/README.md), so a page's code must be there before it starts.
macro_rules! split_pages {
    (
        outside { $($(#[$odoc:meta])* $oroute:ident at $opath:tt => $opage:path;)* }
        shell { $($(#[$sdoc:meta])* $sroute:ident at $spath:tt => $spage:path;)* }
        instance $iroute:ident at $ipath:tt => $ipage:path;
        tabs {
            $(#[$fdoc:meta])* $froute:ident at $fslug:literal $flabel:literal => $fpage:path;
            $($(#[$tdoc:meta])* $troute:ident at $tslug:literal $tlabel:literal => $tpage:path;)*
        }
    ) => {
        split_pages!(@lazy $($(#[$odoc])* $oroute => $opage;)* $($(#[$sdoc])* $sroute => $spage;)*
            /** the instance page: its header and tab bar */ $iroute => $ipage;
            $(#[$fdoc])* $froute => $fpage; $($(#[$tdoc])* $troute => $tpage;)*);

        /// The instance page's tabs, in the tab bar's order: (address, label).
        pub const INSTANCE_TABS: &[(&str, &str)] = &[($fslug, $flabel), $(($tslug, $tlabel),)*];

        /// Every route of the application, in one `<Routes>`. An
        /// instance's address alone opens its first tab.
        pub fn app_routes() -> impl IntoView {
            use leptos_router::components::{ParentRoute, Route, Routes};
            use leptos_router::{Lazy, StaticSegment};
            view! {
                <Routes fallback=|| view! { <NotFound/> }>
                    $(<Route path=path!$opath view={Lazy::<$oroute>::new()}/>)*
                    <ParentRoute path=path!("") view=crate::Shell>
                        $(<Route path=path!$spath view={Lazy::<$sroute>::new()}/>)*
                        <ParentRoute path=path!$ipath view={Lazy::<$iroute>::new()}>
                            <Route path=path!("") view={Lazy::<$froute>::new()}/>
                            <Route path=(StaticSegment($fslug),) view={Lazy::<$froute>::new()}/>
                            $(<Route path=(StaticSegment($tslug),) view={Lazy::<$troute>::new()}/>)*
                        </ParentRoute>
                    </ParentRoute>
                </Routes>
            }
        }
    };
    (@lazy $($(#[$doc:meta])* $route:ident => $page:path;)*) => {
        /// Each page's view, split from the rest of the bundle
        /// (`#[lazy]`, named after its route as `#[lazy_route]` would): the
        /// routes below load it together with the page's messages.
        mod code {
            use super::*;
            $(
                paste::paste! {
                    #[allow(non_snake_case)]
                    #[::leptos::lazy]
                    pub fn [<__ $route _View>]() -> AnyView {
                        view! { <template data-pgdeck-page=stringify!($route)></template> {$page()} }.into_any()
                    }
                }
            )*
        }

        $(
            $(#[$doc])*
            pub struct $route;

            impl LazyRoute for $route {
                fn data() -> Self {
                    $route
                }

                async fn view(_this: Self) -> AnyView {
                    // The words first (fetched while the code loads): the
                    // view takes its text from them as it is built.
                    Self::preload().await;
                    paste::paste! { code::[<__ $route _View>]().await }
                }

                #[allow(refining_impl_trait)]
                fn preload() -> crate::i18n::Loading {
                    #[cfg(feature = "hydrate")]
                    let code: crate::i18n::Loading = Box::pin(paste::paste! { code::[<__preload___ $route _View>]() });
                    #[cfg(not(feature = "hydrate"))]
                    let code: crate::i18n::Loading = Box::pin(async {});
                    crate::i18n::load_page(stringify!($route), code)
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
    outside {
        /** `/sign-in`: not needed by a signed-in member's first page */
        SignInRoute at ("/sign-in") => sign_in::SignInPage;
    }
    shell {
        /** `/`: the dashboard */
        DashboardRoute at ("/") => dashboard::DashboardPage;
        /** `/instances`: the instance list */
        InstancesRoute at ("/instances") => instances::InstancesPage;
        /** `/instances/new` */
        CreateRoute at ("/instances/new") => create::CreatePage;
        /** `/instances/:id/restore` */
        RestoreRoute at ("/instances/:id/restore") => backups::RestorePage;
        /** `/backups` */
        BackupsRoute at ("/backups") => backups::BackupsPage;
        /** `/access-control` */
        AccessControlRoute at ("/access-control") => groups::AccessControlPage;
        /** `/access-control/parameter-groups` */
        ParameterGroupsRoute at ("/access-control/parameter-groups") => params::ParameterGroupsPage;
        /** `/access-control/parameter-groups/:id` */
        ParameterGroupRoute at ("/access-control/parameter-groups/:id") => groups::ParameterGroupPage;
        /** `/access-control/security-groups/:id` */
        SecurityGroupRoute at ("/access-control/security-groups/:id") => groups::SecurityGroupPage;
        /** `/alerting` */
        AlertingRoute at ("/alerting") => alerting::AlertingPage;
        /** `/jobs` */
        JobsRoute at ("/jobs") => jobs::JobsPage;
        /** `/events` */
        EventsRoute at ("/events") => events::EventsPage;
        /** `/approvals` */
        ApprovalsRoute at ("/approvals") => approvals::ApprovalsPage;
        /** `/audit` */
        AuditRoute at ("/audit") => audit::AuditPage;
        /** `/settings` */
        SettingsRoute at ("/settings") => settings::MySettings;
        /** `/settings/users` */
        UsersRoute at ("/settings/users") => users::UsersPage;
        /** `/settings/policies` */
        PoliciesRoute at ("/settings/policies") => policies::PoliciesPage;
    }
    instance InstanceRoute at ("/instances/:id") => instance::InstancePage;
    tabs {
        /** the overview tab */
        OverviewTabRoute at "overview" "Overview" => instance::overview_tab;
        /** the settings tab */
        SettingsTabRoute at "settings" "Settings" => instance::settings_tab;
        /** the high-availability tab */
        HaTabRoute at "ha" "High availability" => instance::ha_tab;
        /** the replicas tab */
        ReplicasTabRoute at "replicas" "Replicas" => instance::replicas_tab;
        /** the databases tab */
        DatabasesTabRoute at "databases" "Databases" => instance::databases_tab;
        /** the DB users tab */
        UsersTabRoute at "users" "DB users" => instance::users_tab;
        /** the access rules tab */
        AccessTabRoute at "access" "Access rules" => instance::access_tab;
        /** the extensions tab */
        ExtensionsTabRoute at "extensions" "Extensions" => instance::extensions_tab;
        /** the backups tab */
        BackupsTabRoute at "backups" "Backups" => instance::backups_tab;
        /** the monitoring tab */
        MonitoringTabRoute at "monitoring" "Monitoring" => instance::monitoring_tab;
        /** the events tab */
        EventsTabRoute at "events" "Events" => instance::events_tab;
        /** the activity tab */
        ActivityTabRoute at "activity" "Activity" => instance::activity_tab;
    }
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
    use crate::i18n::{msg::common as m, t};
    view! {
        <main class="content narrow">
            <h1>{t(m::PAGE_NOT_FOUND)}</h1>
            <p>{t(m::PAGE_NOT_FOUND_TEXT)} " " <a href="/">{t(m::BACK_TO_DASHBOARD)}</a></p>
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
