//! The browser entry point: hydrates the page the server rendered.
//!
//! Every page lives in WASM chunks of its own, fetched as one pack per page
//! (scripts/pack-pages.js), so hydration waits for the open page's chunks
//! before it attaches.

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // hydrate_from_async sets wasm-bindgen's executor up for the app's own tasks.
    wasm_bindgen_futures::spawn_local(async {
        // The open page's code first: the page hydrates in one synchronous
        // pass, with nothing left to wait for (vendor/README.md).
        // With the page's messages, fetched at the same time: the page
        // was drawn in its member's language, and hydrates in it.
        let messages = app::i18n::client::fetch();
        app::pages::preload_open_pages().await;
        if let Err(e) = messages.install().await {
            leptos::logging::error!("pgdeck could not load its messages: {e}");
        }
        let body = leptos::prelude::document().body().expect("the page has a body");
        let mounted = leptos::mount::hydrate_from_async(body.clone(), app::App).await;
        mounted.forget();
        // The mark tells tests (and people debugging) that the page is interactive.
        let _ = body.set_attribute("data-hydrated", "true");
    });
}
