//! The one mutating function for the estate, and approvals, policies and their webhooks.

#[cfg(feature = "ssr")]
use super::server;
use super::{domain_types, Call, ChangeOutcome};
use crate::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// A change a page asks for: the [`Call`], and the encoder of its variant.
///
/// Built by [`change!`](crate::change), which writes the encoder for the one
/// variant named there. A page so carries the wire code of the changes it
/// makes, not of every change pgdeck knows (encoding a whole `Call` would put
/// the serializer of every request body in each page that changes anything).
/// On the wire it is the `Call` exactly: `{"variant": {"field": …}}`.
#[derive(Clone, Debug)]
pub struct Change {
    pub call: Call,
    fields: fn(&Call) -> Map<String, Value>,
}

impl Change {
    /// Use [`change!`](crate::change): `fields` must encode `call`'s variant.
    #[doc(hidden)]
    pub fn new(call: Call, fields: fn(&Call) -> Map<String, Value>) -> Self {
        Change { call, fields }
    }
}

/// One field of a change, as JSON.
#[doc(hidden)]
pub fn encode_field<T: Serialize>(value: &T) -> Value {
    // Path ids and request bodies are strings, numbers, booleans, lists and
    // structs, which always encode; were one ever refused, the server would
    // refuse the `null` sent in its place, and nothing would change.
    serde_json::to_value(value).unwrap_or(Value::Null)
}

impl std::ops::Deref for Change {
    type Target = Call;
    fn deref(&self) -> &Call {
        &self.call
    }
}

impl PartialEq for Change {
    fn eq(&self, other: &Self) -> bool {
        self.call == other.call
    }
}

impl Serialize for Change {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(self.call.name(), &(self.fields)(&self.call))?;
        map.end()
    }
}

impl<'de> Deserialize<'de> for Change {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Read on the server only; the browser never decodes a change.
        let call = Call::deserialize(deserializer)?;
        Ok(Change { call, fields: whole_call_fields })
    }
}

/// The fields of any call, through the `Call` serializer.
fn whole_call_fields(call: &Call) -> Map<String, Value> {
    match serde_json::to_value(call) {
        Ok(Value::Object(outer)) => outer.into_iter().next().and_then(|(_, v)| v.as_object().cloned()).unwrap_or_default(),
        _ => Map::new(),
    }
}

/// Asks for any change: gated ones become an approval request carrying
/// `reason`, others run at once. The one server function every form uses.
#[server(endpoint = "request_change", input = server_fn::codec::Json, output = crate::wire::Answer)]
pub async fn request_change(call: Change, reason: String) -> Result<ChangeOutcome, AppError> {
    let call = call.call;
    let (ctx, actor) = server::actor().await?;
    let changer = server::granted::<domain::grant::Change>(&ctx, &actor, call.name()).await?;
    Ok(domain::change::request(&ctx, changer, call, &reason).await?)
}

/// Whether this very change would wait for approval (to ask for a reason
/// up front): decided as `request_change` decides, by every gated effect
/// the call has, its fields and upstream's state included.
#[server(endpoint = "needs_approval", input = server_fn::codec::Json, output = crate::wire::Answer)]
pub async fn needs_approval(call: Change) -> Result<bool, AppError> {
    let call = call.call;
    let (ctx, actor) = server::actor().await?;
    let changer = server::granted::<domain::grant::Change>(&ctx, &actor, call.name()).await?;
    Ok(domain::change::needs_approval(&ctx, changer, &call).await?)
}

/// Approval requests: `view` is `inbox`, `mine` or `all` (admins); one
/// page of `domain::approvals::PAGE_SIZE`, the first unless `page` says.
#[server(endpoint = "list_approvals", output = crate::wire::Answer)]
pub async fn list_approvals(view: String, state: String, page: Option<i64>) -> Result<Vec<domain_types::ApprovalView>, AppError> {
    let (ctx, actor) = server::actor().await?;
    let f = domain::approvals::ListFilter { view, state, page: page.unwrap_or(1), ..Default::default() };
    let mut views: Vec<domain_types::ApprovalView> = domain::approvals::list(&ctx, &actor, &f).await?.into_iter().map(Into::into).collect();
    domain::approvals::mark_renamed(&ctx, &actor, &mut views).await;
    Ok(views)
}

/// How many requests a view holds over all its pages.
#[server(endpoint = "count_approvals", output = crate::wire::Answer)]
pub async fn count_approvals(view: String, state: String) -> Result<i64, AppError> {
    let (ctx, actor) = server::actor().await?;
    let f = domain::approvals::ListFilter { view, state, ..Default::default() };
    Ok(domain::approvals::count(&ctx, &actor, &f).await?)
}

/// How many requests wait for the member's vote.
#[server(endpoint = "approvals_waiting", output = crate::wire::Answer)]
pub async fn approvals_waiting() -> Result<i64, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::approvals::waiting_for(&ctx, &actor).await?)
}

/// Approves or rejects a request, with a comment.
#[server(endpoint = "vote_approval", output = crate::wire::Answer)]
pub async fn vote_approval(id: i64, approve: bool, comment: String) -> Result<domain_types::ApprovalView, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::approvals::vote(&ctx, &actor, id, approve, &comment).await?.into())
}

