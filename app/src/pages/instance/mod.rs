//! One instance, one shareable URL per tab: overview, settings, high
//! availability, replicas, databases, DB users, monitoring, events, activity.

use crate::api::{self, Overview, RequestChange};
use crate::components::chart::{metric_label, MetricChart};
use crate::components::confirm::{ActionResult, ConfirmDialog, Pending};
use crate::components::form::{number_problem, or_error, text_problem, CrudTable, Field, FieldError, Loaded, RowActions};
use crate::components::live::LiveJobs;
use crate::components::StatusPill;
use crate::pages::jobs::JobTable;
use leptos::prelude::*;
use leptos_router::components::Outlet;
use leptos_router::hooks::{use_location, use_params_map};
use rds::types::*;
use rds::{DatabaseId, DbInstanceId, DbUserId};
use settings::SettingsTab;

mod access;
mod extensions;
mod settings;

use access::AccessTab;
use extensions::ExtensionsTab;

const TABS: &[(&str, &str)] = &[
    ("overview", "Overview"),
    ("settings", "Settings"),
    ("ha", "High availability"),
    ("replicas", "Replicas"),
    ("databases", "Databases"),
    ("users", "DB users"),
    ("access", "Access rules"),
    ("extensions", "Extensions"),
    ("backups", "Backups"),
    ("monitoring", "Monitoring"),
    ("events", "Events"),
    ("activity", "Activity"),
];

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
            <p class="crumbs"><a href="/instances">"Instances"</a>" / "</p>
            <Transition fallback=|| view! { <crate::components::form::Loading text="Loading the instance…"/> }>
                {move || overview.get().map(|r| or_error(r, |o| {
                        let d = o.detail.clone();
                        let busy = d.progress_status.clone().filter(|p| p.is_busy()).map(|p| p.label().to_string());
                        let is_busy = busy.is_some();
                        view! {
                            <div class="page-head title-line">
                                <h1>{d.db_instance_name.clone()}</h1>
                                <div class="tools">
                                    <StatusPill text=d.db_instance_status.as_ref().map(|s| s.as_str().to_string()).unwrap_or_default()/>
                                    {busy.map(|b| view! { <span class="task"><span class="busy-dot" aria-hidden="true"></span>{b}</span> })}
                                    {d.use_deletion_protection.then(|| view! { <span class="pill" title="Deletion protection is on">"protected"</span> })}
                                </div>
                            </div>
                            <InstanceActions o=o.clone() busy=is_busy/>
                            <nav class="tabs" aria-label="Instance sections">
                                {TABS.iter().map(|(slug, label)| {
                                    let href = format!("/instances/{}/{slug}", d.db_instance_id);
                                    view! { <a href=href class:active=move || tab() == *slug>{*label}</a> }
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
            <div class="toolbar" role="toolbar" aria-label="Instance actions">
                {stopped.then(|| view! { <button type="button" on:click=on(|id| crate::change!(StartDbInstance { id }))>"Start"</button> })}
                {running.then(|| view! {
                    <button type="button" on:click=on(|id| crate::change!(RestartDbInstance { id, body: Default::default() }))>"Restart"</button>
                    <button type="button" on:click=on(|id| crate::change!(BackupDbInstance { id, body: Default::default() }))>"Back up"</button>
                    <button type="button" on:click=on(|id| crate::change!(StopDbInstance { id }))>"Stop"</button>
                    <button type="button" class="danger-text" on:click=on(|id| crate::change!(ForceRestartDbInstance { id }))>"Force restart"</button>
                })}
                <button type="button" class="danger-text" on:click=on(|id| crate::change!(DeleteDbInstance { id }))>"Delete"</button>
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
            <Loaded data loading="Loading backups…" let:b>
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

#[component]
fn OverviewTab(o: Overview) -> impl IntoView {
    let d = o.detail.clone();
    let flavor = o
        .flavors
        .iter()
        .find(|f| f.db_flavor_id == d.db_flavor_id)
        .map(|f| format!("{} ({} vCPU, {} GB RAM)", f.db_flavor_name, f.vcpus, f.ram / 1024))
        .unwrap_or_else(|| d.db_flavor_id.0.clone());
    let pg = o
        .parameter_groups
        .iter()
        .find(|p| p.parameter_group_id == d.parameter_group_id)
        .map(|p| p.parameter_group_name.clone())
        .unwrap_or_else(|| d.parameter_group_id.0.clone());
    let pg_href = format!("/access-control/parameter-groups/{}", d.parameter_group_id);
    let sgs = d
        .db_security_group_ids
        .iter()
        .enumerate()
        .map(|(n, id)| {
            let name = o
                .security_groups
                .iter()
                .find(|g| &g.db_security_group_id == id)
                .map(|g| g.db_security_group_name.clone())
                .unwrap_or_else(|| id.0.clone());
            view! { {(n > 0).then_some(", ")}<a href=format!("/access-control/security-groups/{id}")>{name}</a> }
        })
        .collect_view();
    let notify = d
        .notification_group_ids
        .iter()
        .enumerate()
        .map(|(n, id)| {
            let name = o
                .notification_groups
                .iter()
                .find(|g| &g.notification_group_id == id)
                .map(|g| g.notification_group_name.clone())
                .unwrap_or_else(|| id.0.clone());
            view! { {(n > 0).then_some(", ")}<a href=format!("/alerting#notification-group-{id}")>{name}</a> }
        })
        .collect_view();
    let no_notify = d.notification_group_ids.is_empty();
    let id = d.db_instance_id.0.clone();
    view! {
        <div class="columns">
            <dl class="facts card" aria-label="Instance details">
                <dt>"ID"</dt><dd><code>{id.clone()}</code>" "<CopyButton text=id/></dd>
                <dt>"Group"</dt><dd><code>{d.db_instance_group_id.0.clone()}</code></dd>
                <dt>"Role"</dt><dd>{d.db_instance_type.as_ref().map(|t| t.label().to_string())}</dd>
                <dt>"Description"</dt><dd>{d.description.clone().unwrap_or_default()}</dd>
                <dt>"Status"</dt><dd>{d.db_instance_status.as_ref().map(|s| s.label().to_string())}
                    {d.progress_status.as_ref().filter(|p| p.is_busy()).map(|p| format!(" — {}", p.label()))}</dd>
                <dt>"Version"</dt><dd>{model::version_label(&d.db_version)}</dd>
                <dt>"Port"</dt><dd>{d.db_port}</dd>
                <dt>"Specification"</dt><dd>{flavor}</dd>
                <dt>"Storage"</dt><dd>{format!("{} {} GB", o.storage.storage_type, o.storage.storage_size)}</dd>
                <dt>"Availability zone"</dt><dd>{o.network.availability_zone.clone()}</dd>
                <dt>"Subnet"</dt><dd>{format!("{} ({})", o.network.subnet.subnet_name, o.network.subnet.subnet_cidr)}</dd>
                <dt>"Public access"</dt><dd>{if o.network.subnet.public_accessible { "on" } else { "off" }}</dd>
                <dt>"Storage state"</dt><dd>{o.storage.storage_status.as_ref().map(|s| s.label().to_string()).unwrap_or_else(|| "—".into())}</dd>
                <dt>"Parameter group"</dt><dd><a href=pg_href>{pg}</a>{d.need_to_apply_parameter_group.then_some(" — changes waiting to be applied")}</dd>
                <dt>"Security groups"</dt><dd>{sgs}</dd>
                <dt>"Notification groups"</dt><dd>{no_notify.then_some("none")}{notify}</dd>
                <dt>"Deletion protection"</dt><dd>{if d.use_deletion_protection { "on" } else { "off" }}</dd>
                <dt>"High availability"</dt><dd>{if o.in_ha_pair() { o.ha.ha_status.as_ref().map(|s| s.label().to_string()).unwrap_or_else(|| "on".into()) } else { "off".into() }}</dd>
                <dt>"OS"</dt><dd>{d.os_version.clone().unwrap_or_default()}</dd>
                <dt>"Needs migration"</dt><dd>{if d.need_migration { "yes" } else { "no" }}</dd>
                <dt>"Created"</dt><dd><crate::components::when::When t=d.created_ymdt.clone()/></dd>
                <dt>"Updated"</dt><dd><crate::components::when::When t=d.updated_ymdt.clone()/></dd>
            </dl>
            <div class="card">
                <h2>"Endpoints"</h2>
                <table class="grid" aria-label="Endpoints">
                    <thead><tr><th scope="col">"Type"</th><th scope="col">"Domain"</th><th scope="col">"IP"</th></tr></thead>
                    <tbody>
                        {o.network.end_points.iter().map(|e| {
                            let domain = e.domain.clone();
                            view! {
                                <tr>
                                    <td>{e.end_point_type.as_ref().map(|t| t.label().to_string())}</td>
                                    <td><code>{e.domain.clone()}</code>" "<CopyButton text=domain/></td>
                                    <td><code>{e.ip_address.clone()}</code>" "<CopyButton text=e.ip_address.clone()/></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <h2>"Backups"</h2>
                <p>{format!("Kept {} days, {} retries; window ", o.backup.backup_period, o.backup.backup_retry_count)}
                    {o.backup.backup_schedules.iter().map(|s| format!("{} for {}", s.backup_wnd_bgn_time, s.backup_wnd_duration.label())).collect::<Vec<_>>().join(", ")}</p>
                {o.maintenance.clone().map(|m| view! { <h2>"Maintenance"</h2><p>{format!("{} for {}{}", m.maint_wnd_bgn_time, m.maint_wnd_duration.label(), if m.allow_auto_maintenance { "" } else { " (automatic maintenance off)" })}</p> })}
            </div>
        </div>
    }
}

/// Copies a value to the clipboard.
#[component]
fn CopyButton(text: String) -> impl IntoView {
    let (copied, set_copied) = signal(false);
    let label = format!("Copy {text}");
    view! {
        <button type="button" class="copy" aria-label=label on:click=move |_| {
            #[cfg(feature = "hydrate")]
            if let Some(w) = web_sys::window() {
                let _ = w.navigator().clipboard().write_text(&text);
            }
            set_copied.set(true);
        }>{move || if copied.get() { "copied" } else { "copy" }}</button>
    }
}

#[component]
fn HaTab(o: Overview, can_change: impl Fn() -> bool + Send + Sync + Copy + 'static) -> impl IntoView {
    let ha = o.ha.clone();
    // From every field that carries it, not `useHighAvailability` alone: an
    // instance in an HA pair is never offered "turn HA on".
    let on = o.in_ha_pair();
    let paused = matches!(ha.ha_status, Some(rds::HaStatus::Paused) | Some(rds::HaStatus::PausedDueToTask));
    let ov = StoredValue::new(o.clone());
    let want = RwSignal::new(on);
    let ping = RwSignal::new(ha.ping_interval.unwrap_or(6).to_string());
    let wait = RwSignal::new(ha.failover_repl_waiting_time.unwrap_or(-1).to_string());
    let ping_check = |v: &str| number_problem(v, rds::validate::PingInterval::new);
    let wait_check = |v: &str| number_problem(v, rds::validate::FailoverReplWaitingTime::new);
    let invalid = move || want.get() && (ping.with(|v| ping_check(v)).is_some() || wait.with(|v| wait_check(v)).is_some());
    let save = move |_| {
        let on = want.get();
        ask(&ov.get_value(), |id| {
            crate::change!(ModifyHighAvailability {
                id,
                body: ModifyHighAvailability {
                    use_high_availability: on,
                    ping_interval: on.then(|| ping.get().trim().parse().unwrap_or(6)),
                    failover_repl_waiting_time: on.then(|| wait.get().trim().parse().unwrap_or(-1)),
                },
            })
        })
    };
    view! {
        <div class="card">
            <dl class="facts">
                <dt>"High availability"</dt><dd>{if on { "on" } else { "off" }}</dd>
                <dt>"State"</dt><dd>{ha.ha_status.as_ref().map(|s| s.label().to_string()).unwrap_or_else(|| "—".into())}</dd>
                <dt>"Ping interval"</dt><dd>{ha.ping_interval.map(|p| format!("{p} s")).unwrap_or_else(|| "—".into())}</dd>
                <dt>"Failover wait"</dt><dd>{ha.failover_repl_waiting_time.map(|w| if w < 0 { "wait for replication".to_string() } else { format!("{w} s") }).unwrap_or_else(|| "—".into())}</dd>
            </dl>
            <Show when=move || can_change() && on>
                <div class="form-actions">
                    <Show when=move || !paused><button type="button" on:click=move |_| ask(&ov.get_value(), |id| crate::change!(PauseHighAvailability { id }))>"Pause"</button></Show>
                    <Show when=move || paused><button type="button" on:click=move |_| ask(&ov.get_value(), |id| crate::change!(ResumeHighAvailability { id }))>"Resume"</button></Show>
                    <button type="button" on:click=move |_| ask(&ov.get_value(), |id| crate::change!(RepairHighAvailability { id }))>"Repair"</button>
                    <button type="button" class="danger-text" on:click=move |_| ask(&ov.get_value(), |id| crate::change!(SplitHighAvailability { id }))>"Split"</button>
                </div>
            </Show>
        </div>
        <Show when=can_change>
            <div class="card">
                <h2>"Modify high availability"</h2>
                <div class="form-grid plain">
                    <label class="check"><input type="checkbox" prop:checked=want on:change:target=move |ev| want.set(ev.target().checked())/>"Use high availability"</label>
                    <Field label="Ping interval (seconds)" kind="number" value=ping check=ping_check disabled=Signal::derive(move || !want.get())/>
                    <Field label="Failover wait for replication (seconds, -1 to wait until caught up)" name="Failover wait (seconds)" kind="number"
                        value=wait check=wait_check disabled=Signal::derive(move || !want.get())/>
                </div>
                <button type="button" prop:disabled=invalid on:click=save>"Save high availability"</button>
            </div>
        </Show>
    }
}

/// The instances of this one's instance group: the master, its HA
/// candidate and its read replicas, each linking to its page.
#[component]
fn GroupMembers(o: Overview) -> impl IntoView {
    let me = o.detail.db_instance_id.clone();
    let replicas = o.group.iter().filter(|i| i.db_instance_type == Some(rds::DbInstanceType::ReadOnlySlave)).count();
    view! {
        <h2>{format!("Instance group {}", o.detail.db_instance_group_id)}</h2>
        <p class="hint">{match replicas { 0 => "No read replicas yet.".to_string(), 1 => "1 read replica.".to_string(), n => format!("{n} read replicas.") }}</p>
        <table class="grid" aria-label="Instance group members">
            <thead><tr><th scope="col">"Instance"</th><th scope="col">"Role"</th><th scope="col">"Status"</th></tr></thead>
            <tbody>
                {o.group.into_iter().map(|i| {
                    let this = i.db_instance_id == me;
                    view! {
                        <tr>
                            <td>{if this {
                                view! { <strong>{i.db_instance_name.clone()}</strong>" (this instance)" }.into_any()
                            } else {
                                view! { <a href=format!("/instances/{}", i.db_instance_id)>{i.db_instance_name.clone()}</a> }.into_any()
                            }}</td>
                            <td>{i.db_instance_type.as_ref().map(|t| t.label().to_string())}</td>
                            <td><StatusPill text=i.db_instance_status.as_ref().map(|s| s.as_str().to_string()).unwrap_or_default()/></td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn ReplicasTab(
    o: Overview,
    can_change: impl Fn() -> bool + Send + Sync + Copy + 'static,
    data: Tab<model::ReplicaChoices>,
) -> impl IntoView {
    let d = o.detail.clone();
    let is_replica = d.db_instance_type == Some(rds::DbInstanceType::ReadOnlySlave);
    let ov = StoredValue::new(o.clone());
    view! {
        <div class="card">
            <GroupMembers o=ov.get_value()/>
            {if is_replica {
                view! {
                    <p>"This instance is a read replica."</p>
                    <Show when=can_change><button type="button" on:click=move |_| ask(&ov.get_value(), |id| crate::change!(PromoteDbInstance { id }))>"Promote to master"</button></Show>
                }.into_any()
            } else {
                view! {
                    <Show when=can_change>
                        <Loaded data loading="Loading the replica form…" let:c>
                            <ReplicaForm o=ov.get_value() c/>
                        </Loaded>
                    </Show>
                }.into_any()
            }}
        </div>
    }
}

/// A new read replica: what the API accepts, starting from the source's
/// settings.
#[component]
fn ReplicaForm(o: Overview, c: model::ReplicaChoices) -> impl IntoView {
    let d = o.detail.clone();
    let name = RwSignal::new(format!("{}-replica", d.db_instance_name));
    let description = RwSignal::new(String::new());
    let flavor = RwSignal::new(d.db_flavor_id.0.clone());
    let port = RwSignal::new(d.db_port.to_string());
    let group = RwSignal::new(d.parameter_group_id.0.clone());
    let protect = RwSignal::new(false);
    let sgs = RwSignal::new(d.db_security_group_ids.iter().map(|g| g.0.clone()).collect::<Vec<_>>());
    let ugs = RwSignal::new(Vec::<String>::new());
    let default_notification = RwSignal::new(false);
    let storage_type = RwSignal::new(o.storage.storage_type.clone());
    let storage_size = RwSignal::new(o.storage.storage_size.to_string());
    let backup_days = RwSignal::new(o.backup.backup_period.to_string());
    let zone = RwSignal::new(String::new());
    let public = RwSignal::new(false);
    let source_size = o.storage.storage_size;
    let name_check = |v: &str| text_problem(v.trim(), |n| rds::validate::resource_name("dbInstanceName", n, true));
    let port_check = |v: &str| number_problem(v, rds::validate::Port::new);
    let size_check = move |v: &str| number_problem(v, |s: u32| rds::validate::StorageSize::grow(source_size, s));
    let backup_check = |v: &str| number_problem(v, rds::validate::BackupPeriod::new);
    let sg_error = move || sgs.with(Vec::is_empty).then(|| "pick at least one".to_string());
    let problem = move || {
        name.with(|v| name_check(v))
            .or(port.with(|v| port_check(v)))
            .or(storage_size.with(|v| size_check(v)))
            .or(backup_days.with(|v| backup_check(v)))
            .or(sg_error())
            .is_some()
    };
    let ov = StoredValue::new(o.clone());
    let create = move |_| {
        let o = ov.get_value();
        let d = &o.detail;
        let size: u32 = storage_size.get().trim().parse().unwrap_or(source_size);
        let days: u32 = backup_days.get().trim().parse().unwrap_or(o.backup.backup_period);
        ask(&o, |id| {
            crate::change!(ReplicateDbInstance {
                id,
                body: ReplicateDbInstance {
                    db_instance_name: name.get().trim().to_string(),
                    description: Some(description.get()).filter(|s| !s.trim().is_empty()),
                    db_flavor_id: Some(flavor.get()).filter(|f| *f != d.db_flavor_id.0).map(Into::into),
                    db_port: port.get().trim().parse().ok().filter(|p| *p != d.db_port),
                    parameter_group_id: Some(group.get()).filter(|g| *g != d.parameter_group_id.0).map(Into::into),
                    db_security_group_ids: Some(sgs.get().into_iter().map(Into::into).collect()),
                    user_group_ids: ugs.get().into_iter().map(Into::into).collect(),
                    use_default_notification: default_notification.get().then_some(true),
                    use_deletion_protection: protect.get().then_some(true),
                    network: Some(NetworkSpec {
                        subnet_id: None,
                        use_public_access: public.get().then_some(true),
                        availability_zone: Some(zone.get()).filter(|z| !z.is_empty()),
                    })
                    .filter(|n| n.use_public_access.is_some() || n.availability_zone.is_some()),
                    storage: Some(StorageSpec {
                        storage_type: Some(storage_type.get()).filter(|t| *t != o.storage.storage_type),
                        storage_size: Some(size).filter(|s| *s != source_size),
                    })
                    .filter(|s| s.storage_type.is_some() || s.storage_size.is_some()),
                    backup: (days != o.backup.backup_period).then(|| BackupSpec { backup_period: Some(days), ..Default::default() }),
                },
            })
        })
    };
    view! {
        <h2>"Create a read replica"</h2>
        <div class="form-grid plain">
            <Field label="Replica name" value=name check=name_check quiet_empty=true/>
            <label><span>"Replica description"</span><input type="text" prop:value=description on:input:target=move |ev| description.set(ev.target().value())/></label>
            <label><span>"Replica specification"</span>
                <select prop:value=flavor on:change:target=move |ev| flavor.set(ev.target().value())>
                    {o.flavors.iter().map(|f| view! { <option value=f.db_flavor_id.0.clone()>{format!("{} ({} vCPU, {} GB)", f.db_flavor_name, f.vcpus, f.ram / 1024)}</option> }).collect_view()}
                </select></label>
            <Field label="Replica port" name="Port" kind="number" value=port check=port_check/>
            <label><span>"Replica parameter group"</span>
                <select prop:value=group on:change:target=move |ev| group.set(ev.target().value())>
                    {o.parameter_groups.iter().filter(|g| rds::versions::same(&g.db_version, &o.detail.db_version)).map(|g| view! { <option value=g.parameter_group_id.0.clone()>{g.parameter_group_name.clone()}</option> }).collect_view()}
                </select></label>
            <label><span>"Replica storage type"</span>
                <select prop:value=storage_type on:change:target=move |ev| storage_type.set(ev.target().value())>
                    {c.storage_types.iter().map(|t| view! { <option value=t.clone()>{t.clone()}</option> }).collect_view()}
                </select></label>
            <Field label=format!("Replica storage size (GB, at least {source_size})") name="Storage size (GB)" kind="number" value=storage_size check=size_check/>
            <Field label="Replica backup retention (days)" name="Backup retention (days)" kind="number" value=backup_days check=backup_check/>
            <label><span>"Replica availability zone"</span>
                <select prop:value=zone on:change:target=move |ev| zone.set(ev.target().value())>
                    <option value="">"same as the source"</option>
                    {c.zones.iter().map(|z| view! { <option value=z.clone()>{z.clone()}</option> }).collect_view()}
                </select></label>
            <label class="check"><input type="checkbox" prop:checked=public on:change:target=move |ev| public.set(ev.target().checked())/>"Public access for the replica"</label>
            <label class="check"><input type="checkbox" prop:checked=default_notification on:change:target=move |ev| default_notification.set(ev.target().checked())/>"Use the default notification"</label>
            <label class="check"><input type="checkbox" prop:checked=protect on:change:target=move |ev| protect.set(ev.target().checked())/>"Protect the replica from deletion"</label>
            <fieldset class="checks full"><legend>"Replica security groups"</legend>
                {crate::components::check_list(sgs, o.security_groups.iter().map(|g| (g.db_security_group_id.0.clone(), g.db_security_group_name.clone())).collect())}
                <FieldError name="Security groups" error=Signal::derive(sg_error)/>
            </fieldset>
            <fieldset class="checks full"><legend>"Replica user groups notified"</legend>
                {crate::components::check_list(ugs, c.user_groups.iter().map(|g| (g.user_group_id.0.clone(), g.user_group_name.clone())).collect())}
            </fieldset>
        </div>
        <button type="button" prop:disabled=problem on:click=create>"Create read replica"</button>
    }
}

#[component]
fn DatabasesTab(o: Overview, can_change: impl Fn() -> bool + Send + Sync + Copy + 'static, data: Tab<Vec<Database>>) -> impl IntoView {
    let new_name = RwSignal::new(String::new());
    // The database being renamed: id, current name.
    let renaming: RwSignal<Option<(String, String)>> = RwSignal::new(None);
    let rename_to = RwSignal::new(String::new());
    let apply_hba = RwSignal::new(true);
    let o = StoredValue::new(o);
    let name_check = |v: &str| text_problem(v.trim(), |n| rds::validate::length("databaseName", n, 1, 63));
    view! {
        <div class="card">
            <Loaded data loading="Loading databases…" let:list>
                <CrudTable label="Databases" headers=&["Database", "State", "Schemas", "Created"] rows=list row_class="database-row"
                    empty="No databases yet."
                    cells=|d: &Database| view! {
                        <td>{d.database_name.clone()}</td>
                        <td><StatusPill text=d.database_status.as_ref().map(|s| s.as_str().to_string()).unwrap_or_default()/></td>
                        <td>{d.schemas.iter().map(|s| s.schema_name.clone()).collect::<Vec<_>>().join(", ")}</td>
                        <td class="when"><crate::components::when::When t=d.created_ymdt.clone()/></td>
                    }.into_any()
                    actions=move |d: &Database| {
                        let (rid, rname, did) = (d.database_id.0.clone(), d.database_name.clone(), d.database_id.clone());
                        can_change().then(|| view! {
                            <RowActions what=format!("database {}", d.database_name) edit_verb="Rename"
                                on_edit=Callback::new(move |_| { rename_to.set(rname.clone()); renaming.set(Some((rid.clone(), rname.clone()))) })
                                on_delete=Callback::new(move |_| ask(&o.get_value(), |id| crate::change!(DeleteDatabase { id, database_id: did.clone() })))/>
                        }).into_any()
                    }/>
            </Loaded>
            {move || renaming.get().map(|(did, old)| {
                let unchanged = { let old = old.clone(); move || rename_to.with(|n| n.trim() == old) };
                view! {
                    <div class="inline-form" role="group" aria-label=format!("Rename database {old}")>
                        <Field label=format!("New name for {old}") name="Database name" value=rename_to check=name_check/>
                        <label class="check"><input type="checkbox" prop:checked=apply_hba on:change:target=move |ev| apply_hba.set(ev.target().checked())/>"Apply access rules (HBA) at once (counts as applying them, which may need approval)"</label>
                        <button type="button" prop:disabled=move || rename_to.with(|v| name_check(v)).is_some() || unchanged() on:click={ let did = did.clone(); move |_| {
                            let body = ModifyDatabase { database_name: rename_to.get().trim().to_string(), apply_hba_rules_immediately: Some(apply_hba.get()) };
                            ask(&o.get_value(), |id| crate::change!(ModifyDatabase { id, database_id: DatabaseId::new(did.clone()), body }));
                            renaming.set(None);
                        } }>"Rename database"</button>
                        <button type="button" on:click=move |_| renaming.set(None)>"Cancel"</button>
                    </div>
                }
            })}
            <Show when=can_change>
                <div class="inline-form">
                    <Field label="New database name" name="Database name" value=new_name check=name_check quiet_empty=true maxlength=63/>
                    <button type="button" prop:disabled=move || new_name.with(|v| name_check(v)).is_some()
                        on:click=move |_| ask(&o.get_value(), |id| crate::change!(CreateDatabase { id, body: CreateDatabase { database_name: new_name.get().trim().to_string() } }))>"Create database"</button>
                </div>
            </Show>
        </div>
    }
}

#[component]
fn UsersTab(o: Overview, can_change: impl Fn() -> bool + Send + Sync + Copy + 'static, data: Tab<Vec<DbUser>>) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let authority = RwSignal::new("CRUD".to_string());
    let address = RwSignal::new(String::new());
    let name_check = |v: &str| text_problem(v, |t| rds::validate::db_user_text("dbUserName", t));
    let password_check = |v: &str| text_problem(v, |t| rds::validate::db_user_text("dbPassword", t));
    let address_check =
        |v: &str| (!v.trim().is_empty()).then(|| text_problem(v.trim(), |a| rds::validate::hba_address("address", a))).flatten();
    let invalid = move || {
        name.with(|v| name_check(v)).is_some()
            || password.with(|v| password_check(v)).is_some()
            || address.with(|v| address_check(v)).is_some()
    };
    // The DB user being changed: id, name.
    let changing: RwSignal<Option<(String, String)>> = RwSignal::new(None);
    let new_password = RwSignal::new(String::new());
    let new_authority = RwSignal::new(String::new());
    let new_user_name = RwSignal::new(String::new());
    let apply_rules_now = RwSignal::new(false);
    let o = StoredValue::new(o);
    view! {
        <div class="card">
            <Loaded data loading="Loading DB users…" let:list>
                <CrudTable label="DB users" headers=&["User", "Authority", "State"] rows=list row_class="db-user-row"
                    empty="No DB users yet."
                    cells=|u: &DbUser| view! {
                        <td>{u.db_user_name.clone()}</td>
                        <td>{u.authority_type.as_ref().map(|a| a.label().to_string())}</td>
                        <td><StatusPill text=u.db_user_status.as_ref().map(|s| s.as_str().to_string()).unwrap_or_default()/></td>
                    }.into_any()
                    actions=move |u: &DbUser| {
                        let (cid, cname, uid) = (u.db_user_id.0.clone(), u.db_user_name.clone(), u.db_user_id.clone());
                        can_change().then(|| view! {
                            <RowActions what=format!("DB user {}", u.db_user_name) edit_verb="Change"
                                on_edit=Callback::new(move |_| {
                                    new_password.set(String::new());
                                    new_authority.set(String::new());
                                    new_user_name.set(String::new());
                                    apply_rules_now.set(false);
                                    changing.set(Some((cid.clone(), cname.clone())))
                                })
                                on_delete=Callback::new(move |_| ask(&o.get_value(), |id| crate::change!(DeleteDbUser { id, db_user_id: uid.clone() })))/>
                        }).into_any()
                    }/>
            </Loaded>
            {move || changing.get().map(|(uid, uname)| {
                let nothing = move || new_password.with(String::is_empty) && new_authority.with(String::is_empty) && new_user_name.with(|n| n.trim().is_empty());
                let name_error = Signal::derive(move || new_user_name.with(|n| (!n.trim().is_empty()).then(|| name_check(n.trim())).flatten()));
                let password_error = Signal::derive(move || new_password.with(|p| (!p.is_empty()).then(|| password_check(p)).flatten()));
                let error = move || name_error.with(Option::is_some) || password_error.with(Option::is_some);

                view! {
                    <div class="form-grid plain" role="group" aria-label=format!("Change DB user {uname}")>
                        <label><span>{format!("New name for {uname} (empty keeps it)")}</span><input type="text" maxlength="32" prop:value=new_user_name on:input:target=move |ev| new_user_name.set(ev.target().value())/></label>
                        <label><span>{format!("New password for {uname} (empty keeps it)")}</span><input type="password" autocomplete="new-password" prop:value=new_password on:input:target=move |ev| new_password.set(ev.target().value())/></label>
                        <label><span>{format!("New authority for {uname}")}</span><select prop:value=new_authority on:change:target=move |ev| new_authority.set(ev.target().value())>
                            <option value="">"Keep"</option><option value="CRUD">"DML (CRUD)"</option><option value="DDL">"DDL"</option></select></label>
                        <label class="check"><input type="checkbox" prop:checked=apply_rules_now on:change:target=move |ev| apply_rules_now.set(ev.target().checked())/>
                            <span>"Apply the instance's access rules at once (a renamed user keeps matching them)"</span></label>
                        <FieldError name="DB user name" error=name_error/>
                        <FieldError name="Password" error=password_error/>
                        {move || nothing().then(|| view! { <span class="hint">"Give a new name, a new password, a new authority, or several."</span> })}
                        <div class="form-actions">
                            <button type="button" prop:disabled=move || nothing() || error() on:click={ let uid = uid.clone(); move |_| {
                                let p = new_password.get();
                                let a = new_authority.get();
                                let n = new_user_name.get().trim().to_string();
                                let body = ModifyDbUser {
                                    db_user_name: (!n.is_empty()).then_some(n),
                                    db_password: (!p.is_empty()).then_some(p),
                                    authority_type: (!a.is_empty()).then(|| rds::AuthorityType::parse(&a)),
                                    apply_hba_rules_immediately: apply_rules_now.get().then_some(true),
                                };
                                ask(&o.get_value(), |id| crate::change!(ModifyDbUser { id, db_user_id: DbUserId::new(uid.clone()), body }));
                                new_password.set(String::new());
                                changing.set(None);
                            } }>"Change DB user"</button>
                            <button type="button" on:click=move |_| changing.set(None)>"Cancel"</button>
                        </div>
                    </div>
                }
            })}
            <Show when=can_change>
                <div class="form-grid plain">
                    <h2>"Add a DB user"</h2>
                    <Field label="DB user name (1–32 characters)" name="DB user name" value=name check=name_check maxlength=32 quiet_empty=true/>
                    <Field label="DB user password (1–32 characters)" name="Password" kind="password" value=password check=password_check maxlength=32 quiet_empty=true/>
                    <label><span>"Authority"</span><select prop:value=authority on:change:target=move |ev| authority.set(ev.target().value())><option value="CRUD">"DML (CRUD)"</option><option value="DDL">"DDL"</option></select></label>
                    <Field label="Default access rule address (optional)" name="Address" value=address check=address_check placeholder="10.0.0.0/8"
                        hint="With an address, access rules letting this user in from it are added too; without, add rules yourself before the user can connect."/>
                    <div class="form-actions">
                        <button type="button" prop:disabled=invalid on:click=move |_| {
                            let a = address.get();
                            let body = CreateDbUser { db_user_name: name.get(), db_password: password.get(), authority_type: Some(rds::AuthorityType::parse(&authority.get())), create_default_hba_rules: Some(!a.trim().is_empty()), address: Some(a).filter(|a| !a.trim().is_empty()) };
                            ask(&o.get_value(), |id| crate::change!(CreateDbUser { id, body }));
                            password.set(String::new());
                        }>"Create DB user"</button>
                    </div>
                </div>
            </Show>
        </div>
    }
}

const CHARTS: &[&str] = &["CPU_USAGE", "MEMORY_USAGE", "DATABASE_CONNECTIONS", "STORAGE_USAGE", "QUERIES_PER_SECOND"];

/// A datetime-local input's value (`YYYY-MM-DDTHH:MM[:SS]`), read as UTC,
/// in unix seconds.
fn utc_minute(s: &str) -> Option<i64> {
    let s = s.trim();
    rds::datetime::parse_rfc3339_lenient(&if s.len() == 16 { format!("{s}:00") } else { s.to_string() })
}

#[component]
fn MonitoringTab(data: Tab<MetricsData>, minutes: RwSignal<(i64, Option<i64>)>, charted: RwSignal<Vec<String>>) -> impl IntoView {
    let custom = RwSignal::new(false);
    view! {
        <div class="card wide">
            <div class="inline-form">
                <label><span>"Range"</span>
                    <select on:change:target=move |ev| {
                        let v = ev.target().value();
                        custom.set(v == "custom");
                        if let Ok(m) = v.parse() { minutes.set((m, None)); }
                    }>
                        <option value="60">"Last hour"</option>
                        <option value="1440">"Last day"</option>
                        <option value="10080">"Last week"</option>
                        <option value="custom">"Custom…"</option>
                    </select></label>
                {move || custom.get().then(|| crate::components::on_demand("Loading…", async move { custom_range(minutes).await }))}
            </div>
            <Loaded data loading="Loading metrics…" let:metrics>
                <Charts metrics charted/>
            </Loaded>
        </div>
    }
}

/// The custom range's fields, loaded when a member picks "Custom…".
#[leptos::lazy]
fn custom_range(minutes: RwSignal<(i64, Option<i64>)>) -> AnyView {
    view! { <CustomRange minutes/> }.into_any()
}

#[component]
fn CustomRange(minutes: RwSignal<(i64, Option<i64>)>) -> impl IntoView {
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let range_error = move || {
        let (f, t) = (utc_minute(&from.get()), utc_minute(&to.get()));
        match (f, t) {
            (None, _) => Some("From must be a date and time".to_string()),
            (_, None) => Some("To must be a date and time".to_string()),
            (Some(f), Some(t)) if t - f < 600 => Some("The range must be at least 10 minutes, To after From".to_string()),
            (Some(f), Some(t)) if t - f > 31 * 86_400 => Some("The range can be at most 31 days".to_string()),
            _ => None,
        }
    };
    view! {
        <label><span>"From (UTC)"</span><input type="datetime-local" prop:value=from on:input:target=move |ev| from.set(ev.target().value())/></label>
        <label><span>"To (UTC)"</span><input type="datetime-local" prop:value=to on:input:target=move |ev| to.set(ev.target().value())/></label>
        <button type="button" prop:disabled=move || range_error().is_some() on:click=move |_| {
            if let (Some(f), Some(t)) = (utc_minute(&from.get()), utc_minute(&to.get())) {
                minutes.set(((t - f) / 60, Some(t)));
            }
        }>"Show range"</button>
        <FieldError name="Range" error=Signal::derive(move || (!from.get().is_empty() || !to.get().is_empty()).then(range_error).flatten())/>
    }
}

/// The metric picker and a chart for each metric picked.
#[component]
fn Charts(metrics: MetricsData, charted: RwSignal<Vec<String>>) -> impl IntoView {
    let (available, series, lines) = metrics;
    view! {
        <fieldset class="checks metric-picker">
            <legend>"Metrics"</legend>
            {available.into_iter().map(|m| {
                let name = m.metric_name.clone();
                let on = charted.with(|c| c.contains(&name));
                let label = metric_label(&m.metric_name, &m.unit);
                view! {
                    <label class="check"><input type="checkbox" prop:checked=on on:change:target=move |ev| {
                        let (want, name) = (ev.target().checked(), name.clone());
                        charted.update(|c| { c.retain(|x| *x != name); if want { c.push(name); } });
                    }/>{label}</label>
                }
            }).collect_view()}
        </fieldset>
        {series.is_empty().then(|| view! { <p class="empty">"Pick at least one metric to chart."</p> })}
        <div class="charts">{series.into_iter().map(|s| {
            let watch: Vec<_> = lines.iter().filter(|l| l.watchdog.metric_name == s.metric_name).cloned().collect();
            view! { <MetricChart series=s watch/> }
        }).collect_view()}</div>
    }
}

#[component]
fn ActivityTab(id: String, data: Tab<Vec<crate::api::domain_types::JobView>>) -> impl IntoView {
    view! {
        <p><a href=format!("/audit?resource={id}")>"Audit history of this instance"</a></p>
        <Loaded data loading="Loading jobs…" let:list>
            {if list.is_empty() {
                view! { <p class="empty">"No jobs through pgdeck yet."</p> }.into_any()
            } else {
                view! { <JobTable jobs=list/> }.into_any()
            }}
        </Loaded>
    }
}
