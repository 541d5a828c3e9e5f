//! The instances list, with the actions the console offers per instance.

use crate::api::{instance_extras, list_instances, Call, ChangeOutcome, InstanceExtra, RequestChange};
use rds::DbInstanceId;

/// Builds a call for one instance: what a row button or the bulk bar asks for.
type MakeCall = fn(DbInstanceId) -> crate::api::Change;
use crate::components::confirm::{ActionResult, ConfirmDialog, Pending};
use crate::components::form::or_error;
use crate::components::live::LiveJobs;
use crate::components::{Meter, Padlock, StatusPill};
use crate::i18n::{msg::instances as m, t, tf};
use leptos::prelude::*;
use rds::types::DbInstance;
use rds::DbInstanceStatus;

/// Whether the free-text filter finds `needle` in the instance's name,
/// description, version, id or status. Case is ignored for ASCII letters,
/// which is all these fields hold; folding the whole of Unicode would put
/// its case tables (8 KiB compressed) into the first page's download.
fn matches(i: &DbInstance, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    let needle = needle.to_ascii_lowercase();
    [
        i.db_instance_name.as_str(),
        i.description.as_deref().unwrap_or(""),
        i.db_version.as_str(),
        i.db_instance_id.as_str(),
        i.db_instance_status.as_ref().map(|s| s.as_str()).unwrap_or(""),
    ]
    .iter()
    .any(|f| f.to_ascii_lowercase().contains(&needle))
}

/// The list's filters beyond free text: status, zone, flavor, version.
#[derive(Clone, Copy)]
struct Filters {
    text: RwSignal<String>,
    status: RwSignal<String>,
    zone: RwSignal<String>,
    flavor: RwSignal<String>,
    version: RwSignal<String>,
}

impl Filters {
    fn keep(&self, i: &DbInstance, extra: Option<&InstanceExtra>) -> bool {
        let eq = |want: String, have: &str| want.is_empty() || want == have;
        matches(i, &self.text.get())
            && eq(self.status.get(), i.db_instance_status.as_ref().map(|s| s.as_str()).unwrap_or(""))
            && eq(self.version.get(), &i.db_version)
            && eq(self.zone.get(), extra.map(|e| e.zone.as_str()).unwrap_or(""))
            && eq(self.flavor.get(), extra.map(|e| e.flavor.as_str()).unwrap_or(""))
    }
}

/// A select over the distinct values of a column.
fn choice(
    label: &'static str,
    value: RwSignal<String>,
    options: impl Fn() -> Vec<String> + Send + Sync + 'static,
    show: fn(&str) -> String,
) -> impl IntoView {
    view! {
        <label>
            <span>{label}</span>
            <select prop:value=value on:change:target=move |ev| value.set(ev.target().value())>
                <option value="">{t(m::FILTER_ALL)}</option>
                {move || options().into_iter().map(|o| view! { <option value=o.clone()>{show(&o)}</option> }).collect_view()}
            </select>
        </label>
    }
}

