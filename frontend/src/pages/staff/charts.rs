//! SVG charts for the dashboard: horizontal bars (areas, categories) and a
//! line (months). They scale to the screen's width from a 360-unit view box,
//! so they read at 360 px and print as sharp vectors; each bar and point is
//! a 44-unit tall target that picks its slice (keyboard too).

use leptos::prelude::*;

/// One bar or point: its label, its count, and the slice picking it selects
/// (an area's code, a month, a category), also its element id's suffix
/// (`bar-…`, `point-…`).
#[derive(Debug, Clone, PartialEq)]
pub struct Datum {
    pub label: String,
    pub value: u32,
    pub pick: String,
}

const WIDTH: u32 = 360;
const ROW: u32 = 44;
/// Where a bar starts: the label column's width.
const BAR_X: u32 = 124;
/// The longest bar, leaving room for the value after it.
const BAR_MAX: u32 = 190;

/// Horizontal bars, one row each, longest for the largest value.
#[component]
pub fn BarChart(
    /// Element id of the chart.
    id: &'static str,
    data: Vec<Datum>,
    /// The slice shown below, to mark its bar.
    #[prop(into)]
    picked: Signal<Option<String>>,
    #[prop(into)] on_pick: Callback<String>,
) -> impl IntoView {
    let most = data.iter().map(|d| d.value).max().unwrap_or(0).max(1);
    let height = ROW * u32::try_from(data.len()).unwrap_or(0).max(1);
    let rows = data
        .into_iter()
        .enumerate()
        .map(|(i, d)| {
            let y = ROW * u32::try_from(i).unwrap_or(0);
            let length = (u64::from(d.value) * u64::from(BAR_MAX) / u64::from(most)) as u32;
            let (pick, again) = (d.pick.clone(), d.pick.clone());
            let current = d.pick.clone();
            let selected = move || picked.with(|p| p.as_ref() == Some(&current));
            view! {
                <g class="bar" id=format!("bar-{}", d.pick) role="button" tabindex="0" aria-pressed=move || selected().to_string()
                    on:click=move |_| on_pick.run(pick.clone())
                    on:keydown=move |ev| if ev.key() == "Enter" || ev.key() == " " { on_pick.run(again.clone()) }>
                    <rect class="hit" x="0" y=y.to_string() width=WIDTH.to_string() height=ROW.to_string()></rect>
                    <text x="0" y=(y + 27).to_string()>{d.label}</text>
                    <rect class="fill" x=BAR_X.to_string() y=(y + 14).to_string() width=length.max(2).to_string() height="16" rx="4"></rect>
                    <text class="value" x=(BAR_X + length.max(2) + 6).to_string() y=(y + 27).to_string()>{d.value.to_string()}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg id=id class="chart" viewBox=format!("0 0 {WIDTH} {height}") role="group" preserveAspectRatio="xMinYMin meet">{rows}</svg>
    }
}

/// A line through one point per month, with each value written above it.
#[component]
pub fn LineChart(id: &'static str, data: Vec<Datum>, #[prop(into)] picked: Signal<Option<String>>, #[prop(into)] on_pick: Callback<String>) -> impl IntoView {
    const TOP: u32 = 24;
    const PLOT: u32 = 120;
    let most = data.iter().map(|d| d.value).max().unwrap_or(0).max(1);
    let n = u32::try_from(data.len()).unwrap_or(1).max(1);
    let step = (WIDTH - 40) / n.max(2).saturating_sub(1).max(1);
    let x = move |i: u32| if n == 1 { WIDTH / 2 } else { 20 + i * step };
    let y = move |v: u32| TOP + PLOT - (u64::from(v) * u64::from(PLOT) / u64::from(most)) as u32;
    let line: Vec<String> = data.iter().enumerate().map(|(i, d)| format!("{},{}", x(i as u32), y(d.value))).collect();
    // Month labels: every one when they fit, else every other or every third.
    let every = n.div_ceil(12).max(1) + u32::from(n > 6);
    let points = data
        .into_iter()
        .enumerate()
        .map(|(i, d)| {
            let (px, py) = (x(i as u32), y(d.value));
            let (pick, again, current) = (d.pick.clone(), d.pick.clone(), d.pick.clone());
            let selected = move || picked.with(|p| p.as_ref() == Some(&current));
            let label = (i as u32).is_multiple_of(every).then(|| view! { <text class="axis" x=px.to_string() y="170" text-anchor="middle">{d.label.clone()}</text> });
            view! {
                <g class="point" id=format!("point-{}", d.pick) role="button" tabindex="0" aria-pressed=move || selected().to_string()
                    on:click=move |_| on_pick.run(pick.clone())
                    on:keydown=move |ev| if ev.key() == "Enter" || ev.key() == " " { on_pick.run(again.clone()) }>
                    <rect class="hit" x=(px.saturating_sub(step / 2).min(WIDTH - step.max(22))).to_string() y="0" width=step.max(22).to_string() height="176"></rect>
                    <circle cx=px.to_string() cy=py.to_string() r="5"></circle>
                    <text class="value" x=px.to_string() y=(py - 9).to_string() text-anchor="middle">{d.value.to_string()}</text>
                    {label}
                </g>
            }
        })
        .collect_view();
    view! {
        <svg id=id class="chart" viewBox=format!("0 0 {WIDTH} 180") role="group" preserveAspectRatio="xMinYMin meet">
            <polyline class="line" points=line.join(" ")></polyline>
            {points}
        </svg>
    }
}
