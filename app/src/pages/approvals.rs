//! Approval requests: the inbox of those who may vote, one's own requests,
//! and (for admins) all of them.

use crate::api::domain_types::ApprovalView;
use crate::api::{count_approvals, list_approvals, CancelApproval, VoteApproval};
use crate::components::form::Loaded;
use crate::components::{ErrorNote, StatusPill};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The approvals page.
#[component]
pub fn ApprovalsPage() -> impl IntoView {
    let query = use_query_map();
    let view_name = move || query.read().get("view").unwrap_or_else(|| "inbox".into());
    let state = move || query.read().get("state").unwrap_or_default();
    let focus = move || query.read().get("id").and_then(|v| v.parse::<i64>().ok());
    let page_no = move || query.read().get("page").and_then(|v| v.parse::<i64>().ok()).unwrap_or(1).max(1);
    let vote = ServerAction::<VoteApproval>::new();
    let cancel = ServerAction::<CancelApproval>::new();
    let requests = crate::data::load(
        move || (view_name(), state(), page_no(), vote.version().get(), cancel.version().get()),
        |(v, s, p, _, _)| list_approvals(v, s, Some(p)),
    );
    let total = crate::data::load(
        move || (view_name(), state(), vote.version().get(), cancel.version().get()),
        |(v, s, _, _)| count_approvals(v, s),
    );
    let admin = move || super::me().is_some_and(|m| m.can_admin);
    view! {
        <section>
            <div class="page-head">
                <h1>"Approvals"</h1>
                <nav class="tabs" aria-label="Approval views">
                    <a href="/approvals?view=inbox" class:active=move || view_name() == "inbox" aria-current=move || (view_name() == "inbox").then_some("page")>"Waiting for me"</a>
                    <a href="/approvals?view=mine" class:active=move || view_name() == "mine" aria-current=move || (view_name() == "mine").then_some("page")>"My requests"</a>
                    <Show when=admin>
                        <a href="/approvals?view=all" class:active=move || view_name() == "all" aria-current=move || (view_name() == "all").then_some("page")>"All"</a>
                    </Show>
                </nav>
            </div>
            <p class="hint">"Destructive actions wait here until someone other than the requester approves them; then they run once, as the requester."</p>
            {move || vote.value().get().and_then(Result::err).map(|e| view! { <ErrorNote error=e/> })}
            {move || cancel.value().get().and_then(Result::err).map(|e| view! { <ErrorNote error=e/> })}
            <Loaded data=requests loading="Loading requests…" let:r>
                {match r {
                    list if list.is_empty() => view! { <p class="empty">"No requests here."</p> }.into_any(),
                    list => list.into_iter().map(|r| {
                        let highlighted = focus() == Some(r.id);
                        view! { <RequestCard r vote cancel highlighted/> }
                    }).collect_view().into_any(),
                }}
            </Loaded>
            <Loaded data=total loading="" let:n>
                {
                    let pages = ((n + 49) / 50).max(1);
                    let link = move |p: i64| format!("/approvals?view={}&state={}&page={p}", view_name(), state());
                    view! {
                        <nav class="pager" aria-label="Pages">
                            <Show when=move || { page_no() > 1 }><a href=move || link(page_no() - 1)>"Previous"</a></Show>
                            <span>{move || format!("Page {} of {pages} · {n} requests", page_no())}</span>
                            <Show when=move || { page_no() < pages }><a href=move || link(page_no() + 1)>"Next"</a></Show>
                        </nav>
                    }
                }
            </Loaded>
        </section>
    }
}

