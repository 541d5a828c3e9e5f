//! The monitoring tab: the instance's metrics over a chosen range.

use super::*;
#[allow(unused_imports)]
use crate::i18n::{msg::tab_monitoring as m, t, tf};

pub(super) const CHARTS: &[&str] = &["CPU_USAGE", "MEMORY_USAGE", "DATABASE_CONNECTIONS", "STORAGE_USAGE", "QUERIES_PER_SECOND"];

/// A datetime-local input's value (`YYYY-MM-DDTHH:MM[:SS]`), read as UTC,
/// in unix seconds.
pub(super) fn utc_minute(s: &str) -> Option<i64> {
    let s = s.trim();
    rds::datetime::parse_rfc3339_lenient(&if s.len() == 16 { format!("{s}:00") } else { s.to_string() })
}

#[component]
pub(super) fn MonitoringTab(
    data: Tab<MetricsData>,
    minutes: RwSignal<(i64, Option<i64>)>,
    charted: RwSignal<Vec<String>>,
) -> impl IntoView {
    let custom = RwSignal::new(false);
    view! {
        <div class="card wide">
            <div class="inline-form">
                <label><span>{t(m::MON_RANGE)}</span>
                    <select on:change:target=move |ev| {
                        let v = ev.target().value();
                        custom.set(v == "custom");
                        if let Ok(m) = v.parse() { minutes.set((m, None)); }
                    }>
                        <option value="60">{t(m::MON_LAST_HOUR)}</option>
                        <option value="1440">{t(m::MON_LAST_DAY)}</option>
                        <option value="10080">{t(m::MON_LAST_WEEK)}</option>
                        <option value="custom">{t(m::MON_CUSTOM)}</option>
                    </select></label>
                {move || custom.get().then(|| crate::components::on_demand(t(m::MON_LOADING), async move { custom_range(minutes).await }))}
            </div>
            <Loaded data loading=t(m::MON_LOADING_METRICS) let:metrics>
                <Charts metrics charted/>
            </Loaded>
        </div>
    }
}

/// The custom range's fields, loaded when a member picks t(m::MON_CUSTOM).
#[leptos::lazy]
pub(super) fn custom_range(minutes: RwSignal<(i64, Option<i64>)>) -> AnyView {
    view! { <CustomRange minutes/> }.into_any()
}

#[component]
pub(super) fn CustomRange(minutes: RwSignal<(i64, Option<i64>)>) -> impl IntoView {
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let range_error = move || {
        let (f, u) = (utc_minute(&from.get()), utc_minute(&to.get()));
        match (f, u) {
            (None, _) => Some(t(m::MON_FROM_BAD).to_string()),
            (_, None) => Some(t(m::MON_TO_BAD).to_string()),
            (Some(f), Some(u)) if u - f < 600 => Some(t(m::MON_TOO_SHORT).to_string()),
            (Some(f), Some(u)) if u - f > 31 * 86_400 => Some(t(m::MON_TOO_LONG).to_string()),
            _ => None,
        }
    };
    view! {
        <label><span>{t(m::MON_FROM)}</span><input type="datetime-local" prop:value=from on:input:target=move |ev| from.set(ev.target().value())/></label>
        <label><span>{t(m::MON_TO)}</span><input type="datetime-local" prop:value=to on:input:target=move |ev| to.set(ev.target().value())/></label>
        <button type="button" prop:disabled=move || range_error().is_some() on:click=move |_| {
            if let (Some(f), Some(t)) = (utc_minute(&from.get()), utc_minute(&to.get())) {
                minutes.set(((t - f) / 60, Some(t)));
            }
        }>{t(m::MON_SHOW)}</button>
        <FieldError name=t(m::MON_RANGE) error=Signal::derive(move || (!from.get().is_empty() || !to.get().is_empty()).then(range_error).flatten())/>
    }
}

/// The metric picker and a chart for each metric picked.
#[component]
pub(super) fn Charts(metrics: MetricsData, charted: RwSignal<Vec<String>>) -> impl IntoView {
    let (available, series, lines) = metrics;
    view! {
        <fieldset class="checks metric-picker">
            <legend>{t(m::MON_METRICS)}</legend>
            {available.into_iter().map(|m| {
                let name = m.metric_name.clone();
                let on = charted.with(|c| c.contains(&name));
                let label = metric_label(&m.metric_name, &m.unit);
                view! {
                    <label class="check"><input type="checkbox" prop:checked=on on:change:target=move |ev| {
                        let (want, name) = (ev.target().checked(), name.clone());
                        charted.update(|c| { c.retain(|x| *x != name); if want { c.push(name); } });
                    }/>{label}</label>
                }
            }).collect_view()}
        </fieldset>
        {series.is_empty().then(|| view! { <p class="empty">{t(m::MON_PICK)}</p> })}
        <div class="charts">{series.into_iter().map(|s| {
            let watch: Vec<_> = lines.iter().filter(|l| l.watchdog.metric_name == s.metric_name).cloned().collect();
            view! { <MetricChart series=s watch/> }
        }).collect_view()}</div>
    }
}
