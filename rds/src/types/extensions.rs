//! Extensions of an instance group.

use super::*;

/// An extension in one database of an instance group.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ExtensionDatabase {
    pub db_instance_group_extension_id: GroupExtensionId,
    pub db_instance_group_extension_status: Option<GroupExtensionStatus>,
    pub database_id: DatabaseId,
    pub database_name: String,
    pub reserved_action: Option<ExtensionReservedAction>,
    pub error_reason: Option<String>,
}

/// An extension upstream offers, with the databases it is in.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Extension {
    pub extension_id: ExtensionId,
    pub extension_name: String,
    pub extension_status: Option<ExtensionStatus>,
    pub databases: Vec<ExtensionDatabase>,
}

/// `GET /v1.0/db-instance-groups/{id}/extensions`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Extensions {
    pub extensions: Vec<Extension>,
    /// Whether changes wait to be applied (the current guide).
    pub is_need_to_apply: bool,
}

/// `POST /v1.0/db-instance-groups/{id}/extensions/{extensionId}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct InstallExtension {
    pub database_id: DatabaseId,
    pub schema_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub with_cascade: Option<bool>,
}

impl Validate for InstallExtension {
    fn validate(&self) -> Result<(), ValidationError> {
        validate::path_id("databaseId", self.database_id.as_str())?;
        required("schemaName", &self.schema_name)?;
        validate::length("schemaName", &self.schema_name, 1, 63)?;
        if !self.schema_name.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            || !self.schema_name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            return Err(ValidationError::coded(
                "schemaName",
                "schema-name",
                vec![],
                "must start with a letter or _ and hold only letters, digits and _",
            ));
        }
        Ok(())
    }
}

/// Query of `DELETE /v1.0/db-instance-groups/{id}/extensions/{groupExtensionId}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ExtensionDeleteQuery {
    pub with_cascade: bool,
}

/// Query of `DELETE /v1.0/db-security-groups/{id}/rules` (docs/upstream-api.md #16:
/// sent as `?ruleIds=a&ruleIds=b`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RuleIdsQuery {
    pub rule_ids: Vec<SecurityRuleId>,
}

impl Validate for RuleIdsQuery {
    fn validate(&self) -> Result<(), ValidationError> {
        if self.rule_ids.is_empty() {
            return Err(ValidationError::coded("ruleIds", "at-least-one-rule", vec![], "needs at least one rule"));
        }
        Ok(())
    }
}

/// Query of `GET /v1.0/parameter-groups`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ParameterGroupQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub db_version: Option<String>,
}

/// Turns a flat query struct into `key=value` pairs; arrays repeat their key.
pub fn query_pairs<T: Serialize>(q: &T) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Ok(serde_json::Value::Object(map)) = serde_json::to_value(q) {
        for (k, v) in map {
            match v {
                serde_json::Value::Null => {}
                serde_json::Value::Array(items) => {
                    for item in items {
                        out.push((k.clone(), scalar(&item)));
                    }
                }
                other => out.push((k, scalar(&other))),
            }
        }
    }
    out
}

pub(super) fn scalar(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod alias_tests {
    use super::*;

    #[test]
    fn a_metric_is_read_by_either_name() {
        let a: Metric = serde_json::from_str(r#"{"metricName": "cpu.usage", "unit": "%"}"#).unwrap();
        let b: Metric = serde_json::from_str(r#"{"measureName": "cpu.usage", "unit": "%"}"#).unwrap();
        assert_eq!(a.metric_name, "cpu.usage");
        assert_eq!(a, b);
        let w: Watchdog = serde_json::from_str(r#"{"watchdogId": "w", "measureName": "storage.usage"}"#).unwrap();
        assert_eq!(w.metric_name, "storage.usage");
        // Sent as the guide names it.
        let spec = WatchdogSpec { metric_name: "cpu.usage".into(), ..Default::default() };
        assert!(serde_json::to_string(&spec).unwrap().contains("\"metricName\""));
    }
}
