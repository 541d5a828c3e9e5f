//! The settings tab: modify (with a preview), storage, network and
//! protection, backups, maintenance, export to object storage, versions.
//! Every limit is checked as the member types and again on the server.

use super::ask;
use crate::api::Overview;
use crate::components::form::{number_problem, text_problem, Field, FieldError};
use crate::i18n::{msg::tab_settings as m, t, tf};
use leptos::prelude::*;
use rds::types::*;

/// The window lengths upstream accepts, as sent and as shown.
/// A window's lengths, as choices in the page's language.
fn durations() -> impl IntoView {
    rds::WindowDuration::KNOWN
        .iter()
        .map(|d| view! { <option value=d.as_str().to_string()>{crate::i18n::words(d)}</option> })
        .collect_view()
}

/// `hh:mm` from a time input becomes upstream's `hh:mm:ss`.
fn with_seconds(t: &str) -> String {
    if t.len() == 5 {
        format!("{t}:00")
    } else {
        t.to_string()
    }
}

#[component]
pub(super) fn SettingsTab(o: Overview, can_change: impl Fn() -> bool + Send + Sync + Copy + 'static) -> impl IntoView {
    view! {
        <ModifyCard o=o.clone() can_change/>
        <StorageCard o=o.clone() can_change/>
        <NetworkCard o=o.clone() can_change/>
        <BackupCard o=o.clone() can_change/>
        <MaintenanceCard o=o.clone() can_change/>
        <ExportCard o=o.clone() can_change/>
        <div class="card">
            <h2>{t(m::SET_VERSIONS)}</h2>
            <ul>{o.versions.iter().map(|v| view! { <li>{v.db_version_name.clone()}</li> }).collect_view()}</ul>
        </div>
    }
}

/// One line of the preview: setting, now, after.
type Change = (crate::i18n::Key, String, String);

