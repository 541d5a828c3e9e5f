//! The confirmation every action passes: it names the instance, says what
//! will happen, asks for a reason when approval is needed, and reports the
//! outcome (job started, request filed, or the error with upstream's code).

use crate::api::{needs_approval, ActionOutcome, InstanceAction, InstanceCommand};
use crate::components::ErrorNote;
use leptos::prelude::*;

/// An action waiting for confirmation: instance id, instance name, command.
pub type Pending = RwSignal<Option<(String, String, InstanceCommand)>>;

/// The dialog, shown while `pending` holds an action.
#[component]
pub fn ConfirmDialog(pending: Pending, act: ServerAction<InstanceAction>) -> impl IntoView {
    let gated = crate::data::load(
        move || pending.get().map(|(_, _, c)| c.action_name().to_string()),
        |a| async move {
            match a {
                Some(a) => needs_approval(a).await.unwrap_or(false),
                None => false,
            }
        },
    );
    let (reason, set_reason) = signal(String::new());
    // Options some actions take, asked here so every place that offers the
    // action offers them too.
    let online_failover = RwSignal::new(false);
    let backup_first = RwSignal::new(false);
    let backup_name = RwSignal::new(String::new());
    move || {
        pending.get().map(|(id, name, cmd)| {
            if let InstanceCommand::Restart { online_failover: f, backup_first: b } = &cmd {
                online_failover.set(*f);
                backup_first.set(*b);
            }
            if let InstanceCommand::Backup { name: n } = &cmd {
                backup_name.set(if n.is_empty() { format!("{name}-manual") } else { n.clone() });
            }
            let options = match &cmd {
                InstanceCommand::Restart { .. } => Some(view! {
                    <label class="check"><input type="checkbox" prop:checked=online_failover on:change:target=move |ev| online_failover.set(ev.target().checked())/>
                        "Restart with online failover (HA instances: the candidate takes over first)"</label>
                    <label class="check"><input type="checkbox" prop:checked=backup_first on:change:target=move |ev| backup_first.set(ev.target().checked())/>
                        "Back up before restarting"</label>
                }.into_any()),
                InstanceCommand::Backup { .. } => Some(view! {
                    <label class="block"><span>"Backup name"</span>
                        <input type="text" prop:value=backup_name on:input:target=move |ev| backup_name.set(ev.target().value())/></label>
                    {move || backup_name.with(|n| n.trim().is_empty() || n.chars().count() > 100).then(|| view! { <span class="field-error" role="alert">"Backup name must be 1–100 characters"</span> })}
                }.into_any()),
                _ => None,
            };
            let is_backup = matches!(cmd, InstanceCommand::Backup { .. });
            let blocked = move || is_backup && backup_name.with(|n| n.trim().is_empty() || n.chars().count() > 100);
            let (verb, what) = cmd.consequence();
            let destructive = matches!(cmd, InstanceCommand::Delete | InstanceCommand::Stop | InstanceCommand::ForceRestart | InstanceCommand::DeleteDatabase { .. } | InstanceCommand::DeleteUser { .. } | InstanceCommand::HaSplit);
            let label = format!("{verb} {name}");
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
                        {options}
                        <label class="block">
                            <span>"Reason (required when approval is needed)"</span>
                            <textarea rows="2" prop:value=reason on:input:target=move |ev| set_reason.set(ev.target().value())></textarea>
                        </label>
                        <div class="form-actions">
                            <button
                                type="button"
                                class=if destructive { "danger" } else { "primary" }
                                prop:disabled=blocked
                                on:click=move |_| {
                                    let command = match &cmd {
                                        InstanceCommand::Restart { .. } => {
                                            InstanceCommand::Restart { online_failover: online_failover.get_untracked(), backup_first: backup_first.get_untracked() }
                                        }
                                        InstanceCommand::Backup { .. } => InstanceCommand::Backup { name: backup_name.get_untracked().trim().to_string() },
                                        other => other.clone(),
                                    };
                                    act.dispatch(InstanceAction { id: id.clone(), command, reason: reason.get_untracked() });
                                    set_reason.set(String::new());
                                    pending.set(None);
                                }
                            >
                                {label.clone()}
                            </button>
                            <button type="button" on:click=move |_| pending.set(None)>"Cancel"</button>
                        </div>
                    </div>
                </div>
            }
        })
    }
}

/// The outcome of the last action, in words.
#[component]
pub fn ActionResult(act: ServerAction<InstanceAction>) -> impl IntoView {
    move || {
        act.value().get().map(|r| match r {
            Ok(ActionOutcome::Ran(Some(job))) => {
                view! { <p class="ok-note" role="status">{format!("Started job {job}; its progress shows here and in Jobs.")}</p> }
                    .into_any()
            }
            Ok(ActionOutcome::Ran(None)) => view! { <p class="ok-note" role="status">"Done."</p> }.into_any(),
            Ok(ActionOutcome::Requested(n)) => view! {
                <p class="ok-note" role="status">
                    {format!("This action needs approval: request #{n} waits for an approver. ")}
                    <a href=format!("/approvals?view=mine&id={n}")>"See the request"</a>
                </p>
            }
            .into_any(),
            Err(e) => view! { <ErrorNote error=e/> }.into_any(),
        })
    }
}
