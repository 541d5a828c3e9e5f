//! `/alerting`: user groups (who is told), notification groups (which
//! instances, how, to whom) and each notification group's watchdogs (when).
//! Every change goes through `request_change`; deletions are confirmed and
//! gated by policy.

use crate::api::{self, RequestChange};
use crate::components::chart::watchdog_sentence as sentence;
use crate::components::check_list as choices;
use crate::components::confirm::{ActionResult, ConfirmDialog, Pending};
use crate::components::form::{CrudTable, Loaded, Problem, RowActions};
use crate::i18n::{msg::alerting as m, t, tf};
use leptos::prelude::*;
use model::alerting::{Alerting, NotificationGroupView, UserGroupView};
use rds::types::{NotificationGroupSpec, UserGroupSpec, WatchdogSpec};
use rds::validate::Validate;
use rds::{ComparisonOperator, DbInstanceId, MemberId, NotificationGroupId, UserGroupId, WatchdogId};

fn can_change() -> bool {
    super::me().is_some_and(|m| m.can_change)
}

/// The page.
#[component]
pub fn AlertingPage() -> impl IntoView {
    let act = ServerAction::<RequestChange>::new();
    let data = crate::data::load(move || act.version().get(), |_| api::alerting());
    let pending: Pending = RwSignal::new(None);
    view! {
        <section>
            <div class="page-head"><h1>{t(m::ALERTING_TITLE)}</h1></div>
            <p class="hint">{t(m::ALERTING_HINT)}</p>
            <ActionResult act/>
            <Loaded data=data loading=t(m::ALERTING_LOADING) let:a>
                {view! { <Sections a act pending/> }}
            </Loaded>
            <ConfirmDialog pending act/>
        </section>
    }
}

#[component]
fn Sections(a: Alerting, act: ServerAction<RequestChange>, pending: Pending) -> impl IntoView {
    let a = StoredValue::new(a);
    let editing_user_group = RwSignal::new(None::<Option<UserGroupView>>);
    let editing_notification_group = RwSignal::new(None::<Option<NotificationGroupView>>);
    view! {
        <h2 id="user-groups">{t(m::ALERTING_USER_GROUPS)}</h2>
        <Show when=can_change>
            <button type="button" on:click=move |_| editing_user_group.set(Some(None))>{t(m::ALERTING_NEW_USER_GROUP)}</button>
        </Show>
        {move || editing_user_group.get().map(|g| view! { <UserGroupForm g a editing=editing_user_group act/> })}
        <CrudTable label=t(m::ALERTING_USER_GROUPS) headers=&[crate::i18n::msg::common::GRID_NAME, crate::i18n::msg::common::GRID_MEMBERS, crate::i18n::msg::common::GRID_CREATED] rows=a.with_value(|a| a.user_groups.clone())
            empty=t(m::ALERTING_NO_USER_GROUPS) row_id=|g: &UserGroupView| format!("user-group-{}", g.id)
            cells=|g: &UserGroupView| {
                let who = if g.every_member { t(m::ALERTING_EVERY_MEMBER).to_string() } else {
                    g.members.iter().map(|p| if p.email.is_empty() { p.name.clone() } else { format!("{} <{}>", p.name, p.email) }).collect::<Vec<_>>().join(", ")
                };
                view! { <td class="name">{g.name.clone()}</td><td data-words=(!g.every_member).then_some("upstream")>{who}</td><td>{g.created.clone()}</td> }.into_any()
            }
            actions=move |g: &UserGroupView| {
                let (edit, gone) = (g.clone(), g.clone());
                can_change().then(|| view! {
                    <RowActions what=tf(m::alerting_user_group_what(g.name.clone()))
                        on_edit=Callback::new(move |_| editing_user_group.set(Some(Some(edit.clone()))))
                        on_delete=Callback::new(move |_| pending.set(Some((gone.name.clone(), crate::change!(DeleteUserGroup { group_id: UserGroupId::new(gone.id.clone()) })))))/>
                }).into_any()
            }/>

        <h2 id="notification-groups">{t(m::ALERTING_NOTIFICATION_GROUPS)}</h2>
        <Show when=can_change>
            <button type="button" on:click=move |_| editing_notification_group.set(Some(None))>{t(m::ALERTING_NEW_NOTIFICATION_GROUP)}</button>
        </Show>
        {move || editing_notification_group.get().map(|g| view! { <NotificationGroupForm g a editing=editing_notification_group act/> })}
        {a.with_value(|a| a.notification_groups.clone()).into_iter().map(|g| view! { <NotificationGroupCard g a act pending editing=editing_notification_group/> }).collect_view()}
        {a.with_value(|a| a.notification_groups.is_empty()).then(|| view! { <p class="empty">{t(m::ALERTING_NO_NOTIFICATION_GROUPS)}</p> })}
    }
}

