//! A parameter group and a DB security group, each at its own address: the
//! instance overview links here.

use crate::api::{self, SecurityGroupView};
use crate::components::ErrorNote;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

fn id_param() -> impl Fn() -> String + Send + Sync + Copy + 'static {
    let params = use_params_map();
    move || params.read().get("id").unwrap_or_default()
}

/// `/access-control`: the project's parameter groups and DB security
/// groups, each linking to its page.
#[component]
pub fn AccessControlPage() -> impl IntoView {
    let groups = crate::data::load(|| (), |_| api::access_groups());
    let table = |label: &'static str, kind: &'static str, rows: Vec<model::GroupRow>, versioned: bool| {
        view! {
            <table class="grid" aria-label=label>
                <thead><tr>
                    <th scope="col">"Name"</th>
                    {versioned.then(|| view! { <th scope="col">"Version"</th> })}
                    <th scope="col">"State"</th><th scope="col">"Description"</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|g| view! {
                        <tr>
                            <td><a class="name" href=format!("/access-control/{kind}/{}", g.id)>{g.name}</a></td>
                            {versioned.then(|| view! { <td>{g.version.clone()}</td> })}
                            <td>{g.status}</td><td>{g.description}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
    };
    view! {
        <section>
            <div class="page-head"><h1>"Access control"</h1></div>
            <p class="hint"><a href="/access-control/parameter-groups">"Manage parameter groups"</a>": create, copy, edit parameters, compare, reset and apply."</p>
            <Transition fallback=|| view! { <p class="loading">"Loading groups…"</p> }>
                {move || groups.get().map(|r| match r {
                    Err(e) => view! { <ErrorNote error=e/> }.into_any(),
                    Ok((pgs, sgs)) => view! {
                        <h2>"DB security groups"</h2>
                        {table("DB security groups", "security-groups", sgs, false)}
                        <h2>"Parameter groups"</h2>
                        {table("Parameter groups", "parameter-groups", pgs, true)}
                    }.into_any(),
                })}
            </Transition>
        </section>
    }
}

/// `/access-control/parameter-groups/:id`: the group and its parameters,
/// searchable by name or category.
#[component]
pub fn ParameterGroupPage() -> impl IntoView {
    let id = id_param();
    let group = crate::data::load(id, api::parameter_group);
    let compare = super::params::Compare::default();
    view! {
        <section>
            <p class="crumbs"><a href="/access-control">"Access control"</a>" / "<a href="/access-control/parameter-groups">"Parameter groups"</a>" /"</p>
            <Transition fallback=|| view! { <p class="loading">"Loading the parameter group…"</p> }>
                {move || group.get().map(|r| match r {
                    Err(e) => view! { <h1>"Parameter group"</h1><ErrorNote error=e/> }.into_any(),
                    Ok(g) => view! { <super::params::ParameterGroupEditor g compare/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

/// `/access-control/security-groups/:id`: the group and its rules.
#[component]
pub fn SecurityGroupPage() -> impl IntoView {
    let id = id_param();
    let group = crate::data::load(id, api::security_group);
    view! {
        <section>
            <p class="crumbs"><a href="/access-control">"Access control"</a>" / DB security groups /"</p>
            <Transition fallback=|| view! { <p class="loading">"Loading the security group…"</p> }>
                {move || group.get().map(|r| match r {
                    Err(e) => view! { <h1>"DB security group"</h1><ErrorNote error=e/> }.into_any(),
                    Ok(g) => view! { <SecurityGroup g/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn SecurityGroup(g: SecurityGroupView) -> impl IntoView {
    let empty = g.rules.is_empty();
    view! {
        <div class="page-head"><h1>{g.name.clone()}</h1></div>
        <dl class="facts card" aria-label="Security group details">
            <dt>"ID"</dt><dd><code>{g.id.clone()}</code></dd>
            <dt>"Description"</dt><dd>{g.description.clone()}</dd>
            <dt>"State"</dt><dd>{g.status.clone()}</dd>
            <dt>"Created"</dt><dd>{g.created.clone()}</dd>
            <dt>"Updated"</dt><dd>{g.updated.clone()}</dd>
        </dl>
        <h2>"Rules"</h2>
        {empty.then(|| view! { <p class="empty">"No rules: nothing may connect through this group."</p> })}
        <table class="grid" aria-label="Rules">
            <thead><tr>
                <th scope="col">"Direction"</th><th scope="col">"IP version"</th><th scope="col">"Ports"</th>
                <th scope="col">"CIDR"</th><th scope="col">"Description"</th>
            </tr></thead>
            <tbody>
                {g.rules.into_iter().map(|r| view! {
                    <tr><td>{r.direction}</td><td>{r.ether_type}</td><td>{r.ports}</td><td><code>{r.cidr}</code></td><td>{r.description}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
