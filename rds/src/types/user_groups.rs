//! User groups: whom notifications reach.

use super::*;

/// A user group as listed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct UserGroup {
    pub user_group_id: UserGroupId,
    pub user_group_name: String,
    pub user_group_status: Option<CreatedStatus>,
    pub created_ymdt: Option<Timestamp>,
    pub updated_ymdt: Option<Timestamp>,
}

/// `GET /v1.0/user-groups`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct UserGroups {
    pub user_groups: Vec<UserGroup>,
}

/// A member of a user group.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct UserGroupMember {
    pub member_id: MemberId,
}

/// `GET /v1.0/user-groups/{id}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct UserGroupDetail {
    pub user_group_id: UserGroupId,
    pub user_group_name: String,
    pub user_group_type_code: Option<UserGroupTypeCode>,
    pub user_group_status: Option<CreatedStatus>,
    pub members: Vec<UserGroupMember>,
    pub created_ymdt: Option<Timestamp>,
    pub updated_ymdt: Option<Timestamp>,
}

/// `POST` (name required) and `PUT /v1.0/user-groups`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct UserGroupSpec {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_group_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member_ids: Option<Vec<MemberId>>,
    #[serde(rename = "selectAllYN", skip_serializing_if = "Option::is_none")]
    pub select_all_yn: Option<bool>,
}

impl UserGroupSpec {
    /// Checks a create request: a name, and members unless all are selected.
    pub fn validate_create(&self) -> Result<(), ValidationError> {
        required("userGroupName", self.user_group_name.as_deref().unwrap_or(""))?;
        if self.select_all_yn != Some(true) && self.member_ids.is_none() {
            return Err(ValidationError::coded("memberIds", "required-unless-all", vec![], "is required unless selectAllYN is true"));
        }
        self.validate()
    }
}

impl Validate for UserGroupSpec {
    fn validate(&self) -> Result<(), ValidationError> {
        if let Some(n) = &self.user_group_name {
            required("userGroupName", n)?;
            validate::length("userGroupName", n, 1, 100)?;
        }
        Ok(())
    }
}

/// The answer of creating a user group (docs/upstream-api.md #11).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct UserGroupCreated {
    pub user_group_id: UserGroupId,
}
