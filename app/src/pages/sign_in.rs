//! The sign-in page.

use crate::api::SignIn;
use crate::components::ErrorNote;
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
    view! {
        <main class="sign-in">
            <div class="card">
                <h1>"Sign in to pgdeck"</h1>
                <Suspense fallback=|| ()>
                    {move || {
                        info.get()
                            .and_then(Result::ok)
                            .filter(|i| i.sandbox)
                            .map(|_| {
                                view! {
                                    <p class="hint">
                                        <span class="badge sandbox">"Sandbox"</span>
                                        " Demo members: admin, alice, bob, carol, victor, audrey — password "
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
                            "admins" => Some("Password sign-in below is kept for admins' break-glass accounts."),
                            _ => None,
                        };
                        view! {
                            // Outside the router: the provider's pages are not pgdeck's.
                            <p><a class="button primary sso" rel="external" href=href>{format!("Sign in with {name}")}</a></p>
                            {hint.map(|h| view! { <p class="hint">{h}</p> })}
                        }
                    }))}
                </Suspense>
                <Suspense fallback=|| ()>
                <Show when=move || info.get().and_then(Result::ok).is_none_or(|i| i.passwords != "off")>
                <ActionForm action>
                    <input type="hidden" name="next" prop:value=next/>
                    <label>
                        <span>"Username"</span>
                        <input type="text" name="username" autocomplete="username" required autofocus/>
                    </label>
                    <label>
                        <span>"Password"</span>
                        <input type="password" name="password" autocomplete="current-password" required/>
                    </label>
                    <button type="submit" class="primary" prop:disabled=move || action.pending().get()>
                        {move || if action.pending().get() { "Signing in…" } else { "Sign in" }}
                    </button>
                </ActionForm>
                </Show>
                </Suspense>
                {move || action.value().get().and_then(Result::err).map(|e| view! { <ErrorNote error=e/> })}
            </div>
        </main>
    }
}
