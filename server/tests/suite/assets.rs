//! The bundle as a browser receives it: compressed by `Accept-Encoding`,
//! under an address that changes with the build, cached for good; pages
//! themselves revalidated.

use crate::common;
use common::spawn_app;

#[tokio::test]
async fn assets_arrive_compressed_and_immutable_and_pages_stay_fresh() {
    if !server::assets::bundle_present() || !server::assets::compressed_present() {
        eprintln!("no compressed browser bundle in this build (run scripts/build-site.sh): skipped");
        return;
    }
    let app = spawn_app().await;
    let client = reqwest::Client::builder().no_gzip().no_brotli().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let page = client.get(format!("{}/sign-in", app.base)).send().await.unwrap();
    assert_eq!(page.headers()["cache-control"], "no-cache, private", "pages are revalidated");
    let html = page.text().await.unwrap();
    let dir = format!("/{}", server::assets::pkg_dir());
    assert!(html.contains(&format!("{dir}/pgdeck.js")) && html.contains(&format!("{dir}/main.css")), "{html}");

    for (accept, encoding) in [("br, gzip", Some("br")), ("gzip", Some("gzip")), ("identity", None)] {
        let r = client.get(format!("{}{dir}/pgdeck_bg.wasm", app.base)).header("accept-encoding", accept).send().await.unwrap();
        assert_eq!(r.status(), 200);
        let h = r.headers().clone();
        assert_eq!(h.get("content-encoding").map(|v| v.to_str().unwrap()), encoding, "{accept}");
        assert_eq!(h["vary"], "accept-encoding");
        assert_eq!(h["cache-control"], "public, max-age=31536000, immutable");
        assert_eq!(h["content-type"], "application/wasm");
        let body = r.bytes().await.unwrap();
        let raw =
            std::fs::metadata(concat!(env!("CARGO_MANIFEST_DIR"), "/../target/site/pkg/pgdeck_bg.wasm")).map(|m| m.len()).unwrap_or(0);
        match encoding {
            Some(_) => assert!((body.len() as u64) < raw / 2, "{accept}: {} bytes of {raw}", body.len()),
            None => assert_eq!(body.len() as u64, raw),
        }
        // Revalidation answers 304 for the same form.
        let etag = h["etag"].to_str().unwrap().to_string();
        let again = client
            .get(format!("{}{dir}/pgdeck_bg.wasm", app.base))
            .header("accept-encoding", accept)
            .header("if-none-match", &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), 304);
    }
    let css = client.get(format!("{}{dir}/main.css", app.base)).header("accept-encoding", "br").send().await.unwrap();
    assert_eq!(css.headers()["content-type"], "text/css; charset=utf-8");
    // Another build's address still answers, but is revalidated.
    let old = client.get(format!("{}/pkg/0000000000000000/pgdeck.js", app.base)).send().await.unwrap();
    assert_eq!(old.status(), 200);
    assert_eq!(old.headers()["cache-control"], "no-cache");
    let missing = client.get(format!("{}{dir}/nope.wasm", app.base)).send().await.unwrap();
    assert_eq!(missing.status(), 404);
}
