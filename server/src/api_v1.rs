//! `/api/v1`: the versioned JSON API for automation, with personal API
//! tokens (`Authorization: Bearer pgd_…`).
//!
//! Every route is registered through [`OpenApiRouter`], so every route is
//! in the OpenAPI document served at `/api/v1/openapi.json`: a route cannot
//! be added without being documented. The API reads no cookies (so it needs
//! no CSRF defence); browser server functions read no tokens. A token acts
//! as its member, within its scopes and the member's role as it is now;
//! changes go through the same change path as the panel's (gated ones
//! become approval requests) and are audited as the member, naming the
//! token. Errors share one shape ([`ApiError`]).

use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::tokens::{Scope, TokenActor};
use domain::{Client, Context, DomainError};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The API's description; the paths come from the router.
#[derive(OpenApi)]
#[openapi(
    info(title = "pgdeck API", version = "1", description = "Automation for an NHN Cloud RDS for PostgreSQL estate through pgdeck: \
        the same members, roles, approvals and audit log as the panel. Authenticate with a personal API token: \
        `Authorization: Bearer pgd_…` (create one on your settings page)."),
    modifiers(&BearerToken),
    security(("token" = [])),
    tags(
        (name = "instances", description = "DB instances"),
        (name = "backups", description = "Backups"),
        (name = "jobs", description = "Upstream jobs pgdeck follows to their end"),
        (name = "changes", description = "Changes to the estate, through the same approval gate as the panel"),
        (name = "approvals", description = "Approval requests and votes"),
        (name = "audit", description = "The audit log"),
    )
)]
struct ApiDoc;

struct BearerToken;

impl utoipa::Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).bearer_format("pgd_ personal API token").build()),
        );
    }
}

/// The routes of `/api/v1` and the OpenAPI document describing exactly them.
pub fn router(ctx: Context) -> axum::Router {
    let (router, mut doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(list_instances))
        .routes(routes!(get_instance))
        .routes(routes!(list_backups))
        .routes(routes!(get_backup))
        .routes(routes!(get_job))
        .routes(routes!(post_change))
        .routes(routes!(list_approvals))
        .routes(routes!(get_approval))
        .routes(routes!(vote))
        .routes(routes!(search_audit))
        .routes(routes!(export_audit))
        .with_state(ctx)
        .split_for_parts();
    // The document itself needs no token.
    let open = utoipa::openapi::security::SecurityRequirement::default();
    doc.paths.paths.insert(
        "/api/v1/openapi.json".into(),
        utoipa::openapi::path::PathItem::new(
            utoipa::openapi::HttpMethod::Get,
            utoipa::openapi::path::OperationBuilder::new()
                .operation_id(Some("openapi"))
                .summary(Some("This document"))
                .security(open)
                .response("200", utoipa::openapi::ResponseBuilder::new().description("The OpenAPI 3.1 document").build())
                .build(),
        ),
    );
    let text: std::sync::Arc<str> = doc.to_pretty_json().unwrap_or_default().into();
    router
        .route(
            "/api/v1/openapi.json",
            axum::routing::get(move || {
                let text = text.clone();
                async move { ([(header::CONTENT_TYPE, "application/json")], text.to_string()) }
            }),
        )
        // A known path asked with another method: the same JSON shape.
        .method_not_allowed_fallback(|req: Request| async move {
            let why = format!("{} is not an operation of {} (see /api/v1/openapi.json)", req.method(), req.uri().path());
            ApiError::new(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed", why)
        })
        // Anything else under /api/v1 is not an operation: a JSON 404.
        .route(
            "/api/v1/{*rest}",
            axum::routing::any(|req: Request| async move {
                let path = req.uri().path().to_string();
                let why = format!("no operation {} {path} in /api/v1 (see /api/v1/openapi.json)", req.method());
                ApiError::new(StatusCode::NOT_FOUND, "not_found", why)
            }),
        )
}

// ------------------------------------------------------------------ errors

/// Every error: what happened, the field a refusal names, and the request
/// id to quote (also in the `x-request-id` header).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ApiError {
    pub error: ErrorBody,
    #[serde(skip)]
    #[schema(ignore)]
    status: u16,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ErrorBody {
    /// `unauthorized`, `forbidden`, `not_found`, `invalid`, `conflict`,
    /// `upstream`, `unavailable`, `throttled`, `no_credentials`, `internal`.
    pub code: String,
    pub message: String,
    /// For `invalid`: the field refused.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub request_id: String,
}

impl ApiError {
    fn new(status: StatusCode, code: &str, message: String) -> Self {
        let request_id = domain::error::REQUEST_ID.try_with(Clone::clone).unwrap_or_default();
        ApiError { error: ErrorBody { code: code.into(), message, field: None, request_id }, status: status.as_u16() }
    }
}

impl From<DomainError> for ApiError {
    fn from(e: DomainError) -> Self {
        let (status, code) = match &e {
            DomainError::Unauthorized => (StatusCode::UNAUTHORIZED, "unauthorized"),
            DomainError::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden"),
            DomainError::NotFound(_) => (StatusCode::NOT_FOUND, "not_found"),
            DomainError::Validation(_) => (StatusCode::UNPROCESSABLE_ENTITY, "invalid"),
            DomainError::Conflict(_) => (StatusCode::CONFLICT, "conflict"),
            DomainError::Upstream { .. } => (StatusCode::BAD_GATEWAY, "upstream"),
            DomainError::Unavailable(_) => (StatusCode::SERVICE_UNAVAILABLE, "unavailable"),
            DomainError::Throttled { .. } => (StatusCode::TOO_MANY_REQUESTS, "throttled"),
            DomainError::NoCredentials => (StatusCode::CONFLICT, "no_credentials"),
            DomainError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        };
        let message = match &e {
            DomainError::Unauthorized => "a valid API token is needed: Authorization: Bearer pgd_…".to_string(),
            DomainError::Validation(v) => v.reason.clone(),
            DomainError::Internal(inner) => {
                let reference = domain::error::error_reference();
                tracing::error!(error = %inner, reference = %reference, "an API call failed");
                format!("pgdeck hit an internal error (reference {reference})")
            }
            other => other.to_string(),
        };
        let mut err = ApiError::new(status, code, message);
        if let DomainError::Validation(v) = &e {
            err.error.field = Some(v.field.clone());
        }
        err
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, Json(self)).into_response()
    }
}

