//! User groups, notification groups and watchdogs.

use super::*;

pub fn user_groups(w: &mut World) -> Answer {
    ok(UserGroups {
        user_groups: w
            .user_groups
            .iter()
            .map(|g| UserGroup {
                user_group_id: g.user_group_id.clone(),
                user_group_name: g.user_group_name.clone(),
                user_group_status: g.user_group_status.clone(),
                created_ymdt: g.created_ymdt.clone(),
                updated_ymdt: g.updated_ymdt.clone(),
            })
            .collect(),
    })
}

pub fn user_group(w: &mut World, group_id: UserGroupId) -> Answer {
    let id = group_id.0;
    w.user_groups
        .iter()
        .find(|g| g.user_group_id.as_str() == id)
        .cloned()
        .ok_or_else(|| ApiError::not_found("User group", &id))
        .and_then(ok)
}

pub fn create_user_group(w: &mut World, body: UserGroupSpec) -> Answer {
    save_user_group(w, "create_user_group", None, body)
}

pub fn modify_user_group(w: &mut World, group_id: UserGroupId, body: UserGroupSpec) -> Answer {
    save_user_group(w, "modify_user_group", Some(group_id.0), body)
}

/// Create (no id) and modify share their checks.
fn save_user_group(w: &mut World, name: &str, id: Option<String>, r: UserGroupSpec) -> Answer {
    let id = id.unwrap_or_default();
    if name == "create_user_group" {
        r.validate_create().map_err(ApiError::invalid)?;
    } else {
        valid(&r)?;
    }
    for m in r.member_ids.iter().flatten() {
        if !w.members.iter().any(|x| &x.member_id == m) {
            return Err(ApiError::invalid(ValidationError::new("memberIds", format!("no such project member: {m}"))));
        }
    }
    let all = r.select_all_yn == Some(true);
    let members = |ids: &Option<Vec<MemberId>>| ids.iter().flatten().map(|m| UserGroupMember { member_id: m.clone() }).collect::<Vec<_>>();
    if name == "create_user_group" {
        let gid = UserGroupId::new(uuid());
        let now = ts_now();
        w.user_groups.push(UserGroupDetail {
            user_group_id: gid.clone(),
            user_group_name: r.user_group_name.clone().unwrap_or_default(),
            user_group_type_code: Some(if all { UserGroupTypeCode::Entire } else { UserGroupTypeCode::IndividualMember }),
            user_group_status: Some(CreatedStatus::Created),
            members: if all { vec![] } else { members(&r.member_ids) },
            created_ymdt: Some(now.clone()),
            updated_ymdt: Some(now),
        });
        ok(UserGroupCreated { user_group_id: gid })
    } else {
        let g = w.user_groups.iter_mut().find(|g| g.user_group_id.as_str() == id).ok_or_else(|| ApiError::not_found("User group", &id))?;
        if let Some(n) = &r.user_group_name {
            g.user_group_name = n.clone();
        }
        if all {
            g.user_group_type_code = Some(UserGroupTypeCode::Entire);
            g.members.clear();
        } else if r.member_ids.is_some() {
            g.user_group_type_code = Some(UserGroupTypeCode::IndividualMember);
            g.members = members(&r.member_ids);
        }
        g.updated_ymdt = Some(ts_now());
        let new_name = g.user_group_name.clone();
        for n in &mut w.notification_groups {
            for u in &mut n.user_groups {
                if u.user_group_id.as_str() == id {
                    u.user_group_name = new_name.clone();
                }
            }
        }
        empty()
    }
}

pub fn delete_user_group(w: &mut World, group_id: UserGroupId) -> Answer {
    let id = group_id.0;
    if !w.user_groups.iter().any(|g| g.user_group_id.as_str() == id) {
        return Err(ApiError::not_found("User group", &id));
    }
    w.user_groups.retain(|g| g.user_group_id.as_str() != id);
    for n in &mut w.notification_groups {
        n.user_groups.retain(|u| u.user_group_id.as_str() != id);
    }
    empty()
}

