//! My settings: NHN Cloud credential sets, personal API tokens and sessions.

use crate::api::{self, ActivateCredential, AddCredential, EndSession, RemoveCredential, TestCredential};
use crate::components::form::or_error;
use crate::components::ErrorNote;
use crate::i18n::{msg::settings as m, t, tf};
use leptos::prelude::*;

/// The settings tabs.
#[component]
pub fn SettingsTabs() -> impl IntoView {
    let admin = move || super::me().is_some_and(|m| m.can_admin);
    view! {
        <nav class="tabs" aria-label=t(m::SETTINGS_TITLE)>
            // Plain links: the router's <A> marks the current one (aria-current).
            <leptos_router::components::A href="/settings" exact=true>{t(m::SETTINGS_TAB_MINE)}</leptos_router::components::A>
            <Show when=admin>
                <leptos_router::components::A href="/settings/users">{t(m::SETTINGS_TAB_MEMBERS)}</leptos_router::components::A>
                <leptos_router::components::A href="/settings/policies">{t(m::SETTINGS_TAB_POLICIES)}</leptos_router::components::A>
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
            <h1>{t(m::SETTINGS_TITLE)}</h1>
            <SettingsTabs/>
            <h2>{crate::i18n::t(crate::i18n::msg::common::MY_LANGUAGE)}</h2>
            <p class="hint">{crate::i18n::t(crate::i18n::msg::common::MY_LANGUAGE_HINT)}</p>
            <crate::components::language::LanguageSwitch label=crate::i18n::msg::common::MY_LANGUAGE/>
            <h2>{t(m::SETTINGS_CREDENTIALS_TITLE)}</h2>
            <p class="hint">{t(m::SETTINGS_CREDENTIALS_HINT)}</p>
            <Suspense fallback=|| view! { <crate::components::form::Loading text=t(m::SETTINGS_CREDENTIALS_LOADING)/> }>
                {move || {
                    creds
                        .get()
                        .map(|r| match r {
                            Err(e) => view! { <ErrorNote error=e/> }.into_any(),
                            Ok(list) if list.is_empty() => {
                                view! { <p class="empty">{t(m::SETTINGS_CREDENTIALS_NONE)}</p> }.into_any()
                            }
                            Ok(list) => {
                                view! {
                                    <table class="grid" aria-label=t(m::SETTINGS_CREDENTIAL_SETS)>
                                        {crate::i18n::fixed("<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>", &[m::SETTINGS_COL_LABEL, m::SETTINGS_COL_REGION, m::SETTINGS_COL_APPKEY, m::SETTINGS_COL_ACCESS_KEY, m::SETTINGS_COL_SECRET, m::SETTINGS_COL_LAST_TEST, m::SETTINGS_COL_ACTIONS])}
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
                                                                {c.active.then(|| view! { <span class="pill ok">{t(m::SETTINGS_ACTIVE)}</span> })}
                                                            </td>
                                                            <td class="sub">{c.api_base.clone()}</td>
                                                            <td><code>{format!("…{}", c.appkey_last4)}</code></td>
                                                            <td><code>{format!("…{}", c.access_key_id_last4)}</code></td>
                                                            <td><code>{format!("…{}", c.secret_last4)}</code></td>
                                                            <td>
                                                                {match c.last_test_ok {
                                                                    None => view! { <span class="sub">{t(m::SETTINGS_NEVER_TESTED)}</span> }.into_any(),
                                                                    Some(ok) => {
                                                                        view! {
                                                                            <span class=if ok { "pill ok" } else { "pill bad" }>{if ok { t(m::SETTINGS_WORKS) } else { t(m::SETTINGS_FAILED) }}</span>
                                                                            <span class="sub">{c.last_test_message.clone().unwrap_or_default()}</span>
                                                                        }
                                                                            .into_any()
                                                                    }
                                                                }}
                                                            </td>
                                                            <td class="actions">
                                                                <button type="button" on:click=move |_| { test.dispatch(TestCredential { id }); } aria-label=tf(m::settings_test_label(label.clone()))>{t(m::SETTINGS_TEST)}</button>
                                                                <Show when=move || !c.active>
                                                                    <button type="button" on:click=move |_| { activate.dispatch(ActivateCredential { id }); }>{t(m::SETTINGS_USE_THIS)}</button>
                                                                </Show>
                                                                <button
                                                                    type="button"
                                                                    class="danger-text"
                                                                    on:click=move |_| {
                                                                        if window().confirm_with_message(t(m::SETTINGS_REMOVE_CONFIRM)).unwrap_or(false) {
                                                                            remove.dispatch(RemoveCredential { id });
                                                                        }
                                                                    }
                                                                >
                                                                    {t(m::SETTINGS_REMOVE)}
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
            <h3>{t(m::SETTINGS_ADD_TITLE)}</h3>
            <ActionForm action=add attr:class="form-grid">
                <label>
                    <span>{t(m::SETTINGS_COL_LABEL)}</span>
                    <input type="text" name="label" required placeholder=t(m::SETTINGS_LABEL_PLACEHOLDER)/>
                </label>
                <label>
                    <span>{t(m::SETTINGS_REGION_ADDRESS)}</span>
                    <input type="url" name="api_base" placeholder="https://kr1-rds-postgres.api.nhncloudservice.com"/>
                </label>
                <label>
                    <span>{t(m::SETTINGS_COL_APPKEY)}</span>
                    <input type="password" name="appkey" required autocomplete="off"/>
                </label>
                <label>
                    <span>{t(m::SETTINGS_ACCESS_KEY_ID)}</span>
                    <input type="password" name="access_key_id" required autocomplete="off"/>
                </label>
                <label>
                    <span>{t(m::SETTINGS_SECRET_KEY)}</span>
                    <input type="password" name="secret_access_key" required autocomplete="off"/>
                </label>
                <div class="form-actions">
                    <button type="submit" class="primary">{t(m::SETTINGS_SAVE)}</button>
                </div>
            </ActionForm>
            {move || add.value().get().and_then(Result::err).map(|e| view! { <ErrorNote error=e/> })}

            <Tokens/>

            <h2>{t(m::SETTINGS_SESSIONS_TITLE)}</h2>
            <Suspense fallback=|| view! { <crate::components::form::Loading text=t(m::SETTINGS_SESSIONS_LOADING)/> }>
                {move || {
                    sessions
                        .get()
                        .map(|r| or_error(r, |list| {
                                view! {
                                    <table class="grid" aria-label=t(m::SETTINGS_SESSIONS)>
                                        {crate::i18n::fixed("<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\"></th></tr></thead>", &[m::SETTINGS_COL_SIGNED_IN, m::SETTINGS_COL_LAST_SEEN, m::SETTINGS_COL_FROM, m::SETTINGS_COL_BROWSER])}
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
                                                            <td class="sub" data-words="upstream">{s.user_agent.clone()}</td>
                                                            <td>
                                                                {if s.current {
                                                                    view! { <span class="pill ok">{t(m::SETTINGS_THIS_BROWSER)}</span> }.into_any()
                                                                } else {
                                                                    view! {
                                                                        <button type="button" on:click=move |_| { end.dispatch(EndSession { handle: handle.clone() }); }>{t(m::SETTINGS_END_SESSION)}</button>
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
        Some(Err(crate::AppError::Validation { field, reason, code })) => Some(crate::AppError::refused(&field, &reason, &code)),
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
        let caption = if owner { t(m::TOKENS_ALL_CAPTION) } else { t(m::TOKENS_TITLE) };
        view! {
            <table class="grid" aria-label=caption>
                <thead><tr>
                    {owner.then(|| view! { <th scope="col">{t(m::TOKENS_COL_MEMBER)}</th> })}
                    <th scope="col">{t(m::TOKENS_COL_NAME)}</th><th scope="col">{t(m::TOKENS_COL_STARTS)}</th><th scope="col">{t(m::TOKENS_COL_SCOPES)}</th>
                    <th scope="col">{t(m::TOKENS_COL_CREATED)}</th><th scope="col">{t(m::TOKENS_COL_EXPIRES)}</th><th scope="col">{t(m::TOKENS_COL_LAST_USED)}</th><th scope="col">{t(m::TOKENS_COL_STATE)}</th>
                    <th scope="col"><span class="sr-only">{t(m::SETTINGS_COL_ACTIONS)}</span></th>
                </tr></thead>
                <tbody>
                    {list.into_iter().map(|tok| {
                        let id = tok.id;
                        let label = tf(m::tokens_revoke_label(tok.name.clone()));
                        let live = tok.revoked_at.is_none();
                        view! {
                            <tr class="token-row" data-token=tok.name.clone()>
                                {owner.then(|| view! { <td>{tok.username.clone()}</td> })}
                                <td>{tok.name.clone()}</td>
                                <td><code>{format!("{}…", tok.prefix)}</code></td>
                                <td>{tok.scopes.replace(',', ", ")}</td>
                                <td><crate::components::when::WhenUtc at=tok.created_at.clone()/></td>
                                <td><crate::components::when::WhenUtc at=tok.expires_at.clone()/></td>
                                <td>{match tok.last_used_at.clone() {
                                    Some(at) => view! { <crate::components::when::WhenUtc at=at/>{t(m::TOKENS_FROM)}{tok.last_used_from.clone()} }.into_any(),
                                    None => view! { <span class="sub">{t(m::TOKENS_NEVER)}</span> }.into_any(),
                                }}</td>
                                <td>{if live { view! { <span class="pill ok">{t(m::SETTINGS_ACTIVE)}</span> }.into_any() } else { view! { <span class="pill off">{t(m::TOKENS_REVOKED)}</span> }.into_any() }}</td>
                                <td>{live.then(|| view! {
                                    <button type="button" class="danger-text" aria-label=label on:click=move |_| { revoke.dispatch(RevokeToken { id }); }>{t(m::TOKENS_REVOKE)}</button>
                                })}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        }
    };
    view! {
        <h2>{t(m::TOKENS_TITLE)}</h2>
        <p class="hint">
            {t(m::TOKENS_HINT_1)} <a href="/api/v1/openapi.json">"/api/v1"</a>
            {t(m::TOKENS_HINT_2)}
        </p>
        <Suspense fallback=|| view! { <crate::components::form::Loading text=t(m::TOKENS_LOADING)/> }>
            {move || mine.get().map(|r| or_error(r, move |list| {
                if list.is_empty() {
                    view! { <p class="empty">{t(m::TOKENS_NONE)}</p> }.into_any()
                } else {
                    table(list, false).into_any()
                }
            }))}
        </Suspense>
        {move || create.value().get().and_then(Result::ok).map(|c| view! {
            <div class="banner" role="status">
                <p>{tf(m::tokens_created(c.token.name.clone()))}</p>
                <input class="secret" type="text" readonly aria-label=t(m::TOKENS_NEW) prop:value=c.secret on:focus:target=|ev| ev.target().select()/>
            </div>
        })}
        <form class="card" aria-label=t(m::TOKENS_NEW_FORM) on:submit=submit>
            <label>
                <span>{t(m::TOKENS_NAME)}</span>
                <input type="text" maxlength="64" required prop:value=move || name.get() on:input:target=move |ev| name.set(ev.target().value())
                    aria-invalid=name_bad aria-describedby=name_why/>
                {move || on_field("name").get().map(|e| refusal_as(e, crate::components::form::error_id("token-name")))}
            </label>
            <label>
                <span>{t(m::TOKENS_DAYS)}</span>
                <input type="number" min="1" required prop:value=move || days.get() on:input:target=move |ev| days.set(ev.target().value())
                    aria-invalid=days_bad aria-describedby=days_why/>
                {move || on_field("days").get().map(|e| refusal_as(e, crate::components::form::error_id("token-days")))}
            </label>
            <fieldset>
                <legend>{t(m::TOKENS_COL_SCOPES)}</legend>
                <label class="check"><input type="checkbox" checked disabled/><span>{t(m::TOKENS_SCOPE_READ)}</span></label>
                {can_change.then(|| view! { <label class="check"><input type="checkbox" prop:checked=move || change.get() on:change:target=move |ev| change.set(ev.target().checked())/><span>{t(m::TOKENS_SCOPE_CHANGE)}</span></label> })}
                {can_approve.then(|| view! { <label class="check"><input type="checkbox" prop:checked=move || approve.get() on:change:target=move |ev| approve.set(ev.target().checked())/><span>{t(m::TOKENS_SCOPE_APPROVE)}</span></label> })}
            </fieldset>
            {move || on_field("scopes").get().map(|e| refusal_as(e, crate::components::form::error_id("token-scopes")))}
            <div class="form-actions"><button type="submit" class="primary">{t(m::TOKENS_CREATE)}</button></div>
            {move || other_error().map(|e| view! { <ErrorNote error=e/> })}
        </form>
        {admin.then(|| view! {
            <h2>{t(m::TOKENS_EVERYONE_TITLE)}</h2>
            <Suspense fallback=|| ()>
                {move || everyone.get().map(|r| or_error(r, move |list| table(list, true).into_any()))}
            </Suspense>
        })}
    }
}
