//! Parameter groups and their parameters.

use super::*;

/// A parameter group as listed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ParameterGroup {
    pub parameter_group_id: ParameterGroupId,
    pub parameter_group_name: String,
    pub parameter_group_status: Option<ParameterGroupStatus>,
    pub description: Option<String>,
    pub db_version: String,
    pub created_ymdt: Option<Timestamp>,
    pub updated_ymdt: Option<Timestamp>,
}

/// `GET /v1.0/parameter-groups`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ParameterGroups {
    pub parameter_groups: Vec<ParameterGroup>,
}

/// One PostgreSQL parameter.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Parameter {
    pub parameter_category: String,
    pub parameter_name: String,
    pub value: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_unit: Option<ValueUnit>,
    pub default_value: String,
    pub allowed_value: String,
    pub value_type: Option<ValueType>,
    pub update_type: Option<UpdateType>,
    pub apply_type: Option<ParameterApplyType>,
    pub expression_available: bool,
}

/// `GET /v1.0/parameter-groups/{id}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ParameterGroupDetail {
    pub parameter_group_id: ParameterGroupId,
    pub parameter_group_name: String,
    pub description: Option<String>,
    pub db_version: String,
    pub parameter_group_status: Option<ParameterGroupStatus>,
    pub parameters: Vec<Parameter>,
    pub created_ymdt: Option<Timestamp>,
    pub updated_ymdt: Option<Timestamp>,
}

/// `POST /v1.0/parameter-groups`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CreateParameterGroup {
    pub parameter_group_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub db_version: String,
}

impl Validate for CreateParameterGroup {
    fn validate(&self) -> Result<(), ValidationError> {
        validate::description("description", &self.description)?;
        required("parameterGroupName", &self.parameter_group_name)?;
        validate::resource_name("parameterGroupName", &self.parameter_group_name, true)?;
        required("dbVersion", &self.db_version)
    }
}

/// `POST /v1.0/parameter-groups/{id}/copy`, and `PUT /v1.0/parameter-groups/{id}`
/// (where both fields are optional).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NameAndDescription {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter_group_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl Validate for NameAndDescription {
    fn validate(&self) -> Result<(), ValidationError> {
        validate::description("description", &self.description)?;
        if let Some(n) = &self.parameter_group_name {
            required("parameterGroupName", n)?;
            validate::resource_name("parameterGroupName", n, true)?;
        }
        Ok(())
    }
}

/// The answer of creating or copying a parameter group.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ParameterGroupCreated {
    pub parameter_group_id: ParameterGroupId,
}

/// One parameter change.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ParameterChange {
    pub parameter_name: String,
    pub value: String,
}

/// `PUT /v1.0/parameter-groups/{id}/parameters`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ModifyParameters {
    pub modified_parameters: Vec<ParameterChange>,
}

impl Validate for ModifyParameters {
    fn validate(&self) -> Result<(), ValidationError> {
        if self.modified_parameters.is_empty() {
            return Err(ValidationError::coded("modifiedParameters", "at-least-one-parameter", vec![], "needs at least one parameter"));
        }
        for (i, p) in self.modified_parameters.iter().enumerate() {
            required(&format!("modifiedParameters[{i}].parameterName"), &p.parameter_name)?;
        }
        Ok(())
    }
}
