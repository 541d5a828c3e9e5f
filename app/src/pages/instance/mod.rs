//! One instance, one shareable URL per tab: overview, settings, high
//! availability, replicas, databases, DB users, monitoring, events, activity.

use crate::api::{self, Overview, RequestChange};
use crate::components::chart::{metric_label, MetricChart};
use crate::components::confirm::{ActionResult, ConfirmDialog, Pending};
use crate::components::form::{number_problem, or_error, text_problem, CrudTable, Field, FieldError, Loaded, RowActions};
use crate::components::live::LiveJobs;
use crate::components::StatusPill;
use crate::i18n::{msg::instance as m, t, tf};
use crate::pages::jobs::JobTable;
use leptos::prelude::*;
use leptos_router::components::Outlet;
use leptos_router::hooks::{use_location, use_params_map};
use rds::types::*;
use rds::{DatabaseId, DbInstanceId, DbUserId};
use settings::SettingsTab;

// One module per tab.
mod access;
mod activity;
mod databases;
mod extensions;
mod ha;
mod monitoring;
mod overview;
mod replicas;
mod settings;
mod users;

use access::AccessTab;
use activity::*;
use databases::*;
use extensions::ExtensionsTab;
use ha::*;
use monitoring::*;
use overview::*;
use replicas::*;
use users::*;

/// The instance page.
#[component]
pub fn InstancePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let location = use_location();
    // The open tab is the last segment of /instances/{id}/{tab}.
    let tab = move || location.pathname.with(|p| p.trim_end_matches('/').split('/').nth(3).unwrap_or("overview").to_string());
    let act = ServerAction::<RequestChange>::new();
    // Bumped by a tab that changes things without the page's action (an
    // import of several access rules).
    let reload = RwSignal::new(0u64);
    let live = use_context::<LiveJobs>();
    let tick = move || live.map(|l| l.tick.get()).unwrap_or(0);
    // The header follows every job change; the tab bodies only reload when a
    // job ends or an action is taken, so half-typed forms survive live updates.
    // A job that ends on another instance changes nothing here: it must not
    // rebuild a form a member is typing into.
    let finished = move || {
        let id = id();
        let mine = |x: &&crate::api::domain_types::JobView| x.finished && (x.resource_type != "db_instance" || x.resource_id == id);
        live.map(|l| l.jobs.with(|j| j.iter().filter(mine).count())).unwrap_or(0)
    };
    let overview = crate::data::load(move || (id(), tick(), act.version().get()), |(id, _, _)| api::instance_overview(id));
    // The tab bodies' first load is the header's own answer, so a page asks
    // for the overview once, not twice; later loads are their own. The
    // effect runs only in the browser, once the page is up: after
    // hydration the first load to come is a reload and must ask afresh.
    let share_first = StoredValue::new(true);
    Effect::new(move |_| share_first.set_value(false));
    let body = crate::data::load(
        move || (id(), finished(), act.version().get()),
        move |(id, _, _)| {
            let shared = share_first.get_value();
            share_first.set_value(false);
            async move {
                if shared {
                    overview.await
                } else {
                    api::instance_overview(id).await
                }
            }
        },
    );
    let pending: Pending = RwSignal::new(None);
    provide_context(InstanceCtx { pending, body, act, reload });
    view! {
        <section>
            <p class="crumbs"><a href="/instances">{t(m::INST_CRUMB)}</a>" / "</p>
            <Transition fallback=|| view! { <crate::components::form::Loading text=t(m::INST_LOADING)/> }>
                {move || overview.get().map(|r| or_error(r, |o| {
                        let d = o.detail.clone();
                        let busy = d.progress_status.clone().filter(|p| p.is_busy()).map(|p| crate::i18n::words(&p));
                        let is_busy = busy.is_some();
                        view! {
                            <div class="page-head title-line">
                                <h1>{d.db_instance_name.clone()}</h1>
                                <div class="tools">
                                    <StatusPill code=d.db_instance_status.as_ref().map(|s| s.as_str().to_string()).unwrap_or_default() text=crate::i18n::words_of(d.db_instance_status.as_ref())/>
                                    {busy.map(|b| view! { <span class="task"><span class="busy-dot" aria-hidden="true"></span>{b}</span> })}
                                    {d.use_deletion_protection.then(|| view! { <span class="pill" title=t(m::INST_PROTECTION_ON)>{t(m::INST_PROTECTED)}</span> })}
                                </div>
                            </div>
                            <InstanceActions o=o.clone() busy=is_busy/>
                            <nav class="tabs" aria-label=t(m::INST_SECTIONS)>
                                {crate::pages::INSTANCE_TABS.iter().map(|(slug, label)| {
                                    let href = format!("/instances/{}/{slug}", d.db_instance_id);
                                    view! { <a href=href class:active=move || tab() == *slug aria-current=move || (tab() == *slug).then_some("page")>{tab_label(slug, label)}</a> }
                                }).collect_view()}
                            </nav>
                            <ActionResult act/>
                        }
                        .into_any()
                    }))}
            </Transition>
            <Outlet/>
            <ConfirmDialog pending act/>
        </section>
    }
}

