//! My settings: NHN Cloud credential sets and sessions.

use crate::api::{self, ActivateCredential, AddCredential, EndSession, RemoveCredential, TestCredential};
use crate::components::form::or_error;
use crate::components::ErrorNote;
use leptos::prelude::*;

/// The settings tabs.
#[component]
pub fn SettingsTabs() -> impl IntoView {
    let admin = move || super::me().is_some_and(|m| m.can_admin);
    view! {
        <nav class="tabs" aria-label="Settings">
            // Plain links: the router's <A> marks the current one (aria-current).
            <leptos_router::components::A href="/settings" exact=true>"My credentials and sessions"</leptos_router::components::A>
            <Show when=admin>
                <leptos_router::components::A href="/settings/users">"Members"</leptos_router::components::A>
                <leptos_router::components::A href="/settings/policies">"Approval policies"</leptos_router::components::A>
            </Show>
        </nav>
    }
}

/// Credentials and sessions of the signed-in member.
#[component]
pub fn MySettings() -> impl IntoView {
    let add = ServerAction::<AddCredential>::new();
    let test = ServerAction::<TestCredential>::new();
    let activate = ServerAction::<ActivateCredential>::new();
    let remove = ServerAction::<RemoveCredential>::new();
    let end = ServerAction::<EndSession>::new();
    let creds = crate::data::load(
        move || (add.version().get(), test.version().get(), activate.version().get(), remove.version().get()),
        |_| api::my_credentials(),
    );
    let sessions = crate::data::load(move || end.version().get(), |_| api::my_sessions());
    view! {
        <section>
            <h1>"Settings"</h1>
            <SettingsTabs/>
            <h2>"My NHN Cloud credentials"</h2>
            <p class="hint">
                "pgdeck calls NHN Cloud with your own keys. Secrets are encrypted at rest; after saving, only their last four characters are shown."
            </p>
            <Suspense fallback=|| view! { <crate::components::form::Loading text="Loading credentials…"/> }>
                {move || {
                    creds
                        .get()
                        .map(|r| match r {
                            Err(e) => view! { <ErrorNote error=e/> }.into_any(),
                            Ok(list) if list.is_empty() => {
                                view! { <p class="empty">"No credentials yet: add your project's appkey and your User Access Key below."</p> }.into_any()
                            }
                            Ok(list) => {
                                view! {
                                    <table class="grid" aria-label="Credential sets">
                                        <thead>
                                            <tr>
                                                <th scope="col">"Label"</th>
                                                <th scope="col">"Region"</th>
                                                <th scope="col">"Appkey"</th>
                                                <th scope="col">"Access key ID"</th>
                                                <th scope="col">"Secret"</th>
                                                <th scope="col">"Last test"</th>
                                                <th scope="col">"Actions"</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {list
                                                .into_iter()
                                                .map(|c| {
                                                    let id = c.id;
                                                    let label = c.label.clone();
                                                    view! {
                                                        <tr class="credential-row">
                                                            <td>
                                                                <span class="name">{c.label.clone()}</span>
                                                                {c.active.then(|| view! { <span class="pill ok">"active"</span> })}
                                                            </td>
                                                            <td class="sub">{c.api_base.clone()}</td>
                                                            <td><code>{format!("…{}", c.appkey_last4)}</code></td>
                                                            <td><code>{format!("…{}", c.access_key_id_last4)}</code></td>
                                                            <td><code>{format!("…{}", c.secret_last4)}</code></td>
                                                            <td>
                                                                {match c.last_test_ok {
                                                                    None => view! { <span class="sub">"never tested"</span> }.into_any(),
                                                                    Some(ok) => {
                                                                        view! {
                                                                            <span class=if ok { "pill ok" } else { "pill bad" }>{if ok { "works" } else { "failed" }}</span>
                                                                            <span class="sub">{c.last_test_message.clone().unwrap_or_default()}</span>
                                                                        }
                                                                            .into_any()
                                                                    }
                                                                }}
                                                            </td>
                                                            <td class="actions">
                                                                <button type="button" on:click=move |_| { test.dispatch(TestCredential { id }); } aria-label=format!("Test {label}")>"Test"</button>
                                                                <Show when=move || !c.active>
                                                                    <button type="button" on:click=move |_| { activate.dispatch(ActivateCredential { id }); }>"Use this"</button>
                                                                </Show>
                                                                <button
                                                                    type="button"
                                                                    class="danger-text"
                                                                    on:click=move |_| {
                                                                        if window().confirm_with_message("Remove this credential set? pgdeck will forget its keys.").unwrap_or(false) {
                                                                            remove.dispatch(RemoveCredential { id });
                                                                        }
                                                                    }
                                                                >
                                                                    "Remove"
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
                            }
                        })
                }}
            </Suspense>
            {move || test.value().get().map(|r| or_error(r, |(ok, m)| if ok {
                view! { <p class="ok-note" role="status">{m}</p> }.into_any()
            } else {
                view! { <div class="error" role="alert">{m}</div> }.into_any()
            }))}
            {move || remove.value().get().and_then(Result::err).map(|e| view! { <ErrorNote error=e/> })}
            <h3>"Add a credential set"</h3>
            <ActionForm action=add attr:class="form-grid">
                <label>
                    <span>"Label"</span>
                    <input type="text" name="label" required placeholder="Production project"/>
                </label>
                <label>
                    <span>"Region API address"</span>
                    <input type="url" name="api_base" placeholder="https://kr1-rds-postgres.api.nhncloudservice.com"/>
                </label>
                <label>
                    <span>"Appkey"</span>
                    <input type="password" name="appkey" required autocomplete="off"/>
                </label>
                <label>
                    <span>"User Access Key ID"</span>
                    <input type="password" name="access_key_id" required autocomplete="off"/>
                </label>
                <label>
                    <span>"Secret Access Key"</span>
                    <input type="password" name="secret_access_key" required autocomplete="off"/>
                </label>
                <div class="form-actions">
                    <button type="submit" class="primary">"Save credentials"</button>
                </div>
            </ActionForm>
            {move || add.value().get().and_then(Result::err).map(|e| view! { <ErrorNote error=e/> })}

            <h2>"My sessions"</h2>
            <Suspense fallback=|| view! { <crate::components::form::Loading text="Loading sessions…"/> }>
                {move || {
                    sessions
                        .get()
                        .map(|r| or_error(r, |list| {
                                view! {
                                    <table class="grid" aria-label="Sessions">
                                        <thead>
                                            <tr>
                                                <th scope="col">"Signed in"</th>
                                                <th scope="col">"Last seen"</th>
                                                <th scope="col">"From"</th>
                                                <th scope="col">"Browser"</th>
                                                <th scope="col"></th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {list
                                                .into_iter()
                                                .map(|s| {
                                                    let handle = s.handle.clone();
                                                    view! {
                                                        <tr class="session-row">
                                                            <td>{s.created_at.clone()}</td>
                                                            <td>{s.last_seen_at.clone()}</td>
                                                            <td>{s.client_addr.clone()}</td>
                                                            <td class="sub">{s.user_agent.clone()}</td>
                                                            <td>
                                                                {if s.current {
                                                                    view! { <span class="pill ok">"this browser"</span> }.into_any()
                                                                } else {
                                                                    view! {
                                                                        <button type="button" on:click=move |_| { end.dispatch(EndSession { handle: handle.clone() }); }>"End session"</button>
                                                                    }
                                                                        .into_any()
                                                                }}
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
        </section>
    }
}
