//! User groups, notification groups and their watchdogs, as read for the
//! alerting page: every group with its members, instances and watchdogs
//! named, and what the forms choose from.

use crate::gateway;
use crate::{Context, DomainError, Reader};
use futures_util::future::join_all;
use model::alerting::{Alerting, NotificationGroupView, Person, UserGroupView, WatchLine};

/// Everything the alerting page shows.
/// Instances sharing a name are told apart by their role in `words`.
pub async fn overview(ctx: &Context, actor: Reader<'_>, words: &model::naming::Words) -> Result<Alerting, DomainError> {
    let creds = gateway::reader(ctx, &actor).await?;
    let (user_groups, notification_groups, members, instances, metrics) = tokio::join!(
        ctx.rds.user_groups(&creds),
        ctx.rds.notification_groups(&creds),
        ctx.rds.members(&creds),
        ctx.rds.db_instances(&creds),
        ctx.rds.metrics(&creds),
    );
    let members = members?.members;
    // Instances that share a name (an HA pair) are told apart by role.
    let instances = instances?.db_instances;
    let labels = model::naming::labels(&instances, words);
    let label = |id: &str, name: String| labels.iter().find(|(i, _)| i == id).map(|(_, l)| l.clone()).unwrap_or(name);
    let user_groups = user_groups?.user_groups;
    let notification_groups = notification_groups?.notification_groups;
    let details = join_all(user_groups.iter().map(|g| ctx.rds.user_group(&creds, &g.user_group_id))).await;
    let user_groups: Vec<UserGroupView> = user_groups
        .into_iter()
        .zip(details)
        .map(|(g, d)| {
            let d = d.unwrap_or_default();
            let every = d.user_group_type_code.as_ref().is_some_and(|t| t.as_str() == "ENTIRE");
            UserGroupView {
                id: g.user_group_id.0,
                name: g.user_group_name,
                every_member: every,
                members: d
                    .members
                    .iter()
                    .map(|m| match members.iter().find(|p| p.member_id == m.member_id) {
                        Some(p) => Person::of(p),
                        None => Person { id: m.member_id.0.clone(), name: m.member_id.0.clone(), email: String::new() },
                    })
                    .collect(),
                created: g.created_ymdt.map(|t| t.display()).unwrap_or_default(),
            }
        })
        .collect();
    let ids: Vec<_> = notification_groups.iter().map(|g| g.notification_group_id.clone()).collect();
    let (details, watchdogs) = tokio::join!(
        join_all(ids.iter().map(|id| ctx.rds.notification_group(&creds, id))),
        join_all(ids.iter().map(|id| ctx.rds.watchdogs(&creds, id))),
    );
    let notification_groups = notification_groups
        .into_iter()
        .zip(details.into_iter().zip(watchdogs))
        .map(|(g, (d, w))| {
            let d = d.unwrap_or_default();
            NotificationGroupView {
                id: g.notification_group_id.0,
                name: g.notification_group_name,
                email: g.notify_email,
                sms: g.notify_sms,
                enabled: g.is_enabled,
                instances: d
                    .db_instances
                    .into_iter()
                    .map(|i| (i.db_instance_id.0.clone(), label(&i.db_instance_id.0, i.db_instance_name)))
                    .collect(),
                user_groups: d.user_groups.into_iter().map(|u| (u.user_group_id.0, u.user_group_name)).collect(),
                watchdogs: w.map(|w| w.watchdogs).unwrap_or_default(),
            }
        })
        .collect();
    Ok(Alerting {
        user_groups,
        notification_groups,
        members: members.iter().map(Person::of).collect(),
        instances: labels.clone(),
        metrics: metrics?.metrics,
    })
}

/// The watchdogs of the notification groups watching instance `id`, as
/// lines for its charts.
pub async fn watch_lines(ctx: &Context, creds: &rds::client::Credentials, id: &str) -> Result<Vec<WatchLine>, DomainError> {
    let groups = ctx.rds.notification_groups(creds).await?.notification_groups;
    let details = join_all(groups.iter().map(|g| ctx.rds.notification_group(creds, &g.notification_group_id))).await;
    let watching: Vec<_> =
        details.into_iter().flatten().filter(|d| d.db_instances.iter().any(|i| i.db_instance_id.as_str() == id)).collect();
    let dogs = join_all(watching.iter().map(|d| ctx.rds.watchdogs(creds, &d.notification_group_id))).await;
    Ok(watching
        .into_iter()
        .zip(dogs)
        .flat_map(|(d, w)| {
            let group = d.notification_group_name.clone();
            w.map(|w| w.watchdogs).unwrap_or_default().into_iter().map(move |w| WatchLine { group: group.clone(), watchdog: w })
        })
        .collect())
}
