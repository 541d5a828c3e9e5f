//! Typed identifiers: a backup id cannot be passed where an instance id is due.

macro_rules! id_type {
    ($($(#[$meta:meta])* $name:ident),+ $(,)?) => {$(
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// Wraps an identifier.
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            /// The identifier's text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_string())
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                Self(s)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    )+};
}

id_type! {
    /// A DB instance.
    DbInstanceId,
    /// A DB instance group (an instance, its HA candidate and replicas).
    DbInstanceGroupId,
    /// A backup.
    BackupId,
    /// A parameter group.
    ParameterGroupId,
    /// A DB security group.
    DbSecurityGroupId,
    /// A rule of a DB security group.
    SecurityRuleId,
    /// An instance specification (flavor).
    DbFlavorId,
    /// A VPC subnet.
    SubnetId,
    /// A database inside an instance.
    DatabaseId,
    /// A DB user inside an instance.
    DbUserId,
    /// An access control (HBA) rule.
    HbaRuleId,
    /// An extension upstream offers to an instance group.
    ExtensionId,
    /// An extension installed (or waiting to be) in one database of an
    /// instance group.
    GroupExtensionId,
    /// A user group.
    UserGroupId,
    /// A notification group.
    NotificationGroupId,
    /// A watchdog of a notification group.
    WatchdogId,
    /// A project member.
    MemberId,
    /// An asynchronous job.
    JobId,
}
