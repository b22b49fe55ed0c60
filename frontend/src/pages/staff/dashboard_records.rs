//! The records behind the dashboard's picked figure or bar: who was pushed,
//! applied, referred, hired or placed, where they lived then and when, a
//! page at a time (`GET /employment/records`, the figures' own rows).

use doorstep_shared::api::{EmploymentMeasure, EmploymentRecord};
use leptos::prelude::*;

use super::dashboard::measure_key;
use crate::api::{self, FigurePeriod, Slice, RECORDS_PER_PAGE};
use crate::components::{empty, section, Async, Paged};
use crate::i18n::{tr, trf, Key};

/// The records of `measure` in `slice`, once a slice is picked.
#[component]
pub fn Records(period: RwSignal<FigurePeriod>, measure: RwSignal<EmploymentMeasure>, slice: RwSignal<Option<Slice>>) -> impl IntoView {
    let page = RwSignal::new(1_u32);
    // A new slice starts at its first page.
    Effect::new(move |_| {
        slice.track();
        measure.track();
        page.set(1);
    });
    let records = LocalResource::new(move || {
        let (period, measure, slice, page) = (period.get(), measure.get(), slice.get(), page.get());
        async move {
            match slice {
                Some(slice) => api::employment_records(&period, measure, &slice, page).await.map(Some),
                None => Ok(None),
            }
        }
    });
    let loading = RwSignal::new(false);
    let list = move || {
        section(async move {
            records.await.map(|found| {
                let Some(found) = found else { return ().into_any() };
                let heading = view! {
                    <h2 id="records-title">{tr(Key::DashRecords)}" · "{tr(measure_key(measure.get_untracked()))}</h2>
                    <p class="muted" id="records-count">{trf(Key::DashRecordsCount, vec![("count", found.total.to_string())])}</p>
                };
                if found.items.is_empty() {
                    return view! { {heading}{empty("records-empty", Key::DashNoRecords)} }.into_any();
                }
                let (total, at) = (found.total.unsigned_abs(), found.page);
                let rows = found.items.into_iter().map(|r| view! { <Record record=r/> }).collect_view();
                view! {
                    {heading}
                    <Paged page=at total per_page=RECORDS_PER_PAGE on_page=move |to| page.set(to)>
                        <ul class="plain" id="records">{rows}</ul>
                    </Paged>
                }
                .into_any()
            })
        })
    };
    view! {
        <Show when=move || slice.with(Option::is_some)>
            <section class="card" id="dash-records" class:dimmed=loading>
                <Async load=list reloading=loading/>
            </section>
        </Show>
    }
}

/// One record: the person, where and when, and the job.
#[component]
fn Record(record: EmploymentRecord) -> impl IntoView {
    let wage = record.monthly_wage.map(|w| format!(" · ¥{w}"));
    view! {
        <li class="record">
            <strong class="name">{record.name}</strong>" "<span class="muted">{record.id_number_masked}</span><br/>
            <span>{record.region.name}" · "{record.day.to_string()}</span><br/>
            <span class="muted">{record.posting_title}" · "{record.employer}{wage}</span>
        </li>
    }
}