type ApiResult<T> = Result<Json<T>, ApiError>;

// ------------------------------------------------------------------ tokens

/// The member behind the request's bearer token, allowed `scope` for
/// `action` (refusals audited). Cookies are never read here.
async fn caller(ctx: &Context, headers: &HeaderMap, client: Client, scope: Scope, action: &str) -> Result<TokenActor, ApiError> {
    let secret = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
        .map(str::trim);
    let Some(secret) = secret else {
        return Err(DomainError::Unauthorized.into());
    };
    let t = domain::tokens::resolve(ctx, secret, &client).await?;
    t.require(ctx, scope, action).await?;
    Ok(t)
}

/// Proof of a role permission for the token's member; a refusal is audited.
async fn granted<'a, P: domain::grant::Grant>(ctx: &Context, t: &'a TokenActor, action: &str) -> Result<domain::Granted<'a, P>, ApiError> {
    Ok(domain::audit::granted(ctx, &t.actor, action).await?)
}

fn client_of(req_client: Option<axum::Extension<Client>>) -> Client {
    req_client.map(|c| c.0).unwrap_or_default()
}

// --------------------------------------------------------------- instances

/// A DB instance as the panel lists it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Instance {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    /// `POSTGRESQL_V174`, …
    pub version: String,
    /// `AVAILABLE`, `SHUTDOWN`, … (upstream's word, passed through).
    pub status: Option<String>,
    /// What it is busy with, if anything (`BACKING_UP`, …).
    pub progress: Option<String>,
    /// `MASTER`, `CANDIDATE`, `READ_ONLY_SLAVE`, …
    pub role: Option<String>,
    pub group_id: String,
    pub port: u32,
    pub created_at: Option<String>,
}

impl From<rds::types::DbInstance> for Instance {
    fn from(d: rds::types::DbInstance) -> Self {
        Instance {
            id: d.db_instance_id.0,
            name: d.db_instance_name,
            description: d.description,
            version: d.db_version,
            status: d.db_instance_status.map(|s| s.as_str().to_string()),
            progress: d.progress_status.map(|s| s.as_str().to_string()),
            role: d.db_instance_type.map(|s| s.as_str().to_string()),
            group_id: d.db_instance_group_id.0,
            port: d.db_port,
            created_at: d.created_ymdt.map(|t| t.raw().to_string()),
        }
    }
}

