//! The instance group's PostgreSQL extensions: what is installed in which
//! database, install and remove (waiting until applied, gated by policy),
//! apply and synchronize.

use super::InstanceCtx;
use crate::api::Overview;
use crate::components::form::{Loaded, Problem};
use crate::components::StatusPill;
use crate::i18n::{msg::tab_extensions as m, t, tf};
use leptos::prelude::*;
use model::ExtensionsView;
use rds::types::{Extension, ExtensionDeleteQuery, InstallExtension};
use rds::validate::Validate;
use rds::{DatabaseId, DbInstanceGroupId, ExtensionReservedAction, ExtensionStatus, GroupExtensionId};

fn confirm(name: String, call: crate::api::Change) {
    if let Some(c) = use_context::<InstanceCtx>() {
        c.pending.set(Some((name, call)));
    }
}

/// The tab.
#[component]
pub(super) fn ExtensionsTab(
    o: Overview,
    can_change: impl Fn() -> bool + Send + Sync + Copy + 'static,
    data: super::Tab<model::ExtensionsView>,
) -> impl IntoView {
    let name = StoredValue::new(o.detail.db_instance_name.clone());
    view! {
        <div class="card wide">
            <p class="hint">{t(m::EXT_HINT)}</p>
            <Loaded data loading=t(m::EXT_LOADING) let:v>
                <List v name can_change/>
            </Loaded>
        </div>
    }
}

