//! Coloured status labels for postings and applications.

use doorstep_shared::api::{ApplicationStatus, PostingStatus};
use leptos::prelude::*;

use crate::i18n::{application_status_key, posting_status_key, tr};

/// Shows where a posting stands (pending, open, filled, closed, rejected).
#[component]
pub fn PostingStatusBadge(status: PostingStatus) -> impl IntoView {
    view! {
        <span class=format!("badge status-{}", status.as_str())>{tr(posting_status_key(status))}</span>
    }
}

/// Shows where an application stands.
#[component]
pub fn ApplicationStatusBadge(status: ApplicationStatus) -> impl IntoView {
    let class = match status {
        ApplicationStatus::Applied => "badge app-applied",
        ApplicationStatus::Interviewing => "badge app-interviewing",
        ApplicationStatus::Hired => "badge app-hired",
        ApplicationStatus::Rejected => "badge app-rejected",
        ApplicationStatus::Withdrawn => "badge app-withdrawn",
    };
    view! { <span class=class>{tr(application_status_key(status))}</span> }
}
