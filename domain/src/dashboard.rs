//! The dashboard: the estate's state and what waits for the member, read
//! together.

use crate::{approvals, instances, jobs, Actor, Context, DomainError};

/// Everything the dashboard shows.
pub struct Dashboard {
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
    let (estate, events, waiting, mine, stale, running) = tokio::join!(
        instances::estate(ctx, actor.grant()?),
        instances::project_events(ctx, actor.grant()?, events, ""),
        approvals::list(ctx, actor, &inbox),
        approvals::list(ctx, actor, &mine),
        approvals::list(ctx, actor, &stale),
        jobs::list(ctx, actor.grant()?, &running),
    );
    Ok(Dashboard {
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
            estate: d.estate,
            events: d.events,
            waiting: d.waiting.into_iter().map(Into::into).collect(),
            mine: d.mine.into_iter().map(Into::into).collect(),
            running: d.running.into_iter().map(Into::into).collect(),
        }
    }
}