/// All DB instances of the project, searchable and filterable without a
/// round trip, grouped by instance group on request, with progress shown
/// live while jobs run and bulk actions on a selection.
#[component]
pub fn InstancesPage() -> impl IntoView {
    let live = use_context::<LiveJobs>();
    let act = ServerAction::<RequestChange>::new();
    let tick = move || live.map(|l| l.tick.get()).unwrap_or(0);
    let bulk_done = RwSignal::new(0u32);
    let instances = crate::data::load(move || (tick(), act.version().get(), bulk_done.get()), |_| list_instances());
    // Flavor, storage and zone change only when a job ends (one detail read
    // per instance), not on every progress step.
    let finished = move || live.map(|l| l.jobs.with(|j| j.iter().filter(|x| x.finished).count())).unwrap_or(0);
    let extras = crate::data::load(move || (act.version().get(), bulk_done.get(), finished()), |_| instance_extras());
    let f = Filters {
        text: RwSignal::new(String::new()),
        status: RwSignal::new(String::new()),
        zone: RwSignal::new(String::new()),
        flavor: RwSignal::new(String::new()),
        version: RwSignal::new(String::new()),
    };
    let grouped = RwSignal::new(false);
    // The instance groups as upstream keeps them, read once grouping is on.
    let group_facts = crate::data::load(
        move || grouped.get(),
        |on| async move {
            if on {
                crate::api::instance_groups().await
            } else {
                Ok(Vec::new())
            }
        },
    );
    let selected: RwSignal<Vec<(String, String)>> = RwSignal::new(Vec::new());
    let pending: Pending = RwSignal::new(None);
    let can_change = move || super::me().is_some_and(|m| m.can_change);
    let waiting = crate::data::load(move || act.version().get(), |_| crate::api::approvals_waiting());
    let extra_list = move || extras.get().and_then(Result::ok).unwrap_or_default();
    let distinct = move |pick: fn(&InstanceExtra) -> String| {
        move || {
            let mut v: Vec<String> = extra_list().iter().map(pick).filter(|s| !s.is_empty()).collect();
            v.sort();
            v.dedup();
            v
        }
    };
    let versions = move || {
        let mut v: Vec<String> = instances.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|i| i.db_version).collect();
        v.sort();
        v.dedup();
        v
    };
    view! {
        <section>
            <Transition fallback=|| ()>
                {move || waiting.get().and_then(Result::ok).filter(|n| *n > 0).map(|n| view! {
                    <p class="banner">
                        {tf(m::waiting_banner(n))}" "
                        <a href="/approvals?view=inbox">{t(m::REVIEW_THEM)}</a>
                    </p>
                })}
            </Transition>
            <div class="page-head">
                <h1>{t(m::INSTANCES_TITLE)}</h1>
                <div class="tools">
                    <button type="button" on:click=move |_| { instances.refetch(); extras.refetch(); }>{t(m::REFRESH)}</button>
                    <Show when=can_change>
                        <a class="button primary" href="/instances/new">{t(m::CREATE_DB_INSTANCE)}</a>
                    </Show>
                </div>
            </div>
            <div class="filters" role="search" aria-label=t(m::FILTER_INSTANCES)>
                <label class="search">
                    <span>{t(m::SEARCH_INSTANCES)}</span>
                    <input type="search" placeholder=t(m::SEARCH_PLACEHOLDER) prop:value=f.text on:input:target=move |ev| f.text.set(ev.target().value())/>
                </label>
                <label>
                    <span>{t(m::FILTER_STATUS)}</span>
                    <select prop:value=f.status on:change:target=move |ev| f.status.set(ev.target().value())>
                        <option value="">{t(m::FILTER_ALL)}</option>
                        <option value="AVAILABLE">{t(m::STATUS_AVAILABLE)}</option>
                        <option value="SHUTDOWN">{t(m::STATUS_STOPPED)}</option>
                        <option value="BEFORE_CREATE">{t(m::STATUS_BEING_CREATED)}</option>
                    </select>
                </label>
                <Transition fallback=|| ()>
                    {choice(t(m::FILTER_ZONE), f.zone, distinct(|e| e.zone.clone()), str::to_string)}
                    {choice(t(m::FILTER_FLAVOR), f.flavor, distinct(|e| e.flavor.clone()), str::to_string)}
                    {choice(t(m::FILTER_VERSION), f.version, versions, model::version_label)}
                </Transition>
                <label class="check"><input type="checkbox" prop:checked=grouped on:change:target=move |ev| grouped.set(ev.target().checked())/>{t(m::GROUP_BY_GROUP)}</label>
            </div>
            <ActionResult act/>
            <BulkBar selected done=bulk_done/>
            <Transition fallback=|| view! { <crate::components::form::Loading text=t(m::LOADING_INSTANCES)/> }>
                {move || {
                    // A poll redraws the rows: the control a keyboard member is on keeps focus.
                    crate::components::focus::keep_through_redraw("table[data-list=\"instances\"]", "data-instance");
                    instances.get().map(|result| or_error(result, |list| {
                            let total = list.len();
                            let list = StoredValue::new(list);
                            let extras = StoredValue::new(extra_list());
                            let shown = move || {
                                list.with_value(|l| {
                                    extras.with_value(|x| {
                                        l.iter().filter(|i| f.keep(i, x.iter().find(|e| e.id == i.db_instance_id.0))).cloned().collect::<Vec<_>>()
                                    })
                                })
                            };
                            let extra_of = move |id: &str| extras.with_value(|x| x.iter().find(|e| e.id == id).cloned());
                            let head = view! {
                                <thead>
                                    <tr>
                                        <Show when=can_change><th scope="col"><span class="visually-hidden">{t(m::COL_SELECT)}</span></th></Show>
                                        <th scope="col" class="narrow-col"><span class="visually-hidden">{t(m::COL_DELETION_PROTECTION)}</span></th>
                                        <th scope="col">{t(m::COL_NAME)}</th>
                                        <th scope="col">{t(m::COL_ROLE)}</th>
                                        <th scope="col">{t(m::COL_SPECIFICATION)}</th>
                                        <th scope="col">{t(m::COL_VERSION)}</th>
                                        <th scope="col">{t(m::COL_CPU)}</th>
                                        <th scope="col">{t(m::COL_SESSIONS)}</th>
                                        <th scope="col">{t(m::COL_STORAGE)}</th>
                                        <th scope="col">{t(m::COL_ZONE)}</th>
                                        <th scope="col">{t(m::INSTANCE_COL_STATUS)}</th>
                                        <Show when=can_change>
                                            <th scope="col">{t(m::COL_ACTIONS)}</th>
                                        </Show>
                                    </tr>
                                </thead>
                            };
                            view! {
                                <p class="count" aria-live="polite">{move || tf(m::shown_of(shown().len(), total))}</p>
                                <div class="table-scroll"><table class="grid" data-list="instances" aria-label=t(m::TABLE_LABEL)>
                                    {head}
                                    {move || if grouped.get() {
                                        let mut rows = shown();
                                        rows.sort_by(|a, b| (a.db_instance_group_id.0.as_str(), a.db_instance_name.as_str()).cmp(&(b.db_instance_group_id.0.as_str(), b.db_instance_name.as_str())));
                                        let mut groups: Vec<(String, Vec<DbInstance>)> = Vec::new();
                                        for i in rows {
                                            match groups.last_mut() {
                                                Some((g, v)) if *g == i.db_instance_group_id.0 => v.push(i),
                                                _ => groups.push((i.db_instance_group_id.0.clone(), vec![i])),
                                            }
                                        }
                                        groups.into_iter().map(|(g, members)| {
                                            let roles: Vec<String> = members.iter().map(|i| i.db_instance_type.as_ref().map(|t| crate::i18n::words(t)).unwrap_or_default()).collect();
                                            let known = group_facts.get().and_then(Result::ok).unwrap_or_default().into_iter().find(|x| x.db_instance_group_id.0 == g);
                                            let about = known.map(|k| {
                                                let kind = k.replication_type.as_ref().map(|t| crate::i18n::words(t)).unwrap_or_default();
                                                let since = k.created_ymdt.as_ref().map(|w| tf(m::since(w.display()))).unwrap_or_default();
                                                format!(" ({kind}{since})")
                                            }).unwrap_or_default();
                                            view! {
                                                <tbody class="group" aria-label=tf(m::instance_group(g.clone()))>
                                                    <tr class="group-head"><th colspan="12" scope="rowgroup">{tf(m::instance_group_head(g.clone(), about.clone(), roles.join(", ")))}</th></tr>
                                                    {members.into_iter().map(|i| { let x = extra_of(&i.db_instance_id.0); view! { <InstanceRow i extra=x pending selected can_change/> } }).collect_view()}
                                                </tbody>
                                            }
                                        }).collect_view().into_any()
                                    } else {
                                        view! {
                                            <tbody>
                                                <For each=shown key=|i| (i.db_instance_id.clone(), i.updated_ymdt.as_ref().map(|t| t.raw().to_string()), i.progress_status.clone()) let:i>
                                                    {
                                                        let x = extra_of(&i.db_instance_id.0);
                                                        view! { <InstanceRow i extra=x pending selected can_change/> }
                                                    }
                                                </For>
                                            </tbody>
                                        }.into_any()
                                    }}
                                </table></div>
                            }
                            .into_any()
                        }))
                }}
            </Transition>
            <ConfirmDialog pending act/>
        </section>
    }
}

