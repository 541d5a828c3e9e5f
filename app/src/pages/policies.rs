//! Approval policies and notification webhooks (admins).

use crate::api::domain_types::PolicyView;
use crate::api::{list_policies, list_webhooks, AddWebhook, RemoveWebhook, SetPolicy};
use crate::components::form::Loaded;
use crate::components::ErrorNote;
use crate::i18n::{msg::policies as m, t, tf};
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
            <h1>{t(m::POLICIES_SETTINGS)}</h1>
            <SettingsTabs/>
            <h2>{t(m::POLICIES_TITLE)}</h2>
            <p class="hint">{t(m::POLICIES_HINT)}</p>
            {move || set.value().get().and_then(Result::err).map(|e| view! { <ErrorNote error=e/> })}
            <Loaded data=policies loading=t(m::POLICIES_LOADING) let:list>
                {view! {
                        <table class="grid" aria-label=t(m::POLICIES_TITLE)>
                            {crate::i18n::fixed("<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>", &[m::POLICIES_COL_ACTION, m::POLICIES_COL_NEEDS, m::POLICIES_COL_APPROVALS, m::POLICIES_COL_OPEN, m::POLICIES_COL_RUN_WITHIN, m::POLICIES_COL_ROLES])}
                            <tbody>
                                {list.into_iter().map(|p| view! { <PolicyRow p set/> }).collect_view()}
                            </tbody>
                        </table>
                    }}
            </Loaded>
            <h2>{t(m::WEBHOOKS_TITLE)}</h2>
            <Transition fallback=|| ()>
                {move || hooks.get().map(|r| match r {
                    Err(e) => view! { <ErrorNote error=e/> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p class="empty">{t(m::WEBHOOKS_NONE)}</p> }.into_any(),
                    Ok(list) => view! {
                        <table class="grid" aria-label=t(m::WEBHOOKS_TABLE)>
                            {crate::i18n::fixed("<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\"></th></tr></thead>", &[m::WEBHOOKS_COL_NAME, m::WEBHOOKS_COL_KIND, m::WEBHOOKS_COL_LANGUAGE, m::WEBHOOKS_COL_ADDRESS, m::WEBHOOKS_COL_FAILED])}
                            <tbody>
                                {list.into_iter().map(|w| {
                                    let id = w.id;
                                    view! {
                                        <tr>
                                            <td>{w.name.clone()}</td><td>{w.kind.clone()}</td>
                                            <td lang=w.language.clone()>{crate::i18n::Lang::from_code(&w.language).map_or(w.language.clone(), |l| l.native_name().to_string())}</td>
                                            <td class="sub">{w.url.clone()}</td>
                                            <td>{if w.failures == 0 { t(m::WEBHOOKS_NONE_FAILED).to_string() } else { tf(m::webhooks_failures(w.failures, w.last_error.clone())) }}</td>
                                            <td><button type="button" on:click=move |_| { remove.dispatch(RemoveWebhook { id }); }>{t(m::WEBHOOKS_REMOVE)}</button></td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                })}
            </Transition>
            <ActionForm action=add attr:class="form-grid">
                <label><span>{t(m::WEBHOOKS_NAME)}</span><input type="text" name="name" required/></label>
                <label><span>{t(m::WEBHOOKS_ADDRESS)}</span><input type="url" name="url" required placeholder="https://hooks.slack.com/…"/></label>
                <label><span>{t(m::WEBHOOKS_COL_KIND)}</span><select name="kind"><option value="slack">{t(m::WEBHOOKS_SLACK)}</option><option value="dooray">{t(m::WEBHOOKS_DOORAY)}</option></select></label>
                <label><span>{t(m::WEBHOOKS_LANGUAGE)}</span><select name="language">
                    {crate::i18n::Lang::ALL.into_iter().map(|l| view! { <option value=l.code() lang=l.code() selected=l == crate::i18n::lang()>{l.native_name()}</option> }).collect_view()}
                </select></label>
                <div class="form-actions"><button type="submit" class="primary">{t(m::WEBHOOKS_ADD)}</button></div>
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
    // English names the action as recorded (the labels tests and members
    // know); other languages by its verb.
    let label = crate::i18n::action_name(&p.action);
    view! {
        <tr class="policy-row" data-action=p.action.clone()>
            <td>{label.clone()}{p.customised.then(|| view! { <span class="sub">{t(m::POLICIES_CUSTOMISED)}</span> })}
                {
                    let covers: Vec<String> = model::actions::covered_by(&p.action).map(|e| format!("{} {}", crate::i18n::action_name(e.call), effect_words(e))).collect();
                    (!covers.is_empty()).then(|| view! {
                        <span class="sub covers">{t(m::POLICIES_ALSO_COVERS)}{covers.join("; ")}</span>
                    })
                }
            </td>
            <td><label class="compact"><span class="visually-hidden">{tf(m::policies_needs_label(label.clone()))}</span>
                <input type="checkbox" prop:checked=p.required on:change:target=move |ev| { let v = ev.target().checked(); save(&move |x| x.required = v) }/></label></td>
            <td><label class="compact"><span class="visually-hidden">{tf(m::policies_approvals_label(label.clone()))}</span>
                <input type="number" min="1" max="5" prop:value=p.approvals_needed on:change:target=move |ev| { let v = ev.target().value().parse().unwrap_or(1); save(&move |x| x.approvals_needed = v) }/></label></td>
            <td><label class="compact"><span class="visually-hidden">{tf(m::policies_open_label(label.clone()))}</span>
                <input type="number" min="1" max="720" prop:value=p.open_hours on:change:target=move |ev| { let v = ev.target().value().parse().unwrap_or(24); save(&move |x| x.open_hours = v) }/></label></td>
            <td><label class="compact"><span class="visually-hidden">{tf(m::policies_run_label(label.clone()))}</span>
                <input type="number" min="1" max="720" prop:value=p.run_within_hours on:change:target=move |ev| { let v = ev.target().value().parse().unwrap_or(24); save(&move |x| x.run_within_hours = v) }/></label></td>
            <td class="sub">{p.approver_roles.iter().map(|r| crate::components::language::role_name(*r)).collect::<Vec<_>>().join(", ")}</td>
        </tr>
    }
}

/// When another call has a gated action's effect, in the page's language
/// (`COVERS` follows `model::actions::EFFECTS`, a test checks it).
fn effect_words(e: &model::actions::Effect) -> String {
    let at = model::actions::EFFECTS.iter().position(|x| x == e);
    at.and_then(|i| COVERS.get(i)).map(|k| t(*k)).filter(|s| !s.is_empty()).unwrap_or(e.when).to_string()
}

const COVERS: &[crate::i18n::Key] = &[
    m::COVERS_HA_OFF_PAUSE,
    m::COVERS_HA_OFF_SPLIT,
    m::COVERS_DATABASE_HBA,
    m::COVERS_USER_HBA,
    m::COVERS_PARAMETER_GROUP,
    m::COVERS_USER_GROUP_EMPTY,
    m::COVERS_NOTIFICATION_OFF,
    m::COVERS_RULES_ALL_DELETED,
    m::COVERS_PARAMETERS_DEFAULT,
];

#[cfg(test)]
mod tests {
    #[test]
    fn every_effect_has_its_words() {
        assert_eq!(super::COVERS.len(), model::actions::EFFECTS.len());
    }
}
