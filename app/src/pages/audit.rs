//! The audit log: filters, pages, row details and exports.

use crate::api::domain_types::{AuditQuery, AuditView};
use crate::api::search_audit;
use crate::components::form::Loaded;
use crate::i18n::{msg::audit as m, t, tf};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

fn query_string(q: &AuditQuery) -> String {
    let pairs = [
        ("actor", &q.actor),
        ("action", &q.action),
        ("resource", &q.resource),
        ("outcome", &q.outcome),
        ("from", &q.from),
        ("to", &q.to),
        ("text", &q.text),
    ];
    pairs.iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| format!("{k}={}", crate::urlencode(v))).collect::<Vec<_>>().join("&")
}

/// Who did what to which resource, when, and what came of it.
#[component]
pub fn AuditPage() -> impl IntoView {
    let params = use_query_map();
    let from_url = move || {
        let p = params.read();
        let g = |k: &str| p.get(k).unwrap_or_default();
        AuditQuery {
            actor: g("actor"),
            action: g("action"),
            resource: g("resource"),
            outcome: g("outcome"),
            from: g("from"),
            to: g("to"),
            text: g("text"),
            before_id: None,
        }
    };
    let (before, set_before) = signal::<Option<i64>>(None);
    let rows = crate::data::load(
        move || (from_url(), before.get()),
        |(mut q, b)| {
            q.before_id = b;
            search_audit(q)
        },
    );
    let (open_row, set_open_row) = signal::<Option<i64>>(None);
    view! {
        <section>
            <h1>{t(m::AUDIT_PAGE_TITLE)}</h1>
            <form method="get" action="/audit" class="form-grid filters" aria-label=t(m::AUDIT_FILTERS)>
                <label><span>{t(m::AUDIT_ACTOR)}</span><input type="text" name="actor" prop:value=move || from_url().actor/></label>
                <label><span>{t(m::AUDIT_ACTION)}</span><input type="text" name="action" placeholder="stop_db_instance, user." prop:value=move || from_url().action/></label>
                <label><span>{t(m::AUDIT_RESOURCE)}</span><input type="text" name="resource" placeholder=t(m::AUDIT_RESOURCE_PLACEHOLDER) prop:value=move || from_url().resource/></label>
                <label>
                    <span>{t(m::AUDIT_OUTCOME)}</span>
                    <select name="outcome" prop:value=move || from_url().outcome>
                        <option value="">{t(m::AUDIT_ANY)}</option>
                        <option value="succeeded">{t(m::AUDIT_SUCCEEDED)}</option>
                        <option value="failed">{t(m::AUDIT_FAILED)}</option>
                        <option value="refused">{t(m::AUDIT_REFUSED)}</option>
                        <option value="awaiting_approval">{t(m::AUDIT_AWAITING_APPROVAL)}</option>
                        <option value="intent">{t(m::AUDIT_INTENT)}</option>
                        <option value="unknown">{t(m::AUDIT_UNKNOWN)}</option>
                    </select>
                </label>
                <label><span>{t(m::AUDIT_FROM)}</span><input type="date" name="from" prop:value=move || from_url().from/></label>
                <label><span>{t(m::AUDIT_TO)}</span><input type="date" name="to" prop:value=move || from_url().to/></label>
                <label><span>{t(m::AUDIT_TEXT)}</span><input type="search" name="text" prop:value=move || from_url().text/></label>
                <div class="form-actions">
                    <button type="submit" class="primary">{t(m::AUDIT_FILTER)}</button>
                    <a class="button" href="/audit">{t(m::AUDIT_CLEAR)}</a>
                    <a class="button" href=move || format!("/audit/export?format=csv&{}", query_string(&from_url())) download>{t(m::AUDIT_EXPORT_CSV)}</a>
                    <a class="button" href=move || format!("/audit/export?format=jsonl&{}", query_string(&from_url())) download>{t(m::AUDIT_EXPORT_JSONL)}</a>
                </div>
            </form>
            <Loaded data=rows loading=t(m::AUDIT_LOADING) let:r>
                {match r {
                    list if list.is_empty() => view! { <p class="empty">{t(m::AUDIT_NONE)}</p> }.into_any(),
                    list => {
                        let last = list.last().map(|r| r.id);
                        let full = list.len() >= 50;
                        view! {
                            <table class="grid" aria-label=t(m::AUDIT_TABLE)>
                                {crate::i18n::fixed("<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>", &[m::AUDIT_COL_WHEN, m::AUDIT_COL_WHO, m::AUDIT_ACTION, m::AUDIT_RESOURCE, m::AUDIT_OUTCOME, m::AUDIT_COL_LINKS])}
                                <tbody>
                                    {list.into_iter().map(|r| view! { <AuditRow r open_row set_open_row/> }).collect_view()}
                                </tbody>
                            </table>
                            <div class="pager">
                                <button type="button" on:click=move |_| set_before.set(None) prop:disabled=move || before.get().is_none()>{t(m::AUDIT_NEWEST)}</button>
                                <button type="button" prop:disabled=!full on:click=move |_| set_before.set(last)>{t(m::AUDIT_OLDER)}</button>
                            </div>
                        }
                            .into_any()
                    }
                }}
            </Loaded>
        </section>
    }
}

