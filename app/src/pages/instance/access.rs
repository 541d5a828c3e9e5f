//! The instance's access control (HBA) rules: add, change, delete and
//! reorder them, see exactly what Apply will change, and move them in and
//! out as `pg_hba.conf` lines.

use super::ask;
use crate::api::{self, Overview, RequestChange};
use crate::components::check_list;
use crate::components::form::{Loaded, Problem};
use crate::components::hba_diff::HbaDiffTable;
use crate::i18n::{msg::tab_access as m, t, tf};
use leptos::prelude::*;
use model::hba;
use model::HbaView;
use rds::types::{HbaRuleOrder, HbaRuleSpec};
use rds::validate::Validate;
use rds::{ApplyType, AuthMethod, DatabaseId, DbUserId, HbaRuleId};

/// The rule being added (`id: None`) or changed.
#[derive(Clone, Debug, PartialEq)]
struct Editing {
    id: Option<String>,
    spec: HbaRuleSpec,
}

/// The tab.
#[component]
pub(super) fn AccessTab(
    o: Overview,
    can_change: impl Fn() -> bool + Send + Sync + Copy + 'static,
    data: super::Tab<model::HbaView>,
    act: ServerAction<RequestChange>,
    reload: RwSignal<u64>,
) -> impl IntoView {
    let ov = StoredValue::new(o);
    let editing = RwSignal::new(None::<Editing>);
    // The import's text and outcome outlive the reload its rules cause.
    let import = ImportState { text: RwSignal::new(String::new()), progress: RwSignal::new(None), busy: RwSignal::new(false) };
    view! {
        <div class="card wide">
            <p class="hint">{t(m::ACC_HINT)}</p>
            <Loaded data loading=t(m::ACC_LOADING) let:v>
                <Rules v ov can_change act reload editing import/>
            </Loaded>
        </div>
    }
}

