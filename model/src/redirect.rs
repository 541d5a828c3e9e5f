//! Where pgdeck may send a browser after sign-in (or any other redirect):
//! only a path on pgdeck itself.

/// `next` when it is a same-origin path, otherwise `/`.
///
/// A browser reads `//host`, `/\host` and `\\host` as another site, ignores
/// tabs and new lines inside a URL, and decodes `%2F` / `%5C` in some places
/// and not others. So the target must, both as given and after
/// percent-decoding (twice, for double encoding): start with exactly one `/`
/// followed by something other than `/` or `\`, and hold no backslash and no
/// control character; as given it must be printable ASCII. The sign-in page
/// itself is never a target.
pub fn local_target(next: &str) -> &str {
    if is_local(next) {
        next
    } else {
        "/"
    }
}

fn is_local(raw: &str) -> bool {
    if raw.is_empty() || raw.len() > 2048 {
        return false;
    }
    let once = percent_decode(raw);
    let twice = percent_decode(&once);
    raw.bytes().all(|c| c.is_ascii_graphic()) && [raw, once.as_str(), twice.as_str()].iter().all(|s| plain_path(s)) && !is_sign_in(&twice)
}

/// One leading `/` not followed by `/` or `\`; no backslash or control
/// character anywhere (spaces are fine once decoded, as in `?text=a%20b`).
fn plain_path(s: &str) -> bool {
    let b = s.as_bytes();
    b.first() == Some(&b'/')
        && !matches!(b.get(1), Some(b'/' | b'\\' | b' '))
        && !s.chars().any(|c| c == '\\' || c.is_control() || c == '\u{FFFD}')
}

fn is_sign_in(path: &str) -> bool {
    let p = path.split(['?', '#']).next().unwrap_or("");
    p.trim_end_matches('/').eq_ignore_ascii_case("/sign-in")
}

/// Decodes `%XX` escapes; anything undecodable stays as written. Bytes that
/// are not UTF-8 after decoding become U+FFFD (and so fail `plain_path`).
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::local_target;

    #[test]
    fn only_same_origin_paths_survive() {
        let kept = ["/", "/instances", "/instances/abc/settings?x=1#top", "/audit?actor=bob&text=a%20b", "/a:b", "/jobs?next=//x"];
        for t in kept {
            assert_eq!(local_target(t), t, "{t:?} is a local path");
        }
        let refused = [
            "",
            "//evil.example/phish",
            "/\\evil.example/phish",
            "\\\\evil.example",
            "\\/evil.example",
            "/%5Cevil.example",
            "/%5cevil.example",
            "/%2F%2Fevil.example",
            "/%2f/evil.example",
            "%2F%2Fevil.example",
            "/%252F%252Fevil.example",
            "/%255Cevil.example",
            "https:evil.example",
            "https://evil.example",
            "http:/evil.example",
            "javascript:alert(1)",
            "\t//evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/%09/evil.example",
            "/%0d%0a/evil.example",
            " /instances",
            "/ins tances",
            "evil.example",
            "./instances",
            "/sign-in",
            "/sign-in?next=//evil.example",
            "/SIGN-IN/",
            "/%73ign-in",
            "/инстансы",
        ];
        for t in refused {
            assert_eq!(local_target(t), "/", "{t:?} must not be followed");
        }
        assert_eq!(local_target(&format!("/{}", "a".repeat(3000))), "/", "absurdly long targets are dropped");
    }
}
