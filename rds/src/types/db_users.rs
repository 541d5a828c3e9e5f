//! DB users of an instance.

use super::*;

/// A DB user inside an instance (docs/upstream-api.md #3: the list is `dbUsers`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DbUser {
    pub db_user_id: DbUserId,
    pub db_user_name: String,
    pub authority_type: Option<AuthorityType>,
    pub db_user_status: Option<ObjectStatus>,
    pub created_ymdt: Option<Timestamp>,
    pub updated_ymdt: Option<Timestamp>,
}

/// `GET /v1.0/db-instances/{id}/db-users`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DbUsers {
    pub db_users: Vec<DbUser>,
}

/// `POST /v1.0/db-instances/{id}/db-users`. `dbPassword` is a secret.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CreateDbUser {
    pub db_user_name: String,
    pub db_password: Secret,
    pub authority_type: Option<AuthorityType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub create_default_hba_rules: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

impl Validate for CreateDbUser {
    fn validate(&self) -> Result<(), ValidationError> {
        validate::db_user_text("dbUserName", &self.db_user_name)?;
        validate::db_user_text("dbPassword", self.db_password.expose())?;
        match &self.authority_type {
            None => return Err(ValidationError::required("authorityType")),
            Some(a) => known_enum!("authorityType", a, AuthorityType)?,
        }
        if let Some(a) = &self.address {
            validate::hba_address("address", a)?;
        }
        Ok(())
    }
}

/// `PUT /v1.0/db-instances/{id}/db-users/{dbUserId}`. `dbPassword` is a secret.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ModifyDbUser {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub db_user_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub db_password: Option<Secret>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authority_type: Option<AuthorityType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub apply_hba_rules_immediately: Option<bool>,
}

impl Validate for ModifyDbUser {
    fn validate(&self) -> Result<(), ValidationError> {
        if let Some(n) = &self.db_user_name {
            validate::db_user_text("dbUserName", n)?;
        }
        if let Some(p) = &self.db_password {
            validate::db_user_text("dbPassword", p.expose())?;
        }
        if let Some(a) = &self.authority_type {
            known_enum!("authorityType", a, AuthorityType)?;
        }
        Ok(())
    }
}
