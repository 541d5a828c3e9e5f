//! Focus that survives a redraw: where a list is drawn again from fresh data
//! (a poll, a change the member made), the control a keyboard member was on
//! is found again in the new rows and takes focus back, instead of focus
//! falling to the page.

/// Gives focus to the first enabled element matching one of `selectors`
/// (tried in order), looking again each frame for a few dozen frames while
/// the redrawn rows are on their way.
pub fn focus_next_frame(selectors: Vec<String>) {
    #[cfg(feature = "hydrate")]
    try_focus(std::rc::Rc::new(selectors), 60);
    #[cfg(not(feature = "hydrate"))]
    let _ = selectors;
}

#[cfg(feature = "hydrate")]
fn try_focus(selectors: std::rc::Rc<Vec<String>>, tries: u32) {
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    request_animation_frame(move || {
        for s in selectors.iter() {
            let found = document().query_selector(&format!("{s}:not([disabled])")).ok().flatten();
            if let Some(el) = found.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = el.focus();
                return;
            }
        }
        if tries > 0 {
            try_focus(selectors, tries - 1);
        }
    });
}

/// Call as `scope` (a CSS selector of the list) is about to be drawn again:
/// when focus is on a control in one of its rows (rows carry the attribute
/// `row_attr` naming them), the same control of the same row takes focus
/// once the new rows are in the document.
pub fn keep_through_redraw(scope: &'static str, row_attr: &'static str) {
    #[cfg(feature = "hydrate")]
    {
        use leptos::prelude::*;
        let Some(active) = document().active_element() else { return };
        let Ok(Some(list)) = document().query_selector(scope) else { return };
        if !list.contains(Some(&active)) {
            return;
        }
        let Ok(Some(row)) = active.closest(&format!("[{row_attr}]")) else { return };
        let key = row.get_attribute(row_attr).unwrap_or_default().replace('"', "\\\"");
        let tag = active.tag_name().to_lowercase();
        let control = match active.get_attribute("aria-label") {
            Some(label) => format!("{tag}[aria-label=\"{}\"]", label.replace('"', "\\\"")),
            None => match active.get_attribute("name").or_else(|| active.get_attribute("href").map(|h| format!("href={h}"))) {
                Some(n) if n.starts_with("href=") => format!("{tag}[href=\"{}\"]", &n[5..]),
                Some(n) => format!("{tag}[name=\"{n}\"]"),
                None => {
                    // The n-th control of its kind in the row.
                    let same = row.query_selector_all(&tag).ok();
                    let index = same
                        .and_then(|all| (0..all.length()).find(|i| all.item(*i).is_some_and(|n| n.is_same_node(Some(active.as_ref())))))
                        .unwrap_or(0);
                    format!("{tag}:nth-of-type({})", index + 1)
                }
            },
        };
        // The old rows are still in the document: wait for them to go.
        let old = send_wrapper::SendWrapper::new(active);
        wait_for_new(format!("{scope} [{row_attr}=\"{key}\"] {control}"), old, 60);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (scope, row_attr);
}

#[cfg(feature = "hydrate")]
fn wait_for_new(selector: String, old: send_wrapper::SendWrapper<web_sys::Element>, tries: u32) {
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    request_animation_frame(move || {
        let found = document().query_selector(&selector).ok().flatten();
        match found {
            Some(el) if !el.is_same_node(Some(old.as_ref())) => {
                // Only when focus has fallen to the page: a member who moved on keeps their place.
                let lost = document()
                    .active_element()
                    .is_none_or(|a| !a.is_connected() || a.is_same_node(document().body().as_ref().map(AsRef::as_ref)));
                if lost {
                    if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                        let _ = el.focus();
                    }
                }
            }
            _ if tries > 0 => wait_for_new(selector, old, tries - 1),
            _ => {}
        }
    });
}
