//! Parameter groups: the list with the instances using each; create, copy,
//! rename, delete; a group's parameters edited in place with their allowed
//! ranges and units checked as typed; bulk edit from `postgresql.conf`
//! lines; compare with another group or with the defaults; reset; apply to
//! the instances using it. Every change goes through `request_change`.

use crate::api::{self, ParameterGroupView, RequestChange};
use crate::components::confirm::{ActionResult, ConfirmDialog, Pending};
use crate::components::form::{error_id, refusal, refusal_as, tie, Loaded};
use crate::i18n::{msg::params as m, t, tf};
use leptos::prelude::*;
use rds::types::*;
use rds::validate::Validate;
use rds::UpdateType;
use std::collections::BTreeMap;

fn can_change() -> bool {
    super::me().is_some_and(|m| m.can_change)
}

/// `/access-control/parameter-groups`.
#[component]
pub fn ParameterGroupsPage() -> impl IntoView {
    let act = ServerAction::<RequestChange>::new();
    let list = crate::data::load(move || act.version().get(), |_| api::parameter_groups());
    let choices = crate::data::load(|| (), |_| api::create_choices());
    let pending: Pending = RwSignal::new(None);
    let copying = RwSignal::new(None::<ParameterGroup>);
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let version = RwSignal::new(String::new());
    let create = move || CreateParameterGroup {
        parameter_group_name: name.get().trim().to_string(),
        description: Some(description.get()).filter(|d| !d.trim().is_empty()),
        db_version: version.get(),
    };
    let name_problem =
        Signal::derive(move || create().validate().err().filter(|e| e.field == "parameterGroupName" && !name.get().is_empty()));
    let name_tie = tie(name_problem, error_id("parameterGroupName"));
    view! {
        <section>
            <p class="crumbs"><a href="/access-control">{t(m::PAR_CRUMB)}</a>" /"</p>
            <div class="page-head"><h1>{t(m::PAR_TITLE)}</h1></div>
            <Show when=can_change>
                <details class="card">
                    <summary>{t(m::PAR_NEW)}</summary>
                    <div class="form-grid">
                        <label><span>{t(m::PAR_GROUP_NAME)}</span><input type="text" prop:value=name on:input:target=move |ev| name.set(ev.target().value())
                            aria-invalid=name_tie.0 aria-describedby=name_tie.1/>
                            {move || refusal(name_problem.get())}</label>
                        <label><span>{t(m::PAR_GROUP_DESCRIPTION)}</span><input type="text" prop:value=description on:input:target=move |ev| description.set(ev.target().value())/></label>
                        <label><span>{t(m::PAR_PG_VERSION)}</span>
                            <select prop:value=version on:change:target=move |ev| version.set(ev.target().value())>
                                <option value="">{t(m::PAR_CHOOSE_VERSION)}</option>
                                <Transition fallback=|| ()>
                                    {move || choices.get().and_then(Result::ok).map(|c| c.versions.into_iter().map(|v| view! {
                                        <option value=v.db_version.clone()>{v.db_version_name.clone()}</option>
                                    }).collect_view())}
                                </Transition>
                            </select></label>
                        <div class="form-actions">
                            <button type="button" class="primary" prop:disabled=move || create().validate().is_err() || version.get().is_empty()
                                on:click=move |_| {
                                    act.dispatch(RequestChange { call: crate::change!(CreateParameterGroup { body: create() }), reason: String::new() });
                                    name.set(String::new());
                                    description.set(String::new());
                                }>{t(m::PAR_CREATE)}</button>
                        </div>
                    </div>
                </details>
            </Show>
            <ActionResult act/>
            <Loaded data=list loading=t(m::PAR_LOADING) let:rows>
                {view! {
                        <table class="grid" aria-label=t(m::PAR_TITLE)>
                            <thead><tr>
                                <th scope="col">{t(m::PAR_NAME)}</th><th scope="col">{t(m::PAR_VERSION)}</th><th scope="col">{t(m::PAR_STATE)}</th><th scope="col">{t(m::PAR_DESCRIPTION)}</th>
                                <th scope="col">{t(m::PAR_USED_BY)}</th><th scope="col">{t(m::PAR_CREATED)}</th><th scope="col">{t(m::PAR_UPDATED)}</th><th scope="col"><span class="sr-only">{t(crate::i18n::msg::common::GRID_ACTIONS)}</span></th>
                            </tr></thead>
                            <tbody>
                                {rows.into_iter().map(|r| {
                                    let g = r.group.clone();
                                    let waiting = r.used_by.iter().filter(|u| u.needs_apply).count();
                                    let id = g.parameter_group_id.clone();
                                    let label = g.parameter_group_name.clone();
                                    let copy = StoredValue::new(g.clone());
                                    view! {
                                        <tr data-group=g.parameter_group_name.clone()>
                                            <td><a class="name" href=format!("/access-control/parameter-groups/{}", g.parameter_group_id)>{g.parameter_group_name.clone()}</a></td>
                                            <td>{model::version_label(&g.db_version)}</td>
                                            <td>{g.parameter_group_status.as_ref().map(|s| crate::i18n::words(s)).unwrap_or_default()}
                                                {(waiting > 0).then(|| view! { <span class="pill warn">{tf(m::par_waiting_to_apply(waiting))}</span> })}</td>
                                            <td data-words="upstream">{g.description.clone().unwrap_or_default()}</td>
                                            <td>{r.used_by.iter().map(|u| view! { <a href=format!("/instances/{}", u.id)>{u.name.clone()}</a>" " }).collect_view()}</td>
                                            <td><crate::components::when::When t=g.created_ymdt.clone()/></td>
                                            <td><crate::components::when::When t=g.updated_ymdt.clone()/></td>
                                            <td class="row-actions">
                                                <Show when=can_change>
                                                    <button type="button" aria-label=tf(m::par_copy_label(copy.get_value().parameter_group_name)) on:click=move |_| copying.set(Some(copy.get_value()))>{t(m::PAR_COPY)}</button>
                                                    {
                                                        let (label, id) = (label.clone(), id.clone());
                                                        view! { <button type="button" class="danger-text" aria-label=tf(m::par_delete_label(label.clone()))
                                                            on:click=move |_| pending.set(Some((label.clone(), crate::change!(DeleteParameterGroup { group_id: id.clone() }))))>{t(m::PAR_DELETE)}</button> }
                                                    }
                                                </Show>
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }}
            </Loaded>
            <CopyDialog copying act/>
            <ConfirmDialog pending act/>
        </section>
    }
}

/// Copy a group: its parameters under a new name.
#[component]
fn CopyDialog(copying: RwSignal<Option<ParameterGroup>>, act: ServerAction<RequestChange>) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let problem = move || rds::validate::resource_name("parameterGroupName", name.get().trim(), true).err();
    move || {
        copying.get().map(|g| {
            let id = g.parameter_group_id.clone();
            if name.get_untracked().is_empty() {
                name.set(format!("{}-copy", g.parameter_group_name));
            }
            let dialog = NodeRef::<leptos::html::Div>::new();
            crate::components::modal::keep_focus(dialog, move || copying.set(None));
            let copy_tie = tie(Signal::derive(problem), error_id("parameterGroupName"));
            view! {
                <div class="modal-backdrop">
                    <div class="modal" role="dialog" aria-modal="true" aria-labelledby="copy-title" node_ref=dialog
                        on:keydown=move |ev| crate::components::modal::on_key(ev, dialog, move || copying.set(None))>
                        <h2 id="copy-title">{tf(m::par_copy_label(g.parameter_group_name.clone()))}</h2>
                        <label class="block"><span>{t(m::PAR_NEW_NAME)}</span><input type="text" prop:value=name on:input:target=move |ev| name.set(ev.target().value())
                            aria-invalid=copy_tie.0 aria-describedby=copy_tie.1/>{move || refusal(problem())}</label>
                        <label class="block"><span>{t(m::PAR_NEW_DESCRIPTION)}</span><input type="text" prop:value=description on:input:target=move |ev| description.set(ev.target().value())/></label>
                        <div class="form-actions">
                            <button type="button" class="primary" prop:disabled=move || problem().is_some() on:click={
                                let id = id.clone();
                                move |_| {
                                    let body = NameAndDescription {
                                        parameter_group_name: Some(name.get_untracked().trim().to_string()),
                                        description: Some(description.get_untracked()).filter(|d| !d.trim().is_empty()),
                                    };
                                    act.dispatch(RequestChange { call: crate::change!(CopyParameterGroup { group_id: id.clone(), body }), reason: String::new() });
                                    name.set(String::new());
                                    copying.set(None);
                                }
                            }>{t(m::PAR_COPY_GROUP)}</button>
                            <button type="button" on:click=move |_| { name.set(String::new()); copying.set(None) }>{t(m::PAR_CANCEL)}</button>
                        </div>
                    </div>
                </div>
            }
        })
    }
}

/// One line of the bulk edit preview.
#[derive(Clone)]
struct Staged {
    line: usize,
    name: String,
    old: String,
    new: String,
    restarts: bool,
    problem: Option<String>,
}

/// Parameter groups and DB security groups, as `access_groups` answers.
type GroupLists = (Vec<model::GroupRow>, Vec<model::GroupRow>);

/// What the compare section reads: the other groups, the one chosen, and
/// its parameters. Made by the page, outside any transition, so that it
/// hydrates.
#[derive(Clone, Copy)]
pub struct Compare {
    pub against: RwSignal<String>,
    pub others: crate::data::Data<Result<GroupLists, crate::AppError>>,
    pub other: crate::data::Data<Result<Option<ParameterGroupView>, crate::AppError>>,
}

impl Default for Compare {
    /// Creates the resources; call in the page's body.
    fn default() -> Self {
        let against = RwSignal::new("defaults".to_string());
        let others = crate::data::load(|| (), |_| api::access_groups());
        let other = crate::data::load(
            move || against.get(),
            |a| async move {
                if a == "defaults" || a.is_empty() {
                    Ok(None)
                } else {
                    api::parameter_group(a).await.map(Some)
                }
            },
        );
        Self { against, others, other }
    }
}

/// A group's page: facts, the instances using it, and its parameters to edit.
#[component]
pub fn ParameterGroupEditor(g: ParameterGroupView, compare: Compare, act: ServerAction<RequestChange>) -> impl IntoView {
    let pending: Pending = RwSignal::new(None);
    let detail = StoredValue::new(g.detail.clone());
    let group_id = g.detail.parameter_group_id.clone();
    let edits = RwSignal::new(BTreeMap::<String, String>::new());
    let needle = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let param = move |name: &str| detail.with_value(|d| d.parameters.iter().find(|p| p.parameter_name == name).cloned());
    // The bulk edit (its reader, preview and staging) loads when first opened.
    let bulk_shown = RwSignal::new(false);
    let problems = move || {
        edits.with(|e| {
            e.iter()
                .filter_map(|(n, v)| match param(n) {
                    Some(p) => rds::params::check(&p, v).err(),
                    None => Some(rds::ValidationError::coded(
                        "modifiedParameters.parameterName",
                        "not-a-parameter",
                        vec![n.clone()],
                        format!("{n} is not a parameter of this group"),
                    )),
                })
                .collect::<Vec<_>>()
        })
    };
    let save_call = {
        let group_id = group_id.clone();
        move || {
            crate::change!(ModifyParameters {
                group_id: group_id.clone(),
                body: ModifyParameters {
                    modified_parameters: edits
                        .get()
                        .into_iter()
                        .map(|(parameter_name, value)| ParameterChange { parameter_name, value })
                        .collect(),
                },
            })
        }
    };
    let save_call = StoredValue::new(save_call);
    let Compare { against, others, other } = compare;
    let compare_filter = RwSignal::new(String::new());
    let back_up_first = RwSignal::new(true);
    let differs_from_default: Vec<(String, String, String)> = g
        .detail
        .parameters
        .iter()
        .filter(|p| p.value != p.default_value)
        .map(|p| (p.parameter_name.clone(), p.value.clone(), p.default_value.clone()))
        .collect();
    let restart_params: Vec<String> = g
        .detail
        .parameters
        .iter()
        .filter(|p| p.value != p.default_value && p.apply_type.as_ref().is_some_and(|a| a.needs_restart()))
        .map(|p| p.parameter_name.clone())
        .collect();
    let total = g.parameters.len();
    let views = StoredValue::new(g.parameters.clone());
    let shown = move || {
        let n = needle.get().to_ascii_lowercase();
        views.with_value(|p| {
            p.iter()
                .filter(|p| n.is_empty() || p.name.to_ascii_lowercase().contains(&n) || p.category.to_ascii_lowercase().contains(&n))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let (reset_id, modify_id, group_name) = (group_id.clone(), group_id.clone(), g.name.clone());
    let rename = RwSignal::new(g.name.clone());
    let redescribe = RwSignal::new(g.description.clone());
    let rename_problem = move || rds::validate::resource_name("parameterGroupName", rename.get().trim(), true).err();
    let rename_tie = tie(Signal::derive(rename_problem), error_id("parameterGroupName"));
    view! {
        <div class="page-head"><h1>{g.name.clone()}</h1></div>
        <dl class="facts card" aria-label=t(m::PAR_DETAILS)>
            <dt>"ID"</dt><dd><code>{g.id.clone()}</code></dd>
            <dt>{t(m::PAR_DESCRIPTION)}</dt><dd data-words="upstream">{g.description.clone()}</dd>
            <dt>{t(m::PAR_VERSION)}</dt><dd>{g.version.clone()}</dd>
            <dt>{t(m::PAR_STATE)}</dt><dd>{crate::i18n::words(&rds::ParameterGroupStatus::parse(&g.status))}</dd>
            <dt>{t(m::PAR_CREATED)}</dt><dd>{g.created.clone()}</dd>
            <dt>{t(m::PAR_UPDATED)}</dt><dd>{g.updated.clone()}</dd>
        </dl>
        <ActionResult act/>
        <h2>{t(m::PAR_USED_BY)}</h2>
        {g.used_by.is_empty().then(|| view! { <p class="empty">{t(m::PAR_UNUSED)}</p> })}
        <ul class="used-by">
            {g.used_by.iter().map(|u| {
                let (id, name) = (rds::DbInstanceId::new(u.id.clone()), u.name.clone());
                let available = u.status == "AVAILABLE";
                view! {
                    <li>
                        <a href=format!("/instances/{}", u.id)>{u.name.clone()}</a>" "
                        {u.needs_apply.then(|| view! { <span class="pill warn">{t(m::PAR_CHANGES_TO_APPLY)}</span> })}
                        {(!available).then(|| view! { <span class="sub">{tf(m::par_start_to_apply(crate::i18n::words(&rds::DbInstanceStatus::parse(&u.status))))}</span> })}
                        <Show when=move || can_change() && available>
                            {let (id, name) = (id.clone(), name.clone()); view! {
                                <button type="button" aria-label=tf(m::par_apply_to(name.clone())) on:click=move |_| pending.set(Some((name.clone(),
                                    crate::change!(ApplyRecentParameterGroup { id: id.clone(), body: ApplyParameterGroup { execute_backup: back_up_first.get_untracked() } }))))>{t(m::PAR_APPLY)}</button>
                            }}
                        </Show>
                    </li>
                }
            }).collect_view()}
        </ul>
        {(!g.used_by.is_empty()).then(|| view! {
            <label class="check"><input type="checkbox" prop:checked=back_up_first on:change:target=move |ev| back_up_first.set(ev.target().checked())/><span>{t(m::PAR_BACKUP_FIRST)}</span></label>
            <p class="hint">{if restart_params.is_empty() {
                t(m::PAR_NO_RESTART).to_string()
            } else {
                tf(m::par_restarts(restart_params.join(", ")))
            }}</p>
        })}
        <Show when=can_change>
            <details class="card"><summary>{t(m::PAR_RENAME)}</summary>
                <label class="block"><span>{t(m::PAR_GROUP_NAME)}</span><input type="text" prop:value=rename on:input:target=move |ev| rename.set(ev.target().value())
                    aria-invalid=rename_tie.0 aria-describedby=rename_tie.1/>{move || refusal(rename_problem())}</label>
                <label class="block"><span>{t(m::PAR_GROUP_DESCRIPTION)}</span><input type="text" prop:value=redescribe on:input:target=move |ev| redescribe.set(ev.target().value())/></label>
                <button type="button" prop:disabled=move || rename_problem().is_some() on:click={
                    let id = modify_id.clone();
                    move |_| {
                        let body = NameAndDescription {
                            parameter_group_name: Some(rename.get_untracked().trim().to_string()),
                            description: Some(redescribe.get_untracked()),
                        };
                        act.dispatch(RequestChange { call: crate::change!(ModifyParameterGroup { group_id: id.clone(), body }), reason: String::new() });
                    }
                }>{t(m::PAR_SAVE_NAME)}</button>
            </details>
            <details class="card"><summary>{t(m::PAR_RESET)}</summary>
                {if differs_from_default.is_empty() {
                    view! { <p>{t(m::PAR_ALL_DEFAULT)}</p> }.into_any()
                } else {
                    view! {
                        <p>{t(m::PAR_RESET_CHANGES)}</p>
                        <ul>{differs_from_default.iter().map(|(n, v, d)| view! { <li><code>{n.clone()}</code>": "{v.clone()}" → "{d.clone()}</li> }).collect_view()}</ul>
                    }.into_any()
                }}
                <button type="button" class="danger-text" on:click={
                    let (id, name) = (reset_id.clone(), group_name.clone());
                    move |_| pending.set(Some((name.clone(), crate::change!(ResetParameterGroup { group_id: id.clone() }))))
                }>{t(m::PAR_RESET_MORE)}</button>
            </details>
        </Show>

        <h2>{t(m::PAR_PARAMETERS)}</h2>
        <div class="filters" role="search" aria-label=t(m::PAR_FILTER)>
            <label class="search"><span>{t(m::PAR_SEARCH)}</span>
                <input type="search" placeholder=t(m::PAR_SEARCH_PLACEHOLDER) prop:value=needle on:input:target=move |ev| needle.set(ev.target().value())/></label>
        </div>
        <p class="count" aria-live="polite">{move || tf(m::par_count(shown().len(), total))}</p>
        <table class="grid" aria-label=t(m::PAR_PARAMETERS)>
            {crate::i18n::fixed("<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>", &[m::PAR_PARAMETER, m::PAR_VALUE, m::PAR_DEFAULT, m::PAR_ALLOWED, m::PAR_TAKES_EFFECT])}
            <tbody>
                {move || shown().into_iter().map(|p| {
                    let unit = p.unit.clone();
                    let raw = param(&p.name);
                    let allowed = raw.as_ref().map(allowed_words).unwrap_or_else(|| p.allowed.clone());
                    let (name, name2, name3, current) = (p.name.clone(), p.name.clone(), p.name.clone(), p.value.clone());
                    let editable = p.modifiable && can_change();
                    let error = move || {
                        let v = edits.with(|e| e.get(&name).cloned())?;
                        rds::params::check(&param(&name)?, &v).err()
                    };
                    let shown_value = {
                        let current = current.clone();
                        move || edits.with(|e| e.get(&name2).cloned()).unwrap_or_else(|| current.clone())
                    };
                    view! {
                        <tr class:edited=move || edits.with(|e| e.contains_key(&name3))>
                            <td><strong>{p.name.clone()}</strong><span class="sub" data-words="upstream">{p.category}</span></td>
                            <td>
                                {if editable {
                                    let (n, cur) = (p.name.clone(), current.clone());
                                    let error = Signal::derive(error);
                                    let id = error_id(&format!("value-{}", p.name));
                                    let (invalid, described) = tie(error, id.clone());
                                    view! {
                                        <input type="text" aria-label=tf(m::par_value_of(p.name.clone())) prop:value=shown_value
                                            aria-invalid=invalid aria-describedby=described
                                            on:input:target=move |ev| {
                                                let v = ev.target().value();
                                                edits.update(|e| { if v == cur { e.remove(&n); } else { e.insert(n.clone(), v); } });
                                            }/>
                                        {move || error.get().map(|e| refusal_as(e, id.clone()))}
                                    }.into_any()
                                } else {
                                    view! { <span data-words="upstream">{with_unit(&p.value, &unit)}</span> }.into_any()
                                }}
                            </td>
                            <td data-words="upstream">{with_unit(&p.default, &unit)}</td>
                            <td class="sub-cell" data-words="upstream">{allowed}</td>
                            <td>{if p.modifiable { crate::i18n::words(&rds::ParameterApplyType::parse(&p.apply)) } else { t(m::PAR_FIXED).to_string() }}
                                {p.restarts.then(|| view! { <span class="sub">{t(m::PAR_RESTARTS_INSTANCE)}</span> })}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        <Show when=can_change>
            <div class="save-bar">
                <label class="wide"><span>{t(m::PAR_REASON)}</span>
                    <textarea rows="1" prop:value=reason on:input:target=move |ev| reason.set(ev.target().value())></textarea></label>
                <button type="button" class="primary" prop:disabled=move || edits.with(|e| e.is_empty()) || !problems().is_empty()
                    on:click=move |_| {
                        act.dispatch(RequestChange { call: save_call.with_value(|c| c()), reason: reason.get_untracked() });
                        edits.set(BTreeMap::new());
                    }>{move || tf(m::par_save_n(edits.with(|e| e.len()) as i64))}</button>
                <button type="button" prop:disabled=move || edits.with(|e| e.is_empty()) on:click=move |_| edits.set(BTreeMap::new())>{t(m::PAR_DISCARD)}</button>
            </div>

            <details class="card" on:toggle:target=move |ev| if ev.target().open() { bulk_shown.set(true) }>
                <summary>{t(m::PAR_BULK)}</summary>
                {move || bulk_shown.get().then(|| crate::components::on_demand(t(m::PAR_OPENING_BULK), async move {
                    crate::i18n::need_messages("BulkEditRoute").await;
                    bulk_edit(detail, edits).await
                }))}
            </details>
        </Show>

        <h2>{t(m::PAR_COMPARE)}</h2>
        <div class="filters">
            <label><span>{t(m::PAR_COMPARE_WITH)}</span>
                <select prop:value=against on:change:target=move |ev| against.set(ev.target().value())>
                    <option value="defaults">{t(m::PAR_DEFAULTS)}</option>
                    <Transition fallback=|| ()>
                        {move || others.get().and_then(Result::ok).map(|(pgs, _)| pgs.into_iter().filter(|o| o.id != g.id).map(|o| view! {
                            <option value=o.id.clone()>{format!("{} ({})", o.name, o.version)}</option>
                        }).collect_view())}
                    </Transition>
                </select></label>
            <label><span>{t(m::PAR_FILTER_DIFF)}</span><input type="search" prop:value=compare_filter on:input:target=move |ev| compare_filter.set(ev.target().value())/></label>
        </div>
        <Loaded data=other loading=t(m::PAR_LOADING_OTHER) let:o>
            {{
                    let f = compare_filter.get().to_ascii_lowercase();
                    let title = o.as_ref().map(|o| o.name.clone()).unwrap_or_else(|| t(m::PAR_DEFAULT).into());
                    let rows = detail.with_value(|d| rds::params::differences(&d.parameters, o.as_ref().map(|o| o.detail.parameters.as_slice()), &f));
                    if rows.is_empty() {
                        return view! { <p class="empty">{t(m::PAR_NO_DIFF)}</p> }.into_any();
                    }
                    view! {
                        <table class="grid" aria-label=t(m::PAR_DIFFERENCES)>
                            <thead><tr><th>{t(m::PAR_PARAMETER)}</th><th>{t(m::PAR_THIS_GROUP)}</th><th>{title}</th><th></th></tr></thead>
                            <tbody>
                                {rows.into_iter().map(|(n, mine, theirs)| {
                                    let (n2, t2) = (n.clone(), theirs.clone());
                                    view! {
                                        <tr><td><code>{n.clone()}</code></td><td>{mine}</td><td>{theirs.clone()}</td>
                                            <td><Show when=can_change>
                                                {let (n, v) = (n2.clone(), t2.clone()); view! {
                                                    <button type="button" aria-label=tf(m::par_use_for(v.clone(), n.clone())) on:click=move |_| edits.update(|e| { e.insert(n.clone(), v.clone()); })>{t(m::PAR_USE_VALUE)}</button>
                                                }}
                                            </Show></td></tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
            }}
        </Loaded>
        <ConfirmDialog pending act/>
    }
}

/// What a parameter accepts, in the page's language (as
/// `rds::params::allowed_in_words` says it in English).
fn allowed_words(p: &Parameter) -> String {
    let choices = || p.allowed_value.replace(',', ", ");
    use rds::ValueType;
    match &p.value_type {
        Some(ValueType::Boolean) => t(m::PAR_ALLOWED_ON_OFF).to_string(),
        Some(ValueType::Enumerated) => tf(m::par_allowed_one_of(choices())),
        Some(ValueType::MultiEnumerated) => tf(m::par_allowed_any_of(choices())),
        _ => rds::params::allowed_in_words(p),
    }
}

/// The bulk edit: pasted `postgresql.conf` lines read, checked against the
/// group's parameters and previewed, then staged into the page's edits.
/// Loaded when a member first opens it: the page opens without it.
#[leptos::lazy]
fn bulk_edit(detail: StoredValue<ParameterGroupDetail>, edits: RwSignal<BTreeMap<String, String>>) -> AnyView {
    use crate::i18n::msg::params_bulk as b;
    let param = move |name: &str| detail.with_value(|d| d.parameters.iter().find(|p| p.parameter_name == name).cloned());
    let pasted = RwSignal::new(String::new());
    let preview = RwSignal::new(Vec::<Staged>::new());
    let unreadable = RwSignal::new(Vec::<(usize, String)>::new());
    let run_preview = move || {
        let (lines, bad) = rds::params::parse_conf(&pasted.get_untracked());
        let rows = lines
            .into_iter()
            .map(|l| {
                let p = param(&l.name);
                let problem = match &p {
                    None => Some(tf(b::par_not_in_group(l.name.clone()))),
                    Some(p) if p.update_type == Some(UpdateType::Constant) => Some(tf(b::par_constant(l.name.clone()))),
                    Some(p) => rds::params::check(p, &l.value).err().map(|e| crate::i18n::reason_words(&e)),
                };
                Staged {
                    line: l.line,
                    old: p.as_ref().map(|p| p.value.clone()).unwrap_or_default(),
                    restarts: p.as_ref().and_then(|p| p.apply_type.as_ref()).is_some_and(|a| a.needs_restart()),
                    name: l.name,
                    new: l.value,
                    problem,
                }
            })
            .collect();
        preview.set(rows);
        use rds::params::ConfWhy as W;
        let bad = bad
            .into_iter()
            .map(|(n, c)| {
                let name = c.name;
                let text = match c.why {
                    W::NoValue => b::par_conf_no_value(name),
                    W::NotAName => b::par_conf_not_a_name(name),
                    W::OpenQuote => b::par_conf_open_quote(name),
                    W::Unquoted => b::par_conf_unquoted(name),
                };
                (n, tf(text))
            })
            .collect();
        unreadable.set(bad);
    };
    view! {
                <label class="block"><span>{t(b::PAR_PASTE)}</span>
                    <textarea rows="6" placeholder="work_mem = 8MB\ncheckpoint_timeout = 15min" prop:value=pasted on:input:target=move |ev| pasted.set(ev.target().value())></textarea></label>
                <button type="button" on:click=move |_| run_preview()>{t(b::PAR_PREVIEW)}</button>
                {move || (!preview.get().is_empty() || !unreadable.get().is_empty()).then(|| view! {
                    <table class="grid" aria-label=t(b::PAR_BULK_PREVIEW)>
                        {crate::i18n::fixed("<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>", &[b::PAR_LINE, m::PAR_PARAMETER, b::PAR_NOW, b::PAR_NEW_VALUE, b::PAR_RESTART, b::PAR_CHECK])}
                        <tbody>
                            {preview.get().into_iter().map(|s| { let refused = s.problem.is_some(); view! {
                                <tr class:refused=refused>
                                    <td>{s.line}</td><td><code>{s.name}</code></td><td>{s.old}</td><td>{s.new}</td>
                                    <td>{t(if s.restarts { b::PAR_YES } else { b::PAR_NO })}</td>
                                    <td>{s.problem.unwrap_or_else(|| t(b::PAR_OK).into())}</td>
                                </tr>
                            } }).collect_view()}
                            {unreadable.get().into_iter().map(|(n, why)| view! {
                                <tr class="refused"><td>{n}</td><td colspan="4"></td><td>{why}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    <button type="button" prop:disabled=move || preview.with(|p| p.iter().all(|s| s.problem.is_some())) on:click=move |_| {
                        edits.update(|e| for s in preview.get_untracked().into_iter().filter(|s| s.problem.is_none()) { e.insert(s.name, s.new); });
                        preview.set(Vec::new());
                        unreadable.set(Vec::new());
                    }>{move || tf(b::par_stage_n(preview.with(|p| p.iter().filter(|s| s.problem.is_none()).count()) as i64))}</button>
                })}
    }
    .into_any()
}

/// A value with the parameter's base unit after it — only when the value is
/// a bare number: "4MB" and "300s" carry their own unit ("4096" → "4096 kB").
fn with_unit(value: &str, unit: &str) -> String {
    let bare = !value.is_empty() && value.trim_start_matches('-').chars().all(|c| c.is_ascii_digit() || c == '.');
    if bare && !unit.is_empty() {
        format!("{value} {unit}")
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_value_is_shown_with_one_unit() {
        assert_eq!(super::with_unit("4MB", "kB"), "4MB");
        assert_eq!(super::with_unit("300s", "s"), "300s");
        assert_eq!(super::with_unit("4096", "kB"), "4096 kB");
        assert_eq!(super::with_unit("-1", "ms"), "-1 ms");
        assert_eq!(super::with_unit("on", ""), "on");
    }
}
