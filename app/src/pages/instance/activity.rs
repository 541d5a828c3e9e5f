//! The activity tab: the jobs pgdeck followed on this instance.

use super::*;

#[component]
pub(super) fn ActivityTab(id: String, data: Tab<Vec<crate::api::domain_types::JobView>>) -> impl IntoView {
    view! {
        <p><a href=format!("/audit?resource={id}")>"Audit history of this instance"</a></p>
        <Loaded data loading="Loading jobs…" let:list>
            {if list.is_empty() {
                view! { <p class="empty">"No jobs through pgdeck yet."</p> }.into_any()
            } else {
                view! { <JobTable jobs=list/> }.into_any()
            }}
        </Loaded>
    }
}