#[component]
fn RequestCard(
    r: ApprovalView,
    vote: ServerAction<VoteApproval>,
    cancel: ServerAction<CancelApproval>,
    highlighted: bool,
) -> impl IntoView {
    let me = super::me();
    let mine = me.as_ref().is_some_and(|m| m.username == r.requester_name);
    let can_vote = me.as_ref().is_some_and(|m| m.can_approve && !mine && r.approver_roles.contains(&m.role))
        && r.state == model::RequestState::Pending;
    let (comment, set_comment) = signal(String::new());
    let id = r.id;
    let approvals = r.votes.iter().filter(|v| v.1 == "approve").count();
    view! {
        <article class=if highlighted { "request card focus" } else { "request card" } aria-label=format!("Request {}", r.id)>
            <header>
                <h2>{format!("#{} {} — {}", r.id, model::actions::action(&r.action).map_or(r.action.replace('_', " "), |a| a.verb.to_string()), if r.resource_name.is_empty() { r.resource_id.clone() } else { r.resource_name.clone() })}</h2>
                <StatusPill text=r.state.as_str().to_ascii_uppercase()/>
            </header>
            <dl class="facts">
                <dt>"Requested by"</dt><dd>{r.requester_name.clone()}" at "<crate::components::when::WhenUtc at=r.created_at.clone()/></dd>
                <dt>"Reason"</dt><dd class="reason">{r.reason.clone()}</dd>
                <dt>"Approvals"</dt><dd>{format!("{approvals} of {} (by {})", r.approvals_needed, model::roles::join(&r.approver_roles, " or "))}</dd>
                <dt>"Open until"</dt><dd>{r.expires_at.clone()}</dd>
                {r.basis.clone().map(|b| {
                    let renamed = r.renamed.clone();
                    b.names.into_iter().map(|n| {
                        let now = renamed.iter().find(|x| x.kind == n.kind && x.id == n.id).map(|x| x.name.clone());
                        let shown = if n.name.is_empty() { format!("{} (not found when filed)", n.id) } else { n.name.clone() };
                        view! {
                            <dt>{capitalised(&n.kind)}</dt>
                            <dd>
                                <strong>{shown}</strong>
                                {now.map(|now| view! { <span class="flag" role="note">{format!(" ⚠ now named '{now}' — it was renamed after this request was filed")}</span> })}
                            </dd>
                        }
                    }).collect_view()
                })}
                <dt>"What runs"</dt><dd>{if r.words.is_empty() { r.command.clone() } else { r.words.clone() }}<details><summary>"As sent"</summary><code>{r.command.clone()}</code></details></dd>
                {(r.gates.len() > 1).then(|| view! { <dt>"Gated as"</dt><dd>{r.gates.iter().map(|g| model::actions::action(g).map_or(g.clone(), |a| a.verb.to_string())).collect::<Vec<_>>().join(", ")}" (the call has the effect of each)"</dd> })}
                {r.basis.clone().filter(|b| !b.state.is_empty() && r.hba_diff.is_none()).map(|b| view! {
                    <dt>{capitalised(&b.state_label)}</dt>
                    <dd><ul class="basis">{b.state.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul></dd>
                })}
                {r.hba_diff.clone().map(|d| view! { <dt>"What it changes"</dt><dd><crate::components::hba_diff::HbaDiffTable diff=d/></dd> })}
                {(!r.result_message.is_empty()).then(|| view! { <dt>"Result"</dt><dd>{r.result_message.clone()}{r.result_code.map(|c| format!(" (code {c})"))}</dd> })}
                {r.job_id.clone().map(|j| view! { <dt>"Job"</dt><dd><a href=format!("/jobs?resource={}", r.resource_id)>{j}</a></dd> })}
                <dt>"Record"</dt><dd><a href=format!("/audit?resource={}", r.resource_id)>"audit history of this resource"</a></dd>
            </dl>
            <ul class="votes">
                {r.votes.iter().map(|(who, v, c, at)| view! { <li>{format!("{who} {}d at {at}: ", v)}<q>{c.clone()}</q></li> }).collect_view()}
            </ul>
            <Show when=move || can_vote>
                <div class="vote">
                    <label class="block">
                        <span>{format!("Comment on request #{id} (required)")}</span>
                        <textarea rows="2" required aria-required="true" aria-describedby=format!("comment-hint-{id}") prop:value=comment on:input:target=move |ev| set_comment.set(ev.target().value())></textarea>
                        <small id=format!("comment-hint-{id}") class="hint">"A comment is required to approve or reject: it goes into the audit log."</small>
                    </label>
                    <div class="form-actions">
                        <button type="button" class="primary" on:click=move |_| { vote.dispatch(VoteApproval { id, approve: true, comment: comment.get_untracked() }); }>"Approve"</button>
                        <button type="button" class="danger" on:click=move |_| { vote.dispatch(VoteApproval { id, approve: false, comment: comment.get_untracked() }); }>"Reject"</button>
                    </div>
                </div>
            </Show>
            <Show when=move || mine && r.state == model::RequestState::Pending>
                <button type="button" on:click=move |_| { cancel.dispatch(CancelApproval { id }); }>"Cancel request"</button>
            </Show>
        </article>
    }
}

/// A kind of resource as a heading ("DB user", "Instance").
fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
}