/// One instance in more detail.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct InstanceDetail {
    #[serde(flatten)]
    pub instance: Instance,
    pub flavor_id: String,
    pub parameter_group_id: String,
    pub security_group_ids: Vec<String>,
    pub deletion_protection: bool,
    pub parameter_group_needs_apply: bool,
}

#[utoipa::path(get, path = "/api/v1/instances", tag = "instances", operation_id = "listInstances",
    responses((status = 200, body = Vec<Instance>), (status = 401, body = ApiError), (status = 403, body = ApiError)))]
async fn list_instances(State(ctx): State<Context>, headers: HeaderMap, c: Option<axum::Extension<Client>>) -> ApiResult<Vec<Instance>> {
    let t = caller(&ctx, &headers, client_of(c), Scope::Read, "api.instances.list").await?;
    let by = granted::<domain::grant::Read>(&ctx, &t, "api.instances.list").await?;
    Ok(Json(domain::instances::list(&ctx, by).await?.into_iter().map(Into::into).collect()))
}

#[utoipa::path(get, path = "/api/v1/instances/{id}", tag = "instances", operation_id = "getInstance",
    params(("id" = String, Path, description = "The instance's id")),
    responses((status = 200, body = InstanceDetail), (status = 401, body = ApiError), (status = 404, body = ApiError)))]
async fn get_instance(
    State(ctx): State<Context>,
    Path(id): Path<String>,
    headers: HeaderMap,
    c: Option<axum::Extension<Client>>,
) -> ApiResult<InstanceDetail> {
    let t = caller(&ctx, &headers, client_of(c), Scope::Read, "api.instances.get").await?;
    let by = granted::<domain::grant::Read>(&ctx, &t, "api.instances.get").await?;
    let list = domain::instances::list(&ctx, by).await?;
    let Some(row) = list.into_iter().find(|d| d.db_instance_id.0 == id) else {
        return Err(DomainError::NotFound(format!("instance {id}")).into());
    };
    let o = domain::instances::overview(&ctx, by, &id).await?;
    let d = o.detail;
    Ok(Json(InstanceDetail {
        instance: row.into(),
        flavor_id: d.db_flavor_id.0,
        parameter_group_id: d.parameter_group_id.0,
        security_group_ids: d.db_security_group_ids.into_iter().map(|g| g.0).collect(),
        deletion_protection: d.use_deletion_protection,
        parameter_group_needs_apply: d.need_to_apply_parameter_group,
    }))
}

// ----------------------------------------------------------------- backups

/// A backup.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Backup {
    pub id: String,
    pub name: String,
    /// `BACKING_UP`, `COMPLETED`, … (upstream's word).
    pub status: Option<String>,
    /// `AUTO` or `MANUAL`.
    pub kind: Option<String>,
    pub instance_id: String,
    pub instance_name: Option<String>,
    pub version: String,
    pub size_bytes: u64,
    pub created_at: Option<String>,
}

impl From<rds::types::Backup> for Backup {
    fn from(b: rds::types::Backup) -> Self {
        Backup {
            id: b.backup_id.0,
            name: b.backup_name,
            status: b.backup_status.map(|s| s.as_str().to_string()),
            kind: b.backup_type.map(|s| s.as_str().to_string()),
            instance_id: b.db_instance_id.0,
            instance_name: b.db_instance_name,
            version: b.db_version,
            size_bytes: b.backup_size,
            created_at: b.created_ymdt.map(|t| t.raw().to_string()),
        }
    }
}

/// A page of backups, and how many match in all.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct BackupPage {
    pub items: Vec<Backup>,
    pub total: u64,
    pub page: u32,
    pub size: u32,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BackupParams {
    /// Only this instance's backups.
    pub instance: Option<String>,
    /// Status (`COMPLETED`, …).
    pub status: Option<String>,
    /// Words in the name, the instance's name or id.
    pub text: Option<String>,
    /// Page, from 1.
    pub page: Option<u32>,
    /// Page size, 1–100 (20 unless given).
    pub size: Option<u32>,
}

#[utoipa::path(get, path = "/api/v1/backups", tag = "backups", operation_id = "listBackups", params(BackupParams),
    responses((status = 200, body = BackupPage), (status = 401, body = ApiError), (status = 422, body = ApiError)))]
