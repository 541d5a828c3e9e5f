//! What applying an instance's access rules will change, as one table: the
//! access tab shows it before Apply, the approvals page beside the request.

use leptos::prelude::*;
use model::hba::{Diff, Kind};

/// The diff as a table, one row per added, removed, changed or moved rule,
/// then the rules in matching order as they will be.
#[component]
pub fn HbaDiffTable(diff: Diff) -> impl IntoView {
    let summary = [Kind::Added, Kind::Removed, Kind::Changed, Kind::Moved]
        .into_iter()
        .map(|k| format!("{} {}", diff.count(k), k.as_str()))
        .collect::<Vec<_>>()
        .join(", ");
    let after = diff.after.clone();
    view! {
        <div class="hba-diff">
            <p class="diff-summary">{if diff.is_empty() { "Nothing waits to be applied.".to_string() } else { summary }}</p>
            {(!diff.baseline_known && !diff.is_empty()).then(|| view! {
                <p class="hint">"pgdeck has not seen these rules with nothing waiting since they last changed, so earlier values and moves are not known; upstream's marks are shown."</p>
            })}
            {(!diff.is_empty()).then(|| view! {
                <table class="grid" aria-label="Access rule changes">
                    <thead><tr>
                        <th scope="col">"Change"</th><th scope="col">"Rule"</th><th scope="col">"Details"</th>
                    </tr></thead>
                    <tbody>
                        {diff.entries.into_iter().map(|e| {
                            let kind = e.kind.as_str();
                            view! {
                                <tr class=format!("diff-{kind}") data-change=kind>
                                    <td><span class=format!("pill diff-{kind}")>{kind}</span></td>
                                    <td><code>{e.rule.line()}</code></td>
                                    <td>
                                        <ul class="plain">
                                            {e.fields.into_iter().map(|f| view! {
                                                <li>{f.field}": "<del>{f.before}</del>" → "<ins>{f.after}</ins></li>
                                            }).collect_view()}
                                            {e.moved.map(|(from, to)| view! { <li>{format!("position {from} → {to}")}</li> })}
                                        </ul>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <details>
                    <summary>"Rules after the apply, in matching order"</summary>
                    <pre class="conf" aria-label="Rules after the apply">{after.iter().map(|w| w.line()).collect::<Vec<_>>().join("\n")}</pre>
                </details>
            })}
        </div>
    }
}
