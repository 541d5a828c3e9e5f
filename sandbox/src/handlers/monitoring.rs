//! Metrics, statistics, events and event codes.

use super::*;

pub fn metrics(_w: &mut World) -> Answer {
    ok(Metrics { metrics: METRICS.iter().map(|(n, u)| Metric { metric_name: (*n).into(), unit: (*u).into() }).collect() })
}

pub fn metric_statistics(w: &mut World, query: MetricQuery) -> Answer {
    valid(&query)?;
    let i = inst(w, query.db_instance_id.as_str())?;
    let from = rds::datetime::parse_rfc3339_lenient(&query.from).unwrap_or(0);
    let to = rds::datetime::parse_rfc3339_lenient(&query.to).unwrap_or(0);
    if to - from > 31 * 86_400 {
        return Err(ApiError::invalid(ValidationError::new("to", "the range may cover at most 31 days")));
    }
    let interval = query.interval.unwrap_or_else(|| metrics::auto_interval(from, to));
    let running = i.detail.db_instance_status == Some(DbInstanceStatus::Available);
    let mut out = Vec::new();
    for m in &query.metric_names {
        let unit = METRICS
            .iter()
            .find(|(n, _)| n == m)
            .map(|(_, u)| *u)
            .ok_or_else(|| ApiError::invalid(ValidationError::new("metricNames", format!("no such metric: {m}"))))?;
        out.push(metrics::series(
            i.detail.db_instance_id.as_str(),
            m,
            unit,
            from,
            to.min(unix_now()),
            interval,
            i.storage.storage_size,
            running,
        ));
    }
    ok(MetricStatistics { metric_statistics: out })
}

pub fn events(w: &mut World, query: EventQuery) -> Answer {
    valid(&query)?;
    let from = rds::datetime::parse_rfc3339_lenient(&query.from).unwrap_or(0);
    let to = rds::datetime::parse_rfc3339_lenient(&query.to).unwrap_or(i64::MAX);
    let keyword = query.keyword.as_deref().map(str::to_lowercase);
    let mut all: Vec<Event> = w
        .events
        .iter()
        .filter(|e| {
            query.event_category_type == EventCategoryType::All || e.event_category_type.as_ref() == Some(&query.event_category_type)
        })
        .filter(|e| query.source_id.as_ref().is_none_or(|s| &e.source_id == s))
        .filter(|e| e.event_ymdt.as_ref().and_then(Timestamp::unix).is_some_and(|t| t >= from && t <= to))
        .filter(|e| {
            keyword
                .as_ref()
                .is_none_or(|k| e.messages.iter().any(|m| m.message.to_lowercase().contains(k)) || e.source_name.to_lowercase().contains(k))
        })
        .cloned()
        .collect();
    // Newest first, as the console lists them.
    all.reverse();
    all.sort_by_key(|e| std::cmp::Reverse(e.event_ymdt.as_ref().and_then(Timestamp::unix)));
    ok(Events { total_counts: all.len() as u64, events: paged(&all, query.page, query.size) })
}

pub fn event_codes(_w: &mut World) -> Answer {
    ok(EventCodes {
        event_codes: EVENT_CODES
            .iter()
            .map(|(c, cat, _)| EventCode { event_code: (*c).into(), event_category_type: Some(EventCategoryType::parse(cat)) })
            .collect(),
    })
}
