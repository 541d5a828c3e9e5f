//! Small building blocks shared by pages.

pub mod chart;
pub mod confirm;
pub mod live;

use crate::AppError;
use leptos::prelude::*;

/// An error in words, with upstream's code when there is one.
#[component]
pub fn ErrorNote(error: AppError) -> impl IntoView {
    let hint = match &error {
        AppError::NoCredentials => Some(view! { <a href="/settings">"Add credentials in Settings"</a> }),
        _ => None,
    };
    view! {
        <div class="error" role="alert">
            <strong>"Could not complete: "</strong>
            {error.to_string()}
            " "
            {hint}
        </div>
    }
}

/// A status pill coloured by what the status means.
#[component]
pub fn StatusPill(#[prop(into)] text: String) -> impl IntoView {
    let class = match text.as_str() {
        "AVAILABLE" | "COMPLETED" | "STABLE" | "APPLIED" => "pill ok",
        "SHUTDOWN" | "DELETED" => "pill off",
        "FAIL_TO_CREATE" | "FAIL_TO_CONNECT" | "STORAGE_FULL" | "REPLICATION_STOP" | "FAILED" | "ERROR" => "pill bad",
        _ => "pill busy",
    };
    view! { <span class=class>{text}</span> }
}
