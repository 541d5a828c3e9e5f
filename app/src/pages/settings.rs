//! My settings: NHN Cloud credential sets, personal API tokens and sessions.

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
            <h2>{crate::i18n::t(crate::i18n::msg::common::MY_LANGUAGE)}</h2>
            <p class="hint">{crate::i18n::t(crate::i18n::msg::common::MY_LANGUAGE_HINT)}</p>
            <crate::components::language::LanguageSwitch label=crate::i18n::msg::common::MY_LANGUAGE/>
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

            <Tokens/>

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

/// The member's personal API tokens (and, for admins, everyone's): create
/// one (its secret shown this once), see when each was last used, revoke.
#[component]
fn Tokens() -> impl IntoView {
    use crate::api::{CreateToken, RevokeToken};
    use crate::components::form::{refusal_as, tie};
    use model::tokens::{NewToken, Scope};
    let create = ServerAction::<CreateToken>::new();
    let revoke = ServerAction::<RevokeToken>::new();
    let me = super::me();
    let (can_change, can_approve, admin) = me.as_ref().map_or((false, false, false), |m| (m.can_change, m.can_approve, m.can_admin));
    let mine = crate::data::load(move || (create.version().get(), revoke.version().get()), |_| api::my_tokens());
    let everyone = crate::data::load(
        move || (create.version().get(), revoke.version().get()),
        move |_| async move {
            if admin {
                api::all_tokens().await
            } else {
                Ok(Vec::new())
            }
        },
    );
    let name = RwSignal::new(String::new());
    let days = RwSignal::new("90".to_string());
    let change = RwSignal::new(false);
    let approve = RwSignal::new(false);
    let refusal = Signal::derive(move || match create.value().get() {
        Some(Err(crate::AppError::Validation { field, reason })) => Some(rds::ValidationError { field, reason }),
        _ => None,
    });
    let other_error = move || create.value().get().and_then(Result::err).filter(|e| !matches!(e, crate::AppError::Validation { .. }));
    let on_field = move |f: &'static str| Signal::derive(move || refusal.get().filter(|e| e.field == f));
    let (name_bad, name_why) = tie(on_field("name"), crate::components::form::error_id("token-name"));
    let (days_bad, days_why) = tie(on_field("days"), crate::components::form::error_id("token-days"));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut scopes = vec![Scope::Read];
        if change.get_untracked() {
            scopes.push(Scope::Change);
        }
        if approve.get_untracked() {
            scopes.push(Scope::Approve);
        }
        let days = days.get_untracked().trim().parse().unwrap_or(0);
        create.dispatch(CreateToken { new: NewToken { name: name.get_untracked(), days, scopes } });
    };
    let table = move |list: Vec<model::tokens::TokenView>, owner: bool| {
        let caption = if owner { "API tokens of every member" } else { "My API tokens" };
        view! {
            <table class="grid" aria-label=caption>
                <thead><tr>
                    {owner.then(|| view! { <th scope="col">"Member"</th> })}
                    <th scope="col">"Name"</th><th scope="col">"Starts with"</th><th scope="col">"Scopes"</th>
                    <th scope="col">"Created"</th><th scope="col">"Expires"</th><th scope="col">"Last used"</th><th scope="col">"State"</th>
                    <th scope="col"><span class="sr-only">"Actions"</span></th>
                </tr></thead>
                <tbody>
                    {list.into_iter().map(|t| {
                        let id = t.id;
                        let label = format!("Revoke token {}", t.name);
                        let live = t.revoked_at.is_none();
                        view! {
                            <tr class="token-row" data-token=t.name.clone()>
                                {owner.then(|| view! { <td>{t.username.clone()}</td> })}
                                <td>{t.name.clone()}</td>
                                <td><code>{format!("{}…", t.prefix)}</code></td>
                                <td>{t.scopes.replace(',', ", ")}</td>
                                <td><crate::components::when::WhenUtc at=t.created_at.clone()/></td>
                                <td><crate::components::when::WhenUtc at=t.expires_at.clone()/></td>
                                <td>{match t.last_used_at.clone() {
                                    Some(at) => view! { <crate::components::when::WhenUtc at=at/>" from "{t.last_used_from.clone()} }.into_any(),
                                    None => view! { <span class="sub">"never"</span> }.into_any(),
                                }}</td>
                                <td>{if live { view! { <span class="pill ok">"active"</span> }.into_any() } else { view! { <span class="pill off">"revoked"</span> }.into_any() }}</td>
                                <td>{live.then(|| view! {
                                    <button type="button" class="danger-text" aria-label=label on:click=move |_| { revoke.dispatch(RevokeToken { id }); }>"Revoke"</button>
                                })}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        }
    };
    view! {
        <h2>"My API tokens"</h2>
        <p class="hint">
            "For scripts and pipelines: a token acts as you on pgdeck's JSON API (" <a href="/api/v1/openapi.json">"/api/v1"</a>
            "), within the scopes you give it and never beyond your role. Changes it asks for go through approval like yours."
        </p>
        <Suspense fallback=|| view! { <crate::components::form::Loading text="Loading tokens…"/> }>
            {move || mine.get().map(|r| or_error(r, move |list| {
                if list.is_empty() {
                    view! { <p class="empty">"No API tokens yet."</p> }.into_any()
                } else {
                    table(list, false).into_any()
                }
            }))}
        </Suspense>
        {move || create.value().get().and_then(Result::ok).map(|c| view! {
            <div class="banner" role="status">
                <p>{format!("Token \"{}\" created. Copy it now: pgdeck keeps only a hash and cannot show it again.", c.token.name)}</p>
                <input class="secret" type="text" readonly aria-label="New token" prop:value=c.secret on:focus:target=|ev| ev.target().select()/>
            </div>
        })}
        <form class="card" aria-label="New API token" on:submit=submit>
            <label>
                <span>"Token name"</span>
                <input type="text" maxlength="64" required prop:value=move || name.get() on:input:target=move |ev| name.set(ev.target().value())
                    aria-invalid=name_bad aria-describedby=name_why/>
                {move || on_field("name").get().map(|e| refusal_as(e, crate::components::form::error_id("token-name")))}
            </label>
            <label>
                <span>"Expires in (days)"</span>
                <input type="number" min="1" required prop:value=move || days.get() on:input:target=move |ev| days.set(ev.target().value())
                    aria-invalid=days_bad aria-describedby=days_why/>
                {move || on_field("days").get().map(|e| refusal_as(e, crate::components::form::error_id("token-days")))}
            </label>
            <fieldset>
                <legend>"Scopes"</legend>
                <label class="check"><input type="checkbox" checked disabled/><span>"Read"</span></label>
                {can_change.then(|| view! { <label class="check"><input type="checkbox" prop:checked=move || change.get() on:change:target=move |ev| change.set(ev.target().checked())/><span>"Change (through approval where gated)"</span></label> })}
                {can_approve.then(|| view! { <label class="check"><input type="checkbox" prop:checked=move || approve.get() on:change:target=move |ev| approve.set(ev.target().checked())/><span>"Approve (vote on others' requests)"</span></label> })}
            </fieldset>
            {move || on_field("scopes").get().map(|e| refusal_as(e, crate::components::form::error_id("token-scopes")))}
            <div class="form-actions"><button type="submit" class="primary">"Create token"</button></div>
            {move || other_error().map(|e| view! { <ErrorNote error=e/> })}
        </form>
        {admin.then(|| view! {
            <h2>"Every member's API tokens"</h2>
            <Suspense fallback=|| ()>
                {move || everyone.get().map(|r| or_error(r, move |list| table(list, true).into_any()))}
            </Suspense>
        })}
    }
}
