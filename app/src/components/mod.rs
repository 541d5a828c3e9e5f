//! Small building blocks shared by pages.

pub mod chart;
pub mod confirm;
pub mod focus;
pub mod form;
pub mod hba_diff;
pub mod language;
pub mod live;
pub mod modal;
pub mod when;

use crate::AppError;
use leptos::prelude::*;

/// An error in words, with upstream's code when there is one.
#[component]
pub fn ErrorNote(error: AppError) -> impl IntoView {
    let hint = match &error {
        AppError::NoCredentials => Some(view! { <a href="/settings">{crate::i18n::t(crate::i18n::msg::change::ADD_CREDENTIALS)}</a> }),
        _ => None,
    };
    // In the member's language: a refused field as the forms name it,
    // whichever side refused it; anything else once its words are here
    // (they load with the first error note).
    let text = RwSignal::new(crate::i18n::error_words(&error));
    #[cfg(feature = "hydrate")]
    if crate::i18n::error_needs_words(&error) {
        let error = error.clone();
        leptos::task::spawn_local(async move {
            crate::i18n::need_messages("ErrorNoteRoute").await;
            text.set(crate::i18n::error_words(&error));
        });
    }
    // Being told to slow down is not a failure of the request itself.
    let (class, lead) = match &error {
        AppError::Throttled { .. } => ("error throttled", crate::i18n::t(crate::i18n::msg::change::THROTTLED_LEAD)),
        _ => ("error", crate::i18n::t(crate::i18n::msg::change::ERROR_LEAD)),
    };
    view! {
        <div class=class role="alert">
            <strong>{lead}</strong>
            " "
            {text}
            " "
            {hint}
        </div>
    }
}

/// A part of a page whose code loads the first time it is shown (a
/// `#[leptos::lazy]` function called in `load`), with `text` while it
/// comes.
pub fn on_demand<F>(text: &'static str, load: F) -> impl IntoView
where
    F: std::future::Future<Output = AnyView> + Send + 'static,
{
    view! { <Suspense fallback=move || view! { <form::Loading text/> }>{Suspend::new(load)}</Suspense> }
}

/// Checkboxes choosing ids from `items` (id, label) into `chosen`.
pub fn check_list(chosen: RwSignal<Vec<String>>, items: Vec<(String, String)>) -> impl IntoView {
    items
        .into_iter()
        .map(|(id, label)| {
            let on = chosen.with_untracked(|c| c.contains(&id));
            view! {
                <label class="check"><input type="checkbox" prop:checked=on on:change:target=move |ev| {
                    let (want, id) = (ev.target().checked(), id.clone());
                    chosen.update(|c| { c.retain(|x| *x != id); if want { c.push(id); } });
                }/>{label}</label>
            }
        })
        .collect_view()
}

/// A status pill coloured by what the status means.
#[component]
pub fn StatusPill(
    /// The state as upstream sends it (`AVAILABLE`): the pill's colour.
    #[prop(into)]
    code: String,
    /// Its words in the page's language; the code itself when not given.
    #[prop(into, optional)]
    text: Option<String>,
) -> impl IntoView {
    let class = match code.as_str() {
        "AVAILABLE" | "COMPLETED" | "STABLE" | "APPLIED" => "pill ok",
        "SHUTDOWN" | "DELETED" => "pill off",
        "FAIL_TO_CREATE" | "FAIL_TO_CONNECT" | "STORAGE_FULL" | "REPLICATION_STOP" | "FAILED" | "ERROR" => "pill bad",
        _ => "pill busy",
    };
    let text = text.unwrap_or_else(|| code.clone());
    view! { <span class=class data-status=code>{text}</span> }
}

/// The deletion-protection padlock of the instance list: closed and dark
/// when protection is on, open and faint when it is off.
#[component]
pub fn Padlock(on: bool) -> impl IntoView {
    use crate::i18n::{msg::common as m, t};
    let (class, label) = if on { ("lock on", t(m::PROTECTION_ON)) } else { ("lock", t(m::PROTECTION_OFF)) };
    // The shackle closes over the body when locked and swings open when not.
    let shackle = if on { "M5 7V5a3 3 0 0 1 6 0v2" } else { "M5 7V5a3 3 0 0 1 5.8-1" };
    view! {
        <svg class=class role="img" aria-label=label viewBox="0 0 16 16" width="14" height="14">
            <title>{label}</title>
            <path d=shackle fill="none" stroke="currentColor" stroke-width="1.6"/>
            <rect x="3" y="7" width="10" height="8" rx="1.5" fill="currentColor"/>
        </svg>
    }
}

/// A small bar for a share (the list's CPU column), with the figure in it.
#[component]
pub fn Meter(percent: f32, #[prop(into)] label: String) -> impl IntoView {
    // The bar is drawn by SVG geometry, not an inline style: the page's
    // Content-Security-Policy (style-src 'self') forbids inline styles.
    // Whole percents, rounded without float formatting (see `lang::Lang::decimal`).
    let width = (percent.clamp(0.0, 100.0).round() as i64).to_string();
    let figure = (percent.round() as i64).to_string();
    let now = figure.clone();
    let class = if percent >= 90.0 { "meter hot" } else { "meter" };
    view! {
        <span class=class role="meter" aria-valuemin="0" aria-valuemax="100" aria-valuenow=now aria-label=label>
            <svg class="fill" viewBox="0 0 100 1" preserveAspectRatio="none" aria-hidden="true"><rect width=width height="1"/></svg>
            <span class="figure">{figure}"%"</span>
        </span>
    }
}
