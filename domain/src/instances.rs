//! DB instances: reads, and the actions the instance pages offer.

use crate::gateway;
use crate::{Context, DomainError, Reader};
use model::matched::Matched;
use rds::types::*;
use rds::DbInstanceId;

/// All instances of the project, as upstream lists them.
pub async fn list(ctx: &Context, actor: Reader<'_>) -> Result<Vec<DbInstance>, DomainError> {
    let creds = gateway::reader(ctx, &actor).await?;
    Ok(ctx.rds.db_instances(&creds).await?.db_instances)
}

/// The project's instance groups (the grouped instance list labels its
/// groups with them).
pub async fn groups(ctx: &Context, actor: Reader<'_>) -> Result<Vec<DbInstanceGroup>, DomainError> {
    let creds = gateway::reader(ctx, &actor).await?;
    Ok(ctx.rds.db_instance_groups(&creds).await?.db_instance_groups)
}

/// Flavor, storage, zone and protection of every instance, for the list.
pub async fn extras(ctx: &Context, actor: Reader<'_>) -> Result<Vec<model::InstanceExtra>, DomainError> {
    let creds = gateway::reader(ctx, &actor).await?;
    let c = &ctx.rds;
    let (list, flavors) = tokio::join!(c.db_instances(&creds), c.db_flavors(&creds));
    let flavors = flavors?.db_flavors;
    // The CPU and session columns read the last ten minutes, the same window
    // for every instance.
    let now = crate::time::unix_now();
    let (from, to) = (rds::datetime::format_unix(now - 10 * 60, 0), rds::datetime::format_unix(now, 0));
    let rows = futures_util::future::join_all(list?.db_instances.into_iter().map(|i| {
        let (creds, flavors, from, to) = (&creds, &flavors, &from, &to);
        async move {
            let id = i.db_instance_id;
            // A stopped instance has no CPU or sessions to report: not asked.
            let running = i.db_instance_status == Some(rds::DbInstanceStatus::Available);
            let metrics = async {
                if !running {
                    return Vec::new();
                }
                let recent = MetricQuery {
                    db_instance_id: id.clone(),
                    metric_names: vec!["CPU_USAGE".into(), "DATABASE_CONNECTIONS".into()],
                    from: from.clone(),
                    to: to.clone(),
                    interval: None,
                };
                c.metric_statistics(creds, &recent).await.map(|m| m.metric_statistics).unwrap_or_default()
            };
            let (d, st, net, m) = tokio::join!(c.db_instance(creds, &id), c.storage_info(creds, &id), c.network_info(creds, &id), metrics);
            let mut row = model::InstanceExtra { id: id.0.clone(), ..Default::default() };
            if let Ok(d) = d {
                row.deletion_protection = d.use_deletion_protection;
                row.parameter_changes_waiting = d.need_to_apply_parameter_group;
                if let Some(f) = flavors.iter().find(|f| f.db_flavor_id == d.db_flavor_id) {
                    (row.flavor, row.vcpus, row.ram) = (f.db_flavor_name.clone(), f.vcpus, f.ram);
                }
            }
            if let Ok(st) = st {
                (row.storage_type, row.storage_size) = (st.storage_type, st.storage_size);
            }
            if let Ok(n) = net {
                row.zone = n.availability_zone;
            }
            // The console's CPU and session columns: the latest point of each
            // series. A stopped instance reports none; the cell stays empty.
            for series in m {
                let last = series.values.iter().rev().find_map(|p| p.value());
                match series.metric_name.as_str() {
                    "CPU_USAGE" => row.cpu = last.map(|v| v as f32),
                    "DATABASE_CONNECTIONS" => row.connections = last.map(|v| v.max(0.0).round() as u32),
                    _ => {}
                }
            }
            row
        }
    }))
    .await;
    Ok(rows)
}

/// One instance in detail.
pub async fn detail(ctx: &Context, actor: Reader<'_>, id: &str) -> Result<DbInstanceDetail, DomainError> {
    let creds = gateway::reader(ctx, &actor).await?;
    Ok(ctx.rds.db_instance(&creds, &DbInstanceId::new(id)).await?)
}

