//! Members (admins only): add, change role, disable, reset password, and who
//! has credentials set up.

use crate::api::{self, CreateUser, ResetUserPassword, SetUserDisabled, SetUserRole};
use crate::components::form::or_error;
use crate::components::ErrorNote;
use crate::pages::settings::SettingsTabs;
use leptos::prelude::*;

/// The roles a member can be given, as stored.
const ROLES: [&str; 5] = {
    use model::roles::Role;
    [Role::Viewer.as_str(), Role::Operator.as_str(), Role::Approver.as_str(), Role::Auditor.as_str(), Role::Admin.as_str()]
};

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
            <h1>"Settings"</h1>
            <SettingsTabs/>
            <h2>"Members"</h2>
            <Suspense fallback=|| view! { <crate::components::form::Loading text="Loading members…"/> }>
                {move || {
                    users
                        .get()
                        .map(|r| or_error(r, |list| {
                                view! {
                                    <table class="grid" aria-label="Members">
                                        <thead>
                                            <tr>
                                                <th scope="col">"Member"</th>
                                                <th scope="col">"Role"</th>
                                                <th scope="col">"Credentials"</th>
                                                <th scope="col">"State"</th>
                                                <th scope="col">"Actions"</th>
                                            </tr>
                                        </thead>
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
                                                                    <span class="visually-hidden">{format!("Role of {}", u.username)}</span>
                                                                    <select on:change:target=move |ev| {
                                                                        set_role.dispatch(SetUserRole { username: n1.clone(), role: ev.target().value() });
                                                                    }>
                                                                        {ROLES.iter().map(|r| view! { <option value=*r selected=*r == u.role.as_str()>{*r}</option> }).collect_view()}
                                                                    </select>
                                                                </label>
                                                            </td>
                                                            <td>
                                                                {if u.credential_sets == 0 {
                                                                    view! { <span class="pill off">"none"</span> }.into_any()
                                                                } else {
                                                                    view! { <span class="pill ok">{format!("{} set(s)", u.credential_sets)}</span> }.into_any()
                                                                }}
                                                            </td>
                                                            <td>{if disabled { view! { <span class="pill bad">"disabled"</span> }.into_any() } else { view! { <span class="pill ok">"active"</span> }.into_any() }}</td>
                                                            <td class="actions">
                                                                <button type="button" on:click=move |_| { disable.dispatch(SetUserDisabled { username: n2.clone(), disabled: !disabled }); }>
                                                                    {if disabled { "Enable" } else { "Disable" }}
                                                                </button>
                                                                <label class="compact">
                                                                    <span class="visually-hidden">{format!("New password for {}", u.username)}</span>
                                                                    <input type="password" placeholder="new password" prop:value=pw on:input:target=move |ev| set_pw.set(ev.target().value())/>
                                                                </label>
                                                                <button type="button" on:click=move |_| { reset.dispatch(ResetUserPassword { username: n3.clone(), password: pw.get_untracked() }); set_pw.set(String::new()); }>
                                                                    "Set password"
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
            {move || reset.value().get().map(|r| or_error(r, |()| view! { <p class="ok-note" role="status">"Password changed; the member's sessions ended."</p> }))}
            <h3>"Add a member"</h3>
            <ActionForm action=create attr:class="form-grid">
                <label>
                    <span>"Username"</span>
                    <input type="text" name="username" required/>
                </label>
                <label>
                    <span>"Display name"</span>
                    <input type="text" name="display_name"/>
                </label>
                <label>
                    <span>"Role"</span>
                    <select name="role">{ROLES.iter().map(|r| view! { <option value=*r>{*r}</option> }).collect_view()}</select>
                </label>
                <label>
                    <span>"Password (12 characters or more)"</span>
                    <input type="password" name="password" required minlength="12" autocomplete="new-password"/>
                </label>
                <div class="form-actions">
                    <button type="submit" class="primary">"Add member"</button>
                </div>
            </ActionForm>
            {move || create.value().get().map(|r| or_error(r, |()| view! { <p class="ok-note" role="status">"Member added."</p> }))}
        </section>
    }
}
