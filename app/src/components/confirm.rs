//! The confirmation every change passes, whatever the call: it names what
//! the call acts on, says what will happen (from the action table), asks for
//! a reason when approval is needed, and reports the outcome (job started,
//! request filed, or the error with upstream's code).

use crate::api::{needs_approval, Call, Change, ChangeOutcome, RequestChange};
use crate::components::ErrorNote;
use crate::i18n::{msg::change as m, t, tf};
use leptos::prelude::*;
use model::actions::{self, Risk};

/// A change waiting for confirmation: the name of what it acts on, and the call.
pub type Pending = RwSignal<Option<(String, Change)>>;

/// Why a backup name is refused, if it is (the guide's rule: 1–100
/// letters, digits, `-` and `_`, starting with a letter).
fn backup_name_problem(n: &str) -> Option<String> {
    rds::validate::resource_name("backupName", n.trim(), false).err().map(|e| crate::i18n::refusal_message(&e))
}

/// The dialog, shown while `pending` holds a call. Its code loads when a
/// page first asks for a confirmation: pages open without it.
#[component]
pub fn ConfirmDialog(pending: Pending, act: ServerAction<RequestChange>) -> impl IntoView {
    move || {
        pending.get().map(|(name, change)| {
            super::on_demand(t(m::OPENING_CONFIRMATION), async move {
                // The actions' words come with the confirmation (pages.txt).
                crate::i18n::need_messages("ConfirmDialogRoute").await;
                dialog(name, change, pending, act).await
            })
        })
    }
}

#[leptos::lazy]
fn dialog(name: String, change: Change, pending: Pending, act: ServerAction<RequestChange>) -> AnyView {
    view! { <Dialog name change pending act/> }.into_any()
}