async fn list_backups(
    State(ctx): State<Context>,
    Query(p): Query<BackupParams>,
    headers: HeaderMap,
    c: Option<axum::Extension<Client>>,
) -> ApiResult<BackupPage> {
    let t = caller(&ctx, &headers, client_of(c), Scope::Read, "api.backups.list").await?;
    let by = granted::<domain::grant::Read>(&ctx, &t, "api.backups.list").await?;
    let query = rds::types::BackupQuery {
        page: p.page.unwrap_or(1),
        size: p.size.unwrap_or(20),
        db_instance_id: p.instance.filter(|s| !s.is_empty()).map(rds::DbInstanceId::new),
        ..Default::default()
    };
    let filter =
        model::matched::BackupFilter { status: p.status.unwrap_or_default(), text: p.text.unwrap_or_default(), ..Default::default() };
    let (page, size) = (query.page, query.size);
    let m = domain::backups::list(&ctx, by, query, &filter).await?;
    Ok(Json(BackupPage { items: m.items.into_iter().map(Into::into).collect(), total: m.total, page, size }))
}

#[utoipa::path(get, path = "/api/v1/backups/{id}", tag = "backups", operation_id = "getBackup",
    params(("id" = String, Path, description = "The backup's id")),
    responses((status = 200, body = Backup), (status = 401, body = ApiError), (status = 404, body = ApiError)))]
async fn get_backup(
    State(ctx): State<Context>,
    Path(id): Path<String>,
    headers: HeaderMap,
    c: Option<axum::Extension<Client>>,
) -> ApiResult<Backup> {
    let t = caller(&ctx, &headers, client_of(c), Scope::Read, "api.backups.get").await?;
    let by = granted::<domain::grant::Read>(&ctx, &t, "api.backups.get").await?;
    // Upstream lists backups by page; the project's are read page by page
    // (at most the scan bound) until the one asked for is found.
    let size = 100u32;
    let pages = model::matched::SCAN_BOUND.div_ceil(u64::from(size)) as u32;
    for page in 1..=pages {
        let q = rds::types::BackupQuery { page, size, ..Default::default() };
        let m = domain::backups::list(&ctx, by, q, &Default::default()).await?;
        let len = m.items.len();
        if let Some(b) = m.items.into_iter().find(|b| b.backup_id.0 == id) {
            return Ok(Json(b.into()));
        }
        if len < size as usize {
            break;
        }
    }
    Err(DomainError::NotFound(format!("backup {id}")).into())
}

// -------------------------------------------------------------------- jobs

/// A job pgdeck follows.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Job {
    pub id: String,
    /// The action that started it (`backup_db_instance`, …).
    pub action: String,
    pub resource_type: String,
    pub resource_id: String,
    pub resource_name: String,
    /// Who started it.
    pub username: String,
    /// Upstream's word (`RUNNING`, `COMPLETED`, `FAILED`, …), absent until read.
    pub status: Option<String>,
    pub finished: bool,
    /// Whether it ended well (finished and `COMPLETED`).
    pub succeeded: bool,
    pub note: String,
    pub approval_id: Option<i64>,
    pub created_at: String,
    pub finished_at: Option<String>,
}

impl From<model::records::JobView> for Job {
    fn from(j: model::records::JobView) -> Self {
        let succeeded = j.succeeded();
        Job {
            id: j.job_id,
            action: j.action,
            resource_type: j.resource_type,
            resource_id: j.resource_id,
            resource_name: j.resource_name,
            username: j.username,
            status: j.status.map(|s| s.as_str().to_string()),
            finished: j.finished,
            succeeded,
            note: j.note,
            approval_id: j.approval_id,
            created_at: j.created_at,
            finished_at: j.finished_at,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct JobParams {
    /// Wait up to this many seconds (at most 60) for the job to end before
    /// answering: a pipeline asks again until `finished` is true.
    pub wait: Option<u64>,
}

/// The longest a job read waits for its end.
const MAX_WAIT_SECONDS: u64 = 60;

#[utoipa::path(get, path = "/api/v1/jobs/{id}", tag = "jobs", operation_id = "getJob",
    params(("id" = String, Path, description = "The job's id"), JobParams),
    responses((status = 200, body = Job), (status = 401, body = ApiError), (status = 404, body = ApiError)))]
async fn get_job(
    State(ctx): State<Context>,
    Path(id): Path<String>,
    Query(p): Query<JobParams>,
    headers: HeaderMap,
    c: Option<axum::Extension<Client>>,
) -> ApiResult<Job> {
    let t = caller(&ctx, &headers, client_of(c), Scope::Read, "api.jobs.get").await?;
    granted::<domain::grant::Read>(&ctx, &t, "api.jobs.get").await?;
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(p.wait.unwrap_or(0).min(MAX_WAIT_SECONDS));
    let mut changes = ctx.job_events.subscribe();
    loop {
        let Some(row) = domain::jobs::get(&ctx, &id).await? else {
            return Err(DomainError::NotFound(format!("job {id}")).into());
        };
        if row.finished || tokio::time::Instant::now() >= deadline {
            return Ok(Json(model::records::JobView::from(row).into()));
        }
        // Woken by the job tracker's next change (any job), or every second.
        let _ =
            tokio::time::timeout_at(deadline.min(tokio::time::Instant::now() + std::time::Duration::from_secs(1)), changes.recv()).await;
    }
}

// ----------------------------------------------------------------- changes

/// A change to the estate: the call, as the panel sends it
/// (`{"backup_db_instance": {"id": "…", "body": {…}}}`; the calls are the RDS
/// API's operations, listed in pgdeck's docs), and the reason an approver
/// reads when the change is gated.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ChangeRequest {
    #[schema(value_type = Object)]
    pub call: rds::Call,
    #[serde(default)]
    pub reason: String,
}

