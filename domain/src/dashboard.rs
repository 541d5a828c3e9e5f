//! The dashboard: the estate's state and what waits for the member, read
//! together.

use crate::{approvals, instances, jobs, Actor, Context, DomainError};

/// Everything the dashboard shows.
pub struct Dashboard {
    /// Whether the member has credentials; without them the estate is not read.
    pub has_credentials: bool,
    pub estate: Vec<model::EstateRow>,
    pub events: Vec<rds::types::Event>,
    /// Requests waiting for the member's vote.
    pub waiting: Vec<approvals::Request>,
    /// The member's own open requests.
    pub mine: Vec<approvals::Request>,
    /// Jobs running now.
    pub running: Vec<jobs::JobRow>,
}

/// Reads the dashboard for `actor`.
pub async fn load(ctx: &Context, actor: &Actor) -> Result<Dashboard, DomainError> {
    let events = rds::types::EventQuery {
        page: 1,
        size: 10,
        from: String::new(),
        to: String::new(),
        event_category_type: rds::EventCategoryType::All,
        source_id: None,
        keyword: None,
    };
    let inbox = approvals::ListFilter { view: "inbox".into(), state: "pending".into(), ..Default::default() };
    let mine = approvals::ListFilter { view: "mine".into(), state: "pending".into(), ..Default::default() };
    // A request that was approved but not run because what it acts on
    // changed stays in front of its requester, to file again or let go.
    let stale = approvals::ListFilter { view: "mine".into(), state: "stale".into(), ..Default::default() };
    let running = jobs::JobFilter { state: "running".into(), limit: 50, ..Default::default() };
    // A member without credentials (an auditor, a newcomer) is not asked
    // for what they cannot have: the estate is left out, said in words.
    let has_credentials = crate::credentials::acting(ctx, actor.user_id).await.is_ok();
    let estate = async {
        if has_credentials {
            instances::estate(ctx, actor.grant()?).await
        } else {
            Ok(Vec::new())
        }
    };
    let events = async {
        if has_credentials {
            instances::project_events(ctx, actor.grant()?, events, "").await
        } else {
            Ok(Default::default())
        }
    };
    let (estate, events, waiting, mine, stale, running) = tokio::join!(
        estate,
        events,
        approvals::list(ctx, actor, &inbox),
        approvals::list(ctx, actor, &mine),
        approvals::list(ctx, actor, &stale),
        jobs::list(ctx, actor.grant()?, &running),
    );
    Ok(Dashboard {
        has_credentials,
        estate: estate?,
        // Events are a courtesy here: an upstream that cannot list them
        // leaves the section empty, not the page broken.
        events: events.map(|e| e.items).unwrap_or_default(),
        waiting: waiting?,
        mine: mine?.into_iter().chain(stale?.into_iter().take(10)).collect(),
        running: running?,
    })
}

impl From<Dashboard> for model::records::DashboardView {
    fn from(d: Dashboard) -> Self {
        Self {
            has_credentials: d.has_credentials,
            estate: d.estate,
            events: d.events,
            waiting: d.waiting.into_iter().map(Into::into).collect(),
            mine: d.mine.into_iter().map(Into::into).collect(),
            running: d.running.into_iter().map(Into::into).collect(),
        }
    }
}