#[component]
fn UserGroupForm(
    g: Option<UserGroupView>,
    a: StoredValue<Alerting>,
    editing: RwSignal<Option<Option<UserGroupView>>>,
    act: ServerAction<RequestChange>,
) -> impl IntoView {
    let id = g.as_ref().map(|g| g.id.clone());
    let name = RwSignal::new(g.as_ref().map(|g| g.name.clone()).unwrap_or_default());
    let every = RwSignal::new(g.as_ref().is_some_and(|g| g.every_member));
    let chosen: RwSignal<Vec<String>> =
        RwSignal::new(g.as_ref().map(|g| g.members.iter().map(|p| p.id.clone()).collect()).unwrap_or_default());
    let spec = move || UserGroupSpec {
        user_group_name: Some(name.get().trim().to_string()),
        member_ids: (!every.get()).then(|| chosen.get().into_iter().map(MemberId::new).collect()),
        select_all_yn: Some(every.get()),
    };
    let check = move || {
        let s = spec();
        s.validate_create()?;
        if !every.get() && chosen.with(Vec::is_empty) {
            return Err(rds::ValidationError::coded(
                "memberIds",
                "at-least-one-member",
                vec![],
                "choose at least one member, or every member",
            ));
        }
        Ok(s)
    };
    let people: Vec<(String, String)> = a.with_value(|a| {
        a.members
            .iter()
            .map(|p| (p.id.clone(), if p.email.is_empty() { p.name.clone() } else { format!("{} ({})", p.name, p.email) }))
            .collect()
    });
    let title = if id.is_some() { t(m::ALERTING_EDIT_USER_GROUP) } else { t(m::ALERTING_NEW_USER_GROUP) };
    view! {
        <form class="card" aria-label=title on:submit=move |ev| ev.prevent_default()>
            <h3>{title}</h3>
            <label class="block"><span>{t(m::ALERTING_USER_GROUP_NAME)}</span><input type="text" prop:value=name on:input:target=move |ev| name.set(ev.target().value())/></label>
            <label class="check"><input type="checkbox" prop:checked=every on:change:target=move |ev| every.set(ev.target().checked())/>{t(m::ALERTING_EVERY_MEMBER)}</label>
            <Show when=move || !every.get()>
                <fieldset class="checks"><legend>{t(m::ALERTING_MEMBERS)}</legend>{
                    let people = people.clone();
                    move || choices(chosen, people.clone())
                }</fieldset>
            </Show>
            <Problem error=Signal::derive(move || check().err().filter(|_| !name.get().is_empty()))/>
            <div class="form-actions">
                <button type="button" class="primary" prop:disabled=move || check().is_err() on:click={
                    let id = id.clone();
                    move |_| {
                        let Ok(body) = check() else { return };
                        let call = match &id {
                            Some(id) => crate::change!(ModifyUserGroup { group_id: UserGroupId::new(id.clone()), body }),
                            None => crate::change!(CreateUserGroup { body }),
                        };
                        act.dispatch(RequestChange { call, reason: String::new() });
                        editing.set(None);
                    }
                }>{if id.is_some() { t(m::ALERTING_SAVE_USER_GROUP) } else { t(m::ALERTING_CREATE_USER_GROUP) }}</button>
                <button type="button" on:click=move |_| editing.set(None)>{t(m::ALERTING_CANCEL)}</button>
            </div>
        </form>
    }
}

