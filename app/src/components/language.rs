//! The language switch (in the header, and on the settings page) and the
//! words for what pgdeck names itself (roles).

use crate::i18n::{self, msg::common as m, t, Lang};
use leptos::prelude::*;
use model::roles::Role;

/// Chooses the language pgdeck speaks: English, Korean, or whatever the
/// browser asks for. The choice is the member's (on every browser, and on
/// record), or this browser's before signing in; the page is then drawn
/// again in it, by the server, so no word is left in the other language.
///
/// `label` names the control (the header's is "Language").
#[component]
pub fn LanguageSwitch(#[prop(default = m::LANGUAGE)] label: i18n::Key) -> impl IntoView {
    let set = ServerAction::<crate::api::SetLanguage>::new();
    let current = i18n::lang();
    Effect::new(move || {
        if let Some(Ok(())) = set.value().get() {
            #[cfg(feature = "hydrate")]
            {
                let _ = window().location().reload();
            }
        }
    });
    // The refusal in plain words: the shell carries no field-label table.
    let failed = move || set.value().get().and_then(Result::err).map(|e| view! { <span class="error" role="alert">{e.to_string()}</span> });
    view! {
        <label class="language">
            <span class="sr-only">{t(label)}</span>
            <select
                prop:disabled=move || set.pending().get()
                on:change:target=move |ev| {
                    set.dispatch(crate::api::SetLanguage { language: ev.target().value() });
                }
            >
                <option value="auto">{t(m::LANGUAGE_FOLLOW_BROWSER)}</option>
                {Lang::ALL
                    .into_iter()
                    .map(|l| view! { <option value=l.code() lang=l.code() selected=l == current>{l.native_name()}</option> })
                    .collect_view()}
            </select>
        </label>
        {failed}
    }
}

/// A role's name, in the page's language.
pub fn role_name(role: Role) -> &'static str {
    t(match role {
        Role::Viewer => m::ROLE_VIEWER,
        Role::Operator => m::ROLE_OPERATOR,
        Role::Approver => m::ROLE_APPROVER,
        Role::Auditor => m::ROLE_AUDITOR,
        Role::Admin => m::ROLE_ADMIN,
    })
}
