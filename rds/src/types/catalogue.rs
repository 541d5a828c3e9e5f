//! Versions, specifications, storage types, subnets, regions: what a new instance can be.

use super::*;

/// One DB engine version.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DbVersionInfo {
    pub db_version: String,
    pub db_version_name: String,
    pub restorable_from_obs: bool,
}

/// `GET /v1.0/db-versions`, `GET /v1.0/db-instances/{id}/available-db-versions`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DbVersions {
    pub db_versions: Vec<DbVersionInfo>,
}

/// One instance specification.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DbFlavor {
    pub db_flavor_id: DbFlavorId,
    pub db_flavor_name: String,
    /// Memory in MB.
    pub ram: u64,
    pub vcpus: u32,
}

/// `GET /v1.0/db-flavors`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DbFlavors {
    pub db_flavors: Vec<DbFlavor>,
}

/// One region.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Region {
    pub region_code: String,
    pub is_enabled: bool,
}

/// `GET /v1.0/project/regions`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Regions {
    pub regions: Vec<Region>,
}

/// One project member.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Member {
    pub member_id: MemberId,
    pub member_name: String,
    pub email_address: Option<String>,
    pub phone_number: Option<String>,
}

/// `GET /v1.0/project/members`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Members {
    pub members: Vec<Member>,
}

/// One subnet.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Subnet {
    pub subnet_id: SubnetId,
    pub subnet_name: String,
    pub subnet_cidr: String,
    pub using_gateway: bool,
    pub available_ip_count: u64,
}

/// `GET /v1.0/network/subnets`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Subnets {
    pub subnets: Vec<Subnet>,
}

/// `GET /v1.0/storage-types`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct StorageTypes {
    pub storage_types: Vec<String>,
}