#[component]
fn NotificationGroupForm(
    g: Option<NotificationGroupView>,
    a: StoredValue<Alerting>,
    editing: RwSignal<Option<Option<NotificationGroupView>>>,
    act: ServerAction<RequestChange>,
) -> impl IntoView {
    let id = g.as_ref().map(|g| g.id.clone());
    let name = RwSignal::new(g.as_ref().map(|g| g.name.clone()).unwrap_or_default());
    let email = RwSignal::new(g.as_ref().is_none_or(|g| g.email));
    let sms = RwSignal::new(g.as_ref().is_some_and(|g| g.sms));
    let enabled = RwSignal::new(g.as_ref().is_none_or(|g| g.enabled));
    let instances: RwSignal<Vec<String>> =
        RwSignal::new(g.as_ref().map(|g| g.instances.iter().map(|i| i.0.clone()).collect()).unwrap_or_default());
    let user_groups: RwSignal<Vec<String>> =
        RwSignal::new(g.as_ref().map(|g| g.user_groups.iter().map(|u| u.0.clone()).collect()).unwrap_or_default());
    let spec = move || NotificationGroupSpec {
        notification_group_name: Some(name.get().trim().to_string()),
        notify_email: Some(email.get()),
        notify_sms: Some(sms.get()),
        is_enabled: Some(enabled.get()),
        db_instance_ids: Some(instances.get().into_iter().map(DbInstanceId::new).collect()),
        user_group_ids: Some(user_groups.get().into_iter().map(UserGroupId::new).collect()),
    };
    let check = move || {
        let s = spec();
        s.validate_create().map(|_| s)
    };
    let (all_instances, all_user_groups) =
        a.with_value(|a| (a.instances.clone(), a.user_groups.iter().map(|u| (u.id.clone(), u.name.clone())).collect::<Vec<_>>()));
    let title = if id.is_some() { t(m::ALERTING_EDIT_NOTIFICATION_GROUP) } else { t(m::ALERTING_NEW_NOTIFICATION_GROUP) };
    view! {
        <form class="card" aria-label=title on:submit=move |ev| ev.prevent_default()>
            <h3>{title}</h3>
            <label class="block"><span>{t(m::ALERTING_NOTIFICATION_GROUP_NAME)}</span><input type="text" prop:value=name on:input:target=move |ev| name.set(ev.target().value())/></label>
            <div class="inline-form">
                <label class="check"><input type="checkbox" prop:checked=email on:change:target=move |ev| email.set(ev.target().checked())/>{t(m::ALERTING_BY_EMAIL)}</label>
                <label class="check"><input type="checkbox" prop:checked=sms on:change:target=move |ev| sms.set(ev.target().checked())/>{t(m::ALERTING_BY_SMS)}</label>
                <label class="check"><input type="checkbox" prop:checked=enabled on:change:target=move |ev| enabled.set(ev.target().checked())/>{t(m::ALERTING_ENABLED_CHECK)}</label>
            </div>
            <fieldset class="checks"><legend>{t(m::ALERTING_INSTANCES_WATCHED)}</legend>{choices(instances, all_instances)}</fieldset>
            <fieldset class="checks"><legend>{t(m::ALERTING_USER_GROUPS_NOTIFIED)}</legend>{choices(user_groups, all_user_groups)}</fieldset>
            <Problem error=Signal::derive(move || check().err().filter(|_| !name.get().is_empty()))/>
            <div class="form-actions">
                <button type="button" class="primary" prop:disabled=move || check().is_err() on:click={
                    let id = id.clone();
                    move |_| {
                        let Ok(body) = check() else { return };
                        let call = match &id {
                            Some(id) => crate::change!(ModifyNotificationGroup { group_id: NotificationGroupId::new(id.clone()), body }),
                            None => crate::change!(CreateNotificationGroup { body }),
                        };
                        act.dispatch(RequestChange { call, reason: String::new() });
                        editing.set(None);
                    }
                }>{if id.is_some() { t(m::ALERTING_SAVE_NOTIFICATION_GROUP) } else { t(m::ALERTING_CREATE_NOTIFICATION_GROUP) }}</button>
                <button type="button" on:click=move |_| editing.set(None)>{t(m::ALERTING_CANCEL)}</button>
            </div>
        </form>
    }
}

