//! Accounts, sessions, roles and credentials, through the real server.

use crate::common;
use common::spawn_app;

#[tokio::test]
async fn a_member_signs_in_and_lists_instances_with_their_own_credentials() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let (status, body) = app.call(&alice, "list_instances", &[]).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("orders-db"));
}

#[tokio::test]
async fn a_signed_out_visitor_gets_nothing() {
    let app = spawn_app().await;
    let anon = app.browser();
    let (status, body) = app.call(&anon, "list_instances", &[]).await;
    assert!(status >= 400 && body.contains("Unauthorized"), "{status} {body}");
    let page = anon.get(format!("{}/instances", app.base)).send().await.unwrap();
    assert_eq!(page.status().as_u16(), 303);
    assert!(page.headers()["location"].to_str().unwrap().starts_with("/sign-in"));
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_user_get_the_same_answer() {
    let app = spawn_app().await;
    let c = app.browser();
    let (s1, b1) = app.call(&c, "sign_in", &[("username", "alice"), ("password", "not-the-password")]).await;
    let (s2, b2) = app.call(&c, "sign_in", &[("username", "nobody-at-all"), ("password", "not-the-password")]).await;
    assert_eq!(s1, s2);
    assert_eq!(b1, b2);
    assert!(b1.contains("wrong username or password"));
}

#[tokio::test]
async fn unknown_users_cost_as_much_time_as_wrong_passwords() {
    let app = spawn_app().await;
    let c = app.browser();
    let time = |u: &'static str| {
        let (app, c) = (&app, &c);
        async move {
            let t = std::time::Instant::now();
            app.call(c, "sign_in", &[("username", u), ("password", "wrong-password-123")]).await;
            t.elapsed()
        }
    };
    let (mut known, mut unknown) = (std::time::Duration::ZERO, std::time::Duration::ZERO);
    for _ in 0..3 {
        known += time("bob").await;
        unknown += time("ghost").await;
    }
    // Both verify an argon2id hash: neither is an order of magnitude faster.
    let ratio = known.as_secs_f64() / unknown.as_secs_f64();
    assert!((0.33..3.0).contains(&ratio), "known {known:?} unknown {unknown:?}");
}

#[tokio::test]
async fn passwords_are_hashed_with_argon2id_at_owasp_strength() {
    let app = spawn_app().await;
    let hash: String =
        sqlx::query_scalar("SELECT password_hash FROM users WHERE username = 'alice'").fetch_one(&app.ctx.pool).await.unwrap();
    assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
}