/// What a change came to: it ran (the job to follow, and what it created),
/// or it waits for approval (the request to follow).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ChangeResult {
    /// `ran` or `awaiting_approval`.
    pub outcome: String,
    pub job_id: Option<String>,
    pub created_id: Option<String>,
    pub approval_id: Option<i64>,
}

#[utoipa::path(post, path = "/api/v1/changes", tag = "changes", operation_id = "postChange", request_body = ChangeRequest,
    responses((status = 200, body = ChangeResult), (status = 401, body = ApiError), (status = 403, body = ApiError),
        (status = 422, body = ApiError), (status = 502, body = ApiError)))]
async fn post_change(
    State(ctx): State<Context>,
    headers: HeaderMap,
    c: Option<axum::Extension<Client>>,
    body: Result<Json<ChangeRequest>, axum::extract::rejection::JsonRejection>,
) -> ApiResult<ChangeResult> {
    let t = caller(&ctx, &headers, client_of(c), Scope::Change, "api.changes.post").await?;
    let Json(req) = body.map_err(|e| {
        let mut err = ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", format!("the change cannot be read: {}", e.body_text()));
        err.error.field = Some("call".into());
        err
    })?;
    let changer = granted::<domain::grant::Change>(&ctx, &t, req.call.name()).await?;
    let outcome = domain::change::request(&ctx, changer, req.call, &req.reason).await?;
    Ok(Json(match outcome {
        model::ChangeOutcome::Ran { job, created, .. } => {
            ChangeResult { outcome: "ran".into(), job_id: job, created_id: created, approval_id: None }
        }
        model::ChangeOutcome::Requested { approval } => {
            ChangeResult { outcome: "awaiting_approval".into(), job_id: None, created_id: None, approval_id: Some(approval) }
        }
    }))
}

// --------------------------------------------------------------- approvals

/// An approval request.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Approval {
    pub id: i64,
    pub action: String,
    /// What runs, in words.
    pub words: String,
    pub resource_type: String,
    pub resource_id: String,
    pub resource_name: String,
    pub reason: String,
    pub requester: String,
    /// `pending`, `approved`, `running`, `executed`, `failed`, `rejected`,
    /// `cancelled`, `expired`, `unknown`, `stale`.
    pub state: String,
    pub approvals_needed: i64,
    /// Roles whose votes count.
    pub approver_roles: Vec<String>,
    pub expires_at: String,
    pub job_id: Option<String>,
    pub result_message: String,
    pub created_at: String,
    pub votes: Vec<Vote>,
}

/// One vote.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Vote {
    pub voter: String,
    /// `approve` or `reject`.
    pub vote: String,
    pub comment: String,
    pub at: String,
}

