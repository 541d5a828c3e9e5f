//! The instances list, with the actions the console offers per instance.

use crate::api::{list_instances, needs_approval, ActionOutcome, InstanceAction, InstanceCommand};
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

fn action_name(cmd: &InstanceCommand) -> &'static str {
    match cmd {
        InstanceCommand::Start => "start_db_instance",
        InstanceCommand::Stop => "stop_db_instance",
        InstanceCommand::Restart { .. } => "restart_db_instance",
        InstanceCommand::ForceRestart => "force_restart_db_instance",
        InstanceCommand::Backup { .. } => "backup_db_instance",
        InstanceCommand::Delete => "delete_db_instance",
        InstanceCommand::Describe { .. } => "modify_db_instance",
    }
}

/// What a confirmation says will happen.
fn consequence(cmd: &InstanceCommand) -> (&'static str, &'static str) {
    match cmd {
        InstanceCommand::Start => ("Start", "The instance starts and accepts connections again."),
        InstanceCommand::Stop => ("Stop", "The instance shuts down: every connection is cut until it is started again."),
        InstanceCommand::Restart { .. } => ("Restart", "The instance restarts: connections drop for a short while."),
        InstanceCommand::ForceRestart => ("Force restart", "The database process is killed and restarted without a clean shutdown."),
        InstanceCommand::Backup { .. } => ("Back up", "A manual backup is taken now; the instance stays available."),
        InstanceCommand::Delete => ("Delete", "The instance and its data are deleted. This cannot be undone."),
        InstanceCommand::Describe { .. } => ("Save", "The description changes; nothing restarts."),
    }
}

