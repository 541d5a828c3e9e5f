//! The approval gate against a member who wants the change without the
//! second person: what is approved is exactly what runs (state staged or a
//! name changed after filing makes the request stale, not run), a call with
//! the effect of a gated action is gated like it, and the approver reads
//! the change by name. Through the real router and the sandbox.

use crate::common;
use common::spawn_app;
use serde_json::{json, Value};
use std::time::Duration;

async fn instance_id(app: &common::TestApp, client: &reqwest::Client, name: &str) -> String {
    let (_, body) = app.call(client, "list_instances", &[]).await;
    let list: Vec<Value> = serde_json::from_str(&body).unwrap();
    list.iter().find(|i| i["dbInstanceName"] == name).unwrap_or_else(|| panic!("no {name}: {body}"))["dbInstanceId"]
        .as_str()
        .unwrap()
        .to_string()
}

async fn ask(app: &common::TestApp, client: &reqwest::Client, call: Value, reason: &str) -> Value {
    let (status, body) = app.change(client, call, reason).await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

fn requested(v: &Value) -> i64 {
    v["Requested"]["approval"].as_i64().unwrap_or_else(|| panic!("expected a request for approval, got {v}"))
}

async fn approve(app: &common::TestApp, voter: &reqwest::Client, req: i64) {
    let (status, body) =
        app.call(voter, "vote_approval", &[("id", &req.to_string()), ("approve", "true"), ("comment", "looked at it")]).await;
    assert_eq!(status, 200, "{body}");
}

async fn request_row(app: &common::TestApp, id: i64) -> (String, String, String, String) {
    sqlx::query_as("SELECT state, result_message, resource_name, gates FROM approval_requests WHERE id = ?")
        .bind(id)
        .fetch_one(&app.ctx.pool)
        .await
        .unwrap()
}

async fn rows(app: &common::TestApp, action: &str, approval: i64) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action = ? AND approval_id = ?")
        .bind(action)
        .bind(approval)
        .fetch_one(&app.ctx.pool)
        .await
        .unwrap()
}

fn rule(address: &str, method: &str) -> Value {
    json!({"databaseApplyType": "ENTIRE", "dbUserApplyType": "ENTIRE", "databaseIds": [], "dbUserIds": [], "address": address, "authMethod": method})
}

