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

/// Declares a page whose code the browser loads only when the page is
/// opened: the first page stays small however many pages pgdeck grows.
macro_rules! split_page {
    ($(#[$doc:meta])* $route:ident => $page:path) => {
        $(#[$doc])*
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> AnyView {
                $page().into_any()
            }
        }
    };
}

split_page!(/** `/instances`: the instance list */ InstancesRoute => instances::InstancesPage);
split_page!(/** `/instances/:id`: the header and tab bar */ InstanceRoute => instance::InstancePage);
split_page!(/** the overview tab */ OverviewTabRoute => instance::overview_tab);
split_page!(/** the settings tab */ SettingsTabRoute => instance::settings_tab);
split_page!(/** the high-availability tab */ HaTabRoute => instance::ha_tab);
split_page!(/** the replicas tab */ ReplicasTabRoute => instance::replicas_tab);
split_page!(/** the databases tab */ DatabasesTabRoute => instance::databases_tab);
split_page!(/** the DB users tab */ UsersTabRoute => instance::users_tab);
split_page!(/** the access rules tab */ AccessTabRoute => instance::access_tab);
split_page!(/** the extensions tab */ ExtensionsTabRoute => instance::extensions_tab);
split_page!(/** the monitoring tab */ MonitoringTabRoute => instance::monitoring_tab);
split_page!(/** the events tab */ EventsTabRoute => instance::events_tab);
split_page!(/** the activity tab */ ActivityTabRoute => instance::activity_tab);
split_page!(/** the backups tab */ BackupsTabRoute => instance::backups_tab);
split_page!(/** `/instances/new` */ CreateRoute => create::CreatePage);
split_page!(/** `/backups` */ BackupsRoute => backups::BackupsPage);
split_page!(/** `/instances/:id/restore` */ RestoreRoute => backups::RestorePage);
split_page!(/** `/access-control` */ AccessControlRoute => groups::AccessControlPage);
split_page!(/** `/access-control/parameter-groups` */ ParameterGroupsRoute => params::ParameterGroupsPage);
split_page!(/** `/access-control/parameter-groups/:id` */ ParameterGroupRoute => groups::ParameterGroupPage);
split_page!(/** `/access-control/security-groups/:id` */ SecurityGroupRoute => groups::SecurityGroupPage);
split_page!(/** `/`: the dashboard */ DashboardRoute => dashboard::DashboardPage);
split_page!(/** `/alerting` */ AlertingRoute => alerting::AlertingPage);
split_page!(/** `/jobs` */ JobsRoute => jobs::JobsPage);
split_page!(/** `/events` */ EventsRoute => events::EventsPage);
split_page!(/** `/approvals` */ ApprovalsRoute => approvals::ApprovalsPage);
split_page!(/** `/audit` */ AuditRoute => audit::AuditPage);
split_page!(/** `/settings` */ SettingsRoute => settings::MySettings);
split_page!(/** `/settings/users` */ UsersRoute => users::UsersPage);
split_page!(/** `/settings/policies` */ PoliciesRoute => policies::PoliciesPage);
split_page!(/** `/sign-in`: not needed by a signed-in member's first page */ SignInRoute => sign_in::SignInPage);

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
