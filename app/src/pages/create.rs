//! Create a DB instance: every field of `POST /v1.0/db-instances`, choices
//! loaded from the API, limits checked as the member types and again on the
//! server.

use crate::api::{create_choices, ChangeOutcome, RequestChange};
use crate::components::confirm::ChangeNote;
use crate::components::form::{described_of, error_id, invalid_of, typed_numbers, FieldError, Loaded};
use crate::i18n::{msg::create as m, t, tf};
use leptos::prelude::*;
use rds::types::*;

/// The create form.
#[component]
pub fn CreatePage() -> impl IntoView {
    let choices = crate::data::load(|| (), |_| create_choices());
    let submit = ServerAction::<RequestChange>::new();
    let reason = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let version = RwSignal::new(String::new());
    let flavor = RwSignal::new(String::new());
    let pg = RwSignal::new(String::new());
    let port = RwSignal::new("5432".to_string());
    let database = RwSignal::new("app".to_string());
    let user = RwSignal::new("owner".to_string());
    let password = RwSignal::new(String::new());
    let sgs = RwSignal::new(Vec::<String>::new());
    let protect = RwSignal::new(false);
    let notify = RwSignal::new(false);
    let user_groups = RwSignal::new(Vec::<String>::new());
    let ha = RwSignal::new(false);
    let ping = RwSignal::new("3".to_string());
    let wait = RwSignal::new("0".to_string());
    let subnet = RwSignal::new(String::new());
    let public = RwSignal::new(false);
    let zone = RwSignal::new(String::new());
    let storage_type = RwSignal::new("General SSD".to_string());
    let size = RwSignal::new("20".to_string());
    let period = RwSignal::new("1".to_string());
    let retries = RwSignal::new("6".to_string());
    let window_start = RwSignal::new("00:00:00".to_string());
    let window = RwSignal::new("ONE_HOUR".to_string());
    let request = move || CreateDbInstance {
        db_instance_name: name.get(),
        description: Some(description.get()).filter(|d| !d.is_empty()),
        db_flavor_id: DbFlavorIdOf(flavor.get()).into(),
        db_version: version.get(),
        db_port: port.get().trim().parse().unwrap_or(u32::MAX),
        database_name: database.get(),
        db_user_name: user.get(),
        db_password: password.get().into(),
        parameter_group_id: rds::ParameterGroupId::new(pg.get()),
        db_security_group_ids: sgs.get().into_iter().map(rds::DbSecurityGroupId::new).collect(),
        user_group_ids: user_groups.get().into_iter().map(rds::UserGroupId::new).collect(),
        use_deletion_protection: Some(protect.get()),
        use_default_notification: Some(notify.get()),
        use_high_availability: Some(ha.get()),
        ping_interval: ha.get().then(|| ping.get().trim().parse().unwrap_or(0)),
        failover_repl_waiting_time: ha.get().then(|| wait.get().trim().parse().unwrap_or(-2)),
        network: NetworkSpec {
            subnet_id: Some(rds::SubnetId::new(subnet.get())),
            use_public_access: Some(public.get()),
            availability_zone: Some(zone.get()).filter(|z| !z.is_empty()),
        },
        storage: StorageSpec { storage_type: Some(storage_type.get()), storage_size: Some(size.get().trim().parse().unwrap_or(0)) },
        backup: BackupSpec {
            backup_period: Some(period.get().trim().parse().unwrap_or(u32::MAX)),
            backup_retry_count: Some(retries.get().trim().parse().unwrap_or(u32::MAX)),
            backup_schedules: Some(vec![BackupSchedule {
                backup_wnd_bgn_time: window_start.get(),
                backup_wnd_duration: rds::WindowDuration::parse(&window.get()),
                backup_retry_expire_time: None,
            }]),
        },
    };
    // A number field that holds no number is named as such ("is empty"),
    // before the request's own checks of the value it would send.
    let numbers = move || {
        let mut fields =
            vec![("dbPort", port), ("storage.storageSize", size), ("backup.backupPeriod", period), ("backup.backupRetryCount", retries)];
        if ha.get() {
            fields.extend([("pingInterval", ping), ("failoverReplWaitingTime", wait)]);
        }
        typed_numbers(&fields)
    };
    let problems = move || {
        let mut all = numbers();
        let typed: Vec<String> = all.iter().map(|e| e.field.clone()).collect();
        all.extend(request().problems().into_iter().filter(|e| !typed.contains(&e.field)));
        all
    };
    let error = move || problems().into_iter().next();
    // Each field's refusal, named as everywhere ("Port: is empty").
    let error_for = move |field: &'static str| {
        let error = Signal::derive(move || problems().into_iter().find(|e| e.field == field).map(|e| crate::i18n::reason_words(&e)));
        view! { <FieldError name=crate::i18n::field_label(field) error id=error_id(field)/> }
    };
    // Each input tied to its refusal, for screen readers.
    let refused = Signal::derive(problems);
    let invalid = move |field: &'static str| invalid_of(refused, field);
    let described = move |field: &'static str| described_of(refused, field);
    view! {
        <section>
            <p class="crumbs"><a href="/instances">{t(m::CREATE_CRUMB)}</a>" / "</p>
            <h1>{t(m::CREATE_TITLE)}</h1>
            <Show when=move || super::me().is_none_or(|m| m.can_change) fallback=move || view! {
                <p class="banner" role="status">{tf(m::create_role_cannot(super::me().map(|me| crate::components::language::role_name(me.role)).unwrap_or("")))}</p>
            }>
            <Loaded data=choices loading=t(m::CREATE_LOADING) let:c>
                    {
                        if version.get_untracked().is_empty() {
                            version.set(c.versions.iter().rev().find(|v| v.db_version.contains("V17")).or(c.versions.first()).map(|v| v.db_version.clone()).unwrap_or_default());
                            flavor.set(c.flavors.first().map(|f| f.db_flavor_id.0.clone()).unwrap_or_default());
                            subnet.set(c.subnets.first().map(|s| s.subnet_id.0.clone()).unwrap_or_default());
                        }
                        let groups = StoredValue::new(c.parameter_groups.clone());
                        let for_version = move || groups.with_value(|g| g.iter().filter(|p| rds::versions::same(&p.db_version, &version.get())).cloned().collect::<Vec<_>>());
                        Effect::new(move || {
                            let list = for_version();
                            if !list.iter().any(|p| p.parameter_group_id.0 == pg.get_untracked()) {
                                pg.set(list.first().map(|p| p.parameter_group_id.0.clone()).unwrap_or_default());
                            }
                        });
                        view! {
                            <div class="form-grid">
                                <h2 class="full">{t(m::CREATE_SECTION_INSTANCE)}</h2>
                                <label><span>{t(m::CREATE_NAME)}</span><input type="text" prop:value=name on:input:target=move |ev| name.set(ev.target().value()) aria-invalid=invalid("dbInstanceName") aria-describedby=described("dbInstanceName")/>{error_for("dbInstanceName")}</label>
                                <label><span>{t(m::CREATE_DESCRIPTION)}</span><input type="text" prop:value=description on:input:target=move |ev| description.set(ev.target().value())/></label>
                                <label><span>{t(m::CREATE_VERSION)}</span><select prop:value=version on:change:target=move |ev| version.set(ev.target().value())>
                                    {c.versions.iter().map(|v| view! { <option value=v.db_version.clone()>{v.db_version_name.clone()}</option> }).collect_view()}</select></label>
                                <label><span>{t(m::CREATE_SPECIFICATION)}</span><select prop:value=flavor on:change:target=move |ev| flavor.set(ev.target().value())>
                                    {c.flavors.iter().map(|f| view! { <option value=f.db_flavor_id.0.clone()>{tf(m::create_flavor(f.db_flavor_name.clone(), f.vcpus, f.ram / 1024))}</option> }).collect_view()}</select></label>
                                <label><span>{t(m::CREATE_PARAMETER_GROUP)}</span><select prop:value=pg on:change:target=move |ev| pg.set(ev.target().value()) aria-invalid=invalid("parameterGroupId") aria-describedby=described("parameterGroupId")>
                                    {move || for_version().into_iter().map(|p| view! { <option value=p.parameter_group_id.0.clone()>{p.parameter_group_name.clone()}</option> }).collect_view()}</select>{error_for("parameterGroupId")}</label>
                                <label><span>{t(m::CREATE_PORT)}</span><input type="number" prop:value=port on:input:target=move |ev| port.set(ev.target().value()) aria-invalid=invalid("dbPort") aria-describedby=described("dbPort")/>{error_for("dbPort")}</label>
                                <h2 class="full">{t(m::CREATE_SECTION_FIRST)}</h2>
                                <label><span>{t(m::CREATE_DATABASE)}</span><input type="text" prop:value=database on:input:target=move |ev| database.set(ev.target().value()) aria-invalid=invalid("databaseName") aria-describedby=described("databaseName")/>{error_for("databaseName")}</label>
                                <label><span>{t(m::CREATE_USER)}</span><input type="text" prop:value=user on:input:target=move |ev| user.set(ev.target().value()) aria-invalid=invalid("dbUserName") aria-describedby=described("dbUserName")/>{error_for("dbUserName")}</label>
                                <label><span>{t(m::CREATE_PASSWORD)}</span><input type="password" autocomplete="new-password" prop:value=password on:input:target=move |ev| password.set(ev.target().value()) aria-invalid=invalid("dbPassword") aria-describedby=described("dbPassword")/>{error_for("dbPassword")}</label>
                                <h2 class="full">{t(m::CREATE_SECTION_NETWORK)}</h2>
                                <label><span>{t(m::CREATE_SUBNET)}</span><select prop:value=subnet on:change:target=move |ev| subnet.set(ev.target().value()) aria-invalid=invalid("network.subnetId") aria-describedby=described("network.subnetId")>
                                    {c.subnets.iter().map(|s| view! { <option value=s.subnet_id.0.clone() data-words="upstream">{format!("{} ({})", s.subnet_name, s.subnet_cidr)}</option> }).collect_view()}</select>{error_for("network.subnetId")}</label>
                                <label><span>{t(m::CREATE_ZONE)}</span><select prop:value=zone on:change:target=move |ev| zone.set(ev.target().value())>
                                    <option value="">{t(m::CREATE_ANY)}</option>{c.zones.iter().map(|z| view! { <option value=z.clone()>{z.clone()}</option> }).collect_view()}</select></label>
                                <label class="check"><input type="checkbox" prop:checked=public on:change:target=move |ev| public.set(ev.target().checked())/><span>{t(m::CREATE_PUBLIC)}</span></label>
                                <fieldset class="full"><legend>{t(m::CREATE_SECURITY_GROUPS)}</legend>
                                    {c.security_groups.iter().map(|g| { let id = g.db_security_group_id.0.clone(); let id2 = id.clone(); view! {
                                        <label class="check"><input type="checkbox" prop:checked=move || sgs.get().contains(&id) on:change:target=move |ev| { let on = ev.target().checked(); let id = id2.clone(); sgs.update(|l| { l.retain(|x| *x != id); if on { l.push(id) } }) }/><span>{g.db_security_group_name.clone()}</span></label>
                                    } }).collect_view()}
                                </fieldset>
                                <h2 class="full">{t(m::CREATE_SECTION_STORAGE)}</h2>
                                <label><span>{t(m::CREATE_STORAGE_TYPE)}</span><select prop:value=storage_type on:change:target=move |ev| storage_type.set(ev.target().value())>
                                    {c.storage_types.iter().map(|t| view! { <option value=t.clone()>{t.clone()}</option> }).collect_view()}</select></label>
                                <label><span>{t(m::CREATE_STORAGE_SIZE)}</span><input type="number" prop:value=size on:input:target=move |ev| size.set(ev.target().value()) aria-invalid=invalid("storage.storageSize") aria-describedby=described("storage.storageSize")/>{error_for("storage.storageSize")}</label>
                                <h2 class="full">{t(m::CREATE_SECTION_AVAILABILITY)}</h2>
                                <label class="check"><input type="checkbox" prop:checked=ha on:change:target=move |ev| ha.set(ev.target().checked())/><span>{t(m::CREATE_HA)}</span></label>
                                <Show when=move || ha.get()>
                                    <label><span>{t(m::CREATE_PING)}</span><input type="number" prop:value=ping on:input:target=move |ev| ping.set(ev.target().value()) aria-invalid=invalid("pingInterval") aria-describedby=described("pingInterval")/>{error_for("pingInterval")}</label>
                                    <label><span>{t(m::CREATE_FAILOVER_WAIT)}</span><input type="number" prop:value=wait on:input:target=move |ev| wait.set(ev.target().value()) aria-invalid=invalid("failoverReplWaitingTime") aria-describedby=described("failoverReplWaitingTime")/>{error_for("failoverReplWaitingTime")}</label>
                                </Show>
                                <label class="check"><input type="checkbox" prop:checked=protect on:change:target=move |ev| protect.set(ev.target().checked())/><span>{t(m::CREATE_DELETION_PROTECTION)}</span></label>
                                <label class="check"><input type="checkbox" prop:checked=notify on:change:target=move |ev| notify.set(ev.target().checked())/><span>{t(m::CREATE_DEFAULT_NOTIFICATION)}</span></label>
                                <fieldset class="full"><legend>{t(m::CREATE_USER_GROUPS)}</legend>
                                    {c.user_groups.is_empty().then(|| view! { <span class="hint">{t(m::CREATE_NO_USER_GROUPS)}</span> })}
                                    {c.user_groups.iter().map(|g| { let id = g.user_group_id.0.clone(); let id2 = id.clone(); view! {
                                        <label class="check"><input type="checkbox" prop:checked=move || user_groups.get().contains(&id) on:change:target=move |ev| { let on = ev.target().checked(); let id = id2.clone(); user_groups.update(|l| { l.retain(|x| *x != id); if on { l.push(id) } }) }/><span>{tf(m::create_user_group(g.user_group_name.clone()))}</span></label>
                                    } }).collect_view()}
                                </fieldset>
                                <h2 class="full">{t(m::CREATE_SECTION_BACKUPS)}</h2>
                                <label><span>{t(m::CREATE_BACKUP_PERIOD)}</span><input type="number" prop:value=period on:input:target=move |ev| period.set(ev.target().value()) aria-invalid=invalid("backup.backupPeriod") aria-describedby=described("backup.backupPeriod")/>{error_for("backup.backupPeriod")}</label>
                                <label><span>{t(m::CREATE_BACKUP_RETRIES)}</span><input type="number" prop:value=retries on:input:target=move |ev| retries.set(ev.target().value()) aria-invalid=invalid("backup.backupRetryCount") aria-describedby=described("backup.backupRetryCount")/>{error_for("backup.backupRetryCount")}</label>
                                <label><span>{t(m::CREATE_WINDOW_START)}</span><input type="text" prop:value=window_start on:input:target=move |ev| window_start.set(ev.target().value()) aria-invalid=invalid("backup.backupSchedules.backupWndBgnTime") aria-describedby=described("backup.backupSchedules.backupWndBgnTime")/>{error_for("backup.backupSchedules.backupWndBgnTime")}</label>
                                <label><span>{t(m::CREATE_WINDOW_LENGTH)}</span><select prop:value=window on:change:target=move |ev| window.set(ev.target().value())>
                                    {rds::WindowDuration::KNOWN.iter().map(|d| view! { <option value=d.as_str().to_string()>{crate::i18n::words(d)}</option> }).collect_view()}</select></label>
                                <label class="wide"><span>{t(m::CREATE_REASON)}</span>
                                    <textarea rows="2" prop:value=reason on:input:target=move |ev| reason.set(ev.target().value())></textarea></label>
                                <div class="form-actions">
                                    <button type="button" class="primary" prop:disabled=move || error().is_some() || submit.pending().get() on:click=move |_| {
                                        submit.dispatch(RequestChange { call: crate::change!(CreateDbInstance { body: request() }), reason: reason.get_untracked() });
                                    }>{t(m::CREATE_TITLE)}</button>
                                    <a class="button" href="/instances">{t(m::CREATE_CANCEL)}</a>
                                </div>
                            </div>
                        }.into_any()
                    }
            </Loaded>
            </Show>
            {move || submit.value().get().map(|r| match r {
                Ok(ChangeOutcome::Ran { job, .. }) => view! { <p class="ok-note" role="status">{tf(m::create_creating(job.unwrap_or_default()))}<a href="/instances">{t(m::CREATE_WATCH)}</a></p> }.into_any(),
                other => view! { <ChangeNote outcome=other/> }.into_any(),
            })}
        </section>
    }
}

struct DbFlavorIdOf(String);
impl From<DbFlavorIdOf> for rds::DbFlavorId {
    fn from(v: DbFlavorIdOf) -> Self {
        rds::DbFlavorId::new(v.0)
    }
}
