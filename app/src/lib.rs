//! pgdeck's user interface: the shell, the pages and the server functions.
//!
//! Server functions stay thin: they read the request's context, call
//! `domain`, and map its error to an [`AppError`] the page can show.

#![recursion_limit = "256"]

pub mod api;
pub mod components;
pub mod error;
pub mod pages;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

pub use error::AppError;

/// The HTML document around the app, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="description" content="pgdeck: the control panel for NHN Cloud RDS for PostgreSQL"/>
                <link rel="stylesheet" href="/style/main.css"/>
                <link rel="icon" href="data:,"/>
                <HydrationScripts options/>
                <leptos_meta::MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// Every section of the navigation: path, label.
pub const SECTIONS: &[(&str, &str)] = &[
    ("/instances", "Instances"),
    ("/backups", "Backups"),
    ("/access-control", "Access control"),
    ("/jobs", "Jobs"),
    ("/approvals", "Approvals"),
    ("/audit", "Audit"),
    ("/settings", "Settings"),
];

/// The application: shell layout and routes.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // Effects run only in the browser: the mark tells tests (and people
    // debugging) that the page is interactive.
    Effect::new(|| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
    let info = Resource::new_blocking(|| (), |_| api::app_info());
    view! {
        <Title text="pgdeck"/>
        <Router>
            <div class="layout">
                <header class="topbar">
                    <a class="brand" href="/">"pgdeck"</a>
                    <Suspense fallback=|| ()>
                        {move || {
                            info.get()
                                .and_then(Result::ok)
                                .map(|i| {
                                    view! {
                                        <Show when=move || i.sandbox>
                                            <span class="badge sandbox" title="Every call goes to pgdeck's built-in emulator, not to NHN Cloud">
                                                "Sandbox"
                                            </span>
                                        </Show>
                                        <span class="version">{format!("v{}", i.version)}</span>
                                    }
                                })
                        }}
                    </Suspense>
                </header>
                <nav class="sidebar" aria-label="Sections">
                    <ul>
                        {SECTIONS
                            .iter()
                            .map(|(href, label)| {
                                view! {
                                    <li>
                                        <A href=*href>{*label}</A>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </nav>
                <main class="content">
                    <Routes fallback=|| view! { <pages::NotFound/> }>
                        <Route path=path!("/") view=pages::instances::InstancesPage/>
                        <Route path=path!("/instances") view=pages::instances::InstancesPage/>
                        <Route path=path!("/backups") view=pages::placeholder::Backups/>
                        <Route path=path!("/access-control") view=pages::placeholder::AccessControl/>
                        <Route path=path!("/jobs") view=pages::placeholder::Jobs/>
                        <Route path=path!("/approvals") view=pages::placeholder::Approvals/>
                        <Route path=path!("/audit") view=pages::placeholder::Audit/>
                        <Route path=path!("/settings") view=pages::placeholder::Settings/>
                    </Routes>
                </main>
            </div>
        </Router>
    }
}
