//! The rest of the estate through the real router and the sandbox: user
//! and notification groups with watchdogs drawn on charts, extensions
//! installed and removed through the change path, and the dashboard.

use crate::common;
use common::spawn_app;
use serde_json::{json, Value};
use std::time::Duration;

async fn instance_id(app: &common::TestApp, client: &reqwest::Client, name: &str) -> String {
    let (_, body) = app.call(client, "list_instances", &[]).await;
    let list: Vec<Value> = serde_json::from_str(&body).unwrap();
    list.iter().find(|i| i["dbInstanceName"] == name).unwrap()["dbInstanceId"].as_str().unwrap().to_string()
}

async fn alerting(app: &common::TestApp, client: &reqwest::Client) -> Value {
    let (status, body) = app.call(client, "alerting", &[]).await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

async fn ran(app: &common::TestApp, client: &reqwest::Client, call: Value) -> Value {
    let (status, body) = app.change(client, call.clone(), "").await;
    assert_eq!(status, 200, "{call}: {body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    assert!(v.get("Ran").is_some(), "{call} ran: {v}");
    v
}

async fn set_gate(app: &common::TestApp, admin: &reqwest::Client, action: &str, required: bool) {
    let policy = json!({"policy": {"action": action, "required": required, "approvals_needed": 1, "approver_roles": ["approver", "admin"], "open_hours": 24, "run_within_hours": 24, "customised": true}});
    let r = admin.post(format!("{}/api/set_policy", app.base)).json(&policy).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
}

#[tokio::test]
async fn a_notification_group_with_a_watchdog_is_named_and_drawn_on_its_instances_charts() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let before = alerting(&app, &alice).await;
    let members: Vec<String> =
        before["members"].as_array().unwrap().iter().take(2).map(|m| m["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(members.len(), 2, "the sandbox has project members");
    let created =
        ran(&app, &alice, json!({"create_user_group": {"body": {"userGroupName": "on-call", "memberIds": members, "selectAllYN": false}}}))
            .await;
    let ug = created["Ran"]["created"].as_str().expect("the user group's id").to_string();
    let (orders, analytics) = (instance_id(&app, &alice, "orders-db").await, instance_id(&app, &alice, "analytics").await);
    let created = ran(
        &app,
        &alice,
        json!({"create_notification_group": {"body": {
        "notificationGroupName": "prod-alerts", "notifyEmail": true, "notifySms": false, "isEnabled": true,
        "dbInstanceIds": [orders, analytics], "userGroupIds": [ug]}}}),
    )
    .await;
    let ng = created["Ran"]["created"].as_str().expect("the notification group's id").to_string();
    // A metric upstream does not offer is refused before upstream.
    let (status, text) = app
        .change(&alice, json!({"create_watchdog": {"group_id": ng, "body": {"metricName": "CPU_USAGEE", "comparisonOperator": "GE", "threshold": 90, "duration": 5}}}), "")
        .await;
    assert_eq!(status, 422, "{text}");
    assert!(text.contains("metricName"), "{text}");
    assert_eq!(app.hits("create_watchdog").await, 0);
    let (status, text) = app
        .change(&alice, json!({"create_watchdog": {"group_id": ng, "body": {"metricName": "CPU_USAGE", "comparisonOperator": "GE", "threshold": 90, "duration": 0}}}), "")
        .await;
    assert_eq!(status, 422, "{text}");
    assert!(text.contains("duration"), "{text}");
    ran(&app, &alice, json!({"create_watchdog": {"group_id": ng, "body": {"metricName": "CPU_USAGE", "comparisonOperator": "GE", "threshold": 90, "duration": 5}}})).await;

    let after = alerting(&app, &alice).await;
    let group = after["user_groups"].as_array().unwrap().iter().find(|g| g["id"] == ug.as_str()).expect("the new user group");
    assert_eq!(group["members"].as_array().unwrap().len(), 2);
    assert!(group["members"][0]["email"].as_str().unwrap().contains('@'), "members are named with their e-mail: {group}");
    let n = after["notification_groups"].as_array().unwrap().iter().find(|g| g["id"] == ng.as_str()).expect("the new notification group");
    let watched: Vec<&str> = n["instances"].as_array().unwrap().iter().map(|i| i[1].as_str().unwrap()).collect();
    // The HA pair's members share a name: the watched one is named by role.
    assert_eq!(watched, vec!["orders-db (master)", "analytics"]);
    assert_eq!(n["user_groups"][0][1], "on-call");
    assert_eq!(n["watchdogs"][0]["metricName"], "CPU_USAGE");

    // The watchdog is a line on the watched instance's CPU chart, and not on
    // an instance the group does not watch.
    let actor = app.actor("alice").await;
    let (_, _, lines) =
        domain::instances::metrics(&app.ctx, actor.grant().unwrap(), &orders, vec!["CPU_USAGE".into()], 60, None).await.unwrap();
    let mine: Vec<_> = lines.iter().filter(|l| l.group == "prod-alerts").collect();
    assert_eq!(mine.len(), 1, "{lines:?}");
    assert_eq!((mine[0].watchdog.threshold, mine[0].watchdog.duration, mine[0].watchdog.metric_name.as_str()), (90, 5, "CPU_USAGE"));
    let other = instance_id(&app, &alice, "staging-db").await;
    let (_, _, lines) =
        domain::instances::metrics(&app.ctx, actor.grant().unwrap(), &other, vec!["CPU_USAGE".into()], 60, None).await.unwrap();
    assert!(lines.iter().all(|l| l.group != "prod-alerts"), "{lines:?}");
}

async fn read(app: &common::TestApp, c: &reqwest::Client, id: &str) -> Value {
    let (status, body) = app.call(c, "instance_extensions", &[("id", id)]).await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_str::<Value>(&body).unwrap()
}

#[tokio::test]
async fn extensions_are_installed_applied_and_removed_through_the_change_path() {
    let app = spawn_app().await;
    let (alice, bob, admin) = (app.signed_in("alice").await, app.signed_in("bob").await, app.signed_in("admin").await);
    let id = instance_id(&app, &alice, "orders-db").await;
    let v = read(&app, &alice, &id).await;
    let group = v["group_id"].as_str().unwrap().to_string();
    let trgm = v["extensions"].as_array().unwrap().iter().find(|e| e["extensionName"] == "pg_trgm").expect("pg_trgm offered").clone();
    let db = v["databases"][0][0].as_str().unwrap().to_string();
    let ext = trgm["extensionId"].as_str().unwrap();
    // A bad schema is refused before upstream.
    let (status, text) = app
        .change(
            &alice,
            json!({"install_extension": {"group_id": group, "extension_id": ext, "body": {"databaseId": db, "schemaName": "1bad schema"}}}),
            "",
        )
        .await;
    assert_eq!(status, 422, "{text}");
    assert!(text.contains("schemaName"), "{text}");
    // Install is gated by default: a request, approved by bob.
    let (status, body) = app
        .change(
            &alice,
            json!({"install_extension": {"group_id": group, "extension_id": ext, "body": {"databaseId": db, "schemaName": "public"}}}),
            "search on order notes",
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let req = serde_json::from_str::<Value>(&body).unwrap()["Requested"]["approval"].as_i64().expect("install is gated");
    assert_eq!(app.hits("install_extension").await, 0, "nothing sent before approval");
    // bob reads which instance, database, schema and extension, by name.
    let (_, inbox) = app.call(&bob, "list_approvals", &[("view", "inbox"), ("state", "")]).await;
    let inbox: Vec<Value> = serde_json::from_str(&inbox).unwrap();
    let shown = inbox.iter().find(|r| r["id"] == req).expect("in bob's inbox");
    let names: Vec<(String, String)> = shown["basis"]["names"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["kind"].as_str().unwrap().to_string(), n["name"].as_str().unwrap().to_string()))
        .collect();
    let db_name = v["databases"][0][1].as_str().unwrap().to_string();
    assert!(names.iter().any(|(k, n)| k == "instance group" && n.contains("orders-db")), "{names:?}");
    assert!(names.contains(&("extension".into(), "pg_trgm".into())), "{names:?}");
    assert!(names.contains(&("database".into(), db_name.clone())), "{names:?}");
    assert!(names.contains(&("schema".into(), "public".into())), "{names:?}");
    assert!(shown["resource_name"].as_str().unwrap().contains("orders-db"), "the title names the instances, not an id: {shown}");
    let (status, body) = app.call(&bob, "vote_approval", &[("id", &req.to_string()), ("approve", "true"), ("comment", "ok")]).await;
    assert_eq!(status, 200, "{body}");
    let mut installed = Value::Null;
    for _ in 0..50 {
        let v = read(&app, &alice, &id).await;
        installed = v["extensions"].as_array().unwrap().iter().find(|e| e["extensionName"] == "pg_trgm").unwrap().clone();
        if installed["extensionStatus"] == "NEED_TO_APPLY" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(installed["extensionStatus"], "NEED_TO_APPLY", "{installed}");
    assert_eq!(installed["databases"][0]["reservedAction"], "INSTALL");
    ran(&app, &alice, json!({"apply_extensions": {"group_id": group}})).await;
    for _ in 0..50 {
        let v = read(&app, &alice, &id).await;
        installed = v["extensions"].as_array().unwrap().iter().find(|e| e["extensionName"] == "pg_trgm").unwrap().clone();
        if installed["extensionStatus"] == "AVAILABLE" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(installed["databases"][0]["dbInstanceGroupExtensionStatus"], "INSTALLED", "{installed}");
    // Removal, with the gate lifted, waits for the next apply.
    set_gate(&app, &admin, "delete_extension", false).await;
    let gx = installed["databases"][0]["dbInstanceGroupExtensionId"].as_str().unwrap();
    ran(&app, &alice, json!({"delete_extension": {"group_id": group, "group_extension_id": gx, "query": {"withCascade": false}}})).await;
    let v = read(&app, &alice, &id).await;
    let e = v["extensions"].as_array().unwrap().iter().find(|e| e["extensionName"] == "pg_trgm").unwrap();
    assert_eq!(e["databases"][0]["reservedAction"], "DELETE");
    // A viewer reads the tab but cannot change it.
    let victor = app.signed_in("victor").await;
    let (status, _) = app.change(&victor, json!({"sync_extensions": {"group_id": group}}), "").await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn the_dashboard_puts_attention_first_and_shows_what_waits_for_whom() {
    let app = spawn_app().await;
    let (alice, bob) = (app.signed_in("alice").await, app.signed_in("bob").await);
    let id = instance_id(&app, &alice, "orders-db").await;
    let (status, body) = app.change(&alice, json!({"pause_high_availability": {"id": id}}), "maintenance on the candidate").await;
    assert_eq!(status, 200, "{body}");
    let req = serde_json::from_str::<Value>(&body).unwrap()["Requested"]["approval"].as_i64().expect("pausing HA is gated");
    let board = |c: reqwest::Client| {
        let app = &app;
        async move {
            let (status, body) = app.call(&c, "dashboard", &[]).await;
            assert_eq!(status, 200, "{body}");
            serde_json::from_str::<Value>(&body).unwrap()
        }
    };
    let b = board(bob.clone()).await;
    assert!(b["waiting"].as_array().unwrap().iter().any(|r| r["id"] == req), "bob is asked: {}", b["waiting"]);
    assert!(b["mine"].as_array().unwrap().is_empty());
    let a = board(alice.clone()).await;
    assert!(a["waiting"].as_array().unwrap().iter().all(|r| r["id"] != req), "alice never votes on her own request");
    assert!(a["mine"].as_array().unwrap().iter().any(|r| r["id"] == req));
    // Instances needing attention come first; the stopped one says why.
    let estate = a["estate"].as_array().unwrap();
    let first_fine = estate.iter().position(|r| r["reasons"].as_array().unwrap().is_empty()).unwrap_or(estate.len());
    assert!(estate[first_fine..].iter().all(|r| r["reasons"].as_array().unwrap().is_empty()), "attention first: {estate:?}");
    let stopped = estate.iter().find(|r| r["status"] == "SHUTDOWN").expect("a stopped instance in the sandbox");
    assert_eq!(stopped["reasons"][0], serde_json::json!({"Status": "SHUTDOWN"}), "{stopped}");
    assert!(!a["events"].as_array().unwrap().is_empty(), "recent events are listed");
}
