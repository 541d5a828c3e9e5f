//! The language switch (in the header, and on the settings page) and the
//! words for what pgdeck names itself (roles).

use crate::i18n::{self, msg::common as m, t, Lang};
use leptos::prelude::*;
use model::roles::Role;

/// Chooses the language pgdeck speaks: English, Korean, or whatever the
/// browser asks for. The choice is the member's (on every browser, and on
/// record), or this browser's before signing in.
///
/// A plain form, sent with its button: choosing in the list changes
/// nothing until then (no change of context on input), and the answer
/// brings the page back whole, drawn by the server in the new language, so
/// no word is left in the other one. It needs no code of its own in the
/// browser.
///
/// `label` names the list (the header's is "Language").
#[component]
pub fn LanguageSwitch(#[prop(default = m::LANGUAGE)] label: i18n::Key) -> impl IntoView {
    let current = i18n::lang();
    view! {
        <form method="post" action={<crate::api::SetLanguage as server_fn::ServerFn>::PATH} class="inline language">
            <label>
                <span class="sr-only">{t(label)}</span>
                <select name="language">
                    <option value="auto">{t(m::LANGUAGE_FOLLOW_BROWSER)}</option>
                    {Lang::ALL
                        .into_iter()
                        .map(|l| view! { <option value=l.code() lang=l.code() selected=l == current>{l.native_name()}</option> })
                        .collect_view()}
                </select>
            </label>
            <button type="submit" class="ghost">{t(m::LANGUAGE_APPLY)}</button>
        </form>
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