#[component]
fn ModifyCard(o: Overview, can_change: impl Fn() -> bool + Send + Sync + Copy + 'static) -> impl IntoView {
    let d = o.detail.clone();
    let name = RwSignal::new(d.db_instance_name.clone());
    let desc = RwSignal::new(d.description.clone().unwrap_or_default());
    let port = RwSignal::new(d.db_port.to_string());
    let flavor = RwSignal::new(d.db_flavor_id.0.clone());
    let group = RwSignal::new(d.parameter_group_id.0.clone());
    let current_sgs: Vec<String> = d.db_security_group_ids.iter().map(|g| g.0.clone()).collect();
    let sgs = RwSignal::new(current_sgs.clone());
    let backup_first = RwSignal::new(false);
    let old = StoredValue::new(o.clone());
    let changes = move || -> Vec<Change> {
        let o = old.get_value();
        let d = &o.detail;
        let mut out = Vec::new();
        if name.get() != d.db_instance_name {
            out.push((m::SET_NAME, d.db_instance_name.clone(), name.get()));
        }
        if desc.get() != d.description.clone().unwrap_or_default() {
            out.push((m::SET_DESCRIPTION, d.description.clone().unwrap_or_default(), desc.get()));
        }
        if port.get().trim() != d.db_port.to_string() {
            out.push((m::SET_PORT, d.db_port.to_string(), port.get().trim().to_string()));
        }
        if flavor.get() != d.db_flavor_id.0 {
            let n =
                |id: &str| o.flavors.iter().find(|f| f.db_flavor_id.0 == id).map(|f| f.db_flavor_name.clone()).unwrap_or_else(|| id.into());
            out.push((m::SET_SPECIFICATION, n(&d.db_flavor_id.0), n(&flavor.get())));
        }
        if group.get() != d.parameter_group_id.0 {
            let n = |id: &str| {
                o.parameter_groups
                    .iter()
                    .find(|g| g.parameter_group_id.0 == id)
                    .map(|g| g.parameter_group_name.clone())
                    .unwrap_or_else(|| id.into())
            };
            out.push((m::SET_PARAMETER_GROUP, n(&d.parameter_group_id.0), n(&group.get())));
        }
        let mut now: Vec<String> = d.db_security_group_ids.iter().map(|g| g.0.clone()).collect();
        let mut after = sgs.get();
        now.sort();
        after.sort();
        if now != after {
            let n = |ids: &[String]| {
                ids.iter()
                    .map(|id| {
                        o.security_groups
                            .iter()
                            .find(|g| &g.db_security_group_id.0 == id)
                            .map(|g| g.db_security_group_name.clone())
                            .unwrap_or_else(|| id.clone())
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            out.push((m::SET_SECURITY_GROUPS, n(&now), n(&after)));
        }
        out
    };
    let name_check = |v: &str| text_problem(v.trim(), |t| rds::validate::resource_name("dbInstanceName", t, true));
    let port_check = |v: &str| number_problem(v, rds::validate::Port::new);
    // Security groups are optional (an instance may have none); the rule
    // applies only when they are being changed.
    let sg_error = move || {
        (changes().iter().any(|c| c.0 == m::SET_SECURITY_GROUPS) && sgs.with(|s| s.is_empty())).then(|| t(m::SET_PICK_ONE).to_string())
    };
    let restarts = move || changes().iter().any(|c| matches!(c.0, m::SET_PORT | m::SET_SPECIFICATION | m::SET_PARAMETER_GROUP));
    let invalid = move || name.with(|v| name_check(v)).is_some() || port.with(|v| port_check(v)).is_some() || sg_error().is_some();
    let apply = move |_| {
        let o = old.get_value();
        let d = &o.detail;
        let c = changes();
        let changed = |k: crate::i18n::Key| c.iter().any(|x| x.0 == k);
        let body = ModifyDbInstance {
            db_instance_name: changed(m::SET_NAME).then(|| name.get()),
            description: changed(m::SET_DESCRIPTION).then(|| desc.get()),
            db_port: changed(m::SET_PORT).then(|| port.get().trim().parse().unwrap_or(d.db_port)),
            db_flavor_id: changed(m::SET_SPECIFICATION).then(|| flavor.get().into()),
            parameter_group_id: changed(m::SET_PARAMETER_GROUP).then(|| group.get().into()),
            db_security_group_ids: changed(m::SET_SECURITY_GROUPS).then(|| sgs.get().into_iter().map(Into::into).collect()),
            execute_backup: backup_first.get().then_some(true),
        };
        ask(&o, |id| crate::change!(ModifyDbInstance { id, body }));
    };
    view! {
        <div class="card">
            <h2>{t(m::SET_MODIFY)}</h2>
            <div class="form-grid plain">
                <Field label=t(m::SET_NAME) value=name check=name_check/>
                <label><span>{t(m::SET_DESCRIPTION)}</span><input type="text" prop:value=desc on:input:target=move |ev| desc.set(ev.target().value())/></label>
                <Field label=t(m::SET_PORT) kind="number" value=port check=port_check/>
                <label><span>{t(m::SET_SPECIFICATION)}</span>
                    <select prop:value=flavor on:change:target=move |ev| flavor.set(ev.target().value())>
                        {o.flavors.iter().map(|f| view! { <option value=f.db_flavor_id.0.clone()>{format!("{} ({} vCPU, {} GB)", f.db_flavor_name, f.vcpus, f.ram / 1024)}</option> }).collect_view()}
                    </select></label>
                <label><span>{t(m::SET_PARAMETER_GROUP)}</span>
                    <select prop:value=group on:change:target=move |ev| group.set(ev.target().value())>
                        {o.parameter_groups.iter().filter(|g| rds::versions::same(&g.db_version, &d.db_version)).map(|g| view! {
                            <option value=g.parameter_group_id.0.clone()>{g.parameter_group_name.clone()}</option>
                        }).collect_view()}
                    </select></label>
                <fieldset class="checks">
                    <legend>{t(m::SET_SECURITY_GROUPS)}</legend>
                    {o.security_groups.iter().map(|g| {
                        let id = g.db_security_group_id.0.clone();
                        let id2 = id.clone();
                        view! {
                            <label class="check"><input type="checkbox"
                                prop:checked=move || sgs.with(|s| s.contains(&id))
                                on:change:target=move |ev| {
                                    let on = ev.target().checked();
                                    sgs.update(|s| { s.retain(|x| x != &id2); if on { s.push(id2.clone()); } });
                                }/>{g.db_security_group_name.clone()}</label>
                        }
                    }).collect_view()}
                    <FieldError name=t(m::SET_SECURITY_GROUPS) error=Signal::derive(sg_error)/>
                </fieldset>
                <label class="check"><input type="checkbox" prop:checked=backup_first on:change:target=move |ev| backup_first.set(ev.target().checked())/>
                    {t(m::SET_BACKUP_FIRST)}</label>
            </div>
            <div class="preview" aria-label=t(m::SET_PREVIEW)>
                {move || {
                    let c = changes();
                    if c.is_empty() {
                        view! { <p class="hint">{t(m::SET_NO_CHANGES)}</p> }.into_any()
                    } else {
                        view! {
                            <table class="grid"><thead><tr><th scope="col">{t(m::SET_SETTING)}</th><th scope="col">{t(m::SET_NOW)}</th><th scope="col">{t(m::SET_AFTER)}</th></tr></thead>
                                <tbody>{c.into_iter().map(|(k, a, b)| view! { <tr><td>{t(k)}</td><td>{a}</td><td>{b}</td></tr> }).collect_view()}</tbody></table>
                            <p class=move || if restarts() { "banner" } else { "hint" }>
                                {move || if restarts() { t(m::SET_WILL_RESTART) } else { t(m::SET_KEEPS_RUNNING) }}
                            </p>
                        }.into_any()
                    }
                }}
            </div>
            <Show when=can_change>
                <button type="button" class="primary" prop:disabled=move || changes().is_empty() || invalid() on:click=apply>{t(m::SET_APPLY)}</button>
            </Show>
        </div>
    }
}

#[component]
fn StorageCard(o: Overview, can_change: impl Fn() -> bool + Send + Sync + Copy + 'static) -> impl IntoView {
    let current = o.storage.storage_size;
    let size = RwSignal::new(current.to_string());
    let size_check = move |v: &str| number_problem(v, |s| rds::validate::StorageSize::grow(current, s));
    let ov = StoredValue::new(o.clone());
    view! {
        <div class="card">
            <h2>{t(m::SET_STORAGE)}</h2>
            <p>{format!("{} — {} GB ({})", o.storage.storage_type, current, o.storage.storage_status.as_ref().map(|s| crate::i18n::words(s)).unwrap_or_default())}</p>
            <Show when=can_change>
                <Field label=t(m::SET_NEW_SIZE) name=t(m::SET_STORAGE_SIZE) kind="number" value=size check=size_check/>
                <button type="button" prop:disabled=move || size.with(|v| size_check(v)).is_some() || size.get().trim() == current.to_string()
                    on:click=move |_| ask(&ov.get_value(), |id| crate::change!(ModifyStorageInfo { id, body: ModifyStorage { storage_size: size.get().trim().parse().unwrap_or(0) } }))>{t(m::SET_GROW)}</button>
            </Show>
        </div>
    }
}

#[component]
fn NetworkCard(o: Overview, can_change: impl Fn() -> bool + Send + Sync + Copy + 'static) -> impl IntoView {
    let ov = StoredValue::new(o.clone());
    let need = o.detail.need_to_apply_parameter_group;
    let backup_first = RwSignal::new(false);
    view! {
        <div class="card">
            <h2>{t(m::SET_NETWORK)}</h2>
            <p>{if o.network.subnet.public_accessible { t(m::SET_PUBLIC_ON) } else { t(m::SET_PUBLIC_OFF) }}</p>
            <p>{if o.detail.use_deletion_protection { t(m::SET_PROTECTION_ON) } else { t(m::SET_PROTECTION_OFF) }}</p>
            <Show when=can_change>
                <div class="form-actions">
                    <button type="button" on:click=move |_| { let o = ov.get_value(); let on = !o.network.subnet.public_accessible; ask(&o, |id| crate::change!(ModifyNetworkInfo { id, body: ModifyNetwork { use_public_access: on } })) }>
                        {if o.network.subnet.public_accessible { t(m::SET_DISABLE_PUBLIC) } else { t(m::SET_ENABLE_PUBLIC) }}
                    </button>
                    <button type="button" on:click=move |_| { let o = ov.get_value(); let on = !o.detail.use_deletion_protection; ask(&o, |id| crate::change!(ModifyDeletionProtection { id, body: DeletionProtection { use_deletion_protection: on } })) }>
                        {if o.detail.use_deletion_protection { t(m::SET_PROTECTION_TURN_OFF) } else { t(m::SET_PROTECTION_TURN_ON) }}
                    </button>
                </div>
                <Show when=move || need>
                    <p class="banner">{t(m::SET_PG_CHANGED)}</p>
                    <label class="check"><input type="checkbox" prop:checked=backup_first on:change:target=move |ev| backup_first.set(ev.target().checked())/>
                        {t(m::SET_BACKUP_FIRST_PARAMS)}</label>
                    <button type="button" on:click=move |_| ask(&ov.get_value(), |id| crate::change!(ApplyRecentParameterGroup { id, body: ApplyParameterGroup { execute_backup: backup_first.get() } }))>{t(m::SET_APPLY_PARAMS)}</button>
                </Show>
            </Show>
        </div>
    }
}

/// A window's start and length, checked like upstream checks them.
fn window_error(begin: RwSignal<String>) -> impl Fn() -> Option<String> + Send + Sync + Copy + 'static {
    move || rds::validate::time_of_day("start", &with_seconds(&begin.get())).err().map(|e| crate::i18n::reason_words(&e))
}

#[component]
fn BackupCard(o: Overview, can_change: impl Fn() -> bool + Send + Sync + Copy + 'static) -> impl IntoView {
    let b = o.backup.clone();
    let first = b.backup_schedules.first().cloned();
    let period = RwSignal::new(b.backup_period.to_string());
    let retries = RwSignal::new(b.backup_retry_count.to_string());
    let begin =
        RwSignal::new(first.as_ref().map(|s| s.backup_wnd_bgn_time.chars().take(5).collect()).unwrap_or_else(|| "00:00".to_string()));
    let duration = RwSignal::new(first.as_ref().map(|s| s.backup_wnd_duration.as_str().to_string()).unwrap_or_else(|| "ONE_HOUR".into()));
    let period_check = |v: &str| number_problem(v, rds::validate::BackupPeriod::new);
    let retries_check = |v: &str| number_problem(v, rds::validate::BackupRetryCount::new);
    let begin_error = window_error(begin);
    let ov = StoredValue::new(o.clone());
    let save = move |_| {
        ask(&ov.get_value(), |id| {
            crate::change!(ModifyBackupInfo {
                id,
                body: ModifyBackupInfo {
                    backup_period: Some(period.get().trim().parse().unwrap_or(0)),
                    backup_retry_count: Some(retries.get().trim().parse().unwrap_or(0)),
                    backup_schedules: Some(vec![BackupSchedule {
                        backup_wnd_bgn_time: with_seconds(&begin.get()),
                        backup_wnd_duration: rds::WindowDuration::parse(&duration.get()),
                        backup_retry_expire_time: None,
                    }]),
                },
            })
        })
    };
    view! {
        <div class="card">
            <h2>{t(m::SET_BACKUPS)}</h2>
            <p>{tf(m::set_kept(b.backup_period, b.backup_retry_count))}
                {b.backup_schedules.iter().map(|s| crate::i18n::tf(crate::i18n::msg::common::window_for(s.backup_wnd_bgn_time.clone(), crate::i18n::words(&s.backup_wnd_duration)))).collect::<Vec<_>>().join(", ")}</p>
            <Show when=can_change>
                <div class="form-grid plain">
                    <Field label=t(m::SET_KEEP_DAYS) name=t(m::SET_RETENTION_DAYS) kind="number" value=period check=period_check/>
                    <Field label=t(m::SET_RETRIES) kind="number" value=retries check=retries_check/>
                    <label><span>{t(m::SET_WINDOW_START)}</span><input type="time" prop:value=begin on:input:target=move |ev| begin.set(ev.target().value())/>
                        <FieldError name=t(m::SET_WINDOW_START) error=Signal::derive(begin_error)/></label>
                    <label><span>{t(m::SET_WINDOW_LENGTH)}</span>
                        <select prop:value=duration on:change:target=move |ev| duration.set(ev.target().value())>
                            {durations()}
                        </select></label>
                </div>
                <button type="button" prop:disabled=move || period.with(|v| period_check(v)).is_some() || retries.with(|v| retries_check(v)).is_some() || begin_error().is_some() on:click=save>
                    {t(m::SET_SAVE_BACKUP)}
                </button>
            </Show>
        </div>
    }
}

#[component]
fn MaintenanceCard(o: Overview, can_change: impl Fn() -> bool + Send + Sync + Copy + 'static) -> impl IntoView {
    let m = o.maintenance.clone();
    let begin = RwSignal::new(m.as_ref().map(|m| m.maint_wnd_bgn_time.chars().take(5).collect()).unwrap_or_else(|| "03:00".to_string()));
    let duration = RwSignal::new(m.as_ref().map(|m| m.maint_wnd_duration.as_str().to_string()).unwrap_or_else(|| "ONE_HOUR".into()));
    let allow = RwSignal::new(m.as_ref().is_some_and(|m| m.allow_auto_maintenance));
    let cleanup = RwSignal::new(m.as_ref().is_some_and(|m| m.use_auto_storage_cleanup));
    let retention = RwSignal::new(m.as_ref().and_then(|m| m.log_retention_period).map(|d| d.to_string()).unwrap_or_default());
    let retention_check = |v: &str| {
        if v.trim().is_empty() {
            return None;
        }
        let refused = match model::fields::whole_in::<u32>("logRetentionPeriod", v) {
            Ok(d) => rds::validate::range("logRetentionPeriod", d, 1, 365).err(),
            Err(e) => Some(e),
        };
        refused.map(|e| crate::i18n::reason_words(&e))
    };
    let begin_error = window_error(begin);
    let ov = StoredValue::new(o.clone());
    let save = move |_| {
        ask(&ov.get_value(), |id| {
            crate::change!(ModifyMaintenanceInfo {
                id,
                body: MaintenanceInfo {
                    allow_auto_maintenance: allow.get(),
                    use_auto_storage_cleanup: cleanup.get(),
                    maint_wnd_bgn_time: with_seconds(&begin.get()),
                    maint_wnd_duration: rds::WindowDuration::parse(&duration.get()),
                    log_retention_period: retention.get().trim().parse().ok(),
                },
            })
        })
    };
    view! {
        <div class="card">
            <h2>{t(m::SET_MAINTENANCE)}</h2>
            <p>{m.as_ref().map(|m| format!("{}{}{}", crate::i18n::tf(crate::i18n::msg::common::window_for(m.maint_wnd_bgn_time.clone(), crate::i18n::words(&m.maint_wnd_duration))), if m.allow_auto_maintenance { "" } else { crate::i18n::t(crate::i18n::msg::common::AUTO_MAINTENANCE_OFF) },
                    m.log_retention_period.map(|d| crate::i18n::tf(crate::i18n::msg::tab_settings::set_logs_kept(d))).unwrap_or_default()))
                .unwrap_or_else(|| t(m::SET_NO_MAINTENANCE).into())}</p>
            <Show when=can_change>
                <div class="form-grid plain">
                    <label><span>{t(m::SET_MAINT_START)}</span><input type="time" prop:value=begin on:input:target=move |ev| begin.set(ev.target().value())/>
                        <FieldError name=t(m::SET_MAINT_START) error=Signal::derive(begin_error)/></label>
                    <label><span>{t(m::SET_MAINT_LENGTH)}</span>
                        <select prop:value=duration on:change:target=move |ev| duration.set(ev.target().value())>
                            {durations()}
                        </select></label>
                    <label class="check"><input type="checkbox" prop:checked=allow on:change:target=move |ev| allow.set(ev.target().checked())/>{t(m::SET_ALLOW_AUTO)}</label>
                    <label class="check"><input type="checkbox" prop:checked=cleanup on:change:target=move |ev| cleanup.set(ev.target().checked())/>{t(m::SET_CLEANUP)}</label>
                    <label><span>{t(m::SET_LOG_RETENTION)}</span><input type="number" min="1" max="365" prop:value=retention on:input:target=move |ev| retention.set(ev.target().value())/>
                        <FieldError name=t(m::SET_LOG_RETENTION) error=Signal::derive(move || retention.with(|v| retention_check(v)))/></label>
                </div>
                <button type="button" prop:disabled=move || begin_error().is_some() || retention.with(|v| retention_check(v)).is_some() on:click=save>{t(m::SET_SAVE_MAINT)}</button>
            </Show>
        </div>
    }
}

#[component]
fn ExportCard(o: Overview, can_change: impl Fn() -> bool + Send + Sync + Copy + 'static) -> impl IntoView {
    let tenant = RwSignal::new(String::new());
    let user = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let container = RwSignal::new(String::new());
    let path = RwSignal::new(format!("{}/", o.detail.db_instance_name));
    let missing = move || {
        [
            (m::SET_OS_TENANT, tenant),
            (m::SET_OS_USER, user),
            (m::SET_OS_PASSWORD, password),
            (m::SET_OS_CONTAINER, container),
            (m::SET_OS_PATH, path),
        ]
        .iter()
        .find(|(_, v)| v.with(|s| s.trim().is_empty()))
        .map(|(k, _)| tf(m::set_is_required(t(*k))))
    };
    let ov = StoredValue::new(o);
    view! {
        <Show when=can_change>
            <div class="card">
                <h2>{t(m::SET_OS_TITLE)}</h2>
                <p class="hint">{t(m::SET_OS_HINT)}</p>
                <div class="form-grid plain">
                    <label><span>{t(m::SET_OS_TENANT)}</span><input type="text" prop:value=tenant on:input:target=move |ev| tenant.set(ev.target().value())/></label>
                    <label><span>{t(m::SET_OS_USER)}</span><input type="text" prop:value=user on:input:target=move |ev| user.set(ev.target().value())/></label>
                    <label><span>{t(m::SET_OS_PASSWORD)}</span><input type="password" autocomplete="off" prop:value=password on:input:target=move |ev| password.set(ev.target().value())/></label>
                    <label><span>{t(m::SET_OS_CONTAINER)}</span><input type="text" prop:value=container on:input:target=move |ev| container.set(ev.target().value())/></label>
                    <label><span>{t(m::SET_OS_PATH)}</span><input type="text" prop:value=path on:input:target=move |ev| path.set(ev.target().value())/></label>
                </div>
                {move || missing().map(|m| view! { <p class="hint">{m}</p> })}
                <button type="button" prop:disabled=move || missing().is_some() on:click=move |_| {
                    let body = ObjectStorageTarget {
                        tenant_id: tenant.get(), username: user.get(), password: password.get().into(), target_container: container.get(), object_path: path.get(),
                    };
                    ask(&ov.get_value(), |id| crate::change!(BackupToObjectStorage { id, body }));
                    password.set(String::new());
                }>{t(m::SET_OS_RUN)}</button>
            </div>
        </Show>
    }
}
