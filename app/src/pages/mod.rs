//! One module per section.

pub mod instances;
pub mod placeholder;

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
        <section>
            <h1>"Page not found"</h1>
            <p>"Nothing lives at this address. Pick a section on the left."</p>
        </section>
    }
}