pub fn notification_groups(w: &mut World) -> Answer {
    ok(NotificationGroups {
        notification_groups: w
            .notification_groups
            .iter()
            .map(|g| NotificationGroup {
                notification_group_id: g.notification_group_id.clone(),
                notification_group_name: g.notification_group_name.clone(),
                notification_group_status: g.notification_group_status.clone(),
                notify_email: g.notify_email,
                notify_sms: g.notify_sms,
                is_enabled: g.is_enabled,
                created_ymdt: g.created_ymdt.clone(),
                updated_ymdt: g.updated_ymdt.clone(),
            })
            .collect(),
    })
}

pub fn notification_group(w: &mut World, group_id: NotificationGroupId) -> Answer {
    let id = group_id.0;
    find_notification_group(w, &id).cloned().and_then(ok)
}

pub fn create_notification_group(w: &mut World, body: NotificationGroupSpec) -> Answer {
    save_notification_group(w, "create_notification_group", None, body)
}

pub fn modify_notification_group(w: &mut World, group_id: NotificationGroupId, body: NotificationGroupSpec) -> Answer {
    save_notification_group(w, "modify_notification_group", Some(group_id.0), body)
}

/// Create (no id) and modify share their checks.
fn save_notification_group(w: &mut World, name: &str, id: Option<String>, r: NotificationGroupSpec) -> Answer {
    let id = id.unwrap_or_default();
    if name == "create_notification_group" {
        r.validate_create().map_err(ApiError::invalid)?;
    } else {
        valid(&r)?;
        find_notification_group(w, &id)?;
    }
    let instances = match &r.db_instance_ids {
        None => None,
        Some(ids) => Some(
            ids.iter()
                .map(|i| {
                    w.instance(i.as_str())
                        .map(|x| WatchedInstance { db_instance_id: i.clone(), db_instance_name: x.detail.db_instance_name.clone() })
                        .ok_or_else(|| ApiError::invalid(ValidationError::new("dbInstanceIds", format!("no such DB instance: {i}"))))
                })
                .collect::<Result<Vec<_>, _>>()?,
        ),
    };
    let user_groups = match &r.user_group_ids {
        None => None,
        Some(ids) => Some(
            ids.iter()
                .map(|g| {
                    w.user_groups
                        .iter()
                        .find(|x| &x.user_group_id == g)
                        .map(|x| NotifiedUserGroup { user_group_id: g.clone(), user_group_name: x.user_group_name.clone() })
                        .ok_or_else(|| ApiError::invalid(ValidationError::new("userGroupIds", format!("no such user group: {g}"))))
                })
                .collect::<Result<Vec<_>, _>>()?,
        ),
    };
    if name == "create_notification_group" {
        let gid = NotificationGroupId::new(uuid());
        let now = ts_now();
        w.notification_groups.push(NotificationGroupDetail {
            notification_group_id: gid.clone(),
            notification_group_name: r.notification_group_name.clone().unwrap_or_default(),
            notification_group_status: Some(CreatedStatus::Created),
            notify_email: r.notify_email.unwrap_or(true),
            notify_sms: r.notify_sms.unwrap_or(true),
            is_enabled: r.is_enabled.unwrap_or(true),
            db_instances: instances.unwrap_or_default(),
            user_groups: user_groups.unwrap_or_default(),
            created_ymdt: Some(now.clone()),
            updated_ymdt: Some(now),
        });
        w.watchdogs.insert(gid.clone(), vec![]);
        ok(NotificationGroupCreated { notification_group_id: gid })
    } else {
        let g = find_notification_group_mut(w, &id)?;
        if let Some(v) = r.notification_group_name {
            g.notification_group_name = v;
        }
        if let Some(v) = r.notify_email {
            g.notify_email = v;
        }
        if let Some(v) = r.notify_sms {
            g.notify_sms = v;
        }
        if let Some(v) = r.is_enabled {
            g.is_enabled = v;
        }
        if let Some(v) = instances {
            g.db_instances = v;
        }
        if let Some(v) = user_groups {
            g.user_groups = v;
        }
        g.updated_ymdt = Some(ts_now());
        empty()
    }
}

