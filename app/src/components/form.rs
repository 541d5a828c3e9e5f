//! The form kit: fields checked as they are typed, refusals worded one way,
//! data shown loaded or as an error, and tables of rows with their actions.
//! Every form uses these, so a refusal reads "Port: is empty" on every page
//! and a failed load looks the same everywhere.

use super::ErrorNote;
use crate::data::Data;
use crate::AppError;
use leptos::prelude::*;
use rds::ValidationError;
use serde::{de::DeserializeOwned, Serialize};

pub use model::fields::message;

/// Why a typed whole number is refused: empty, not a number, or outside
/// what `check` (one of the `rds` crate's validators) accepts.
pub fn number_problem<T: std::str::FromStr, V>(text: &str, check: impl FnOnce(T) -> Result<V, ValidationError>) -> Option<String> {
    match model::fields::whole_in::<T>("", text) {
        Ok(v) => check(v).err().map(|e| crate::i18n::reason_words(&e)),
        Err(e) => Some(crate::i18n::reason_words(&e)),
    }
}

/// Why a typed text is refused by `check` (an `rds` validator).
pub fn text_problem<V>(text: &str, check: impl FnOnce(&str) -> Result<V, ValidationError>) -> Option<String> {
    check(text).err().map(|e| crate::i18n::reason_words(&e))
}

/// The id of the refusal of `field` (a wire name or a field's words), so
/// that its input can point at it with `aria-describedby`.
pub fn error_id(field: &str) -> String {
    let slug: String = field.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    format!("refusal-{slug}")
}

/// `aria-invalid` for the input of `field` while one of `problems` names it.
pub fn invalid_of(problems: Signal<Vec<ValidationError>>, field: &'static str) -> impl Fn() -> &'static str + Send + Sync + Copy + 'static {
    move || if problems.with(|p| p.iter().any(|e| e.field == field)) { "true" } else { "false" }
}

/// `aria-describedby` for the input of `field`: its refusal, while there is one.
pub fn described_of(
    problems: Signal<Vec<ValidationError>>,
    field: &'static str,
) -> impl Fn() -> Option<String> + Send + Sync + Copy + 'static {
    move || problems.with(|p| p.iter().any(|e| e.field == field)).then(|| error_id(field))
}

/// One refusal (or none) as the list [`invalid_of`] and [`described_of`] read.
pub fn as_list(problem: Signal<Option<ValidationError>>) -> Signal<Vec<ValidationError>> {
    Signal::derive(move || problem.get().into_iter().collect())
}

/// The refusal under one field, named the one way: "Port: is empty".
/// Its id is `id` when given, else [`error_id`] of the name, for the
/// field's `aria-describedby`.
#[component]
pub fn FieldError(
    #[prop(into)] name: String,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional, into)] id: Option<String>,
) -> impl IntoView {
    let id = id.unwrap_or_else(|| error_id(&name));
    move || error.get().map(|why| view! { <span class="field-error" role="alert" id=id.clone()>{message(&name, &why)}</span> })
}

