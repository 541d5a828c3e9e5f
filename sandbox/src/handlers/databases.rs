//! Databases and DB users of an instance.

use super::*;

pub fn databases(w: &mut World, id: DbInstanceId) -> Answer {
    let id = id.0;
    ok(Databases { databases: inst(w, &id)?.databases.clone() })
}

pub fn create_database(w: &mut World, id: DbInstanceId, body: CreateDatabase) -> Answer {
    let id = id.0;
    let r: CreateDatabase = body;
    valid(&r)?;
    let i = ready(w, &id, AVAILABLE)?;
    if i.databases.iter().any(|d| d.database_name == r.database_name) {
        return Err(ApiError::invalid(ValidationError::new(
            "databaseName",
            format!("a database named {} already exists", r.database_name),
        )));
    }
    let mut d = database(&r.database_name);
    d.database_status = Some(ObjectStatus::Creating);
    d.created_ymdt = Some(ts_now());
    let did = d.database_id.clone();
    i.databases.push(d);
    let target = id.clone();
    instance_job(w, &id, ProgressStatus::CreatingDatabase, ("", "DB_INSTANCE_20_01"), move |w| {
        if let Some(d) = w.instance_mut(&target).and_then(|i| i.databases.iter_mut().find(|d| d.database_id == did)) {
            d.database_status = Some(ObjectStatus::Stable);
        }
    })
}

pub fn modify_database(w: &mut World, id: DbInstanceId, database_id: DatabaseId, body: ModifyDatabase) -> Answer {
    let id = id.0;
    let r: ModifyDatabase = body;
    valid(&r)?;
    let did = database_id.0;
    let i = ready(w, &id, AVAILABLE)?;
    if !i.databases.iter().any(|d| d.database_id.as_str() == did) {
        return Err(ApiError::not_found("Database", &did));
    }
    if i.databases.iter().any(|d| d.database_name == r.database_name && d.database_id.as_str() != did) {
        return Err(ApiError::invalid(ValidationError::new(
            "databaseName",
            format!("a database named {} already exists", r.database_name),
        )));
    }
    let target = id.clone();
    instance_job(w, &id, ProgressStatus::UpdatingDatabase, ("", "DB_INSTANCE_21_01"), move |w| {
        let Some(i) = w.instance_mut(&target) else { return };
        if let Some(d) = i.databases.iter_mut().find(|d| d.database_id.as_str() == did) {
            d.database_name = r.database_name.clone();
            d.updated_ymdt = Some(ts_now());
        }
        for rule in &mut i.hba {
            for d in &mut rule.databases {
                if d.database_id.as_str() == did {
                    d.database_name = r.database_name.clone();
                }
            }
        }
    })
}

pub fn delete_database(w: &mut World, id: DbInstanceId, database_id: DatabaseId) -> Answer {
    let id = id.0;
    let did = database_id.0;
    let i = ready(w, &id, AVAILABLE)?;
    let Some(d) = i.databases.iter_mut().find(|d| d.database_id.as_str() == did) else {
        return Err(ApiError::not_found("Database", &did));
    };
    d.database_status = Some(ObjectStatus::Deleting);
    let target = id.clone();
    instance_job(w, &id, ProgressStatus::DeletingDatabase, ("", "DB_INSTANCE_22_01"), move |w| {
        if let Some(i) = w.instance_mut(&target) {
            i.databases.retain(|d| d.database_id.as_str() != did);
            for rule in &mut i.hba {
                rule.databases.retain(|d| d.database_id.as_str() != did);
            }
        }
    })
}

pub fn db_users(w: &mut World, id: DbInstanceId) -> Answer {
    let id = id.0;
    ok(DbUsers { db_users: inst(w, &id)?.users.clone() })
}

