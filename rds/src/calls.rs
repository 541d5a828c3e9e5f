//! Every mutating endpoint as a value.
//!
//! [`Call`] has one variant per endpoint of the guide that changes something
//! (58 of the 93, and four of the five extension endpoints), generated from [`for_each_endpoint!`] so that it cannot
//! drift from the endpoint table: each variant carries the call's path ids
//! and its body (or query). A call knows its name, what it acts on, which of
//! its fields are secrets and whether upstream answers with a job; with the
//! `client` feature it sends itself. A call is plain data: it can be shown
//! for confirmation, stored in an approval request and sent later, exactly
//! as it was asked for.

use crate::check::Check;
use crate::endpoints::Endpoint;
use crate::ids::*;
use crate::types::*;
use crate::validate::ValidationError;
use serde::{Deserialize, Serialize};

#[cfg(feature = "client")]
use crate::client::{Credentials, RdsClient, RdsError};

/// What upstream answered to a call: the job to follow, and the id of what
/// it created (rules, groups, watchdogs are created without a job).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sent {
    pub job_id: Option<String>,
    pub created_id: Option<String>,
}

impl From<JobAnswer> for Sent {
    fn from(a: JobAnswer) -> Self {
        Sent { job_id: Some(a.job_id.0).filter(|j| !j.is_empty()), created_id: None }
    }
}

impl From<Empty> for Sent {
    fn from(_: Empty) -> Self {
        Sent::default()
    }
}

macro_rules! created {
    ($($t:ty => $field:ident),* $(,)?) => {$(
        impl From<$t> for Sent {
            fn from(a: $t) -> Self {
                Sent { job_id: None, created_id: Some(a.$field.0).filter(|i| !i.is_empty()) }
            }
        }
    )*};
}

created!(
    HbaRuleCreated => hba_rule_id,
    DbSecurityGroupCreated => db_security_group_id,
    ParameterGroupCreated => parameter_group_id,
    UserGroupCreated => user_group_id,
    NotificationGroupCreated => notification_group_id,
    WatchdogCreated => watchdog_id,
);

/// Sends one call: a function per endpoint, because only some variants have
/// a body or a query to pass on.
#[cfg(feature = "client")]
macro_rules! send_fn {
    ($name:ident $variant:ident ($($p:ident),*) [] []) => {
        paste::paste! {
            async fn [<send_ $name>](client: &RdsClient, creds: &Credentials, call: &Call) -> Result<Sent, RdsError> {
                let Call::$variant { $($p),* } = call else { unreachable!("dispatched by variant") };
                client.$name(creds $(, $p)*).await.map(Sent::from)
            }
        }
    };
    ($name:ident $variant:ident ($($p:ident),*) [$b:ty] []) => {
        paste::paste! {
            async fn [<send_ $name>](client: &RdsClient, creds: &Credentials, call: &Call) -> Result<Sent, RdsError> {
                let Call::$variant { $($p,)* body } = call else { unreachable!("dispatched by variant") };
                client.$name(creds $(, $p)*, body).await.map(Sent::from)
            }
        }
    };
    ($name:ident $variant:ident ($($p:ident),*) [] [$q:ty]) => {
        paste::paste! {
            async fn [<send_ $name>](client: &RdsClient, creds: &Credentials, call: &Call) -> Result<Sent, RdsError> {
                let Call::$variant { $($p,)* query } = call else { unreachable!("dispatched by variant") };
                client.$name(creds $(, $p)*, query).await.map(Sent::from)
            }
        }
    };
}

/// Checks one call's body or query: a function per endpoint, like sending.
macro_rules! check_fn {
    ($name:ident $variant:ident [] []) => {
        paste::paste! {
            fn [<check_ $name>](_: &Call) -> Result<(), ValidationError> {
                Ok(())
            }
        }
    };
    ($name:ident $variant:ident [$b:ty] []) => {
        paste::paste! {
            fn [<check_ $name>](call: &Call) -> Result<(), ValidationError> {
                let Call::$variant { body, .. } = call else { unreachable!("dispatched by variant") };
                Check::check(body)
            }
        }
    };
    ($name:ident $variant:ident [] [$q:ty]) => {
        paste::paste! {
            fn [<check_ $name>](call: &Call) -> Result<(), ValidationError> {
                let Call::$variant { query, .. } = call else { unreachable!("dispatched by variant") };
                Check::check(query)
            }
        }
    };
}

