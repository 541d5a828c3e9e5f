//! What every dialog does for keyboard and screen-reader members: focus
//! moves into it when it opens, Tab and Shift+Tab stay inside it, Escape
//! closes it, and focus goes back to what opened it.
//!
//! A dialog calls [`keep_focus`] with a `NodeRef` on its `role="dialog"`
//! element and puts [`on_key`] on that element's `keydown`.

use leptos::prelude::*;

/// What can take focus inside a dialog.
#[cfg(feature = "hydrate")]
const FOCUSABLE: &str =
    "button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

/// Moves focus into the dialog once it is shown (its first field, or its
/// first button), closes it on Escape wherever focus is, and gives focus
/// back to the element that had it when the dialog closes.
pub fn keep_focus(dialog: NodeRef<leptos::html::Div>, close: impl Fn() + 'static) {
    #[cfg(feature = "hydrate")]
    {
        let escape = window_event_listener(leptos::ev::keydown, move |ev| {
            if ev.key() == "Escape" {
                close();
            }
        });
        on_cleanup(move || escape.remove());
        use wasm_bindgen::JsCast;
        let opener = document().active_element().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        focus_first_when_shown(dialog, 60);
        let opener = send_wrapper::SendWrapper::new(opener);
        on_cleanup(move || {
            if let Some(o) = opener.take() {
                let _ = o.focus();
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (dialog, close);
}

/// Focuses the dialog's first field (or control) once the dialog is in the
/// document: it may be built before it is shown (a dialog whose own data
/// is still loading), so it looks again each frame, a few dozen times.
#[cfg(feature = "hydrate")]
fn focus_first_when_shown(dialog: NodeRef<leptos::html::Div>, tries: u32) {
    use wasm_bindgen::JsCast;
    request_animation_frame(move || {
        let Some(d) = dialog.try_get_untracked().flatten().filter(|d| d.is_connected()) else {
            if tries > 0 {
                focus_first_when_shown(dialog, tries - 1);
            }
            return;
        };
        let first = d
            .query_selector("input:not([disabled]), select, textarea")
            .ok()
            .flatten()
            .or_else(|| d.query_selector(FOCUSABLE).ok().flatten());
        if let Some(el) = first.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = el.focus();
        }
    });
}

/// Escape closes the dialog; Tab at its last control goes to its first, and
/// Shift+Tab at its first to its last.
pub fn on_key(ev: leptos::ev::KeyboardEvent, dialog: NodeRef<leptos::html::Div>, close: impl Fn()) {
    if ev.key() == "Escape" {
        ev.prevent_default();
        close();
        return;
    }
    #[cfg(feature = "hydrate")]
    if ev.key() == "Tab" {
        use wasm_bindgen::JsCast;
        let Some(d) = dialog.get() else { return };
        let Ok(list) = d.query_selector_all(FOCUSABLE) else { return };
        let n = list.length();
        if n == 0 {
            return;
        }
        let at = |i: u32| list.item(i).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        let active = document().active_element();
        let (first, last) = (at(0), at(n - 1));
        let is =
            |el: &Option<web_sys::HtmlElement>| matches!((el, &active), (Some(a), Some(b)) if AsRef::<web_sys::Element>::as_ref(a) == b);
        if ev.shift_key() && is(&first) {
            ev.prevent_default();
            if let Some(l) = last {
                let _ = l.focus();
            }
        } else if !ev.shift_key() && is(&last) {
            ev.prevent_default();
            if let Some(f) = first {
                let _ = f.focus();
            }
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = dialog;
}
