//! Backups: the project's list, an instance's Backups tab, point-in-time
//! restore on a timeline, restore from a backup, export and delete. Every
//! change goes through `request_change` (gated where policy says).

use crate::api::{self, ChangeOutcome, RequestChange};
use crate::components::confirm::{ActionResult, ChangeNote, ConfirmDialog, Pending};
use crate::components::form::{as_list, described_of, error_of, invalid_of, typed_numbers, Loaded, Problem};
use crate::components::live::LiveJobs;
use crate::components::StatusPill;
use crate::i18n::{msg::backups as m, msg::create as cm, t, tf};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use model::matched::{BackupFilter, Matched};
use rds::types::*;
use rds::validate::Validate;
use rds::{BackupId, BackupStatus, BackupType, DbInstanceId, RestoreType, Timestamp};

/// Bytes in the units people read: `512 B`, `3.4 MiB`, `12.0 GiB`.
pub fn human_bytes(n: u64) -> String {
    crate::i18n::lang().bytes(n)
}

/// A time in words for a choice's label, written the one way
/// (`components::when`), or "—".
fn when(t: &Option<Timestamp>) -> String {
    use crate::components::when;
    t.as_ref().map(|t| t.unix().map_or_else(|| t.raw().to_string(), |u| when::written(u, when::zone()))).unwrap_or_else(|| "—".into())
}

fn can_change() -> bool {
    super::me().is_some_and(|m| m.can_change)
}

/// `/backups`: every backup of the project.
#[component]
pub fn BackupsPage() -> impl IntoView {
    let query = use_query_map();
    let instance = RwSignal::new(query.read_untracked().get("instance").unwrap_or_default());
    let kind = RwSignal::new(String::new());
    let page = RwSignal::new(1u32);
    let size = RwSignal::new(20u32);
    // Filters upstream does not have: pgdeck applies them over every page.
    let narrow = RwSignal::new(BackupFilter::default());
    let act = ServerAction::<RequestChange>::new();
    let live = use_context::<LiveJobs>();
    let finished = move || live.map(|l| l.jobs.with(|j| j.iter().filter(|x| x.finished).count())).unwrap_or(0);
    let instances = crate::data::load(|| (), |_| api::list_instances());
    let list = crate::data::load(
        move || (instance.get(), kind.get(), page.get(), size.get(), narrow.get(), finished(), act.version().get()),
        |(instance, kind, page, size, filter, _, _)| {
            api::list_backups(
                BackupQuery {
                    page,
                    size,
                    backup_type: (!kind.is_empty()).then(|| BackupType::parse(&kind)),
                    db_instance_id: (!instance.is_empty()).then(|| DbInstanceId::new(instance)),
                    db_version: None,
                },
                filter,
            )
        },
    );
    let pending: Pending = RwSignal::new(None);
    let exporting = RwSignal::new(None::<Backup>);
    view! {
        <section>
            <div class="page-head"><h1>{t(m::BACKUPS_TITLE)}</h1></div>
            <div class="filters" role="search">
                <label><span>{t(m::BACKUPS_INSTANCE)}</span>
                    <select prop:value=instance on:change:target=move |ev| { instance.set(ev.target().value()); page.set(1) }>
                        <option value="">{t(m::BACKUPS_ALL_INSTANCES)}</option>
                        <Transition fallback=|| ()>
                            {move || instances.get().and_then(Result::ok).map(|l| model::naming::backup_sources(&l, &crate::i18n::naming_words()).into_iter().map(|(id, label)| view! {
                                <option value=id>{label}</option>
                            }).collect_view())}
                        </Transition>
                    </select>
                </label>
                <label><span>{t(m::BACKUPS_TYPE)}</span>
                    <select prop:value=kind on:change:target=move |ev| { kind.set(ev.target().value()); page.set(1) }>
                        <option value="">{t(m::BACKUPS_AUTO_AND_MANUAL)}</option>
                        <option value="AUTO">{t(m::BACKUPS_AUTOMATIC)}</option>
                        <option value="MANUAL">{t(m::BACKUPS_MANUAL)}</option>
                    </select>
                </label>
                <label><span>{t(m::BACKUPS_STATUS)}</span>
                    <select on:change:target=move |ev| { narrow.update(|n| n.status = ev.target().value()); page.set(1) }>
                        <option value="">{t(m::BACKUPS_ANY_STATUS)}</option>
                        <option value="COMPLETED">{t(m::BACKUPS_COMPLETED_STATUS)}</option>
                        <option value="BACKING_UP">{t(m::BACKUPS_BACKING_UP)}</option>
                        <option value="DELETING">{t(m::BACKUPS_DELETING)}</option>
                        <option value="ERROR">{t(m::BACKUPS_ERROR)}</option>
                    </select>
                </label>
                <label><span>{t(m::BACKUPS_TAKEN_FROM)}</span><input type="date" on:change:target=move |ev| { narrow.update(|n| n.from = ev.target().value()); page.set(1) }/></label>
                <label><span>{t(m::BACKUPS_TAKEN_UNTIL)}</span><input type="date" on:change:target=move |ev| { narrow.update(|n| n.to = ev.target().value()); page.set(1) }/></label>
                <label><span>{t(m::BACKUPS_SEARCH)}</span><input type="search" placeholder=t(m::BACKUPS_SEARCH_PLACEHOLDER) on:change:target=move |ev| { narrow.update(|n| n.text = ev.target().value()); page.set(1) }/></label>
            </div>
            <ActionResult act/>
            <Loaded data=list loading=t(m::BACKUPS_LOADING) let:answer>
                {{
                        let pages = answer.pages(size.get_untracked());
                        let bound = if answer.bounded { crate::i18n::tf(crate::i18n::msg::common::pager_bound(model::matched::SCAN_BOUND as i64)) } else { String::new() };
                        let said = crate::i18n::tf(m::backups_pager(page.get_untracked(), pages as i64, answer.total as i64)) + &bound;
                        view! {
                            <BackupTable backups=answer.items show_instance=true pending exporting/>
                            <nav class="pager" aria-label=t(m::BACKUPS_PAGES)>
                                <button type="button" prop:disabled=move || { page.get() <= 1 } on:click=move |_| page.update(|p| *p = p.saturating_sub(1).max(1))>{t(m::BACKUPS_PREVIOUS)}</button>
                                <span>{said}</span>
                                <button type="button" prop:disabled=move || { u64::from(page.get()) >= pages } on:click=move |_| page.update(|p| *p += 1)>{t(m::BACKUPS_NEXT)}</button>
                                <label><span>{t(m::BACKUPS_PER_PAGE)}</span>
                                    <select prop:value=move || size.get().to_string() on:change:target=move |ev| { size.set(ev.target().value().parse().unwrap_or(20)); page.set(1) }>
                                        <option value="20">"20"</option><option value="50">"50"</option><option value="100">"100"</option>
                                    </select>
                                </label>
                            </nav>
                        }
                        .into_any()
                }}
            </Loaded>
            <ConfirmDialog pending act/>
            <ExportDialog backup=exporting act/>
        </section>
    }
}