/// An outcome as the page's language says it (the log keeps the code).
fn outcome_words(outcome: &str) -> String {
    let key = match outcome {
        "succeeded" => m::AUDIT_SUCCEEDED,
        "failed" => m::AUDIT_FAILED,
        "refused" => m::AUDIT_REFUSED,
        "awaiting_approval" => m::AUDIT_AWAITING_APPROVAL,
        "intent" => m::AUDIT_PILL_INTENT,
        "unknown" => m::AUDIT_PILL_UNKNOWN,
        other => return other.replace('_', " "),
    };
    t(key).to_string()
}

/// Who acted, in the page's language (the record keeps its word).
fn acting_role(role: &model::roles::ActingRole) -> String {
    use model::roles::ActingRole as A;
    match role {
        A::Member(r) => crate::components::language::role_name(*r).to_string(),
        A::System => t(m::AUDIT_ROLE_SYSTEM).to_string(),
        A::CommandLine => t(m::AUDIT_ROLE_COMMAND_LINE).to_string(),
        other => other.as_str().to_string(),
    }
}

#[component]
fn AuditRow(r: AuditView, open_row: ReadSignal<Option<i64>>, set_open_row: WriteSignal<Option<i64>>) -> impl IntoView {
    let id = r.id;
    let outcome_class = match r.outcome.as_str() {
        "succeeded" => "pill ok",
        "failed" => "pill bad",
        "refused" | "unknown" => "pill bad",
        _ => "pill busy",
    };
    let detail = r.clone();
    view! {
        <tr class="audit-row">
            <td class="when"><crate::components::when::WhenUtc at=r.at.clone()/></td>
            <td>
                <span class="name">{r.actor_name.clone()}</span>
                <span class="sub">{format!("{} · {}", acting_role(&r.role), match r.client_addr.as_str() { "local" => t(m::AUDIT_LOCAL), "approval" => t(m::AUDIT_CLIENT_APPROVAL), other => other })}</span>
            </td>
            <td>
                <button type="button" class="link" aria-expanded=move || (open_row.get() == Some(id)).to_string() on:click=move |_| set_open_row.update(|o| *o = if *o == Some(id) { None } else { Some(id) })>
                    {r.action.clone()}
                </button>
            </td>
            <td>
                <span class="name">{r.resource_name.clone()}</span>
                <span class="sub" data-words="server">{format!("{} {}", r.resource_type, r.resource_id)}</span>
            </td>
            <td>
                <span class=outcome_class>{outcome_words(&r.outcome)}</span>
                {r.result_code.map(|c| view! { <span class="sub">{tf(m::audit_code(c))}</span> })}
                {r.intent_id.map(|i| view! { <span class="sub">{tf(m::audit_completes_row(i))}</span> })}
            </td>
            <td class="sub">
                {r.job_id.clone().map(|j| view! { <a href=format!("/jobs?resource={}", r.resource_id)>{tf(m::audit_job_link(&j[..j.len().min(8)]))}</a> })}
                {r.approval_id.map(|a| view! { " " <a href=format!("/approvals?id={a}")>{tf(m::audit_approval_link(a))}</a> })}
            </td>
        </tr>
        <Show when=move || open_row.get() == Some(id)>
            <tr class="audit-detail">
                <td colspan="6">
                    <dl class="facts">
                        <dt>{t(m::AUDIT_ROW)}</dt><dd>{detail.id}</dd>
                        <dt>{t(m::AUDIT_REQUEST)}</dt><dd><code>{detail.summary.clone()}</code></dd>
                        <dt>{t(m::AUDIT_MESSAGE)}</dt><dd>{detail.result_message.clone()}</dd>
                        <dt>{t(m::AUDIT_DURATION)}</dt><dd>{tf(m::audit_duration_ms(detail.duration_ms))}</dd>
                        <dt>{t(m::AUDIT_BROWSER)}</dt><dd data-words="upstream">{detail.user_agent.clone()}</dd>
                        <dt>{t(m::AUDIT_JOB)}</dt><dd>{detail.job_id.clone().unwrap_or_else(|| "—".into())}</dd>
                    </dl>
                </td>
            </tr>
        </Show>
    }
}