/// Waits until the instance is called `name` (a rename runs as a job).
async fn named(app: &common::TestApp, client: &reqwest::Client, id: &str, name: &str) {
    for _ in 0..100 {
        let (_, body) = app.call(client, "list_instances", &[]).await;
        let list: Vec<Value> = serde_json::from_str(&body).unwrap();
        if list.iter().any(|i| i["dbInstanceId"] == id && i["dbInstanceName"] == name && i["dbInstanceStatus"] == "AVAILABLE") {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the instance was never renamed {name}");
}

#[tokio::test]
async fn a_rule_staged_after_the_vote_was_asked_for_makes_the_apply_stale_and_nothing_is_applied() {
    let app = spawn_app().await;
    let (alice, bob) = (app.signed_in("alice").await, app.signed_in("bob").await);
    let id = instance_id(&app, &alice, "orders-db").await;
    ask(&app, &alice, json!({"create_hba_rule": {"id": id, "body": rule("10.1.2.3/32", "SCRAM_SHA_256")}}), "").await;
    let req = requested(&ask(&app, &alice, json!({"apply_hba_rules": {"id": id}}), "partner VPN needs one address").await);
    // While it waits: a rule nobody will vote on.
    ask(&app, &alice, json!({"create_hba_rule": {"id": id, "body": rule("0.0.0.0/0", "TRUST")}}), "").await;
    approve(&app, &bob, req).await;
    let (state, message, _, _) = request_row(&app, req).await;
    assert_eq!(state, "stale", "{message}");
    assert!(message.contains("0.0.0.0/0"), "the difference is named: {message}");
    assert_eq!(app.hits("apply_hba_rules").await, 0, "nothing was applied upstream");
    assert_eq!(rows(&app, "approval.stale", req).await, 1);
    assert_eq!(rows(&app, "apply_hba_rules", req).await, 0, "no intent was written: nothing was sent");
    // The requester sees it on their dashboard.
    let (_, dash) = app.call(&alice, "dashboard", &[]).await;
    let dash: Value = serde_json::from_str(&dash).unwrap();
    assert!(dash["mine"].as_array().unwrap().iter().any(|r| r["id"] == req && r["state"] == "stale"), "{}", dash["mine"]);
}

#[tokio::test]
async fn an_apply_whose_rules_did_not_move_runs() {
    let app = spawn_app().await;
    let (alice, bob) = (app.signed_in("alice").await, app.signed_in("bob").await);
    let id = instance_id(&app, &alice, "orders-db").await;
    ask(&app, &alice, json!({"create_hba_rule": {"id": id, "body": rule("10.1.2.3/32", "SCRAM_SHA_256")}}), "").await;
    let req = requested(&ask(&app, &alice, json!({"apply_hba_rules": {"id": id}}), "partner VPN needs one address").await);
    approve(&app, &bob, req).await;
    let (state, message, _, _) = request_row(&app, req).await;
    assert_eq!(state, "executed", "{message}");
    assert_eq!(app.hits("apply_hba_rules").await, 1);
}

#[tokio::test]
async fn turning_ha_off_is_gated_like_pausing_and_splitting_it() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let id = instance_id(&app, &alice, "orders-db").await;
    let v = ask(&app, &alice, json!({"modify_high_availability": {"id": id, "body": {"useHighAvailability": false}}}), "save costs").await;
    let req = requested(&v);
    assert_eq!(app.hits("modify_high_availability").await, 0, "nothing ran");
    let (_, _, name, gates) = request_row(&app, req).await;
    assert_eq!(gates, "modify_high_availability,pause_high_availability,split_high_availability");
    assert_eq!(name, "orders-db");
    // Changing only the ping interval is not gated.
    let v =
        ask(&app, &alice, json!({"modify_high_availability": {"id": id, "body": {"useHighAvailability": true, "pingInterval": 6}}}), "")
            .await;
    assert!(v.get("Ran").is_some(), "{v}");
}

#[tokio::test]
async fn applying_rules_through_a_db_user_change_is_gated_like_the_apply() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let id = instance_id(&app, &alice, "orders-db").await;
    let (_, users) = app.call(&alice, "instance_users", &[("id", &id)]).await;
    let users: Vec<Value> = serde_json::from_str(&users).unwrap();
    let user = users[0]["dbUserId"].as_str().unwrap().to_string();
    let user_name = users[0]["dbUserName"].as_str().unwrap().to_string();
    let call =
        json!({"modify_db_user": {"id": id, "db_user_id": user, "body": {"authorityType": "DDL", "applyHbaRulesImmediately": true}}});
    // The confirmation asks the same question before anything is filed.
    let needs = |call: Value| {
        let (alice, base) = (alice.clone(), app.base.clone());
        async move {
            let r = alice.post(format!("{base}/api/needs_approval")).json(&json!({"call": call})).send().await.unwrap();
            assert_eq!(r.status().as_u16(), 200);
            r.text().await.unwrap()
        }
    };
    assert_eq!(needs(call.clone()).await, "true");
    let mut plain = call.clone();
    plain["modify_db_user"]["body"]["applyHbaRulesImmediately"] = json!(false);
    assert_eq!(needs(plain).await, "false");
    let req = requested(&ask(&app, &alice, call, "needs to run migrations").await);
    assert_eq!(app.hits("modify_db_user").await, 0);
    let (_, list) = app.call(&app.signed_in("bob").await, "list_approvals", &[("view", "inbox"), ("state", "")]).await;
    let list: Vec<Value> = serde_json::from_str(&list).unwrap();
    let shown = list.iter().find(|r| r["id"] == req).expect("bob sees it");
    let names: Vec<(&str, &str)> =
        shown["basis"]["names"].as_array().unwrap().iter().map(|n| (n["kind"].as_str().unwrap(), n["name"].as_str().unwrap())).collect();
    assert_eq!(names, [("instance", "orders-db"), ("DB user", user_name.as_str())], "named, not by id");
    assert!(shown["words"].as_str().unwrap().contains("DDL"), "the fields in words: {}", shown["words"]);
    assert_eq!(shown["gates"], json!(["modify_db_user", "apply_hba_rules"]));
}

