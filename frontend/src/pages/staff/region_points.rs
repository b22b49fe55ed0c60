//! "导入区划坐标 / Upload region points": staff send their bureau's
//! gazetteer (CSV or XLSX: code, lat, lon, datum) and read what was applied
//! and which rows were left out, by row and column. Reached from the
//! priorities page (the staff bar has no room for another item).

use doorstep_shared::api::{PointProblemKind, RegionPointsReport};
use leptos::html::Input;
use leptos::prelude::*;
use wasm_bindgen::JsValue;
use web_sys::js_sys::Reflect;

use crate::api;
use crate::components::{last_failure, ErrorView, FieldError};
use crate::i18n::{tr, trf, Key};

/// The columns, the file input and the last upload's report.
#[component]
pub fn RegionPointsPage() -> impl IntoView {
    let input = NodeRef::<Input>::new();
    let missing = RwSignal::new(false);
    // The chosen file goes out as the body as it is; nothing is read into the wasm.
    let upload = Action::new_local(move |(): &()| {
        let file = input.get_untracked().and_then(|element| chosen_file(&element));
        async move {
            match file {
                Some(file) => api::upload_region_points(file).await.map(Some),
                None => Ok(None),
            }
        }
    });
    let failure = last_failure(upload);
    let pending = upload.pending();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let chosen = input.get_untracked().and_then(|element| chosen_file(&element)).is_some();
        missing.set(!chosen);
        if chosen {
            upload.dispatch_local(());
        }
    };
    let report = move || match upload.value().get() {
        Some(Ok(Some(report))) if !pending.get() => Some(view! { <PointsReport report/> }),
        _ => None,
    };
    let columns = [Key::RegionPointsColumnCode, Key::RegionPointsColumnLat, Key::RegionPointsColumnLon, Key::RegionPointsColumnDatum]
        .into_iter()
        .map(|key| view! { <li>{tr(key)}</li> })
        .collect_view();
    view! {
        <h1 class="page-title">{tr(Key::RegionPointsTitle)}</h1>
        <p class="muted">{tr(Key::RegionPointsIntro)}</p>
        <ul id="region-points-columns">{columns}</ul>
        <form class="card" id="region-points-form" on:submit=submit>
            <label for="region-points-file">{tr(Key::RegionPointsFile)}</label>
            <input id="region-points-file" type="file" node_ref=input
                accept=".csv,.xlsx,.xls,.ods,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                on:change=move |_| missing.set(false)/>
            {move || missing.get().then(|| view! { <p class="field-error" id="region-points-file-error" role="alert">{tr(Key::RegionPointsChoose)}</p> })}
            <FieldError error=failure field="file" id="region-points-file-problem"/>
            <button id="region-points-upload" type="submit" disabled=move || pending.get()>{tr(Key::RegionPointsUpload)}</button>
            {move || failure.get().map(|error| view! { <ErrorView error id="region-points-error"/> })}
        </form>
        {report}
    }
}

/// The first file chosen in `input`, if any (read through the DOM, as the
/// bindings for `FileList` are not compiled in). The imports page uses it too.
pub(super) fn chosen_file(input: &web_sys::HtmlInputElement) -> Option<JsValue> {
    let files = Reflect::get(input, &JsValue::from_str("files")).ok().filter(|f| !f.is_null() && !f.is_undefined())?;
    Reflect::get(&files, &JsValue::from(0)).ok().filter(|f| !f.is_null() && !f.is_undefined())
}

/// What the server applied, and each row it left out.
#[component]
fn PointsReport(report: RegionPointsReport) -> impl IntoView {
    let counts = vec![("rows", report.rows.to_string()), ("applied", report.applied.to_string())];
    let class = if report.problems.is_empty() { "success" } else { "notice" };
    let problems = (!report.problems.is_empty()).then(|| {
        // Worded by kind in the user's language; the server's English detail names the value.
        let lines = report
            .problems
            .into_iter()
            .map(|p| problem_line(p.row, p.column, view! { {tr(point_problem_key(p.kind))}<br/><small class="muted" lang="en">{p.problem}</small> }))
            .collect_view();
        view! {
            <h2>{tr(Key::RegionPointsProblems)}</h2>
            {problems_table("region-points-problems", lines)}
        }
    });
    view! {
        <section class="card" id="region-points-report" aria-live="polite">
            <p class=class id="region-points-done" role="status">{trf(Key::RegionPointsDone, counts)}</p>
            {problems}
        </section>
    }
}

/// A file's problems, a line each by row and column (this page's and the imports page's).
pub(super) fn problems_table(id: &'static str, lines: impl IntoView + 'static) -> impl IntoView {
    view! {
        <table class="problems" id=id>
            <thead><tr>
                <th scope="col">{tr(Key::RegionPointsRow)}</th>
                <th scope="col">{tr(Key::RegionPointsColumn)}</th>
                <th scope="col">{tr(Key::RegionPointsProblem)}</th>
            </tr></thead>
            <tbody>{lines}</tbody>
        </table>
    }
}

/// One line of [`problems_table`].
pub(super) fn problem_line(row: u32, column: String, problem: impl IntoView + 'static) -> impl IntoView {
    view! { <tr><td>{row}</td><td>{column}</td><td>{problem}</td></tr> }
}

/// Returns the key wording what is wrong with a row of a region-points file.
fn point_problem_key(kind: PointProblemKind) -> Key {
    match kind {
        PointProblemKind::UnknownRegion => Key::PointUnknownRegion,
        PointProblemKind::OutsideJurisdiction => Key::PointOutsideJurisdiction,
        PointProblemKind::Repeated => Key::PointRepeated,
        PointProblemKind::NotANumber => Key::PointNotANumber,
        PointProblemKind::NotInChina => Key::PointNotInChina,
        PointProblemKind::UnknownDatum => Key::PointUnknownDatum,
    }
}
