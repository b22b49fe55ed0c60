//! "销售统计 / Sales figures" for staff: what delivered orders brought to
//! the households of their jurisdiction (or one county or town of it) over a
//! span of months, by household, by area, by month and by assistance
//! category. Plain lists and bars that read at 360 px; every sum in yuan from
//! exact fen.

use doorstep_shared::api::SalesFigures;
use leptos::prelude::*;

use super::money::yuan;
use super::tabs::SalesTabs;
use crate::api;
use crate::components::{section, Async, RegionPicker};
use crate::i18n::{category_key, tr, trf, Key};

/// The period and region asked for: empty for the server's defaults (the
/// last twelve months, the whole jurisdiction).
#[derive(Debug, Clone, Default, PartialEq)]
struct Asked {
    from: String,
    to: String,
    region: String,
}

/// The form and the figures it asks for.
#[component]
pub fn SalesFiguresPage() -> impl IntoView {
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let region = RwSignal::new(String::new());
    let asked = RwSignal::new(Asked::default());
    let figures = LocalResource::new(move || {
        let asked = asked.get();
        async move { api::sales_figures(&asked.from, &asked.to, &asked.region).await }
    });
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        asked.set(Asked { from: from.get_untracked(), to: to.get_untracked(), region: region.get_untracked() });
    };
    let shown = move || section(async move { figures.await.map(|figures| view! { <Figures figures/> }.into_any()) });
    let loading = RwSignal::new(false);
    view! {
        <SalesTabs/>
        <h1 class="page-title">{tr(Key::SaFiguresTitle)}</h1>
        <details class="card" id="figures-filters">
            <summary>{tr(Key::SaFiguresPeriod)}</summary>
            <form id="figures-form" on:submit=on_submit>
                <div class="pair">
                    <div>
                        <label for="figures-from">{tr(Key::SaFromMonth)}</label>
                        <input id="figures-from" type="month" bind:value=from/>
                    </div>
                    <div>
                        <label for="figures-to">{tr(Key::SaToMonth)}</label>
                        <input id="figures-to" type="month" bind:value=to/>
                    </div>
                </div>
                <RegionPicker code=region id="figures-region" label=Key::SaFiguresWhere/>
                <button id="figures-show" type="submit">{tr(Key::SaShowFigures)}</button>
            </form>
        </details>
        <div id="figures" class:dimmed=loading>
            <Async load=shown reloading=loading/>
        </div>
    }
}

#[component]
fn Figures(figures: SalesFigures) -> impl IntoView {
    let place = figures.region.as_ref().map(|r| r.name.clone()).unwrap_or_default();
    let period = trf(Key::SaPeriod, vec![("from", figures.from.to_string()), ("to", figures.to.to_string())]);
    let households = figures
        .by_household
        .iter()
        .map(|h| {
            view! {
                <li id=format!("household-{}", h.person_id)>
                    <span><strong class="name">{h.name.clone()}</strong><br/><span class="muted">{h.region_name.clone()}</span></span>
                    <span class="price amount">{yuan(h.income_fen)}</span>
                </li>
            }
        })
        .collect_view();
    let most = |values: &[i64]| values.iter().copied().max().unwrap_or(0).max(1);
    let area_most = most(&figures.by_area.iter().map(|a| a.income_fen).collect::<Vec<_>>());
    let areas = figures
        .by_area
        .iter()
        .map(|a| {
            let label = view! { <span>{a.area.name.clone()}</span> };
            bar(format!("area-{}", a.area.code), label.into_any(), a.income_fen, area_most)
        })
        .collect_view();
    let month_most = most(&figures.by_month.iter().map(|m| m.income_fen).collect::<Vec<_>>());
    let months = figures
        .by_month
        .iter()
        .map(|m| bar(format!("month-{}", m.month), view! { <span>{m.month.to_string()}</span> }.into_any(), m.income_fen, month_most))
        .collect_view();
    let categories = figures
        .by_category
        .iter()
        .filter(|c| c.households > 0)
        .map(|c| {
            let name = match c.category {
                Some(category) => tr(category_key(category)).into_any(),
                None => tr(Key::SaNoCategory).into_any(),
            };
            let count = trf(Key::SaHouseholdCount, vec![("count", c.households.to_string())]);
            view! {
                <li id=format!("category-{}", c.category.map_or("none", |c| c.as_str()))>
                    <span>{name}<br/><span class="muted">{count}</span></span>
                    <span class="price">{yuan(c.income_fen)}</span>
                </li>
            }
        })
        .collect_view();
    let nothing = figures.by_household.is_empty().then(|| view! { <p class="muted" id="figures-empty">{tr(Key::SaNoIncomeYet)}</p> });
    view! {
        <section class="card" id="figures-summary">
            <p class="muted">{place}" "{period}</p>
            <p>{tr(Key::SaIncomeToHouseholds)}</p>
            <p class="figure-total" id="figures-income">{yuan(figures.income_fen)}</p>
            <p class="muted" id="figures-counts">
                {trf(Key::SaFiguresCounts, vec![("households", figures.households.to_string()), ("parts", figures.delivered_parts.to_string())])}
            </p>
        </section>
        {nothing}
        <section class="card">
            <h2>{tr(Key::SaByHousehold)}</h2>
            <ul class="items people" id="figures-households">{households}</ul>
        </section>
        <section class="card">
            <h2>{tr(Key::SaByArea)}</h2>
            <ul class="bars" id="figures-areas">{areas}</ul>
        </section>
        <section class="card">
            <h2>{tr(Key::SaByMonth)}</h2>
            <ul class="bars" id="figures-months">{months}</ul>
        </section>
        <section class="card">
            <h2>{tr(Key::SaByCategory)}</h2>
            <ul class="items people" id="figures-categories">{categories}</ul>
        </section>
    }
}

/// A labelled amount with a bar as long as its share of the largest.
fn bar(id: String, label: AnyView, fen: i64, most: i64) -> AnyView {
    // Whole percent, by integer arithmetic.
    let width = (fen.max(0).saturating_mul(100) / most).clamp(0, 100);
    view! {
        <li id=id>
            <p class="label">{label}<span class="amount">{yuan(fen)}</span></p>
            <div class="bar" style=format!("width:{width}%")></div>
        </li>
    }
    .into_any()
}
