//! Approval policies and notification webhooks (admins).

use crate::api::domain_types::PolicyView;
use crate::api::{list_policies, list_webhooks, AddWebhook, RemoveWebhook, SetPolicy};
use crate::components::form::Loaded;
use crate::components::ErrorNote;
use crate::pages::settings::SettingsTabs;
use leptos::prelude::*;

/// The policies page.
#[component]
pub fn PoliciesPage() -> impl IntoView {
    let set = ServerAction::<SetPolicy>::new();
    let add = ServerAction::<AddWebhook>::new();
    let remove = ServerAction::<RemoveWebhook>::new();
    let policies = crate::data::load(move || set.version().get(), |_| list_policies());
    let hooks = crate::data::load(move || (add.version().get(), remove.version().get()), |_| list_webhooks());
    view! {
        <section>
            <h1>"Settings"</h1>
            <SettingsTabs/>
            <h2>"Approval policies"</h2>
            <p class="hint">"Restores are not gated by default: they create a new instance and change nothing that exists."</p>
            {move || set.value().get().and_then(Result::err).map(|e| view! { <ErrorNote error=e/> })}
            <Loaded data=policies loading="Loading policies…" let:list>
                {view! {
                        <table class="grid" aria-label="Approval policies">
                            <thead><tr>
                                <th scope="col">"Action"</th><th scope="col">"Needs approval"</th><th scope="col">"Approvals"</th>
                                <th scope="col">"Open (hours)"</th><th scope="col">"Run within (hours)"</th><th scope="col">"Approver roles"</th>
                            </tr></thead>
                            <tbody>
                                {list.into_iter().map(|p| view! { <PolicyRow p set/> }).collect_view()}
                            </tbody>
                        </table>
                    }}
            </Loaded>
            <h2>"Notification webhooks"</h2>
            <Transition fallback=|| ()>
                {move || hooks.get().map(|r| match r {
                    Err(e) => view! { <ErrorNote error=e/> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p class="empty">"No webhooks: requests, approvals and results are not announced anywhere."</p> }.into_any(),
                    Ok(list) => view! {
                        <table class="grid" aria-label="Webhooks">
                            <thead><tr><th scope="col">"Name"</th><th scope="col">"Kind"</th><th scope="col">"Address"</th><th scope="col">"Failed deliveries"</th><th scope="col"></th></tr></thead>
                            <tbody>
                                {list.into_iter().map(|w| {
                                    let id = w.id;
                                    view! {
                                        <tr>
                                            <td>{w.name.clone()}</td><td>{w.kind.clone()}</td><td class="sub">{w.url.clone()}</td>
                                            <td>{if w.failures == 0 { "none".to_string() } else { format!("{} — last: {}", w.failures, w.last_error) }}</td>
                                            <td><button type="button" on:click=move |_| { remove.dispatch(RemoveWebhook { id }); }>"Remove"</button></td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                })}
            </Transition>
            <ActionForm action=add attr:class="form-grid">
                <label><span>"Webhook name"</span><input type="text" name="name" required/></label>
                <label><span>"Webhook address"</span><input type="url" name="url" required placeholder="https://hooks.slack.com/…"/></label>
                <label><span>"Kind"</span><select name="kind"><option value="slack">"Slack-compatible"</option><option value="dooray">"NHN Dooray"</option></select></label>
                <div class="form-actions"><button type="submit" class="primary">"Add webhook"</button></div>
            </ActionForm>
            {move || add.value().get().and_then(Result::err).map(|e| view! { <ErrorNote error=e/> })}
        </section>
    }
}

#[component]
fn PolicyRow(p: PolicyView, set: ServerAction<SetPolicy>) -> impl IntoView {
    let current = StoredValue::new(p.clone());
    let save = move |f: &dyn Fn(&mut PolicyView)| {
        let mut next = current.get_value();
        f(&mut next);
        current.set_value(next.clone());
        set.dispatch(SetPolicy { policy: next });
    };
    let label = p.action.replace('_', " ");
    view! {
        <tr class="policy-row" data-action=p.action.clone()>
            <td>{label.clone()}{p.customised.then(|| view! { <span class="sub">"changed from the default"</span> })}
                {
                    let covers: Vec<String> = model::actions::covered_by(&p.action).map(|e| format!("{} {}", e.call.replace('_', " "), e.when)).collect();
                    (!covers.is_empty()).then(|| view! {
                        <span class="sub covers">"Also covers: "{covers.join("; ")}</span>
                    })
                }
            </td>
            <td><label class="compact"><span class="visually-hidden">{format!("{label} needs approval")}</span>
                <input type="checkbox" prop:checked=p.required on:change:target=move |ev| { let v = ev.target().checked(); save(&move |x| x.required = v) }/></label></td>
            <td><label class="compact"><span class="visually-hidden">{format!("{label} approvals needed")}</span>
                <input type="number" min="1" max="5" prop:value=p.approvals_needed on:change:target=move |ev| { let v = ev.target().value().parse().unwrap_or(1); save(&move |x| x.approvals_needed = v) }/></label></td>
            <td><label class="compact"><span class="visually-hidden">{format!("{label} open hours")}</span>
                <input type="number" min="1" max="720" prop:value=p.open_hours on:change:target=move |ev| { let v = ev.target().value().parse().unwrap_or(24); save(&move |x| x.open_hours = v) }/></label></td>
            <td><label class="compact"><span class="visually-hidden">{format!("{label} run within hours")}</span>
                <input type="number" min="1" max="720" prop:value=p.run_within_hours on:change:target=move |ev| { let v = ev.target().value().parse().unwrap_or(24); save(&move |x| x.run_within_hours = v) }/></label></td>
            <td class="sub">{model::roles::join(&p.approver_roles, ", ")}</td>
        </tr>
    }
}
