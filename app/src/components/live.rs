//! Live job updates pushed by the server (`/events/jobs`, server-sent
//! events), shared by every page, and the toasts that say when a job ends.

use crate::api::domain_types::JobView;
use leptos::prelude::*;

/// The latest state of every job seen since the page loaded.
#[derive(Clone, Copy)]
pub struct LiveJobs {
    pub jobs: RwSignal<Vec<JobView>>,
    /// Bumped on every update: pages refetch when it changes.
    pub tick: RwSignal<u64>,
    pub toasts: RwSignal<Vec<(u64, String, bool)>>,
}

impl LiveJobs {
    fn new() -> Self {
        Self { jobs: RwSignal::new(Vec::new()), tick: RwSignal::new(0), toasts: RwSignal::new(Vec::new()) }
    }

    /// Records an update and raises a toast when a job ends.
    pub fn apply(&self, job: JobView) {
        let mut ended = None;
        self.jobs.update(|list| match list.iter_mut().find(|j| j.job_id == job.job_id) {
            Some(existing) => {
                if !existing.finished && job.finished {
                    ended = Some(job.clone());
                }
                *existing = job.clone();
            }
            None => {
                if job.finished {
                    ended = Some(job.clone());
                }
                list.push(job.clone());
            }
        });
        self.tick.update(|t| *t += 1);
        if let Some(j) = ended {
            let live = *self;
            // In English the action is named as recorded ("stop db
            // instance"); in another language by its verb, with the job's
            // state in words: those words load with the first toast.
            #[cfg(feature = "hydrate")]
            if crate::i18n::lang() != lang::Lang::En {
                leptos::task::spawn_local(async move {
                    crate::i18n::need_messages("ToastRoute").await;
                    live.toast(&j);
                });
                return;
            }
            live.toast(&j);
        }
    }

    /// Raises the toast for a job that ended.
    fn toast(&self, j: &JobView) {
        let ok = j.succeeded();
        use crate::i18n::{msg::common as m, tf};
        let action = crate::i18n::action_name(&j.action);
        let words = if ok {
            tf(m::toast_completed(action, j.resource_name.clone()))
        } else if j.status.is_none() || !j.note.is_empty() {
            tf(m::toast_note(action, j.resource_name.clone(), j.note.clone()))
        } else {
            tf(m::toast_ended(action, j.resource_name.clone(), crate::i18n::words_of(j.status.as_ref())))
        };
        let id = self.tick.get_untracked();
        self.toasts.update(|t| t.push((id, words, ok)));
    }

    /// The running job on a resource, if any.
    pub fn running_on(&self, resource_id: &str) -> Option<JobView> {
        self.jobs.with(|l| l.iter().rev().find(|j| j.resource_id == resource_id && !j.finished).cloned())
    }
}

/// Provides [`LiveJobs`] and, in the browser, listens to the server.
pub fn provide_live_jobs() -> LiveJobs {
    let live = LiveJobs::new();
    provide_context(live);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| listen(live));
    live
}

#[cfg(feature = "hydrate")]
fn listen(live: LiveJobs) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Ok(source) = web_sys::EventSource::new("/events/jobs") else { return };
    let on_job = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
        if let Some(text) = ev.data().as_string() {
            if let Ok(job) = crate::wire::decode::<JobView>(text.as_bytes()) {
                live.apply(job);
            }
        }
    });
    let _ = source.add_event_listener_with_callback("job", on_job.as_ref().unchecked_ref());
    // The page keeps listening for as long as it lives.
    on_job.forget();
    on_cleanup(move || source.close());
}

/// The toasts, bottom right; each can be dismissed.
#[component]
pub fn Toasts() -> impl IntoView {
    let live = use_context::<LiveJobs>();
    view! {
        <div class="toasts" role="status" aria-live="polite">
            {move || {
                live.map(|l| {
                    l.toasts
                        .get()
                        .into_iter()
                        .map(|(id, text, ok)| {
                            view! {
                                <div class=if ok { "toast ok" } else { "toast bad" }>
                                    <span>{text}</span>
                                    <button type="button" aria-label=crate::i18n::t(crate::i18n::msg::common::TOAST_DISMISS) on:click=move |_| l.toasts.update(|t| t.retain(|x| x.0 != id))>"×"</button>
                                </div>
                            }
                        })
                        .collect_view()
                })
            }}
        </div>
    }
}