pub use model::{CreateChoices, Overview};

/// Reads an instance from every angle at once.
pub async fn overview(ctx: &Context, actor: Reader<'_>, id: &str) -> Result<Overview, DomainError> {
    let creds = gateway::reader(ctx, &actor).await?;
    let iid = DbInstanceId::new(id);
    let c = &ctx.rds;
    let (detail, storage, network, backup, maintenance, ha, flavors, sgs, versions, all, notification_groups) = tokio::join!(
        c.db_instance(&creds, &iid),
        c.storage_info(&creds, &iid),
        c.network_info(&creds, &iid),
        c.backup_info(&creds, &iid),
        c.maintenance_info(&creds, &iid),
        c.high_availability(&creds, &iid),
        c.db_flavors(&creds),
        c.db_security_groups(&creds),
        c.available_db_versions(&creds, &iid),
        c.db_instances(&creds),
        c.notification_groups(&creds),
    );
    let detail = detail?;
    let same_version = ParameterGroupQuery { db_version: Some(detail.db_version.clone()) };
    let (pgs, members) =
        tokio::join!(c.parameter_groups(&creds, &same_version), c.db_instance_group(&creds, &detail.db_instance_group_id),);
    let pgs = pgs?;
    // The instance group as upstream keeps it, named from the list; the list
    // alone decides only when the group cannot be read.
    let all = all.map(|a| a.db_instances).unwrap_or_default();
    let group = match members {
        Ok(g) => g.db_instances.iter().filter_map(|m| all.iter().find(|i| i.db_instance_id == m.db_instance_id).cloned()).collect(),
        Err(_) => all.into_iter().filter(|i| i.db_instance_group_id == detail.db_instance_group_id).collect(),
    };
    Ok(Overview {
        detail,
        storage: storage?,
        network: network?,
        backup: backup?,
        maintenance: maintenance.ok(),
        ha: ha?,
        flavors: flavors?.db_flavors,
        parameter_groups: pgs.parameter_groups,
        security_groups: sgs?.db_security_groups,
        versions: versions.map(|v| v.db_versions).unwrap_or_default(),
        group,
        notification_groups: notification_groups.map(|n| n.notification_groups).unwrap_or_default(),
    })
}

/// The availability zones of the project's enabled regions.
fn zones(regions: &Regions) -> Vec<String> {
    regions
        .regions
        .iter()
        .filter(|r| r.is_enabled)
        .flat_map(|r| model::availability_zones(&r.region_code).iter().map(|z| z.to_string()))
        .collect()
}

/// What the read-replica form offers beyond the overview.
pub async fn replica_choices(ctx: &Context, actor: Reader<'_>) -> Result<model::ReplicaChoices, DomainError> {
    let creds = gateway::reader(ctx, &actor).await?;
    let c = &ctx.rds;
    let (u, t, r) = tokio::join!(c.user_groups(&creds), c.storage_types(&creds), c.regions(&creds));
    Ok(model::ReplicaChoices { user_groups: u?.user_groups, storage_types: t?.storage_types, zones: zones(&r?) })
}

/// The instance's databases.
pub async fn databases(ctx: &Context, actor: Reader<'_>, id: &str) -> Result<Vec<Database>, DomainError> {
    let creds = gateway::reader(ctx, &actor).await?;
    Ok(ctx.rds.databases(&creds, &DbInstanceId::new(id)).await?.databases)
}

/// The instance's DB users.
pub async fn users(ctx: &Context, actor: Reader<'_>, id: &str) -> Result<Vec<DbUser>, DomainError> {
    let creds = gateway::reader(ctx, &actor).await?;
    Ok(ctx.rds.db_users(&creds, &DbInstanceId::new(id)).await?.db_users)
}

/// The event codes a project can subscribe to.
pub async fn event_codes(ctx: &Context, actor: Reader<'_>) -> Result<Vec<EventCode>, DomainError> {
    let creds = gateway::reader(ctx, &actor).await?;
    Ok(ctx.rds.event_codes(&creds).await?.event_codes)
}

