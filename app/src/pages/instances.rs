//! The instances list, with the actions the console offers per instance.

use crate::api::{list_instances, InstanceAction, InstanceCommand};
use crate::components::confirm::{ActionResult, ConfirmDialog, Pending};
use crate::components::live::LiveJobs;
use crate::components::{ErrorNote, StatusPill};
use leptos::prelude::*;
use rds::types::DbInstance;
use rds::DbInstanceStatus;

fn matches(i: &DbInstance, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    let needle = needle.to_lowercase();
    [
        i.db_instance_name.as_str(),
        i.description.as_deref().unwrap_or(""),
        i.db_version.as_str(),
        i.db_instance_id.as_str(),
        i.db_instance_status.as_ref().map(|s| s.as_str()).unwrap_or(""),
    ]
    .iter()
    .any(|f| f.to_lowercase().contains(&needle))
}

/// All DB instances of the project, searchable without a round trip, with
/// progress shown live while jobs run.
#[component]
pub fn InstancesPage() -> impl IntoView {
    let live = use_context::<LiveJobs>();
    let act = ServerAction::<InstanceAction>::new();
    let tick = move || live.map(|l| l.tick.get()).unwrap_or(0);
    let instances = crate::data::load(move || (tick(), act.version().get()), |_| list_instances());
    let (filter, set_filter) = signal(String::new());
    let (status_filter, set_status_filter) = signal(String::new());
    let pending: Pending = RwSignal::new(None);
    let can_change = move || super::me().is_some_and(|m| m.can_change);
    let waiting = crate::data::load(move || act.version().get(), |_| crate::api::approvals_waiting());
    view! {
        <section>
            <Transition fallback=|| ()>
                {move || waiting.get().and_then(Result::ok).filter(|n| *n > 0).map(|n| view! {
                    <p class="banner">
                        {format!("{n} approval request(s) wait for your vote. ")}
                        <a href="/approvals?view=inbox">"Review them"</a>
                    </p>
                })}
            </Transition>
            <div class="page-head">
                <h1>"Instances"</h1>
                <div class="tools">
                    <label class="search">
                        <span>"Search instances"</span>
                        <input type="search" placeholder="name, version, status…" prop:value=filter on:input:target=move |ev| set_filter.set(ev.target().value())/>
                    </label>
                    <label>
                        <span>"Status"</span>
                        <select prop:value=status_filter on:change:target=move |ev| set_status_filter.set(ev.target().value())>
                            <option value="">"all"</option>
                            <option value="AVAILABLE">"available"</option>
                            <option value="SHUTDOWN">"stopped"</option>
                            <option value="BEFORE_CREATE">"being created"</option>
                        </select>
                    </label>
                    <button type="button" on:click=move |_| instances.refetch()>"Refresh"</button>
                    <Show when=can_change>
                        <a class="button primary" href="/instances/new">"Create DB instance"</a>
                    </Show>
                </div>
            </div>
            <ActionResult act/>
            <Transition fallback=|| view! { <p class="loading">"Loading instances…"</p> }>
                {move || {
                    instances.get().map(|result| match result {
                        Err(e) => view! { <ErrorNote error=e/> }.into_any(),
                        Ok(list) => {
                            let total = list.len();
                            let list = StoredValue::new(list);
                            let shown = move || {
                                let (f, st) = (filter.get(), status_filter.get());
                                list.with_value(|l| {
                                    l.iter()
                                        .filter(|i| matches(i, &f))
                                        .filter(|i| st.is_empty() || i.db_instance_status.as_ref().is_some_and(|s| s.as_str() == st))
                                        .cloned()
                                        .collect::<Vec<_>>()
                                })
                            };
                            view! {
                                <p class="count" aria-live="polite">{move || format!("{} of {} instances", shown().len(), total)}</p>
                                <table class="grid" aria-label="DB instances">
                                    <thead>
                                        <tr>
                                            <th scope="col">"Name"</th>
                                            <th scope="col">"Role"</th>
                                            <th scope="col">"Version"</th>
                                            <th scope="col">"Port"</th>
                                            <th scope="col">"Status"</th>
                                            <th scope="col">"Task"</th>
                                            <th scope="col">"Created"</th>
                                            <Show when=can_change>
                                                <th scope="col">"Actions"</th>
                                            </Show>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        <For each=shown key=|i| (i.db_instance_id.clone(), i.updated_ymdt.as_ref().map(|t| t.raw().to_string()), i.progress_status.clone()) let:i>
                                            <InstanceRow i pending can_change/>
                                        </For>
                                    </tbody>
                                </table>
                            }
                            .into_any()
                        }
                    })
                }}
            </Transition>
            <ConfirmDialog pending act/>
        </section>
    }
}

#[component]
fn InstanceRow(i: DbInstance, pending: Pending, can_change: impl Fn() -> bool + Send + Sync + Copy + 'static) -> impl IntoView {
    let role = i.db_instance_type.as_ref().map(|t| t.label().to_string()).unwrap_or_default();
    let status = i.db_instance_status.as_ref().map(|s| s.as_str().to_string()).unwrap_or_default();
    let progress = i.progress_status.clone().filter(|p| p.is_busy()).map(|p| p.label().to_string());
    let busy = progress.is_some();
    let created = i.created_ymdt.as_ref().map(|t| t.display()).unwrap_or_default();
    let running = i.db_instance_status == Some(DbInstanceStatus::Available);
    let stopped = i.db_instance_status == Some(DbInstanceStatus::Shutdown);
    let target = StoredValue::new((i.db_instance_id.0.clone(), i.db_instance_name.clone()));
    let ask = move |cmd: InstanceCommand| {
        move |_| {
            let (id, name) = target.get_value();
            pending.set(Some((id, name, cmd.clone())))
        }
    };
    view! {
        <tr class="instance-row" data-instance=i.db_instance_name.clone()>
            <td>
                <a class="name" href=format!("/instances/{}", i.db_instance_id)>{i.db_instance_name.clone()}</a>
                <span class="sub">{i.description.clone().unwrap_or_default()}</span>
                <span class="sub">
                    <a href=format!("/jobs?resource={}", i.db_instance_id)>"jobs"</a>
                    " · "
                    <a href=format!("/audit?resource={}", i.db_instance_id)>"audit history"</a>
                </span>
            </td>
            <td>{role}</td>
            <td>{i.db_version.clone()}</td>
            <td>{i.db_port}</td>
            <td><StatusPill text=status/></td>
            <td class="task">{progress.map(|p| view! { <span class="busy-dot" aria-hidden="true"></span> {p} })}</td>
            <td class="when">{created}</td>
            <Show when=can_change>
                <td class="actions">
                    <Show when=move || stopped && !busy>
                        <button type="button" on:click=ask(InstanceCommand::Start)>"Start"</button>
                    </Show>
                    <Show when=move || running && !busy>
                        <button type="button" on:click=ask(InstanceCommand::Restart { online_failover: false, backup_first: false })>"Restart"</button>
                        <button type="button" on:click=ask(InstanceCommand::Backup { name: "manual-backup".into() })>"Back up"</button>
                        <button type="button" on:click=ask(InstanceCommand::Stop)>"Stop"</button>
                    </Show>
                    <Show when=move || !busy>
                        <button type="button" class="danger-text" on:click=ask(InstanceCommand::Delete)>"Delete"</button>
                    </Show>
                </td>
            </Show>
        </tr>
    }
}