#[component]
fn NotificationGroupCard(
    g: NotificationGroupView,
    a: StoredValue<Alerting>,
    act: ServerAction<RequestChange>,
    pending: Pending,
    editing: RwSignal<Option<Option<NotificationGroupView>>>,
) -> impl IntoView {
    let gid = g.id.clone();
    let unit_of = move |metric: &str| {
        a.with_value(|a| a.metrics.iter().find(|m| m.metric_name == metric).map(|m| m.unit.clone()).unwrap_or_default())
    };
    let how = [(g.email, t(m::ALERTING_EMAIL)), (g.sms, "SMS")]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, w)| *w)
        .collect::<Vec<_>>()
        .join(t(m::ALERTING_AND));
    let adding = RwSignal::new(None::<Option<rds::types::Watchdog>>);
    let stored = StoredValue::new(g.clone());
    view! {
        <article class="card" id=format!("notification-group-{}", g.id) aria-label=tf(m::alerting_notification_group_label(g.name.clone()))>
            <header class="title-line">
                <h3>{g.name.clone()}</h3>
                <span class=if g.enabled { "pill ok" } else { "pill off" }>{if g.enabled { t(m::ALERTING_ENABLED) } else { t(m::ALERTING_DISABLED) }}</span>
            </header>
            <dl class="facts">
                <dt>{t(m::ALERTING_NOTIFIES_BY)}</dt><dd>{if how.is_empty() { t(m::ALERTING_NOTHING).to_string() } else { how }}</dd>
                <dt>{t(m::ALERTING_INSTANCES)}</dt><dd>{g.instances.iter().map(|(id, name)| view! { <a href=format!("/instances/{id}/monitoring")>{name.clone()}</a>" " }).collect_view()}</dd>
                <dt>{t(m::ALERTING_USER_GROUPS)}</dt><dd>{g.user_groups.iter().map(|(id, name)| view! { <a href=format!("/alerting#user-group-{id}")>{name.clone()}</a>" " }).collect_view()}</dd>
            </dl>
            <Show when=can_change>
                <div class="toolbar">
                    <button type="button" on:click=move |_| editing.set(Some(Some(stored.get_value())))>{t(m::ALERTING_EDIT_NOTIFICATION_GROUP)}</button>
                    <button type="button" on:click=move |_| adding.set(Some(None))>{t(m::ALERTING_ADD_WATCHDOG)}</button>
                    <button type="button" class="danger-text" on:click=move |_| {
                        let g = stored.get_value();
                        pending.set(Some((g.name, crate::change!(DeleteNotificationGroup { group_id: NotificationGroupId::new(g.id) }))));
                    }>{t(m::ALERTING_DELETE_NOTIFICATION_GROUP)}</button>
                </div>
            </Show>
            {move || adding.get().map(|w| view! { <WatchdogForm group=stored.with_value(|g| g.id.clone()) w a adding act/> })}
            <table class="grid" aria-label=tf(m::alerting_watchdogs_of(g.name.clone()))>
                <thead><tr><th scope="col">{t(m::ALERTING_WATCHDOG)}</th><th scope="col"><span class="sr-only">{t(m::ALERTING_ACTIONS)}</span></th></tr></thead>
                <tbody>
                    {g.watchdogs.iter().map(|w| {
                        let text = sentence(w, &unit_of(&w.metric_name));
                        let (w2, gid) = (StoredValue::new(w.clone()), gid.clone());
                        let label = StoredValue::new(text.clone());
                        view! {
                            <tr><td class="watchdog">{text}</td>
                                <td class="row-actions"><Show when=can_change>
                                    <button type="button" aria-label=tf(m::alerting_edit_watchdog_label(label.get_value())) on:click=move |_| adding.set(Some(Some(w2.get_value())))>{t(m::ALERTING_EDIT)}</button>
                                    <button type="button" class="danger-text" aria-label=tf(m::alerting_delete_watchdog_label(label.get_value())) on:click={
                                        let gid = gid.clone();
                                        move |_| pending.set(Some((label.get_value(), crate::change!(DeleteWatchdog { group_id: NotificationGroupId::new(gid.clone()), watchdog_id: w2.with_value(|w| w.watchdog_id.clone()) }))))
                                    }>{t(m::ALERTING_DELETE)}</button>
                                </Show></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            {g.watchdogs.is_empty().then(|| view! { <p class="empty">{t(m::ALERTING_NO_WATCHDOGS)}</p> })}
        </article>
    }
}

#[component]
fn WatchdogForm(
    group: String,
    w: Option<rds::types::Watchdog>,
    a: StoredValue<Alerting>,
    adding: RwSignal<Option<Option<rds::types::Watchdog>>>,
    act: ServerAction<RequestChange>,
) -> impl IntoView {
    let metrics = a.with_value(|a| a.metrics.clone());
    let id = w.as_ref().map(|w| w.watchdog_id.clone());
    let metric = RwSignal::new(
        w.as_ref().map(|w| w.metric_name.clone()).unwrap_or_else(|| metrics.first().map(|m| m.metric_name.clone()).unwrap_or_default()),
    );
    let op = RwSignal::new(w.as_ref().and_then(|w| w.comparison_operator.clone()).unwrap_or(ComparisonOperator::Ge).as_str().to_string());
    let threshold = RwSignal::new(w.as_ref().map(|w| w.threshold.to_string()).unwrap_or_else(|| "90".into()));
    let duration = RwSignal::new(w.as_ref().map(|w| w.duration.to_string()).unwrap_or_else(|| "5".into()));
    let unit = {
        let metrics = metrics.clone();
        move || metrics.iter().find(|m| m.metric_name == metric.get()).map(|m| m.unit.clone()).unwrap_or_default()
    };
    let spec = move || -> Result<WatchdogSpec, rds::ValidationError> {
        let t = threshold.get();
        let t = t.trim();
        if t.is_empty() {
            return Err(rds::ValidationError::coded("threshold", "empty-whole", vec![], "is empty: enter a whole number"));
        }
        let d = duration.get();
        let d = d.trim();
        if d.is_empty() {
            return Err(rds::ValidationError::coded("duration", "empty-minutes", vec![], "is empty: enter minutes from 1 to 1440"));
        }
        let s = WatchdogSpec {
            metric_name: metric.get(),
            comparison_operator: Some(ComparisonOperator::parse(&op.get())),
            threshold: model::fields::whole_in("threshold", t)?,
            duration: d.parse().map_err(|_| {
                rds::ValidationError::coded(
                    "duration",
                    "not-whole-minutes",
                    vec![d.to_string()],
                    format!("must be a whole number of minutes, got {d:?}"),
                )
            })?,
        };
        s.validate().map(|_| s)
    };
    let preview = {
        let unit = unit.clone();
        move || {
            spec().ok().map(|s| {
                sentence(
                    &rds::types::Watchdog {
                        metric_name: s.metric_name,
                        comparison_operator: s.comparison_operator,
                        threshold: s.threshold,
                        duration: s.duration,
                        ..Default::default()
                    },
                    &unit(),
                )
            })
        }
    };
    let title = if id.is_some() { t(m::ALERTING_EDIT_WATCHDOG) } else { t(m::ALERTING_NEW_WATCHDOG) };
    view! {
        <form class="card" aria-label=title on:submit=move |ev| ev.prevent_default()>
            <h4>{title}</h4>
            <div class="form-grid">
                <label><span>{t(m::ALERTING_METRIC)}</span><select prop:value=metric on:change:target=move |ev| metric.set(ev.target().value())>
                    {metrics.iter().map(|m| view! { <option value=m.metric_name.clone()>{crate::components::chart::metric_label(&m.metric_name, &m.unit)}</option> }).collect_view()}
                </select></label>
                <label><span>{t(m::ALERTING_COMPARISON)}</span><select prop:value=op on:change:target=move |ev| op.set(ev.target().value())>
                    {[("GE", t(m::ALERTING_GE)), ("GT", t(m::ALERTING_GT)), ("LE", t(m::ALERTING_LE)), ("LT", t(m::ALERTING_LT))].into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                </select></label>
                <label><span>{move || tf(m::alerting_threshold(if unit().is_empty() { t(m::ALERTING_VALUE).to_string() } else { unit() }))}</span>
                    <input type="number" prop:value=threshold on:input:target=move |ev| threshold.set(ev.target().value())/></label>
                <label><span>{t(m::ALERTING_DURATION)}</span><input type="number" min="1" max="1440" prop:value=duration on:input:target=move |ev| duration.set(ev.target().value())/></label>
            </div>
            {move || preview().map(|p| view! { <p class="hint" aria-live="polite">{t(m::ALERTING_ALERTS_WHEN)}{p}</p> })}
            <Problem error=Signal::derive(move || spec().err())/>
            <div class="form-actions">
                <button type="button" class="primary" prop:disabled=move || spec().is_err() on:click={
                    let (id, group) = (id.clone(), group.clone());
                    move |_| {
                        let Ok(body) = spec() else { return };
                        let group_id = NotificationGroupId::new(group.clone());
                        let call = match &id {
                            Some(w) => crate::change!(ModifyWatchdog { group_id, watchdog_id: WatchdogId::new(w.0.clone()), body }),
                            None => crate::change!(CreateWatchdog { group_id, body }),
                        };
                        act.dispatch(RequestChange { call, reason: String::new() });
                        adding.set(None);
                    }
                }>{if id.is_some() { t(m::ALERTING_SAVE_WATCHDOG) } else { t(m::ALERTING_ADD_WATCHDOG) }}</button>
                <button type="button" on:click=move |_| adding.set(None)>{t(m::ALERTING_CANCEL)}</button>
            </div>
        </form>
    }
}
