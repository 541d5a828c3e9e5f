//! The audit log: filters, pages, row details and exports.

use crate::api::domain_types::{AuditQuery, AuditView};
use crate::api::search_audit;
use crate::components::form::Loaded;
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
            <h1>"Audit"</h1>
            <form method="get" action="/audit" class="form-grid filters" aria-label="Audit filters">
                <label><span>"Actor"</span><input type="text" name="actor" prop:value=move || from_url().actor/></label>
                <label><span>"Action"</span><input type="text" name="action" placeholder="stop_db_instance, user." prop:value=move || from_url().action/></label>
                <label><span>"Resource"</span><input type="text" name="resource" placeholder="id or name" prop:value=move || from_url().resource/></label>
                <label>
                    <span>"Outcome"</span>
                    <select name="outcome" prop:value=move || from_url().outcome>
                        <option value="">"any"</option>
                        <option value="succeeded">"succeeded"</option>
                        <option value="failed">"failed"</option>
                        <option value="refused">"refused"</option>
                        <option value="awaiting_approval">"awaiting approval"</option>
                        <option value="intent">"intent (about to be sent)"</option>
                        <option value="unknown">"unknown (interrupted by a stop)"</option>
                    </select>
                </label>
                <label><span>"From (UTC)"</span><input type="date" name="from" prop:value=move || from_url().from/></label>
                <label><span>"To (UTC)"</span><input type="date" name="to" prop:value=move || from_url().to/></label>
                <label><span>"Text"</span><input type="search" name="text" prop:value=move || from_url().text/></label>
                <div class="form-actions">
                    <button type="submit" class="primary">"Filter"</button>
                    <a class="button" href="/audit">"Clear"</a>
                    <a class="button" href=move || format!("/audit/export?format=csv&{}", query_string(&from_url())) download>"Export CSV"</a>
                    <a class="button" href=move || format!("/audit/export?format=jsonl&{}", query_string(&from_url())) download>"Export JSON lines"</a>
                </div>
            </form>
            <Loaded data=rows loading="Loading the audit log…" let:r>
                {match r {
                    list if list.is_empty() => view! { <p class="empty">"Nothing matches these filters."</p> }.into_any(),
                    list => {
                        let last = list.last().map(|r| r.id);
                        let full = list.len() >= 50;
                        view! {
                            <table class="grid" aria-label="Audit log">
                                <thead>
                                    <tr>
                                        <th scope="col">"When"</th>
                                        <th scope="col">"Who"</th>
                                        <th scope="col">"Action"</th>
                                        <th scope="col">"Resource"</th>
                                        <th scope="col">"Outcome"</th>
                                        <th scope="col">"Links"</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {list.into_iter().map(|r| view! { <AuditRow r open_row set_open_row/> }).collect_view()}
                                </tbody>
                            </table>
                            <div class="pager">
                                <button type="button" on:click=move |_| set_before.set(None) prop:disabled=move || before.get().is_none()>"Newest"</button>
                                <button type="button" prop:disabled=!full on:click=move |_| set_before.set(last)>"Older"</button>
                            </div>
                        }
                            .into_any()
                    }
                }}
            </Loaded>
        </section>
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
                <span class="sub">{format!("{} · {}", r.role, r.client_addr)}</span>
            </td>
            <td>
                <button type="button" class="link" aria-expanded=move || (open_row.get() == Some(id)).to_string() on:click=move |_| set_open_row.update(|o| *o = if *o == Some(id) { None } else { Some(id) })>
                    {r.action.clone()}
                </button>
            </td>
            <td>
                <span class="name">{r.resource_name.clone()}</span>
                <span class="sub">{format!("{} {}", r.resource_type, r.resource_id)}</span>
            </td>
            <td>
                <span class=outcome_class>{r.outcome.replace('_', " ")}</span>
                {r.result_code.map(|c| view! { <span class="sub">{format!("code {c}")}</span> })}
                {r.intent_id.map(|i| view! { <span class="sub">{format!("completes row {i}")}</span> })}
            </td>
            <td class="sub">
                {r.job_id.clone().map(|j| view! { <a href=format!("/jobs?resource={}", r.resource_id)>{format!("job {}", &j[..j.len().min(8)])}</a> })}
                {r.approval_id.map(|a| view! { " " <a href=format!("/approvals?id={a}")>{format!("approval #{a}")}</a> })}
            </td>
        </tr>
        <Show when=move || open_row.get() == Some(id)>
            <tr class="audit-detail">
                <td colspan="6">
                    <dl class="facts">
                        <dt>"Row"</dt><dd>{detail.id}</dd>
                        <dt>"Request (secrets removed)"</dt><dd><code>{detail.summary.clone()}</code></dd>
                        <dt>"Message"</dt><dd>{detail.result_message.clone()}</dd>
                        <dt>"Duration"</dt><dd>{format!("{} ms", detail.duration_ms)}</dd>
                        <dt>"Browser"</dt><dd>{detail.user_agent.clone()}</dd>
                        <dt>"Job"</dt><dd>{detail.job_id.clone().unwrap_or_else(|| "—".into())}</dd>
                    </dl>
                </td>
            </tr>
        </Show>
    }
}
