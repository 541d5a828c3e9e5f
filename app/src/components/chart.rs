//! Metric charts drawn as SVG in Rust, with units and a hover read-out.

use leptos::prelude::*;
use rds::types::MetricSeries;

// The drawing's size and left margin. The fixed lines and the `viewBox`
// are written out in the view (560 × 150, axes at x 36 and y 132): an
// attribute holding a float would bring float formatting into the bundle.
const W: f64 = 560.0;
const H: f64 = 150.0;
const PAD: f64 = 36.0;

/// A drawing coordinate with one decimal, in whole-number arithmetic.
pub fn coord(v: f64) -> String {
    let n = (v * 10.0).round() as i64;
    let sign = if n < 0 { "-" } else { "" };
    format!("{sign}{}.{}", n.unsigned_abs() / 10, n.unsigned_abs() % 10)
}

/// A metric's name with its unit, in the page's language: its words from
/// `metrics.ftl` when pgdeck knows it, else made from upstream's name
/// (`CPU_LOAD_AVERAGE_1M`, `""` → "CPU load average 1m"; `STORAGE_IO_READ`,
/// `KB/s` → "Storage I/O read (KB/s)").
pub fn metric_label(name: &str, unit: &str) -> String {
    let known = crate::i18n::msg::metric_name(name).map(crate::i18n::t).filter(|s| !s.is_empty());
    let words = match known {
        Some(w) => w.to_string(),
        None => metric_words(name),
    };
    if unit.is_empty() {
        words
    } else {
        format!("{words} ({})", unit_words(unit))
    }
}

/// A metric's unit in the page's language: upstream's counts in words,
/// other units (%, KB/s, ms) as written.
pub fn unit_words(unit: &str) -> String {
    use crate::i18n::msg::metrics as m;
    let words = match unit {
        "count" => crate::i18n::t(m::UNIT_COUNT),
        "count/s" => crate::i18n::t(m::UNIT_COUNT_PER_SECOND),
        _ => "",
    };
    if words.is_empty() { unit } else { words }.to_string()
}

/// A watchdog as a sentence in the page's language: "CPU usage ≥ 90 % for
/// 5 minutes".
pub fn watchdog_sentence(w: &rds::types::Watchdog, unit: &str) -> String {
    let unit = match unit {
        "" => String::new(),
        "%" | "PERCENT" => " %".to_string(),
        u => format!(" {}", unit_words(u)),
    };
    crate::i18n::tf(crate::i18n::msg::metrics::watchdog_sentence(
        metric_label(&w.metric_name, ""),
        model::alerting::sign(&w.comparison_operator).to_string(),
        w.threshold,
        unit,
        w.duration,
    ))
}

fn metric_words(name: &str) -> String {
    let words: Vec<String> = name
        .split('_')
        .filter(|w| !w.is_empty())
        .enumerate()
        .map(|(n, w)| match w {
            "CPU" => w.to_string(),
            "IO" => "I/O".to_string(),
            _ if n == 0 => format!("{}{}", &w[..1], w[1..].to_ascii_lowercase()),
            _ => w.to_ascii_lowercase(),
        })
        .collect();
    words.join(" ")
}

/// A time on the chart's axis, in UTC like the range inputs: `HH:MM`, with
/// the date when the range spans more than a day.
fn tick(t: i64, with_date: bool) -> String {
    let s = rds::datetime::format_unix(t, 0);
    if with_date {
        s[5..16].replace('T', " ")
    } else {
        s[11..16].to_string()
    }
}