/// The actions that apply to several instances at once, as the console
/// offers them; each instance goes through the gateway on its own (gated
/// ones become approval requests), and the outcome is listed per instance.
#[component]
fn BulkBar(selected: RwSignal<Vec<(String, String)>>, done: RwSignal<u32>) -> impl IntoView {
    let asking: RwSignal<Option<MakeCall>> = RwSignal::new(None);
    let reason = RwSignal::new(String::new());
    let results: RwSignal<Vec<(String, String)>> = RwSignal::new(Vec::new());
    let running = RwSignal::new(false);
    let run = move |_| {
        let Some(make) = asking.get_untracked() else { return };
        let targets = selected.get_untracked();
        let why = reason.get_untracked();
        asking.set(None);
        running.set(true);
        results.set(Vec::new());
        leptos::task::spawn_local(async move {
            for (id, name) in targets {
                let mut call = make(DbInstanceId::new(id));
                // A backup is named after its instance.
                if let Call::BackupDbInstance { body, .. } = &mut call.call {
                    if body.backup_name.is_empty() {
                        body.backup_name = format!("{name}-manual");
                    }
                }
                let line = match crate::api::request_change(call, why.clone()).await {
                    Ok(ChangeOutcome::Ran { job: Some(job), .. }) => tf(crate::i18n::msg::instances::bulk_started(job)),
                    Ok(ChangeOutcome::Ran { job: None, .. }) => t(crate::i18n::msg::instances::BULK_DONE).to_string(),
                    Ok(ChangeOutcome::Requested { approval }) => tf(crate::i18n::msg::instances::bulk_filed(approval.to_string())),
                    Err(e) => tf(crate::i18n::msg::instances::bulk_failed(crate::i18n::error_words(&e))),
                };
                results.update(|r| r.push((name, line)));
            }
            running.set(false);
            selected.set(Vec::new());
            done.update(|n| *n += 1);
        });
    };
    let offer = move |make: MakeCall, label: &'static str| {
        view! { <button type="button" on:click=move |_| asking.set(Some(make))>{label}</button> }
    };
    view! {
        <Show when=move || !selected.with(Vec::is_empty)>
            <div class="toolbar bulk" role="toolbar" aria-label=t(m::SELECTED_INSTANCES)>
                <span>{move || tf(m::selected_count(selected.with(Vec::len)))}</span>
                {offer(|id| crate::change!(StartDbInstance { id }), t(m::START_SELECTED))}
                {offer(|id| crate::change!(RestartDbInstance { id, body: Default::default() }), t(m::RESTART_SELECTED))}
                {offer(|id| crate::change!(BackupDbInstance { id, body: Default::default() }), t(m::BACKUP_SELECTED))}
                {offer(|id| crate::change!(StopDbInstance { id }), t(m::STOP_SELECTED))}
                <button type="button" on:click=move |_| selected.set(Vec::new())>{t(m::CLEAR_SELECTION)}</button>
            </div>
        </Show>
        {move || asking.get().map(|make| {
            let (verb, what) = model::actions::describe(&make(DbInstanceId::default()).call);
            let names = selected.with(|s| s.iter().map(|(_, n)| n.clone()).collect::<Vec<_>>().join(", "));
            let dialog = NodeRef::<leptos::html::Div>::new();
            crate::components::modal::keep_focus(dialog, move || asking.set(None));
            view! {
                <div class="modal-backdrop">
                    <div class="modal" role="dialog" aria-modal="true" aria-labelledby="bulk-title" node_ref=dialog
                        on:keydown=move |ev| crate::components::modal::on_key(ev, dialog, move || asking.set(None))>
                        <h2 id="bulk-title">{tf(m::bulk_title(verb, selected.with(Vec::len)))}</h2>
                        <p>{names}</p>
                        <p>{what}</p>
                        <label class="block"><span>{t(crate::i18n::msg::change::REASON_REQUIRED)}</span>
                            <textarea rows="2" prop:value=reason on:input:target=move |ev| reason.set(ev.target().value())></textarea></label>
                        <div class="form-actions">
                            <button type="button" class="primary" on:click=run>{tf(m::bulk_run(verb))}</button>
                            <button type="button" on:click=move |_| asking.set(None)>{t(crate::i18n::msg::change::CANCEL)}</button>
                        </div>
                    </div>
                </div>
            }
        })}
        <Show when=move || running.get() || !results.with(Vec::is_empty)>
            <div class="card" aria-live="polite" aria-label=t(m::BULK_RESULTS)>
                <ul>{move || results.get().into_iter().map(|(n, r)| view! { <li>{format!("{n}: {r}")}</li> }).collect_view()}</ul>
                {move || running.get().then(|| view! { <crate::components::form::Loading text=t(m::WORKING_THROUGH)/> })}
            </div>
        </Show>
    }
}

