//! Employment figures (issue 13 part 1): the bureau's results for a region
//! and period, each measure in all and by area, month and assistance
//! category, retention at 1, 3 and 6 months from the follow-ups, and the
//! average placement wage. The counts come from `storage::employment_figures`
//! (the same rows the drill-down lists); this file only assembles them.

use std::collections::BTreeMap;

use doorstep_shared::api::{
    AreaCount, AreaRetention, AssistanceCategory, CategoryCount, EmploymentFigure, EmploymentFigures, EmploymentMeasure, MonthCount, Retention,
};
use doorstep_shared::types::{Day, RegionCode, YearMonth};

use super::Areas;
use crate::domain::{FollowUpMonth, ReportPeriod};
use crate::reference::Regions;
use crate::storage::{employment_counts, placement_outcomes, Db, EmploymentWindow, Grouping, PlacementOutcome};

/// The follow-up months retention is measured at.
pub const FOLLOW_UP_MONTHS: [u8; 3] = [1, 3, 6];

/// The window of a region (everywhere when `None`) and period.
pub fn employment_window(region: Option<&RegionCode>, period: &ReportPeriod) -> EmploymentWindow {
    EmploymentWindow {
        region_prefix: region.map(|r| r.to_string()).unwrap_or_default(),
        first_day: Some(period.first_day()),
        end: Some(period.end()),
        ..EmploymentWindow::default()
    }
}

/// The employment figures of `region` for `period`, retention judged on `today`.
/// The caller has checked the region lies in the jurisdiction.
pub async fn employment_figures(
    db: &Db,
    regions: &Regions,
    region: Option<&RegionCode>,
    period: ReportPeriod,
    today: Day,
) -> anyhow::Result<EmploymentFigures> {
    let areas = Areas::of(regions, region);
    let window = employment_window(region, &period);
    let mut figures = Vec::new();
    for measure in EmploymentMeasure::ALL.iter().copied() {
        figures.push(figure(db, measure, &window, &areas, &period).await?);
    }
    let outcomes = placement_outcomes(db, &window).await?;
    let wages: Vec<u64> = outcomes.iter().map(|o| u64::from(o.wage)).collect();
    let average_wage = (!wages.is_empty()).then(|| {
        let n = wages.len() as u64;
        u32::try_from((wages.iter().sum::<u64>() + n / 2) / n).unwrap_or(u32::MAX)
    });
    Ok(EmploymentFigures {
        from: period.from,
        to: period.to,
        region: region.and_then(|r| regions.reference(r.as_ref())),
        area_level: areas.level,
        figures,
        retention: FOLLOW_UP_MONTHS.iter().enumerate().map(|(i, months)| retention(&outcomes, i, *months, today, &areas)).collect(),
        average_wage,
    })
}

async fn figure(db: &Db, measure: EmploymentMeasure, window: &EmploymentWindow, areas: &Areas<'_>, period: &ReportPeriod) -> anyhow::Result<EmploymentFigure> {
    let total = employment_counts(db, measure, window, Grouping::Total).await?.first().map_or(0, |(_, n)| *n);
    let mut by_area = areas.zeros::<u32>();
    for (code, n) in employment_counts(db, measure, window, Grouping::Area(areas.level.code_len())).await? {
        let code = RegionCode::parse(&code).map_err(|e| anyhow::anyhow!("home region of a {measure:?} record: {e}"))?;
        *by_area.entry(areas.area(&code)).or_default() += n;
    }
    let mut by_month: BTreeMap<YearMonth, u32> = period.months().into_iter().map(|m| (m, 0)).collect();
    for (month, n) in employment_counts(db, measure, window, Grouping::Month).await? {
        let month = YearMonth::parse(&month).map_err(|e| anyhow::anyhow!("month of a {measure:?} record: {e}"))?;
        *by_month.entry(month).or_default() += n;
    }
    let mut by_category: Vec<CategoryCount> =
        AssistanceCategory::ALL.iter().map(|c| Some(*c)).chain([None]).map(|category| CategoryCount { category, count: 0 }).collect();
    for (category, n) in employment_counts(db, measure, window, Grouping::Category).await? {
        let category =
            if category.is_empty() { None } else { Some(AssistanceCategory::parse(&category).ok_or_else(|| anyhow::anyhow!("category {category:?}"))?) };
        if let Some(cell) = by_category.iter_mut().find(|c| c.category == category) {
            cell.count += n;
        }
    }
    Ok(EmploymentFigure {
        measure,
        total,
        by_area: by_area.into_iter().map(|(code, count)| AreaCount { area: areas.name(&code), count }).collect(),
        by_month: by_month.into_iter().map(|(month, count)| MonthCount { month, count }).collect(),
        by_category,
    })
}

/// Retention at the `i`th follow-up month: due when the job started at least
/// `months` months before today.
fn retention(outcomes: &[PlacementOutcome], i: usize, months: u8, today: Day, areas: &Areas<'_>) -> Retention {
    let mut all = [0u32; 3];
    let mut by_area = areas.zeros::<[u32; 3]>();
    let Ok(month) = FollowUpMonth::parse(months) else { return Retention { after_months: months, due: 0, recorded: 0, retained: 0, by_area: Vec::new() } };
    for o in outcomes.iter().filter(|o| month.due(o.start) <= today) {
        let cells = [&mut all, by_area.entry(areas.area(&o.home)).or_default()];
        for cell in cells {
            cell[0] += 1;
            cell[1] += u32::from(o.stayed[i].is_some());
            cell[2] += u32::from(o.stayed[i] == Some(true));
        }
    }
    Retention {
        after_months: months,
        due: all[0],
        recorded: all[1],
        retained: all[2],
        by_area: by_area.into_iter().map(|(code, [due, recorded, retained])| AreaRetention { area: areas.name(&code), due, recorded, retained }).collect(),
    }
}
