//! High availability: settings, pause, resume, repair, split.

use super::*;

pub fn high_availability(w: &mut World, id: DbInstanceId) -> Answer {
    let id = id.0;
    ok(inst(w, &id)?.ha.clone())
}

pub fn modify_high_availability(w: &mut World, id: DbInstanceId, body: ModifyHighAvailability) -> Answer {
    let id = id.0;
    let r: ModifyHighAvailability = body;
    valid(&r)?;
    let i = ready(w, &id, AVAILABLE)?;
    if i.detail.db_instance_type != Some(DbInstanceType::Master) {
        return Err(ApiError::state("High availability can only be set on a master instance"));
    }
    let target = id.clone();
    instance_job(w, &id, ProgressStatus::Modifying, ("DB_INSTANCE_09_00", "DB_INSTANCE_09_01"), move |w| {
        let Some(i) = w.instance_mut(&target) else { return };
        let was = i.ha.use_high_availability;
        let group = i.detail.db_instance_group_id.clone();
        i.ha.use_high_availability = r.use_high_availability;
        if r.use_high_availability {
            i.ha.ha_status = Some(HaStatus::Stable);
            i.ha.ping_interval = r.ping_interval.or(i.ha.ping_interval).or(Some(3));
            i.ha.failover_repl_waiting_time = r.failover_repl_waiting_time.or(i.ha.failover_repl_waiting_time).or(Some(0));
        } else {
            i.ha = HighAvailability::default();
        }
        match (was, r.use_high_availability) {
            (false, true) => add_candidate(w, &target),
            (true, false) => remove_candidates(w, &group),
            _ => {}
        }
    })
}

pub fn resume_high_availability(w: &mut World, id: DbInstanceId) -> Answer {
    ha_task(w, id, "resume_high_availability")
}

pub fn pause_high_availability(w: &mut World, id: DbInstanceId) -> Answer {
    ha_task(w, id, "pause_high_availability")
}

pub fn repair_high_availability(w: &mut World, id: DbInstanceId) -> Answer {
    ha_task(w, id, "repair_high_availability")
}

pub fn split_high_availability(w: &mut World, id: DbInstanceId) -> Answer {
    ha_task(w, id, "split_high_availability")
}

/// Pause, resume, repair and split: a job on the master, allowed from the
/// HA states upstream allows it from.
fn ha_task(w: &mut World, id: DbInstanceId, name: &str) -> Answer {
    let id = id.0;
    let i = ready(w, &id, AVAILABLE)?;
    if !i.ha.use_high_availability {
        return Err(ApiError::state("High availability is not in use on this DB instance"));
    }
    let status = i.ha.ha_status.clone().unwrap_or(HaStatus::Stable);
    let (progress, events, allowed): (ProgressStatus, (&'static str, &'static str), bool) = match name {
        "pause_high_availability" => {
            (ProgressStatus::Modifying, ("", "DB_INSTANCE_43_01"), !matches!(status, HaStatus::Paused | HaStatus::Pausing))
        }
        "resume_high_availability" => {
            (ProgressStatus::Modifying, ("", "DB_INSTANCE_44_01"), matches!(status, HaStatus::Paused | HaStatus::PausedDueToTask))
        }
        "repair_high_availability" => (ProgressStatus::Repairing, ("", "DB_INSTANCE_45_01"), true),
        _ => (ProgressStatus::Modifying, ("", "DB_INSTANCE_47_01"), true),
    };
    if !allowed {
        return Err(ApiError::state(format!("High availability is {status}; this action does not apply")));
    }
    if name == "pause_high_availability" {
        i.ha.ha_status = Some(HaStatus::Pausing);
    }
    let target = id.clone();
    let which = name.to_string();
    instance_job(w, &id, progress, events, move |w| {
        let Some(i) = w.instance_mut(&target) else { return };
        let group = i.detail.db_instance_group_id.clone();
        match which.as_str() {
            "pause_high_availability" => i.ha.ha_status = Some(HaStatus::Paused),
            "resume_high_availability" | "repair_high_availability" => i.ha.ha_status = Some(HaStatus::Stable),
            _ => {
                // Split: the candidate becomes a standalone master of its own group.
                i.ha = HighAvailability::default();
                let new_group = DbInstanceGroupId::new(uuid());
                w.group_created.insert(new_group.clone(), ts_now());
                for c in w.instances.iter_mut() {
                    if c.detail.db_instance_group_id == group && c.detail.db_instance_type == Some(DbInstanceType::CandidateMaster) {
                        c.detail.db_instance_type = Some(DbInstanceType::Master);
                        c.detail.db_instance_group_id = new_group.clone();
                        c.detail.db_instance_name = format!("{}-split", c.detail.db_instance_name);
                        c.ha = HighAvailability::default();
                    }
                }
            }
        }
    })
}
