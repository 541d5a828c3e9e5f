//! Metric series that look real: daily rhythm, slow trends and noise,
//! the same for the same instance, metric and minute.

use rds::types::{MetricPoint, MetricSeries};

fn hash(parts: &[&[u8]]) -> u64 {
    // FNV-1a: stable across runs, which keeps charts steady between reloads.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in *p {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

fn noise(seed: u64, t: i64) -> f64 {
    let h = hash(&[&seed.to_le_bytes(), &t.to_le_bytes()]);
    (h % 10_000) as f64 / 10_000.0 - 0.5
}

/// One value of `metric` for `instance` at Unix time `t`.
pub fn value(instance: &str, metric: &str, t: i64, storage_gb: u32, running: bool) -> f64 {
    let seed = hash(&[instance.as_bytes(), metric.as_bytes()]);
    if !running {
        return if metric == "DATABASE_STATUS" { 0.0 } else { 0.0f64.max(if metric == "STORAGE_USAGE" { 40.0 } else { 0.0 }) };
    }
    let day = ((t % 86_400) as f64 / 86_400.0) * std::f64::consts::TAU;
    // Busiest mid-afternoon KST (05:00 UTC).
    let rhythm = (day - 1.3).sin() * 0.5 + 0.5;
    let n = noise(seed, t / 60);
    let base = (seed % 100) as f64 / 100.0;
    match metric {
        "CPU_USAGE" => (8.0 + 45.0 * rhythm + 10.0 * base + 6.0 * n).clamp(0.5, 100.0),
        "CPU_LOAD_AVERAGE_1M" => (0.3 + 2.5 * rhythm + n).max(0.0),
        "CPU_LOAD_AVERAGE_5M" => (0.3 + 2.3 * rhythm + 0.5 * n).max(0.0),
        "CPU_LOAD_AVERAGE_15M" => (0.3 + 2.1 * rhythm + 0.2 * n).max(0.0),
        "MEMORY_USAGE" => (55.0 + 15.0 * rhythm + 2.0 * n).clamp(0.0, 100.0),
        "MEMORY_USED" => 2048.0 * (0.55 + 0.15 * rhythm) + 20.0 * n,
        "MEMORY_FREE" => 2048.0 * (0.45 - 0.15 * rhythm) + 20.0 * n,
        "SWAP_USAGE" => (1.0 + 2.0 * base + 0.5 * n).max(0.0),
        "STORAGE_USAGE" => (30.0 + 20.0 * base + (t % 604_800) as f64 / 604_800.0 * 3.0).min(99.0),
        "STORAGE_USED" => f64::from(storage_gb) * 1024.0 * (0.3 + 0.2 * base),
        "STORAGE_IO_READ" => (200.0 + 3_000.0 * rhythm + 400.0 * n).max(0.0),
        "STORAGE_IO_WRITE" => (150.0 + 1_800.0 * rhythm + 300.0 * n).max(0.0),
        "NETWORK_RECV" => (80.0 + 900.0 * rhythm + 100.0 * n).max(0.0),
        "NETWORK_SENT" => (120.0 + 1_400.0 * rhythm + 150.0 * n).max(0.0),
        "DATABASE_STATUS" => 1.0,
        "DATABASE_CONNECTIONS" => (12.0 + 110.0 * rhythm + 8.0 * n).round().max(0.0),
        "TRANSACTIONS_PER_SECOND" => (20.0 + 600.0 * rhythm + 40.0 * n).max(0.0),
        "QUERIES_PER_SECOND" => (60.0 + 2_400.0 * rhythm + 120.0 * n).max(0.0),
        "DEADLOCKS" => {
            if n > 0.495 {
                1.0
            } else {
                0.0
            }
        }
        "REPLICATION_DELAY" => (0.2 + 1.5 * rhythm * base + 0.3 * n).max(0.0),
        _ => (50.0 + 30.0 * rhythm + 5.0 * n).max(0.0),
    }
}

#[allow(clippy::too_many_arguments)]
/// A series from `from` to `to` (Unix seconds) every `interval_min` minutes.
pub fn series(
    instance: &str,
    metric: &str,
    unit: &str,
    from: i64,
    to: i64,
    interval_min: u32,
    storage_gb: u32,
    running: bool,
) -> MetricSeries {
    let step = i64::from(interval_min.max(1)) * 60;
    let start = from - from.rem_euclid(step);
    let mut values = Vec::new();
    let mut t = start;
    while t <= to && values.len() < 10_000 {
        let v = value(instance, metric, t, storage_gb, running);
        let text = if v.fract() == 0.0 { format!("{v:.0}") } else { format!("{v:.2}") };
        values.push(MetricPoint(t, serde_json::Value::String(text)));
        t += step;
    }
    MetricSeries { metric_name: metric.into(), unit: unit.into(), values }
}

/// The interval upstream would pick for a range: about 300 points at most.
pub fn auto_interval(from: i64, to: i64) -> u32 {
    let minutes = ((to - from).max(60) / 60) as u32;
    match minutes {
        0..=360 => 1,
        361..=1_440 => 5,
        1_441..=10_080 => 30,
        _ => 60,
    }
}