/// One metric over time.
#[component]
pub fn MetricChart(
    series: MetricSeries,
    /// Watchdogs on this metric, drawn as lines at their thresholds.
    #[prop(optional)]
    watch: Vec<model::alerting::WatchLine>,
) -> impl IntoView {
    let points: Vec<(i64, f64)> = series.values.iter().filter_map(|p| p.value().map(|v| (p.0, v))).collect();
    let watched = watch
        .iter()
        .map(|l| (l.watchdog.threshold as f64, format!("{}: {}", l.group, watchdog_sentence(&l.watchdog, &series.unit))))
        .collect::<Vec<_>>();
    let title = metric_label(&series.metric_name, "");
    let unit = unit_words(&series.unit);
    if points.len() < 2 {
        return view! { <figure class="chart"><figcaption>{title}</figcaption><p class="empty">{crate::i18n::t(crate::i18n::msg::tab_monitoring::CHART_NO_DATA)}</p></figure> }
            .into_any();
    }
    let (t0, t1) = (points[0].0, points[points.len() - 1].0);
    let max = points.iter().map(|p| p.1).chain(watched.iter().map(|w| w.0)).fold(f64::MIN, f64::max).max(1e-9);
    let min = points.iter().map(|p| p.1).chain(watched.iter().map(|w| w.0)).fold(f64::MAX, f64::min).min(0.0);
    let x = move |t: i64| PAD + (t - t0) as f64 / ((t1 - t0).max(1) as f64) * (W - PAD - 8.0);
    let y = move |v: f64| H - 18.0 - (v - min) / (max - min).max(1e-9) * (H - 30.0);
    let path = points.iter().map(|(t, v)| format!("{},{}", coord(x(*t)), coord(y(*v)))).collect::<Vec<_>>().join(" ");
    let lang = crate::i18n::lang();
    // The text alternative: the latest value and the range, in words.
    let (lo, hi) = points.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| (lo.min(p.1), hi.max(p.1)));
    let latest = points[points.len() - 1].1;
    let described = crate::i18n::tf(crate::i18n::msg::tab_monitoring::chart_described(
        title.clone(),
        lang.decimal(latest, 2),
        unit.clone(),
        lang.decimal(lo, 2),
        lang.decimal(hi, 2),
        tick(t0, true),
        tick(t1, true),
    ));
    let (hover, set_hover) = signal::<Option<usize>>(None);
    let pts = StoredValue::new(points);
    let unit2 = unit.clone();
    let readout = move || {
        hover.get().and_then(|i| pts.with_value(|p| p.get(i).copied())).map(|(t, v)| {
            let when = rds::datetime::format_unix(t, 0);
            format!("{} UTC — {} {}", &when[..16].replace('T', " "), lang.decimal(v, 2), unit2)
        })
    };
    let with_date = t1 - t0 > 86_400;
    let ticks = [t0, t0 + (t1 - t0) / 2, t1];
    view! {
        <figure class="chart">
            <figcaption>{format!("{title} ({})", if unit.is_empty() { crate::i18n::t(crate::i18n::msg::tab_monitoring::CHART_VALUE) } else { unit.as_str() })}
                <span class="sub">{format!("{} – {} UTC", tick(t0, true), tick(t1, true))}</span></figcaption>
            <svg
                viewBox="0 0 560 150"
                role="img"
                aria-label=described
                on:mousemove=move |ev| {
                    // The drawing is scaled to the page: pointer pixels to
                    // drawing units first.
                    let shown = chart_width(&ev).unwrap_or(W);
                    let px = f64::from(ev.offset_x()) * W / shown.max(1.0);
                    let frac = ((px - PAD) / (W - PAD - 8.0)).clamp(0.0, 1.0);
                    let n = pts.with_value(|p| p.len());
                    set_hover.set(Some(((n - 1) as f64 * frac).round() as usize));
                }
                on:mouseleave=move |_| set_hover.set(None)
            >
                <line x1="36" y1="132" x2="552" y2="132" class="axis"/>
                <line x1="36" y1="12" x2="36" y2="132" class="axis"/>
                <text x="2" y="16" class="tick">{lang.decimal(max, 1)}</text>
                <text x="2" y="132" class="tick">{lang.decimal(min, 1)}</text>
                {ticks.into_iter().enumerate().map(|(n, t)| {
                    let anchor = ["start", "middle", "end"][n];
                    view! { <text x=coord(x(t)) y="146" class="tick" text-anchor=anchor>{tick(t, with_date)}</text> }
                }).collect_view()}
                <polyline points=path class="line"/>
                {watched.iter().map(|(v, what)| view! {
                    <line x1="36" y1=coord(y(*v)) x2="552" y2=coord(y(*v)) class="threshold"><title>{what.clone()}</title></line>
                }).collect_view()}
                {move || hover.get().and_then(|i| pts.with_value(|p| p.get(i).copied())).map(|(t, v)| view! {
                    <circle cx=coord(x(t)) cy=coord(y(v)) r="3" class="dot"/>
                })}
            </svg>
            {(!watched.is_empty()).then(|| view! {
                <ul class="watch-lines" aria-label=crate::i18n::tf(crate::i18n::msg::tab_monitoring::chart_watchdogs_on(title.clone()))>
                    {watched.iter().map(|(_, what)| view! { <li>{crate::i18n::t(crate::i18n::msg::tab_monitoring::CHART_WATCHDOG)}{what.clone()}</li> }).collect_view()}
                </ul>
            })}
            <p class="readout" aria-live="polite">{move || readout().unwrap_or_else(|| crate::i18n::t(crate::i18n::msg::tab_monitoring::CHART_POINT).into())}</p>
        </figure>
    }
    .into_any()
}

/// The width on the page, in CSS pixels, of the element a mouse event is
/// handled on (a chart, the restore timeline).
#[cfg(feature = "hydrate")]
pub fn chart_width(ev: &leptos::ev::MouseEvent) -> Option<f64> {
    use wasm_bindgen::JsCast;
    let el: web_sys::Element = ev.current_target()?.dyn_into().ok()?;
    Some(el.get_bounding_client_rect().width())
}

#[cfg(not(feature = "hydrate"))]
pub fn chart_width(_: &leptos::ev::MouseEvent) -> Option<f64> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metric_names_read_as_words() {
        assert_eq!(metric_label("CPU_LOAD_AVERAGE_1M", ""), "CPU load average 1m");
        assert_eq!(metric_label("STORAGE_IO_READ", "KB/s"), "Storage I/O read (KB/s)");
        assert_eq!(metric_label("DATABASE_CONNECTIONS", "count"), "Database connections (count)");
        assert_eq!(metric_label("_ODD__NAME", ""), "Odd name");
    }

    #[test]
    fn axis_times_are_utc() {
        assert_eq!(tick(0, false), "00:00");
        assert_eq!(tick(86_400 + 3_600, true), "01-02 01:00");
    }
}
