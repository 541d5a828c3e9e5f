//! The language of pages and answers: the member's setting, else the
//! switch's cookie, else Accept-Language, else the panel's default; and
//! the tables the browser fetches.

use crate::common::{spawn_app, spawn_app_with};

async fn page(client: &reqwest::Client, url: &str, accept: Option<&str>) -> String {
    let mut r = client.get(url);
    if let Some(a) = accept {
        r = r.header("accept-language", a);
    }
    r.send().await.unwrap().text().await.unwrap()
}

fn lang_of(html: &str) -> &str {
    let at = html.find("<html lang=\"").expect("an html element with its language") + 12;
    &html[at..at + 2]
}

#[tokio::test]
async fn the_browser_asks_and_the_page_is_drawn_on_the_server_in_that_language() {
    let app = spawn_app().await;
    let c = app.browser();
    let url = format!("{}/sign-in", app.base);
    let ko = page(&c, &url, Some("ko-KR,ko;q=0.9,en-US;q=0.8")).await;
    assert_eq!(lang_of(&ko), "ko");
    assert!(ko.contains("pgdeck에 로그인") && ko.contains("사용자 이름"), "{ko}");
    assert!(!ko.contains("Sign in to pgdeck"));
    let en = page(&c, &url, Some("en-US,en;q=0.9")).await;
    assert_eq!(lang_of(&en), "en");
    assert!(en.contains("Sign in to pgdeck") && !en.contains("pgdeck에 로그인"));
    // Neither language asked for: the panel's default (English unless set).
    let other = page(&c, &url, Some("fr-FR,de;q=0.5")).await;
    assert_eq!(lang_of(&other), "en");
    // The page points at its own language's messages, and only those.
    assert!(ko.contains(&format!("/i18n/ko.common.{}.json", lang::msg::VERSION)));
    assert!(!ko.contains("/i18n/en."));
}

#[tokio::test]
async fn the_default_language_is_the_panels_to_choose() {
    let app = spawn_app_with(|a| a.default_language = Some("ko".into())).await;
    let html = page(&app.browser(), &format!("{}/sign-in", app.base), None).await;
    assert_eq!(lang_of(&html), "ko");
    // What the browser asks for still wins over the default.
    let html = page(&app.browser(), &format!("{}/sign-in", app.base), Some("en")).await;
    assert_eq!(lang_of(&html), "en");
    let bad = server::config::ServeArgs { default_language: Some("fr".into()), sandbox: true, ..Default::default() }.resolve();
    assert!(bad.err().is_some_and(|e| e.to_string().contains("PGDECK_DEFAULT_LANGUAGE")));
}

#[tokio::test]
async fn the_switch_before_signing_in_holds_for_the_browser() {
    let app = spawn_app().await;
    let c = app.browser();
    let (status, body) = app.call(&c, "set_language", &[("language", "ko")]).await;
    assert_eq!(status, 200, "{body}");
    // The cookie beats what the browser asks for.
    let html = page(&c, &format!("{}/sign-in", app.base), Some("en-US")).await;
    assert_eq!(lang_of(&html), "ko");
    app.call(&c, "set_language", &[("language", "auto")]).await;
    let html = page(&c, &format!("{}/sign-in", app.base), Some("en-US")).await;
    assert_eq!(lang_of(&html), "en");
}

#[tokio::test]
async fn a_members_setting_follows_them_to_every_browser_and_is_on_record() {
    let app = spawn_app().await;
    let victor = app.signed_in("victor").await;
    let (status, body) = app.call(&victor, "set_language", &[("language", "ko")]).await;
    assert_eq!(status, 200, "{body}");
    // Another browser of victor's, asking for English.
    let elsewhere = app.signed_in("victor").await;
    let html = page(&elsewhere, &format!("{}/", app.base), Some("en-US,en;q=0.9")).await;
    assert_eq!(lang_of(&html), "ko");
    assert!(html.contains("로그아웃") && html.contains("DB 인스턴스"), "the shell in Korean");
    // Another member in the same language setting is not affected.
    let alice = app.signed_in("alice").await;
    assert_eq!(lang_of(&page(&alice, &format!("{}/", app.base), Some("en")).await), "en");
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT actor_name, summary FROM audit_events WHERE action = 'user.set_language' ORDER BY id")
            .fetch_all(&app.ctx.pool)
            .await
            .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].0, "victor");
    assert!(rows[0].1.contains("\"ko\""), "{rows:?}");
    // Back to following the browser.
    app.call(&elsewhere, "set_language", &[("language", "auto")]).await;
    assert_eq!(lang_of(&page(&victor, &format!("{}/", app.base), Some("en")).await), "en");
}

#[tokio::test]
async fn a_language_pgdeck_does_not_speak_is_refused_by_name() {
    let app = spawn_app().await;
    let victor = app.signed_in("victor").await;
    for bad in ["fr", "", "ko-KR", "EN"] {
        let (status, body) = app.call(&victor, "set_language", &[("language", bad)]).await;
        assert_eq!(status, 422, "{bad:?}: {body}");
        assert!(body.contains("language"), "{body}");
    }
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE language IS NOT NULL").fetch_one(&app.ctx.pool).await.unwrap();
    assert_eq!(n, 0);
}

