//! Jobs pgdeck follows, updated live.

use crate::api::{domain_types::JobView, list_jobs};
use crate::components::form::Loaded;
use crate::components::live::LiveJobs;
use crate::components::StatusPill;
use crate::i18n::{msg::jobs as m, t};
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
                <h1>{t(m::JOBS_TITLE)}</h1>
                <nav class="tabs" aria-label=t(m::JOBS_TABS)>
                    <a href="/jobs" class:active=move || state().is_empty() aria-current=move || state().is_empty().then_some("page")>{t(m::JOBS_ALL)}</a>
                    <a href="/jobs?state=running" class:active=move || state() == "running" aria-current=move || (state() == "running").then_some("page")>{t(m::JOBS_RUNNING)}</a>
                    <a href="/jobs?state=finished" class:active=move || state() == "finished" aria-current=move || (state() == "finished").then_some("page")>{t(m::JOBS_FINISHED)}</a>
                </nav>
            </div>
            <p class="hint">{t(m::JOBS_HINT)}</p>
            <Loaded data=jobs loading=t(m::JOBS_LOADING) let:r>
                {match r {
                    list if list.is_empty() => view! { <p class="empty">{t(m::JOBS_EMPTY)}</p> }.into_any(),
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
        <table class="grid" aria-label=t(m::JOBS_TITLE)>
            {crate::i18n::fixed("<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>", &[m::JOBS_COL_ACTION, m::JOBS_COL_RESOURCE, m::JOBS_COL_ASKED_BY, m::JOBS_COL_STATUS, m::JOBS_COL_STARTED, m::JOBS_COL_ENDED, m::JOBS_COL_JOB])}
            <tbody>
                {jobs
                    .into_iter()
                    .map(|j| {
                        let status = j.status.as_ref().map_or("UNKNOWN", |s| s.as_str()).to_string();
                        view! {
                            <tr class="job-row">
                                <td>{crate::i18n::action_name(&j.action)}</td>
                                <td>
                                    <span class="name">{j.resource_name.clone()}</span>
                                    <span class="sub">{format!("{} {}", crate::i18n::words(&rds::ResourceType::parse(&j.resource_type)), j.resource_id)}</span>
                                </td>
                                <td>{j.username.clone()}</td>
                                <td>
                                    {(!j.finished).then(|| view! { <span class="busy-dot" aria-hidden="true"></span> })}
                                    <StatusPill code=status text=crate::i18n::words_of(j.status.as_ref())/>
                                    {(!j.note.is_empty()).then(|| view! { <span class="sub">{j.note.clone()}</span> })}
                                </td>
                                <td class="when"><crate::components::when::WhenUtc at=j.created_at.clone()/></td>
                                <td class="when">{j.finished_at.clone().unwrap_or_default()}</td>
                                <td class="sub">
                                    <code>{j.job_id.clone()}</code>
                                    {j.audit_id.map(|a| view! { " " <a href=format!("/audit?id={a}")>{t(m::JOBS_AUDIT_LINK)}</a> })}
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
