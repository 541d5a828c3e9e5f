//! Access control through the real router and the sandbox: HBA rules
//! changed, reordered and applied with the diff an approver sees; DB
//! security groups created, refused deletion while in use; every field
//! checked before upstream.

use crate::common;
use common::spawn_app;
use serde_json::{json, Value};
use std::time::Duration;

async fn instance_id(app: &common::TestApp, client: &reqwest::Client, name: &str) -> String {
    let (_, body) = app.call(client, "list_instances", &[]).await;
    let list: Vec<Value> = serde_json::from_str(&body).unwrap();
    list.iter().find(|i| i["dbInstanceName"] == name).unwrap()["dbInstanceId"].as_str().unwrap().to_string()
}

async fn hba(app: &common::TestApp, client: &reqwest::Client, id: &str) -> Value {
    let (status, body) = app.call(client, "instance_hba", &[("id", id)]).await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

async fn set_gate(app: &common::TestApp, admin: &reqwest::Client, action: &str, required: bool) {
    let policy = json!({"policy": {"action": action, "required": required, "approvals_needed": 1, "approver_roles": ["approver", "admin"], "open_hours": 24, "run_within_hours": 24, "customised": true}});
    let r = admin.post(format!("{}/api/set_policy", app.base)).json(&policy).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
}

/// Waits until nothing waits to be applied on the instance.
async fn applied(app: &common::TestApp, client: &reqwest::Client, id: &str) -> Value {
    for _ in 0..100 {
        let v = hba(app, client, id).await;
        if v["need_to_apply"] == false {
            return v;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the access rules were never applied");
}

fn ok(status: u16, body: &str) -> Value {
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(body).unwrap()
}

fn rule(address: &str, method: &str) -> Value {
    json!({"databaseApplyType": "ENTIRE", "dbUserApplyType": "ENTIRE", "databaseIds": [], "dbUserIds": [], "address": address, "authMethod": method})
}

#[tokio::test]
async fn an_apply_request_carries_the_diff_and_runs_the_new_order() {
    let app = spawn_app().await;
    let (alice, bob, admin) = (app.signed_in("alice").await, app.signed_in("bob").await, app.signed_in("admin").await);
    let id = instance_id(&app, &alice, "orders-db").await;
    // Start from rules pgdeck has seen applied.
    set_gate(&app, &admin, "apply_hba_rules", false).await;
    let before = hba(&app, &alice, &id).await;
    assert_eq!(before["diff"]["baseline_known"], false, "nothing applied seen yet: {}", before["diff"]);
    ok_change(&app, &alice, json!({"apply_hba_rules": {"id": id}})).await;
    let start = applied(&app, &alice, &id).await;
    assert_eq!(start["diff"]["entries"].as_array().unwrap().len(), 0);
    set_gate(&app, &admin, "apply_hba_rules", true).await;
    let first = start["rules"][0]["id"].as_str().unwrap().to_string();
    let second = start["rules"][1]["id"].as_str().unwrap().to_string();

    // Add two rules, change the first, move the last added to the top.
    ok_change(&app, &alice, json!({"create_hba_rule": {"id": id, "body": rule("198.51.100.0/24", "REJECT")}})).await;
    ok_change(&app, &alice, json!({"create_hba_rule": {"id": id, "body": rule("192.0.2.10/32", "TRUST")}})).await;
    let mut changed = rule("10.11.0.0/16", "SCRAM_SHA_256");
    changed["databaseApplyType"] = start["rules"][0]["rule"]["databaseApplyType"].clone();
    changed["databaseIds"] =
        json!(start["rules"][0]["rule"]["databases"].as_array().unwrap().iter().map(|d| d["databaseId"].clone()).collect::<Vec<_>>());
    changed["dbUserApplyType"] = start["rules"][0]["rule"]["dbUserApplyType"].clone();
    changed["dbUserIds"] =
        json!(start["rules"][0]["rule"]["dbUsers"].as_array().unwrap().iter().map(|u| u["dbUserId"].clone()).collect::<Vec<_>>());
    ok_change(&app, &alice, json!({"modify_hba_rule": {"id": id, "hba_rule_id": first, "body": changed}})).await;
    let now = hba(&app, &alice, &id).await;
    let ids: Vec<String> = now["rules"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap().to_string()).collect();
    let trust =
        now["rules"].as_array().unwrap().iter().find(|r| r["address"] == "192.0.2.10/32").unwrap()["id"].as_str().unwrap().to_string();
    let mut order = vec![trust.clone()];
    order.extend(ids.iter().filter(|x| **x != trust).cloned());
    ok_change(&app, &alice, json!({"reorder_hba_rules": {"id": id, "body": {"hbaRuleIds": order}}})).await;

    let pending = hba(&app, &alice, &id).await;
    let diff = &pending["diff"];
    assert_eq!(diff["baseline_known"], true);
    let kinds: Vec<(String, String)> = diff["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["kind"].as_str().unwrap().to_string(), e["rule"]["address"].as_str().unwrap().to_string()))
        .collect();
    assert!(kinds.contains(&("added".into(), "198.51.100.0/24".into())), "{kinds:?}");
    assert!(kinds.contains(&("added".into(), "192.0.2.10/32".into())), "{kinds:?}");
    let change = diff["entries"].as_array().unwrap().iter().find(|e| e["kind"] == "changed").expect("the changed rule");
    assert_eq!(change["fields"], json!([{"field": "address", "before": "10.10.0.0/16", "after": "10.11.0.0/16"}]));
    assert_eq!(diff["after"][0]["address"], "192.0.2.10/32", "the moved rule comes first");
    let _ = second;

    // The apply waits for approval and carries the same diff.
    let (status, body) = app.change(&alice, json!({"apply_hba_rules": {"id": id}}), "open the partner network").await;
    let outcome = ok(status, &body);
    let req = outcome["Requested"]["approval"].as_i64().expect("gated by default");
    let (_, list) = app.call(&bob, "list_approvals", &[("view", "inbox"), ("state", "")]).await;
    let list: Vec<Value> = serde_json::from_str(&list).unwrap();
    let shown = list.iter().find(|r| r["id"] == req).expect("bob sees the request");
    assert_eq!(&shown["hba_diff"], diff, "the approver sees the diff the requester saw");
    let (status, body) = app.call(&bob, "vote_approval", &[("id", &req.to_string()), ("approve", "true"), ("comment", "agreed")]).await;
    assert_eq!(status, 200, "{body}");
    let done = applied(&app, &alice, &id).await;
    let addresses: Vec<&str> =
        done["rules"].as_array().unwrap().iter().filter(|r| r["deleting"] == false).map(|r| r["address"].as_str().unwrap()).collect();
    let expected: Vec<&str> = diff["after"].as_array().unwrap().iter().map(|w| w["address"].as_str().unwrap()).collect();
    assert_eq!(addresses, expected, "applied in the order the diff showed");
    assert_eq!(done["diff"]["entries"].as_array().unwrap().len(), 0);
}

async fn ok_change(app: &common::TestApp, client: &reqwest::Client, call: Value) -> Value {
    let (status, body) = app.change(client, call.clone(), "").await;
    let v = ok(status, &body);
    assert!(v.get("Ran").is_some(), "{call} ran: {v}");
    v
}

#[tokio::test]
async fn rules_are_checked_before_upstream() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let id = instance_id(&app, &alice, "orders-db").await;
    let mut custom_without_ids = rule("10.0.0.0/8", "TRUST");
    custom_without_ids["databaseApplyType"] = json!("USER_CUSTOM");
    for (body, field) in [
        (rule("10.0.0.0/33", "TRUST"), "address"),
        (rule("not a host!", "TRUST"), "address"),
        (rule("10.0.0.0/8", "MD5"), "authMethod"),
        (custom_without_ids, "databaseIds"),
    ] {
        let (status, text) = app.change(&alice, json!({"create_hba_rule": {"id": id, "body": body}}), "").await;
        assert_eq!(status, 422, "{text}");
        assert!(text.contains(field), "{field}: {text}");
    }
    let (status, text) = app.change(&alice, json!({"reorder_hba_rules": {"id": id, "body": {"hbaRuleIds": []}}}), "").await;
    assert_eq!(status, 422, "{text}");
    assert_eq!(app.hits("create_hba_rule").await + app.hits("reorder_hba_rules").await, 0);
    let sg = |port: Value, cidr: &str| {
        json!({"create_db_security_group": {"body": {"dbSecurityGroupName": "partners", "rules": [
        {"direction": "INGRESS", "etherType": "IPV4", "port": port, "cidr": cidr}]}}})
    };
    for (call, field) in [
        (sg(json!({"portType": "PORT", "minPort": 5432, "maxPort": 5433}), "10.0.0.0/8"), "port.maxPort"),
        (sg(json!({"portType": "PORT_RANGE", "minPort": 6000, "maxPort": 5000}), "10.0.0.0/8"), "port.maxPort"),
        (sg(json!({"portType": "PORT_RANGE", "minPort": 0, "maxPort": 5000}), "10.0.0.0/8"), "port.minPort"),
        (sg(json!({"portType": "DB_PORT", "minPort": 5432}), "10.0.0.0/8"), "port.minPort"),
        (sg(json!({"portType": "DB_PORT"}), "10.0.0.0/40"), "cidr"),
    ] {
        let (status, text) = app.change(&alice, call, "").await;
        assert_eq!(status, 422, "{text}");
        assert!(text.contains(field), "{field}: {text}");
    }
    assert_eq!(app.hits("create_db_security_group").await, 0);
}

#[tokio::test]
async fn a_security_group_in_use_cannot_be_deleted_and_a_free_one_can() {
    let app = spawn_app().await;
    let (alice, admin) = (app.signed_in("alice").await, app.signed_in("admin").await);
    let (_, body) = app.call(&alice, "access_groups", &[]).await;
    let (_, sgs): (Value, Vec<Value>) = serde_json::from_str(&body).unwrap();
    // A group some instance uses.
    let mut used = None;
    for g in &sgs {
        let (_, b) = app.call(&alice, "security_group", &[("id", g["id"].as_str().unwrap())]).await;
        let v: Value = serde_json::from_str(&b).unwrap();
        if !v["used_by"].as_array().unwrap().is_empty() {
            used = Some(v);
            break;
        }
    }
    let used = used.expect("a security group in use");
    let names: Vec<&str> = used["used_by"].as_array().unwrap().iter().map(|u| u["name"].as_str().unwrap()).collect();
    let (status, text) = app.change(&alice, json!({"delete_db_security_group": {"group_id": used["id"]}}), "cleanup").await;
    assert_eq!(status, 409, "{text}");
    for n in &names {
        assert!(text.contains(n), "the refusal names {n}: {text}");
    }
    assert_eq!(app.hits("delete_db_security_group").await, 0);

    // Create one with a rule, add and change rules, delete it.
    let created = ok_change(
        &app,
        &alice,
        json!({"create_db_security_group": {"body": {"dbSecurityGroupName": "partners", "description": "partner VPN", "rules": [
        {"direction": "INGRESS", "etherType": "IPV4", "port": {"portType": "DB_PORT"}, "cidr": "10.30.0.0/16"}]}}}),
    )
    .await;
    let gid = created["Ran"]["created"].as_str().expect("the new group's id").to_string();
    ok_change(&app, &alice, json!({"create_security_rule": {"group_id": gid, "body": {"direction": "INGRESS", "etherType": "IPV4", "port": {"portType": "PORT_RANGE", "minPort": 6000, "maxPort": 6010}, "cidr": "10.31.0.0/16"}}})).await;
    let mut group = Value::Null;
    for _ in 0..50 {
        let (_, b) = app.call(&alice, "security_group", &[("id", &gid)]).await;
        group = serde_json::from_str(&b).unwrap();
        if group["rules"].as_array().unwrap().len() == 2 && group["busy"] == "" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let ports: Vec<&str> = group["rules"].as_array().unwrap().iter().map(|r| r["ports"].as_str().unwrap()).collect();
    assert_eq!(ports, vec!["DB port", "6000–6010"]);
    assert_eq!(group["used_by"], json!([]));
    set_gate(&app, &admin, "delete_db_security_group", false).await;
    ok_change(&app, &alice, json!({"delete_db_security_group": {"group_id": gid}})).await;
    let (status, body) = app.call(&alice, "security_group", &[("id", &gid)]).await;
    assert!(status >= 400 && body.contains("not found"), "the group is gone: {status} {body}");
}
