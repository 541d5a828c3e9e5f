//! Databases of an instance.

use super::*;

/// A schema inside a database.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Schema {
    pub schema_name: String,
}

/// A database inside an instance.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Database {
    pub database_id: DatabaseId,
    pub database_name: String,
    pub database_status: Option<ObjectStatus>,
    pub created_ymdt: Option<Timestamp>,
    pub updated_ymdt: Option<Timestamp>,
    pub schemas: Vec<Schema>,
}

/// `GET /v1.0/db-instances/{id}/databases`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Databases {
    pub databases: Vec<Database>,
}

/// `POST /v1.0/db-instances/{id}/databases`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CreateDatabase {
    pub database_name: String,
}

pub(super) fn database_name(field: &str, s: &str) -> Result<(), ValidationError> {
    required(field, s)?;
    // PostgreSQL identifiers are at most 63 bytes.
    validate::length(field, s, 1, 63)
}

impl Validate for CreateDatabase {
    fn validate(&self) -> Result<(), ValidationError> {
        database_name("databaseName", &self.database_name)
    }
}

/// `PUT /v1.0/db-instances/{id}/databases/{databaseId}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ModifyDatabase {
    pub database_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub apply_hba_rules_immediately: Option<bool>,
}

impl Validate for ModifyDatabase {
    fn validate(&self) -> Result<(), ValidationError> {
        database_name("databaseName", &self.database_name)
    }
}