/// Every one of `fields` (wire name, typed text) that holds no whole
/// number, as a refusal of that field: checked before the request built
/// from them, which would otherwise carry a stand-in value.
pub fn typed_numbers(fields: &[(&'static str, RwSignal<String>)]) -> Vec<ValidationError> {
    fields.iter().filter_map(|(field, text)| text.with(|t| model::fields::whole_in::<i64>(field, t).err())).collect()
}

/// The refusal of `field` (a wire name) when it is the one `problem`
/// names, worded as everywhere.
pub fn error_of(problem: Signal<Option<ValidationError>>, field: &'static str) -> impl IntoView {
    let error = Signal::derive(move || problem.get().filter(|e| e.field == field).map(|e| crate::i18n::reason_words(&e)));
    view! { <FieldError name=crate::i18n::field_label(field) error id=error_id(field)/> }
}

/// A refusal as a field's message, its field named in words; nothing when
/// there is none (for use inside a reactive closure).
pub fn refusal(e: Option<ValidationError>) -> Option<impl IntoView> {
    e.map(|e| {
        let id = error_id(&e.field);
        refusal_as(e, id)
    })
}

/// A refusal as a field's message with the given id (where several inputs
/// of a page refuse the same wire field, as a table of parameters does).
pub fn refusal_as(e: ValidationError, id: String) -> impl IntoView {
    view! { <span class="field-error" role="alert" id=id>{crate::i18n::refusal_message(&e)}</span> }
}

/// `aria-invalid` and `aria-describedby` for an input refused while
/// `problem` holds a refusal, shown under it with the id `id`.
pub fn tie(problem: Signal<Option<ValidationError>>, id: String) -> (Signal<&'static str>, Signal<Option<String>>) {
    (
        Signal::derive(move || if problem.with(Option::is_some) { "true" } else { "false" }),
        Signal::derive(move || problem.with(Option::is_some).then(|| id.clone())),
    )
}

/// The first refusal of a whole request (its `validate()`), its field named
/// in words ("Storage size (GB): must be between 20 and 2048, got 10").
#[component]
pub fn Problem(#[prop(into)] error: Signal<Option<ValidationError>>) -> impl IntoView {
    move || error.get().map(|e| view! { <p class="field-error" role="alert">{crate::i18n::refusal_message(&e)}</p> })
}

/// A labelled input bound to `value` and checked as it is typed.
///
/// `label` is what the member reads beside the field (and what tests find
/// it by); `name` is how refusals call it, the label when not given.
/// `check` answers why the text is refused, or `None`. With `quiet_empty`
/// an empty field shows no refusal (optional fields, or ones not yet
/// touched).
#[component]
pub fn Field<C>(
    #[prop(into)] label: String,
    value: RwSignal<String>,
    check: C,
    #[prop(optional, into)] name: Option<String>,
    /// `text` (the default), `number` or `password`.
    #[prop(optional)]
    kind: Option<&'static str>,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional, into)] placeholder: Option<String>,
    #[prop(optional)] maxlength: Option<u32>,
    #[prop(optional)] quiet_empty: bool,
    #[prop(optional, into)] disabled: MaybeProp<bool>,
) -> impl IntoView
where
    C: Fn(&str) -> Option<String> + Send + Sync + 'static,
{
    let name = name.unwrap_or_else(|| label.clone());
    let kind = kind.unwrap_or("text");
    let autocomplete = (kind == "password").then_some("new-password");
    let off = move || disabled.get().unwrap_or(false);
    let error = Signal::derive(move || value.with(|v| if off() || (quiet_empty && v.trim().is_empty()) { None } else { check(v) }));
    let id = error_id(&name);
    let described = {
        let id = id.clone();
        move || error.with(Option::is_some).then(|| id.clone())
    };
    view! {
        <label>
            <span>{label}</span>
            <input type=kind placeholder=placeholder maxlength=maxlength autocomplete=autocomplete
                aria-invalid=move || error.with(Option::is_some).to_string() aria-describedby=described prop:disabled=off
                prop:value=value on:input:target=move |ev| value.set(ev.target().value())/>
            {hint.map(|h| view! { <span class="hint">{h}</span> })}
            <FieldError name error id/>
        </label>
    }
}

/// What a page or part shows while its data is on its way: a status
/// region, so screen readers announce it.
#[component]
pub fn Loading(#[prop(into)] text: String) -> impl IntoView {
    view! { <p class="loading" role="status">{text}</p> }
}

/// A page's data once loaded: `children` draws it, a failure shows the
/// error note, and `loading` shows while it is on its way.
#[component]
pub fn Loaded<T, F, V>(data: Data<Result<T, AppError>>, #[prop(into)] loading: String, children: F) -> impl IntoView
where
    T: Clone + Serialize + DeserializeOwned + Send + Sync + 'static,
    F: Fn(T) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let loading = StoredValue::new(loading);
    view! {
        <Transition fallback=move || view! { <Loading text=loading.get_value()/> }>
            {move || data.get().map(|r| or_error(r, &children))}
        </Transition>
    }
}

/// `ok(value)`, or the error note: the one way a failed answer is shown.
pub fn or_error<T, V: IntoView + 'static>(r: Result<T, AppError>, ok: impl FnOnce(T) -> V) -> AnyView {
    match r {
        Ok(v) => ok(v).into_any(),
        Err(error) => view! { <ErrorNote error/> }.into_any(),
    }
}

/// A table of resources with one row each and, last, the row's actions.
/// An empty list shows `empty` instead of a bare header.
#[component]
pub fn CrudTable<R, C, A>(
    /// The table's accessible name.
    #[prop(into)]
    label: String,
    /// The columns' names (messages), in order.
    headers: &'static [crate::i18n::Key],
    rows: Vec<R>,
    /// The cells of one row, without the actions.
    cells: C,
    /// The buttons of one row (empty when the member may not change).
    actions: A,
    #[prop(into)] empty: String,
    /// A class for each row, so tests and styles can find them.
    #[prop(optional)]
    row_class: &'static str,
    /// An id for each row, so a link can point at it.
    #[prop(optional)]
    row_id: Option<fn(&R) -> String>,
) -> impl IntoView
where
    C: Fn(&R) -> AnyView,
    A: Fn(&R) -> AnyView,
{
    if rows.is_empty() {
        return view! { <p class="empty">{empty}</p> }.into_any();
    }
    view! {
        <table class="grid" aria-label=label>
            <thead><tr>
                {headers.iter().map(|h| view! { <th scope="col">{crate::i18n::t(*h)}</th> }).collect_view()}
                <th scope="col"><span class="sr-only">{crate::i18n::t(crate::i18n::msg::common::GRID_ACTIONS)}</span></th>
            </tr></thead>
            <tbody>
                {rows.iter().map(|r| view! { <tr class=row_class id=row_id.map(|f| f(r))>{cells(r)}<td class="row-actions">{actions(r)}</td></tr> }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// A row's edit and delete buttons, named after the row for screen readers
/// and tests ("Change DB user app", "Delete DB user app").
#[component]
pub fn RowActions(
    /// What the row is, as in "DB user app".
    #[prop(into)]
    what: String,
    #[prop(optional)] on_edit: Option<Callback<()>>,
    on_delete: Callback<()>,
    /// The edit button's verb: "Edit" unless given.
    #[prop(optional)]
    edit_verb: Option<&'static str>,
) -> impl IntoView {
    use crate::i18n::{msg::common as m, t, tf};
    let verb = edit_verb.unwrap_or_else(|| t(m::GRID_EDIT));
    view! {
        {on_edit.map(|edit| view! {
            <button type="button" aria-label=tf(m::grid_verb_what(verb, what.clone())) on:click=move |_| edit.run(())>{verb}</button>
        })}
        <button type="button" class="danger-text" aria-label=tf(m::grid_delete_what(what.clone())) on:click=move |_| on_delete.run(())>{t(m::GRID_DELETE)}</button>
    }
}
