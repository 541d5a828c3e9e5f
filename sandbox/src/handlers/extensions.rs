//! Extensions of an instance group.

use super::*;

pub fn extensions(w: &mut World, group_id: DbInstanceGroupId) -> Answer {
    let id = group_id.0;
    group_extensions(w, &id)?;
    let extensions = w.extensions[&DbInstanceGroupId::new(id.clone())].clone();
    let waiting = extensions
        .iter()
        .flat_map(|e| &e.databases)
        .any(|d| d.reserved_action.as_ref().is_some_and(|a| *a != rds::ExtensionReservedAction::None));
    ok(Extensions { extensions, is_need_to_apply: waiting })
}

pub fn install_extension(w: &mut World, group_id: DbInstanceGroupId, extension_id: ExtensionId, body: InstallExtension) -> Answer {
    let id = group_id.0;
    let r: InstallExtension = body;
    valid(&r)?;
    let ext_id = extension_id.0;
    let database_name = w
        .group_members(&id)
        .iter()
        .flat_map(|i| i.databases.iter())
        .find(|d| d.database_id == r.database_id)
        .map(|d| d.database_name.clone())
        .ok_or_else(|| ApiError::not_found("Database", r.database_id.as_str()))?;
    let list = group_extensions(w, &id)?;
    let ext = list.iter_mut().find(|e| e.extension_id.as_str() == ext_id).ok_or_else(|| ApiError::not_found("Extension", &ext_id))?;
    if ext.extension_status == Some(ExtensionStatus::Applying) {
        return Err(ApiError::state("Extensions are being applied; try again when that ends"));
    }
    if ext.databases.iter().any(|d| d.database_id == r.database_id) {
        return Err(ApiError::new(
            codes::WRONG_STATE,
            format!("{} is already installed (or waiting) in {database_name}", ext.extension_name),
        ));
    }
    ext.databases.push(ExtensionDatabase {
        db_instance_group_extension_id: GroupExtensionId::new(uuid()),
        db_instance_group_extension_status: Some(GroupExtensionStatus::Created),
        database_id: r.database_id,
        database_name,
        reserved_action: Some(if r.with_cascade == Some(true) {
            ExtensionReservedAction::InstallWithCascade
        } else {
            ExtensionReservedAction::Install
        }),
        error_reason: None,
    });
    ext.extension_status = Some(ExtensionStatus::NeedToApply);
    empty()
}

pub fn delete_extension(
    w: &mut World,
    group_id: DbInstanceGroupId,
    group_extension_id: GroupExtensionId,
    q: ExtensionDeleteQuery,
) -> Answer {
    let id = group_id.0;
    let gx = group_extension_id.0;
    let cascade = q.with_cascade;
    let list = group_extensions(w, &id)?;
    let ext = list
        .iter_mut()
        .find(|e| e.databases.iter().any(|d| d.db_instance_group_extension_id.as_str() == gx))
        .ok_or_else(|| ApiError::not_found("Extension in the group", &gx))?;
    let pos = ext.databases.iter().position(|d| d.db_instance_group_extension_id.as_str() == gx).unwrap_or_default();
    let pending_install =
        matches!(ext.databases[pos].reserved_action, Some(ExtensionReservedAction::Install | ExtensionReservedAction::InstallWithCascade));
    if pending_install {
        // Cancels an install not applied yet.
        ext.databases.remove(pos);
    } else {
        ext.databases[pos].reserved_action =
            Some(if cascade { ExtensionReservedAction::DeleteWithCascade } else { ExtensionReservedAction::Delete });
    }
    let waiting = ext.databases.iter().any(|d| d.reserved_action.as_ref().is_some_and(|a| *a != ExtensionReservedAction::None));
    ext.extension_status = Some(if waiting { ExtensionStatus::NeedToApply } else { ExtensionStatus::Available });
    empty()
}

pub fn apply_extensions(w: &mut World, group_id: DbInstanceGroupId) -> Answer {
    apply_or_sync(w, group_id, true)
}

pub fn sync_extensions(w: &mut World, group_id: DbInstanceGroupId) -> Answer {
    apply_or_sync(w, group_id, false)
}

/// Applying makes the waiting installs and removals real; syncing only
/// runs a job over the group's master.
fn apply_or_sync(w: &mut World, group_id: DbInstanceGroupId, applying: bool) -> Answer {
    let id = group_id.0;
    let group = DbInstanceGroupId::new(id.clone());
    group_extensions(w, &id)?;
    if applying && !w.extensions[&group].iter().any(|e| e.extension_status == Some(ExtensionStatus::NeedToApply)) {
        return Err(ApiError::state("No extension changes wait to be applied"));
    }
    let members = w.group_members(&id);
    let master = members
        .iter()
        .find(|i| i.detail.db_instance_type == Some(DbInstanceType::Master))
        .or(members.first())
        .map(|i| i.detail.db_instance_id.0.clone())
        .unwrap_or_default();
    ready(w, &master, AVAILABLE)?;
    if applying {
        for e in w.extensions.get_mut(&group).into_iter().flatten() {
            if e.extension_status == Some(ExtensionStatus::NeedToApply) {
                e.extension_status = Some(ExtensionStatus::Applying);
            }
        }
    }
    let progress = if applying { ProgressStatus::ApplyingExtension } else { ProgressStatus::SyncingExtension };
    instance_job(w, &master, progress, ("", ""), move |w| {
        for e in w.extensions.get_mut(&group).into_iter().flatten() {
            if !applying {
                continue;
            }
            e.databases.retain(|d| {
                !matches!(d.reserved_action, Some(ExtensionReservedAction::Delete | ExtensionReservedAction::DeleteWithCascade))
            });
            for d in &mut e.databases {
                d.reserved_action = Some(ExtensionReservedAction::None);
                d.db_instance_group_extension_status = Some(GroupExtensionStatus::Installed);
            }
            e.extension_status = Some(ExtensionStatus::Available);
        }
    })
}

/// The extensions of instance group `id`, made from the offered list on
/// first use.
pub(super) fn group_extensions<'a>(w: &'a mut World, id: &str) -> Result<&'a mut Vec<Extension>, ApiError> {
    if w.group_members(id).is_empty() {
        return Err(ApiError::not_found("DB instance group", id));
    }
    Ok(w.extensions.entry(DbInstanceGroupId::new(id)).or_insert_with(|| {
        EXTENSIONS
            .iter()
            .map(|n| Extension {
                extension_id: ExtensionId::new(uuid()),
                extension_name: (*n).into(),
                extension_status: Some(ExtensionStatus::Available),
                databases: vec![],
            })
            .collect()
    }))
}
