//! Who is acting, and proof of what their role lets them do.
//!
//! Domain functions that read or change the estate take a [`Granted`]
//! rather than an [`Actor`]: the only way to get one is
//! [`Actor::grant`], which checks the role. A new server function therefore
//! cannot forget the check — it would not compile.

use crate::roles::{Permission, Role};
use crate::DomainError;
use serde::Serialize;
use std::marker::PhantomData;

/// The member behind a request. Its fields can be read anywhere, but only
/// session resolution (`auth::resolve`), an approved request's execution
/// (as its requester) and pgdeck's own seeding build one: a server function
/// or a page cannot make up a member.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Actor {
    pub user_id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    /// This browser's session.
    pub sid: String,
    pub client_addr: String,
    pub user_agent: String,
    #[serde(skip)]
    made: Made,
}

/// Only this crate makes an [`Actor`].
#[derive(Clone, Debug, Default, PartialEq)]
struct Made;

impl Actor {
    /// A member known to this crate (a resolved session, the requester of
    /// an approved request, a seeded member).
    pub(crate) fn new(
        user_id: i64,
        username: String,
        display_name: String,
        role: Role,
        sid: String,
        client_addr: String,
        user_agent: String,
    ) -> Self {
        Self { user_id, username, display_name, role, sid, client_addr, user_agent, made: Made }
    }

    /// Refuses unless the member's role grants `p`.
    pub fn require(&self, p: Permission) -> Result<(), DomainError> {
        if self.role.allows(p) {
            Ok(())
        } else {
            Err(DomainError::Forbidden(crate::Why::coded("role-cannot", &[&self.role])))
        }
    }

    /// Proof that the member's role grants `P`, or the refusal.
    pub fn grant<P: grant::Grant>(&self) -> Result<Granted<'_, P>, DomainError> {
        self.require(P::PERMISSION)?;
        Ok(Granted { actor: self, permission: PhantomData })
    }
}

/// An actor whose role was checked for `P`.
#[derive(Debug)]
pub struct Granted<'a, P> {
    actor: &'a Actor,
    permission: PhantomData<P>,
}

impl<P> Clone for Granted<'_, P> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<P> Copy for Granted<'_, P> {}

impl<P> std::ops::Deref for Granted<'_, P> {
    type Target = Actor;
    fn deref(&self) -> &Actor {
        self.actor
    }
}

impl<'a> Granted<'a, grant::Change> {
    /// Whoever may change may read.
    pub fn reading(&self) -> Granted<'a, grant::Read> {
        Granted { actor: self.actor, permission: PhantomData }
    }
}

/// Who answers for an administrative act (members, policies, webhooks, the
/// audit log), with proof that it is allowed: a member whose role was
/// checked, the local operator at pgdeck's command line (whoever can run the
/// binary on the server and read its key holds every permission), or pgdeck
/// itself (seeding the sandbox's members). Server functions only ever hold
/// the first; the audit row says which one acted.
#[derive(Debug)]
pub enum Authority<'a, P> {
    Member(Granted<'a, P>),
    CommandLine(LocalOperator),
    Pgdeck(Internal),
}

/// Proof that the command line acts: only a store opened by the command
/// line (not the serving panel's) hands one out.
#[derive(Clone, Copy, Debug)]
pub struct LocalOperator(());

impl LocalOperator {
    /// The local operator's authority over `ctx`; refused for the context
    /// the panel serves with, so no server function can claim it.
    pub fn of(ctx: &crate::Context) -> Result<Self, DomainError> {
        if ctx.settings.serving {
            return Err(DomainError::Forbidden("the command line's authority is not the panel's to use".into()));
        }
        Ok(Self(()))
    }
}

/// pgdeck acting on its own (seeding the sandbox's members).
#[derive(Clone, Copy, Debug)]
pub struct Internal(());

impl Internal {
    pub(crate) fn new() -> Self {
        Self(())
    }
}

impl<P> Clone for Authority<'_, P> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<P> Copy for Authority<'_, P> {}

impl<'a, P> From<Granted<'a, P>> for Authority<'a, P> {
    fn from(g: Granted<'a, P>) -> Self {
        Authority::Member(g)
    }
}

/// The permissions, as types.
pub mod grant {
    use crate::roles::Permission;

    /// A permission a [`super::Granted`] can prove.
    pub trait Grant {
        const PERMISSION: Permission;
    }

    macro_rules! grants {
        ($($(#[$m:meta])* $name:ident),*) => {$(
            $(#[$m])*
            #[derive(Clone, Copy, Debug)]
            pub struct $name;
            impl Grant for $name {
                const PERMISSION: Permission = Permission::$name;
            }
        )*};
    }

    grants!(
        /// See the estate.
        Read,
        /// Change the estate (or ask to).
        Change,
        /// Vote on others' requests.
        Approve,
        /// Read and export the audit log.
        ReadAudit,
        /// Manage members and policies.
        Administer
    );
}

/// Who is asking, before they are known: where from.
#[derive(Clone, Debug, Default)]
pub struct Client {
    pub addr: String,
    pub user_agent: String,
}
