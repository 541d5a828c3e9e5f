//! Backups and restore through the real router and the sandbox: listing,
//! the restorable window, version checks, export secrets, gated deletes.

use crate::common;
use common::spawn_app;
use std::time::Duration;

async fn instance_id(app: &common::TestApp, client: &reqwest::Client, name: &str) -> String {
    let (_, body) = app.call(client, "list_instances", &[]).await;
    let list: Vec<serde_json::Value> = serde_json::from_str(&body).unwrap();
    list.iter().find(|i| i["dbInstanceName"] == name).unwrap()["dbInstanceId"].as_str().unwrap().to_string()
}

async fn backups(app: &common::TestApp, client: &reqwest::Client, query: serde_json::Value) -> serde_json::Value {
    let r = client.post(format!("{}/api/list_backups", app.base)).json(&serde_json::json!({ "query": query })).send().await.unwrap();
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

async fn options(app: &common::TestApp, client: &reqwest::Client, id: &str) -> serde_json::Value {
    let (status, body) = app.call(client, "restore_options", &[("id", id), ("backup", "")]).await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

/// A restore target the sandbox accepts, named `name`, with parameter group `pg`.
fn target(o: &serde_json::Value, name: &str, pg: &str) -> serde_json::Value {
    serde_json::json!({
        "dbInstanceName": name,
        "dbFlavorId": o["source"]["dbFlavorId"],
        "dbPort": 5432,
        "parameterGroupId": pg,
        "network": {"subnetId": o["choices"]["subnets"][0]["subnetId"], "usePublicAccess": false},
        "storage": {"storageType": o["choices"]["storage_types"][0], "storageSize": 20},
        "backup": {"backupPeriod": 1, "backupRetryCount": 6, "backupSchedules": [{"backupWndBgnTime": "00:00:00", "backupWndDuration": "ONE_HOUR"}]}
    })
}

fn own_group(o: &serde_json::Value) -> String {
    o["choices"]["parameter_groups"][0]["parameterGroupId"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn the_list_pages_filters_and_sorts_newest_first() {
    let app = spawn_app().await;
    let victor = app.signed_in("victor").await;
    let all = backups(&app, &victor, serde_json::json!({"page": 1, "size": 100})).await;
    let list = all["items"].as_array().unwrap();
    assert!(list.len() >= 8, "{all}");
    assert_eq!(all["total"].as_u64().unwrap() as usize, list.len());
    let times: Vec<&str> = list.iter().map(|b| b["createdYmdt"].as_str().unwrap()).collect();
    let mut sorted = times.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(times, sorted, "newest first");
    let manual = backups(&app, &victor, serde_json::json!({"page": 1, "size": 100, "backupType": "MANUAL"})).await;
    assert!(manual["items"].as_array().unwrap().iter().all(|b| b["backupType"] == "MANUAL"));
    assert!(!manual["items"].as_array().unwrap().is_empty());
    let id = instance_id(&app, &victor, "orders-db").await;
    let one = backups(&app, &victor, serde_json::json!({"page": 1, "size": 100, "dbInstanceId": id})).await;
    assert!(one["items"].as_array().unwrap().iter().all(|b| b["dbInstanceId"] == id.as_str()));
    let page2 = backups(&app, &victor, serde_json::json!({"page": 2, "size": 3})).await;
    assert_eq!(page2["items"].as_array().unwrap().len(), 3);
    assert_eq!(page2["items"][0]["backupId"], list[3]["backupId"], "pages as the API pages");
}

#[tokio::test]
async fn a_restore_outside_the_window_is_refused_before_upstream_and_inside_it_runs() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let id = instance_id(&app, &alice, "orders-db").await;
    let o = options(&app, &alice, &id).await;
    let oldest = o["info"]["oldestRestorableYmdt"].as_str().unwrap().to_string();
    let latest = rds::Timestamp::new(o["info"]["latestRestorableYmdt"].as_str().unwrap()).unix().unwrap();
    let pg = own_group(&o);
    let before = app.hits("restore_db_instance").await;
    let too_late = rds::datetime::format_unix(latest + 3600, 540);
    let mut body = target(&o, "orders-too-late", &pg);
    body["restore"] = serde_json::json!({"restoreType": "TIMESTAMP", "restoreYmdt": too_late});
    let (status, text) = app.change(&alice, serde_json::json!({"restore_db_instance": {"id": id, "body": body}}), "").await;
    assert_eq!(status, 422, "{text}");
    assert!(text.contains("restore.restoreYmdt") && text.contains("outside the restorable window"), "{text}");
    assert!(
        text.contains(&rds::datetime::format_unix(rds::Timestamp::new(&oldest).unix().unwrap(), 0)),
        "the window is in the message: {text}"
    );
    assert_eq!(app.hits("restore_db_instance").await, before, "nothing was sent upstream");

    let inside = rds::datetime::format_unix(latest - 60, 540);
    let mut body = target(&o, "orders-restored", &pg);
    body["restore"] = serde_json::json!({"restoreType": "TIMESTAMP", "restoreYmdt": inside});
    let (status, text) = app.change(&alice, serde_json::json!({"restore_db_instance": {"id": id, "body": body}}), "").await;
    assert_eq!(status, 200, "{text}");
    assert!(text.contains("Ran"), "restores are not gated by default: {text}");
    let mut available = false;
    for _ in 0..100 {
        let (_, list) = app.call(&alice, "list_instances", &[]).await;
        let list: Vec<serde_json::Value> = serde_json::from_str(&list).unwrap();
        if list.iter().any(|i| i["dbInstanceName"] == "orders-restored" && i["dbInstanceStatus"] == "AVAILABLE") {
            available = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(available, "the restored instance becomes AVAILABLE");
}

#[tokio::test]
async fn a_parameter_group_of_another_version_is_refused_for_both_restores() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let id = instance_id(&app, &alice, "orders-db").await;
    let o = options(&app, &alice, &id).await;
    let version = o["source"]["dbVersion"].as_str().unwrap().to_string();
    let (_, all) = app.call(&alice, "create_choices", &[]).await;
    let all: serde_json::Value = serde_json::from_str(&all).unwrap();
    let other = all["parameter_groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["dbVersion"] != version.as_str())
        .expect("a group of another version")["parameterGroupId"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        o["choices"]["parameter_groups"].as_array().unwrap().iter().all(|p| p["dbVersion"] == version.as_str()),
        "the form offers the source's version only"
    );
    let backup = o["info"]["restorableBackups"][0]["backup"]["backupId"].as_str().unwrap().to_string();
    let (status, text) = app
        .change(&alice, serde_json::json!({"restore_backup": {"backup_id": backup, "body": target(&o, "orders-wrong", &other)}}), "")
        .await;
    assert_eq!(status, 422, "{text}");
    assert!(text.contains("parameterGroupId") && text.contains(&version), "{text}");
    let mut body = target(&o, "orders-wrong-2", &other);
    body["restore"] = serde_json::json!({"restoreType": "BACKUP", "backupId": backup});
    let (status, text) = app.change(&alice, serde_json::json!({"restore_db_instance": {"id": id, "body": body}}), "").await;
    assert_eq!(status, 422, "{text}");
    assert_eq!(app.hits("restore_backup").await + app.hits("restore_db_instance").await, 0);
    // The right version restores from the backup.
    let (status, text) = app
        .change(
            &alice,
            serde_json::json!({"restore_backup": {"backup_id": backup, "body": target(&o, "orders-from-backup", &own_group(&o))}}),
            "",
        )
        .await;
    assert_eq!(status, 200, "{text}");
}

#[tokio::test]
async fn an_export_password_is_sent_once_and_kept_nowhere() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let listed = backups(&app, &alice, serde_json::json!({"page": 1, "size": 100})).await;
    let b = listed["items"].as_array().unwrap().iter().find(|b| b["backupStatus"] == "COMPLETED").unwrap()["backupId"]
        .as_str()
        .unwrap()
        .to_string();
    let password = "EXPORT-PW-9c41d7";
    let call = serde_json::json!({"export_backup": {"backup_id": b, "body": {"tenantId": "t1", "username": "u1", "password": password, "targetContainer": "archive", "objectPath": "/pg/orders"}}});
    let (status, text) = app.change(&alice, call, "").await;
    assert_eq!(status, 200, "{text}");
    assert!(!text.contains(password));
    let rows: Vec<String> =
        sqlx::query_scalar("SELECT summary FROM audit_events WHERE action = 'export_backup'").fetch_all(&app.ctx.pool).await.unwrap();
    assert!(rows.len() >= 2, "intent and outcome");
    assert!(rows.iter().all(|r| !r.contains(password) && r.contains("archive")), "{rows:?}");
    let admin = app.signed_in("admin").await;
    let page = admin.get(format!("{}/audit/export?format=jsonl", app.base)).send().await.unwrap().text().await.unwrap();
    assert!(!page.contains(password));
    let mut bytes = Vec::new();
    for name in ["pgdeck.sqlite3", "pgdeck.sqlite3-wal"] {
        if let Ok(b) = std::fs::read(app.dir.path().join(name)) {
            bytes.extend(b);
        }
    }
    assert!(!bytes.windows(password.len()).any(|w| w == password.as_bytes()), "the password is not in the database files");
    let log = String::from_utf8_lossy(&common::log().lock().unwrap()).into_owned();
    assert!(!log.contains(password), "nor in the log");
}

#[tokio::test]
async fn deleting_a_backup_is_a_request_naming_it_and_runs_once_approved() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let listed = backups(&app, &alice, serde_json::json!({"page": 1, "size": 100, "backupType": "MANUAL"})).await;
    let b = listed["items"][0].clone();
    let (id, name) = (b["backupId"].as_str().unwrap().to_string(), b["backupName"].as_str().unwrap().to_string());
    let (status, text) = app.change(&alice, serde_json::json!({"delete_backup": {"backup_id": id}}), "").await;
    assert_eq!(status, 422, "a gated delete needs a reason: {text}");
    let (status, text) = app.change(&alice, serde_json::json!({"delete_backup": {"backup_id": id}}), "the migration went fine").await;
    assert_eq!(status, 200, "{text}");
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let req = v["Requested"]["approval"].as_i64().unwrap_or_else(|| panic!("gated by default: {text}"));
    assert_eq!(app.hits("delete_backup").await, 0);
    let bob = app.signed_in("bob").await;
    let (_, inbox) = app.call(&bob, "list_approvals", &[("view", "inbox"), ("state", "pending")]).await;
    let inbox: Vec<serde_json::Value> = serde_json::from_str(&inbox).unwrap();
    let request = inbox.iter().find(|r| r["id"] == req).unwrap_or_else(|| panic!("{inbox:?}"));
    let shown = request.to_string();
    assert!(
        shown.contains(&name) && shown.contains("orders-db") && shown.contains("days ago"),
        "names the backup, its instance and its age: {shown}"
    );
    let (status, text) = app.call(&bob, "vote_approval", &[("id", &req.to_string()), ("approve", "true"), ("comment", "ok")]).await;
    assert_eq!(status, 200, "{text}");
    let mut gone = false;
    for _ in 0..100 {
        let now = backups(&app, &alice, serde_json::json!({"page": 1, "size": 100})).await;
        if !now["items"].as_array().unwrap().iter().any(|x| x["backupId"] == id.as_str()) {
            gone = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(gone, "the backup is gone once the approved delete ran");
    assert_eq!(app.hits("delete_backup").await, 1, "ran exactly once");
    // Deleting it again is refused clearly, before upstream.
    let (status, text) = app.change(&alice, serde_json::json!({"delete_backup": {"backup_id": id}}), "again please").await;
    assert_eq!(status, 404, "{text}");
}

#[tokio::test]
async fn a_backup_in_progress_cannot_be_deleted_or_exported() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let id = instance_id(&app, &alice, "staging-db").await;
    let r: serde_json::Value = serde_json::from_str(
        &app.change(&alice, serde_json::json!({"backup_db_instance": {"id": id, "body": {"backupName": "nightly-check"}}}), "").await.1,
    )
    .unwrap();
    assert!(r["Ran"].is_object(), "{r}");
    let listed = backups(&app, &alice, serde_json::json!({"page": 1, "size": 100, "dbInstanceId": id})).await;
    let b = listed["items"].as_array().unwrap().iter().find(|b| b["backupName"] == "nightly-check").unwrap().clone();
    assert_eq!(b["backupStatus"], "BACKING_UP");
    let bid = b["backupId"].as_str().unwrap();
    let (status, text) = app.change(&alice, serde_json::json!({"delete_backup": {"backup_id": bid}}), "not needed").await;
    assert_eq!(status, 409, "{text}");
    assert!(text.contains("BACKING_UP") && text.contains("nightly-check"), "{text}");
}

#[tokio::test]
async fn a_backup_can_be_restored_when_its_instance_is_gone() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let listed = backups(&app, &alice, serde_json::json!({"page": 1, "size": 100, "backupType": "MANUAL"})).await;
    let b = &listed["items"][0];
    let gone = "0f3c2a1e-0000-4c8e-9a51-000000000000";
    let (status, body) = app.call(&alice, "restore_options", &[("id", gone), ("backup", b["backupId"].as_str().unwrap())]).await;
    assert_eq!(status, 200, "{body}");
    let o: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(o["source"]["dbVersion"], b["dbVersion"]);
    assert_eq!(o["source"]["dbInstanceName"], b["dbInstanceName"]);
    assert!(o["choices"]["parameter_groups"].as_array().unwrap().iter().all(|p| p["dbVersion"] == b["dbVersion"]));
    let (status, _) = app.call(&alice, "restore_options", &[("id", gone), ("backup", "")]).await;
    assert_ne!(status, 200, "without a backup, a missing instance is an error");
}

async fn filtered(
    app: &common::TestApp,
    client: &reqwest::Client,
    query: serde_json::Value,
    filter: serde_json::Value,
) -> serde_json::Value {
    let r = client
        .post(format!("{}/api/list_backups", app.base))
        .json(&serde_json::json!({ "query": query, "filter": filter }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

/// A filter upstream does not have sees every page: the match on the last
/// page is on the first page of matches, and the pager counts matches.
#[tokio::test]
async fn filters_find_matches_on_later_pages_and_count_them() {
    let app = spawn_app().await;
    let victor = app.signed_in("victor").await;
    let all = backups(&app, &victor, serde_json::json!({"page": 1, "size": 100})).await;
    let list = all["items"].as_array().unwrap();
    let last = list.last().unwrap();
    let name = last["backupName"].as_str().unwrap();
    // On the last page when paged by 3.
    assert!(list.len() > 6, "{}", list.len());
    let found = filtered(&app, &victor, serde_json::json!({"page": 1, "size": 3}), serde_json::json!({"text": name})).await;
    let expected = list.iter().filter(|b| b["backupName"].as_str().unwrap().to_lowercase().contains(&name.to_lowercase())).count();
    assert_eq!(found["total"].as_u64().unwrap() as usize, expected, "{found}");
    assert_eq!(found["items"][0]["backupId"], list.iter().find(|b| b["backupName"].as_str().unwrap().contains(name)).unwrap()["backupId"]);
    assert_eq!(found["bounded"], false);
    // A status: the count is of matches, not of what was fetched.
    let completed = list.iter().filter(|b| b["backupStatus"] == "COMPLETED").count();
    let by_status = filtered(&app, &victor, serde_json::json!({"page": 2, "size": 3}), serde_json::json!({"status": "COMPLETED"})).await;
    assert_eq!(by_status["total"].as_u64().unwrap() as usize, completed);
    assert!(by_status["items"].as_array().unwrap().iter().all(|b| b["backupStatus"] == "COMPLETED"));
    let none =
        filtered(&app, &victor, serde_json::json!({"page": 1, "size": 3}), serde_json::json!({"text": "no-such-backup-anywhere"})).await;
    assert_eq!(none["total"], 0);
}

/// The event-code filter counts the code's events over every page.
#[tokio::test]
async fn the_event_code_filter_sees_every_page() {
    let app = spawn_app().await;
    let victor = app.signed_in("victor").await;
    let call = |code: &str, page: u32, size: u32| {
        let body =
            serde_json::json!({"query": {"page": page, "size": size, "from": "", "to": "", "eventCategoryType": "ALL"}, "code": code});
        let (victor, base) = (victor.clone(), app.base.clone());
        async move {
            let r = victor.post(format!("{base}/api/list_events")).json(&body).send().await.unwrap();
            assert_eq!(r.status(), 200);
            r.json::<serde_json::Value>().await.unwrap()
        }
    };
    let all = call("", 1, 100).await;
    let events = all["items"].as_array().unwrap();
    let code = events.last().unwrap()["eventCode"].as_str().unwrap().to_string();
    let expected = events.iter().filter(|e| e["eventCode"] == code.as_str()).count();
    let first = call(&code, 1, 2).await;
    assert_eq!(first["total"].as_u64().unwrap() as usize, expected, "{first}");
    assert!(first["items"].as_array().unwrap().iter().all(|e| e["eventCode"] == code.as_str()));
    assert!(!first["items"].as_array().unwrap().is_empty());
}
