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

/// As [`focus_next_frame`], but only while focus has fallen to the page: a
/// member who has moved on keeps their place. Safe to call on every redraw.
///
/// A redraw may reach the document a while after this call (a
/// transition keeps the old rows until the new ones are ready), so while
/// focus stays where it was at the call, this keeps watching; it stops once
/// focus is put back, or the member moves it elsewhere.
pub fn refocus_if_lost(selectors: Vec<String>) {
    #[cfg(feature = "hydrate")]
    {
        use leptos::prelude::*;
        let was = document().active_element();
        watch_focus(std::rc::Rc::new(selectors), was, WATCH_FRAMES);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = selectors;
}

/// How long a redraw is waited for: about ten seconds of frames (longer
/// on a busy machine, whose frames come slower), since the new rows wait
/// for their data.
#[cfg(feature = "hydrate")]
const WATCH_FRAMES: u32 = 600;

/// Whether focus is nowhere a member can see: on the page, or on an
/// element a redraw has taken out of the document.
#[cfg(feature = "hydrate")]
fn focus_lost() -> bool {
    use leptos::prelude::*;
    let body = document().body();
    document().active_element().is_none_or(|a| !a.is_connected() || a.is_same_node(body.as_ref().map(AsRef::as_ref)))
}

/// The first enabled element matching one of `selectors`, given focus.
#[cfg(feature = "hydrate")]
fn focus_first(selectors: &[String]) -> bool {
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    for s in selectors {
        let found = document().query_selector(&format!("{s}:not([disabled])")).ok().flatten();
        if let Some(el) = found.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = el.focus();
            return true;
        }
    }
    false
}

#[cfg(feature = "hydrate")]
fn try_focus(selectors: std::rc::Rc<Vec<String>>, tries: u32) {
    use leptos::prelude::*;
    request_animation_frame(move || {
        if !focus_first(&selectors) && tries > 0 {
            try_focus(selectors, tries - 1);
        }
    });
}

#[cfg(feature = "hydrate")]
fn watch_focus(selectors: std::rc::Rc<Vec<String>>, was: Option<web_sys::Element>, tries: u32) {
    use leptos::prelude::*;
    request_animation_frame(move || {
        if focus_lost() {
            if focus_first(&selectors) {
                return;
            }
        } else if !document().active_element().is_some_and(|a| was.as_ref().is_some_and(|w| a.is_same_node(Some(w)))) {
            // The member is somewhere else now: leave them there.
            return;
        }
        if tries > 0 {
            watch_focus(selectors, was, tries - 1);
        }
    });
}

/// Call as `scope` (a CSS selector of the list) is about to be drawn again:
/// when focus is on a control in one of its rows (rows carry the attribute
/// `row_attr` naming them), the control at the same place in the same row
/// takes focus once the new rows are in the document, if focus has fallen
/// to the page meanwhile.
pub fn keep_through_redraw(scope: &'static str, row_attr: &'static str) {
    #[cfg(feature = "hydrate")]
    {
        use leptos::prelude::*;
        let Some(active) = document().active_element() else { return };
        let Ok(Some(row)) = active.closest(&format!("{scope} [{row_attr}]")) else { return };
        let Ok(controls) = row.query_selector_all(CONTROLS) else { return };
        let Some(index) = (0..controls.length()).find(|i| controls.item(*i).is_some_and(|n| n.is_same_node(Some(&active)))) else { return };
        let key = row.get_attribute(row_attr).unwrap_or_default();
        wait_for_new(format!("{scope} [{row_attr}=\"{}\"]", key.replace('"', "")), row, index, 60);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (scope, row_attr);
}

#[cfg(feature = "hydrate")]
const CONTROLS: &str = "a, button, input, select";

#[cfg(feature = "hydrate")]
fn wait_for_new(selector: String, old: web_sys::Element, index: u32, tries: u32) {
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    request_animation_frame(move || match document().query_selector(&selector).ok().flatten() {
        Some(row) if !row.is_same_node(Some(&old)) => {
            let control = row.query_selector_all(CONTROLS).ok().and_then(|c| c.item(index));
            if let Some(el) = control.filter(|_| focus_lost()).and_then(|c| c.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = el.focus();
            }
        }
        _ if tries > 0 => wait_for_new(selector, old, index, tries - 1),
        _ => {}
    });
}
