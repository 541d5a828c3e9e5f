//! DB security groups and their rules.

use super::*;

/// Ports of a security rule (docs/upstream-api.md #7).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RulePort {
    pub port_type: Option<PortType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_port: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_port: Option<u32>,
}

/// A rule of a DB security group.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SecurityRule {
    pub rule_id: SecurityRuleId,
    pub description: Option<String>,
    pub direction: Option<Direction>,
    pub ether_type: Option<EtherType>,
    pub port: RulePort,
    pub cidr: String,
    pub created_ymdt: Option<Timestamp>,
    pub updated_ymdt: Option<Timestamp>,
}

/// A rule to create or modify.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SecurityRuleSpec {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub direction: Option<Direction>,
    pub ether_type: Option<EtherType>,
    pub port: RulePort,
    pub cidr: String,
}

impl Validate for SecurityRuleSpec {
    fn validate(&self) -> Result<(), ValidationError> {
        validate::description("description", &self.description)?;
        match &self.direction {
            None => return Err(ValidationError::required("direction")),
            Some(d) => known_enum!("direction", d, Direction)?,
        }
        let ether = match &self.ether_type {
            None => return Err(ValidationError::required("etherType")),
            Some(e) => {
                known_enum!("etherType", e, EtherType)?;
                e.clone()
            }
        };
        match &self.port.port_type {
            None => return Err(ValidationError::required("port.portType")),
            Some(t) => validate::port_rule(t, self.port.min_port, self.port.max_port)?,
        }
        validate::cidr("cidr", &self.cidr, &ether)
    }
}

/// A DB security group as listed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DbSecurityGroup {
    pub db_security_group_id: DbSecurityGroupId,
    pub db_security_group_name: String,
    pub db_security_group_status: Option<CreatedStatus>,
    pub description: Option<String>,
    pub progress_status: Option<SecurityGroupProgress>,
    pub created_ymdt: Option<Timestamp>,
    pub updated_ymdt: Option<Timestamp>,
}

/// `GET /v1.0/db-security-groups`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DbSecurityGroups {
    pub db_security_groups: Vec<DbSecurityGroup>,
}

/// A DB security group with its rules.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DbSecurityGroupDetail {
    pub db_security_group_id: DbSecurityGroupId,
    pub db_security_group_name: String,
    pub db_security_group_status: Option<CreatedStatus>,
    pub description: Option<String>,
    pub progress_status: Option<SecurityGroupProgress>,
    pub rules: Vec<SecurityRule>,
    pub created_ymdt: Option<Timestamp>,
    pub updated_ymdt: Option<Timestamp>,
}

/// `GET /v1.0/db-security-groups/{id}`: the field table lists the fields at
/// the top level, the example nests them in `dbSecurityGroup`. pgdeck reads
/// both ([`DbSecurityGroupAnswer::into_detail`]) and the sandbox sends the
/// nested form, as the example does.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DbSecurityGroupAnswer {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub db_security_group: Option<DbSecurityGroupDetail>,
    #[serde(flatten)]
    pub top_level: DbSecurityGroupDetail,
}

impl DbSecurityGroupAnswer {
    /// The group, wherever upstream put it.
    pub fn into_detail(self) -> DbSecurityGroupDetail {
        self.db_security_group.unwrap_or(self.top_level)
    }
}

/// `POST /v1.0/db-security-groups`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CreateDbSecurityGroup {
    pub db_security_group_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub rules: Vec<SecurityRuleSpec>,
}

impl Validate for CreateDbSecurityGroup {
    fn validate(&self) -> Result<(), ValidationError> {
        validate::description("description", &self.description)?;
        required("dbSecurityGroupName", &self.db_security_group_name)?;
        validate::resource_name("dbSecurityGroupName", &self.db_security_group_name, true)?;
        if self.rules.is_empty() {
            // docs/upstream-api.md: the service refuses a group without rules.
            return Err(ValidationError::coded(
                "rules",
                "group-without-rules",
                vec![],
                "add at least one rule: NHN Cloud refuses a DB security group without rules",
            ));
        }
        for (i, r) in self.rules.iter().enumerate() {
            r.validate().map_err(|e| e.within(&format!("rules[{i}]")))?;
        }
        Ok(())
    }
}

/// The answer of `POST /v1.0/db-security-groups`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DbSecurityGroupCreated {
    pub db_security_group_id: DbSecurityGroupId,
}

/// `PUT /v1.0/db-security-groups/{id}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ModifyDbSecurityGroup {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub db_security_group_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl Validate for ModifyDbSecurityGroup {
    fn validate(&self) -> Result<(), ValidationError> {
        validate::description("description", &self.description)?;
        if let Some(n) = &self.db_security_group_name {
            required("dbSecurityGroupName", n)?;
            validate::resource_name("dbSecurityGroupName", n, true)?;
        }
        Ok(())
    }
}