pub fn create_db_user(w: &mut World, id: DbInstanceId, body: CreateDbUser) -> Answer {
    let id = id.0;
    let r: CreateDbUser = body;
    valid(&r)?;
    let i = ready(w, &id, AVAILABLE)?;
    if i.users.iter().any(|u| u.db_user_name == r.db_user_name) {
        return Err(ApiError::invalid(ValidationError::new("dbUserName", format!("a DB user named {} already exists", r.db_user_name))));
    }
    let mut u = db_user(&r.db_user_name, r.authority_type.clone().unwrap_or(AuthorityType::Crud));
    u.db_user_status = Some(ObjectStatus::Creating);
    u.created_ymdt = Some(ts_now());
    let uid = u.db_user_id.clone();
    let uname = u.db_user_name.clone();
    i.users.push(u);
    if r.create_default_hba_rules == Some(true) {
        let order = i.hba.len() as i64;
        i.hba.push(HbaRule {
            hba_rule_id: uuid().into(),
            hba_rule_status: Some(HbaRuleStatus::Created),
            database_apply_type: Some(ApplyType::Entire),
            db_user_apply_type: Some(ApplyType::UserCustom),
            databases: vec![],
            db_users: vec![HbaDbUser { db_user_id: uid.clone(), db_user_name: uname }],
            address: r.address.clone().unwrap_or_else(|| "0.0.0.0/0".into()),
            auth_method: Some(AuthMethod::ScramSha256),
            reserved_action: Some(ReservedAction::Create),
            order,
            applicable: true,
        });
    }
    let target = id.clone();
    instance_job(w, &id, ProgressStatus::CreatingUser, ("", "DB_INSTANCE_17_01"), move |w| {
        if let Some(u) = w.instance_mut(&target).and_then(|i| i.users.iter_mut().find(|u| u.db_user_id == uid)) {
            u.db_user_status = Some(ObjectStatus::Stable);
        }
    })
}

pub fn modify_db_user(w: &mut World, id: DbInstanceId, db_user_id: DbUserId, body: ModifyDbUser) -> Answer {
    let id = id.0;
    let r: ModifyDbUser = body;
    valid(&r)?;
    let uid = db_user_id.0;
    let i = ready(w, &id, AVAILABLE)?;
    if !i.users.iter().any(|u| u.db_user_id.as_str() == uid) {
        return Err(ApiError::not_found("DB user", &uid));
    }
    if let Some(n) = &r.db_user_name {
        if i.users.iter().any(|u| &u.db_user_name == n && u.db_user_id.as_str() != uid) {
            return Err(ApiError::invalid(ValidationError::new("dbUserName", format!("a DB user named {n} already exists"))));
        }
    }
    let target = id.clone();
    instance_job(w, &id, ProgressStatus::UpdatingUser, ("", "DB_INSTANCE_18_01"), move |w| {
        let Some(i) = w.instance_mut(&target) else { return };
        if let Some(u) = i.users.iter_mut().find(|u| u.db_user_id.as_str() == uid) {
            if let Some(n) = &r.db_user_name {
                u.db_user_name = n.clone();
            }
            if let Some(a) = &r.authority_type {
                u.authority_type = Some(a.clone());
            }
            u.updated_ymdt = Some(ts_now());
        }
        if let Some(n) = &r.db_user_name {
            for rule in &mut i.hba {
                for u in &mut rule.db_users {
                    if u.db_user_id.as_str() == uid {
                        u.db_user_name = n.clone();
                    }
                }
            }
        }
    })
}

pub fn delete_db_user(w: &mut World, id: DbInstanceId, db_user_id: DbUserId) -> Answer {
    let id = id.0;
    let uid = db_user_id.0;
    let i = ready(w, &id, AVAILABLE)?;
    let Some(u) = i.users.iter_mut().find(|u| u.db_user_id.as_str() == uid) else {
        return Err(ApiError::not_found("DB user", &uid));
    };
    u.db_user_status = Some(ObjectStatus::Deleting);
    let target = id.clone();
    instance_job(w, &id, ProgressStatus::DeletingUser, ("", "DB_INSTANCE_19_01"), move |w| {
        if let Some(i) = w.instance_mut(&target) {
            i.users.retain(|u| u.db_user_id.as_str() != uid);
            for rule in &mut i.hba {
                rule.db_users.retain(|u| u.db_user_id.as_str() != uid);
            }
        }
    })
}
