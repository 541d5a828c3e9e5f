//! The high-availability tab: the pair, its state and its switches.

use super::*;
#[allow(unused_imports)]
use crate::i18n::{msg::tab_ha as m, t, tf};

#[component]
pub(super) fn HaTab(o: Overview, can_change: impl Fn() -> bool + Send + Sync + Copy + 'static) -> impl IntoView {
    let ha = o.ha.clone();
    // From every field that carries it, not `useHighAvailability` alone: an
    // instance in an HA pair is never offered "turn HA on".
    let on = o.in_ha_pair();
    let paused = matches!(ha.ha_status, Some(rds::HaStatus::Paused) | Some(rds::HaStatus::PausedDueToTask));
    let ov = StoredValue::new(o.clone());
    let want = RwSignal::new(on);
    let ping = RwSignal::new(ha.ping_interval.unwrap_or(6).to_string());
    let wait = RwSignal::new(ha.failover_repl_waiting_time.unwrap_or(-1).to_string());
    let ping_check = |v: &str| number_problem(v, rds::validate::PingInterval::new);
    let wait_check = |v: &str| number_problem(v, rds::validate::FailoverReplWaitingTime::new);
    let invalid = move || want.get() && (ping.with(|v| ping_check(v)).is_some() || wait.with(|v| wait_check(v)).is_some());
    let save = move |_| {
        let on = want.get();
        ask(&ov.get_value(), |id| {
            crate::change!(ModifyHighAvailability {
                id,
                body: ModifyHighAvailability {
                    use_high_availability: on,
                    ping_interval: on.then(|| ping.get().trim().parse().unwrap_or(6)),
                    failover_repl_waiting_time: on.then(|| wait.get().trim().parse().unwrap_or(-1)),
                },
            })
        })
    };
    view! {
        <div class="card">
            <dl class="facts">
                <dt>{t(m::HA_HA)}</dt><dd>{if on { t(crate::i18n::msg::instance::OV_ON) } else { t(crate::i18n::msg::instance::OV_OFF) }}</dd>
                <dt>{t(m::HA_STATE)}</dt><dd>{ha.ha_status.as_ref().map(|s| crate::i18n::words(s)).unwrap_or_else(|| "—".into())}</dd>
                <dt>{t(m::HA_PING)}</dt><dd>{ha.ping_interval.map(|p| tf(m::ha_seconds(p))).unwrap_or_else(|| "—".into())}</dd>
                <dt>{t(m::HA_FAILOVER_WAIT)}</dt><dd>{ha.failover_repl_waiting_time.map(|w| if w < 0 { t(m::HA_WAIT_REPLICATION).to_string() } else { tf(m::ha_seconds(w)) }).unwrap_or_else(|| "—".into())}</dd>
            </dl>
            <Show when=move || can_change() && on>
                <div class="form-actions">
                    <Show when=move || !paused><button type="button" on:click=move |_| ask(&ov.get_value(), |id| crate::change!(PauseHighAvailability { id }))>{t(m::HA_PAUSE)}</button></Show>
                    <Show when=move || paused><button type="button" on:click=move |_| ask(&ov.get_value(), |id| crate::change!(ResumeHighAvailability { id }))>{t(m::HA_RESUME)}</button></Show>
                    <button type="button" on:click=move |_| ask(&ov.get_value(), |id| crate::change!(RepairHighAvailability { id }))>{t(m::HA_REPAIR)}</button>
                    <button type="button" class="danger-text" on:click=move |_| ask(&ov.get_value(), |id| crate::change!(SplitHighAvailability { id }))>{t(m::HA_SPLIT)}</button>
                </div>
            </Show>
        </div>
        <Show when=can_change>
            <div class="card">
                <h2>{t(m::HA_MODIFY)}</h2>
                <div class="form-grid plain">
                    <label class="check"><input type="checkbox" prop:checked=want on:change:target=move |ev| want.set(ev.target().checked())/>{t(m::HA_USE)}</label>
                    <Field label=t(m::HA_PING_SECONDS) kind="number" value=ping check=ping_check disabled=Signal::derive(move || !want.get())/>
                    <Field label=t(m::HA_FAILOVER_LABEL) name=t(m::HA_FAILOVER_NAME) kind="number"
                        value=wait check=wait_check disabled=Signal::derive(move || !want.get())/>
                </div>
                <button type="button" prop:disabled=invalid on:click=save>{t(m::HA_SAVE)}</button>
            </div>
        </Show>
    }
}

/// The instances of this one's instance group: the master, its HA
/// candidate and its read replicas, each linking to its page.
#[component]
pub(super) fn GroupMembers(o: Overview) -> impl IntoView {
    let me = o.detail.db_instance_id.clone();
    let replicas = o.group.iter().filter(|i| i.db_instance_type == Some(rds::DbInstanceType::ReadOnlySlave)).count();
    view! {
        <h2>{tf(m::ha_group(o.detail.db_instance_group_id.to_string()))}</h2>
        <p class="hint">{match replicas { 0 => t(m::HA_NO_REPLICAS).to_string(), n => tf(m::ha_replicas(n as i64)) }}</p>
        <table class="grid" aria-label=t(m::HA_MEMBERS)>
            <thead><tr><th scope="col">{t(m::HA_INSTANCE)}</th><th scope="col">{t(m::HA_ROLE)}</th><th scope="col">{t(m::HA_STATUS)}</th></tr></thead>
            <tbody>
                {o.group.into_iter().map(|i| {
                    let this = i.db_instance_id == me;
                    view! {
                        <tr>
                            <td>{if this {
                                view! { <strong>{i.db_instance_name.clone()}</strong>" "{t(m::HA_THIS_INSTANCE)} }.into_any()
                            } else {
                                view! { <a href=format!("/instances/{}", i.db_instance_id)>{i.db_instance_name.clone()}</a> }.into_any()
                            }}</td>
                            <td>{i.db_instance_type.as_ref().map(|t| crate::i18n::words(t))}</td>
                            <td><StatusPill code=i.db_instance_status.as_ref().map(|s| s.as_str().to_string()).unwrap_or_default() text=crate::i18n::words_of(i.db_instance_status.as_ref())/></td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
