//! What applying an instance's access rules will change, as one table: the
//! access tab shows it before Apply, the approvals page beside the request.

use crate::i18n::{msg::kinds as m, t, tf};
use leptos::prelude::*;
use model::hba::{Diff, Kind};

/// The diff as a table, one row per added, removed, changed or moved rule,
/// then the rules in matching order as they will be.
#[component]
pub fn HbaDiffTable(diff: Diff) -> impl IntoView {
    let summary = [Kind::Added, Kind::Removed, Kind::Changed, Kind::Moved]
        .into_iter()
        .map(|k| tf(m::diff_count(diff.count(k), kind_word(k))))
        .collect::<Vec<_>>()
        .join(", ");
    let after = diff.after.clone();
    view! {
        <div class="hba-diff">
            <p class="diff-summary">{if diff.is_empty() { t(m::NOTHING_TO_APPLY).to_string() } else { summary }}</p>
            {(!diff.baseline_known && !diff.is_empty()).then(|| view! {
                <p class="hint">{t(m::BASELINE_UNKNOWN)}</p>
            })}
            {(!diff.is_empty()).then(|| view! {
                <table class="grid" aria-label=t(m::ACCESS_RULE_CHANGES)>
                    <thead><tr>
                        <th scope="col">{t(m::DIFF_COL_CHANGE)}</th><th scope="col">{t(m::DIFF_COL_RULE)}</th><th scope="col">{t(m::DIFF_COL_DETAILS)}</th>
                    </tr></thead>
                    <tbody>
                        {diff.entries.into_iter().map(|e| {
                            let word = kind_word(e.kind);
                            let kind = e.kind.as_str();
                            view! {
                                <tr class=format!("diff-{kind}") data-change=kind>
                                    <td><span class=format!("pill diff-{kind}")>{word}</span></td>
                                    <td><code>{e.rule.line()}</code></td>
                                    <td>
                                        <ul class="plain">
                                            {e.fields.into_iter().map(|f| view! {
                                                <li>{f.field}": "<del>{f.before}</del>" → "<ins>{f.after}</ins></li>
                                            }).collect_view()}
                                            {e.moved.map(|(from, to)| view! { <li>{tf(m::moved_position(from, to))}</li> })}
                                        </ul>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <details>
                    <summary>{t(m::RULES_AFTER_APPLY)}</summary>
                    <pre class="conf" aria-label=t(m::RULES_AFTER_APPLY_LABEL)>{after.iter().map(|w| w.line()).collect::<Vec<_>>().join("\n")}</pre>
                </details>
            })}
        </div>
    }
}

/// A kind of change in words.
fn kind_word(k: Kind) -> &'static str {
    t(match k {
        Kind::Added => m::DIFF_ADDED,
        Kind::Removed => m::DIFF_REMOVED,
        Kind::Changed => m::DIFF_CHANGED,
        Kind::Moved => m::DIFF_MOVED,
    })
}
