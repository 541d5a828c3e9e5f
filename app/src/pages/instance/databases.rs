//! The databases tab.

use super::*;
#[allow(unused_imports)]
use crate::i18n::{msg::tab_databases as m, t, tf};

#[component]
pub(super) fn DatabasesTab(
    o: Overview,
    can_change: impl Fn() -> bool + Send + Sync + Copy + 'static,
    data: Tab<Vec<Database>>,
) -> impl IntoView {
    let new_name = RwSignal::new(String::new());
    // The database being renamed: id, current name.
    let renaming: RwSignal<Option<(String, String)>> = RwSignal::new(None);
    let rename_to = RwSignal::new(String::new());
    let apply_hba = RwSignal::new(true);
    let o = StoredValue::new(o);
    let name_check = |v: &str| text_problem(v.trim(), |n| rds::validate::length("databaseName", n, 1, 63));
    view! {
        <div class="card">
            <Loaded data loading=t(m::DBS_LOADING) let:list>
                <CrudTable label=t(m::DBS_TABLE) headers=&[crate::i18n::msg::common::GRID_DATABASE, crate::i18n::msg::common::GRID_STATE, crate::i18n::msg::common::GRID_SCHEMAS, crate::i18n::msg::common::GRID_CREATED] rows=list row_class="database-row"
                    empty=t(m::DBS_NONE)
                    cells=|d: &Database| view! {
                        <td>{d.database_name.clone()}</td>
                        <td><StatusPill code=d.database_status.as_ref().map(|s| s.as_str().to_string()).unwrap_or_default() text=crate::i18n::words_of(d.database_status.as_ref())/></td>
                        <td>{d.schemas.iter().map(|s| s.schema_name.clone()).collect::<Vec<_>>().join(", ")}</td>
                        <td class="when"><crate::components::when::When t=d.created_ymdt.clone()/></td>
                    }.into_any()
                    actions=move |d: &Database| {
                        let (rid, rname, did) = (d.database_id.0.clone(), d.database_name.clone(), d.database_id.clone());
                        can_change().then(|| view! {
                            <RowActions what=tf(m::dbs_what(d.database_name.clone())) edit_verb=t(m::DBS_RENAME)
                                on_edit=Callback::new(move |_| { rename_to.set(rname.clone()); renaming.set(Some((rid.clone(), rname.clone()))) })
                                on_delete=Callback::new(move |_| ask(&o.get_value(), |id| crate::change!(DeleteDatabase { id, database_id: did.clone() })))/>
                        }).into_any()
                    }/>
            </Loaded>
            {move || renaming.get().map(|(did, old)| {
                let unchanged = { let old = old.clone(); move || rename_to.with(|n| n.trim() == old) };
                view! {
                    <div class="inline-form" role="group" aria-label=tf(m::dbs_rename_label(old.clone()))>
                        <Field label=tf(m::dbs_new_name_for(old.clone())) name=t(m::DBS_DATABASE_NAME) value=rename_to check=name_check/>
                        <label class="check"><input type="checkbox" prop:checked=apply_hba on:change:target=move |ev| apply_hba.set(ev.target().checked())/>{t(m::DBS_APPLY_HBA)}</label>
                        <button type="button" prop:disabled=move || rename_to.with(|v| name_check(v)).is_some() || unchanged() on:click={ let did = did.clone(); move |_| {
                            let body = ModifyDatabase { database_name: rename_to.get().trim().to_string(), apply_hba_rules_immediately: Some(apply_hba.get()) };
                            ask(&o.get_value(), |id| crate::change!(ModifyDatabase { id, database_id: DatabaseId::new(did.clone()), body }));
                            renaming.set(None);
                        } }>{t(m::DBS_RENAME_DATABASE)}</button>
                        <button type="button" on:click=move |_| renaming.set(None)>{t(m::DBS_CANCEL)}</button>
                    </div>
                }
            })}
            <Show when=can_change>
                <div class="inline-form">
                    <Field label=t(m::DBS_NEW_DATABASE_NAME) name=t(m::DBS_DATABASE_NAME) value=new_name check=name_check quiet_empty=true maxlength=63/>
                    <button type="button" prop:disabled=move || new_name.with(|v| name_check(v)).is_some()
                        on:click=move |_| ask(&o.get_value(), |id| crate::change!(CreateDatabase { id, body: CreateDatabase { database_name: new_name.get().trim().to_string() } }))>{t(m::DBS_CREATE)}</button>
                </div>
            </Show>
        </div>
    }
}