#[component]
fn List(v: ExtensionsView, name: StoredValue<String>, can_change: impl Fn() -> bool + Send + Sync + Copy + 'static) -> impl IntoView {
    let group = StoredValue::new(DbInstanceGroupId::new(v.group_id.clone()));
    let waiting = v.extensions.iter().any(|e| e.extension_status == Some(ExtensionStatus::NeedToApply));
    let installing = RwSignal::new(None::<Extension>);
    let databases = StoredValue::new(v.databases.clone());
    view! {
        <Show when=can_change>
            <div class="toolbar">
                {waiting.then(|| view! {
                    <button type="button" class="primary" on:click=move |_| confirm(name.get_value(), crate::change!(ApplyExtensions { group_id: group.get_value() }))>{t(m::EXT_APPLY)}</button>
                })}
                <button type="button" on:click=move |_| confirm(name.get_value(), crate::change!(SyncExtensions { group_id: group.get_value() }))>{t(m::EXT_SYNC)}</button>
            </div>
        </Show>
        {waiting.then(|| view! { <p class="banner">{t(m::EXT_WAITING)}</p> })}
        {move || installing.get().map(|e| view! { <InstallForm e group=group.get_value() databases name installing/> })}
        <table class="grid" aria-label=t(m::EXT_TABLE)>
            <thead><tr>
                <th scope="col">{t(m::EXT_EXTENSION)}</th><th scope="col">{t(m::EXT_STATE)}</th><th scope="col">{t(m::EXT_DATABASES)}</th>
                <th scope="col"><span class="sr-only">{t(crate::i18n::msg::common::GRID_ACTIONS)}</span></th>
            </tr></thead>
            <tbody>
                {v.extensions.into_iter().map(|e| {
                    let stored = StoredValue::new(e.clone());
                    let state = e.extension_status.as_ref().map(|s| s.as_str().to_string()).unwrap_or_default();
                    view! {
                        <tr data-extension=e.extension_name.clone()>
                            <td class="name">{e.extension_name.clone()}</td>
                            <td><StatusPill code=state text=crate::i18n::words_of(e.extension_status.as_ref())/></td>
                            <td>
                                <ul class="plain">
                                    {e.databases.iter().map(|d| {
                                        let pending = d.reserved_action.as_ref().filter(|a| **a != ExtensionReservedAction::None).map(|a| format!(" — {}", crate::i18n::words(&a)));
                                        let status = d.db_instance_group_extension_status.as_ref().map(|s| crate::i18n::words(s)).unwrap_or_default();
                                        let gx = d.db_instance_group_extension_id.clone();
                                        let label = format!("{} from {}", e.extension_name, d.database_name);
                                        let removing = matches!(d.reserved_action, Some(ExtensionReservedAction::Delete | ExtensionReservedAction::DeleteWithCascade));
                                        view! {
                                            <li>{d.database_name.clone()}": "{status}{pending}
                                                {d.error_reason.clone().filter(|r| !r.is_empty()).map(|r| view! { <span class="field-error">" ("{r}")"</span> })}
                                                {(!removing).then(|| view! {
                                                    <Show when=can_change>
                                                        {
                                                            let (gx, label) = (gx.clone(), label.clone());
                                                            view! {
                                                                <button type="button" class="danger-text" aria-label=tf(m::ext_remove_label(label.clone())) on:click=move |_| confirm(label.clone(), crate::change!(DeleteExtension {
                                                                    group_id: group.get_value(), group_extension_id: GroupExtensionId::new(gx.0.clone()), query: ExtensionDeleteQuery { with_cascade: false },
                                                                }))>{t(m::EXT_REMOVE)}</button>
                                                            }
                                                        }
                                                    </Show>
                                                })}
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            </td>
                            <td class="row-actions">
                                <Show when=can_change>
                                    <button type="button" aria-label=tf(m::ext_install_label(stored.with_value(|e| e.extension_name.clone()))) on:click=move |_| installing.set(Some(stored.get_value()))>{t(m::EXT_INSTALL_MORE)}</button>
                                </Show>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn InstallForm(
    e: Extension,
    group: DbInstanceGroupId,
    databases: StoredValue<Vec<(String, String)>>,
    name: StoredValue<String>,
    installing: RwSignal<Option<Extension>>,
) -> impl IntoView {
    let taken: Vec<String> = e.databases.iter().map(|d| d.database_id.0.clone()).collect();
    let choices: Vec<(String, String)> = databases.get_value().into_iter().filter(|(id, _)| !taken.contains(id)).collect();
    let database = RwSignal::new(choices.first().map(|c| c.0.clone()).unwrap_or_default());
    let schema = RwSignal::new("public".to_string());
    let cascade = RwSignal::new(false);
    let body = move || InstallExtension {
        database_id: DatabaseId::new(database.get()),
        schema_name: schema.get().trim().to_string(),
        with_cascade: Some(cascade.get()),
    };
    let title = tf(m::ext_install_label(e.extension_name.clone()));
    let label = title.clone();
    let ext_id = e.extension_id.clone();
    let none_left = choices.is_empty();
    view! {
        <form class="card" aria-label=label on:submit=move |ev| ev.prevent_default()>
            <h3>{title}</h3>
            {none_left.then(|| view! { <p class="empty">{t(m::EXT_EVERYWHERE)}</p> })}
            <div class="form-grid">
                <label><span>{t(m::EXT_DATABASE)}</span><select prop:value=database on:change:target=move |ev| database.set(ev.target().value())>
                    {choices.into_iter().map(|(id, n)| view! { <option value=id>{n}</option> }).collect_view()}
                </select></label>
                <label><span>{t(m::EXT_SCHEMA)}</span><input type="text" prop:value=schema on:input:target=move |ev| schema.set(ev.target().value())/></label>
            </div>
            <label class="check"><input type="checkbox" prop:checked=cascade on:change:target=move |ev| cascade.set(ev.target().checked())/>{t(m::EXT_CASCADE)}</label>
            <Problem error=Signal::derive(move || body().validate().err())/>
            <div class="form-actions">
                <button type="button" class="primary" prop:disabled=move || none_left || body().validate().is_err() on:click=move |_| {
                    confirm(name.get_value(), crate::change!(InstallExtension { group_id: group.clone(), extension_id: ext_id.clone(), body: body() }));
                    installing.set(None);
                }>{t(m::EXT_INSTALL)}</button>
                <button type="button" on:click=move |_| installing.set(None)>{t(m::EXT_CANCEL)}</button>
            </div>
        </form>
    }
}