#[tokio::test]
async fn a_rename_after_filing_makes_a_deletion_stale_and_the_approver_sees_it_flagged() {
    let app = spawn_app().await;
    let (alice, bob) = (app.signed_in("alice").await, app.signed_in("bob").await);
    let id = instance_id(&app, &alice, "staging-db").await;
    ask(&app, &alice, json!({"modify_db_instance": {"id": id, "body": {"dbInstanceName": "scratch-tmp1"}}}), "").await;
    named(&app, &alice, &id, "scratch-tmp1").await;
    let req = requested(&ask(&app, &alice, json!({"delete_db_instance": {"id": id}}), "scratch copy, done with it").await);
    assert_eq!(request_row(&app, req).await.2, "scratch-tmp1");
    ask(&app, &alice, json!({"modify_db_instance": {"id": id, "body": {"dbInstanceName": "staging-db"}}}), "").await;
    named(&app, &alice, &id, "staging-db").await;
    // The approver's card flags the name as it reads now.
    let (_, list) = app.call(&bob, "list_approvals", &[("view", "inbox"), ("state", "")]).await;
    let list: Vec<Value> = serde_json::from_str(&list).unwrap();
    let shown = list.iter().find(|r| r["id"] == req).expect("bob sees it");
    assert_eq!(shown["renamed"], json!([{"kind": "instance", "id": id, "name": "staging-db"}]));
    approve(&app, &bob, req).await;
    let (state, message, _, _) = request_row(&app, req).await;
    assert_eq!(state, "stale");
    assert!(message.contains("'scratch-tmp1' when filed and is 'staging-db' now"), "{message}");
    assert_eq!(app.hits("delete_db_instance").await, 0, "staging-db was not deleted");
    // The record keeps the English; the result also carries its codes, and
    // alice's card reads them in her language.
    let (_, list) = app.call(&alice, "list_approvals", &[("view", "mine"), ("state", "")]).await;
    let list: Vec<Value> = serde_json::from_str(&list).unwrap();
    let shown = list.iter().find(|r| r["id"] == req).expect("alice sees it");
    assert_eq!(shown["result_said"], json!([["result-stale"], ["change-renamed", "instance", "scratch-tmp1", "staging-db", id]]));
    let card = |accept: &'static str| {
        let (alice, url) = (alice.clone(), format!("{}/approvals?view=mine&id={req}", app.base));
        async move { alice.get(url).header("accept-language", accept).send().await.unwrap().text().await.unwrap() }
    };
    let ko = card("ko").await;
    assert!(
        ko.contains("실행하지 않음. 요청 후 바뀐 점: DB 인스턴스 이름이 요청할 때는 'scratch-tmp1'였고 지금은 'staging-db'입니다"),
        "{ko}"
    );
    // (The page's data, in its scripts, keeps the record's English.)
    let shown: String = ko.split("<script").map(|part| part.split_once("</script>").map_or(part, |(_, after)| after)).collect();
    assert!(!shown.contains("when filed") && shown.contains("요청 후 바뀐 점"), "no English in the Korean card");
    let en = card("en").await;
    assert!(en.contains("'scratch-tmp1' when filed and is 'staging-db' now") && !en.contains("요청 후"), "{en}");
}

/// Changes `deadlock_timeout` in a parameter group (an edit is not gated).
async fn change_deadlock_timeout(app: &common::TestApp, alice: &reqwest::Client, group: &str) {
    let (_, view) = app.call(alice, "parameter_group", &[("id", group)]).await;
    let view: Value = serde_json::from_str(&view).unwrap();
    let p = view["parameters"].as_array().unwrap().iter().find(|p| p["name"] == "deadlock_timeout").expect("deadlock_timeout");
    let other = if p["value"] == "2s" { "3s" } else { "2s" };
    let call = json!({"modify_parameters": {"group_id": group, "body": {"modifiedParameters": [{"parameterName": "deadlock_timeout", "value": other}]}}});
    ask(app, alice, call, "").await;
}

