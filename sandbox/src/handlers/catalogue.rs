//! Versions, specifications, regions, members, subnets, storage types and jobs.

use super::*;

pub fn db_versions(w: &mut World) -> Answer {
    ok(DbVersions { db_versions: w.versions.clone() })
}

pub fn db_flavors(w: &mut World) -> Answer {
    ok(DbFlavors { db_flavors: w.flavors.clone() })
}

pub fn regions(_w: &mut World) -> Answer {
    ok(Regions {
        regions: vec![Region { region_code: "KR1".into(), is_enabled: true }, Region { region_code: "KR2".into(), is_enabled: false }],
    })
}

pub fn members(w: &mut World) -> Answer {
    ok(Members { members: w.members.clone() })
}

pub fn subnets(w: &mut World) -> Answer {
    ok(Subnets { subnets: w.subnets.clone() })
}

pub fn storage_types(w: &mut World) -> Answer {
    ok(StorageTypes { storage_types: w.storage_types.clone() })
}

pub fn job(w: &mut World, job_id: JobId) -> Answer {
    let id = job_id.0;
    w.jobs.get(&JobId::new(id.clone())).map(|r| r.job.clone()).ok_or_else(|| ApiError::not_found("Job", &id)).and_then(ok)
}