/// Backups as a table, with restore, export and delete for members who may
/// change the estate. Shared by `/backups` and an instance's Backups tab.
#[component]
pub fn BackupTable(backups: Vec<Backup>, show_instance: bool, pending: Pending, exporting: RwSignal<Option<Backup>>) -> impl IntoView {
    if backups.is_empty() {
        return view! { <p class="empty">{t(m::BACKUPS_NONE)}</p> }.into_any();
    }
    view! {
        <table class="grid">
            <thead><tr>
                <th>{t(m::BACKUPS_BACKUP)}</th>
                {show_instance.then(|| view! { <th>{t(m::BACKUPS_INSTANCE)}</th> })}
                <th>{t(m::BACKUPS_TYPE)}</th><th>{t(m::BACKUPS_STATUS)}</th><th>{t(m::BACKUPS_SIZE)}</th><th>{t(m::BACKUPS_WAL)}</th><th>{t(m::BACKUPS_CREATED)}</th><th>{t(m::BACKUPS_COMPLETED_STATUS)}</th>
                <th><span class="sr-only">{t(crate::i18n::msg::common::GRID_ACTIONS)}</span></th>
            </tr></thead>
            <tbody>
                {backups.into_iter().map(|b| {
                    let status = b.backup_status.as_ref().map(|s| s.as_str().to_string()).unwrap_or_default();
                    let completed = b.backup_status == Some(BackupStatus::Completed);
                    let deletable = completed || b.backup_status == Some(BackupStatus::Error);
                    let busy = b.backup_status == Some(BackupStatus::BackingUp) || b.backup_status == Some(BackupStatus::Deleting);
                    let instance_name = b.db_instance_name.clone().unwrap_or_else(|| b.db_instance_id.to_string());
                    let restore_href = format!("/instances/{}/restore?backup={}", b.db_instance_id, b.backup_id);
                    let name = b.backup_name.clone();
                    let id = b.backup_id.clone();
                    let row = StoredValue::new(b.clone());
                    view! {
                        <tr>
                            <td>{b.backup_name.clone()}</td>
                            {show_instance.then(|| view! { <td><a href=format!("/instances/{}/backups", b.db_instance_id)>{instance_name.clone()}</a></td> })}
                            <td>{b.backup_type.as_ref().map(|t| crate::i18n::words(t)).unwrap_or_default()}</td>
                            <td>{busy.then(|| view! { <span class="busy-dot" aria-hidden="true"></span> })}<StatusPill code=status text=crate::i18n::words_of(b.backup_status.as_ref())/></td>
                            <td>{human_bytes(b.backup_size)}</td>
                            <td><code>{b.wal_file_name.clone().unwrap_or_else(|| "—".into())}</code></td>
                            <td><crate::components::when::When t=b.created_ymdt.clone()/></td>
                            <td><crate::components::when::When t=b.completed_ymdt.clone()/></td>
                            <td class="row-actions">
                                <Show when=move || can_change()>
                                    {completed.then(|| view! { <a class="button" href=restore_href.clone() aria-label=tf(m::backups_restore_title(name.clone()))>{t(m::BACKUPS_RESTORE_KIND)}</a> })}
                                    {completed.then(|| view! {
                                        <button type="button" aria-label=tf(m::backups_export_label(row.get_value().backup_name)) on:click=move |_| exporting.set(Some(row.get_value()))>{t(m::BACKUPS_EXPORT_SHORT)}</button>
                                    })}
                                    {deletable.then(|| {
                                        let (label, id) = (row.get_value().backup_name, id.clone());
                                        view! {
                                            <button type="button" class="danger-text" aria-label=tf(m::backups_delete_label(label.clone()))
                                                on:click=move |_| pending.set(Some((label.clone(), crate::change!(DeleteBackup { backup_id: id.clone() }))))>{t(m::BACKUPS_DELETE)}</button>
                                        }
                                    })}
                                </Show>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// Export a backup to object storage. The password is sent once with the
/// call and kept nowhere: the form clears it, the audit log and approval
/// requests redact it.
#[component]
pub fn ExportDialog(backup: RwSignal<Option<Backup>>, act: ServerAction<RequestChange>) -> impl IntoView {
    let tenant = RwSignal::new(String::new());
    let user = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let container = RwSignal::new(String::new());
    let path = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let target = move || ObjectStorageTarget {
        tenant_id: tenant.get().trim().to_string(),
        username: user.get().trim().to_string(),
        password: password.get().into(),
        target_container: container.get().trim().to_string(),
        object_path: path.get().trim().to_string(),
    };
    let problem = Signal::derive(move || target().validate().err());
    let error_for = move |field: &'static str| error_of(problem, field);
    let invalid = move |field: &'static str| invalid_of(as_list(problem), field);
    let described = move |field: &'static str| described_of(as_list(problem), field);
    move || {
        backup.get().map(|b| {
            let id = b.backup_id.clone();
            let dialog = NodeRef::<leptos::html::Div>::new();
            crate::components::modal::keep_focus(dialog, move || backup.set(None));
            view! {
                <div class="modal-backdrop">
                    <div class="modal" role="dialog" aria-modal="true" aria-labelledby="export-title" node_ref=dialog
                        on:keydown=move |ev| crate::components::modal::on_key(ev, dialog, move || backup.set(None))>
                        <h2 id="export-title">{tf(m::backups_export_title(b.backup_name.clone()))}</h2>
                        <p class="sub">{t(m::BACKUPS_PASSWORD_NOTE)}</p>
                        <label class="block"><span>{t(m::BACKUPS_TENANT)}</span><input type="text" prop:value=tenant on:input:target=move |ev| tenant.set(ev.target().value()) aria-invalid=invalid("tenantId") aria-describedby=described("tenantId")/>{error_for("tenantId")}</label>
                        <label class="block"><span>{t(m::BACKUPS_OS_USER)}</span><input type="text" autocomplete="off" prop:value=user on:input:target=move |ev| user.set(ev.target().value()) aria-invalid=invalid("username") aria-describedby=described("username")/>{error_for("username")}</label>
                        <label class="block"><span>{t(m::BACKUPS_OS_PASSWORD)}</span><input type="password" autocomplete="new-password" prop:value=password on:input:target=move |ev| password.set(ev.target().value()) aria-invalid=invalid("password") aria-describedby=described("password")/>{error_for("password")}</label>
                        <label class="block"><span>{t(m::BACKUPS_CONTAINER)}</span><input type="text" prop:value=container on:input:target=move |ev| container.set(ev.target().value()) aria-invalid=invalid("targetContainer") aria-describedby=described("targetContainer")/>{error_for("targetContainer")}</label>
                        <label class="block"><span>{t(m::BACKUPS_OBJECT_PATH)}</span><input type="text" placeholder="/backups/orders" prop:value=path on:input:target=move |ev| path.set(ev.target().value()) aria-invalid=invalid("objectPath") aria-describedby=described("objectPath")/>{error_for("objectPath")}</label>
                        <label class="block"><span>{t(m::BACKUPS_EXPORT_REASON)}</span>
                            <textarea rows="2" prop:value=reason on:input:target=move |ev| reason.set(ev.target().value())></textarea></label>
                        <div class="form-actions">
                            <button type="button" class="primary" prop:disabled=move || problem.with(Option::is_some) on:click={
                                let id = id.clone();
                                move |_| {
                                    act.dispatch(RequestChange { call: crate::change!(ExportBackup { backup_id: id.clone(), body: target() }), reason: reason.get_untracked() });
                                    password.set(String::new());
                                    reason.set(String::new());
                                    backup.set(None);
                                }
                            }>{t(m::BACKUPS_EXPORT)}</button>
                            <button type="button" on:click=move |_| { password.set(String::new()); backup.set(None) }>{t(m::BACKUPS_CANCEL)}</button>
                        </div>
                    </div>
                </div>
            }
        })
    }
}

/// An instance's Backups tab: its backup settings, t(m::BACKUPS_BACK_UP_NOW), the way
/// to a point-in-time restore, and its backups.
#[component]
pub fn InstanceBackups(o: api::Overview, backups: Matched<Backup>, pending: Pending) -> impl IntoView {
    let d = o.detail.clone();
    let schedule = o
        .backup
        .backup_schedules
        .first()
        .map(|s| tf(m::backups_window_value(s.backup_wnd_bgn_time.clone(), crate::i18n::words(&s.backup_wnd_duration))))
        .unwrap_or_else(|| t(m::BACKUPS_NO_WINDOW).into());
    let exporting = RwSignal::new(None::<Backup>);
    let act = ServerAction::<RequestChange>::new();
    let (id, name) = (d.db_instance_id.clone(), d.db_instance_name.clone());
    let restore_href = format!("/instances/{}/restore", d.db_instance_id);
    let all_href = format!("/backups?instance={}", d.db_instance_id);
    view! {
        <div class="tab-body">
            <dl class="facts">
                <dt>{t(m::BACKUPS_RETENTION)}</dt><dd>{tf(m::backups_days(o.backup.backup_period))}</dd>
                <dt>{t(m::BACKUPS_RETRIES)}</dt><dd>{o.backup.backup_retry_count}</dd>
                <dt>{t(m::BACKUPS_WINDOW)}</dt><dd>{schedule}</dd>
                <dt>{t(m::BACKUPS_SETTINGS)}</dt><dd><a href=format!("/instances/{}/settings", d.db_instance_id)>{t(m::BACKUPS_CHANGE_ON_SETTINGS)}</a></dd>
            </dl>
            <Show when=move || can_change()>
                <div class="toolbar" role="toolbar" aria-label=t(m::BACKUPS_ACTIONS)>
                    <button type="button" on:click={
                        let (id, name) = (id.clone(), name.clone());
                        move |_| pending.set(Some((name.clone(), crate::change!(BackupDbInstance { id: id.clone(), body: Default::default() }))))
                    }>{t(m::BACKUPS_BACK_UP_NOW)}</button>
                    <a class="button" href=restore_href.clone()>{t(m::BACKUPS_RESTORE_PITR)}</a>
                </div>
            </Show>
            <p class="sub">{tf(m::backups_of_instance(backups.total))}" · "<a href=all_href>{t(m::BACKUPS_ALL_BACKUPS)}</a></p>
            <ActionResult act/>
            <BackupTable backups=backups.items show_instance=false pending exporting/>
            <ExportDialog backup=exporting act/>
        </div>
    }
}

/// The restorable window drawn as a line: oldest → latest restorable time,
/// each restorable backup a mark, the chosen time a pin. Clicking picks a
/// time; it is a slider for the keyboard and for screen readers.
#[component]
fn Timeline(window: (i64, i64), marks: Vec<(i64, String)>, chosen: RwSignal<Option<i64>>, zone: RwSignal<i32>) -> impl IntoView {
    const W: f64 = 1000.0;
    let (oldest, latest) = window;
    let span = (latest - oldest).max(1) as f64;
    let x = move |t: i64| ((t - oldest) as f64 / span * W).clamp(0.0, W);
    // Written the one way, UTC alongside: a restore is exact to the second.
    let label = move |t: i64| {
        use crate::components::when;
        let z = zone.get();
        if z == 0 {
            when::in_utc(t)
        } else {
            format!("{} ({})", when::written(t, z), when::in_utc(t))
        }
    };
    view! {
        <figure class="timeline">
            // A slider: a click picks a time; from the keyboard the arrows
            // move a minute, Shift+arrows or Page Up/Down an hour, Home and
            // End go to the oldest and latest restorable times.
            <svg viewBox="0 -30 1000 80" role="slider" tabindex="0" preserveAspectRatio="none"
                aria-label=t(m::BACKUPS_POINT_IN_TIME)
                aria-valuemin=oldest aria-valuemax=latest
                aria-valuenow=move || chosen.get().unwrap_or(latest)
                aria-valuetext=move || label(chosen.get().unwrap_or(latest))
                on:click=move |ev| {
                    if let Some(w) = crate::components::chart::chart_width(&ev) {
                        let px = f64::from(ev.offset_x()) * W / w.max(1.0);
                        chosen.set(Some(oldest + (px / W * span).round() as i64));
                    }
                }
                on:keydown=move |ev| {
                    let now = chosen.get_untracked().unwrap_or(latest);
                    let step = |big: bool| if big { 3600 } else { 60 };
                    let next = match ev.key().as_str() {
                        "ArrowLeft" | "ArrowDown" => now - step(ev.shift_key()),
                        "ArrowRight" | "ArrowUp" => now + step(ev.shift_key()),
                        "PageDown" => now - 3600,
                        "PageUp" => now + 3600,
                        "Home" => oldest,
                        "End" => latest,
                        _ => return,
                    };
                    ev.prevent_default();
                    chosen.set(Some(next.clamp(oldest, latest)));
                }>
                <rect x="0" y="-6" width="1000" height="12" class="window"/>
                {marks.into_iter().map(|(t, name)| view! {
                    <g class="mark"><line x1=coord(x(t)) x2=coord(x(t)) y1="-16" y2="16"/><title>{tf(m::bk_mark(name))}</title></g>
                }).collect_view()}
                {move || chosen.get().map(|t| view! { <g class="pin"><line x1=coord(x(t)) x2=coord(x(t)) y1="-28" y2="28"/><circle cx=coord(x(t)) cy="-22" r="6"/></g> })}
            </svg>
            <figcaption>
                <span>{move || tf(m::backups_oldest(label(oldest)))}</span>
                <span>{move || tf(m::backups_latest(label(latest)))}</span>
            </figcaption>
        </figure>
    }
}

use crate::components::chart::coord;

/// The member's offset from UTC in minutes (`components::when`): the same
/// on the server and in the browser.
fn member_zone() -> RwSignal<i32> {
    RwSignal::new(crate::components::when::zone())
}

/// `/instances/:id/restore`: restore to a point in time or from a backup
/// (`?backup=ID` comes from a backup's row and restores through the backup's
/// own endpoint) into a new instance.
#[component]
pub fn RestorePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let from_backup = query.read_untracked().get("backup").filter(|b| !b.is_empty());
    let wanted = from_backup.clone().unwrap_or_default();
    let options = crate::data::load(move || (id(), wanted.clone()), |(id, backup)| api::restore_options(id, backup));
    let submit = ServerAction::<RequestChange>::new();
    // The new instance's name, kept when the restore is sent: the page opens
    // that instance once the restore job has finished.
    let restoring = RwSignal::new(String::new());
    view! {
        <section>
            <p class="crumbs"><a href="/instances">{t(m::BACKUPS_INSTANCES_CRUMB)}</a>" / "<a href=move || format!("/instances/{}/backups", id())>{t(m::BACKUPS_TITLE)}</a>" / "</p>
            <Loaded data=options loading=t(m::BACKUPS_LOADING_WINDOW) let:r>
                {{
                    let o = r;
                    view! { <RestoreForm o from_backup=from_backup.clone() submit restoring/> }.into_any()
                }}
            </Loaded>
            <RestoreProgress submit restoring/>
        </section>
    }
}

/// What happened to the restore: the request filed, or the job followed to
/// its end, then the new instance opens.
#[component]
fn RestoreProgress(submit: ServerAction<RequestChange>, restoring: RwSignal<String>) -> impl IntoView {
    let live = use_context::<LiveJobs>();
    let navigate = use_navigate();
    let opened = RwSignal::new(false);
    let name = restoring;
    let found = crate::data::load(
        move || {
            let done = match submit.value().get() {
                Some(Ok(ChangeOutcome::Ran { job: Some(job), .. })) => {
                    live.and_then(|l| l.jobs.with(|j| j.iter().find(|x| x.job_id == job && x.finished).map(|x| x.succeeded())))
                }
                _ => None,
            };
            (done, name.get())
        },
        |(done, name)| async move {
            match done {
                Some(true) if !name.is_empty() => api::list_instances()
                    .await
                    .ok()
                    .and_then(|l| l.into_iter().find(|i| i.db_instance_name == name))
                    .map(|i| i.db_instance_id.0),
                _ => None,
            }
        },
    );
    Effect::new(move |_| {
        if let Some(Some(new_id)) = found.get() {
            if !opened.get_untracked() {
                opened.set(true);
                navigate(&format!("/instances/{new_id}"), Default::default());
            }
        }
    });
    move || {
        submit.value().get().map(|r| match r {
            Ok(ChangeOutcome::Ran { job, .. }) => view! {
                <p class="ok-note" role="status">
                    {tf(m::backups_restoring(name.get(), job.unwrap_or_default()))}
                </p>
            }
            .into_any(),
            other => view! { <ChangeNote outcome=other/> }.into_any(),
        })
    }
}

/// The restore form: the window, how to restore, and the new instance.
#[component]
fn RestoreForm(
    o: model::RestoreChoices,
    from_backup: Option<String>,
    submit: ServerAction<RequestChange>,
    restoring: RwSignal<String>,
) -> impl IntoView {
    let source = o.source.clone();
    let info = StoredValue::new(o.info.clone());
    let c = o.choices.clone();
    let window = model::restore::window(&o.info);
    let zone = member_zone();
    let chosen = RwSignal::new(window.map(|(_, l)| l));
    let typed = RwSignal::new(String::new());
    let kind = RwSignal::new(if from_backup.is_some() { "BACKUP".to_string() } else { "TIMESTAMP".to_string() });
    let backup = RwSignal::new(
        from_backup.clone().or_else(|| o.info.restorable_backups.last().map(|b| b.backup.backup_id.0.clone())).unwrap_or_default(),
    );
    let via_backup_endpoint = from_backup.is_some();
    // The timeline and the typed time are one value: picking on the line
    // writes the text, typing moves the pin.
    Effect::new(move |_| {
        if let Some(t) = chosen.get() {
            typed.set(rds::datetime::format_unix(t, zone.get()));
        }
    });
    let name = RwSignal::new(format!("{}-restored", source.db_instance_name));
    let description = RwSignal::new(String::new());
    let flavor = RwSignal::new(source.db_flavor_id.0.clone());
    let port = RwSignal::new(source.db_port.to_string());
    let pg = RwSignal::new(
        c.parameter_groups
            .iter()
            .find(|p| p.parameter_group_id == source.parameter_group_id)
            .or(c.parameter_groups.first())
            .map(|p| p.parameter_group_id.0.clone())
            .unwrap_or_default(),
    );
    let sgs = RwSignal::new(source.db_security_group_ids.iter().map(|s| s.0.clone()).collect::<Vec<_>>());
    let user_groups = RwSignal::new(Vec::<String>::new());
    let notify = RwSignal::new(false);
    let protect = RwSignal::new(false);
    let ha = RwSignal::new(false);
    let ping = RwSignal::new("3".to_string());
    let wait = RwSignal::new("0".to_string());
    let subnet = RwSignal::new(c.subnets.first().map(|s| s.subnet_id.0.clone()).unwrap_or_default());
    let zone_choice = RwSignal::new(String::new());
    let public = RwSignal::new(false);
    let storage_type = RwSignal::new(c.storage_types.first().cloned().unwrap_or_else(|| "General SSD".into()));
    let size = RwSignal::new("20".to_string());
    // The new instance keeps the source's backup settings unless changed.
    let kept = o.source_backup.clone();
    let first = kept.as_ref().and_then(|b| b.backup_schedules.first().cloned());
    let period = RwSignal::new(kept.as_ref().map_or(1, |b| b.backup_period).to_string());
    let retries = RwSignal::new(kept.as_ref().map_or(6, |b| b.backup_retry_count).to_string());
    let window_start = RwSignal::new(first.as_ref().map_or_else(|| "00:00:00".to_string(), |s| s.backup_wnd_bgn_time.clone()));
    let window_len = RwSignal::new(first.as_ref().map_or_else(|| "ONE_HOUR".to_string(), |s| s.backup_wnd_duration.as_str().to_string()));
    let reason = RwSignal::new(String::new());
    let target = move || RestoreTarget {
        db_instance_name: name.get().trim().to_string(),
        description: Some(description.get()).filter(|d| !d.trim().is_empty()),
        db_flavor_id: rds::DbFlavorId::new(flavor.get()),
        db_port: port.get().trim().parse().unwrap_or(u32::MAX),
        parameter_group_id: rds::ParameterGroupId::new(pg.get()),
        db_security_group_ids: sgs.get().into_iter().map(rds::DbSecurityGroupId::new).collect(),
        user_group_ids: user_groups.get().into_iter().map(rds::UserGroupId::new).collect(),
        use_default_notification: Some(notify.get()),
        use_deletion_protection: Some(protect.get()),
        use_high_availability: Some(ha.get()),
        ping_interval: ha.get().then(|| ping.get().trim().parse().unwrap_or(0)),
        failover_repl_waiting_time: ha.get().then(|| wait.get().trim().parse().unwrap_or(-2)),
        network: NetworkSpec {
            subnet_id: Some(rds::SubnetId::new(subnet.get())),
            use_public_access: Some(public.get()),
            availability_zone: Some(zone_choice.get()).filter(|z| !z.is_empty()),
        },
        storage: StorageSpec { storage_type: Some(storage_type.get()), storage_size: Some(size.get().trim().parse().unwrap_or(0)) },
        backup: BackupSpec {
            backup_period: Some(period.get().trim().parse().unwrap_or(u32::MAX)),
            backup_retry_count: Some(retries.get().trim().parse().unwrap_or(u32::MAX)),
            backup_schedules: Some(vec![BackupSchedule {
                backup_wnd_bgn_time: window_start.get(),
                backup_wnd_duration: rds::WindowDuration::parse(&window_len.get()),
                backup_retry_expire_time: None,
            }]),
        },
    };
    let instance_id = StoredValue::new(source.db_instance_id.clone());
    let call = move || -> crate::api::Change {
        if via_backup_endpoint {
            return crate::change!(RestoreBackup { backup_id: BackupId::new(backup.get()), body: target() });
        }
        let timestamp = kind.get() == "TIMESTAMP";
        crate::change!(RestoreDbInstance {
            id: instance_id.get_value(),
            body: RestoreDbInstance {
                restore: RestoreSpec {
                    restore_type: Some(if timestamp { RestoreType::Timestamp } else { RestoreType::Backup }),
                    restore_ymdt: timestamp.then(|| typed.get().trim().to_string()),
                    backup_id: (!timestamp).then(|| BackupId::new(backup.get())),
                },
                target: target(),
            },
        })
    };
    let time_problem = move || {
        (kind.get() == "TIMESTAMP" && !via_backup_endpoint)
            .then(|| info.with_value(|i| model::restore::check_time(i, &typed.get())).err())
            .flatten()
    };
    let problem = Signal::derive(move || {
        let mut numbers =
            vec![("dbPort", port), ("storage.storageSize", size), ("backup.backupPeriod", period), ("backup.backupRetryCount", retries)];
        if ha.get() {
            numbers.extend([("pingInterval", ping), ("failoverReplWaitingTime", wait)]);
        }
        time_problem().or_else(|| typed_numbers(&numbers).into_iter().next()).or_else(|| call().validate().err())
    });
    let error_for = move |field: &'static str| error_of(problem, field);
    let invalid = move |field: &'static str| invalid_of(as_list(problem), field);
    let described = move |field: &'static str| described_of(as_list(problem), field);
    let marks: Vec<(i64, String)> = o
        .info
        .restorable_backups
        .iter()
        .filter_map(|r| {
            r.backup
                .completed_ymdt
                .as_ref()
                .or(r.backup.created_ymdt.as_ref())
                .and_then(Timestamp::unix)
                .map(|t| (t, r.backup.backup_name.clone()))
        })
        .collect();
    let restorable: Vec<(String, String)> = o
        .info
        .restorable_backups
        .iter()
        .map(|r| (r.backup.backup_id.0.clone(), format!("{} ({})", r.backup.backup_name, when(&r.backup.completed_ymdt))))
        .collect();
    let restorable = StoredValue::new(restorable);
    let marks = StoredValue::new(marks);
    let version = rds::versions::label(&source.db_version);
    view! {
        <h1>{tf(m::backups_restore_title(source.db_instance_name.clone()))}</h1>
        <p class="sub">{tf(m::backups_restore_sub(source.db_instance_name.clone(), version.clone()))}</p>
        <Show when=move || super::me().is_none_or(|m| m.can_change) fallback=|| view! {
            <p class="banner" role="status">{t(m::BACKUPS_ROLE_CANNOT)}</p>
        }>
            {if via_backup_endpoint {
                let chosen = backup.get_untracked();
                let named = o.info.restorable_backups.iter().find(|r| r.backup.backup_id.0 == chosen).map_or(chosen.clone(), |r| {
                    format!("{} ({})", r.backup.backup_name, when(&r.backup.completed_ymdt))
                });
                view! { <p class="hint">{tf(m::backups_restoring_from(named))}</p> }.into_any()
            } else {
                view! {
                    <fieldset class="restore-kind"><legend>{t(m::BACKUPS_RESTORE_KIND)}</legend>
                        <label class="check"><input type="radio" name="kind" value="TIMESTAMP" prop:checked=move || kind.get() == "TIMESTAMP" on:change=move |_| kind.set("TIMESTAMP".into())/><span>{t(m::BACKUPS_TO_POINT)}</span></label>
                        <label class="check"><input type="radio" name="kind" value="BACKUP" prop:checked=move || kind.get() == "BACKUP" on:change=move |_| kind.set("BACKUP".into())/><span>{t(m::BACKUPS_FROM_BACKUP)}</span></label>
                    </fieldset>
                }.into_any()
            }}
            {match window {
                Some(w) => view! { <Timeline window=w marks=marks.get_value() chosen zone/> }.into_any(),
                None => view! { <p class="banner" role="status">{t(m::BACKUPS_NO_BACKUP_YET)}</p> }.into_any(),
            }}
            <div class="form-grid">
                <Show when=move || kind.get() == "TIMESTAMP" && !via_backup_endpoint>
                    <label class="wide"><span>{t(m::BACKUPS_RESTORE_TO)}</span>
                        <input type="text" prop:value=typed on:input:target=move |ev| {
                            let v = ev.target().value();
                            if let Some(t) = rds::datetime::parse_rfc3339_lenient(&v) { chosen.set(Some(t)); }
                            typed.set(v);
                        } aria-invalid=invalid("restore.restoreYmdt") aria-describedby=described("restore.restoreYmdt")/>{error_for("restore.restoreYmdt")}</label>
                </Show>
                <Show when=move || kind.get() == "BACKUP" && !via_backup_endpoint>
                    <label class="wide"><span>{t(m::BACKUPS_BACKUP_TO_RESTORE)}</span>
                        <select prop:value=backup on:change:target=move |ev| backup.set(ev.target().value()) aria-invalid=invalid("restore.backupId") aria-describedby=described("restore.backupId")>
                            {restorable.get_value().into_iter().map(|(id, label)| view! { <option value=id>{label}</option> }).collect_view()}
                        </select>{error_for("restore.backupId")}</label>
                </Show>
                <h2 class="full">{t(m::BACKUPS_NEW_INSTANCE)}</h2>
                <label><span>{t(cm::CREATE_NAME)}</span><input type="text" prop:value=name on:input:target=move |ev| name.set(ev.target().value()) aria-invalid=invalid("dbInstanceName") aria-describedby=described("dbInstanceName")/>{error_for("dbInstanceName")}</label>
                <label><span>{t(cm::CREATE_DESCRIPTION)}</span><input type="text" prop:value=description on:input:target=move |ev| description.set(ev.target().value())/></label>
                <label><span>{t(cm::CREATE_SPECIFICATION)}</span><select prop:value=flavor on:change:target=move |ev| flavor.set(ev.target().value()) aria-invalid=invalid("dbFlavorId") aria-describedby=described("dbFlavorId")>
                    {c.flavors.iter().map(|f| view! { <option value=f.db_flavor_id.0.clone()>{tf(cm::create_flavor(f.db_flavor_name.clone(), f.vcpus, f.ram / 1024))}</option> }).collect_view()}</select>{error_for("dbFlavorId")}</label>
                <label><span>{tf(m::backups_parameter_group(version.clone()))}</span><select prop:value=pg on:change:target=move |ev| pg.set(ev.target().value()) aria-invalid=invalid("parameterGroupId") aria-describedby=described("parameterGroupId")>
                    {c.parameter_groups.iter().map(|p| view! { <option value=p.parameter_group_id.0.clone()>{p.parameter_group_name.clone()}</option> }).collect_view()}</select>{error_for("parameterGroupId")}</label>
                <label><span>{t(cm::CREATE_PORT)}</span><input type="number" prop:value=port on:input:target=move |ev| port.set(ev.target().value()) aria-invalid=invalid("dbPort") aria-describedby=described("dbPort")/>{error_for("dbPort")}</label>
                <label><span>{t(cm::CREATE_SUBNET)}</span><select prop:value=subnet on:change:target=move |ev| subnet.set(ev.target().value()) aria-invalid=invalid("network.subnetId") aria-describedby=described("network.subnetId")>
                    {c.subnets.iter().map(|s| view! { <option value=s.subnet_id.0.clone() data-words="upstream">{format!("{} ({})", s.subnet_name, s.subnet_cidr)}</option> }).collect_view()}</select>{error_for("network.subnetId")}</label>
                <label><span>{t(cm::CREATE_ZONE)}</span><select prop:value=zone_choice on:change:target=move |ev| zone_choice.set(ev.target().value())>
                    <option value="">{t(cm::CREATE_ANY)}</option>{c.zones.iter().map(|z| view! { <option value=z.clone()>{z.clone()}</option> }).collect_view()}</select></label>
                <label class="check"><input type="checkbox" prop:checked=public on:change:target=move |ev| public.set(ev.target().checked())/><span>{t(cm::CREATE_PUBLIC)}</span></label>
                <fieldset class="full"><legend>{t(cm::CREATE_SECURITY_GROUPS)}</legend>
                    {c.security_groups.iter().map(|g| { let id = g.db_security_group_id.0.clone(); let id2 = id.clone(); view! {
                        <label class="check"><input type="checkbox" prop:checked=move || sgs.get().contains(&id) on:change:target=move |ev| { let on = ev.target().checked(); let id = id2.clone(); sgs.update(|l| { l.retain(|x| *x != id); if on { l.push(id) } }) }/><span>{g.db_security_group_name.clone()}</span></label>
                    } }).collect_view()}
                </fieldset>
                <label><span>{t(cm::CREATE_STORAGE_TYPE)}</span><select prop:value=storage_type on:change:target=move |ev| storage_type.set(ev.target().value())>
                    {c.storage_types.iter().map(|t| view! { <option value=t.clone()>{t.clone()}</option> }).collect_view()}</select></label>
                <label><span>{t(cm::CREATE_STORAGE_SIZE)}</span><input type="number" prop:value=size on:input:target=move |ev| size.set(ev.target().value()) aria-invalid=invalid("storage.storageSize") aria-describedby=described("storage.storageSize")/>{error_for("storage.storageSize")}</label>
                <label class="check"><input type="checkbox" prop:checked=ha on:change:target=move |ev| ha.set(ev.target().checked())/><span>{t(cm::CREATE_HA)}</span></label>
                <Show when=move || ha.get()>
                    <label><span>{t(cm::CREATE_PING)}</span><input type="number" prop:value=ping on:input:target=move |ev| ping.set(ev.target().value()) aria-invalid=invalid("pingInterval") aria-describedby=described("pingInterval")/>{error_for("pingInterval")}</label>
                    <label><span>{t(cm::CREATE_FAILOVER_WAIT)}</span><input type="number" prop:value=wait on:input:target=move |ev| wait.set(ev.target().value()) aria-invalid=invalid("failoverReplWaitingTime") aria-describedby=described("failoverReplWaitingTime")/>{error_for("failoverReplWaitingTime")}</label>
                </Show>
                <label class="check"><input type="checkbox" prop:checked=protect on:change:target=move |ev| protect.set(ev.target().checked())/><span>{t(cm::CREATE_DELETION_PROTECTION)}</span></label>
                <label class="check"><input type="checkbox" prop:checked=notify on:change:target=move |ev| notify.set(ev.target().checked())/><span>{t(cm::CREATE_DEFAULT_NOTIFICATION)}</span></label>
                <fieldset class="full"><legend>{t(m::BACKUPS_USER_GROUPS_NEW)}</legend>
                    {c.user_groups.is_empty().then(|| view! { <span class="hint">{t(cm::CREATE_NO_USER_GROUPS)}</span> })}
                    {c.user_groups.iter().map(|g| { let id = g.user_group_id.0.clone(); let id2 = id.clone(); view! {
                        <label class="check"><input type="checkbox" prop:checked=move || user_groups.get().contains(&id) on:change:target=move |ev| { let on = ev.target().checked(); let id = id2.clone(); user_groups.update(|l| { l.retain(|x| *x != id); if on { l.push(id) } }) }/><span>{tf(cm::create_user_group(g.user_group_name.clone()))}</span></label>
                    } }).collect_view()}
                </fieldset>
                <label><span>{t(cm::CREATE_BACKUP_PERIOD)}</span><input type="number" prop:value=period on:input:target=move |ev| period.set(ev.target().value()) aria-invalid=invalid("backup.backupPeriod") aria-describedby=described("backup.backupPeriod")/>{error_for("backup.backupPeriod")}</label>
                <label><span>{t(cm::CREATE_BACKUP_RETRIES)}</span><input type="number" prop:value=retries on:input:target=move |ev| retries.set(ev.target().value()) aria-invalid=invalid("backup.backupRetryCount") aria-describedby=described("backup.backupRetryCount")/>{error_for("backup.backupRetryCount")}</label>
                <label><span>{t(cm::CREATE_WINDOW_START)}</span><input type="text" prop:value=window_start on:input:target=move |ev| window_start.set(ev.target().value()) aria-invalid=invalid("backup.backupSchedules.backupWndBgnTime") aria-describedby=described("backup.backupSchedules.backupWndBgnTime")/>{error_for("backup.backupSchedules.backupWndBgnTime")}</label>
                <label><span>{t(cm::CREATE_WINDOW_LENGTH)}</span><select prop:value=window_len on:change:target=move |ev| window_len.set(ev.target().value())>
                    {rds::WindowDuration::KNOWN.iter().map(|d| view! { <option value=d.as_str().to_string()>{crate::i18n::words(d)}</option> }).collect_view()}</select></label>
                <label class="wide"><span>{t(m::BACKUPS_REASON)}</span>
                    <textarea rows="2" prop:value=reason on:input:target=move |ev| reason.set(ev.target().value())></textarea></label>
                <div class="full"><Problem error=problem/></div>
                <div class="form-actions">
                    <button type="button" class="primary" prop:disabled=move || window.is_none() || problem.with(Option::is_some) || submit.pending().get() on:click=move |_| {
                        restoring.set(name.get_untracked().trim().to_string());
                        submit.dispatch(RequestChange { call: call(), reason: reason.get_untracked() });
                    }>{t(m::BACKUPS_RESTORE_BUTTON)}</button>
                    <a class="button" href=format!("/instances/{}/backups", source.db_instance_id)>{t(cm::CREATE_CANCEL)}</a>
                </div>
            </div>
        </Show>
    }
}
