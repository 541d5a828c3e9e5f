//! `/`: the state of the estate at a glance — instances needing attention
//! first, approvals waiting for me, my open requests, jobs running now (live)
//! and recent events, each linking to its page.

use crate::api::dashboard;
use crate::api::domain_types::DashboardView;
use crate::components::form::Loaded;
use crate::components::live::LiveJobs;
use crate::components::StatusPill;
use crate::i18n::{msg::dashboard as m, t, tf};
use leptos::prelude::*;

/// The dashboard.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let live = use_context::<LiveJobs>();
    // Reloaded when a job ends, not on every progress tick.
    let finished = move || live.map(|l| l.jobs.with(|j| j.iter().filter(|x| x.finished).count())).unwrap_or(0);
    let data = crate::data::load(finished, |_| dashboard());
    view! {
        <section>
            <div class="page-head"><h1>{t(m::DASHBOARD_TITLE)}</h1><a class="button" href="/instances">{t(m::ALL_INSTANCES)}</a></div>
            <Loaded data=data loading=t(m::LOADING_ESTATE) let:d>
                {view! { <Board d/> }}
            </Loaded>
        </section>
    }
}

#[component]
fn Board(d: DashboardView) -> impl IntoView {
    let live = use_context::<LiveJobs>();
    let attention = d.estate.iter().filter(|r| !r.reasons.is_empty()).count();
    let total = d.estate.len();
    let loaded_running = StoredValue::new(d.running.clone());
    // Jobs running now: what the page loaded, updated live as jobs move.
    let running = move || {
        let mut list = loaded_running.get_value();
        if let Some(l) = live {
            l.jobs.with(|live| {
                for j in live {
                    match list.iter_mut().find(|x| x.job_id == j.job_id) {
                        Some(x) => *x = j.clone(),
                        None => list.push(j.clone()),
                    }
                }
            });
        }
        list.retain(|j| !j.finished);
        list
    };
    view! {
        <div class="dashboard">
            <section class="card wide" aria-labelledby="estate-title">
                <h2 id="estate-title">{t(m::ESTATE_TITLE)}</h2>
                {(!d.has_credentials).then(|| view! {
                    <p class="banner" role="status">{t(m::NO_CREDENTIALS)}" "
                        <a href="/settings">{t(m::ADD_CREDENTIALS_LINK)}</a>" "{t(m::NO_CREDENTIALS_END)}</p>
                })}
                <p class="diff-summary">{tf(m::estate_summary(total, attention))}</p>
                <table class="grid" aria-label=t(m::INSTANCES_BY_STATE)>
                    <thead><tr><th scope="col">{t(m::COL_INSTANCE)}</th><th scope="col">{t(m::COL_STATUS)}</th><th scope="col">{t(m::COL_NEEDS_ATTENTION)}</th></tr></thead>
                    <tbody>
                        {d.estate.into_iter().map(|r| view! {
                            <tr class:attention=!r.reasons.is_empty()>
                                <td><a class="name" href=format!("/instances/{}", r.id)>{r.name}</a></td>
                                <td><StatusPill text=crate::i18n::words(&rds::DbInstanceStatus::parse(&r.status)) code=r.status/></td>
                                <td>{if r.reasons.is_empty() { "—".to_string() } else { r.reasons.iter().map(attention_words).collect::<Vec<_>>().join("; ") }}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
            <section class="card" aria-labelledby="waiting-title">
                <h2 id="waiting-title">{t(m::WAITING_TITLE)}</h2>
                {if d.waiting.is_empty() { view! { <p class="empty">{t(m::NOTHING_WAITS)}</p> }.into_any() } else {
                    view! { <ul class="plain">{d.waiting.into_iter().map(|r| view! {
                        <li><a href=format!("/approvals?view=inbox&id={}", r.id)>{format!("#{} {} — ", r.id, crate::i18n::action_name(&r.action))}<span class="name">{if r.resource_name.is_empty() { r.resource_id.clone() } else { r.resource_name.clone() }}</span></a>
                            " "{t(m::REQUESTED_BY)}" "{r.requester_name.clone()}</li>
                    }).collect_view()}</ul> }.into_any()
                }}
            </section>
            <section class="card" aria-labelledby="mine-title">
                <h2 id="mine-title">{t(m::MINE_TITLE)}</h2>
                {if d.mine.is_empty() { view! { <p class="empty">{t(m::NO_OPEN_REQUESTS)}</p> }.into_any() } else {
                    view! { <ul class="plain">{d.mine.into_iter().map(|r| view! {
                        <li><a href=format!("/approvals?view=mine&id={}", r.id)>{format!("#{} {} — ", r.id, crate::i18n::action_name(&r.action))}<span class="name">{r.resource_name.clone()}</span></a>
                            {if r.state == model::RequestState::Stale {
                                // Why it did not run, as the server recorded it.
                                let (said, recorded) = (r.result_said.clone(), r.result_message.clone());
                                let why = move || crate::i18n::outcome_words(&said, &recorded, true);
                                view! { " — "<span>{move || tf(m::not_run(why()))}</span> }.into_any()
                            } else {
                                view! { {format!(" {}", tf(m::approvals_count(r.votes.iter().filter(|v| v.1 == "approve").count(), r.approvals_needed)))} }.into_any()
                            }}</li>
                    }).collect_view()}</ul> }.into_any()
                }}
            </section>
            <section class="card" aria-labelledby="running-title">
                <h2 id="running-title">{t(m::RUNNING_TITLE)}</h2>
                {move || {
                    let list = running();
                    if list.is_empty() { view! { <p class="empty">{t(m::NO_JOBS_RUNNING)}</p> }.into_any() } else {
                        view! { <ul class="plain" aria-live="polite">{list.into_iter().map(|j| view! {
                            <li><span class="busy-dot" aria-hidden="true"></span>
                                <a href=format!("/jobs?resource={}", j.resource_id)>{tf(m::job_on(crate::i18n::action_name(&j.action), j.resource_name.clone()))}</a>
                                " "<StatusPill code=j.status.as_ref().map_or("UNKNOWN", |s| s.as_str()).to_string() text=crate::i18n::words_of(j.status.as_ref())/>" "{t(m::REQUESTED_BY)}" "{j.username.clone()}</li>
                        }).collect_view()}</ul> }.into_any()
                    }
                }}
            </section>
            <section class="card wide" aria-labelledby="events-title">
                <h2 id="events-title">{t(m::EVENTS_TITLE)}</h2>
                {if d.events.is_empty() { view! { <p class="empty">{t(m::NO_RECENT_EVENTS)}</p> }.into_any() } else {
                    view! { <table class="grid" aria-label=t(m::RECENT_EVENTS)><tbody>{d.events.into_iter().map(|e| view! {
                        <tr><td class="when"><crate::components::when::When t=e.event_ymdt.clone()/></td>
                            <td><a href=format!("/events?source={}", e.source_id)>{e.source_name.clone()}</a></td>
                            <td data-words="upstream">{e.message_in(crate::i18n::lang().code()).to_string()}</td></tr>
                    }).collect_view()}</tbody></table><p><a href="/events">{t(m::ALL_EVENTS)}</a></p> }.into_any()
                }}
            </section>
        </div>
    }
}

/// Why an instance needs attention, in the page's language.
fn attention_words(a: &model::Attention) -> String {
    use crate::i18n::words;
    use model::Attention as A;
    match a {
        A::Status(s) if s.is_empty() => tf(m::attention_status(t(m::ATTENTION_UNKNOWN))),
        A::Status(s) => tf(m::attention_status(words(&rds::DbInstanceStatus::parse(s)))),
        A::Busy(p) => words(&rds::ProgressStatus::parse(p)),
        A::ParametersToApply => t(m::ATTENTION_PARAMETERS).to_string(),
        A::Storage(used) => tf(m::attention_storage(*used)),
        A::HighAvailability(h) => tf(m::attention_ha(words(&rds::HaStatus::parse(h)))),
    }
}
