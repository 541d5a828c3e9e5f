//! A parameter group and a DB security group, each at its own address: the
//! instance overview links here.

use crate::api::{self, RequestChange, SecurityGroupView};
use crate::components::confirm::{ActionResult, ConfirmDialog, Pending};
use crate::components::form::{error_id, refusal, tie, CrudTable, Loaded, Problem, RowActions};
use crate::components::ErrorNote;
use crate::i18n::{msg::groups as m, t, tf};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use rds::types::{CreateDbSecurityGroup, ModifyDbSecurityGroup, RuleIdsQuery, RulePort, SecurityRuleSpec};
use rds::validate::Validate;
use rds::{DbSecurityGroupId, Direction, EtherType, PortType, SecurityRuleId};

fn id_param() -> impl Fn() -> String + Send + Sync + Copy + 'static {
    let params = use_params_map();
    move || params.read().get("id").unwrap_or_default()
}

/// `/access-control`: the project's parameter groups and DB security
/// groups, each linking to its page.
#[component]
pub fn AccessControlPage() -> impl IntoView {
    let act = ServerAction::<RequestChange>::new();
    let groups = crate::data::load(move || act.version().get(), |_| api::access_groups());
    let table = |label: &'static str, kind: &'static str, rows: Vec<model::GroupRow>, versioned: bool| {
        view! {
            <table class="grid" aria-label=label>
                <thead><tr>
                    <th scope="col">{t(m::GROUPS_COL_NAME)}</th>
                    {versioned.then(|| view! { <th scope="col">{t(m::GROUPS_COL_VERSION)}</th> })}
                    <th scope="col">{t(m::GROUPS_COL_STATE)}</th><th scope="col">{t(m::GROUPS_COL_DESCRIPTION)}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|g| view! {
                        <tr>
                            <td><a class="name" href=format!("/access-control/{kind}/{}", g.id)>{g.name}</a></td>
                            {versioned.then(|| view! { <td>{g.version.clone()}</td> })}
                            <td>{group_status(kind, &g.status)}</td><td data-words="upstream">{g.description}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
    };
    view! {
        <section>
            <div class="page-head"><h1>{t(m::GROUPS_TITLE)}</h1></div>
            <p class="hint"><a href="/access-control/parameter-groups">{t(m::GROUPS_MANAGE_PG)}</a>{t(m::GROUPS_MANAGE_PG_REST)}</p>
            <Show when=can_change>
                <NewSecurityGroup act/>
            </Show>
            <ActionResult act/>
            <Loaded data=groups loading=t(m::GROUPS_LOADING) let:r>
                {{
                    let (pgs, sgs) = r;
                    view! {
                        <h2>{t(m::GROUPS_SG_TITLE)}</h2>
                        {table(t(m::GROUPS_SG_TITLE), "security-groups", sgs, false)}
                        <h2>{t(m::GROUPS_PG_TITLE)}</h2>
                        {table(t(m::GROUPS_PG_TITLE), "parameter-groups", pgs, true)}
                    }.into_any()
                }}
            </Loaded>
        </section>
    }
}

/// `/access-control/parameter-groups/:id`: the group and its parameters,
/// searchable by name or category.
#[component]
pub fn ParameterGroupPage() -> impl IntoView {
    let id = id_param();
    // After the page's own save, what it shows is read again from upstream.
    let act = ServerAction::<RequestChange>::new();
    let group = crate::data::load(move || (id(), act.version().get()), |(id, _)| api::parameter_group(id));
    let compare = super::params::Compare::default();
    view! {
        <section>
            <p class="crumbs"><a href="/access-control">{t(m::GROUPS_TITLE)}</a>" / "<a href="/access-control/parameter-groups">{t(m::GROUPS_PG_TITLE)}</a>" /"</p>
            <Transition fallback=|| view! { <crate::components::form::Loading text=t(m::GROUPS_LOADING_PG)/> }>
                {move || group.get().map(|r| match r {
                    Err(e) => view! { <h1>{t(m::GROUPS_PG)}</h1><ErrorNote error=e/> }.into_any(),
                    Ok(g) => view! { <super::params::ParameterGroupEditor g compare act/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

/// `/access-control/security-groups/:id`: the group, the instances using
/// it, and its rules, each editable.
#[component]
pub fn SecurityGroupPage() -> impl IntoView {
    let id = id_param();
    let act = ServerAction::<RequestChange>::new();
    let live = use_context::<crate::components::live::LiveJobs>();
    let finished = move || live.map(|l| l.jobs.with(|j| j.iter().filter(|x| x.finished).count())).unwrap_or(0);
    let group = crate::data::load(move || (id(), act.version().get(), finished()), |(id, _, _)| api::security_group(id));
    let pending: Pending = RwSignal::new(None);
    view! {
        <section>
            <p class="crumbs"><a href="/access-control">{t(m::GROUPS_TITLE)}</a>" / "{t(m::GROUPS_SG_TITLE)}" /"</p>
            <ActionResult act/>
            <Transition fallback=|| view! { <crate::components::form::Loading text=t(m::GROUPS_LOADING_SG)/> }>
                {move || group.get().map(|r| match r {
                    Err(e) => view! { <h1>{t(m::GROUPS_SG)}</h1><ErrorNote error=e/> }.into_any(),
                    Ok(g) => view! { <SecurityGroup g act pending/> }.into_any(),
                })}
            </Transition>
            <ConfirmDialog pending act/>
        </section>
    }
}

fn can_change() -> bool {
    super::me().is_some_and(|m| m.can_change)
}

#[component]
fn SecurityGroup(g: SecurityGroupView, act: ServerAction<RequestChange>, pending: Pending) -> impl IntoView {
    let gid = StoredValue::new(DbSecurityGroupId::new(g.id.clone()));
    let name = RwSignal::new(g.name.clone());
    let description = RwSignal::new(g.description.clone());
    let editing = RwSignal::new(None::<(Option<String>, SecurityRuleSpec)>);
    let (orig_name, orig_desc) = (g.name.clone(), g.description.clone());
    let modify = move || ModifyDbSecurityGroup {
        db_security_group_name: Some(name.get().trim().to_string()).filter(|n| *n != orig_name),
        description: Some(description.get()).filter(|d| *d != orig_desc),
    };
    let name_problem = move || rds::validate::resource_name("dbSecurityGroupName", name.get().trim(), true).err();
    let rename_tie = tie(Signal::derive(name_problem), error_id("dbSecurityGroupName"));
    let busy = (!g.busy.is_empty()).then(|| crate::i18n::words(&rds::SecurityGroupProgress::parse(&g.busy)));
    let group_name = g.name.clone();
    view! {
        <div class="page-head"><h1>{g.name.clone()}</h1></div>
        {busy.map(|b| view! { <p class="banner" role="status"><span class="busy-dot" aria-hidden="true"></span>{b}</p> })}
        <dl class="facts card" aria-label=t(m::GROUPS_DETAILS)>
            <dt>{t(m::GROUPS_ID)}</dt><dd><code>{g.id.clone()}</code></dd>
            <dt>{t(m::GROUPS_COL_DESCRIPTION)}</dt><dd data-words="upstream">{g.description.clone()}</dd>
            <dt>{t(m::GROUPS_COL_STATE)}</dt><dd>{crate::i18n::words(&rds::CreatedStatus::parse(&g.status))}</dd>
            <dt>{t(m::GROUPS_CREATED)}</dt><dd>{g.created.clone()}</dd>
            <dt>{t(m::GROUPS_UPDATED)}</dt><dd>{g.updated.clone()}</dd>
            <dt>{t(m::GROUPS_USED_BY)}</dt><dd>
                {if g.used_by.is_empty() { view! { {t(m::GROUPS_NO_INSTANCE)} }.into_any() } else {
                    g.used_by.iter().map(|u| view! { <a href=format!("/instances/{}/settings", u.id)>{u.name.clone()}</a>" " }).collect_view().into_any()
                }}
            </dd>
        </dl>
        <Show when=can_change>
            <details class="card">
                <summary>{t(m::GROUPS_RENAME)}</summary>
                <div class="form-grid">
                    <label><span>{t(m::GROUPS_SG_NAME)}</span><input type="text" prop:value=name on:input:target=move |ev| name.set(ev.target().value())
                        aria-invalid=rename_tie.0 aria-describedby=rename_tie.1/>
                        {move || refusal(name_problem())}</label>
                    <label><span>{t(m::GROUPS_SG_DESCRIPTION)}</span><input type="text" prop:value=description on:input:target=move |ev| description.set(ev.target().value())/></label>
                </div>
                <div class="form-actions">
                    <button type="button" class="primary" prop:disabled={ let modify = modify.clone(); move || name_problem().is_some() || modify() == ModifyDbSecurityGroup::default() }
                        on:click={ let modify = modify.clone(); move |_| { act.dispatch(RequestChange { call: crate::change!(ModifyDbSecurityGroup { group_id: gid.get_value(), body: modify() }), reason: String::new() }); } }>
                        {t(m::GROUPS_SAVE_SG)}</button>
                </div>
            </details>
            <div class="toolbar">
                <button type="button" on:click=move |_| editing.set(Some((None, blank_rule())))>{t(m::GROUPS_ADD_RULE)}</button>
                {
                    let group_name = group_name.clone();
                    view! { <button type="button" class="danger-text" on:click=move |_| pending.set(Some((group_name.clone(), crate::change!(DeleteDbSecurityGroup { group_id: gid.get_value() }))))>{t(m::GROUPS_DELETE_SG)}</button> }
                }
            </div>
        </Show>
        {move || editing.get().map(|(rule, spec)| view! { <RuleForm group=gid.get_value() rule spec editing act/> })}
        <h2>{t(m::GROUPS_RULES)}</h2>
        <CrudTable label=t(m::GROUPS_RULES) headers=&[m::GROUPS_DIRECTION, m::GROUPS_IP_VERSION, m::GROUPS_PORTS, m::GROUPS_CIDR, m::GROUPS_COL_DESCRIPTION] rows=g.rules
            empty=t(m::GROUPS_NO_RULES)
            cells=|r: &model::RuleView| view! {
                <td>{crate::i18n::words_of(r.rule.direction.as_ref())}</td><td>{r.ether_type.clone()}</td><td>{rule_ports(r)}</td><td><code>{r.cidr.clone()}</code></td><td data-words="upstream">{r.description.clone()}</td>
            }.into_any()
            actions=move |r: &model::RuleView| {
                let label = format!("{} {} {}", crate::i18n::words_of(r.rule.direction.as_ref()), rule_ports(r), r.cidr);
                let spec = SecurityRuleSpec {
                    description: r.rule.description.clone(),
                    direction: r.rule.direction.clone(),
                    ether_type: r.rule.ether_type.clone(),
                    port: r.rule.port.clone(),
                    cidr: r.rule.cidr.clone(),
                };
                let (rid, gone, named) = (r.id.clone(), r.id.clone(), label.clone());
                can_change().then(|| view! {
                    <RowActions what=tf(m::groups_rule_what(label.clone()))
                        on_edit=Callback::new(move |_| editing.set(Some((Some(rid.clone()), spec.clone()))))
                        on_delete=Callback::new(move |_| pending.set(Some((named.clone(), crate::change!(DeleteSecurityRules {
                            group_id: gid.get_value(),
                            query: RuleIdsQuery { rule_ids: vec![SecurityRuleId::new(gone.clone())] },
                        })))))/>
                }).into_any()
            }/>
    }
}

fn blank_rule() -> SecurityRuleSpec {
    SecurityRuleSpec {
        description: None,
        direction: Some(Direction::Ingress),
        ether_type: Some(EtherType::Ipv4),
        port: RulePort { port_type: Some(PortType::DbPort), min_port: None, max_port: None },
        cidr: String::new(),
    }
}

/// The fields of a security rule, bound to signals; shared by the rule form
/// and the create-group form.
#[derive(Clone, Copy)]
struct RuleFields {
    direction: RwSignal<String>,
    ether: RwSignal<String>,
    port_type: RwSignal<String>,
    min: RwSignal<String>,
    max: RwSignal<String>,
    cidr: RwSignal<String>,
    description: RwSignal<String>,
}

impl RuleFields {
    fn new(s: &SecurityRuleSpec) -> Self {
        let text = |v: Option<u32>| v.map(|v| v.to_string()).unwrap_or_default();
        RuleFields {
            direction: RwSignal::new(s.direction.as_ref().map(|d| d.as_str().to_string()).unwrap_or_default()),
            ether: RwSignal::new(s.ether_type.as_ref().map(|d| d.as_str().to_string()).unwrap_or_default()),
            port_type: RwSignal::new(s.port.port_type.as_ref().map(|d| d.as_str().to_string()).unwrap_or_default()),
            min: RwSignal::new(text(s.port.min_port)),
            max: RwSignal::new(text(s.port.max_port)),
            cidr: RwSignal::new(s.cidr.clone()),
            description: RwSignal::new(s.description.clone().unwrap_or_default()),
        }
    }

    /// The spec as typed; an empty or unreadable port is refused by name.
    fn spec(&self) -> Result<SecurityRuleSpec, rds::ValidationError> {
        let port_type = PortType::parse(&self.port_type.get());
        let number = |field: &str, s: String| -> Result<Option<u32>, rds::ValidationError> {
            let s = s.trim().to_string();
            match (&port_type, s.is_empty()) {
                (PortType::DbPort, _) => Ok(None),
                (_, true) => Err(rds::ValidationError::coded(field, "empty-port", vec![], "is empty: enter a port from 1 to 65535")),
                _ => model::fields::whole_in(field, &s).map(Some),
            }
        };
        let min = number("port.minPort", self.min.get())?;
        let max = if port_type == PortType::Port { min } else { number("port.maxPort", self.max.get())? };
        let spec = SecurityRuleSpec {
            description: Some(self.description.get()).filter(|d| !d.trim().is_empty()),
            direction: Some(Direction::parse(&self.direction.get())),
            ether_type: Some(EtherType::parse(&self.ether.get())),
            port: RulePort { port_type: Some(port_type), min_port: min, max_port: max },
            cidr: self.cidr.get().trim().to_string(),
        };
        spec.validate()?;
        Ok(spec)
    }

    fn view(self) -> impl IntoView {
        let f = self;
        let options = |list: &'static [&'static str], labels: &'static [crate::i18n::Key]| {
            list.iter().zip(labels).map(|(v, l)| view! { <option value=*v>{t(*l)}</option> }).collect_view()
        };
        view! {
            <div class="form-grid">
                <label><span>{t(m::GROUPS_DIRECTION)}</span><select prop:value=f.direction on:change:target=move |ev| f.direction.set(ev.target().value())>
                    {options(&["INGRESS", "EGRESS"], &[m::GROUPS_INBOUND, m::GROUPS_OUTBOUND])}</select></label>
                <label><span>{t(m::GROUPS_IP_VERSION)}</span><select prop:value=f.ether on:change:target=move |ev| f.ether.set(ev.target().value())>
                    {options(&["IPV4", "IPV6"], &[m::GROUPS_IPV4, m::GROUPS_IPV6])}</select></label>
                <label><span>{t(m::GROUPS_PORTS)}</span><select prop:value=f.port_type on:change:target=move |ev| f.port_type.set(ev.target().value())>
                    {options(&["DB_PORT", "PORT", "PORT_RANGE"], &[m::GROUPS_DB_PORT, m::GROUPS_ONE_PORT, m::GROUPS_PORT_RANGE])}</select></label>
                <Show when=move || f.port_type.get() != "DB_PORT">
                    <label><span>{move || if f.port_type.get() == "PORT" { t(m::GROUPS_PORT) } else { t(m::GROUPS_FROM_PORT) }}</span>
                        <input type="number" min="1" max="65535" prop:value=f.min on:input:target=move |ev| f.min.set(ev.target().value())/></label>
                </Show>
                <Show when=move || f.port_type.get() == "PORT_RANGE">
                    <label><span>{t(m::GROUPS_TO_PORT)}</span><input type="number" min="1" max="65535" prop:value=f.max on:input:target=move |ev| f.max.set(ev.target().value())/></label>
                </Show>
                <label><span>{t(m::GROUPS_CIDR)}</span><input type="text" placeholder="10.0.0.0/8" prop:value=f.cidr on:input:target=move |ev| f.cidr.set(ev.target().value())/></label>
                <label><span>{t(m::GROUPS_RULE_DESCRIPTION)}</span><input type="text" prop:value=f.description on:input:target=move |ev| f.description.set(ev.target().value())/></label>
            </div>
            <Problem error=Signal::derive(move || f.spec().err().filter(|_| !f.cidr.get().trim().is_empty()))/>
        }
    }
}

/// Adds a rule to a group, or changes one.
#[component]
fn RuleForm(
    group: DbSecurityGroupId,
    rule: Option<String>,
    spec: SecurityRuleSpec,
    editing: RwSignal<Option<(Option<String>, SecurityRuleSpec)>>,
    act: ServerAction<RequestChange>,
) -> impl IntoView {
    let f = RuleFields::new(&spec);
    let title = if rule.is_some() { t(m::GROUPS_CHANGE_RULE) } else { t(m::GROUPS_NEW_RULE) };
    view! {
        <form class="card" aria-label=title on:submit=move |ev| ev.prevent_default()>
            <h3>{title}</h3>
            {f.view()}
            <div class="form-actions">
                <button type="button" class="primary" prop:disabled=move || f.spec().is_err() on:click={
                    let rule = rule.clone();
                    move |_| {
                        let Ok(body) = f.spec() else { return };
                        let call = match &rule {
                            Some(r) => crate::change!(ModifySecurityRule { group_id: group.clone(), rule_id: SecurityRuleId::new(r.clone()), body }),
                            None => crate::change!(CreateSecurityRule { group_id: group.clone(), body }),
                        };
                        act.dispatch(RequestChange { call, reason: String::new() });
                        editing.set(None);
                    }
                }>{if rule.is_some() { t(m::GROUPS_SAVE_RULE) } else { t(m::GROUPS_ADD_RULE) }}</button>
                <button type="button" on:click=move |_| editing.set(None)>{t(m::GROUPS_CANCEL)}</button>
            </div>
        </form>
    }
}

/// Creates a DB security group with its first rule (upstream refuses a
/// group without rules).
#[component]
pub fn NewSecurityGroup(act: ServerAction<RequestChange>) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let f = RuleFields::new(&blank_rule());
    let body = move || -> Result<CreateDbSecurityGroup, rds::ValidationError> {
        let rules = vec![f.spec()?];
        let body = CreateDbSecurityGroup {
            db_security_group_name: name.get().trim().to_string(),
            description: Some(description.get()).filter(|d| !d.trim().is_empty()),
            rules,
        };
        body.validate()?;
        Ok(body)
    };
    let name_problem = Signal::derive(move || {
        rds::validate::resource_name("dbSecurityGroupName", name.get().trim(), true).err().filter(|_| !name.get().is_empty())
    });
    let name_tie = tie(name_problem, error_id("dbSecurityGroupName"));
    view! {
        <details class="card">
            <summary>{t(m::GROUPS_NEW_SG)}</summary>
            <div class="form-grid">
                <label><span>{t(m::GROUPS_SG_NAME)}</span><input type="text" prop:value=name on:input:target=move |ev| name.set(ev.target().value())
                    aria-invalid=name_tie.0 aria-describedby=name_tie.1/>
                    {move || refusal(name_problem.get())}</label>
                <label><span>{t(m::GROUPS_SG_DESCRIPTION)}</span><input type="text" prop:value=description on:input:target=move |ev| description.set(ev.target().value())/></label>
            </div>
            <p class="hint">{t(m::GROUPS_FIRST_RULE)}</p>
            {f.view()}
            <div class="form-actions">
                <button type="button" class="primary" prop:disabled=move || body().is_err() on:click=move |_| {
                    if let Ok(body) = body() {
                        act.dispatch(RequestChange { call: crate::change!(CreateDbSecurityGroup { body }), reason: String::new() });
                        name.set(String::new());
                        description.set(String::new());
                    }
                }>{t(m::GROUPS_CREATE_SG)}</button>
            </div>
        </details>
    }
}

/// A group's state in the page's language (the view carries upstream's
/// value): a parameter group's or a security group's, by the list it is in.
fn group_status(kind: &str, status: &str) -> String {
    if kind == "parameter-groups" {
        crate::i18n::words(&rds::ParameterGroupStatus::parse(status))
    } else {
        crate::i18n::words(&rds::CreatedStatus::parse(status))
    }
}

/// A rule's ports: the numbers, or the kind of port in the page's language.
fn rule_ports(r: &model::RuleView) -> String {
    let port = &r.rule.port;
    match (&port.port_type, port.min_port, port.max_port) {
        (Some(PortType::DbPort), ..) | (Some(_), None, None) => crate::i18n::words_of(port.port_type.as_ref()),
        _ => r.ports.clone(),
    }
}
