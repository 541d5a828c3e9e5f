//! The overview tab: the instance at a glance, its connection and actions.

use super::*;

#[component]
pub(super) fn OverviewTab(o: Overview) -> impl IntoView {
    let d = o.detail.clone();
    let flavor = o
        .flavors
        .iter()
        .find(|f| f.db_flavor_id == d.db_flavor_id)
        .map(|f| format!("{} ({} vCPU, {} GB RAM)", f.db_flavor_name, f.vcpus, f.ram / 1024))
        .unwrap_or_else(|| d.db_flavor_id.0.clone());
    let pg = o
        .parameter_groups
        .iter()
        .find(|p| p.parameter_group_id == d.parameter_group_id)
        .map(|p| p.parameter_group_name.clone())
        .unwrap_or_else(|| d.parameter_group_id.0.clone());
    let pg_href = format!("/access-control/parameter-groups/{}", d.parameter_group_id);
    let sgs = d
        .db_security_group_ids
        .iter()
        .enumerate()
        .map(|(n, id)| {
            let name = o
                .security_groups
                .iter()
                .find(|g| &g.db_security_group_id == id)
                .map(|g| g.db_security_group_name.clone())
                .unwrap_or_else(|| id.0.clone());
            view! { {(n > 0).then_some(", ")}<a href=format!("/access-control/security-groups/{id}")>{name}</a> }
        })
        .collect_view();
    let notify = d
        .notification_group_ids
        .iter()
        .enumerate()
        .map(|(n, id)| {
            let name = o
                .notification_groups
                .iter()
                .find(|g| &g.notification_group_id == id)
                .map(|g| g.notification_group_name.clone())
                .unwrap_or_else(|| id.0.clone());
            view! { {(n > 0).then_some(", ")}<a href=format!("/alerting#notification-group-{id}")>{name}</a> }
        })
        .collect_view();
    let no_notify = d.notification_group_ids.is_empty();
    let id = d.db_instance_id.0.clone();
    view! {
        <div class="columns">
            <dl class="facts card" aria-label=t(m::OV_DETAILS)>
                <dt>"ID"</dt><dd><code>{id.clone()}</code>" "<CopyButton text=id/></dd>
                <dt>{t(m::OV_GROUP)}</dt><dd><code>{d.db_instance_group_id.0.clone()}</code></dd>
                <dt>{t(m::OV_ROLE)}</dt><dd>{d.db_instance_type.as_ref().map(|t| crate::i18n::words(t))}</dd>
                <dt>{t(m::OV_DESCRIPTION)}</dt><dd data-words="upstream">{d.description.clone().unwrap_or_default()}</dd>
                <dt>{t(m::OV_STATUS)}</dt><dd>{d.db_instance_status.as_ref().map(|s| crate::i18n::words(s))}
                    {d.progress_status.as_ref().filter(|p| p.is_busy()).map(|p| format!(" — {}", crate::i18n::words(&p)))}</dd>
                <dt>{t(m::OV_VERSION)}</dt><dd>{model::version_label(&d.db_version)}</dd>
                <dt>{t(m::OV_PORT)}</dt><dd>{d.db_port}</dd>
                <dt>{t(m::OV_SPECIFICATION)}</dt><dd>{flavor}</dd>
                <dt>{t(m::OV_STORAGE)}</dt><dd>{format!("{} {} GB", o.storage.storage_type, o.storage.storage_size)}</dd>
                <dt>{t(m::OV_ZONE)}</dt><dd>{o.network.availability_zone.clone()}</dd>
                <dt>{t(m::OV_SUBNET)}</dt><dd data-words="upstream">{format!("{} ({})", o.network.subnet.subnet_name, o.network.subnet.subnet_cidr)}</dd>
                <dt>{t(m::OV_PUBLIC)}</dt><dd>{if o.network.subnet.public_accessible { t(m::OV_ON) } else { t(m::OV_OFF) }}</dd>
                <dt>{t(m::OV_STORAGE_STATE)}</dt><dd>{o.storage.storage_status.as_ref().map(|s| crate::i18n::words(s)).unwrap_or_else(|| "—".into())}</dd>
                <dt>{t(m::OV_PARAMETER_GROUP)}</dt><dd><a href=pg_href>{pg}</a>{d.need_to_apply_parameter_group.then_some(t(m::OV_CHANGES_WAITING))}</dd>
                <dt>{t(m::OV_SECURITY_GROUPS)}</dt><dd>{sgs}</dd>
                <dt>{t(m::OV_NOTIFICATION_GROUPS)}</dt><dd>{no_notify.then_some(t(m::OV_NONE))}{notify}</dd>
                <dt>{t(m::OV_DELETION_PROTECTION)}</dt><dd>{if d.use_deletion_protection { t(m::OV_ON) } else { t(m::OV_OFF) }}</dd>
                <dt>{t(m::OV_HA)}</dt><dd>{if o.in_ha_pair() { o.ha.ha_status.as_ref().map(|s| crate::i18n::words(s)).unwrap_or_else(|| t(m::OV_ON).into()) } else { t(m::OV_OFF).into() }}</dd>
                <dt>"OS"</dt><dd data-words="upstream">{d.os_version.clone().unwrap_or_default()}</dd>
                <dt>{t(m::OV_NEEDS_MIGRATION)}</dt><dd>{if d.need_migration { t(m::OV_YES) } else { t(m::OV_NO) }}</dd>
                <dt>{t(m::OV_CREATED)}</dt><dd><crate::components::when::When t=d.created_ymdt.clone()/></dd>
                <dt>{t(m::OV_UPDATED)}</dt><dd><crate::components::when::When t=d.updated_ymdt.clone()/></dd>
            </dl>
            <div class="card">
                <h2>{t(m::OV_ENDPOINTS)}</h2>
                <table class="grid" aria-label=t(m::OV_ENDPOINTS)>
                    <thead><tr><th scope="col">{t(m::OV_TYPE)}</th><th scope="col">{t(m::OV_DOMAIN)}</th><th scope="col">"IP"</th></tr></thead>
                    <tbody>
                        {o.network.end_points.iter().map(|e| {
                            let domain = e.domain.clone();
                            view! {
                                <tr>
                                    <td>{e.end_point_type.as_ref().map(|t| crate::i18n::words(t))}</td>
                                    <td><code>{e.domain.clone()}</code>" "<CopyButton text=domain/></td>
                                    <td><code>{e.ip_address.clone()}</code>" "<CopyButton text=e.ip_address.clone()/></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <h2>{t(m::OV_BACKUPS)}</h2>
                <p>{tf(m::ov_kept(o.backup.backup_period, o.backup.backup_retry_count))}
                    {o.backup.backup_schedules.iter().map(|s| crate::i18n::tf(crate::i18n::msg::common::window_for(s.backup_wnd_bgn_time.clone(), crate::i18n::words(&s.backup_wnd_duration)))).collect::<Vec<_>>().join(", ")}</p>
                {o.maintenance.clone().map(|m| view! { <h2>{t(m::OV_MAINTENANCE)}</h2><p>{format!("{}{}", crate::i18n::tf(crate::i18n::msg::common::window_for(m.maint_wnd_bgn_time.clone(), crate::i18n::words(&m.maint_wnd_duration))), if m.allow_auto_maintenance { "" } else { crate::i18n::t(crate::i18n::msg::common::AUTO_MAINTENANCE_OFF) })}</p> })}
            </div>
        </div>
    }
}

/// Copies a value to the clipboard.
#[component]
pub(super) fn CopyButton(text: String) -> impl IntoView {
    let (copied, set_copied) = signal(false);
    let label = tf(m::ov_copy(text.clone()));
    view! {
        <button type="button" class="copy" aria-label=label on:click=move |_| {
            #[cfg(feature = "hydrate")]
            if let Some(w) = web_sys::window() {
                let _ = w.navigator().clipboard().write_text(&text);
            }
            set_copied.set(true);
        }>{move || if copied.get() { t(m::OV_COPIED) } else { t(m::OV_COPY_BUTTON) }}</button>
    }
}