#[cfg(not(feature = "client"))]
macro_rules! send_fn {
    ($($t:tt)*) => {};
}

/// Keeps the mutating endpoints of the list (reads are skipped) and then
/// emits [`Call`] with everything generated per variant.
macro_rules! calls {
    (@munch [$($acc:tt)*]) => {
        calls!(@emit $($acc)*);
    };
    (@munch [$($acc:tt)*] $name:ident ( $($p:ident : $pt:ty),* ) $([body: $b:ty])? $([query: $q:ty])? -> $ans:ident = GET $path:literal, $perm:literal, $title:literal; $($rest:tt)*) => {
        calls!(@munch [$($acc)*] $($rest)*);
    };
    (@munch [$($acc:tt)*] $name:ident ( $($p:ident : $pt:ty),* ) $([body: $b:ty])? $([query: $q:ty])? -> $ans:ident = $m:ident $path:literal, $perm:literal, $title:literal; $($rest:tt)*) => {
        calls!(@munch [$($acc)* { $name ($($p : $pt),*) [$($b)?] [$($q)?] $m $path $title }] $($rest)*);
    };
    (@emit $({ $name:ident ($($p:ident : $pt:ty),*) [$($b:ty)?] [$($q:ty)?] $m:ident $path:literal $title:literal })*) => {
        paste::paste! {
            /// One change to make upstream: a variant per mutating endpoint,
            /// with its path ids and its body or query.
            #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
            #[serde(rename_all = "snake_case")]
            pub enum Call {
                $(
                    #[doc = concat!($title, ": `", stringify!($m), " ", $path, "`.")]
                    [<$name:camel>] { $($p: $pt,)* $(body: $b,)? $(query: $q,)? },
                )*
            }

            impl Call {
                /// The endpoint's name: the client method, the action and the policy key.
                pub fn name(&self) -> &'static str {
                    match self {
                        $(Call::[<$name:camel>] { .. } => stringify!($name),)*
                    }
                }

                /// The ids in the call's path, in order.
                pub fn path_ids(&self) -> Vec<&str> {
                    match self {
                        $(Call::[<$name:camel>] { $($p,)* .. } => vec![$($p.as_str()),*],)*
                    }
                }

                /// Checks the body or query against the guide's limits.
                pub fn validate(&self) -> Result<(), ValidationError> {
                    match self {
                        $(Call::[<$name:camel>] { $($p,)* .. } => {
                            $( crate::validate::path_id(stringify!($p), $p.as_str())?; )*
                            [<check_ $name>](self)
                        })*
                    }
                }

                /// Sends the call with a member's credentials. The body is
                /// checked again first: nothing invalid leaves.
                #[cfg(feature = "client")]
                pub async fn send(&self, client: &RdsClient, creds: &Credentials) -> Result<Sent, RdsError> {
                    match self {
                        $(Call::[<$name:camel>] { .. } => [<send_ $name>](client, creds, self).await,)*
                    }
                }
            }

            $(check_fn! { $name [<$name:camel>] [$($b)?] [$($q)?] })*
            $(send_fn! { $name [<$name:camel>] ($($p),*) [$($b)?] [$($q)?] })*

            /// The name of every variant of [`Call`], in the guide's order.
            pub const CALL_NAMES: &[&str] = &[$(stringify!($name)),*];
        }
    };
    ($($t:tt)*) => {
        calls!(@munch [] $($t)*);
    };
}

crate::for_each_endpoint!(calls);

