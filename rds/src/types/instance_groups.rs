//! Instance groups: an instance with its HA candidate and replicas.

use super::*;

/// One instance group in `GET /v1.0/db-instance-groups`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DbInstanceGroup {
    pub db_instance_group_id: DbInstanceGroupId,
    pub db_instance_group_status: Option<CreatedStatus>,
    pub replication_type: Option<ReplicationType>,
    pub created_ymdt: Option<Timestamp>,
    pub updated_ymdt: Option<Timestamp>,
}

/// `GET /v1.0/db-instance-groups`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DbInstanceGroups {
    pub db_instance_groups: Vec<DbInstanceGroup>,
}

/// A member instance of a group.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct GroupInstance {
    pub db_instance_id: DbInstanceId,
    pub db_instance_type: Option<DbInstanceType>,
    pub db_instance_status: Option<DbInstanceStatus>,
}

/// `GET /v1.0/db-instance-groups/{id}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DbInstanceGroupDetail {
    pub db_instance_group_id: DbInstanceGroupId,
    pub db_instance_group_status: Option<CreatedStatus>,
    pub replication_type: Option<ReplicationType>,
    pub db_instances: Vec<GroupInstance>,
    pub created_ymdt: Option<Timestamp>,
    pub updated_ymdt: Option<Timestamp>,
}
