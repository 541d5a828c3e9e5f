//! One module per section.

pub mod approvals;
pub mod audit;
pub mod create;
pub mod instance;
pub mod instances;
pub mod jobs;
pub mod placeholder;
pub mod policies;
pub mod settings;
pub mod sign_in;
pub mod users;

use leptos::prelude::*;

/// Shown for any unknown path.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
            resp.set_status(axum::http::StatusCode::NOT_FOUND);
        }
    }
    view! {
        <main class="content narrow">
            <h1>"Page not found"</h1>
            <p>"Nothing lives at this address. " <a href="/">"Back to the instances"</a></p>
        </main>
    }
}

/// The signed-in member's permissions, once known.
pub fn me() -> Option<crate::api::Member> {
    use_context::<crate::MeResource>().and_then(|r| r.get()).and_then(Result::ok).flatten()
}