#[tokio::test]
async fn short_passwords_are_refused() {
    let app = spawn_app().await;
    let admin = app.signed_in("admin").await;
    let (status, body) =
        app.call(&admin, "create_user", &[("username", "dave"), ("display_name", ""), ("role", "viewer"), ("password", "short")]).await;
    assert!(status >= 400 && body.contains("at least 12"), "{body}");
    let long = "x".repeat(128);
    let (status, body) =
        app.call(&admin, "create_user", &[("username", "dave"), ("display_name", ""), ("role", "viewer"), ("password", &long)]).await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn a_run_of_wrong_passwords_locks_that_account_but_not_others() {
    let app = spawn_app().await;
    let c = app.browser();
    let mut last = String::new();
    for _ in 0..domain::auth::ACCOUNT_LOCK_AFTER {
        last = app.call(&c, "sign_in", &[("username", "carol"), ("password", "wrong-password-xx")]).await.1;
    }
    assert!(last.contains("too many failed sign-ins"), "{last}");
    let (_, body) = app.call(&c, "sign_in", &[("username", "carol"), ("password", domain::seed::DEMO_PASSWORD)]).await;
    assert!(body.contains("too many failed sign-ins"), "the right password waits too: {body}");
    app.signed_in("bob").await;
}

#[tokio::test]
async fn a_viewer_is_refused_every_change() {
    let app = spawn_app().await;
    let victor = app.signed_in("victor").await;
    let calls: &[(&str, &[(&str, &str)])] = &[
        ("create_user", &[("username", "mallory"), ("display_name", ""), ("role", "admin"), ("password", "long-enough-password")]),
        ("set_user_role", &[("username", "victor"), ("role", "admin")]),
        ("set_user_disabled", &[("username", "alice"), ("disabled", "true")]),
        ("reset_user_password", &[("username", "alice"), ("password", "long-enough-password")]),
        ("list_users", &[]),
    ];
    for (name, form) in calls {
        let (status, body) = app.call(&victor, name, form).await;
        assert!(status == 403 && body.starts_with("{\"Forbidden\""), "{name}: {status} {body}");
    }
    let role: String = sqlx::query_scalar("SELECT role FROM users WHERE username = 'victor'").fetch_one(&app.ctx.pool).await.unwrap();
    assert_eq!(role, "viewer");
    let refusals: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE actor_name = 'victor' AND outcome = 'refused'")
        .fetch_one(&app.ctx.pool)
        .await
        .unwrap();
    assert_eq!(refusals, calls.len() as i64);
    // The estate-changing functions too, with JSON bodies.
    let list: Vec<serde_json::Value> = serde_json::from_str(&app.call(&victor, "list_instances", &[]).await.1).unwrap();
    let id = list[0]["dbInstanceId"].as_str().unwrap().to_string();
    let json_calls = [
        ("request_change", serde_json::json!({"call": {"backup_db_instance": {"id": id, "body": {"backupName": "x"}}}, "reason": ""})),
        ("request_change", serde_json::json!({"call": {"delete_db_instance": {"id": id}}, "reason": "forged by a viewer"})),
        ("request_change", serde_json::json!({"call": {"create_database": {"id": id, "body": {"databaseName": "x"}}}, "reason": ""})),
        (
            "set_policy",
            serde_json::json!({"policy": {"action": "delete_db_instance", "required": false, "approvals_needed": 1, "approver_roles": ["approver"], "open_hours": 24, "run_within_hours": 24, "customised": true}}),
        ),
    ];
    for (name, body) in json_calls {
        let r = victor.post(format!("{}/api/{name}", app.base)).json(&body).send().await.unwrap();
        let (status, text) = (r.status().as_u16(), r.text().await.unwrap());
        assert!(status == 403 && text.starts_with("{\"Forbidden\""), "{name}: {status} {text}");
    }
    for (name, form) in
        [("add_webhook", vec![("name", "x"), ("url", "https://example.com"), ("kind", "slack")]), ("remove_webhook", vec![("id", "1")])]
    {
        let (status, body) = app.call(&victor, name, &form).await;
        assert!(status == 403 && body.starts_with("{\"Forbidden\""), "{name}: {status} {body}");
    }
    let ran: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE actor_name = 'victor' AND outcome IN ('succeeded', 'awaiting_approval') AND action NOT LIKE 'auth.%' AND action NOT LIKE 'credential.%'")
        .fetch_one(&app.ctx.pool)
        .await
        .unwrap();
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT action, outcome FROM audit_events WHERE actor_name = 'victor'").fetch_all(&app.ctx.pool).await.unwrap();
    assert_eq!(ran, 0, "nothing a viewer asked for ran or was filed: {rows:?}");
}

#[tokio::test]
async fn disabling_a_member_or_changing_their_role_ends_their_sessions() {
    let app = spawn_app().await;
    let admin = app.signed_in("admin").await;
    let alice = app.signed_in("alice").await;
    let bob = app.signed_in("bob").await;
    // Both sessions are in use (and so remembered) before the change.
    assert!(app.call(&alice, "list_instances", &[]).await.1.contains("orders-db"));
    assert!(app.call(&bob, "list_instances", &[]).await.1.contains("orders-db"));
    let (s, b) = app.call(&admin, "set_user_disabled", &[("username", "alice"), ("disabled", "true")]).await;
    assert_eq!(s, 200, "{b}");
    assert!(app.call(&alice, "list_instances", &[]).await.1.contains("Unauthorized"));
    let (s, b) = app.call(&admin, "set_user_role", &[("username", "bob"), ("role", "viewer")]).await;
    assert_eq!(s, 200, "{b}");
    assert!(app.call(&bob, "list_instances", &[]).await.1.contains("Unauthorized"));
    // A disabled member cannot sign in again.
    let (_, body) = app.call(&app.browser(), "sign_in", &[("username", "alice"), ("password", domain::seed::DEMO_PASSWORD)]).await;
    assert!(body.contains("wrong username or password"), "{body}");
}

#[tokio::test]
async fn a_member_disabled_from_another_process_loses_access_within_a_second() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    assert!(app.call(&alice, "list_instances", &[]).await.1.contains("orders-db"));
    // As `pgdeck user disable` does from the command line: another process,
    // straight to the database.
    sqlx::query("UPDATE users SET disabled = 1 WHERE username = 'alice'").execute(&app.ctx.pool).await.unwrap();
    let started = std::time::Instant::now();
    let mut refused = false;
    while started.elapsed() < domain::auth::SESSION_MEMORY * 5 {
        if app.call(&alice, "list_instances", &[]).await.1.contains("Unauthorized") {
            refused = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(refused, "the disabled member is refused once the remembered row expires");
}

#[tokio::test]
async fn signing_out_ends_the_session_on_the_server() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let cookie = alice.get(format!("{}/healthz", app.base)).send().await.unwrap();
    drop(cookie);
    assert!(app.call(&alice, "list_instances", &[]).await.1.contains("orders-db"));
    app.call(&alice, "sign_out", &[]).await;
    assert!(app.call(&alice, "list_instances", &[]).await.1.contains("Unauthorized"));
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM user_sessions s JOIN users u ON u.id = s.user_id WHERE u.username = 'alice'")
        .fetch_one(&app.ctx.pool)
        .await
        .unwrap();
    assert_eq!(left, 0);
}

#[tokio::test]
async fn a_member_sees_and_ends_their_other_sessions() {
    let app = spawn_app().await;
    let laptop = app.signed_in("alice").await;
    let phone = app.signed_in("alice").await;
    let (_, body) = app.call(&laptop, "my_sessions", &[]).await;
    let sessions: Vec<serde_json::Value> = serde_json::from_str(&body).unwrap();
    assert_eq!(sessions.len(), 2);
    let other = sessions.iter().find(|s| s["current"] == false).unwrap()["handle"].as_str().unwrap().to_string();
    assert!(app.call(&phone, "list_instances", &[]).await.1.contains("orders-db"));
    let (s, b) = app.call(&laptop, "end_session", &[("handle", &other)]).await;
    assert_eq!(s, 200, "{b}");
    assert!(app.call(&phone, "list_instances", &[]).await.1.contains("Unauthorized"));
    assert!(app.call(&laptop, "list_instances", &[]).await.1.contains("orders-db"));
}

#[tokio::test]
async fn a_member_without_credentials_is_told_to_add_them() {
    let app = spawn_app().await;
    let audrey = app.signed_in("audrey").await;
    let (status, body) = app.call(&audrey, "list_instances", &[]).await;
    assert!(status >= 400 && body.contains("NoCredentials"), "{body}");
}

#[tokio::test]
async fn a_foreign_origin_cannot_change_anything() {
    let app = spawn_app().await;
    let c = reqwest::Client::new();
    let r = c
        .post(format!("{}/api/sign_in", app.base))
        .header("origin", "https://evil.example")
        .form(&[("username", "alice"), ("password", domain::seed::DEMO_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 403);
}

#[tokio::test]
async fn pages_carry_the_security_headers() {
    let app = spawn_app().await;
    let r = app.browser().get(format!("{}/sign-in", app.base)).send().await.unwrap();
    let h = r.headers();
    let csp = h["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("frame-ancestors 'none'") && csp.contains("'nonce-"), "{csp}");
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["referrer-policy"], "same-origin");
}

#[tokio::test]
async fn every_answer_carries_the_security_headers_and_a_handler_keeps_its_own() {
    let app = spawn_app().await;
    // An answer that sets none of them gets all five.
    let r = app.browser().post(format!("{}/api/me", app.base)).header("Origin", &app.base).send().await.unwrap();
    let h = r.headers();
    assert_eq!(h["cache-control"], "no-cache, private");
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["x-frame-options"], "DENY");
    assert_eq!(h["referrer-policy"], "same-origin");
    assert_eq!(h["content-security-policy"], "default-src 'none'; frame-ancestors 'none'");
    assert_eq!(h["x-request-id"].to_str().unwrap().len(), 16);
    // A page keeps the policy it set (scripts with a nonce), not the default.
    let page = app.browser().get(format!("{}/sign-in", app.base)).send().await.unwrap();
    assert_ne!(page.headers()["content-security-policy"], "default-src 'none'; frame-ancestors 'none'");
}

#[tokio::test]
async fn the_session_cookie_is_strict_and_http_only() {
    let app = spawn_app().await;
    let c = app.browser();
    let r = c
        .post(format!("{}/api/sign_in", app.base))
        .form(&[("username", "alice"), ("password", domain::seed::DEMO_PASSWORD)])
        .send()
        .await
        .unwrap();
    let cookie = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|v| v.starts_with("pgdeck_session="))
        .expect("a session cookie");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
}

#[tokio::test]
async fn planted_secrets_appear_nowhere_but_sealed() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let appkey = "PLANTED-APPKEY-7f3a9c";
    let key_id = "PLANTED-KEYID-41bd02";
    let secret = "PLANTED-SECRET-e8c5d1";
    let (s, b) = app
        .call(
            &alice,
            "add_credential",
            &[("label", "planted"), ("api_base", ""), ("appkey", appkey), ("access_key_id", key_id), ("secret_access_key", secret)],
        )
        .await;
    assert_eq!(s, 200, "{b}");
    let mut answers = String::new();
    answers.push_str(&app.call(&alice, "my_credentials", &[]).await.1);
    let id = serde_json::from_str::<Vec<serde_json::Value>>(&answers).unwrap().iter().find(|c| c["label"] == "planted").unwrap()["id"]
        .to_string();
    answers.push_str(&app.call(&alice, "test_credential", &[("id", &id)]).await.1);
    answers.push_str(&app.call(&alice, "list_instances", &[]).await.1);
    for page in ["/settings", "/instances", "/"] {
        answers.push_str(&alice.get(format!("{}{page}", app.base)).send().await.unwrap().text().await.unwrap());
    }
    let admin = app.signed_in("admin").await;
    answers.push_str(&app.call(&admin, "list_users", &[]).await.1);
    for planted in [appkey, key_id, secret, domain::seed::DEMO_PASSWORD] {
        assert!(!answers.contains(planted), "{planted} leaked into an answer");
    }
    // The database file and its WAL.
    let mut bytes = Vec::new();
    for name in ["pgdeck.sqlite3", "pgdeck.sqlite3-wal"] {
        if let Ok(b) = std::fs::read(app.dir.path().join(name)) {
            bytes.extend(b);
        }
    }
    assert!(!bytes.is_empty());
    for planted in [appkey, key_id, secret, "sandbox-admin-secret", "sandbox-viewer-secret", domain::seed::DEMO_PASSWORD] {
        assert!(!bytes.windows(planted.len()).any(|w| w == planted.as_bytes()), "{planted} found in the database files");
    }
    let log = String::from_utf8_lossy(&common::log().lock().unwrap()).into_owned();
    for planted in [appkey, key_id, secret, domain::seed::DEMO_PASSWORD] {
        assert!(!log.contains(planted), "{planted} found in the server log");
    }
}