/// The metrics upstream offers, and series of `names` over the `minutes`
/// before `end` (unix seconds; `None`, or a time to come, means now).
pub async fn metrics(
    ctx: &Context,
    actor: Reader<'_>,
    id: &str,
    names: Vec<String>,
    minutes: i64,
    end: Option<i64>,
) -> Result<(Vec<Metric>, Vec<MetricSeries>, Vec<model::alerting::WatchLine>), DomainError> {
    let creds = gateway::reader(ctx, &actor).await?;
    let now = end.map_or(crate::time::unix_now(), |e| e.min(crate::time::unix_now()));
    let minutes = minutes.clamp(10, 31 * 24 * 60);
    rds::validate::path_id("id", id)?;
    let available = ctx.rds.metrics(&creds).await?.metrics;
    if names.is_empty() {
        return Ok((available, Vec::new(), Vec::new()));
    }
    if names.len() > available.len().max(1) {
        return Err(crate::refused("names", "metrics-at-most", &[&available.len()]).into());
    }
    if let Some(unknown) = names.iter().find(|n| !available.iter().any(|m| &m.metric_name == *n)) {
        let shown: String = unknown.chars().take(60).collect();
        return Err(crate::refused("names", "not-a-metric", &[&format!("{shown:?}")]).into());
    }
    let q = MetricQuery {
        db_instance_id: DbInstanceId::new(id),
        metric_names: names,
        from: rds::datetime::format_unix(now - minutes * 60, 0),
        to: rds::datetime::format_unix(now, 0),
        interval: None,
    };
    // The watchdogs watching the instance are drawn on their metric's chart;
    // an alerting read that fails leaves the charts without them.
    let (series, lines) = tokio::join!(ctx.rds.metric_statistics(&creds, &q), crate::alerting::watch_lines(ctx, &creds, id));
    Ok((available, series?.metric_statistics, lines.unwrap_or_default()))
}

/// Every instance with what needs attention: not AVAILABLE, a parameter
/// group to apply, storage above 80 %, high availability not stable. Those
/// needing attention come first.
pub async fn estate(ctx: &Context, actor: Reader<'_>) -> Result<Vec<model::EstateRow>, DomainError> {
    let creds = gateway::reader(ctx, &actor).await?;
    let c = &ctx.rds;
    let now = crate::time::unix_now();
    let (from, to) = (rds::datetime::format_unix(now - 10 * 60, 0), rds::datetime::format_unix(now, 0));
    let list = c.db_instances(&creds).await?.db_instances;
    let mut rows = futures_util::future::join_all(list.into_iter().map(|i| {
        let (creds, from, to) = (&creds, &from, &to);
        async move {
            let id = i.db_instance_id.clone();
            let running = i.db_instance_status == Some(rds::DbInstanceStatus::Available);
            let storage = async {
                if !running {
                    return None;
                }
                let q = MetricQuery {
                    db_instance_id: id.clone(),
                    metric_names: vec!["STORAGE_USAGE".into()],
                    from: from.clone(),
                    to: to.clone(),
                    interval: None,
                };
                let series = c.metric_statistics(creds, &q).await.ok()?.metric_statistics;
                series.first().and_then(|s| s.values.iter().rev().find_map(|p| p.value())).map(|v| v as f32)
            };
            let (d, ha, storage) = tokio::join!(c.db_instance(creds, &id), c.high_availability(creds, &id), storage);
            let mut reasons = Vec::new();
            let status = i.db_instance_status.as_ref().map(|s| s.as_str().to_string()).unwrap_or_default();
            if !running {
                reasons.push(model::Attention::Status(status.clone()));
            }
            if let Some(p) = i.progress_status.as_ref().filter(|p| p.is_busy()) {
                reasons.push(model::Attention::Busy(p.as_str().to_string()));
            }
            if d.as_ref().is_ok_and(|d| d.need_to_apply_parameter_group) {
                reasons.push(model::Attention::ParametersToApply);
            }
            if let Some(s) = storage.filter(|s| *s > 80.0) {
                reasons.push(model::Attention::Storage(s.round() as u32));
            }
            if let Ok(h) = &ha {
                if h.use_high_availability && h.ha_status.as_ref().is_some_and(|s| *s != rds::HaStatus::Stable) {
                    reasons
                        .push(model::Attention::HighAvailability(h.ha_status.as_ref().map(|s| s.as_str().to_string()).unwrap_or_default()));
                }
            }
            model::EstateRow { id: id.0, name: i.db_instance_name, status, reasons, storage }
        }
    }))
    .await;
    rows.sort_by(|a, b| b.reasons.len().min(1).cmp(&a.reasons.len().min(1)).then_with(|| a.name.cmp(&b.name)));
    Ok(rows)
}