#[tokio::test]
async fn a_parameter_changed_after_a_reset_was_filed_makes_the_reset_stale() {
    let app = spawn_app().await;
    let (alice, bob) = (app.signed_in("alice").await, app.signed_in("bob").await);
    let (_, groups) = app.call(&alice, "parameter_groups", &[]).await;
    let groups: Vec<Value> = serde_json::from_str(&groups).unwrap();
    let group = groups[0]["group"]["parameterGroupId"].as_str().unwrap().to_string();
    let req = requested(&ask(&app, &alice, json!({"reset_parameter_group": {"group_id": group}}), "back to the defaults").await);
    change_deadlock_timeout(&app, &alice, &group).await;
    approve(&app, &bob, req).await;
    let (state, message, _, _) = request_row(&app, req).await;
    assert_eq!(state, "stale", "{message}");
    assert!(message.contains("deadlock_timeout"), "{message}");
    assert_eq!(app.hits("reset_parameter_group").await, 0);
}

#[tokio::test]
async fn a_member_can_have_only_so_many_requests_open_and_the_refusal_is_on_record() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let id = instance_id(&app, &alice, "staging-db").await;
    let max = app.ctx.settings.max_open_requests;
    for _ in 0..max {
        requested(&ask(&app, &alice, json!({"stop_db_instance": {"id": id}}), "stop for the night").await);
    }
    let (status, body) = app.change(&alice, json!({"stop_db_instance": {"id": id}}), "stop for the night").await;
    assert_eq!(status, 409, "{body}");
    assert!(body.contains("requests open"), "{body}");
    let refused: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'approval.request' AND outcome = 'refused'")
        .fetch_one(&app.ctx.pool)
        .await
        .unwrap();
    assert_eq!(refused, 1);
    // bob's badge counts all of them, past one page.
    let bob = app.signed_in("bob").await;
    let (_, n) = app.call(&bob, "approvals_waiting", &[]).await;
    assert_eq!(n, max.to_string());
}

#[tokio::test]
async fn every_members_requests_are_for_admins_and_a_refusal_is_on_record() {
    let app = spawn_app().await;
    for who in ["victor", "audrey", "alice", "bob"] {
        let c = app.signed_in(who).await;
        let (status, body) = app.call(&c, "list_approvals", &[("view", "all"), ("state", "")]).await;
        assert_eq!(status, 403, "{who}: {body}");
    }
    let refused: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'approval.list' AND outcome = 'refused'")
        .fetch_one(&app.ctx.pool)
        .await
        .unwrap();
    assert_eq!(refused, 4);
    let admin = app.signed_in("admin").await;
    let (status, body) = app.call(&admin, "list_approvals", &[("view", "all"), ("state", "")]).await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn a_change_without_an_origin_is_refused() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let _ = alice;
    let plain = reqwest::Client::new();
    let r = plain.post(format!("{}/api/me", app.base)).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 403);
    assert!(r.text().await.unwrap().contains("no Origin"));
    let r = plain.post(format!("{}/api/me", app.base)).header("sec-fetch-site", "same-origin").send().await.unwrap();
    assert_ne!(r.status().as_u16(), 403, "the browser vouches for it");
}

