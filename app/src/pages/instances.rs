//! The instances list.

use crate::api::list_instances;
use crate::components::{ErrorNote, StatusPill};
use leptos::prelude::*;
use rds::types::DbInstance;

fn matches(i: &DbInstance, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    let needle = needle.to_lowercase();
    [
        i.db_instance_name.as_str(),
        i.description.as_deref().unwrap_or(""),
        i.db_version.as_str(),
        i.db_instance_id.as_str(),
        i.db_instance_status.as_ref().map(|s| s.as_str()).unwrap_or(""),
    ]
    .iter()
    .any(|f| f.to_lowercase().contains(&needle))
}

/// All DB instances of the project, searchable without a round trip.
#[component]
pub fn InstancesPage() -> impl IntoView {
    let instances = Resource::new(|| (), |_| list_instances());
    let (filter, set_filter) = signal(String::new());
    view! {
        <section>
            <div class="page-head">
                <h1>"Instances"</h1>
                <div class="tools">
                    <label class="search">
                        <span>"Search instances"</span>
                        <input
                            type="search"
                            placeholder="name, version, status…"
                            prop:value=filter
                            on:input:target=move |ev| set_filter.set(ev.target().value())
                        />
                    </label>
                    <button type="button" on:click=move |_| instances.refetch()>
                        "Refresh"
                    </button>
                </div>
            </div>
            <Suspense fallback=|| view! { <p class="loading">"Loading instances…"</p> }>
                {move || {
                    instances
                        .get()
                        .map(|result| match result {
                            Err(e) => view! { <ErrorNote error=e/> }.into_any(),
                            Ok(list) => {
                                let total = list.len();
                                let list = StoredValue::new(list);
                                let shown = move || {
                                    let f = filter.get();
                                    list.with_value(|l| l.iter().filter(|i| matches(i, &f)).cloned().collect::<Vec<_>>())
                                };
                                view! {
                                    <p class="count" aria-live="polite">
                                        {move || format!("{} of {} instances", shown().len(), total)}
                                    </p>
                                    <table class="grid" aria-label="DB instances">
                                        <thead>
                                            <tr>
                                                <th scope="col">"Name"</th>
                                                <th scope="col">"Role"</th>
                                                <th scope="col">"Version"</th>
                                                <th scope="col">"Port"</th>
                                                <th scope="col">"Status"</th>
                                                <th scope="col">"Task"</th>
                                                <th scope="col">"Created"</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            <For each=shown key=|i| i.db_instance_id.clone() let:i>
                                                <InstanceRow i/>
                                            </For>
                                        </tbody>
                                    </table>
                                }
                                    .into_any()
                            }
                        })
                }}
            </Suspense>
        </section>
    }
}

#[component]
fn InstanceRow(i: DbInstance) -> impl IntoView {
    let role = i.db_instance_type.as_ref().map(|t| t.label().to_string()).unwrap_or_default();
    let status = i.db_instance_status.as_ref().map(|s| s.as_str().to_string()).unwrap_or_default();
    let progress = i.progress_status.clone().filter(|p| p.is_busy()).map(|p| p.label().to_string());
    let created = i.created_ymdt.as_ref().map(|t| t.display()).unwrap_or_default();
    view! {
        <tr class="instance-row">
            <td>
                <span class="name">{i.db_instance_name.clone()}</span>
                <span class="sub">{i.description.clone().unwrap_or_default()}</span>
            </td>
            <td>{role}</td>
            <td>{i.db_version.clone()}</td>
            <td>{i.db_port}</td>
            <td>
                <StatusPill text=status/>
            </td>
            <td>{progress.map(|p| view! { <span class="busy-dot" aria-hidden="true"></span> {p} })}</td>
            <td class="when">{created}</td>
        </tr>
    }
}
