//! pgdeck's load figures (see BENCHMARKS.md):
//!   1. audited mutations per second through the change path (gate and gateway) against the sandbox;
//!   2. audit search latency on 1,000,000 rows (actor, resource, time filters);
//!   3. export of 1,000,000 rows: time and peak memory.
//!
//! Run: `cargo run --release -p server --example bench [-- ROWS]`

use domain::audit::{self, Entry, Filter, Format};
use std::time::{Duration, Instant};

/// Builds the filter of the i-th query of a case.
type MakeFilter = Box<dyn Fn(usize) -> Filter>;

fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmRSS:")).and_then(|l| l.split_whitespace().nth(1)).and_then(|n| n.parse().ok()))
        .unwrap_or(0)
}

fn percentile(mut v: Vec<Duration>, p: f64) -> Duration {
    v.sort();
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let rows: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1_000_000);
    let dir = tempfile::tempdir()?;
    let args = server::config::ServeArgs {
        data_dir: Some(dir.path().to_path_buf()),
        sandbox: true,
        config: Some(dir.path().join("none.toml")),
        ..Default::default()
    };
    std::fs::write(dir.path().join("none.toml"), "")?;
    let (_router, ctx, _) = server::web::build(args.resolve()?).await?;
    // Members as a session resolves them: nothing else makes one.
    let client = domain::Client { addr: "127.0.0.1".into(), user_agent: "bench".into() };
    let signed_in = |name: &'static str| {
        let (ctx, client) = (ctx.clone(), client.clone());
        async move {
            let (sid, _) = domain::auth::sign_in(&ctx, name, domain::seed::DEMO_PASSWORD, &client).await?;
            anyhow::Ok(domain::auth::resolve(&ctx, &sid, &client).await?)
        }
    };
    let actor = signed_in("alice").await?;
    let auditor = signed_in("audrey").await?;
    let creds = domain::credentials::acting(&ctx, actor.user_id).await?.1;
    let instance =
        ctx.rds.db_instances(&creds).await?.db_instances.into_iter().find(|i| i.db_instance_name == "analytics").expect("seeded");

    // 1. Audited mutations through the gateway.
    let total = 20_000usize;
    let concurrency = 32usize;
    let started = Instant::now();
    let mut tasks = Vec::new();
    for t in 0..concurrency {
        let (ctx, actor, id) = (ctx.clone(), actor.clone(), instance.db_instance_id.clone());
        tasks.push(tokio::spawn(async move {
            for n in 0..total / concurrency {
                let on = (n + t) % 2 == 0;
                let call = rds::Call::ModifyDeletionProtection {
                    id: id.clone(),
                    body: rds::types::DeletionProtection { use_deletion_protection: on },
                };
                // The one path a change takes: the gate (ungated here), then the gateway.
                domain::change::request(&ctx, actor.grant().expect("an operator"), call, "").await.expect("mutation");
            }
        }));
    }
    for t in tasks {
        t.await?;
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "gateway: {total} audited mutations (intent + outcome rows each) in {secs:.2}s = {:.0}/s ({concurrency} concurrent callers)",
        total as f64 / secs
    );
    let check = audit::verify(&ctx.pool, &ctx.vault).await?;
    let rows_now: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_events").fetch_one(&ctx.pool).await?;
    println!("gateway: {rows_now} audit rows, chain {}", check.first_break.as_deref().unwrap_or("intact"));
    anyhow::ensure!(check.first_break.is_none(), "the audit chain broke under concurrent mutations");

    // 2. Fill the audit log to `rows` rows.
    let key = audit::chain_key(&ctx.vault);
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_events").fetch_one(&ctx.pool).await?;
    let started = Instant::now();
    const ACTORS: [&str; 8] = ["alice", "bob", "carol", "admin", "victor", "audrey", "dana", "erik"];
    let actors = ACTORS;
    let mut n = existing as usize;
    while n < rows {
        let mut tx = domain::db::begin(&ctx.pool).await?;
        for _ in 0..10_000.min(rows - n) {
            let who = actors[n % actors.len()];
            let mut e = Entry::cli("modify_db_instance")
                .resource("db_instance", &format!("inst-{:05}", n % 5000), &format!("db-{:05}", n % 5000))
                .summary(serde_json::json!({"description": format!("change {n}")}))
                .duration_ms(3);
            e.actor_name = who.into();
            audit::append(&mut tx, &key, &e).await?;
            n += 1;
        }
        tx.commit().await?;
    }
    println!("audit: filled to {rows} rows in {:.1}s", started.elapsed().as_secs_f64());
    sqlx::query("ANALYZE").execute(&ctx.pool).await?;

    let (from, to): (String, String) =
        sqlx::query_as("SELECT (SELECT at FROM audit_events WHERE id = ?), (SELECT at FROM audit_events WHERE id = ?)")
            .bind(rows as i64 / 2)
            .bind(rows as i64 / 2 + 5000)
            .fetch_one(&ctx.pool)
            .await?;
    let cases: Vec<(&str, MakeFilter)> = vec![
        ("actor", Box::new(|i| Filter { actor: ACTORS[i % ACTORS.len()].into(), ..Default::default() })),
        ("resource", Box::new(|i| Filter { resource: format!("inst-{:05}", (i * 37) % 5000), ..Default::default() })),
        ("time range", Box::new(move |_| Filter { from: from.clone(), to: to.clone(), ..Default::default() })),
        (
            "actor + time",
            Box::new(|i| Filter {
                actor: ACTORS[i % ACTORS.len()].into(),
                from: "2000-01-01".into(),
                to: "2100-01-01".into(),
                ..Default::default()
            }),
        ),
    ];
    for (name, make) in &cases {
        let mut times = Vec::new();
        for i in 0..300 {
            let f = make(i);
            let t = Instant::now();
            let got = audit::search(&ctx.pool, auditor.grant()?.into(), &f).await?;
            times.push(t.elapsed());
            assert!(!got.is_empty(), "{name} found nothing");
        }
        println!(
            "audit search by {name:<13} on {rows} rows: p50 {:.2} ms, p95 {:.2} ms",
            percentile(times.clone(), 0.5).as_secs_f64() * 1e3,
            percentile(times, 0.95).as_secs_f64() * 1e3
        );
    }

    // 3. Export everything, counting bytes, watching memory.
    for format in [Format::Csv, Format::Jsonl] {
        let before = rss_kib();
        let peak = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(before));
        let watcher = {
            let peak = peak.clone();
            tokio::spawn(async move {
                loop {
                    peak.fetch_max(rss_kib(), std::sync::atomic::Ordering::Relaxed);
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
            })
        };
        let bytes = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
        let t = Instant::now();
        let b = bytes.clone();
        let exported = audit::export(&ctx.pool, auditor.grant()?.into(), &Filter::default(), format, move |chunk| {
            b.fetch_add(chunk.len() as u64, std::sync::atomic::Ordering::Relaxed);
            async { true }
        })
        .await?;
        let secs = t.elapsed().as_secs_f64();
        watcher.abort();
        let grown = peak.load(std::sync::atomic::Ordering::Relaxed).saturating_sub(before);
        println!(
            "audit export {:?}: {exported} rows, {:.0} MB in {secs:.2}s; resident memory grew by at most {} KiB",
            format,
            bytes.load(std::sync::atomic::Ordering::Relaxed) as f64 / 1e6,
            grown
        );
    }
    Ok(())
}
