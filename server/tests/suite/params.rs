//! Parameter groups through the change path and the sandbox: ranges with
//! units checked before upstream and by upstream, in-use deletes refused,
//! copy, reset, and the instances' need to apply.

use crate::common;
use common::spawn_app;

async fn groups(app: &common::TestApp, client: &reqwest::Client) -> Vec<serde_json::Value> {
    let (status, body) = app.call(client, "parameter_groups", &[]).await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

/// The group `orders-db` uses, and its detail.
async fn orders_group(app: &common::TestApp, client: &reqwest::Client) -> (String, serde_json::Value) {
    let all = groups(app, client).await;
    let row =
        all.iter().find(|r| r["used_by"].as_array().unwrap().iter().any(|u| u["name"] == "orders-db")).expect("a group used by orders-db");
    let id = row["group"]["parameterGroupId"].as_str().unwrap().to_string();
    let (_, body) = app.call(client, "parameter_group", &[("id", &id)]).await;
    (id, serde_json::from_str(&body).unwrap())
}

fn modify(id: &str, changes: &[(&str, &str)]) -> serde_json::Value {
    let list: Vec<serde_json::Value> = changes.iter().map(|(n, v)| serde_json::json!({"parameterName": n, "value": v})).collect();
    serde_json::json!({"modify_parameters": {"group_id": id, "body": {"modifiedParameters": list}}})
}

#[tokio::test]
async fn values_outside_their_range_or_unit_are_refused_by_pgdeck_and_by_the_sandbox() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let (id, _) = orders_group(&app, &alice).await;
    for (name, value, why) in [
        ("checkpoint_timeout", "29s", "30–86400 s"),
        ("checkpoint_timeout", "300", "needs a unit"),
        ("work_mem", "8ms", "size unit"),
        ("max_connections", "9", "10–5000"),
        ("password_encryption", "plain", "one of"),
        ("wal_level", "logical", "cannot be changed"),
        ("no_such_parameter", "1", "not a parameter"),
    ] {
        let (status, text) = app.change(&alice, modify(&id, &[(name, value)]), "").await;
        assert_eq!(status, 422, "{name}={value}: {text}");
        assert!(text.contains(why) && text.contains(name), "{name}={value}: {text}");
    }
    assert_eq!(app.hits("modify_parameters").await, 0, "refused before upstream");
    // The sandbox refuses the same values on its own.
    let client =
        rds::client::RdsClient::new(rds::client::ClientConfig { oauth_base: app.ctx.settings.api_base.clone(), ..Default::default() })
            .unwrap();
    let creds = rds::client::Credentials {
        api_base: app.ctx.settings.api_base.clone(),
        appkey: "sandbox-appkey".into(),
        access_key_id: "sandbox-admin".into(),
        secret_access_key: "sandbox-admin-secret".into(),
    };
    let gid = rds::ParameterGroupId::new(id.clone());
    for (name, value) in [("checkpoint_timeout", "29s"), ("work_mem", "4096"), ("work_mem", "8ms"), ("password_encryption", "plain")] {
        let body = rds::types::ModifyParameters {
            modified_parameters: vec![rds::types::ParameterChange { parameter_name: name.into(), value: value.into() }],
        };
        // Sent raw, past the client's own check, as another tool would.
        let url = format!("{}/v1.0/parameter-groups/{id}/parameters", app.ctx.settings.api_base);
        let token = client.token(&creds).await.unwrap();
        let answer: serde_json::Value = reqwest::Client::new()
            .put(url)
            .header("X-TC-APP-KEY", "sandbox-appkey")
            .header("X-NHN-AUTHORIZATION", format!("Bearer {token}"))
            .json(&body)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_ne!(answer["header"]["resultCode"], 0, "{name}={value}: {answer}");
        assert!(answer["header"]["resultMessage"].as_str().unwrap().contains(name), "{answer}");
    }
    let _ = gid;
    // Two good values in one request: saved together, and orders-db must apply them.
    let (status, text) = app.change(&alice, modify(&id, &[("checkpoint_timeout", "15min"), ("work_mem", "8MB")]), "").await;
    assert_eq!(status, 200, "{text}");
    let (_, detail) = app.call(&alice, "parameter_group", &[("id", &id)]).await;
    let detail: serde_json::Value = serde_json::from_str(&detail).unwrap();
    let value =
        |n: &str| detail["detail"]["parameters"].as_array().unwrap().iter().find(|p| p["parameterName"] == n).unwrap()["value"].clone();
    assert_eq!(value("checkpoint_timeout"), "15min");
    assert_eq!(value("work_mem"), "8MB");
    assert!(
        detail["used_by"].as_array().unwrap().iter().any(|u| u["name"] == "orders-db" && u["needs_apply"] == true),
        "{}",
        detail["used_by"]
    );
}

#[tokio::test]
async fn a_group_in_use_cannot_be_deleted_and_the_refusal_names_its_instances() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let (id, _) = orders_group(&app, &alice).await;
    let (status, text) = app.change(&alice, serde_json::json!({"delete_parameter_group": {"group_id": id}}), "cleanup of old groups").await;
    assert_eq!(status, 409, "{text}");
    assert!(text.contains("orders-db"), "{text}");
    assert_eq!(app.hits("delete_parameter_group").await, 0);
}

#[tokio::test]
async fn copy_then_reset_and_delete_an_unused_group() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let (id, _) = orders_group(&app, &alice).await;
    let copy = serde_json::json!({"copy_parameter_group": {"group_id": id, "body": {"parameterGroupName": "orders-tuned", "description": "experiments"}}});
    let (status, text) = app.change(&alice, copy, "").await;
    assert_eq!(status, 200, "{text}");
    let all = groups(&app, &alice).await;
    let copied = all.iter().find(|r| r["group"]["parameterGroupName"] == "orders-tuned").expect("the copy is listed");
    let cid = copied["group"]["parameterGroupId"].as_str().unwrap().to_string();
    assert!(copied["used_by"].as_array().unwrap().is_empty());
    let (status, text) = app.change(&alice, modify(&cid, &[("random_page_cost", "2.5")]), "").await;
    assert_eq!(status, 200, "{text}");
    // Reset is gated by default.
    let (status, text) = app.change(&alice, serde_json::json!({"reset_parameter_group": {"group_id": cid}}), "back to the defaults").await;
    assert_eq!(status, 200, "{text}");
    assert!(text.contains("Requested"), "reset is gated by default: {text}");
    let (status, text) = app.change(&alice, serde_json::json!({"delete_parameter_group": {"group_id": cid}}), "experiment over").await;
    assert_eq!(status, 200, "{text}");
    assert!(text.contains("Requested"), "delete is gated by default: {text}");
}