#[component]
fn InstanceRow(
    i: DbInstance,
    extra: Option<InstanceExtra>,
    pending: Pending,
    selected: RwSignal<Vec<(String, String)>>,
    can_change: impl Fn() -> bool + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let role = i.db_instance_type.as_ref().map(|t| crate::i18n::words(t)).unwrap_or_default();
    let status = i.db_instance_status.as_ref().map(|s| s.as_str().to_string()).unwrap_or_default();
    let progress = i.progress_status.clone().filter(|p| p.is_busy()).map(|p| crate::i18n::words(&p));
    let busy = progress.is_some();
    let running = i.db_instance_status == Some(DbInstanceStatus::Available);
    let stopped = i.db_instance_status == Some(DbInstanceStatus::Shutdown);
    let target = StoredValue::new((i.db_instance_id.0.clone(), i.db_instance_name.clone()));
    let ask = move |make: MakeCall| {
        move |_| {
            let (id, name) = target.get_value();
            pending.set(Some((name, make(DbInstanceId::new(id)))))
        }
    };
    let (select_id, select_name) = (i.db_instance_id.0.clone(), i.db_instance_name.clone());
    view! {
        <tr class="instance-row" data-instance=i.db_instance_name.clone()>
            <Show when=can_change>
                <td>{
                    let (sid, sname) = (select_id.clone(), select_name.clone());
                    let sid2 = sid.clone();
                    view! {
                        <input type="checkbox" aria-label=tf(m::select_instance(sname.clone()))
                            prop:checked=move || selected.with(|s| s.iter().any(|(x, _)| x == &sid))
                            on:change:target=move |ev| {
                                let on = ev.target().checked();
                                selected.update(|s| { s.retain(|(x, _)| x != &sid2); if on { s.push((sid2.clone(), sname.clone())); } });
                            }/>
                    }
                }</td>
            </Show>
            <td class="narrow-col">{extra.as_ref().map(|x| view! { <Padlock on=x.deletion_protection/> })}</td>
            <td>
                <a class="name" href=format!("/instances/{}", i.db_instance_id)>{i.db_instance_name.clone()}</a>
                {extra.as_ref().filter(|x| x.parameter_changes_waiting).map(|_| view! {
                    <a class="pill busy" href=format!("/instances/{}/settings", i.db_instance_id) aria-label=t(m::PARAMETER_WAITING)
                        title=t(m::PARAMETER_WAITING_TITLE)>{t(m::PARAMETER_PILL)}</a>
                })}
                <span class="sub" data-words="upstream">{i.description.clone().unwrap_or_default()}</span>
                <span class="sub">
                    <a href=format!("/jobs?resource={}", i.db_instance_id)>{t(m::INST_JOBS_LINK)}</a>
                    " · "
                    <a href=format!("/audit?resource={}", i.db_instance_id)>{t(m::INST_AUDIT_LINK)}</a>
                </span>
            </td>
            <td>{role}</td>
            <td>{extra.as_ref().filter(|x| !x.flavor.is_empty()).map(|x| view! { {x.flavor.clone()}<span class="sub">{format!("{} vCPU, {} GB RAM", x.vcpus, x.ram / 1024)}</span> })}</td>
            <td>{model::version_label(&i.db_version)}<span class="sub">{tf(m::inst_port(i.db_port))}</span></td>
            <td>{extra.as_ref().and_then(|x| x.cpu).map(|c| view! { <Meter percent=c label=tf(m::cpu_of(i.db_instance_name.clone()))/> })}</td>
            <td class="num">{extra.as_ref().and_then(|x| x.connections).map(|n| view! { <span aria-label=tf(m::inst_sessions(n))>{n}</span> })}</td>
            <td>{extra.as_ref().filter(|x| x.storage_size > 0).map(|x| view! { {x.storage_type.clone()}<span class="sub">{format!("{} GB", x.storage_size)}</span> })}</td>
            <td class="nowrap">{extra.as_ref().map(|x| x.zone.clone())}</td>
            <td><StatusPill code=status text=crate::i18n::words_of(i.db_instance_status.as_ref())/>
                {progress.map(|p| view! { <span class="task sub"><span class="busy-dot" aria-hidden="true"></span> {p}</span> })}</td>
            <Show when=can_change>
                <td class="actions"><div class="row-actions">
                    <Show when=move || stopped && !busy>
                        <button type="button" on:click=ask(|id| crate::change!(StartDbInstance { id }))>{t(m::START)}</button>
                    </Show>
                    <Show when=move || running && !busy>
                        <button type="button" on:click=ask(|id| crate::change!(RestartDbInstance { id, body: Default::default() }))>{t(m::RESTART)}</button>
                        <button type="button" on:click=ask(|id| crate::change!(BackupDbInstance { id, body: Default::default() }))>{t(m::BACK_UP)}</button>
                        <button type="button" on:click=ask(|id| crate::change!(StopDbInstance { id }))>{t(m::STOP)}</button>
                    </Show>
                    <Show when=move || !busy>
                        <button type="button" class="danger-text" on:click=ask(|id| crate::change!(DeleteDbInstance { id }))>{t(m::DELETE)}</button>
                    </Show>
                </div></td>
            </Show>
        </tr>
    }
}
