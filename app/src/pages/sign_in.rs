//! The sign-in page.

use crate::api::SignIn;
use crate::components::ErrorNote;
use crate::i18n::{msg::sign_in as m, t, tf};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The identity provider's button when pgdeck has one, and username and
/// password where they are allowed.
#[component]
pub fn SignInPage() -> impl IntoView {
    let action = ServerAction::<SignIn>::new();
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    let info = crate::data::load_blocking(|| (), |_| crate::api::sign_in_options());
    // Signed in: the next page is loaded whole, not drawn from this one, so
    // it comes in the member's own language (which this page may not be in).
    Effect::new(move || {
        if let Some(Ok(())) = action.value().get() {
            let target = model::redirect::local_target(&query.read_untracked().get("next").unwrap_or_default()).to_string();
            #[cfg(feature = "hydrate")]
            {
                let _ = window().location().set_href(&target);
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = target;
        }
    });
    view! {
        <main class="sign-in">
            <div class="card">
                <h1>{t(m::SIGN_IN_TITLE)}</h1>
                <Suspense fallback=|| ()>
                    {move || {
                        info.get()
                            .and_then(Result::ok)
                            .filter(|i| i.sandbox)
                            .map(|_| {
                                view! {
                                    <p class="hint">
                                        <span class="badge sandbox">{t(crate::i18n::msg::common::SANDBOX_BADGE)}</span>
                                        " " {t(m::SIGN_IN_DEMO)} " "
                                        <code>"sandbox-password"</code>
                                    </p>
                                }
                            })
                    }}
                </Suspense>
                <Suspense fallback=|| ()>
                    {move || info.get().and_then(Result::ok).and_then(|i| i.sso.clone().map(|name| {
                        let href = format!("/auth/oidc/start?next={}", crate::urlencode(&next()));
                        let hint = match i.passwords.as_str() {
                            "admins" => Some(t(m::SIGN_IN_BREAK_GLASS)),
                            _ => None,
                        };
                        view! {
                            // Outside the router: the provider's pages are not pgdeck's.
                            <p><a class="button primary sso" rel="external" href=href>{tf(m::sign_in_with(name))}</a></p>
                            {hint.map(|h| view! { <p class="hint">{h}</p> })}
                        }
                    }))}
                </Suspense>
                <Suspense fallback=|| ()>
                <Show when=move || info.get().and_then(Result::ok).is_none_or(|i| i.passwords != "off")>
                <ActionForm action>
                    <input type="hidden" name="next" prop:value=next/>
                    <label>
                        <span>{t(m::USERNAME)}</span>
                        <input type="text" name="username" autocomplete="username" required autofocus/>
                    </label>
                    <label>
                        <span>{t(m::PASSWORD)}</span>
                        <input type="password" name="password" autocomplete="current-password" required/>
                    </label>
                    <button type="submit" class="primary" prop:disabled=move || action.pending().get()>
                        {move || if action.pending().get() { t(m::SIGNING_IN) } else { t(m::SIGN_IN) }}
                    </button>
                </ActionForm>
                </Show>
                </Suspense>
                {move || action.value().get().and_then(Result::err).map(|e| view! { <ErrorNote error=e/> })}
            </div>
        </main>
    }
}
