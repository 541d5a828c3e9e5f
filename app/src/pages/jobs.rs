//! Jobs pgdeck follows, updated live.

use crate::api::{domain_types::JobView, list_jobs};
use crate::components::form::Loaded;
use crate::components::live::LiveJobs;
use crate::components::StatusPill;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Running and finished jobs, with filters; rows change as jobs progress.
#[component]
pub fn JobsPage() -> impl IntoView {
    let query = use_query_map();
    let state = move || query.read().get("state").unwrap_or_default();
    let resource = move || query.read().get("resource").unwrap_or_default();
    let live = use_context::<LiveJobs>();
    let tick = move || live.map(|l| l.tick.get()).unwrap_or(0);
    let jobs = crate::data::load(move || (state(), resource(), tick()), |(s, r, _)| list_jobs(s, r));
    view! {
        <section>
            <div class="page-head">
                <h1>"Jobs"</h1>
                <nav class="tabs" aria-label="Job states">
                    <a href="/jobs" class:active=move || state().is_empty() aria-current=move || state().is_empty().then_some("page")>"All"</a>
                    <a href="/jobs?state=running" class:active=move || state() == "running" aria-current=move || (state() == "running").then_some("page")>"Running"</a>
                    <a href="/jobs?state=finished" class:active=move || state() == "finished" aria-current=move || (state() == "finished").then_some("page")>"Finished"</a>
                </nav>
            </div>
            <p class="hint">"Every job started through pgdeck is followed until it ends, also across restarts."</p>
            <Loaded data=jobs loading="Loading jobs…" let:r>
                {match r {
                    list if list.is_empty() => view! { <p class="empty">"No jobs yet. Actions on instances, backups and access control start them."</p> }.into_any(),
                    list => view! { <JobTable jobs=list/> }.into_any(),
                }}
            </Loaded>
        </section>
    }
}

/// A table of jobs; also used on resource pages.
#[component]
pub fn JobTable(jobs: Vec<JobView>) -> impl IntoView {
    view! {
        <table class="grid" aria-label="Jobs">
            <thead>
                <tr>
                    <th scope="col">"Action"</th>
                    <th scope="col">"Resource"</th>
                    <th scope="col">"Asked by"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col">"Started"</th>
                    <th scope="col">"Ended"</th>
                    <th scope="col">"Job"</th>
                </tr>
            </thead>
            <tbody>
                {jobs
                    .into_iter()
                    .map(|j| {
                        let status = j.status.as_ref().map_or("UNKNOWN", |s| s.as_str()).to_string();
                        view! {
                            <tr class="job-row">
                                <td>{j.action.replace('_', " ")}</td>
                                <td>
                                    <span class="name">{j.resource_name.clone()}</span>
                                    <span class="sub">{format!("{} {}", j.resource_type, j.resource_id)}</span>
                                </td>
                                <td>{j.username.clone()}</td>
                                <td>
                                    {(!j.finished).then(|| view! { <span class="busy-dot" aria-hidden="true"></span> })}
                                    <StatusPill text=status/>
                                    {(!j.note.is_empty()).then(|| view! { <span class="sub">{j.note.clone()}</span> })}
                                </td>
                                <td class="when"><crate::components::when::WhenUtc at=j.created_at.clone()/></td>
                                <td class="when">{j.finished_at.clone().unwrap_or_default()}</td>
                                <td class="sub">
                                    <code>{j.job_id.clone()}</code>
                                    {j.audit_id.map(|a| view! { " " <a href=format!("/audit?id={a}")>"audit"</a> })}
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
