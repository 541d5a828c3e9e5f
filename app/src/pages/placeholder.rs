//! Sections whose pages are still to come say what will live there.

use leptos::prelude::*;

#[component]
fn Upcoming(title: &'static str, children: Children) -> impl IntoView {
    view! {
        <section>
            <h1>{title}</h1>
            <div class="empty">{children()}</div>
        </section>
    }
}

/// Backups: list, restore, export, delete.
#[component]
pub fn Backups() -> impl IntoView {
    view! {
        <Upcoming title="Backups">
            <p>"Automatic and manual backups of every instance will be listed here, with restore to a point in time or from a backup, export to object storage, and deletion after approval."</p>
        </Upcoming>
    }
}
