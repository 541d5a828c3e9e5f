//! Backups: listing, exporting, restoring.

use super::*;

/// Query of `GET /v1.0/backups`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BackupQuery {
    pub page: u32,
    pub size: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup_type: Option<BackupType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub db_instance_id: Option<DbInstanceId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub db_version: Option<String>,
}

impl Default for BackupQuery {
    fn default() -> Self {
        Self { page: 1, size: 20, backup_type: None, db_instance_id: None, db_version: None }
    }
}

impl Validate for BackupQuery {
    fn validate(&self) -> Result<(), ValidationError> {
        validate::Page::new(self.page)?;
        validate::PageSize::new(self.size)?;
        if let Some(t) = &self.backup_type {
            known_enum!("backupType", t, BackupType)?;
        }
        Ok(())
    }
}

/// `GET /v1.0/backups` (docs/upstream-api.md #2: no job in this answer).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Backups {
    pub total_counts: u64,
    pub backups: Vec<Backup>,
}
