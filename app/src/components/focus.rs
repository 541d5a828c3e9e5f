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

/// Keeps focus on the first enabled element matching one of `selectors`
/// (tried in order) through the redraws a member's own action causes: the
/// rows may be rebuilt, or patched in place so that the focused control
/// then stands for another row, once or several times (the change, then
/// the reload as its job ends), and later than any fixed number of frames.
///
/// Call it when the member acts (the keypress or click that will redraw
/// the list). For [`HOLD_MS`] after, each frame, focus that is not on a
/// matching element is put back on one. It lets go as soon as the member
/// presses a key or a pointer, or focus moves to another control: from
/// then on they decide where focus is.
pub fn hold_focus(selectors: Vec<String>) {
    #[cfg(feature = "hydrate")]
    hold::start(selectors);
    #[cfg(not(feature = "hydrate"))]
    let _ = selectors;
}

/// How long [`hold_focus`] holds: long enough for a change's job to end and
/// its reload to land on a busy machine.
pub const HOLD_MS: f64 = 15_000.0;

#[cfg(feature = "hydrate")]
mod hold {
    use super::{focus_first, matches_any, HOLD_MS};
    use std::cell::{Cell, RefCell};
    use wasm_bindgen::prelude::*;

    struct Hold {
        selectors: Vec<String>,
        until: f64,
        /// Which hold this is: only the newest one's frame loop runs.
        generation: u32,
    }

    thread_local! {
        static HOLD: RefCell<Option<Hold>> = const { RefCell::new(None) };
        static GENERATION: Cell<u32> = const { Cell::new(0) };
        static LISTENING: Cell<bool> = const { Cell::new(false) };
    }

    fn now() -> f64 {
        web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
    }

    pub(super) fn start(selectors: Vec<String>) {
        use leptos::prelude::*;
        let generation = GENERATION.with(|g| {
            g.set(g.get().wrapping_add(1));
            g.get()
        });
        listen_once();
        // The keypress that asked for the change is still being handled:
        // the hold starts after it, so that press does not end it.
        request_animation_frame(move || {
            HOLD.with(|h| *h.borrow_mut() = Some(Hold { selectors, until: now() + HOLD_MS, generation }));
            tick(generation);
        });
    }

    /// The member's next key or pointer press ends the hold (capture
    /// phase, before any handler of theirs moves focus), and so does focus
    /// arriving anywhere but the held control (moved by an assistive
    /// technology, or a script of the member's).
    fn listen_once() {
        use leptos::prelude::*;
        if LISTENING.with(|l| l.replace(true)) {
            return;
        }
        let release = Closure::<dyn Fn()>::new(|| HOLD.with(|h| *h.borrow_mut() = None));
        let elsewhere = Closure::<dyn Fn(web_sys::Event)>::new(|ev: web_sys::Event| {
            let target = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
            HOLD.with(|h| {
                let mut h = h.borrow_mut();
                if h.as_ref().is_some_and(|hold| !target.as_ref().is_some_and(|t| matches_any(t, &hold.selectors))) {
                    *h = None;
                }
            });
        });
        let doc = document();
        for event in ["keydown", "pointerdown"] {
            let _ = doc.add_event_listener_with_callback_and_bool(event, release.as_ref().unchecked_ref(), true);
        }
        let _ = doc.add_event_listener_with_callback_and_bool("focusin", elsewhere.as_ref().unchecked_ref(), true);
        release.forget();
        elsewhere.forget();
    }

    fn tick(generation: u32) {
        use leptos::prelude::*;
        let selectors =
            HOLD.with(|h| h.borrow().as_ref().filter(|h| h.generation == generation && now() < h.until).map(|h| h.selectors.clone()));
        let Some(selectors) = selectors else { return };
        let on_target = document().active_element().is_some_and(|a| a.is_connected() && matches_any(&a, &selectors));
        if !on_target {
            focus_first(&selectors);
        }
        request_animation_frame(move || tick(generation));
    }
}

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
fn matches_any(el: &web_sys::Element, selectors: &[String]) -> bool {
    selectors.iter().any(|s| el.matches(s).unwrap_or(false))
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
