//! What the instance list and the group pages read from upstream (the
//! sandbox), as the domain hands it to the pages.

use crate::common;
use common::spawn_app;

#[tokio::test]
async fn the_list_extras_carry_cpu_and_sessions_for_running_instances_only() {
    let app = spawn_app().await;
    let alice = app.actor("alice").await;
    let list = domain::instances::list(&app.ctx, alice.grant().unwrap()).await.unwrap();
    let extras = domain::instances::extras(&app.ctx, alice.grant().unwrap()).await.unwrap();
    assert_eq!(extras.len(), list.len());
    for i in &list {
        let x = extras.iter().find(|x| x.id == i.db_instance_id.0).expect("every instance has its extras");
        assert!(!x.flavor.is_empty() && x.storage_size > 0 && !x.zone.is_empty(), "{x:?}");
        if i.db_instance_status == Some(rds::DbInstanceStatus::Available) {
            let cpu = x.cpu.expect("a running instance reports CPU");
            assert!((0.0..=100.0).contains(&cpu), "{cpu}");
            assert!(x.connections.is_some(), "{x:?}");
        } else {
            assert_eq!((x.cpu, x.connections), (None, None), "a stopped instance reports nothing: {x:?}");
        }
    }
}

#[tokio::test]
async fn the_group_pages_read_every_parameter_and_rule_in_words() {
    let app = spawn_app().await;
    let victor = app.actor("victor").await;
    let (pgs, sgs) = domain::access::groups(&app.ctx, victor.grant().unwrap()).await.unwrap();
    assert!(!pgs.is_empty() && !sgs.is_empty());
    assert!(pgs.iter().all(|g| g.version.starts_with("PostgreSQL V")), "{pgs:?}");

    let pg = domain::access::parameter_group(&app.ctx, victor.grant().unwrap(), &pgs[0].id).await.unwrap();
    assert_eq!(pg.name, pgs[0].name);
    assert!(pg.parameters.len() > 1);
    let max = pg.parameters.iter().find(|p| p.name == "max_connections").expect("max_connections is a parameter");
    assert!(max.modifiable && max.restarts, "{max:?}");

    let sg = sgs.iter().find(|g| g.name == "app-servers").unwrap();
    let sg = domain::access::security_group(&app.ctx, victor.grant().unwrap(), &sg.id).await.unwrap();
    assert!(!sg.rules.is_empty());
    assert!(sg.rules.iter().all(|r| !r.direction.is_empty() && !r.cidr.is_empty() && !r.ports.is_empty()), "{:?}", sg.rules);

    // An unknown group is upstream's error, not an empty page.
    assert!(domain::access::parameter_group(&app.ctx, victor.grant().unwrap(), "no-such-group").await.is_err());
}

#[tokio::test]
async fn a_signed_out_visitor_reads_no_groups() {
    let app = spawn_app().await;
    let (status, body) = app.call(&app.browser(), "access_groups", &[]).await;
    assert!(status >= 400, "{status} {body}");
}

#[tokio::test]
async fn access_rules_read_in_matching_order_with_what_waits() {
    let app = spawn_app().await;
    let alice = app.actor("alice").await;
    let list = domain::instances::list(&app.ctx, alice.grant().unwrap()).await.unwrap();
    let id = list.iter().find(|i| i.db_instance_name == "analytics").unwrap().db_instance_id.0.clone();
    let v = domain::access::hba_rules(&app.ctx, alice.grant().unwrap(), &id).await.unwrap();
    assert!(v.need_to_apply, "the sandbox seeds a rule waiting to be created");
    assert!(v.rules.windows(2).all(|w| w[0].order <= w[1].order));
    assert_eq!(v.rules[0].databases, "app");
    assert_eq!(v.rules[1].databases, "All");
    assert_eq!(v.rules[1].state, "Creation pending (apply required)");
    assert!(v.rules.iter().all(|r| r.auth == "Password (SCRAM-SHA-256)"));
}

#[tokio::test]
async fn a_page_opened_by_its_address_asks_upstream_once_for_each_thing() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let list = domain::instances::list(&app.ctx, app.actor("alice").await.grant().unwrap()).await.unwrap();
    let id = list[0].db_instance_id.0.clone();
    // The instance page: its header and its overview tab read the same overview.
    let reads = ["db_instance", "network_info", "storage_info", "high_availability", "backup_info", "maintenance_info"];
    let mut before = Vec::new();
    for r in reads {
        before.push(app.hits(r).await);
    }
    let page = alice.get(format!("{}/instances/{id}/overview", app.base)).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let page = page.text().await.unwrap();
    assert!(page.contains("Instance sections"), "the page rendered with its data");
    for (r, b) in reads.iter().zip(before) {
        assert_eq!(app.hits(r).await - b, 1, "{r} asked once for one page");
    }
    // The dashboard lists the estate once.
    let before = app.hits("db_instances").await;
    let page = alice.get(format!("{}/", app.base)).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Dashboard"));
    assert_eq!(app.hits("db_instances").await - before, 1, "the list asked once for the dashboard");
}

/// A member without credentials (audrey, the auditor) gets the dashboard,
/// told why the estate is missing — never a refusal the page could not use.
#[tokio::test]
async fn the_dashboard_of_a_member_without_credentials_answers_without_the_estate() {
    let app = crate::common::spawn_app().await;
    let audrey = app.signed_in("audrey").await;
    let (status, body) = app.call(&audrey, "dashboard", &[]).await;
    assert_eq!(status, 200, "{body}");
    let d: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(d["has_credentials"], false);
    assert_eq!(d["estate"].as_array().unwrap().len(), 0);
    let alice = app.signed_in("alice").await;
    let (_, body) = app.call(&alice, "dashboard", &[]).await;
    let d: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(d["has_credentials"], true);
    assert!(!d["estate"].as_array().unwrap().is_empty());
}