#[component]
fn Rules(
    v: HbaView,
    ov: StoredValue<Overview>,
    can_change: impl Fn() -> bool + Send + Sync + Copy + 'static,
    act: ServerAction<RequestChange>,
    reload: RwSignal<u64>,
    editing: RwSignal<Option<Editing>>,
    import: ImportState,
) -> impl IntoView {
    let instance = ov.with_value(|o| o.detail.db_instance_id.clone());
    // The matching order as it will be: rules waiting to be deleted leave it.
    let order: Vec<HbaRuleId> = v.rules.iter().filter(|r| !r.deleting).map(|r| r.rule.hba_rule_id.clone()).collect();
    let order = StoredValue::new(order);
    let move_rule = {
        let instance = instance.clone();
        move |rule: HbaRuleId, up: bool| {
            let mut ids = order.get_value();
            let Some(i) = ids.iter().position(|x| *x == rule) else { return };
            let j = if up { i.checked_sub(1) } else { Some(i + 1).filter(|j| *j < ids.len()) };
            let Some(j) = j else { return };
            ids.swap(i, j);
            // Focus stays with the moved rule's arrow (or its other arrow,
            // once this one is disabled at the top or bottom) through the
            // redraws that follow: the move's, and the reload as it ends.
            let row = format!("tr[data-rule-id=\"{}\"]", rule.0);
            let (first, other) = if up { ("up", "down") } else { ("down", "up") };
            crate::components::focus::hold_focus(vec![
                format!("{row} button[data-move=\"{first}\"]"),
                format!("{row} button[data-move=\"{other}\"]"),
            ]);
            act.dispatch(RequestChange {
                call: crate::change!(ReorderHbaRules { id: instance.clone(), body: HbaRuleOrder { hba_rule_ids: ids } }),
                reason: String::new(),
            });
        }
    };
    let move_rule = StoredValue::new(move_rule);
    let count = order.with_value(Vec::len);
    let export = hba::export(&v.rules.iter().map(|r| r.rule.clone()).collect::<Vec<_>>());
    let lists = StoredValue::new((v.databases.clone(), v.users.clone()));
    let waiting = v.need_to_apply || !v.diff.is_empty();
    view! {
        {waiting.then(|| view! {
            <section class="diff-panel" aria-label=t(m::ACC_WHAT_APPLY)>
                <h3>{t(m::ACC_WHAT_APPLY)}</h3>
                <HbaDiffTable diff=v.diff.clone()/>
                <Show when=can_change>
                    <button type="button" class="primary" on:click=move |_| ask(&ov.get_value(), |id| crate::change!(ApplyHbaRules { id }))>{t(m::ACC_APPLY)}</button>
                </Show>
            </section>
        })}
        <Show when=can_change>
            <div class="toolbar">
                <button type="button" on:click=move |_| editing.set(Some(Editing { id: None, spec: blank() }))>{t(m::ACC_ADD)}</button>
            </div>
        </Show>
        {move || editing.get().map(|e| {
            let instance = ov.with_value(|o| o.detail.db_instance_id.clone());
            crate::components::on_demand(t(m::ACC_OPENING_FORM), async move { rule_form(e, instance, lists, editing, act).await })
        })}
        <table class="grid" aria-label=t(m::ACC_TABLE)>
            <thead><tr>
                <th scope="col">{t(m::ACC_ORDER)}</th><th scope="col">{t(m::ACC_DATABASES)}</th><th scope="col">{t(m::ACC_DB_USERS)}</th>
                <th scope="col">{t(m::ACC_ADDRESS)}</th><th scope="col">{t(m::ACC_AUTHENTICATION)}</th><th scope="col">{t(m::ACC_STATE)}</th>
                <th scope="col"><span class="sr-only">{t(crate::i18n::msg::common::GRID_ACTIONS)}</span></th>
            </tr></thead>
            <tbody>
                {v.rules.into_iter().map(|r| {
                    let pos = order.with_value(|o| o.iter().position(|x| *x == r.rule.hba_rule_id));
                    let (databases, users, auth, state) = rule_words(&r);
                    let label = tf(m::acc_rule_label(users.clone(), r.address.clone()));
                    let rid = r.rule.hba_rule_id.clone();
                    let spec = hba::spec_of(&r.rule);
                    let deleting = r.deleting;
                    let instance = instance.clone();
                    view! {
                        <tr class:inactive=!r.applicable || deleting data-rule=r.address.clone() data-rule-id=rid.0.clone()>
                            <td class="num">{pos.map(|p| (p + 1).to_string()).unwrap_or_else(|| "—".into())}</td>
                            <td>{databases}</td><td>{users}</td>
                            <td><code>{r.address.clone()}</code></td><td>{auth}</td><td>{state}</td>
                            <td class="row-actions">
                                {(!deleting).then(|| {
                                    let (up, down, edit, del) = (rid.clone(), rid.clone(), rid.clone(), rid.clone());
                                    let label = StoredValue::new(label.clone());
                                    let spec = StoredValue::new(spec.clone());
                                    let instance = instance.clone();
                                    view! {
                                        <Show when=can_change>
                                            <button type="button" data-move="up" aria-label=tf(m::acc_move_up(label.get_value())) prop:disabled=pos == Some(0)
                                                on:click={ let up = up.clone(); move |_| move_rule.with_value(|m| m(up.clone(), true)) }>"↑"</button>
                                            <button type="button" data-move="down" aria-label=tf(m::acc_move_down(label.get_value())) prop:disabled=pos.is_none_or(|p| p + 1 >= count)
                                                on:click={ let down = down.clone(); move |_| move_rule.with_value(|m| m(down.clone(), false)) }>"↓"</button>
                                            <button type="button" aria-label=tf(m::acc_edit_label(label.get_value()))
                                                on:click={ let edit = edit.clone(); move |_| editing.set(Some(Editing { id: Some(edit.0.clone()), spec: spec.get_value() })) }>{t(m::ACC_EDIT)}</button>
                                            <button type="button" class="danger-text" aria-label=tf(m::acc_delete_label(label.get_value()))
                                                on:click={
                                                    let (del, instance) = (del.clone(), instance.clone());
                                                    move |_| {
                                                        if let Some(c) = use_context::<super::InstanceCtx>() {
                                                            c.pending.set(Some((label.get_value(), crate::change!(DeleteHbaRule { id: instance.clone(), hba_rule_id: del.clone() }))));
                                                        }
                                                    }
                                                }>{t(m::ACC_DELETE)}</button>
                                        </Show>
                                    }
                                })}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        <details class="card">
            <summary>{t(m::ACC_EXPORT)}</summary>
            <p class="hint">{t(m::ACC_EXPORT_HINT)}</p>
            <textarea class="conf" readonly rows="8" aria-label=t(m::ACC_EXPORT_LABEL) prop:value=export></textarea>
        </details>
        <Show when=can_change>
            <Import instance=instance.clone() lists reload state=import/>
        </Show>
    }
}

fn blank() -> HbaRuleSpec {
    HbaRuleSpec {
        database_apply_type: Some(ApplyType::Entire),
        db_user_apply_type: Some(ApplyType::Entire),
        auth_method: Some(AuthMethod::ScramSha256),
        ..Default::default()
    }
}

type Lists = StoredValue<(Vec<(String, String)>, Vec<(String, String)>)>;

/// The rule form, loaded when a member first adds or edits a rule: the
/// tab opens without its code.
#[leptos::lazy]
fn rule_form(
    e: Editing,
    instance: rds::DbInstanceId,
    lists: Lists,
    editing: RwSignal<Option<Editing>>,
    act: ServerAction<RequestChange>,
) -> AnyView {
    view! { <RuleForm e instance lists editing act/> }.into_any()
}

/// Adds or changes one rule.
#[component]
fn RuleForm(
    e: Editing,
    instance: rds::DbInstanceId,
    lists: Lists,
    editing: RwSignal<Option<Editing>>,
    act: ServerAction<RequestChange>,
) -> impl IntoView {
    let address = RwSignal::new(e.spec.address.clone());
    let method = RwSignal::new(e.spec.auth_method.clone().unwrap_or(AuthMethod::ScramSha256).as_str().to_string());
    let all_dbs = RwSignal::new(e.spec.database_apply_type.as_ref().is_none_or(|a| *a == ApplyType::Entire));
    let all_users = RwSignal::new(e.spec.db_user_apply_type.as_ref().is_none_or(|a| *a == ApplyType::Entire));
    let dbs = RwSignal::new(e.spec.database_ids.iter().map(|d| d.0.clone()).collect::<Vec<_>>());
    let users = RwSignal::new(e.spec.db_user_ids.iter().map(|u| u.0.clone()).collect::<Vec<_>>());
    let spec = move || HbaRuleSpec {
        database_apply_type: Some(if all_dbs.get() { ApplyType::Entire } else { ApplyType::UserCustom }),
        db_user_apply_type: Some(if all_users.get() { ApplyType::Entire } else { ApplyType::UserCustom }),
        database_ids: if all_dbs.get() { vec![] } else { dbs.get().into_iter().map(DatabaseId::new).collect() },
        db_user_ids: if all_users.get() { vec![] } else { users.get().into_iter().map(DbUserId::new).collect() },
        address: address.get().trim().to_string(),
        auth_method: Some(AuthMethod::parse(&method.get())),
    };
    let problem = move || spec().validate().err().filter(|e| e.field != "address" || !address.get().trim().is_empty());
    let risky = move || hba::risky_trust(address.get().trim(), &AuthMethod::parse(&method.get()));
    let rule_id = e.id.clone();
    let title = if e.id.is_some() { t(m::ACC_CHANGE_RULE) } else { t(m::ACC_NEW_RULE) };
    let named =
        |items: Vec<(String, String)>, what: &str| items.into_iter().map(|(id, name)| (id, format!("{what} {name}"))).collect::<Vec<_>>();
    let (db_list, user_list) = lists.get_value();
    let (db_list, user_list) = (named(db_list, t(m::ACC_DATABASE)), named(user_list, t(m::ACC_DB_USER)));
    // The form takes focus as it opens, so a keyboard member types the
    // address at once.
    crate::components::focus::focus_next_frame(vec![format!("form.rule-form[aria-label=\"{title}\"] input")]);
    view! {
        <form class="card rule-form" aria-label=title on:submit=move |ev| ev.prevent_default()>
            <h3>{title}</h3>
            <div class="form-grid">
                <label><span>{t(m::ACC_ADDRESS)}</span>
                    <input type="text" placeholder="10.0.0.0/8, db.example.com" prop:value=address on:input:target=move |ev| address.set(ev.target().value())
                        aria-invalid=move || problem().is_some_and(|e| e.field == "address").to_string()
                        aria-describedby=move || problem().is_some_and(|e| e.field == "address").then(|| crate::components::form::error_id("address"))/>
                    <small>{t(m::ACC_ADDRESS_HINT)}</small>
                    // Under its field, as on every form.
                    {crate::components::form::error_of(Signal::derive(problem), "address")}</label>
                <label><span>{t(m::ACC_AUTHENTICATION)}</span>
                    <select prop:value=method on:change:target=move |ev| method.set(ev.target().value())>
                        {AuthMethod::KNOWN.iter().map(|m| view! { <option value=m.as_str().to_string()>{crate::i18n::words(m)}</option> }).collect_view()}
                    </select></label>
            </div>
            {move || risky().then(|| view! {
                <p class="warn" role="alert">{t(m::ACC_TRUST_WARNING)}</p>
            })}
            <fieldset class="checks">
                <legend>{t(m::ACC_DATABASES)}</legend>
                <label class="check"><input type="checkbox" prop:checked=all_dbs on:change:target=move |ev| all_dbs.set(ev.target().checked())/>{t(m::ACC_ALL_DATABASES)}</label>
                <Show when=move || !all_dbs.get()>{
                    let list = db_list.clone();
                    move || check_list(dbs, list.clone())
                }</Show>
            </fieldset>
            <fieldset class="checks">
                <legend>{t(m::ACC_DB_USERS)}</legend>
                <label class="check"><input type="checkbox" prop:checked=all_users on:change:target=move |ev| all_users.set(ev.target().checked())/>{t(m::ACC_ALL_USERS)}</label>
                <Show when=move || !all_users.get()>{
                    let list = user_list.clone();
                    move || check_list(users, list.clone())
                }</Show>
            </fieldset>
            // Refusals of the other fields (the database and user lists).
            <Problem error=Signal::derive(move || problem().filter(|e| e.field != "address"))/>
            <div class="form-actions">
                <button type="button" class="primary" prop:disabled=move || spec().validate().is_err()
                    on:click={
                        let instance = instance.clone();
                        move |_| {
                            let body = spec();
                            let call = match &rule_id {
                                Some(r) => crate::change!(ModifyHbaRule { id: instance.clone(), hba_rule_id: HbaRuleId::new(r.clone()), body }),
                                None => crate::change!(CreateHbaRule { id: instance.clone(), body }),
                            };
                            act.dispatch(RequestChange { call, reason: String::new() });
                            editing.set(None);
                        }
                    }>{if e.id.is_some() { t(m::ACC_SAVE) } else { t(m::ACC_ADD) }}</button>
                <button type="button" on:click=move |_| editing.set(None)>{t(m::ACC_CANCEL)}</button>
            </div>
        </form>
    }
}

/// What the import form keeps across reloads of the tab.
#[derive(Clone, Copy)]
struct ImportState {
    text: RwSignal<String>,
    progress: RwSignal<Option<Result<String, String>>>,
    busy: RwSignal<bool>,
}

/// Pasted `pg_hba.conf` lines: a preview of what each becomes, then the
/// rules created in order.
#[component]
fn Import(instance: rds::DbInstanceId, lists: Lists, reload: RwSignal<u64>, state: ImportState) -> impl IntoView {
    let ImportState { text, progress, .. } = state;
    // Open while an import is typed or has an outcome, even across reloads.
    let in_use = move || !text.get().is_empty() || progress.get().is_some();
    // The body (parser, preview, creation) is loaded when first opened.
    let shown = RwSignal::new(untrack(in_use));
    view! {
        <details class="card" prop:open=move || shown.get() || in_use()
            on:toggle:target=move |ev| if ev.target().open() { shown.set(true) }>
            <summary>{t(m::ACC_IMPORT)}</summary>
            {move || shown.get().then(|| {
                let instance = instance.clone();
                crate::components::on_demand(t(m::ACC_OPENING_IMPORT), async move { import_body(instance, lists, reload, state).await })
            })}
        </details>
    }
}

#[leptos::lazy]
fn import_body(instance: rds::DbInstanceId, lists: Lists, reload: RwSignal<u64>, state: ImportState) -> AnyView {
    view! { <ImportBody instance lists reload state/> }.into_any()
}

/// What the import offers once opened.
#[component]
fn ImportBody(instance: rds::DbInstanceId, lists: Lists, reload: RwSignal<u64>, state: ImportState) -> impl IntoView {
    let ImportState { text, progress, busy } = state;
    let preview = move || {
        let (dbs, users) = lists.get_value();
        hba::parse(&text.get())
            .into_iter()
            .map(|l| {
                let spec = l
                    .result
                    .and_then(|p| p.spec(&dbs, &users))
                    .and_then(|s| s.validate().map(|_| s))
                    .map_err(|e| crate::i18n::refusal_message(&e));
                (l.line, l.text, spec)
            })
            .collect::<Vec<_>>()
    };
    let ready = move || preview().into_iter().filter_map(|(_, _, s)| s.ok()).collect::<Vec<_>>();
    let create = move |_| {
        let specs = ready();
        let instance = instance.clone();
        busy.set(true);
        progress.set(None);
        leptos::task::spawn_local(async move {
            let total = specs.len();
            let mut done = 0;
            for body in specs {
                match api::request_change(crate::change!(CreateHbaRule { id: instance.clone(), body }), String::new()).await {
                    Ok(_) => done += 1,
                    Err(e) => {
                        progress.set(Some(Err(tf(m::acc_created_then(done as i64, total as i64, crate::i18n::error_words(&e))))));
                        break;
                    }
                }
            }
            if done == total {
                progress.set(Some(Ok(tf(m::acc_added(done as i64)))));
                text.set(String::new());
            }
            busy.set(false);
            reload.update(|r| *r += 1);
        });
    };
    view! {
            <p class="hint">{t(m::ACC_PASTE_1)}<code>"host app rw 10.0.0.0/8 scram-sha-256"</code>{t(m::ACC_PASTE_2)}</p>
            <textarea class="conf" rows="6" aria-label=t(m::ACC_IMPORT_LINES) prop:value=text on:input:target=move |ev| text.set(ev.target().value())></textarea>
            {move || {
                let rows = preview();
                (!rows.is_empty()).then(|| view! {
                    <table class="grid" aria-label=t(m::ACC_PREVIEW)>
                        <thead><tr><th scope="col">{t(m::ACC_LINE)}</th><th scope="col">{t(m::ACC_TEXT)}</th><th scope="col">{t(m::ACC_BECOMES)}</th></tr></thead>
                        <tbody>
                            {rows.into_iter().map(|(n, text, s)| {
                                let ok = s.is_ok();
                                view! {
                                    <tr class:refused=!ok>
                                        <td class="num">{n}</td><td><code>{text}</code></td>
                                        <td>{match s { Ok(_) => t(m::ACC_NEW_RULE_ROW).to_string(), Err(why) => tf(m::acc_cannot_import(why.clone())) }}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                })
            }}
            {move || progress.get().map(|p| match p {
                Ok(m) => view! { <p class="ok" role="status">{m}</p> }.into_any(),
                Err(m) => view! { <p class="error" role="alert">{m}</p> }.into_any(),
            })}
            <div class="form-actions">
                <button type="button" class="primary" prop:disabled=move || busy.get() || ready().is_empty() on:click=create>
                    {move || tf(m::acc_add_n(ready().len() as i64))}
                </button>
            </div>
    }
}

/// A rule's databases, users, method and state in the page's language
/// (the view's words are English; the rule itself says what they are).
fn rule_words(r: &model::HbaRuleView) -> (String, String, String, String) {
    use crate::i18n::{words, words_of};
    use rds::{ApplyType, ReservedAction};
    let list = |apply: &Option<ApplyType>, names: Vec<&str>| {
        if apply.as_ref().is_none_or(|a| *a == ApplyType::Entire) || names.is_empty() {
            words(&ApplyType::Entire)
        } else {
            names.join(", ")
        }
    };
    let rule = &r.rule;
    let databases = list(&rule.database_apply_type, rule.databases.iter().map(|d| d.database_name.as_str()).collect());
    let users = list(&rule.db_user_apply_type, rule.db_users.iter().map(|u| u.db_user_name.as_str()).collect());
    let state = match &rule.reserved_action {
        Some(ReservedAction::None) | None => words_of(rule.hba_rule_status.as_ref()),
        Some(pending) => tf(m::acc_apply_required(words(pending))),
    };
    (databases, users, words_of(rule.auth_method.as_ref()), state)
}
