//! Access control (HBA) rules.

use super::*;

/// A database named by an HBA rule.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct HbaDatabase {
    pub database_id: DatabaseId,
    pub database_name: String,
}

/// A DB user named by an HBA rule.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct HbaDbUser {
    pub db_user_id: DbUserId,
    pub db_user_name: String,
}

/// An access control rule.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct HbaRule {
    pub hba_rule_id: HbaRuleId,
    pub hba_rule_status: Option<HbaRuleStatus>,
    pub database_apply_type: Option<ApplyType>,
    pub db_user_apply_type: Option<ApplyType>,
    pub databases: Vec<HbaDatabase>,
    pub db_users: Vec<HbaDbUser>,
    pub address: String,
    pub auth_method: Option<AuthMethod>,
    pub reserved_action: Option<ReservedAction>,
    pub order: i64,
    pub applicable: bool,
}

/// `GET /v1.0/db-instances/{id}/hba-rules`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct HbaRules {
    pub hba_rules: Vec<HbaRule>,
    pub need_to_apply: bool,
}

/// `POST` and `PUT` of an HBA rule.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct HbaRuleSpec {
    pub database_apply_type: Option<ApplyType>,
    pub db_user_apply_type: Option<ApplyType>,
    pub database_ids: Vec<DatabaseId>,
    pub db_user_ids: Vec<DbUserId>,
    pub address: String,
    pub auth_method: Option<AuthMethod>,
}

impl Validate for HbaRuleSpec {
    fn validate(&self) -> Result<(), ValidationError> {
        match &self.database_apply_type {
            None => return Err(ValidationError::required("databaseApplyType")),
            Some(t) => known_enum!("databaseApplyType", t, ApplyType)?,
        }
        match &self.db_user_apply_type {
            None => return Err(ValidationError::required("dbUserApplyType")),
            Some(t) => known_enum!("dbUserApplyType", t, ApplyType)?,
        }
        if self.database_apply_type == Some(ApplyType::UserCustom) && self.database_ids.is_empty() {
            return Err(ValidationError::coded(
                "databaseIds",
                "at-least-one-database",
                vec![],
                "needs at least one database when databases are selected",
            ));
        }
        if self.db_user_apply_type == Some(ApplyType::UserCustom) && self.db_user_ids.is_empty() {
            return Err(ValidationError::coded(
                "dbUserIds",
                "at-least-one-db-user",
                vec![],
                "needs at least one DB user when users are selected",
            ));
        }
        validate::hba_address("address", &self.address)?;
        match &self.auth_method {
            None => Err(ValidationError::required("authMethod")),
            Some(m) => known_enum!("authMethod", m, AuthMethod),
        }
    }
}

/// The answer of `POST .../hba-rules`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct HbaRuleCreated {
    pub hba_rule_id: HbaRuleId,
}

/// `PUT .../hba-rules/orders`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct HbaRuleOrder {
    pub hba_rule_ids: Vec<HbaRuleId>,
}

impl Validate for HbaRuleOrder {
    fn validate(&self) -> Result<(), ValidationError> {
        if self.hba_rule_ids.is_empty() {
            return Err(ValidationError::coded("hbaRuleIds", "at-least-one-rule", vec![], "needs at least one rule"));
        }
        Ok(())
    }
}