#[tokio::test]
async fn credentials_are_tested_against_upstream() {
    let app = spawn_app().await;
    let bob = app.signed_in("bob").await;
    let list: Vec<serde_json::Value> = serde_json::from_str(&app.call(&bob, "my_credentials", &[]).await.1).unwrap();
    let id = list[0]["id"].to_string();
    let (_, body) = app.call(&bob, "test_credential", &[("id", &id)]).await;
    assert!(body.contains("true") && body.contains("Signed in to NHN Cloud"), "{body}");
    // In the member's language: the answer and the list; the record keeps the English.
    let korean = |name: &'static str, form: Vec<(&'static str, String)>| {
        let (bob, url) = (bob.clone(), format!("{}/api/{name}", app.base));
        async move { bob.post(url).header("accept-language", "ko").form(&form).send().await.unwrap().text().await.unwrap() }
    };
    let body = korean("test_credential", vec![("id", id.clone())]).await;
    assert!(
        body.contains("에서 NHN Cloud에 로그인했습니다: DB 버전") && body.contains("보이는 DB 인스턴스") && !body.contains("Signed in"),
        "{body}"
    );
    let listed = korean("my_credentials", vec![]).await;
    assert!(listed.contains("NHN Cloud에 로그인했습니다") && !listed.contains("last_test_said"), "{listed}");
    let kept: String = sqlx::query_scalar("SELECT last_test_message FROM credentials WHERE id = ?")
        .bind(id.parse::<i64>().unwrap())
        .fetch_one(&app.ctx.pool)
        .await
        .unwrap();
    assert!(kept.starts_with("Signed in to NHN Cloud at ") && kept.ends_with('.'), "{kept}");
    let (s, b) = app
        .call(
            &bob,
            "add_credential",
            &[
                ("label", "broken"),
                ("api_base", ""),
                ("appkey", "sandbox-appkey"),
                ("access_key_id", "sandbox-admin"),
                ("secret_access_key", "wrong"),
            ],
        )
        .await;
    assert_eq!(s, 200, "{b}");
    let list: Vec<serde_json::Value> = serde_json::from_str(&app.call(&bob, "my_credentials", &[]).await.1).unwrap();
    let broken = list.iter().find(|c| c["label"] == "broken").unwrap()["id"].to_string();
    let (_, body) = app.call(&bob, "test_credential", &[("id", &broken)]).await;
    assert!(body.contains("false") && body.contains("token"), "{body}");
}

