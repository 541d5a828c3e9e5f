//! Access rules (pg_hba): pending and applied sets.

use super::*;

pub fn hba_rules(w: &mut World, id: DbInstanceId) -> Answer {
    let id = id.0;
    let i = inst(w, &id)?;
    let mut rules = i.hba.clone();
    rules.sort_by_key(|r| r.order);
    let need = rules.iter().any(|r| r.reserved_action.as_ref().is_some_and(|a| *a != ReservedAction::None));
    ok(HbaRules { hba_rules: rules, need_to_apply: need })
}

pub fn create_hba_rule(w: &mut World, id: DbInstanceId, body: HbaRuleSpec) -> Answer {
    save_hba_rule(w, "create_hba_rule", id.0, None, body)
}

pub fn modify_hba_rule(w: &mut World, id: DbInstanceId, hba_rule_id: HbaRuleId, body: HbaRuleSpec) -> Answer {
    save_hba_rule(w, "modify_hba_rule", id.0, Some(hba_rule_id.0), body)
}

/// Create (no `second` id) and modify share their checks.
fn save_hba_rule(w: &mut World, name: &str, id: String, second: Option<String>, r: HbaRuleSpec) -> Answer {
    valid(&r)?;
    let i = inst_mut(w, &id)?;
    let databases = resolve_databases(i, &r)?;
    let db_users = resolve_users(i, &r)?;
    if name == "create_hba_rule" {
        let rid = HbaRuleId::new(uuid());
        let order = i.hba.iter().map(|r| r.order + 1).max().unwrap_or(0);
        i.hba.push(HbaRule {
            hba_rule_id: rid.clone(),
            hba_rule_status: Some(HbaRuleStatus::Created),
            database_apply_type: r.database_apply_type,
            db_user_apply_type: r.db_user_apply_type,
            databases,
            db_users,
            address: r.address,
            auth_method: r.auth_method,
            reserved_action: Some(ReservedAction::Create),
            order,
            applicable: true,
        });
        ok(HbaRuleCreated { hba_rule_id: rid })
    } else {
        let rid = second.clone().unwrap_or_default();
        let rule =
            i.hba.iter_mut().find(|x| x.hba_rule_id.as_str() == rid).ok_or_else(|| ApiError::not_found("Access control rule", &rid))?;
        rule.database_apply_type = r.database_apply_type;
        rule.db_user_apply_type = r.db_user_apply_type;
        rule.databases = databases;
        rule.db_users = db_users;
        rule.address = r.address;
        rule.auth_method = r.auth_method;
        if rule.reserved_action != Some(ReservedAction::Create) {
            rule.reserved_action = Some(ReservedAction::Modify);
        }
        empty()
    }
}

pub fn delete_hba_rule(w: &mut World, id: DbInstanceId, hba_rule_id: HbaRuleId) -> Answer {
    let id = id.0;
    let rid = hba_rule_id.0;
    let i = inst_mut(w, &id)?;
    let pos = i.hba.iter().position(|x| x.hba_rule_id.as_str() == rid).ok_or_else(|| ApiError::not_found("Access control rule", &rid))?;
    if i.hba[pos].reserved_action == Some(ReservedAction::Create) {
        i.hba.remove(pos);
    } else {
        i.hba[pos].reserved_action = Some(ReservedAction::Delete);
    }
    empty()
}

pub fn reorder_hba_rules(w: &mut World, id: DbInstanceId, body: HbaRuleOrder) -> Answer {
    let id = id.0;
    let r: HbaRuleOrder = body;
    valid(&r)?;
    let i = inst_mut(w, &id)?;
    for rid in &r.hba_rule_ids {
        if !i.hba.iter().any(|x| &x.hba_rule_id == rid) {
            return Err(ApiError::not_found("Access control rule", rid.as_str()));
        }
    }
    for (n, rid) in r.hba_rule_ids.iter().enumerate() {
        if let Some(rule) = i.hba.iter_mut().find(|x| &x.hba_rule_id == rid) {
            rule.order = n as i64;
            if rule.reserved_action == Some(ReservedAction::None) {
                rule.reserved_action = Some(ReservedAction::Modify);
            }
        }
    }
    let rest = i.hba.iter_mut().filter(|x| !r.hba_rule_ids.contains(&x.hba_rule_id));
    for (next, rule) in (r.hba_rule_ids.len() as i64..).zip(rest) {
        rule.order = next;
    }
    empty()
}

pub fn apply_hba_rules(w: &mut World, id: DbInstanceId) -> Answer {
    let id = id.0;
    ready(w, &id, AVAILABLE)?;
    let target = id.clone();
    instance_job(w, &id, ProgressStatus::ApplyingDbInstanceHbaRule, ("DB_INSTANCE_27_00", "DB_INSTANCE_27_01"), move |w| {
        if let Some(i) = w.instance_mut(&target) {
            i.hba.retain(|r| r.reserved_action != Some(ReservedAction::Delete));
            for r in &mut i.hba {
                r.reserved_action = Some(ReservedAction::None);
                r.hba_rule_status = Some(HbaRuleStatus::Applied);
            }
        }
    })
}

pub(super) fn resolve_databases(i: &Instance, r: &HbaRuleSpec) -> Result<Vec<HbaDatabase>, ApiError> {
    if r.database_apply_type != Some(ApplyType::UserCustom) {
        return Ok(vec![]);
    }
    r.database_ids
        .iter()
        .map(|d| {
            i.databases
                .iter()
                .find(|x| &x.database_id == d)
                .map(|x| HbaDatabase { database_id: x.database_id.clone(), database_name: x.database_name.clone() })
                .ok_or_else(|| ApiError::invalid(ValidationError::new("databaseIds", format!("no such database: {d}"))))
        })
        .collect()
}

pub(super) fn resolve_users(i: &Instance, r: &HbaRuleSpec) -> Result<Vec<HbaDbUser>, ApiError> {
    if r.db_user_apply_type != Some(ApplyType::UserCustom) {
        return Ok(vec![]);
    }
    r.db_user_ids
        .iter()
        .map(|u| {
            i.users
                .iter()
                .find(|x| &x.db_user_id == u)
                .map(|x| HbaDbUser { db_user_id: x.db_user_id.clone(), db_user_name: x.db_user_name.clone() })
                .ok_or_else(|| ApiError::invalid(ValidationError::new("dbUserIds", format!("no such DB user: {u}"))))
        })
        .collect()
}
