//! "就业帮扶统计 / Employment dashboard": the bureau's figures for the staff
//! member's jurisdiction (or one county or town of it) over a span of
//! months — each employment measure as a number that opens its records, the
//! chosen one as SVG bars by area and category and a line by month, any bar
//! opening the records behind it — with retention, the average wage, and the
//! training and sales platforms' results beside them. Exports and print
//! carry the same figures (`GET /employment/figures` is their one source).

use doorstep_shared::api::{EmploymentFigures, EmploymentMeasure};
use leptos::prelude::*;

use super::charts::{BarChart, Datum, LineChart};
use super::dashboard_records::Records;
use crate::api::{self, FigurePeriod, Slice};
use crate::components::{section, Async, RegionPicker};
use crate::i18n::{category_key, tr, trf, Key};
use crate::location::use_query;

/// The dashboard's own styles, print included; they come and go with the page.
const STYLE: &str = "
.tiles-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 8px; }
.tiles-grid button { display: block; text-align: left; margin: 0; min-height: 72px; background: #fff; color: #1d2b26; border: 2px solid #cfd6d3; }
.tiles-grid button[aria-pressed=true] { border-color: #0b6e4f; background: #e8f3ee; }
.tiles-grid a.card { display: block; min-height: 72px; text-decoration: none; color: #1d2b26; margin: 0; }
.tiles-grid .number { display: block; font-size: 26px; font-weight: 700; color: #0b5a3f; }
.chart { width: 100%; height: auto; display: block; font-size: 13px; }
.chart .hit { fill: transparent; }
.chart .fill { fill: #0b6e4f; }
.chart .line { fill: none; stroke: #0b6e4f; stroke-width: 2.5; }
.chart circle { fill: #0b6e4f; }
.chart .value { font-weight: 700; }
.chart .axis { fill: #5b6b65; font-size: 11px; }
.chart [aria-pressed=true] .fill, .chart [aria-pressed=true] circle { fill: #f2b705; }
.chart g[role=button] { cursor: pointer; }
.chart g[role=button]:focus { outline: none; }
.chart g[role=button]:focus .hit { fill: #e8f3ee; }
.dash-actions { display: flex; flex-wrap: wrap; gap: 8px; }
.dash-actions { margin: 0 0 12px; }
.dash-actions a, .dash-actions button { flex: 1 1 100px; text-align: center; margin: 0; width: auto; }
@media print {
  header, nav, #dash-filters, .dash-actions, .pager { display: none !important; }
  body, main { background: #fff; padding: 0; }
  .card { break-inside: avoid; border: 1px solid #999; box-shadow: none; }
  .tiles-grid button { border: 1px solid #999; }
}
";

/// Names a measure.
pub fn measure_key(measure: EmploymentMeasure) -> Key {
    match measure {
        EmploymentMeasure::Pushes => Key::DashPushes,
        EmploymentMeasure::PeopleReached => Key::DashPeopleReached,
        EmploymentMeasure::PeopleRecommended => Key::DashPeopleRecommended,
        EmploymentMeasure::Applications => Key::DashApplications,
        EmploymentMeasure::Referrals => Key::DashReferrals,
        EmploymentMeasure::Hires => Key::DashHires,
        EmploymentMeasure::PlacedNearby => Key::DashPlacedNearby,
        EmploymentMeasure::PlacedTransfer => Key::DashPlacedTransfer,
    }
}

/// The form, the figures, and the records of the slice picked.
#[component]
pub fn DashboardPage() -> impl IntoView {
    // `?from=2026-03&to=2026-05&region=610902` opens a period and area directly (a link staff share).
    let query = use_query();
    let given = move |name: &str| query.with_untracked(|q| q.get(name)).unwrap_or_default();
    let first = FigurePeriod { from: given("from"), to: given("to"), region: given("region") };
    let from = RwSignal::new(first.from.clone());
    let to = RwSignal::new(first.to.clone());
    let region = RwSignal::new(first.region.clone());
    let asked = RwSignal::new(first);
    // The three platforms' figures load together.
    let figures = LocalResource::new(move || {
        let period = asked.get();
        async move { api::employment_figures(&period).await }
    });
    let training = LocalResource::new(move || {
        let period = asked.get();
        async move { api::training_figures(&period).await }
    });
    let sales = LocalResource::new(move || {
        let period = asked.get();
        async move { api::sales_figures(&period.from, &period.to, &period.region).await }
    });
    let measure = RwSignal::new(EmploymentMeasure::PlacedNearby);
    let slice = RwSignal::new(None::<Slice>);
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        slice.set(None);
        asked.set(FigurePeriod { from: from.get_untracked(), to: to.get_untracked(), region: region.get_untracked() });
    };
    let loading = RwSignal::new(false);
    let shown = move || section(async move { figures.await.map(|figures| view! { <Overview figures measure slice/> }.into_any()) });
    let others = move || {
        section(async move {
            let (training, sales) = (training.await?, sales.await?);
            let placed = format!("{} / {}", training.placed.placed, training.placed.certified);
            Ok(view! {
                // Each opens its platform's own pages: the courses and their rosters, the income by household.
                <div class="tiles-grid" id="dash-platforms">
                    <a class="card" href="/courses"><span class="number" id="dash-training-done">{training.completions.total.to_string()}</span>{tr(Key::DashTrainingDone)}</a>
                    <a class="card" href="/courses"><span class="number" id="dash-certified-placed">{placed}</span>{tr(Key::DashCertifiedPlaced)}</a>
                    <a class="card" href="/sales-figures"><span class="number" id="dash-sales-income">{format!("¥{}.{:02}", sales.income_fen / 100, sales.income_fen % 100)}</span>{tr(Key::DashSalesIncome)}</a>
                </div>
            }
            .into_any())
        })
    };
    let xlsx = move || api::employment_export_url(&asked.get(), "xlsx");
    let csv = move || api::employment_export_url(&asked.get(), "csv");
    view! {
        <style>{STYLE}</style>
        <h1 class="page-title">{tr(Key::DashTitle)}</h1>
        <details class="card" id="dash-filters">
            <summary>{tr(Key::DashPeriod)}</summary>
            <form id="dash-form" on:submit=on_submit>
                <div class="pair">
                    <div>
                        <label for="dash-from">{tr(Key::DashFromMonth)}</label>
                        <input id="dash-from" type="month" bind:value=from/>
                    </div>
                    <div>
                        <label for="dash-to">{tr(Key::DashToMonth)}</label>
                        <input id="dash-to" type="month" bind:value=to/>
                    </div>
                </div>
                <RegionPicker code=region id="dash-region" label=Key::DashWhere/>
                <button id="dash-show" type="submit">{tr(Key::DashShow)}</button>
            </form>
        </details>
        <div class="dash-actions">
            <a class="button secondary" id="dash-xlsx" href=xlsx download="">{tr(Key::DashExportXlsx)}</a>
            <a class="button secondary" id="dash-csv" href=csv download="">{tr(Key::DashExportCsv)}</a>
            <button type="button" class="secondary" id="dash-print" on:click=move |_| { let _ = window().print(); }>{tr(Key::DashPrint)}</button>
        </div>
        <div id="dashboard" class:dimmed=loading>
            <Async load=shown reloading=loading/>
        </div>
        <Async load=others/>
        <Records period=asked measure slice/>
    }
}

/// The measures as numbers to pick, and the picked one's charts.
#[component]
fn Overview(figures: EmploymentFigures, measure: RwSignal<EmploymentMeasure>, slice: RwSignal<Option<Slice>>) -> impl IntoView {
    let place = figures.region.as_ref().map(|r| r.name.clone()).unwrap_or_default();
    let period = trf(Key::DashPeriodLine, vec![("from", figures.from.to_string()), ("to", figures.to.to_string())]);
    let tiles = figures
        .figures
        .iter()
        .map(|f| {
            let m = f.measure;
            view! {
                <button type="button" id=format!("tile-{}", m.as_str()) aria-pressed=move || (measure.get() == m).to_string()
                    on:click=move |_| { measure.set(m); slice.set(Some(Slice::All)); }>
                    <span class="number">{f.total.to_string()}</span>{tr(measure_key(m))}
                </button>
            }
        })
        .collect_view();
    let wage = match figures.average_wage {
        Some(wage) => trf(Key::DashYuanPerMonth, vec![("wage", wage.to_string())]).into_any(),
        None => tr(Key::DashNoWage).into_any(),
    };
    let retention = figures
        .retention
        .iter()
        .map(|r| {
            let line =
                trf(Key::DashRetentionLine, vec![("retained", r.retained.to_string()), ("recorded", r.recorded.to_string()), ("due", r.due.to_string())]);
            view! {
                <li id=format!("retention-{}", r.after_months)>
                    <strong>{trf(Key::DashRetention, vec![("month", r.after_months.to_string())])}</strong><br/>{line}
                </li>
            }
        })
        .collect_view();
    let stored = StoredValue::new(figures);
    let picked_area = Signal::derive(move || match slice.get() {
        Some(Slice::Area(code)) => Some(code),
        _ => None,
    });
    let picked_month = Signal::derive(move || match slice.get() {
        Some(Slice::Month(month)) => Some(month),
        _ => None,
    });
    let picked_category = Signal::derive(move || match slice.get() {
        Some(Slice::Category(category)) => Some(category),
        _ => None,
    });
    let charts = move || {
        let m = measure.get();
        let Some(f) = stored.with_value(|figures| figures.figure(m).cloned()) else { return ().into_any() };
        let areas: Vec<Datum> = f.by_area.iter().map(|a| Datum { label: a.area.name.clone(), value: a.count, pick: a.area.code.clone() }).collect();
        let months: Vec<Datum> = f
            .by_month
            .iter()
            .map(|c| {
                let month = c.month.to_string();
                Datum { label: month[5..].to_string(), value: c.count, pick: month }
            })
            .collect();
        let categories: Vec<Datum> = f
            .by_category
            .iter()
            .map(|c| {
                let code = c.category.map_or("none", |c| c.as_str()).to_string();
                let label = c.category.map_or_else(|| tr(Key::DashNoCategory)().to_string(), |c| tr(category_key(c))().to_string());
                Datum { label, value: c.count, pick: code }
            })
            .collect();
        view! {
            <section class="card">
                <h2>{tr(measure_key(m))}" · "{tr(Key::DashByArea)}</h2>
                <BarChart id="chart-areas" data=areas picked=picked_area on_pick=move |code| slice.set(Some(Slice::Area(code)))/>
            </section>
            <section class="card">
                <h2>{tr(measure_key(m))}" · "{tr(Key::DashByMonth)}</h2>
                <LineChart id="chart-months" data=months picked=picked_month on_pick=move |month| slice.set(Some(Slice::Month(month)))/>
            </section>
            <section class="card">
                <h2>{tr(measure_key(m))}" · "{tr(Key::DashByCategory)}</h2>
                <BarChart id="chart-categories" data=categories picked=picked_category on_pick=move |c| slice.set(Some(Slice::Category(c)))/>
            </section>
        }
        .into_any()
    };
    view! {
        <section class="card" id="dash-summary">
            <p class="muted" id="dash-where">{place}" "{period}</p>
            <p class="muted">{tr(Key::DashPick)}</p>
            <div class="tiles-grid" id="dash-tiles">{tiles}</div>
        </section>
        <section class="card">
            <h2>{tr(Key::DashAverageWage)}</h2>
            <p class="number" id="dash-wage">{wage}</p>
            <ul class="plain" id="dash-retention">{retention}</ul>
        </section>
        {charts}
    }
}
