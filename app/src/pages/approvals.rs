//! Approval requests: the inbox of those who may vote, one's own requests,
//! and (for admins) all of them.

use crate::api::domain_types::ApprovalView;
use crate::api::{count_approvals, list_approvals, CancelApproval, VoteApproval};
use crate::components::form::Loaded;
use crate::components::{ErrorNote, StatusPill};
use crate::i18n::{msg::approvals as m, t, tf};
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
                <h1>{t(m::APPROVALS_TITLE)}</h1>
                <nav class="tabs" aria-label=t(m::APPROVAL_VIEWS)>
                    <a href="/approvals?view=inbox" class:active=move || view_name() == "inbox" aria-current=move || (view_name() == "inbox").then_some("page")>{t(m::VIEW_INBOX)}</a>
                    <a href="/approvals?view=mine" class:active=move || view_name() == "mine" aria-current=move || (view_name() == "mine").then_some("page")>{t(m::VIEW_MINE)}</a>
                    <Show when=admin>
                        <a href="/approvals?view=all" class:active=move || view_name() == "all" aria-current=move || (view_name() == "all").then_some("page")>{t(m::VIEW_ALL)}</a>
                    </Show>
                </nav>
            </div>
            <p class="hint">{t(m::APPROVALS_HINT)}</p>
            {move || vote.value().get().and_then(Result::err).map(|e| view! { <ErrorNote error=e/> })}
            {move || cancel.value().get().and_then(Result::err).map(|e| view! { <ErrorNote error=e/> })}
            <Loaded data=requests loading=t(m::LOADING_REQUESTS) let:r>
                {match r {
                    list if list.is_empty() => view! { <p class="empty">{t(m::NO_REQUESTS)}</p> }.into_any(),
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
                        <nav class="pager" aria-label=t(m::PAGES)>
                            <Show when=move || { page_no() > 1 }><a href=move || link(page_no() - 1)>{t(m::PREVIOUS)}</a></Show>
                            <span>{move || tf(m::page_of(page_no(), pages, n))}</span>
                            <Show when=move || { page_no() < pages }><a href=move || link(page_no() + 1)>{t(m::NEXT)}</a></Show>
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
        <article class=if highlighted { "request card focus" } else { "request card" } aria-label=tf(m::request_label(r.id.to_string()))>
            <header>
                <h2>{format!("#{} {} — ", r.id, crate::i18n::action_verb(&r.action))}<span class="name">{if r.resource_name.is_empty() { r.resource_id.clone() } else { r.resource_name.clone() }}</span></h2>
                <StatusPill code=r.state.as_str().to_ascii_uppercase() text=t(state_words(r.state))/>
            </header>
            <dl class="facts">
                <dt>{t(m::REQUESTED_BY_LABEL)}</dt><dd>{r.requester_name.clone()}" "{t(m::REQUESTED_AT)}" "<crate::components::when::WhenUtc at=r.created_at.clone()/></dd>
                <dt>{t(m::REASON)}</dt><dd class="reason" data-words="member">{r.reason.clone()}</dd>
                <dt>{t(m::APPROVALS_LABEL)}</dt><dd>{tf(m::approvals_of(approvals, r.approvals_needed, r.approver_roles.iter().map(|r| crate::components::language::role_name(*r)).collect::<Vec<_>>().join(&format!(" {} ", t(m::ROLES_OR)))))}</dd>
                <dt>{t(m::OPEN_UNTIL)}</dt><dd><crate::components::when::WhenUtc at=r.expires_at.clone()/></dd>
                {r.basis.clone().map(|b| {
                    let renamed = r.renamed.clone();
                    b.names.into_iter().map(|n| {
                        let now = renamed.iter().find(|x| x.kind == n.kind && x.id == n.id).map(|x| x.name.clone());
                        let shown = if n.name.is_empty() { tf(m::not_found_when_filed(n.id.clone())) } else { n.name.clone() };
                        view! {
                            <dt>{crate::i18n::kind_words(&n.kind)}</dt>
                            <dd>
                                <strong class="name">{shown}</strong>
                                {now.map(|now| view! { <span class="flag" role="note">" "{tf(m::renamed_since(now))}</span> })}
                            </dd>
                        }
                    }).collect_view()
                })}
                <dt>{t(m::WHAT_RUNS)}</dt><dd>{call_words(&r)}<details><summary>{t(m::AS_SENT)}</summary><code>{r.command.clone()}</code></details></dd>
                {(r.gates.len() > 1).then(|| view! { <dt>{t(m::GATED_AS)}</dt><dd>{r.gates.iter().map(|g| crate::i18n::action_verb(g)).collect::<Vec<_>>().join(", ")}" "{t(m::GATED_AS_NOTE)}</dd> })}
                {r.basis.clone().filter(|b| !b.state.is_empty() && r.hba_diff.is_none()).map(|b| view! {
                    <dt>{crate::i18n::state_label_words(&b.state_label)}</dt>
                    <dd><ul class="basis">{crate::i18n::basis_lines(&b).into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul></dd>
                })}
                {r.hba_diff.clone().map(|d| view! { <dt>{t(m::WHAT_IT_CHANGES)}</dt><dd><crate::components::hba_diff::HbaDiffTable diff=d/></dd> })}
                {(!r.result_message.is_empty()).then(|| {
                    // In the member's language when pgdeck recorded its codes;
                    // upstream's own words (a refused call) as they came.
                    let (said, recorded) = (r.result_said.clone(), r.result_message.clone());
                    let words = move || crate::i18n::outcome_words(&said, &recorded, false);
                    let upstream = r.result_said.is_empty().then_some("upstream");
                    view! { <dt>{t(m::RESULT)}</dt><dd data-words=upstream>{words}{r.result_code.map(|c| format!(" {}", tf(m::result_code(c))))}</dd> }
                })}
                {r.job_id.clone().map(|j| view! { <dt>{t(m::JOB_LABEL)}</dt><dd><a href=format!("/jobs?resource={}", r.resource_id)>{j}</a></dd> })}
                <dt>{t(m::RECORD)}</dt><dd><a href=format!("/audit?resource={}", r.resource_id)>{t(m::AUDIT_HISTORY)}</a></dd>
            </dl>
            <ul class="votes">
                {r.votes.iter().map(|(who, v, c, at)| {
                    let at = crate::components::when::written_utc(at);
                    let said = if v == "approve" { m::voted_approve(who.clone(), at) } else { m::voted_reject(who.clone(), at) };
                    view! { <li>{tf(said)}<q data-words="member">{c.clone()}</q></li> }
                }).collect_view()}
            </ul>
            <Show when=move || can_vote>
                <div class="vote">
                    <label class="block">
                        <span>{tf(m::comment_on(id.to_string()))}</span>
                        <textarea rows="2" required aria-required="true" aria-describedby=format!("comment-hint-{id}") prop:value=comment on:input:target=move |ev| set_comment.set(ev.target().value())></textarea>
                        <small id=format!("comment-hint-{id}") class="hint">{t(m::COMMENT_HINT)}</small>
                    </label>
                    <div class="form-actions">
                        <button type="button" class="primary" on:click=move |_| { vote.dispatch(VoteApproval { id, approve: true, comment: comment.get_untracked() }); }>{t(m::APPROVE)}</button>
                        <button type="button" class="danger" on:click=move |_| { vote.dispatch(VoteApproval { id, approve: false, comment: comment.get_untracked() }); }>{t(m::REJECT)}</button>
                    </div>
                </div>
            </Show>
            <Show when=move || mine && r.state == model::RequestState::Pending>
                <button type="button" on:click=move |_| { cancel.dispatch(CancelApproval { id }); }>{t(m::CANCEL_REQUEST)}</button>
            </Show>
        </article>
    }
}

/// A request's state in the page's language.
fn state_words(state: model::RequestState) -> crate::i18n::Key {
    use model::RequestState as S;
    match state {
        S::Pending => m::STATE_PENDING,
        S::Approved => m::STATE_APPROVED,
        S::Running => m::STATE_RUNNING,
        S::Executed => m::STATE_EXECUTED,
        S::Failed => m::STATE_FAILED,
        S::Rejected => m::STATE_REJECTED,
        S::Cancelled => m::STATE_CANCELLED,
        S::Expired => m::STATE_EXPIRED,
        S::Unknown => m::STATE_UNKNOWN,
        S::Stale => m::STATE_STALE,
    }
}

/// What a request runs, in words: the server's English, or in the page's
/// language the stored call worded again with its labels and verb.
fn call_words(r: &ApprovalView) -> String {
    if r.words.is_empty() {
        return r.command.clone();
    }
    if crate::i18n::lang() == crate::i18n::Lang::En {
        return r.words.clone();
    }
    let Ok(stored) = serde_json::from_str::<serde_json::Value>(&r.command) else { return r.words.clone() };
    let wording = model::actions::Wording {
        verb: &crate::i18n::action_verb,
        label: &crate::i18n::field_label,
        yes: t(m::WORDS_YES),
        no: t(m::WORDS_NO),
        none: t(m::WORDS_NONE),
    };
    model::actions::words_in(&stored, &wording)
}
