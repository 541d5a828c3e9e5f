//! `/events`: the project's events across instances, filtered and paged as
//! upstream filters and pages them.

use crate::api;
use crate::components::form::Loaded;
use crate::i18n::{msg::events as m, t};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use rds::types::EventQuery;
use rds::EventCategoryType;

/// Midnight UTC of a `YYYY-MM-DD` date, as upstream takes it.
fn day(d: &str, end: bool) -> Option<String> {
    let t = rds::datetime::parse_rfc3339_lenient(&format!("{d}T00:00:00+00:00"))?;
    Some(rds::datetime::format_unix(if end { t + 86_399 } else { t }, 0))
}

/// The events page.
#[component]
pub fn EventsPage() -> impl IntoView {
    let query = use_query_map();
    let source = query.read_untracked().get("source").unwrap_or_default();
    view! {
        <section>
            <div class="page-head"><h1>{t(m::EVENTS_PAGE_TITLE)}</h1></div>
            <EventsBrowser source fixed=false/>
        </section>
    }
}

/// Events with filters and paging; `fixed` keeps the source (an
/// instance's Events tab).
#[component]
pub fn EventsBrowser(source: String, fixed: bool) -> impl IntoView {
    let source = RwSignal::new(source);
    let code = RwSignal::new(String::new());
    let codes = crate::data::load(|| (), |_| api::event_codes());
    let category = RwSignal::new("ALL".to_string());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let page = RwSignal::new(1u32);
    let size = RwSignal::new(20u32);
    let instances = crate::data::load(|| (), |_| api::list_instances());
    let events = crate::data::load(
        move || (source.get(), category.get(), from.get(), to.get(), text.get(), code.get(), page.get(), size.get()),
        |(source, category, from, to, text, code, page, size)| async move {
            api::list_events(
                EventQuery {
                    page,
                    size,
                    from: day(&from, false).unwrap_or_default(),
                    to: day(&to, true).unwrap_or_default(),
                    event_category_type: EventCategoryType::parse(&category),
                    source_id: Some(source).filter(|s| !s.is_empty()),
                    keyword: Some(text.trim().to_string()).filter(|t| !t.is_empty()),
                },
                code,
            )
            .await
        },
    );
    view! {
        <div>
            <div class="filters" role="search">
                <label><span>{t(m::EVENTS_CATEGORY)}</span>
                    <select prop:value=category on:change:target=move |ev| { category.set(ev.target().value()); page.set(1) }>
                        {EventCategoryType::KNOWN.iter().map(|c| view! { <option value=c.as_str().to_string()>{crate::i18n::words(c)}</option> }).collect_view()}
                    </select></label>
                <label class:hidden=fixed><span>{t(m::EVENTS_SOURCE)}</span>
                    <select prop:value=source on:change:target=move |ev| { source.set(ev.target().value()); page.set(1) }>
                        <option value="">{t(m::EVENTS_EVERY_SOURCE)}</option>
                        <Transition fallback=|| ()>
                            {move || instances.get().and_then(Result::ok).map(|l| model::naming::labels(&l, &crate::i18n::naming_words()).into_iter().map(|(id, label)| view! {
                                <option value=id>{label}</option>
                            }).collect_view())}
                        </Transition>
                    </select></label>
                <label><span>{t(m::EVENTS_FROM)}</span><input type="date" on:change:target=move |ev| { from.set(ev.target().value()); page.set(1) }/></label>
                <label><span>{t(m::EVENTS_UNTIL)}</span><input type="date" on:change:target=move |ev| { to.set(ev.target().value()); page.set(1) }/></label>
                <label><span>{t(m::EVENTS_SEARCH)}</span><input type="search" placeholder=t(m::EVENTS_SEARCH_PLACEHOLDER) on:change:target=move |ev| { text.set(ev.target().value()); page.set(1) }/></label>
                <label><span>{t(m::EVENTS_CODE)}</span>
                    <select prop:value=code on:change:target=move |ev| { code.set(ev.target().value()); page.set(1) }>
                        <option value="">{t(m::EVENTS_EVERY_EVENT)}</option>
                        <Transition fallback=|| ()>
                            {move || codes.get().and_then(Result::ok).map(|l| l.into_iter().filter(|c| {
                                let cat = category.get();
                                cat == "ALL" || c.event_category_type.as_ref().is_some_and(|t| t.as_str() == cat)
                            }).map(|c| {
                                let words = event_words(&c.event_code).map(|d| format!("{d} ({})", c.event_code)).unwrap_or_else(|| c.event_code.clone());
                                view! { <option value=c.event_code.clone()>{words}</option> }
                            }).collect_view())}
                        </Transition>
                    </select></label>
            </div>
            <Loaded data=events loading=t(m::EVENTS_LOADING) let:answer>
                {{
                        let pages = answer.pages(size.get_untracked());
                        let bound = if answer.bounded { crate::i18n::tf(crate::i18n::msg::common::pager_bound(model::matched::SCAN_BOUND as i64)) } else { String::new() };
                        let said = crate::i18n::tf(m::events_pager(page.get_untracked(), pages as i64, answer.total as i64)) + &bound;
                        let events = answer.items;
                        view! {
                            {events.is_empty().then(|| view! { <p class="empty">{t(m::EVENTS_NONE)}</p> })}
                            <table class="grid" aria-label=t(m::EVENTS_PAGE_TITLE)>
                                {crate::i18n::fixed("<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>", &[m::EVENTS_COL_WHEN, m::EVENTS_CATEGORY, m::EVENTS_SOURCE, m::EVENTS_COL_EVENT, m::EVENTS_COL_CODE])}
                                <tbody>
                                    {events.into_iter().map(|e| {
                                        let on_instance = e.event_category_type == Some(EventCategoryType::DbInstance);
                                        view! {
                                            <tr>
                                                <td><crate::components::when::When t=e.event_ymdt.clone()/></td>
                                                <td>{e.event_category_type.as_ref().map(|c| crate::i18n::words(c)).unwrap_or_default()}</td>
                                                <td>{if on_instance {
                                                    view! { <a href=format!("/instances/{}/events", e.source_id)>{e.source_name.clone()}</a> }.into_any()
                                                } else {
                                                    view! { <span>{e.source_name.clone()}</span> }.into_any()
                                                }}</td>
                                                <td title=event_words(&e.event_code).unwrap_or_default() data-words="upstream">{
                                                    let m = e.message_in(crate::i18n::lang().code()).to_string();
                                                    if m.is_empty() { event_words(&e.event_code).unwrap_or_default().to_string() } else { m }
                                                }</td>
                                                <td><code>{e.event_code.clone()}</code></td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                            <nav class="pager" aria-label=t(m::EVENTS_PAGES)>
                                <button type="button" prop:disabled=move || { page.get() <= 1 } on:click=move |_| page.update(|p| *p = p.saturating_sub(1).max(1))>{t(m::EVENTS_PREVIOUS)}</button>
                                <span>{said}</span>
                                <button type="button" prop:disabled=move || { u64::from(page.get()) >= pages } on:click=move |_| page.update(|p| *p += 1)>{t(m::EVENTS_NEXT)}</button>
                            </nav>
                        }.into_any()
                }}
            </Loaded>
        </div>
    }
}

/// What an event code means, in the page's language, when pgdeck knows it.
fn event_words(code: &str) -> Option<&'static str> {
    crate::i18n::msg::event_code(code).map(t).filter(|s| !s.is_empty())
}