#[tokio::test]
async fn each_language_table_is_served_for_good_and_reads_back() {
    let app = spawn_app().await;
    let c = reqwest::Client::new();
    let common = lang::msg::NAMESPACES.iter().position(|(n, _, _)| *n == "common").unwrap();
    for l in lang::Lang::ALL {
        let r = c.get(format!("{}/i18n/{}.common.{}.json", app.base, l.code(), lang::msg::VERSION)).send().await.unwrap();
        assert_eq!(r.status(), 200);
        assert!(r.headers()["cache-control"].to_str().unwrap().contains("immutable"));
        let text = r.text().await.unwrap();
        let table = lang::Table::parse_namespace(l, common, &text).unwrap();
        assert_eq!(table.get(lang::msg::common::SIGN_OUT), if l == lang::Lang::Ko { "로그아웃" } else { "Sign out" });
        // A namespace holds its own messages only: the jobs page's words
        // are not in the base.
        assert_eq!(table.get(lang::msg::jobs::JOBS_HINT), "");
        // Every namespace is there, and compressed for browsers that take it.
        for (name, _, _) in lang::msg::NAMESPACES {
            let r = c
                .get(format!("{}/i18n/{}.{name}.{}.json", app.base, l.code(), lang::msg::VERSION))
                .header("accept-encoding", "gzip")
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 200, "{name}");
        }
    }
    // Another build's address, a language pgdeck does not have, a namespace
    // that does not exist, or the address without its namespace.
    for path in [
        "/i18n/ko.common.0000000000000000.json".to_string(),
        format!("/i18n/fr.common.{}.json", lang::msg::VERSION),
        format!("/i18n/ko.nothing.{}.json", lang::msg::VERSION),
        format!("/i18n/ko.{}.json", lang::msg::VERSION),
        "/i18n/ko.json".to_string(),
    ] {
        let r = c.get(format!("{}{path}", app.base)).send().await.unwrap();
        assert_eq!(r.status(), 404, "{path}");
    }
}

#[tokio::test]
async fn a_refusal_carries_its_code_and_the_audit_keeps_the_code_and_the_english() {
    let app = spawn_app().await;
    let alice = app.signed_in("alice").await;
    let (status, body) = app.call(&alice, "set_language", &[("language", "ko")]).await;
    assert_eq!(status, 200, "{body}");
    let call = serde_json::json!({"create_db_security_group": {"body": {"dbSecurityGroupName": "partners", "rules": [
        {"direction": "INGRESS", "etherType": "IPV4", "port": {"portType": "PORT_RANGE", "minPort": 0, "maxPort": 5000}, "cidr": "10.0.0.0/8"}]}}});
    let (status, body) = app.change(&alice, call, "").await;
    assert_eq!(status, 422, "{body}");
    // The answer names the field and carries the code and its values, so the
    // page words it in the member's language.
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    let refusal = &v["Validation"];
    assert_eq!(refusal["field"], "rules[0].port.minPort", "{body}");
    assert_eq!(refusal["code"], serde_json::json!(["range", "1", "65535", "0"]), "{body}");
    // The record reads the same whatever the member's language: the English
    // words and the code.
    let kept: String = sqlx::query_scalar(
        "SELECT result_message FROM audit_events WHERE action = 'create_db_security_group' AND outcome = 'refused' ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(&app.ctx.pool)
    .await
    .unwrap();
    assert!(kept.contains("must be between 1 and 65535, got 0") && kept.contains("[refusal-range]"), "{kept}");
    // And the member's language has words for it.
    let ko = lang::tables::table(lang::Lang::Ko).format(&lang::msg::refusals::refusal_range("1", "65535", "0"));
    assert_eq!(ko, "1에서 65535 사이여야 합니다 (입력: 0)");
}

#[tokio::test]
async fn a_refusal_of_rights_or_state_carries_its_code_and_reads_in_both_languages() {
    let app = spawn_app().await;
    let bob = app.signed_in("bob").await;
    let (status, body) = app.call(&bob, "list_approvals", &[("view", "all"), ("state", "")]).await;
    assert_eq!(status, 403, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    // The English words, then the code (a list of text).
    assert_eq!(
        v["Forbidden"],
        serde_json::json!(["every member's requests are for admins: pick Waiting for me or My requests", "approvals-all-admins"]),
        "{body}"
    );
    // The record keeps the English, whatever bob reads.
    let kept: String = sqlx::query_scalar(
        "SELECT result_message FROM audit_events WHERE action = 'approval.list' AND outcome = 'refused' ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(&app.ctx.pool)
    .await
    .unwrap();
    assert!(kept.contains("every member's requests are for admins"), "{kept}");
    // A viewer's change: the role is named in the code's values.
    let victor = app.signed_in("victor").await;
    let call = serde_json::json!({"create_db_security_group": {"body": {"dbSecurityGroupName": "partners", "rules": []}}});
    let (status, body) = app.change(&victor, call, "").await;
    assert_eq!(status, 403, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["Forbidden"], serde_json::json!(["the viewer role cannot do this", "role-cannot", "viewer"]), "{body}");
    // Every code the server sends has words in both languages.
    let ko = lang::tables::table(lang::Lang::Ko);
    let key = lang::msg::refusal("role-cannot").expect("the code has a message");
    assert_eq!(ko.format(&lang::Text::new(key, vec!["viewer".into()])), "viewer 역할은 이 작업을 할 수 없습니다");
    let key = lang::msg::refusal("approvals-all-admins").expect("the code has a message");
    assert!(ko.get(key).contains("관리자만"), "{}", ko.get(key));
}
