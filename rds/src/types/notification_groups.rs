//! Notification groups and their watchdogs.

use super::*;

/// A notification group as listed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NotificationGroup {
    pub notification_group_id: NotificationGroupId,
    pub notification_group_name: String,
    pub notification_group_status: Option<CreatedStatus>,
    pub notify_email: bool,
    pub notify_sms: bool,
    pub is_enabled: bool,
    pub created_ymdt: Option<Timestamp>,
    pub updated_ymdt: Option<Timestamp>,
}

/// `GET /v1.0/notification-groups`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NotificationGroups {
    pub notification_groups: Vec<NotificationGroup>,
}

/// An instance watched by a notification group.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct WatchedInstance {
    pub db_instance_id: DbInstanceId,
    pub db_instance_name: String,
}

/// A user group notified by a notification group.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NotifiedUserGroup {
    pub user_group_id: UserGroupId,
    pub user_group_name: String,
}

/// `GET /v1.0/notification-groups/{id}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NotificationGroupDetail {
    pub notification_group_id: NotificationGroupId,
    pub notification_group_name: String,
    pub notification_group_status: Option<CreatedStatus>,
    pub notify_email: bool,
    pub notify_sms: bool,
    pub is_enabled: bool,
    pub db_instances: Vec<WatchedInstance>,
    pub user_groups: Vec<NotifiedUserGroup>,
    pub created_ymdt: Option<Timestamp>,
    pub updated_ymdt: Option<Timestamp>,
}

/// `POST` (name required) and `PUT /v1.0/notification-groups` (docs/upstream-api.md #10:
/// the field is `isEnabled`; `isEnable` from the guide's example is read too).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NotificationGroupSpec {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notification_group_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notify_email: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notify_sms: Option<bool>,
    #[serde(alias = "isEnable", skip_serializing_if = "Option::is_none")]
    pub is_enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub db_instance_ids: Option<Vec<DbInstanceId>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_group_ids: Option<Vec<UserGroupId>>,
}

impl NotificationGroupSpec {
    /// Checks a create request: the name is required.
    pub fn validate_create(&self) -> Result<(), ValidationError> {
        required("notificationGroupName", self.notification_group_name.as_deref().unwrap_or(""))?;
        self.validate()
    }
}

impl Validate for NotificationGroupSpec {
    fn validate(&self) -> Result<(), ValidationError> {
        if let Some(n) = &self.notification_group_name {
            required("notificationGroupName", n)?;
            validate::length("notificationGroupName", n, 1, 100)?;
        }
        Ok(())
    }
}

/// The answer of creating a notification group (docs/upstream-api.md #11).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NotificationGroupCreated {
    pub notification_group_id: NotificationGroupId,
}

/// A watchdog (alarm rule) of a notification group.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Watchdog {
    pub watchdog_id: WatchdogId,
    /// `measureName` in later material (docs/upstream-api.md): read as either.
    #[serde(alias = "measureName")]
    pub metric_name: String,
    pub comparison_operator: Option<ComparisonOperator>,
    pub threshold: i64,
    /// Minutes.
    pub duration: i64,
    pub created_ymdt: Option<Timestamp>,
    pub updated_ymdt: Option<Timestamp>,
}

/// `GET /v1.0/notification-groups/{id}/watchdogs`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Watchdogs {
    pub watchdogs: Vec<Watchdog>,
}

/// `POST` and `PUT` of a watchdog.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct WatchdogSpec {
    /// `measureName` in later material (docs/upstream-api.md): read as either.
    #[serde(alias = "measureName")]
    pub metric_name: String,
    pub comparison_operator: Option<ComparisonOperator>,
    pub threshold: i64,
    pub duration: i64,
}

impl Validate for WatchdogSpec {
    fn validate(&self) -> Result<(), ValidationError> {
        required("metricName", &self.metric_name)?;
        match &self.comparison_operator {
            None => return Err(ValidationError::required("comparisonOperator")),
            Some(c) => known_enum!("comparisonOperator", c, ComparisonOperator)?,
        }
        range("duration", self.duration, 1, 1440).map(|_| ())
    }
}

/// The answer of creating a watchdog (docs/upstream-api.md #11).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct WatchdogCreated {
    pub watchdog_id: WatchdogId,
}