#[tokio::test]
async fn every_description_has_a_limit_checked_before_anything_is_stored_or_sent() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let id = instance_id(&app, &alice, "staging-db").await;
    let (_, groups) = app.call(&alice, "access_groups", &[]).await;
    let long = "d".repeat(256);
    let huge = "x".repeat(200_000);
    let (_, pgs) = app.call(&alice, "parameter_groups", &[]).await;
    let pgs: Vec<Value> = serde_json::from_str(&pgs).unwrap();
    let pg = pgs[0]["group"]["parameterGroupId"].as_str().unwrap().to_string();
    // (parameter groups, security groups)
    let groups: Value = serde_json::from_str(&groups).unwrap();
    let sg = groups[1][0]["id"].as_str().map(str::to_string);
    assert!(sg.is_some(), "the sandbox has a security group: {groups}");
    let mut calls = vec![
        json!({"modify_db_instance": {"id": id, "body": {"description": long}}}),
        json!({"create_parameter_group": {"body": {"parameterGroupName": "pg-x", "description": long, "dbVersion": "POSTGRESQL_V176"}}}),
        json!({"modify_parameter_group": {"group_id": pg, "body": {"description": huge}}}),
        json!({"create_db_security_group": {"body": {"dbSecurityGroupName": "sg-x", "description": long, "rules": [{"direction": "INGRESS", "etherType": "IPV4", "port": {"portType": "DB_PORT"}, "cidr": "10.0.0.0/8"}]}}}),
    ];
    if let Some(sg) = sg {
        calls.push(json!({"create_security_rule": {"group_id": sg, "body": {"description": huge, "direction": "INGRESS", "etherType": "IPV4", "port": {"portType": "DB_PORT"}, "cidr": "10.0.0.0/8"}}}));
        calls.push(json!({"modify_db_security_group": {"group_id": sg, "body": {"description": long}}}));
    }
    for call in calls {
        let before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_events").fetch_one(&app.ctx.pool).await.unwrap();
        let (status, body) = app.change(&alice, call.clone(), "").await;
        assert_eq!(status, 422, "{call}: {body}");
        assert!(body.contains("description") && body.contains("255"), "{body}");
        let rows: Vec<String> =
            sqlx::query_scalar("SELECT summary FROM audit_events ORDER BY id DESC LIMIT 1").fetch_all(&app.ctx.pool).await.unwrap();
        let after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_events").fetch_one(&app.ctx.pool).await.unwrap();
        assert_eq!(after - before, 1, "one refusal row");
        assert!(rows[0].len() < 5_000, "the refusal row says how long the text was instead of copying it: {} bytes", rows[0].len());
    }
    let upstream: u64 = {
        let hits: std::collections::HashMap<String, u64> =
            reqwest::get(format!("{}/_sandbox/arrivals", app.ctx.settings.api_base)).await.unwrap().json().await.unwrap();
        [
            "modify_db_instance",
            "create_parameter_group",
            "modify_parameter_group",
            "create_db_security_group",
            "create_security_rule",
            "modify_db_security_group",
        ]
        .iter()
        .map(|n| hits.get(*n).copied().unwrap_or(0))
        .sum()
    };
    assert_eq!(upstream, 0, "nothing was sent");
}

/// Behind an appending proxy (nginx's `$proxy_add_x_forwarded_for`), what a
/// client writes at the left of `X-Forwarded-For` is not believed: the
/// address recorded is the right-most one not a trusted proxy, and a
/// client cannot dodge the per-address sign-in lock by writing another.
#[tokio::test]
async fn behind_a_trusted_proxy_the_client_cannot_choose_its_address() {
    let app = common::spawn_app_with(|a| a.trusted_proxies = vec!["127.0.0.1".into()]).await;
    let c = app.browser();
    for n in 0..3 {
        let r = c
            .post(format!("{}/api/sign_in", app.base))
            .header("x-forwarded-for", format!("6.6.6.{n}, 198.51.100.7"))
            .form(&[("username", "alice"), ("password", "wrong-password")])
            .send()
            .await
            .unwrap();
        assert!(r.status().is_client_error());
    }
    let addrs: Vec<String> = sqlx::query_scalar("SELECT DISTINCT client_addr FROM audit_events WHERE action = 'auth.sign_in'")
        .fetch_all(&app.ctx.pool)
        .await
        .unwrap();
    assert_eq!(addrs, ["198.51.100.7"], "the proxy's view of the client, whatever the client wrote");
    // Without a trusted proxy, the header is ignored.
    let plain = spawn_app().await;
    let r = plain
        .browser()
        .post(format!("{}/api/sign_in", plain.base))
        .header("x-forwarded-for", "203.0.113.5")
        .form(&[("username", "alice"), ("password", "wrong-password")])
        .send()
        .await
        .unwrap();
    assert!(r.status().is_client_error());
    let addr: String =
        sqlx::query_scalar("SELECT client_addr FROM audit_events WHERE action = 'auth.sign_in'").fetch_one(&plain.ctx.pool).await.unwrap();
    assert_eq!(addr, "127.0.0.1");
}

async fn set_gate(app: &common::TestApp, action: &str, required: bool) {
    let admin = app.signed_in("admin").await;
    let policy = json!({"policy": {"action": action, "required": required, "approvals_needed": 1, "approver_roles": ["approver", "admin"], "open_hours": 24, "run_within_hours": 24, "customised": true}});
    let r = admin.post(format!("{}/api/set_policy", app.base)).json(&policy).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
}