/// A tab's name in the page's language (the English one for a tab the
/// messages do not name).
fn tab_label(slug: &str, english: &'static str) -> &'static str {
    let key = match slug {
        "overview" => m::TAB_OVERVIEW,
        "settings" => m::TAB_SETTINGS,
        "ha" => m::TAB_HA,
        "replicas" => m::TAB_REPLICAS,
        "databases" => m::TAB_DATABASES,
        "users" => m::TAB_USERS,
        "access" => m::TAB_ACCESS,
        "extensions" => m::TAB_EXTENSIONS,
        "backups" => m::TAB_BACKUPS,
        "monitoring" => m::TAB_MONITORING,
        "events" => m::TAB_EVENTS,
        "activity" => m::TAB_ACTIVITY,
        _ => return english,
    };
    t(key)
}

/// What can be done to the whole instance, as on the console's toolbar;
/// each asks for confirmation (and becomes a request when gated).
#[component]
fn InstanceActions(o: Overview, busy: bool) -> impl IntoView {
    let status = o.detail.db_instance_status.clone();
    let running = status == Some(rds::DbInstanceStatus::Available);
    let stopped = status == Some(rds::DbInstanceStatus::Shutdown);
    let ov = StoredValue::new(o);
    let on = move |make: fn(DbInstanceId) -> crate::api::Change| move |_| ask(&ov.get_value(), make);
    view! {
        <Show when=move || can_change() && !busy>
            <div class="toolbar" role="toolbar" aria-label=t(m::INST_ACTIONS)>
                {stopped.then(|| view! { <button type="button" on:click=on(|id| crate::change!(StartDbInstance { id }))>{t(m::INST_START)}</button> })}
                {running.then(|| view! {
                    <button type="button" on:click=on(|id| crate::change!(RestartDbInstance { id, body: Default::default() }))>{t(m::INST_RESTART)}</button>
                    <button type="button" on:click=on(|id| crate::change!(BackupDbInstance { id, body: Default::default() }))>{t(m::INST_BACK_UP)}</button>
                    <button type="button" on:click=on(|id| crate::change!(StopDbInstance { id }))>{t(m::INST_STOP)}</button>
                    <button type="button" class="danger-text" on:click=on(|id| crate::change!(ForceRestartDbInstance { id }))>{t(m::INST_FORCE_RESTART)}</button>
                })}
                <button type="button" class="danger-text" on:click=on(|id| crate::change!(DeleteDbInstance { id }))>{t(m::INST_DELETE)}</button>
            </div>
        </Show>
    }
}

/// A tab's own data.
pub type Tab<T> = crate::data::Data<Result<T, crate::AppError>>;

/// Starts loading a tab's data for the instance in the address. Called first
/// thing in the tab's own (lazily loaded) code, outside any transition so it
/// hydrates; the tab's decoders stay in its chunk, out of the first page.
/// Lists follow job progress and the page's changes.
fn tab_load<T, Fut>(fetch: impl Fn(String) -> Fut + Send + Sync + 'static) -> Tab<T>
where
    T: serde::Serialize + serde::de::DeserializeOwned + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<T, crate::AppError>> + Send + 'static,
{
    let params = use_params_map();
    let live = use_context::<LiveJobs>();
    let page = use_context::<InstanceCtx>();
    let key = move || {
        let changes = page.map(|c| c.act.version().get() + c.reload.get() as usize).unwrap_or(0);
        (params.read().get("id").unwrap_or_default(), live.map(|l| l.tick.get()).unwrap_or(0), changes)
    };
    crate::data::load(key, move |(id, _, _)| fetch(id))
}

/// The monitoring tab's data: the range and metrics picked, and the charts
/// for them (which reload only when those change, not with every job).
#[derive(Clone, Copy)]
struct Monitoring {
    /// Minutes shown, ending at unix second `end` (`None`: now).
    minutes: RwSignal<(i64, Option<i64>)>,
    /// The metrics charted: the console's usual five until the member picks.
    charted: RwSignal<Vec<String>>,
    data: Tab<MetricsData>,
}

/// Starts loading the monitoring tab.
fn monitoring_load() -> Monitoring {
    let params = use_params_map();
    let minutes = RwSignal::new((60i64, None::<i64>));
    let charted = RwSignal::new(CHARTS.iter().map(|s| s.to_string()).collect::<Vec<_>>());
    let key = move || (params.read().get("id").unwrap_or_default(), minutes.get(), charted.get());
    let data = crate::data::load(key, |(id, (m, end), names)| api::instance_metrics(id, names, m, end));
    Monitoring { minutes, charted, data }
}

/// What the page shares with its tabs.
#[derive(Clone, Copy)]
struct InstanceCtx {
    pending: Pending,
    body: crate::data::Data<Result<Overview, crate::AppError>>,
    act: ServerAction<RequestChange>,
    reload: RwSignal<u64>,
}

/// The metrics upstream offers, and the series of those charted.
type MetricsData = (Vec<rds::types::Metric>, Vec<rds::types::MetricSeries>, Vec<model::alerting::WatchLine>);

/// A tab's body: drawn from the instance the page loaded. The tab's code is
/// its own chunk, so the context is read when the body renders, by which
/// time the page has provided it.
fn tab_body(render: impl Fn(Overview, InstanceCtx) -> AnyView + Send + Sync + 'static) -> impl IntoView {
    view! {
        <Transition fallback=|| ()>
            {move || {
                let ctx = use_context::<InstanceCtx>()?;
                ctx.body.get().and_then(Result::ok).map(|o| render(o, ctx))
            }}
        </Transition>
    }
}

fn can_change() -> bool {
    super::me().is_some_and(|m| m.can_change)
}

/// `/instances/:id` and `/instances/:id/overview`.
pub fn overview_tab() -> impl IntoView {
    tab_body(|o, _| view! { <OverviewTab o/> }.into_any())
}

/// `/instances/:id/backups`.
pub fn backups_tab() -> impl IntoView {
    let data = tab_load(|id| {
        api::list_backups(
            rds::types::BackupQuery { size: 100, db_instance_id: Some(DbInstanceId::new(id)), ..Default::default() },
            Default::default(),
        )
    });
    tab_body(move |o, ctx| {
        let o = StoredValue::new(o);
        view! {
            <Loaded data loading=t(m::INST_LOADING_BACKUPS) let:b>
                <crate::pages::backups::InstanceBackups o=o.get_value() backups=b pending=ctx.pending/>
            </Loaded>
        }
        .into_any()
    })
}

/// `/instances/:id/settings`.
pub fn settings_tab() -> impl IntoView {
    tab_body(|o, _| view! { <SettingsTab o can_change/> }.into_any())
}

/// `/instances/:id/ha`.
pub fn ha_tab() -> impl IntoView {
    tab_body(|o, _| view! { <HaTab o can_change/> }.into_any())
}

/// `/instances/:id/replicas`.
pub fn replicas_tab() -> impl IntoView {
    let data = tab_load(|_| api::replica_choices());
    tab_body(move |o, _| view! { <ReplicasTab o can_change data/> }.into_any())
}

/// `/instances/:id/databases`.
pub fn databases_tab() -> impl IntoView {
    let data = tab_load(api::instance_databases);
    tab_body(move |o, _| view! { <DatabasesTab o can_change data/> }.into_any())
}

/// `/instances/:id/users`.
pub fn users_tab() -> impl IntoView {
    let data = tab_load(api::instance_users);
    tab_body(move |o, _| view! { <UsersTab o can_change data/> }.into_any())
}

/// `/instances/:id/access`.
pub fn access_tab() -> impl IntoView {
    let data = tab_load(api::instance_hba);
    tab_body(move |o, c| view! { <AccessTab o can_change data act=c.act reload=c.reload/> }.into_any())
}

/// `/instances/:id/extensions`.
pub fn extensions_tab() -> impl IntoView {
    let data = tab_load(api::instance_extensions);
    tab_body(move |o, _| view! { <ExtensionsTab o can_change data/> }.into_any())
}

/// `/instances/:id/monitoring`.
pub fn monitoring_tab() -> impl IntoView {
    let m = monitoring_load();
    tab_body(move |_, _| view! { <MonitoringTab data=m.data minutes=m.minutes charted=m.charted/> }.into_any())
}

/// `/instances/:id/events`.
pub fn events_tab() -> impl IntoView {
    // Not drawn from the page's instance: the browser makes its own
    // resources, which must not start inside a transition to hydrate.
    let id = use_params_map().read_untracked().get("id").unwrap_or_default();
    view! { <crate::pages::events::EventsBrowser source=id fixed=true/> }
}

/// `/instances/:id/activity`.
pub fn activity_tab() -> impl IntoView {
    let data = tab_load(|id| api::list_jobs(String::new(), id));
    tab_body(move |o, _| view! { <ActivityTab id=o.detail.db_instance_id.0.clone() data/> }.into_any())
}

/// Asks to confirm the call `make` builds for this instance.
fn ask(o: &Overview, make: impl FnOnce(DbInstanceId) -> crate::api::Change) {
    if let Some(c) = use_context::<InstanceCtx>() {
        c.pending.set(Some((o.detail.db_instance_name.clone(), make(o.detail.db_instance_id.clone()))));
    }
}