impl From<model::records::ApprovalView> for Approval {
    fn from(r: model::records::ApprovalView) -> Self {
        Approval {
            id: r.id,
            action: r.action,
            words: r.words,
            resource_type: r.resource_type,
            resource_id: r.resource_id,
            resource_name: r.resource_name,
            reason: r.reason,
            requester: r.requester_name,
            state: r.state.as_str().into(),
            approvals_needed: r.approvals_needed,
            approver_roles: r.approver_roles.iter().map(|r| r.as_str().to_string()).collect(),
            expires_at: r.expires_at,
            job_id: r.job_id,
            result_message: r.result_message,
            created_at: r.created_at,
            votes: r.votes.into_iter().map(|(voter, vote, comment, at)| Vote { voter, vote, comment, at }).collect(),
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ApprovalParams {
    /// `inbox` (waiting for your vote), `mine` (filed by you) or `all`
    /// (admins); `inbox` unless given.
    pub view: Option<String>,
    /// Only requests in this state (`pending`, …).
    pub state: Option<String>,
    /// Page, from 1.
    pub page: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/approvals", tag = "approvals", operation_id = "listApprovals", params(ApprovalParams),
    responses((status = 200, body = Vec<Approval>), (status = 401, body = ApiError), (status = 403, body = ApiError)))]
async fn list_approvals(
    State(ctx): State<Context>,
    Query(p): Query<ApprovalParams>,
    headers: HeaderMap,
    c: Option<axum::Extension<Client>>,
) -> ApiResult<Vec<Approval>> {
    let t = caller(&ctx, &headers, client_of(c), Scope::Read, "api.approvals.list").await?;
    let f = domain::approvals::ListFilter {
        view: p.view.unwrap_or_else(|| "inbox".into()),
        state: p.state.unwrap_or_default(),
        page: p.page.unwrap_or(1),
        ..Default::default()
    };
    let mut views: Vec<model::records::ApprovalView> =
        domain::approvals::list(&ctx, &t.actor, &f).await?.into_iter().map(Into::into).collect();
    domain::approvals::mark_renamed(&ctx, &t.actor, &mut views).await;
    Ok(Json(views.into_iter().map(Into::into).collect()))
}

#[utoipa::path(get, path = "/api/v1/approvals/{id}", tag = "approvals", operation_id = "getApproval",
    params(("id" = i64, Path, description = "The request's number")),
    responses((status = 200, body = Approval), (status = 401, body = ApiError), (status = 404, body = ApiError)))]
async fn get_approval(
    State(ctx): State<Context>,
    Path(id): Path<i64>,
    headers: HeaderMap,
    c: Option<axum::Extension<Client>>,
) -> ApiResult<Approval> {
    let t = caller(&ctx, &headers, client_of(c), Scope::Read, "api.approvals.get").await?;
    granted::<domain::grant::Read>(&ctx, &t, "api.approvals.get").await?;
    let view: model::records::ApprovalView = domain::approvals::get(&ctx, id).await?.into();
    let mut views = [view];
    domain::approvals::mark_renamed(&ctx, &t.actor, &mut views).await;
    let [view] = views;
    Ok(Json(view.into()))
}

/// A vote on someone else's request.
#[derive(Debug, Deserialize, ToSchema)]
pub struct VoteRequest {
    /// `true` to approve, `false` to reject.
    pub approve: bool,
    #[serde(default)]
    pub comment: String,
}

#[utoipa::path(post, path = "/api/v1/approvals/{id}/votes", tag = "approvals", operation_id = "vote",
    params(("id" = i64, Path, description = "The request's number")), request_body = VoteRequest,
    responses((status = 200, body = Approval), (status = 401, body = ApiError), (status = 403, body = ApiError),
        (status = 404, body = ApiError), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
async fn vote(
    State(ctx): State<Context>,
    Path(id): Path<i64>,
    headers: HeaderMap,
    c: Option<axum::Extension<Client>>,
    body: Result<Json<VoteRequest>, axum::extract::rejection::JsonRejection>,
) -> ApiResult<Approval> {
    let t = caller(&ctx, &headers, client_of(c), Scope::Approve, "api.approvals.vote").await?;
    let Json(v) = body.map_err(|e| {
        let mut err = ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", format!("the vote cannot be read: {}", e.body_text()));
        err.error.field = Some("approve".into());
        err
    })?;
    let view: model::records::ApprovalView = domain::approvals::vote(&ctx, &t.actor, id, v.approve, &v.comment).await?.into();
    Ok(Json(view.into()))
}

// ------------------------------------------------------------------- audit

/// One audit row.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AuditRow {
    pub id: i64,
    pub at: String,
    pub actor: String,
    /// The actor's role then (`system` for pgdeck, empty for nobody).
    pub role: String,
    pub client_addr: String,
    /// The client; for a call with an API token, the token's number and name.
    pub user_agent: String,
    pub action: String,
    pub resource_type: String,
    pub resource_id: String,
    pub resource_name: String,
    /// `succeeded`, `refused`, `failed`, `awaiting_approval`, `intent`, `unknown`.
    pub outcome: String,
    pub result_code: Option<i64>,
    pub result_message: String,
    pub job_id: Option<String>,
    pub approval_id: Option<i64>,
}

