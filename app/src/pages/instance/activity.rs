//! The activity tab: the jobs pgdeck followed on this instance.

use super::*;

#[component]
pub(super) fn ActivityTab(id: String, data: Tab<Vec<crate::api::domain_types::JobView>>) -> impl IntoView {
    view! {
        <p><a href=format!("/audit?resource={id}")>{t(m::ACT_TAB_AUDIT)}</a></p>
        <Loaded data loading=t(m::ACT_TAB_LOADING) let:list>
            {if list.is_empty() {
                view! { <p class="empty">{t(m::ACT_TAB_NONE)}</p> }.into_any()
            } else {
                view! { <JobTable jobs=list/> }.into_any()
            }}
        </Loaded>
    }
}
