//! Which request and query types carry checks of their own: the endpoint
//! code checks every body and query the same way. Kept apart from
//! `validate` (the rules), which the types use: the rules know no type.

use crate::types::*;
use crate::validate::{Validate, ValidationError};

/// Runs a body's own checks when it has any; the rest pass. Lets generated
/// code check any request or query type the same way.
pub trait Check {
    fn check(&self) -> Result<(), ValidationError>;
}

macro_rules! checked {
    ($($t:ty),* $(,)?) => {$(
        impl Check for $t {
            fn check(&self) -> Result<(), ValidationError> {
                Validate::validate(self)
            }
        }
    )*};
}
macro_rules! unchecked {
    ($($t:ty),* $(,)?) => {$(
        impl Check for $t {
            fn check(&self) -> Result<(), ValidationError> {
                Ok(())
            }
        }
    )*};
}

checked!(
    CreateDbInstance,
    ModifyDbInstance,
    ModifyHighAvailability,
    ModifyStorage,
    BackupSpec,
    RestoreDbInstance,
    RestoreTarget,
    MaintenanceInfo,
    BackupDbInstance,
    ObjectStorageTarget,
    ReplicateDbInstance,
    CreateDatabase,
    ModifyDatabase,
    CreateDbUser,
    ModifyDbUser,
    HbaRuleSpec,
    HbaRuleOrder,
    BackupQuery,
    CreateDbSecurityGroup,
    ModifyDbSecurityGroup,
    SecurityRuleSpec,
    RuleIdsQuery,
    CreateParameterGroup,
    NameAndDescription,
    ModifyParameters,
    UserGroupSpec,
    NotificationGroupSpec,
    WatchdogSpec,
    MetricQuery,
    EventQuery,
    InstallExtension,
);
unchecked!(ModifyNetwork, DeletionProtection, RestartDbInstance, ApplyParameterGroup, ParameterGroupQuery, ExtensionDeleteQuery);