impl Call {
    /// The endpoint behind the call.
    pub fn endpoint(&self) -> &'static Endpoint {
        Endpoint::by_name(self.name()).unwrap_or_else(|| unreachable!("every call is generated from the endpoint table"))
    }

    /// Whether upstream answers with a job to follow.
    pub fn carries_job(&self) -> bool {
        self.endpoint().answers_job
    }

    /// The id of the resource the call acts on: the first id of its path
    /// (the instance, the group, the backup); empty for a create.
    pub fn target_id(&self) -> &str {
        self.path_ids().first().copied().unwrap_or_default()
    }

    /// The name the call gives what it creates or renames, when it has one.
    pub fn named(&self) -> Option<&str> {
        let name = match self {
            Call::CreateDbInstance { body } => &body.db_instance_name,
            Call::ReplicateDbInstance { body, .. } => &body.db_instance_name,
            Call::RestoreDbInstance { body, .. } => &body.target.db_instance_name,
            Call::RestoreBackup { body, .. } => &body.db_instance_name,
            Call::BackupDbInstance { body, .. } => &body.backup_name,
            Call::CreateDatabase { body, .. } => &body.database_name,
            Call::CreateDbUser { body, .. } => &body.db_user_name,
            Call::CreateDbSecurityGroup { body } => &body.db_security_group_name,
            Call::CreateParameterGroup { body } => &body.parameter_group_name,
            Call::CreateWatchdog { body, .. } => &body.metric_name,
            Call::CopyParameterGroup { body, .. } | Call::ModifyParameterGroup { body, .. } => {
                return body.parameter_group_name.as_deref().filter(|n| !n.is_empty())
            }
            Call::CreateUserGroup { body } | Call::ModifyUserGroup { body, .. } => {
                return body.user_group_name.as_deref().filter(|n| !n.is_empty())
            }
            Call::CreateNotificationGroup { body } | Call::ModifyNotificationGroup { body, .. } => {
                return body.notification_group_name.as_deref().filter(|n| !n.is_empty())
            }
            _ => return None,
        };
        Some(name.as_str()).filter(|n| !n.is_empty())
    }

    /// Request fields whose values are secrets: they never reach a log, an
    /// audit row, a page or a stored request in clear.
    pub fn secret_fields(&self) -> &'static [&'static str] {
        secret_fields(self.name())
    }
}

/// The secret fields of the call named `name` (by the wire names the guide
/// gives them: DB passwords and object storage passwords).
pub fn secret_fields(name: &str) -> &'static [&'static str] {
    match name {
        "create_db_instance" | "create_db_user" | "modify_db_user" => &["dbPassword"],
        "backup_to_object_storage" | "export_backup" => &["password"],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoints::ENDPOINTS;

    #[test]
    fn there_is_a_call_for_every_mutating_endpoint_and_no_read() {
        let mutations: Vec<&str> = ENDPOINTS.iter().filter(|e| e.is_mutation()).map(|e| e.name).collect();
        assert_eq!(CALL_NAMES, mutations.as_slice());
        // The guide's 58, and four of the extension endpoints.
        assert_eq!(CALL_NAMES.len(), 58 + 4);
    }

    #[test]
    fn a_call_knows_its_name_ids_and_job() {
        let c = Call::DeleteDatabase { id: DbInstanceId::new("i-1"), database_id: DatabaseId::new("d-2") };
        assert_eq!(c.name(), "delete_database");
        assert_eq!(c.path_ids(), ["i-1", "d-2"]);
        assert_eq!(c.target_id(), "i-1");
        assert!(c.carries_job());
        let c = Call::ModifyDeletionProtection { id: "i-1".into(), body: DeletionProtection { use_deletion_protection: true } };
        assert!(!c.carries_job());
        assert_eq!(Call::CreateUserGroup { body: Default::default() }.target_id(), "");
    }

    #[test]
    fn calls_travel_as_json_and_come_back_equal() {
        let c = Call::RestartDbInstance { id: "i-1".into(), body: RestartDbInstance { use_online_failover: true, execute_backup: false } };
        let text = serde_json::to_string(&c).unwrap();
        assert!(text.starts_with("{\"restart_db_instance\":"), "{text}");
        assert_eq!(serde_json::from_str::<Call>(&text).unwrap(), c);
    }

    #[test]
    fn a_call_checks_its_body_with_the_guides_limits() {
        let c = Call::ModifyStorageInfo { id: "i".into(), body: ModifyStorage { storage_size: 10 } };
        let e = c.validate().unwrap_err();
        assert_eq!(e.field, "storageSize");
        assert!(Call::StartDbInstance { id: "i".into() }.validate().is_ok());
    }

    #[test]
    fn secret_fields_name_every_password_the_bodies_carry() {
        for name in CALL_NAMES {
            let secrets = secret_fields(name);
            let needs =
                matches!(*name, "create_db_instance" | "create_db_user" | "modify_db_user" | "backup_to_object_storage" | "export_backup");
            assert_eq!(!secrets.is_empty(), needs, "{name}");
        }
    }
}
