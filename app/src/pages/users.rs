//! Members (admins only): add, change role, disable, reset password, and who
//! has credentials set up.

use crate::api::{self, CreateUser, ResetUserPassword, SetUserDisabled, SetUserRole};
use crate::components::form::or_error;
use crate::components::language::role_name;
use crate::components::ErrorNote;
use crate::i18n::{msg::users as m, t, tf};
use crate::pages::settings::SettingsTabs;
use leptos::prelude::*;
use model::roles::Role;

/// The roles a member can be given, as stored.
const ROLES: [Role; 5] = [Role::Viewer, Role::Operator, Role::Approver, Role::Auditor, Role::Admin];

/// The members page.
#[component]
pub fn UsersPage() -> impl IntoView {
    let create = ServerAction::<CreateUser>::new();
    let set_role = ServerAction::<SetUserRole>::new();
    let disable = ServerAction::<SetUserDisabled>::new();
    let reset = ServerAction::<ResetUserPassword>::new();
    let users = crate::data::load(
        move || (create.version().get(), set_role.version().get(), disable.version().get(), reset.version().get()),
        |_| api::list_users(),
    );
    view! {
        <section>
            <h1>{t(m::USERS_SETTINGS)}</h1>
            <SettingsTabs/>
            <h2>{t(m::USERS_TITLE)}</h2>
            <Suspense fallback=|| view! { <crate::components::form::Loading text=t(m::USERS_LOADING)/> }>
                {move || {
                    users
                        .get()
                        .map(|r| or_error(r, |list| {
                                view! {
                                    <table class="grid" aria-label=t(m::USERS_TITLE)>
                                        {crate::i18n::fixed("<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>", &[m::USERS_COL_MEMBER, m::USERS_COL_ROLE, m::USERS_COL_CREDENTIALS, m::USERS_COL_STATE, m::USERS_COL_ACTIONS])}
                                        <tbody>
                                            {list
                                                .into_iter()
                                                .map(|u| {
                                                    let name = u.username.clone();
                                                    let (n1, n2, n3) = (name.clone(), name.clone(), name.clone());
                                                    let disabled = u.disabled;
                                                    let (pw, set_pw) = signal(String::new());
                                                    view! {
                                                        <tr class="user-row">
                                                            <td>
                                                                <span class="name">{u.display_name.clone()}</span>
                                                                <span class="sub">{u.username.clone()}</span>
                                                            </td>
                                                            <td>
                                                                <label class="compact">
                                                                    <span class="visually-hidden">{tf(m::users_role_of(u.username.clone()))}</span>
                                                                    <select on:change:target=move |ev| {
                                                                        set_role.dispatch(SetUserRole { username: n1.clone(), role: ev.target().value() });
                                                                    }>
                                                                        {ROLES.iter().map(|r| view! { <option value=r.as_str() selected=r.as_str() == u.role.as_str()>{role_name(*r)}</option> }).collect_view()}
                                                                    </select>
                                                                </label>
                                                            </td>
                                                            <td>
                                                                {if u.credential_sets == 0 {
                                                                    view! { <span class="pill off">{t(m::USERS_CREDENTIALS_NONE)}</span> }.into_any()
                                                                } else {
                                                                    view! { <span class="pill ok">{tf(m::users_credential_sets(u.credential_sets))}</span> }.into_any()
                                                                }}
                                                            </td>
                                                            <td>{if disabled { view! { <span class="pill bad">{t(m::USERS_DISABLED)}</span> }.into_any() } else { view! { <span class="pill ok">{t(m::USERS_ACTIVE)}</span> }.into_any() }}</td>
                                                            <td class="actions">
                                                                <button type="button" on:click=move |_| { disable.dispatch(SetUserDisabled { username: n2.clone(), disabled: !disabled }); }>
                                                                    {if disabled { t(m::USERS_ENABLE) } else { t(m::USERS_DISABLE) }}
                                                                </button>
                                                                <label class="compact">
                                                                    <span class="visually-hidden">{tf(m::users_new_password_for(u.username.clone()))}</span>
                                                                    <input type="password" placeholder=t(m::USERS_NEW_PASSWORD_PLACEHOLDER) prop:value=pw on:input:target=move |ev| set_pw.set(ev.target().value())/>
                                                                </label>
                                                                <button type="button" on:click=move |_| { reset.dispatch(ResetUserPassword { username: n3.clone(), password: pw.get_untracked() }); set_pw.set(String::new()); }>
                                                                    {t(m::USERS_SET_PASSWORD)}
                                                                </button>
                                                            </td>
                                                        </tr>
                                                    }
                                                })
                                                .collect_view()}
                                        </tbody>
                                    </table>
                                }
                                    .into_any()
                            }))
                }}
            </Suspense>
            {move || set_role.value().get().and_then(Result::err).map(|e| view! { <ErrorNote error=e/> })}
            {move || disable.value().get().and_then(Result::err).map(|e| view! { <ErrorNote error=e/> })}
            {move || reset.value().get().map(|r| or_error(r, |()| view! { <p class="ok-note" role="status">{t(m::USERS_PASSWORD_CHANGED)}</p> }))}
            <h3>{t(m::USERS_ADD_TITLE)}</h3>
            <ActionForm action=create attr:class="form-grid">
                <label>
                    <span>{t(m::USERS_USERNAME)}</span>
                    <input type="text" name="username" required/>
                </label>
                <label>
                    <span>{t(m::USERS_DISPLAY_NAME)}</span>
                    <input type="text" name="display_name"/>
                </label>
                <label>
                    <span>{t(m::USERS_COL_ROLE)}</span>
                    <select name="role">{ROLES.iter().map(|r| view! { <option value=r.as_str()>{role_name(*r)}</option> }).collect_view()}</select>
                </label>
                <label>
                    <span>{t(m::USERS_PASSWORD)}</span>
                    <input type="password" name="password" required minlength="12" autocomplete="new-password"/>
                </label>
                <div class="form-actions">
                    <button type="submit" class="primary">{t(m::USERS_ADD)}</button>
                </div>
            </ActionForm>
            {move || create.value().get().map(|r| or_error(r, |()| view! { <p class="ok-note" role="status">{t(m::USERS_ADDED)}</p> }))}
        </section>
    }
}
