//! The DB users tab.

use super::*;
#[allow(unused_imports)]
use crate::i18n::{msg::tab_users as m, t, tf};

#[component]
pub(super) fn UsersTab(o: Overview, can_change: impl Fn() -> bool + Send + Sync + Copy + 'static, data: Tab<Vec<DbUser>>) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let authority = RwSignal::new("CRUD".to_string());
    let address = RwSignal::new(String::new());
    let name_check = |v: &str| text_problem(v, |t| rds::validate::db_user_text("dbUserName", t));
    let password_check = |v: &str| text_problem(v, |t| rds::validate::db_user_text("dbPassword", t));
    let address_check =
        |v: &str| (!v.trim().is_empty()).then(|| text_problem(v.trim(), |a| rds::validate::hba_address("address", a))).flatten();
    let invalid = move || {
        name.with(|v| name_check(v)).is_some()
            || password.with(|v| password_check(v)).is_some()
            || address.with(|v| address_check(v)).is_some()
    };
    // The DB user being changed: id, name.
    let changing: RwSignal<Option<(String, String)>> = RwSignal::new(None);
    let new_password = RwSignal::new(String::new());
    let new_authority = RwSignal::new(String::new());
    let new_user_name = RwSignal::new(String::new());
    let apply_rules_now = RwSignal::new(false);
    let o = StoredValue::new(o);
    view! {
        <div class="card">
            <Loaded data loading=t(m::DBU_LOADING) let:list>
                <CrudTable label=t(m::DBU_TABLE) headers=&[crate::i18n::msg::common::GRID_USER, crate::i18n::msg::common::GRID_AUTHORITY, crate::i18n::msg::common::GRID_STATE] rows=list row_class="db-user-row"
                    empty=t(m::DBU_NONE)
                    cells=|u: &DbUser| view! {
                        <td>{u.db_user_name.clone()}</td>
                        <td>{u.authority_type.as_ref().map(|a| crate::i18n::words(a))}</td>
                        <td><StatusPill code=u.db_user_status.as_ref().map(|s| s.as_str().to_string()).unwrap_or_default() text=crate::i18n::words_of(u.db_user_status.as_ref())/></td>
                    }.into_any()
                    actions=move |u: &DbUser| {
                        let (cid, cname, uid) = (u.db_user_id.0.clone(), u.db_user_name.clone(), u.db_user_id.clone());
                        can_change().then(|| view! {
                            <RowActions what=tf(m::dbu_what(u.db_user_name.clone())) edit_verb=t(m::DBU_CHANGE)
                                on_edit=Callback::new(move |_| {
                                    new_password.set(String::new());
                                    new_authority.set(String::new());
                                    new_user_name.set(String::new());
                                    apply_rules_now.set(false);
                                    changing.set(Some((cid.clone(), cname.clone())))
                                })
                                on_delete=Callback::new(move |_| ask(&o.get_value(), |id| crate::change!(DeleteDbUser { id, db_user_id: uid.clone() })))/>
                        }).into_any()
                    }/>
            </Loaded>
            {move || changing.get().map(|(uid, uname)| {
                let nothing = move || new_password.with(String::is_empty) && new_authority.with(String::is_empty) && new_user_name.with(|n| n.trim().is_empty());
                let name_error = Signal::derive(move || new_user_name.with(|n| (!n.trim().is_empty()).then(|| name_check(n.trim())).flatten()));
                let password_error = Signal::derive(move || new_password.with(|p| (!p.is_empty()).then(|| password_check(p)).flatten()));
                let error = move || name_error.with(Option::is_some) || password_error.with(Option::is_some);

                view! {
                    <div class="form-grid plain" role="group" aria-label=tf(m::dbu_change_label(uname.clone()))>
                        <label><span>{tf(m::dbu_new_name_for(uname.clone()))}</span><input type="text" maxlength="32" prop:value=new_user_name on:input:target=move |ev| new_user_name.set(ev.target().value())
                            aria-invalid=move || name_error.with(Option::is_some).to_string()
                            aria-describedby=move || name_error.with(Option::is_some).then(|| "refusal-change-db-user-name".to_string())/></label>
                        <label><span>{tf(m::dbu_new_password_for(uname.clone()))}</span><input type="password" autocomplete="new-password" prop:value=new_password on:input:target=move |ev| new_password.set(ev.target().value())
                            aria-invalid=move || password_error.with(Option::is_some).to_string()
                            aria-describedby=move || password_error.with(Option::is_some).then(|| "refusal-change-password".to_string())/></label>
                        <label><span>{tf(m::dbu_new_authority_for(uname.clone()))}</span><select prop:value=new_authority on:change:target=move |ev| new_authority.set(ev.target().value())>
                            <option value="">{t(m::DBU_KEEP)}</option><option value="CRUD">"DML (CRUD)"</option><option value="DDL">"DDL"</option></select></label>
                        <label class="check"><input type="checkbox" prop:checked=apply_rules_now on:change:target=move |ev| apply_rules_now.set(ev.target().checked())/>
                            <span>{t(m::DBU_APPLY_RULES)}</span></label>
                        <FieldError name=t(m::DBU_NAME) error=name_error id="refusal-change-db-user-name"/>
                        <FieldError name=t(m::DBU_PASSWORD) error=password_error id="refusal-change-password"/>
                        {move || nothing().then(|| view! { <span class="hint">{t(m::DBU_GIVE_SOMETHING)}</span> })}
                        <div class="form-actions">
                            <button type="button" prop:disabled=move || nothing() || error() on:click={ let uid = uid.clone(); move |_| {
                                let p = new_password.get();
                                let a = new_authority.get();
                                let n = new_user_name.get().trim().to_string();
                                let body = ModifyDbUser {
                                    db_user_name: (!n.is_empty()).then_some(n),
                                    db_password: (!p.is_empty()).then(|| p.into()),
                                    authority_type: (!a.is_empty()).then(|| rds::AuthorityType::parse(&a)),
                                    apply_hba_rules_immediately: apply_rules_now.get().then_some(true),
                                };
                                ask(&o.get_value(), |id| crate::change!(ModifyDbUser { id, db_user_id: DbUserId::new(uid.clone()), body }));
                                new_password.set(String::new());
                                changing.set(None);
                            } }>{t(m::DBU_CHANGE_USER)}</button>
                            <button type="button" on:click=move |_| changing.set(None)>{t(m::DBU_CANCEL)}</button>
                        </div>
                    </div>
                }
            })}
            <Show when=can_change>
                <div class="form-grid plain">
                    <h2>{t(m::DBU_ADD)}</h2>
                    <Field label=t(m::DBU_NEW_NAME) name=t(m::DBU_NAME) value=name check=name_check maxlength=32 quiet_empty=true/>
                    <Field label=t(m::DBU_NEW_PASSWORD) name=t(m::DBU_PASSWORD) kind="password" value=password check=password_check maxlength=32 quiet_empty=true/>
                    <label><span>{t(m::DBU_AUTHORITY)}</span><select prop:value=authority on:change:target=move |ev| authority.set(ev.target().value())><option value="CRUD">"DML (CRUD)"</option><option value="DDL">"DDL"</option></select></label>
                    <Field label=t(m::DBU_ADDRESS_LABEL) name=t(m::DBU_ADDRESS) value=address check=address_check placeholder="10.0.0.0/8"
                        hint=t(m::DBU_ADDRESS_HINT)/>
                    <div class="form-actions">
                        <button type="button" prop:disabled=invalid on:click=move |_| {
                            let a = address.get();
                            let body = CreateDbUser { db_user_name: name.get(), db_password: password.get().into(), authority_type: Some(rds::AuthorityType::parse(&authority.get())), create_default_hba_rules: Some(!a.trim().is_empty()), address: Some(a).filter(|a| !a.trim().is_empty()) };
                            ask(&o.get_value(), |id| crate::change!(CreateDbUser { id, body }));
                            password.set(String::new());
                        }>{t(m::DBU_CREATE)}</button>
                    </div>
                </div>
            </Show>
        </div>
    }
}
