//! The replicas tab: read replicas, and the form that makes one.

use super::*;
#[allow(unused_imports)]
use crate::i18n::{msg::tab_replicas as m, t, tf};

#[component]
pub(super) fn ReplicasTab(
    o: Overview,
    can_change: impl Fn() -> bool + Send + Sync + Copy + 'static,
    data: Tab<model::ReplicaChoices>,
) -> impl IntoView {
    let d = o.detail.clone();
    let is_replica = d.db_instance_type == Some(rds::DbInstanceType::ReadOnlySlave);
    let ov = StoredValue::new(o.clone());
    view! {
        <div class="card">
            <GroupMembers o=ov.get_value()/>
            {if is_replica {
                view! {
                    <p>{t(m::REP_IS_REPLICA)}</p>
                    <Show when=can_change><button type="button" on:click=move |_| ask(&ov.get_value(), |id| crate::change!(PromoteDbInstance { id }))>{t(m::REP_PROMOTE)}</button></Show>
                }.into_any()
            } else {
                view! {
                    <Show when=can_change>
                        <Loaded data loading=t(m::REP_LOADING) let:c>
                            <ReplicaForm o=ov.get_value() c/>
                        </Loaded>
                    </Show>
                }.into_any()
            }}
        </div>
    }
}

/// A new read replica: what the API accepts, starting from the source's
/// settings.
#[component]
pub(super) fn ReplicaForm(o: Overview, c: model::ReplicaChoices) -> impl IntoView {
    let d = o.detail.clone();
    let name = RwSignal::new(format!("{}-replica", d.db_instance_name));
    let description = RwSignal::new(String::new());
    let flavor = RwSignal::new(d.db_flavor_id.0.clone());
    let port = RwSignal::new(d.db_port.to_string());
    let group = RwSignal::new(d.parameter_group_id.0.clone());
    let protect = RwSignal::new(false);
    let sgs = RwSignal::new(d.db_security_group_ids.iter().map(|g| g.0.clone()).collect::<Vec<_>>());
    let ugs = RwSignal::new(Vec::<String>::new());
    let default_notification = RwSignal::new(false);
    let storage_type = RwSignal::new(o.storage.storage_type.clone());
    let storage_size = RwSignal::new(o.storage.storage_size.to_string());
    let backup_days = RwSignal::new(o.backup.backup_period.to_string());
    let zone = RwSignal::new(String::new());
    let public = RwSignal::new(false);
    let source_size = o.storage.storage_size;
    let name_check = |v: &str| text_problem(v.trim(), |n| rds::validate::resource_name("dbInstanceName", n, true));
    let port_check = |v: &str| number_problem(v, rds::validate::Port::new);
    let size_check = move |v: &str| number_problem(v, |s: u32| rds::validate::StorageSize::grow(source_size, s));
    let backup_check = |v: &str| number_problem(v, rds::validate::BackupPeriod::new);
    let sg_error = move || sgs.with(Vec::is_empty).then(|| t(m::REP_PICK_ONE).to_string());
    let problem = move || {
        name.with(|v| name_check(v))
            .or(port.with(|v| port_check(v)))
            .or(storage_size.with(|v| size_check(v)))
            .or(backup_days.with(|v| backup_check(v)))
            .or(sg_error())
            .is_some()
    };
    let ov = StoredValue::new(o.clone());
    let create = move |_| {
        let o = ov.get_value();
        let d = &o.detail;
        let size: u32 = storage_size.get().trim().parse().unwrap_or(source_size);
        let days: u32 = backup_days.get().trim().parse().unwrap_or(o.backup.backup_period);
        ask(&o, |id| {
            crate::change!(ReplicateDbInstance {
                id,
                body: ReplicateDbInstance {
                    db_instance_name: name.get().trim().to_string(),
                    description: Some(description.get()).filter(|s| !s.trim().is_empty()),
                    db_flavor_id: Some(flavor.get()).filter(|f| *f != d.db_flavor_id.0).map(Into::into),
                    db_port: port.get().trim().parse().ok().filter(|p| *p != d.db_port),
                    parameter_group_id: Some(group.get()).filter(|g| *g != d.parameter_group_id.0).map(Into::into),
                    db_security_group_ids: Some(sgs.get().into_iter().map(Into::into).collect()),
                    user_group_ids: ugs.get().into_iter().map(Into::into).collect(),
                    use_default_notification: default_notification.get().then_some(true),
                    use_deletion_protection: protect.get().then_some(true),
                    network: Some(NetworkSpec {
                        subnet_id: None,
                        use_public_access: public.get().then_some(true),
                        availability_zone: Some(zone.get()).filter(|z| !z.is_empty()),
                    })
                    .filter(|n| n.use_public_access.is_some() || n.availability_zone.is_some()),
                    storage: Some(StorageSpec {
                        storage_type: Some(storage_type.get()).filter(|t| *t != o.storage.storage_type),
                        storage_size: Some(size).filter(|s| *s != source_size),
                    })
                    .filter(|s| s.storage_type.is_some() || s.storage_size.is_some()),
                    backup: (days != o.backup.backup_period).then(|| BackupSpec { backup_period: Some(days), ..Default::default() }),
                },
            })
        })
    };
    view! {
        <h2>{t(m::REP_CREATE_TITLE)}</h2>
        <div class="form-grid plain">
            <Field label=t(m::REP_NAME) value=name check=name_check quiet_empty=true/>
            <label><span>{t(m::REP_DESCRIPTION)}</span><input type="text" prop:value=description on:input:target=move |ev| description.set(ev.target().value())/></label>
            <label><span>{t(m::REP_SPECIFICATION)}</span>
                <select prop:value=flavor on:change:target=move |ev| flavor.set(ev.target().value())>
                    {o.flavors.iter().map(|f| view! { <option value=f.db_flavor_id.0.clone()>{format!("{} ({} vCPU, {} GB)", f.db_flavor_name, f.vcpus, f.ram / 1024)}</option> }).collect_view()}
                </select></label>
            <Field label=t(m::REP_PORT) name=t(m::REP_PORT_NAME) kind="number" value=port check=port_check/>
            <label><span>{t(m::REP_PARAMETER_GROUP)}</span>
                <select prop:value=group on:change:target=move |ev| group.set(ev.target().value())>
                    {o.parameter_groups.iter().filter(|g| rds::versions::same(&g.db_version, &o.detail.db_version)).map(|g| view! { <option value=g.parameter_group_id.0.clone()>{g.parameter_group_name.clone()}</option> }).collect_view()}
                </select></label>
            <label><span>{t(m::REP_STORAGE_TYPE)}</span>
                <select prop:value=storage_type on:change:target=move |ev| storage_type.set(ev.target().value())>
                    {c.storage_types.iter().map(|t| view! { <option value=t.clone()>{t.clone()}</option> }).collect_view()}
                </select></label>
            <Field label=tf(m::rep_storage_size(source_size)) name=t(m::REP_STORAGE_NAME) kind="number" value=storage_size check=size_check/>
            <Field label=t(m::REP_BACKUP) name=t(m::REP_BACKUP_NAME) kind="number" value=backup_days check=backup_check/>
            <label><span>{t(m::REP_ZONE)}</span>
                <select prop:value=zone on:change:target=move |ev| zone.set(ev.target().value())>
                    <option value="">{t(m::REP_SAME_ZONE)}</option>
                    {c.zones.iter().map(|z| view! { <option value=z.clone()>{z.clone()}</option> }).collect_view()}
                </select></label>
            <label class="check"><input type="checkbox" prop:checked=public on:change:target=move |ev| public.set(ev.target().checked())/>{t(m::REP_PUBLIC)}</label>
            <label class="check"><input type="checkbox" prop:checked=default_notification on:change:target=move |ev| default_notification.set(ev.target().checked())/>{t(m::REP_DEFAULT_NOTIFICATION)}</label>
            <label class="check"><input type="checkbox" prop:checked=protect on:change:target=move |ev| protect.set(ev.target().checked())/>{t(m::REP_PROTECT)}</label>
            <fieldset class="checks full"><legend>{t(m::REP_SECURITY_GROUPS)}</legend>
                {crate::components::check_list(sgs, o.security_groups.iter().map(|g| (g.db_security_group_id.0.clone(), g.db_security_group_name.clone())).collect())}
                <FieldError name=t(m::REP_SG_NAME) error=Signal::derive(sg_error)/>
            </fieldset>
            <fieldset class="checks full"><legend>{t(m::REP_USER_GROUPS)}</legend>
                {crate::components::check_list(ugs, c.user_groups.iter().map(|g| (g.user_group_id.0.clone(), g.user_group_name.clone())).collect())}
            </fieldset>
        </div>
        <button type="button" prop:disabled=problem on:click=create>{t(m::REP_CREATE)}</button>
    }
}