/// The extensions of the instance's group (the current upstream guide's
/// extension endpoints) and the instance's databases.
pub async fn extensions(ctx: &Context, actor: Reader<'_>, id: &str) -> Result<model::ExtensionsView, DomainError> {
    let creds = gateway::reader(ctx, &actor).await?;
    let instance = DbInstanceId::new(id);
    let detail = ctx.rds.db_instance(&creds, &instance).await?;
    let (extensions, databases) =
        tokio::join!(ctx.rds.extensions(&creds, &detail.db_instance_group_id), ctx.rds.databases(&creds, &instance));
    Ok(model::ExtensionsView {
        group_id: detail.db_instance_group_id.0,
        extensions: extensions?.extensions,
        databases: databases?.databases.into_iter().map(|d| (d.database_id.0, d.database_name)).collect(),
    })
}

/// The project's events: upstream's filters and paging; an empty `from`
/// means 30 days ago and an empty `to` means now.
/// `code` (an event code, or empty) is a filter upstream does not have: it
/// is applied over every page (`crate::scan`).
pub async fn project_events(ctx: &Context, actor: Reader<'_>, mut q: EventQuery, code: &str) -> Result<Matched<Event>, DomainError> {
    let now = crate::time::unix_now();
    if q.from.trim().is_empty() {
        q.from = rds::datetime::format_unix(now - 30 * 86_400, 0);
    }
    if q.to.trim().is_empty() {
        q.to = rds::datetime::format_unix(now, 0);
    }
    if let Some(s) = &q.source_id {
        rds::validate::path_id("sourceId", s)?;
    }
    if q.keyword.as_ref().is_some_and(|k| k.chars().count() > 100) {
        return Err(crate::refused("keyword", "at-most-chars", &[&100]).into());
    }
    let creds = gateway::reader(ctx, &actor).await?;
    if code.is_empty() {
        let answer = ctx.rds.events(&creds, &q).await?;
        return Ok(Matched { items: answer.events, total: answer.total_counts, bounded: false });
    }
    let fetch = |p: u32| {
        let q = EventQuery { page: p, size: crate::scan::UPSTREAM_PAGE, ..q.clone() };
        let creds = creds.clone();
        async move {
            let answer = ctx.rds.events(&creds, &q).await?;
            Ok((answer.events, answer.total_counts))
        }
    };
    // Upstream's order (newest first) is kept.
    crate::scan::across_pages(fetch, |e| model::matched::keeps_event(code, e), |_, _| std::cmp::Ordering::Equal, q.page, q.size).await
}

/// Loads the create form's choices.
pub async fn create_choices(ctx: &Context, actor: Reader<'_>) -> Result<CreateChoices, DomainError> {
    let creds = gateway::reader(ctx, &actor).await?;
    let c = &ctx.rds;
    let all_groups = ParameterGroupQuery::default();
    let (v, f, s, t, p, g, u, r) = tokio::join!(
        c.db_versions(&creds),
        c.db_flavors(&creds),
        c.subnets(&creds),
        c.storage_types(&creds),
        c.parameter_groups(&creds, &all_groups),
        c.db_security_groups(&creds),
        c.user_groups(&creds),
        c.regions(&creds),
    );
    let zones = zones(&r?);
    Ok(CreateChoices {
        versions: v?.db_versions,
        flavors: f?.db_flavors,
        subnets: s?.subnets,
        storage_types: t?.storage_types,
        parameter_groups: p?.parameter_groups,
        security_groups: g?.db_security_groups,
        user_groups: u?.user_groups,
        zones,
    })
}
