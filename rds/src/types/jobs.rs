//! Jobs: what an asynchronous call started.

use super::*;

/// A resource a job touches.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ResourceRelation {
    pub resource_type: Option<ResourceType>,
    pub resource_id: String,
}

/// `GET /v1.0/jobs/{jobId}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Job {
    pub job_id: JobId,
    pub job_status: JobStatus,
    #[serde(default)]
    pub resource_relations: Vec<ResourceRelation>,
    #[serde(default)]
    pub created_ymdt: Option<Timestamp>,
    #[serde(default)]
    pub updated_ymdt: Option<Timestamp>,
}
