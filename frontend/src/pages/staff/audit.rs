//! "审计日志 / Audit log": every staff action on personal data, newest
//! first, a page at a time, for administrators.

use doorstep_shared::api::AuditEntryResponse;
use leptos::prelude::*;

use crate::api::{self, AUDIT_PER_PAGE};
use crate::components::{empty, section, Async, Paged};
use crate::format::day_of;
use crate::i18n::{tr, use_i18n, Key};

/// Lists the audit log with a pager.
#[component]
pub fn AuditPage() -> impl IntoView {
    let page = RwSignal::new(1_u32);
    let log = LocalResource::new(move || {
        let page = page.get();
        async move { api::audit_log(page).await }
    });
    let list = move || {
        section(async move {
            log.await.map(|found| {
                if found.items.is_empty() {
                    return empty("audit-empty", Key::AuditEmpty);
                }
                let (total, at) = (found.total.unsigned_abs(), found.page);
                let rows = found.items.into_iter().map(|entry| view! { <AuditLine entry/> }).collect_view();
                view! {
                    <Paged page=at total per_page=AUDIT_PER_PAGE on_page=move |to| page.set(to)><ul class="list plain" id="audit-log">{rows}</ul></Paged>
                }
                .into_any()
            })
        })
    };
    view! {
        <h1 class="page-title">{tr(Key::AuditTitle)}</h1>
        <Async load=list/>
    }
}

/// One audited action: when, who, what, on which record.
#[component]
fn AuditLine(entry: AuditEntryResponse) -> impl IntoView {
    let i18n = use_i18n();
    let (key, action) = (action_key(&entry.action), entry.action);
    let what = move || key.map_or_else(|| action.clone(), |k| i18n.t(k).to_string());
    view! {
        <li class="card audit-entry" id=format!("audit-{}", entry.id)>
            <p><strong>{entry.actor_username}</strong>" · "{what}</p>
            <p class="muted">{format!("#{}", entry.entity_id)}" · "{day_of(entry.at)}</p>
            {entry.detail.map(|d| view! { <p class="muted audit-detail">{d}</p> })}
        </li>
    }
}

/// The words for an audited action; `None` for one this app does not know yet.
fn action_key(action: &str) -> Option<Key> {
    Some(match action {
        "person.create" => Key::AuditPersonCreate,
        "person.import" => Key::AuditPersonImport,
        "import.error_sheet" => Key::AuditErrorSheet,
        "person.update" => Key::AuditPersonUpdate,
        "person.reveal_id" => Key::AuditPersonRevealId,
        "placement.follow_up" => Key::AuditFollowUp,
        "region.set_priorities" => Key::AuditSetPriorities,
        "application.refer" => Key::AuditRefer,
        "application.hired" => Key::AuditHired,
        "application.interviewing" => Key::AuditInterviewing,
        "application.rejected" => Key::AuditRejected,
        "application.withdrawn" => Key::AuditWithdrawn,
        // Every export of a list or figures that names people: the entity is in the detail line.
        a if a.ends_with(".export_full_ids") => Key::AuditExportFullIds,
        a if a.ends_with(".export") => Key::AuditExport,
        _ => return None,
    })
}