/// Withdraws one's own pending request.
#[server(endpoint = "cancel_approval", output = crate::wire::Answer)]
pub async fn cancel_approval(id: i64) -> Result<(), AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::approvals::cancel(&ctx, &actor, id).await?)
}

/// Every action's approval policy (admins).
#[server(endpoint = "list_policies", output = crate::wire::Answer)]
pub async fn list_policies() -> Result<Vec<domain_types::PolicyView>, AppError> {
    let (ctx, actor) = server::actor().await?;
    let by = server::granted::<domain::grant::Administer>(&ctx, &actor, "policy.list").await?;
    Ok(domain::approvals::policies(&ctx, by).await?.into_iter().map(Into::into).collect())
}

/// Changes an action's approval policy (admins).
#[server(endpoint = "set_policy", input = server_fn::codec::Json, output = crate::wire::Answer)]
pub async fn set_policy(policy: domain_types::PolicyView) -> Result<(), AppError> {
    let (ctx, actor) = server::actor().await?;
    let by = server::granted::<domain::grant::Administer>(&ctx, &actor, "policy.set").await?;
    let roles = policy.approver_roles;
    let p = domain::approvals::Policy {
        action: policy.action,
        required: policy.required,
        approvals_needed: policy.approvals_needed,
        approver_roles: roles,
        open_hours: policy.open_hours,
        run_within_hours: policy.run_within_hours,
        customised: true,
    };
    Ok(domain::approvals::set_policy(&ctx, by, &p).await?)
}

/// Webhooks and their delivery failures (admins).
#[server(endpoint = "list_webhooks", output = crate::wire::Answer)]
pub async fn list_webhooks() -> Result<Vec<domain_types::WebhookView>, AppError> {
    let (ctx, actor) = server::actor().await?;
    let by = server::granted::<domain::grant::Administer>(&ctx, &actor, "webhook.list").await?;
    Ok(domain::notify::webhooks(&ctx, by).await?)
}

/// Adds a webhook (admins), its notices in `language` (`en`, `ko`; the
/// language of the page that asks, when not given).
#[server(endpoint = "add_webhook", output = crate::wire::Answer)]
pub async fn add_webhook(name: String, url: String, kind: String, #[server(default)] language: Option<String>) -> Result<(), AppError> {
    let (ctx, actor) = server::actor().await?;
    let by = server::granted::<domain::grant::Administer>(&ctx, &actor, "webhook.add").await?;
    let language = language.unwrap_or_else(|| crate::i18n::lang().code().to_string());
    Ok(domain::notify::add_webhook(&ctx, by, &name, &url, &kind, &language).await?)
}

/// Removes a webhook (admins).
#[server(endpoint = "remove_webhook", output = crate::wire::Answer)]
pub async fn remove_webhook(id: i64) -> Result<(), AppError> {
    let (ctx, actor) = server::actor().await?;
    let by = server::granted::<domain::grant::Administer>(&ctx, &actor, "webhook.remove").await?;
    Ok(domain::notify::remove_webhook(&ctx, by, id).await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rds::types::{ExtensionDeleteQuery, ModifyParameters, ParameterChange, RestartDbInstance};
    use rds::{DbInstanceGroupId, DbInstanceId, GroupExtensionId, ParameterGroupId};

    /// What `change!` sends is what the whole `Call` encoder sends, and the
    /// server reads it back as the same call.
    fn same_on_the_wire(change: Change) {
        let sent = serde_json::to_value(&change).unwrap();
        assert_eq!(sent, serde_json::to_value(&change.call).unwrap(), "{}", change.name());
        let read: Change = serde_json::from_value(sent).unwrap();
        assert_eq!(read.call, change.call);
    }

    #[test]
    fn a_change_encodes_as_its_call() {
        let id = DbInstanceId::new("db-1");
        // Path ids only; a body with fields skipped when false; a body of a
        // list; a query.
        same_on_the_wire(crate::change!(StopDbInstance { id: id.clone() }));
        same_on_the_wire(crate::change!(RestartDbInstance { id: id.clone(), body: RestartDbInstance::default() }));
        same_on_the_wire(crate::change!(RestartDbInstance {
            id,
            body: RestartDbInstance { use_online_failover: true, execute_backup: true },
        }));
        let body =
            ModifyParameters { modified_parameters: vec![ParameterChange { parameter_name: "work_mem".into(), value: "8MB".into() }] };
        same_on_the_wire(crate::change!(ModifyParameters { group_id: ParameterGroupId::new("pg-1"), body }));
        same_on_the_wire(crate::change!(DeleteExtension {
            group_id: DbInstanceGroupId::new("g-1"),
            group_extension_id: GroupExtensionId::new("e-1"),
            query: ExtensionDeleteQuery { with_cascade: true },
        }));
    }

    /// Each call's name is its variant's name on the wire, which the
    /// encoder of one variant writes.
    #[test]
    fn every_call_name_is_a_wire_variant() {
        for name in rds::calls::CALL_NAMES {
            // Read as that variant: it is complete or lacks a field.
            if let Err(err) = serde_json::from_value::<Call>(serde_json::json!({ *name: {} })) {
                assert!(err.to_string().contains("missing field"), "{name}: {err}");
            }
        }
    }
}