/// The dialog for one change.
#[component]
fn Dialog(name: String, change: Change, pending: Pending, act: ServerAction<RequestChange>) -> impl IntoView {
    let asked = change.clone();
    let gated = crate::data::load(
        move || (),
        move |()| {
            let asked = asked.clone();
            // The server runs the call's prechecks first: a change that
            // would be refused says so here, before a reason is asked for.
            async move { needs_approval(asked).await }
        },
    );
    let (reason, set_reason) = signal(String::new());
    // Options some calls take, asked here so every place that offers the
    // call offers them too.
    let online_failover = RwSignal::new(false);
    let backup_first = RwSignal::new(false);
    let backup_name = RwSignal::new(String::new());
    let call = change.call.clone();
    let options = match &call {
        Call::RestartDbInstance { body, .. } => {
            online_failover.set(body.use_online_failover);
            backup_first.set(body.execute_backup);
            Some(
                view! {
                    <label class="check"><input type="checkbox" prop:checked=online_failover on:change:target=move |ev| online_failover.set(ev.target().checked())/>
                        {t(m::ONLINE_FAILOVER)}</label>
                    <label class="check"><input type="checkbox" prop:checked=backup_first on:change:target=move |ev| backup_first.set(ev.target().checked())/>
                        {t(m::BACKUP_FIRST)}</label>
                }
                .into_any(),
            )
        }
        Call::BackupDbInstance { body, .. } => {
            let n = &body.backup_name;
            backup_name.set(if n.is_empty() { format!("{}-manual", name.replace('.', "-")) } else { n.clone() });
            Some(
                view! {
                    <label class="block"><span>{t(m::BACKUP_NAME)}</span>
                        <input type="text" prop:value=backup_name on:input:target=move |ev| backup_name.set(ev.target().value())/></label>
                    <super::form::FieldError name=t(m::BACKUP_NAME) error=Signal::derive(move || backup_name.with(|n| backup_name_problem(n)))/>
                }
                .into_any(),
            )
        }
        _ => None,
    };
    let is_backup = matches!(call, Call::BackupDbInstance { .. });
    let refused = move || gated.get().and_then(Result::err);
    let blocked = move || refused().is_some() || (is_backup && backup_name.with(|n| backup_name_problem(n)).is_some());
    let action = actions::of(&call);
    let (verb, what) = crate::i18n::call_words(&call);
    let destructive = action.risk == Risk::Destructive || action.gated_by_default;
    let label = crate::i18n::tf(crate::i18n::msg::common::grid_verb_what(verb.clone(), name.clone()));
    let kind = action.resource_type.replace('_', " ");
    let subject = format!("{kind} {}", call.target_id());
    let dialog = NodeRef::<leptos::html::Div>::new();
    super::modal::keep_focus(dialog, move || pending.set(None));
    view! {
        <div class="modal-backdrop">
            <div class="modal" role="dialog" aria-modal="true" aria-labelledby="confirm-title" node_ref=dialog
                on:keydown=move |ev| super::modal::on_key(ev, dialog, move || pending.set(None))>
                <h2 id="confirm-title">{crate::i18n::tf(crate::i18n::msg::actions::act_confirm_title(verb.clone(), name.clone()))}</h2>
                <p>{what}</p>
                <p class="sub">{subject}</p>
                <Suspense fallback=|| ()>
                    {move || gated.get().and_then(Result::ok).filter(|g| *g).map(|_| view! {
                        <p class="hint">{t(m::NEEDS_APPROVAL_HINT)}</p>
                    })}
                    {move || refused().map(|error| view! { <ErrorNote error/> })}
                </Suspense>
                {options}
                <Show when=move || refused().is_none()>
                    <label class="block">
                        <span>{t(m::REASON_REQUIRED)}</span>
                        <textarea rows="2" prop:value=reason on:input:target=move |ev| set_reason.set(ev.target().value())></textarea>
                    </label>
                </Show>
                <div class="form-actions">
                    <button
                        type="button"
                        class=if destructive { "danger" } else { "primary" }
                        prop:disabled=blocked
                        on:click=move |_| {
                            let mut call = change.clone();
                            match &mut call.call {
                                Call::RestartDbInstance { body, .. } => {
                                    body.use_online_failover = online_failover.get_untracked();
                                    body.execute_backup = backup_first.get_untracked();
                                }
                                Call::BackupDbInstance { body, .. } => body.backup_name = backup_name.get_untracked().trim().to_string(),
                                _ => {}
                            }
                            act.dispatch(RequestChange { call, reason: reason.get_untracked() });
                            set_reason.set(String::new());
                            pending.set(None);
                        }
                    >
                        {label.clone()}
                    </button>
                    <button type="button" on:click=move |_| pending.set(None)>{t(m::CANCEL)}</button>
                </div>
            </div>
        </div>
    }
}

/// The outcome of the last change, in words.
#[component]
pub fn ActionResult(act: ServerAction<RequestChange>) -> impl IntoView {
    move || act.value().get().map(|r| view! { <ChangeNote outcome=r/> })
}

/// One change's outcome, in words: the job started, the request filed, or
/// the error.
#[component]
pub fn ChangeNote(outcome: Result<ChangeOutcome, crate::AppError>) -> impl IntoView {
    match outcome {
        Ok(ChangeOutcome::Ran { job: Some(job), .. }) => {
            view! { <p class="ok-note" role="status">{tf(m::started_job(job))}</p> }.into_any()
        }
        Ok(ChangeOutcome::Ran { job: None, .. }) => view! { <p class="ok-note" role="status">{t(m::DONE)}</p> }.into_any(),
        Ok(ChangeOutcome::Requested { approval }) => view! {
            <p class="ok-note" role="status">
                {tf(m::filed_for_approval(approval))}" "
                <a href=format!("/approvals?view=mine&id={approval}")>{t(m::SEE_REQUEST)}</a>
            </p>
        }
        .into_any(),
        Err(e) => view! { <ErrorNote error=e/> }.into_any(),
    }
}