/// All DB instances of the project, searchable without a round trip, with
/// progress shown live while jobs run.
#[component]
pub fn InstancesPage() -> impl IntoView {
    let live = use_context::<LiveJobs>();
    let act = ServerAction::<InstanceAction>::new();
    let tick = move || live.map(|l| l.tick.get()).unwrap_or(0);
    let instances = Resource::new(move || (tick(), act.version().get()), |_| list_instances());
    let (filter, set_filter) = signal(String::new());
    let pending: RwSignal<Option<(DbInstance, InstanceCommand)>> = RwSignal::new(None);
    let can_change = move || super::me().is_some_and(|m| m.can_change);
    let gated = Resource::new(
        move || pending.get().map(|(_, c)| action_name(&c).to_string()),
        |a| async move {
            match a {
                Some(a) => needs_approval(a).await.unwrap_or(false),
                None => false,
            }
        },
    );
    let (reason, set_reason) = signal(String::new());
    let waiting = Resource::new(move || act.version().get(), |_| crate::api::approvals_waiting());
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
                        <input
                            type="search"
                            placeholder="name, version, status…"
                            prop:value=filter
                            on:input:target=move |ev| set_filter.set(ev.target().value())
                        />
                    </label>
                    <button type="button" on:click=move |_| instances.refetch()>
                        "Refresh"
                    </button>
                </div>
            </div>
            {move || act.value().get().map(|r| match r {
                Ok(ActionOutcome::Ran(Some(job))) => view! { <p class="ok-note" role="status">{format!("Started job {job}; its progress shows below and in Jobs.")}</p> }.into_any(),
                Ok(ActionOutcome::Ran(None)) => view! { <p class="ok-note" role="status">"Done."</p> }.into_any(),
                Ok(ActionOutcome::Requested(n)) => view! {
                    <p class="ok-note" role="status">
                        {format!("This action needs approval: request #{n} waits for an approver. ")}
                        <a href=format!("/approvals?view=mine&id={n}")>"See the request"</a>
                    </p>
                }.into_any(),
                Err(e) => view! { <ErrorNote error=e/> }.into_any(),
            })}
            <Transition fallback=|| view! { <p class="loading">"Loading instances…"</p> }>
                {move || {
                    instances
                        .get()
                        .map(|result| match result {
                            Err(e) => view! { <ErrorNote error=e/> }.into_any(),
                            Ok(list) => {
                                let total = list.len();
                                let list = StoredValue::new(list);
                                let shown = move || {
                                    let f = filter.get();
                                    list.with_value(|l| l.iter().filter(|i| matches(i, &f)).cloned().collect::<Vec<_>>())
                                };
                                view! {
                                    <p class="count" aria-live="polite">
                                        {move || format!("{} of {} instances", shown().len(), total)}
                                    </p>
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
            {move || pending.get().map(|(inst, cmd)| {
                let (verb, what) = consequence(&cmd);
                let name = inst.db_instance_name.clone();
                let id = inst.db_instance_id.0.clone();
                let destructive = matches!(cmd, InstanceCommand::Delete | InstanceCommand::Stop | InstanceCommand::ForceRestart);
                view! {
                    <div class="modal-backdrop">
                        <div class="modal" role="dialog" aria-modal="true" aria-labelledby="confirm-title">
                            <h2 id="confirm-title">{format!("{verb} {name}?")}</h2>
                            <p>{what}</p>
                            <p class="sub">{format!("Instance {id}")}</p>
                            <Suspense fallback=|| ()>
                                {move || gated.get().filter(|g| *g).map(|_| view! {
                                    <p class="hint">"This action needs another member's approval: it will be filed as a request, not run now."</p>
                                })}
                            </Suspense>
                            <label class="block">
                                <span>"Reason (required when approval is needed)"</span>
                                <textarea rows="2" prop:value=reason on:input:target=move |ev| set_reason.set(ev.target().value())></textarea>
                            </label>
                            <div class="form-actions">
                                <button
                                    type="button"
                                    class=if destructive { "danger" } else { "primary" }
                                    on:click=move |_| {
                                        act.dispatch(InstanceAction { id: id.clone(), command: cmd.clone(), reason: reason.get_untracked() });
                                        set_reason.set(String::new());
                                        pending.set(None);
                                    }
                                >
                                    {format!("{verb} {name}")}
                                </button>
                                <button type="button" on:click=move |_| pending.set(None)>"Cancel"</button>
                            </div>
                        </div>
                    </div>
                }
            })}
        </section>
    }
}

#[component]
fn InstanceRow(
    i: DbInstance,
    pending: RwSignal<Option<(DbInstance, InstanceCommand)>>,
    can_change: impl Fn() -> bool + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let role = i.db_instance_type.as_ref().map(|t| t.label().to_string()).unwrap_or_default();
    let status = i.db_instance_status.as_ref().map(|s| s.as_str().to_string()).unwrap_or_default();
    let progress = i.progress_status.clone().filter(|p| p.is_busy()).map(|p| p.label().to_string());
    let busy = progress.is_some();
    let created = i.created_ymdt.as_ref().map(|t| t.display()).unwrap_or_default();
    let running = i.db_instance_status == Some(DbInstanceStatus::Available);
    let stopped = i.db_instance_status == Some(DbInstanceStatus::Shutdown);
    let name = i.db_instance_name.clone();
    let ask = {
        let i = i.clone();
        move |cmd: InstanceCommand| pending.set(Some((i.clone(), cmd)))
    };
    let (a1, a2, a3, a4, a5) = (ask.clone(), ask.clone(), ask.clone(), ask.clone(), ask);
    view! {
        <tr class="instance-row" data-instance=i.db_instance_name.clone()>
            <td>
                <span class="name">{i.db_instance_name.clone()}</span>
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
            <td>
                <StatusPill text=status/>
            </td>
            <td class="task">{progress.map(|p| view! { <span class="busy-dot" aria-hidden="true"></span> {p} })}</td>
            <td class="when">{created}</td>
            <Show when=can_change>
                <td class="actions">
                    {
                        let (a1, a2, a3, a4, a5) = (a1.clone(), a2.clone(), a3.clone(), a4.clone(), a5.clone());
                        let name = name.clone();
                        view! {
                            <Show when=move || stopped && !busy>
                                <button type="button" aria-label=format!("Start {name}") on:click={ let a = a1.clone(); move |_| a(InstanceCommand::Start) }>"Start"</button>
                            </Show>
                            <Show when=move || running && !busy>
                                <button type="button" on:click={ let a = a2.clone(); move |_| a(InstanceCommand::Restart { online_failover: false, backup_first: false }) }>"Restart"</button>
                                <button type="button" on:click={ let a = a3.clone(); move |_| a(InstanceCommand::Backup { name: format!("manual-{}", js_now()) }) }>"Back up"</button>
                                <button type="button" on:click={ let a = a4.clone(); move |_| a(InstanceCommand::Stop) }>"Stop"</button>
                            </Show>
                            <Show when=move || !busy>
                                <button type="button" class="danger-text" on:click={ let a = a5.clone(); move |_| a(InstanceCommand::Delete) }>"Delete"</button>
                            </Show>
                        }
                    }
                </td>
            </Show>
        </tr>
    }
}

/// Seconds since the epoch in the browser (for default backup names).
fn js_now() -> u64 {
    #[cfg(feature = "hydrate")]
    {
        (js_sys_now() / 1000.0) as u64
    }
    #[cfg(not(feature = "hydrate"))]
    {
        0
    }
}

#[cfg(feature = "hydrate")]
fn js_sys_now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.time_origin() + p.now()).unwrap_or(0.0)
}