#[tokio::test]
async fn an_extension_staged_after_an_apply_was_filed_makes_the_apply_stale() {
    let app = spawn_app().await;
    let (alice, bob) = (app.signed_in("alice").await, app.signed_in("bob").await);
    set_gate(&app, "install_extension", false).await;
    set_gate(&app, "apply_extensions", true).await;
    let id = instance_id(&app, &alice, "orders-db").await;
    let (_, v) = app.call(&alice, "instance_extensions", &[("id", &id)]).await;
    let v: Value = serde_json::from_str(&v).unwrap();
    let group = v["group_id"].as_str().unwrap().to_string();
    let db = v["databases"][0][0].as_str().unwrap().to_string();
    let ext = |name: &str| {
        v["extensions"].as_array().unwrap().iter().find(|e| e["extensionName"] == name).unwrap()["extensionId"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let install = |e: String| json!({"install_extension": {"group_id": group, "extension_id": e, "body": {"databaseId": db, "schemaName": "public"}}});
    ask(&app, &alice, install(ext("pg_trgm")), "").await;
    let req = requested(&ask(&app, &alice, json!({"apply_extensions": {"group_id": group}}), "search on order notes").await);
    let others: Vec<String> = v["extensions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["extensionName"].as_str().unwrap().to_string())
        .filter(|n| n != "pg_trgm")
        .collect();
    let second = others.first().expect("a second extension is offered").clone();
    ask(&app, &alice, install(ext(&second)), "").await;
    approve(&app, &bob, req).await;
    let (state, message, _, _) = request_row(&app, req).await;
    assert_eq!(state, "stale", "{message}");
    assert!(message.contains(&second), "the extension staged later is named: {message}");
    assert_eq!(app.hits("apply_extensions").await, 0);
}

#[tokio::test]
async fn a_parameter_changed_after_an_apply_was_filed_makes_the_apply_stale() {
    let app = spawn_app().await;
    let (alice, bob) = (app.signed_in("alice").await, app.signed_in("bob").await);
    set_gate(&app, "apply_recent_parameter_group", true).await;
    let id = instance_id(&app, &alice, "analytics").await;
    let (_, overview) = app.call(&alice, "instance_overview", &[("id", &id)]).await;
    let group = serde_json::from_str::<Value>(&overview).unwrap().to_string();
    let group =
        group.split("parameterGroupId\":\"").nth(1).and_then(|r| r.split('"').next()).expect("the instance's parameter group").to_string();
    let req = requested(
        &ask(&app, &alice, json!({"apply_recent_parameter_group": {"id": id, "body": {"executeBackup": false}}}), "new timeouts").await,
    );
    change_deadlock_timeout(&app, &alice, &group).await;
    approve(&app, &bob, req).await;
    let (state, message, _, _) = request_row(&app, req).await;
    assert_eq!(state, "stale", "{message}");
    assert!(message.contains("deadlock_timeout"), "{message}");
    assert_eq!(app.hits("apply_recent_parameter_group").await, 0);
}

#[tokio::test]
async fn deleting_every_rule_of_a_security_group_in_use_is_gated_like_deleting_the_group() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let (_, groups) = app.call(&alice, "access_groups", &[]).await;
    let groups: Value = serde_json::from_str(&groups).unwrap();
    let mut gated = None;
    for g in groups[1].as_array().unwrap() {
        let gid = g["id"].as_str().unwrap().to_string();
        let (_, detail) = app.call(&alice, "security_group", &[("id", &gid)]).await;
        let detail: Value = serde_json::from_str(&detail).unwrap();
        let used = detail["used_by"].as_array().is_some_and(|u| !u.is_empty());
        let rules: Vec<String> = detail["rules"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap().to_string()).collect();
        if used && !rules.is_empty() {
            gated = Some((gid, rules));
            break;
        }
    }
    let (gid, rules) = gated.expect("a security group in use, with rules");
    let v = ask(&app, &alice, json!({"delete_security_rules": {"group_id": gid, "query": {"ruleIds": rules}}}), "clean slate").await;
    let req = requested(&v);
    let (_, _, _, gates) = request_row(&app, req).await;
    assert_eq!(gates, "delete_security_rules,delete_db_security_group");
    assert_eq!(app.hits("delete_security_rules").await, 0);
    // Deleting one of several rules is not.
    if rules.len() > 1 {
        let v = ask(&app, &alice, json!({"delete_security_rules": {"group_id": gid, "query": {"ruleIds": [rules[0]]}}}), "").await;
        assert!(v.get("Ran").is_some(), "{v}");
    }
}
