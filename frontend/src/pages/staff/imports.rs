//! "批量导入 / Import from a spreadsheet": staff upload a roster of people
//! or a list of postings as they keep it (CSV or XLSX), first as a check
//! (nothing written) if they like, and read the report: counts, every
//! problem by row and column, and the error sheet to download, fix and
//! import again.

use doorstep_shared::api::{ImportKind, ImportReport};
use leptos::html::Input;
use leptos::prelude::*;

use super::region_points::{chosen_file, problem_line, problems_table};
use crate::api;
use crate::components::{last_failure, ErrorView, FieldError};
use crate::i18n::{pick, tr, trf, Key};

/// The kind and file inputs, the check/import buttons and the last report.
#[component]
pub fn ImportsPage() -> impl IntoView {
    let input = NodeRef::<Input>::new();
    let kind = RwSignal::new(ImportKind::People);
    let missing = RwSignal::new(false);
    // The chosen file goes out as the body as it is; nothing is read into the wasm.
    let upload = Action::new_local(move |dry_run: &bool| {
        let (file, kind, dry_run) = (input.get_untracked().and_then(|element| chosen_file(&element)), kind.get_untracked(), *dry_run);
        async move {
            match file {
                Some(file) => api::import_file(kind, dry_run, file).await.map(Some),
                None => Ok(None),
            }
        }
    });
    let failure = last_failure(upload);
    let pending = upload.pending();
    let send = move |dry_run: bool| {
        let chosen = input.get_untracked().and_then(|element| chosen_file(&element)).is_some();
        missing.set(!chosen);
        if chosen {
            upload.dispatch_local(dry_run);
        }
    };
    let report = move || match upload.value().get() {
        Some(Ok(Some(report))) if !pending.get() => Some(view! { <ImportReportView report/> }),
        _ => None,
    };
    let columns = move || match kind.get() {
        ImportKind::People => tr(Key::ImportsPeopleColumns)(),
        ImportKind::Postings => tr(Key::ImportsPostingsColumns)(),
    };
    view! {
        <h1 class="page-title">{tr(Key::ImportsTitle)}</h1>
        <p class="muted">{tr(Key::ImportsIntro)}</p>
        <form class="card" id="imports-form" on:submit=move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            send(false);
        }>
            <fieldset>
                <legend>{tr(Key::ImportsKind)}</legend>
                <label><input type="radio" name="imports-kind" id="imports-kind-people" checked=move || kind.get() == ImportKind::People
                    on:change=move |_| kind.set(ImportKind::People)/>{tr(Key::ImportsKindPeople)}</label>
                <label><input type="radio" name="imports-kind" id="imports-kind-postings" checked=move || kind.get() == ImportKind::Postings
                    on:change=move |_| kind.set(ImportKind::Postings)/>{tr(Key::ImportsKindPostings)}</label>
            </fieldset>
            <p class="muted" id="imports-columns">{columns}</p>
            <label for="imports-file">{tr(Key::ImportsFile)}</label>
            <input id="imports-file" type="file" node_ref=input
                accept=".csv,.xlsx,.xls,.ods,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                on:change=move |_| missing.set(false)/>
            {move || missing.get().then(|| view! { <p class="field-error" id="imports-file-error" role="alert">{tr(Key::RegionPointsChoose)}</p> })}
            <FieldError error=failure field="file" id="imports-file-problem"/>
            <button id="imports-check" type="button" class="secondary" disabled=move || pending.get() on:click=move |_| send(true)>{tr(Key::ImportsCheck)}</button>
            <button id="imports-run" type="submit" disabled=move || pending.get()>{tr(Key::ImportsRun)}</button>
            {move || failure.get().map(|error| view! { <ErrorView error id="imports-error"/> })}
        </form>
        {report}
    }
}

/// The counts, the error sheet's links and each problem.
#[component]
fn ImportReportView(report: ImportReport) -> impl IntoView {
    let key = if report.dry_run { Key::ImportsChecked } else { Key::ImportsDone };
    let counts = vec![
        ("rows", report.rows.to_string()),
        ("valid", report.valid.to_string()),
        ("imported", report.imported.to_string()),
        ("duplicates", report.duplicates.to_string()),
        ("errors", report.errors.to_string()),
    ];
    let class = if report.problems.is_empty() { "success" } else { "notice" };
    let problems = (!report.problems.is_empty()).then(|| {
        let lines = report.problems.into_iter().map(|p| problem_line(p.row, p.column, pick(p.message, p.detail))).collect_view();
        view! {
            <p id="imports-sheet">
                <a href=api::error_sheet_href(report.id, "xlsx") download>{tr(Key::ImportsSheetXlsx)}</a>" · "
                <a href=api::error_sheet_href(report.id, "csv") download>{tr(Key::ImportsSheetCsv)}</a>
            </p>
            {problems_table("imports-problems", lines)}
        }
    });
    view! {
        <section class="card" id="imports-report" aria-live="polite">
            <p class=class id="imports-done" role="status">{trf(key, counts)}</p>
            {problems}
        </section>
    }
}