#[tokio::test]
async fn every_account_event_is_audited() {
    let app = spawn_app().await;
    let c = app.browser();
    app.call(&c, "sign_in", &[("username", "alice"), ("password", "wrong-password-1")]).await;
    let alice = app.signed_in("alice").await;
    app.call(&alice, "sign_out", &[]).await;
    let admin = app.signed_in("admin").await;
    app.call(
        &admin,
        "create_user",
        &[("username", "erin"), ("display_name", "Erin"), ("role", "operator"), ("password", "a-long-password-1")],
    )
    .await;
    let rows: Vec<(String, String, String)> =
        sqlx::query_as("SELECT action, actor_name, outcome FROM audit_events ORDER BY id").fetch_all(&app.ctx.pool).await.unwrap();
    let has = |a: &str, who: &str, o: &str| rows.iter().any(|r| r.0 == a && r.1 == who && r.2 == o);
    assert!(has("auth.sign_in", "alice", "failed"), "{rows:?}");
    assert!(has("auth.sign_in", "alice", "succeeded"));
    assert!(has("auth.sign_out", "alice", "succeeded"));
    assert!(has("user.add", "admin", "succeeded"));
    let v = domain::audit::verify(&app.ctx.pool, &app.ctx.vault).await.unwrap();
    assert_eq!(v.first_break, None);
}
