//! What pgdeck itself keeps, as the pages show it: jobs, audit rows,
//! approval requests and policies, members, and the dashboard that gathers
//! them. The server builds these from its own rows (`domain`); the browser
//! receives them as they are.

use crate::roles::{ActingRole, Role};
use crate::RequestState;
use serde::{Deserialize, Serialize};

/// A member as admins see them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UserRow {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub disabled: bool,
    pub credential_sets: i64,
    pub credentials_tested: bool,
    pub created_at: String,
}

/// A job as the pages show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JobView {
    pub job_id: String,
    pub action: String,
    pub resource_type: String,
    pub resource_id: String,
    pub resource_name: String,
    pub username: String,
    /// Upstream's word for the job; `None` until it has been read once.
    pub status: Option<rds::JobStatus>,
    pub finished: bool,
    pub note: String,
    pub audit_id: Option<i64>,
    pub approval_id: Option<i64>,
    pub created_at: String,
    pub updated_at: String,
    pub finished_at: Option<String>,
}

impl JobView {
    /// Whether the job ended well.
    pub fn succeeded(&self) -> bool {
        self.finished && self.status.as_ref().is_some_and(rds::JobStatus::is_success)
    }
}

/// The audit page's filter.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AuditQuery {
    pub actor: String,
    pub action: String,
    pub resource: String,
    pub outcome: String,
    pub from: String,
    pub to: String,
    pub text: String,
    pub before_id: Option<i64>,
}

/// An audit row as the pages show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditView {
    pub id: i64,
    pub at: String,
    pub actor_name: String,
    pub role: ActingRole,
    pub client_addr: String,
    pub user_agent: String,
    pub action: String,
    pub resource_type: String,
    pub resource_id: String,
    pub resource_name: String,
    pub summary: String,
    pub outcome: String,
    pub result_code: Option<i64>,
    pub result_message: String,
    pub job_id: Option<String>,
    pub approval_id: Option<i64>,
    pub duration_ms: i64,
    /// For an outcome row: the intent row it completes.
    #[serde(default)]
    pub intent_id: Option<i64>,
}

/// An approval request as the pages show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ApprovalView {
    pub id: i64,
    pub action: String,
    pub resource_type: String,
    pub resource_id: String,
    pub resource_name: String,
    pub command: String,
    pub reason: String,
    pub requester_name: String,
    pub state: RequestState,
    pub approvals_needed: i64,
    pub approver_roles: Vec<Role>,
    pub expires_at: String,
    pub job_id: Option<String>,
    pub result_code: Option<i64>,
    pub result_message: String,
    /// The result as codes and values, a line each (`[["result-ran"]]`):
    /// pages word it in the member's language; empty when
    /// `result_message` is all there is.
    #[serde(default)]
    pub result_said: Vec<Vec<String>>,
    pub created_at: String,
    pub votes: Vec<(String, String, String, String)>,
    /// For an apply of access rules: what it changes, as computed when
    /// the request was filed.
    pub hba_diff: Option<crate::hba::Diff>,
    /// What the approver judges: every resource by name, and the state the
    /// effect depends on, as read when the request was filed.
    #[serde(default)]
    pub basis: Option<crate::Basis>,
    /// Names as they read now, where one differs from the name at filing
    /// (kind, id, name now): shown flagged beside the name at filing.
    #[serde(default)]
    pub renamed: Vec<crate::Named>,
    /// Every action whose policy it fell under (its own first).
    #[serde(default)]
    pub gates: Vec<String>,
    /// What runs, in words (verb and fields), rather than the stored JSON.
    #[serde(default)]
    pub words: String,
}

/// The dashboard: the estate, what waits for the member, what runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DashboardView {
    /// Whether the member has NHN Cloud credentials: without them the
    /// estate and its events are not asked for, and the page says why.
    #[serde(default = "yes")]
    pub has_credentials: bool,
    pub estate: Vec<crate::EstateRow>,
    pub events: Vec<rds::types::Event>,
    /// Requests waiting for this member's vote.
    pub waiting: Vec<ApprovalView>,
    /// This member's own open requests.
    pub mine: Vec<ApprovalView>,
    /// Jobs running now.
    pub running: Vec<JobView>,
}

/// A policy as the admin page shows and edits it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PolicyView {
    pub action: String,
    pub required: bool,
    pub approvals_needed: i64,
    pub approver_roles: Vec<Role>,
    pub open_hours: i64,
    pub run_within_hours: i64,
    pub customised: bool,
}

impl From<crate::Approval> for ApprovalView {
    fn from(r: crate::Approval) -> Self {
        let hba_diff = serde_json::from_str(&r.detail).ok().filter(|_| r.action == "apply_hba_rules");
        let basis = serde_json::from_str(&r.basis).ok();
        let gates = r.gates.split(',').filter(|g| !g.is_empty()).map(str::to_string).collect();
        let words = serde_json::from_str::<serde_json::Value>(&r.command).map(|c| crate::actions::words(&c)).unwrap_or_default();
        Self {
            hba_diff,
            basis,
            renamed: Vec::new(),
            gates,
            words,
            id: r.id,
            action: r.action,
            resource_type: r.resource_type,
            resource_id: r.resource_id,
            resource_name: r.resource_name,
            command: r.command,
            reason: r.reason,
            requester_name: r.requester_name,
            state: r.state,
            approvals_needed: r.approvals_needed,
            approver_roles: crate::roles::parse_list(&r.approver_roles),
            expires_at: r.expires_at,
            job_id: r.job_id,
            result_code: r.result_code,
            result_message: r.result_message,
            result_said: serde_json::from_str(&r.result_said).unwrap_or_default(),
            created_at: r.created_at,
            votes: r.votes.into_iter().map(|v| (v.voter_name, v.vote, v.comment, v.at)).collect(),
        }
    }
}

fn yes() -> bool {
    true
}