impl From<model::records::AuditView> for AuditRow {
    fn from(r: model::records::AuditView) -> Self {
        AuditRow {
            id: r.id,
            at: r.at,
            actor: r.actor_name,
            role: r.role.as_str().into(),
            client_addr: r.client_addr,
            user_agent: r.user_agent,
            action: r.action,
            resource_type: r.resource_type,
            resource_id: r.resource_id,
            resource_name: r.resource_name,
            outcome: r.outcome,
            result_code: r.result_code,
            result_message: r.result_message,
            job_id: r.job_id,
            approval_id: r.approval_id,
        }
    }
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditParams {
    pub actor: Option<String>,
    pub action: Option<String>,
    pub resource: Option<String>,
    pub outcome: Option<String>,
    /// From this day or time (`YYYY-MM-DD` or RFC 3339).
    pub from: Option<String>,
    pub to: Option<String>,
    /// Words anywhere in the row.
    pub text: Option<String>,
    /// Rows older than this id (the next page: the last id of this one).
    pub before_id: Option<i64>,
    /// For the export: `csv` (unless given) or `jsonl`.
    pub format: Option<String>,
}

impl AuditParams {
    fn filter(&self, limit: i64) -> domain::audit::Filter {
        let s = |v: &Option<String>| v.clone().unwrap_or_default();
        domain::audit::Filter {
            actor: s(&self.actor),
            action: s(&self.action),
            resource: s(&self.resource),
            outcome: s(&self.outcome),
            from: s(&self.from),
            to: s(&self.to),
            text: s(&self.text),
            before_id: self.before_id,
            limit,
        }
    }
}

#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", operation_id = "searchAudit", params(AuditParams),
    responses((status = 200, body = Vec<AuditRow>, description = "Up to 100 rows, newest first"), (status = 401, body = ApiError),
        (status = 403, body = ApiError), (status = 422, body = ApiError)))]
async fn search_audit(
    State(ctx): State<Context>,
    Query(p): Query<AuditParams>,
    headers: HeaderMap,
    c: Option<axum::Extension<Client>>,
) -> ApiResult<Vec<AuditRow>> {
    let t = caller(&ctx, &headers, client_of(c), Scope::Read, "audit.search").await?;
    let by = granted::<domain::grant::ReadAudit>(&ctx, &t, "audit.search").await?;
    let filter = p.filter(100);
    domain::audit::check(&filter)?;
    let rows = domain::audit::search(&ctx.pool, by.into(), &filter).await?;
    Ok(Json(rows.into_iter().map(|r| model::records::AuditView::from(r).into()).collect()))
}

#[utoipa::path(get, path = "/api/v1/audit/export", tag = "audit", operation_id = "exportAudit", params(AuditParams),
    responses((status = 200, description = "Every matching row, streamed: CSV (text/csv) or JSON lines (application/x-ndjson)"),
        (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 422, body = ApiError)))]
async fn export_audit(
    State(ctx): State<Context>,
    Query(p): Query<AuditParams>,
    headers: HeaderMap,
    c: Option<axum::Extension<Client>>,
) -> Result<Response, ApiError> {
    let t = caller(&ctx, &headers, client_of(c), Scope::Read, "audit.export").await?;
    let format: domain::audit::Format = match p.format.as_deref().unwrap_or("") {
        "" => domain::audit::Format::Csv,
        f => f.parse().map_err(|e: String| {
            let mut err = ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", e);
            err.error.field = Some("format".into());
            err
        })?,
    };
    let filter = p.filter(0);
    let entry = domain::audit::Entry::by(&t.actor, "audit.export").summary(serde_json::to_value(&filter).unwrap_or_default());
    granted::<domain::grant::ReadAudit>(&ctx, &t, "audit.export").await?;
    if let Err(e) = domain::audit::check(&filter) {
        domain::audit::record(&ctx, &entry.refused(&e.to_string())).await?;
        return Err(e.into());
    }
    domain::audit::record(&ctx, &entry).await?;
    Ok(crate::web::stream_export(ctx, t.actor, filter, format))
}
