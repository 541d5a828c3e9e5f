//! Metric charts drawn as SVG in Rust, with units and a hover read-out.

use leptos::prelude::*;
use rds::types::MetricSeries;

const W: f64 = 560.0;
const H: f64 = 150.0;
const PAD: f64 = 36.0;

/// One metric over time.
#[component]
pub fn MetricChart(series: MetricSeries) -> impl IntoView {
    let points: Vec<(i64, f64)> = series.values.iter().filter_map(|p| p.value().map(|v| (p.0, v))).collect();
    let title = series.metric_name.replace('_', " ").to_lowercase();
    let unit = series.unit.clone();
    if points.len() < 2 {
        return view! { <figure class="chart"><figcaption>{title}</figcaption><p class="empty">"No data in this range."</p></figure> }
            .into_any();
    }
    let (t0, t1) = (points[0].0, points[points.len() - 1].0);
    let max = points.iter().map(|p| p.1).fold(f64::MIN, f64::max).max(1e-9);
    let min = points.iter().map(|p| p.1).fold(f64::MAX, f64::min).min(0.0);
    let x = move |t: i64| PAD + (t - t0) as f64 / ((t1 - t0).max(1) as f64) * (W - PAD - 8.0);
    let y = move |v: f64| H - 18.0 - (v - min) / (max - min).max(1e-9) * (H - 30.0);
    let path = points.iter().map(|(t, v)| format!("{:.1},{:.1}", x(*t), y(*v))).collect::<Vec<_>>().join(" ");
    let (hover, set_hover) = signal::<Option<usize>>(None);
    let pts = StoredValue::new(points);
    let unit2 = unit.clone();
    let readout = move || {
        hover.get().and_then(|i| pts.with_value(|p| p.get(i).copied())).map(|(t, v)| {
            let when = rds::datetime::format_unix(t, 540);
            format!("{} — {:.2} {}", &when[..16].replace('T', " "), v, unit2)
        })
    };
    view! {
        <figure class="chart">
            <figcaption>{format!("{title} ({})", if unit.is_empty() { "value" } else { unit.as_str() })}</figcaption>
            <svg
                viewBox=format!("0 0 {W} {H}")
                role="img"
                aria-label=format!("{title} chart")
                on:mousemove=move |ev| {
                    let px = f64::from(ev.offset_x());
                    let width = 560.0_f64;
                    let frac = ((px - PAD) / (width - PAD - 8.0)).clamp(0.0, 1.0);
                    let n = pts.with_value(|p| p.len());
                    set_hover.set(Some(((n - 1) as f64 * frac).round() as usize));
                }
                on:mouseleave=move |_| set_hover.set(None)
            >
                <line x1=PAD y1=H - 18.0 x2=W - 8.0 y2=H - 18.0 class="axis"/>
                <line x1=PAD y1=12.0 x2=PAD y2=H - 18.0 class="axis"/>
                <text x="2" y="16" class="tick">{format!("{max:.1}")}</text>
                <text x="2" y=H - 18.0 class="tick">{format!("{min:.1}")}</text>
                <polyline points=path class="line"/>
                {move || hover.get().and_then(|i| pts.with_value(|p| p.get(i).copied())).map(|(t, v)| view! {
                    <circle cx=x(t) cy=y(v) r="3" class="dot"/>
                })}
            </svg>
            <p class="readout" aria-live="polite">{move || readout().unwrap_or_else(|| "Point at the chart for a value.".into())}</p>
        </figure>
    }
    .into_any()
}