pub fn delete_notification_group(w: &mut World, group_id: NotificationGroupId) -> Answer {
    let id = group_id.0;
    find_notification_group(w, &id)?;
    w.notification_groups.retain(|g| g.notification_group_id.as_str() != id);
    w.watchdogs.remove(&NotificationGroupId::new(id.clone()));
    empty()
}

pub fn watchdogs(w: &mut World, group_id: NotificationGroupId) -> Answer {
    let id = group_id.0;
    find_notification_group(w, &id)?;
    ok(Watchdogs { watchdogs: w.watchdogs.get(&NotificationGroupId::new(id.clone())).cloned().unwrap_or_default() })
}

pub fn create_watchdog(w: &mut World, group_id: NotificationGroupId, body: WatchdogSpec) -> Answer {
    save_watchdog(w, "create_watchdog", group_id.0, None, body)
}

pub fn modify_watchdog(w: &mut World, group_id: NotificationGroupId, watchdog_id: WatchdogId, body: WatchdogSpec) -> Answer {
    save_watchdog(w, "modify_watchdog", group_id.0, Some(watchdog_id.0), body)
}

/// Create (no `second` id) and modify share their checks.
fn save_watchdog(w: &mut World, name: &str, id: String, second: Option<String>, r: WatchdogSpec) -> Answer {
    valid(&r)?;
    if !METRICS.iter().any(|(m, _)| *m == r.metric_name) {
        return Err(ApiError::invalid(ValidationError::new("metricName", format!("no such metric: {}", r.metric_name))));
    }
    find_notification_group(w, &id)?;
    let list = w.watchdogs.entry(NotificationGroupId::new(id.clone())).or_default();
    if name == "create_watchdog" {
        let wid = WatchdogId::new(uuid());
        let now = ts_now();
        list.push(Watchdog {
            watchdog_id: wid.clone(),
            metric_name: r.metric_name,
            comparison_operator: r.comparison_operator,
            threshold: r.threshold,
            duration: r.duration,
            created_ymdt: Some(now.clone()),
            updated_ymdt: Some(now),
        });
        ok(WatchdogCreated { watchdog_id: wid })
    } else {
        let wid = second.clone().unwrap_or_default();
        let wd = list.iter_mut().find(|x| x.watchdog_id.as_str() == wid).ok_or_else(|| ApiError::not_found("Watch setting", &wid))?;
        wd.metric_name = r.metric_name;
        wd.comparison_operator = r.comparison_operator;
        wd.threshold = r.threshold;
        wd.duration = r.duration;
        wd.updated_ymdt = Some(ts_now());
        empty()
    }
}

pub fn delete_watchdog(w: &mut World, group_id: NotificationGroupId, watchdog_id: WatchdogId) -> Answer {
    let id = group_id.0;
    find_notification_group(w, &id)?;
    let wid = watchdog_id.0;
    let list = w.watchdogs.entry(NotificationGroupId::new(id.clone())).or_default();
    if !list.iter().any(|x| x.watchdog_id.as_str() == wid) {
        return Err(ApiError::not_found("Watch setting", &wid));
    }
    list.retain(|x| x.watchdog_id.as_str() != wid);
    empty()
}

pub(super) fn find_notification_group<'a>(w: &'a World, id: &str) -> Result<&'a NotificationGroupDetail, ApiError> {
    w.notification_groups
        .iter()
        .find(|g| g.notification_group_id.as_str() == id)
        .ok_or_else(|| ApiError::not_found("Notification group", id))
}

pub(super) fn find_notification_group_mut<'a>(w: &'a mut World, id: &str) -> Result<&'a mut NotificationGroupDetail, ApiError> {
    w.notification_groups
        .iter_mut()
        .find(|g| g.notification_group_id.as_str() == id)
        .ok_or_else(|| ApiError::not_found("Notification group", id))
}
