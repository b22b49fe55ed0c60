//! Training figures (issue 11 part 9): enrolments, completions and
//! certificates of a region in a period, by course, area, month and
//! assistance category, and the certified people placed within six months.
//! The counts come from `storage::training_figures`; the rules (period, areas,
//! the six-month window) from `domain::figures`; this file only adds up.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use doorstep_shared::api::{
    AreaCount, AreaPlaced, AssistanceCategory, CategoryCount, CourseCount, MonthCount, PlacedAfterTraining, TrainingBreakdown, TrainingFigures,
};
use doorstep_shared::types::RegionCode;

use super::Areas;
use crate::domain::{placed_after_training, ReportPeriod};
use crate::reference::Regions;
use crate::storage::{certificate_outcomes, training_by_category, training_cells, CertificateOutcome, Db, FigureWindow, TrainingMeasure};

/// The training figures of `region` (everywhere when `None`) for `period`.
/// The caller has checked the region lies in the jurisdiction.
pub async fn training_figures(db: &Db, regions: &Regions, region: Option<&RegionCode>, period: ReportPeriod) -> anyhow::Result<TrainingFigures> {
    let areas = Areas::of(regions, region);
    let window = FigureWindow { region_prefix: region.map(|r| r.to_string()).unwrap_or_default(), first_day: period.first_day(), end: period.end() };
    Ok(TrainingFigures {
        enrolments: breakdown(db, TrainingMeasure::Enrolments, &window, &areas, &period).await?,
        completions: breakdown(db, TrainingMeasure::Completions, &window, &areas, &period).await?,
        certificates: breakdown(db, TrainingMeasure::Certificates, &window, &areas, &period).await?,
        placed: placed(&certificate_outcomes(db, &window).await?, &areas),
        from: period.from,
        to: period.to,
        region: region.and_then(|r| regions.reference(r.as_ref())),
        area_level: areas.level,
    })
}

async fn breakdown(db: &Db, measure: TrainingMeasure, window: &FigureWindow, areas: &Areas<'_>, period: &ReportPeriod) -> anyhow::Result<TrainingBreakdown> {
    let cells = training_cells(db, measure, window).await?;
    let mut by_course: HashMap<i64, CourseCount> = HashMap::new();
    let mut by_area = areas.zeros::<u32>();
    let mut by_month: BTreeMap<_, u32> = period.months().into_iter().map(|m| (m, 0)).collect();
    for cell in &cells {
        by_course.entry(cell.course_id).or_insert_with(|| CourseCount { course_id: cell.course_id, title: cell.course_title.clone(), count: 0 }).count +=
            cell.count;
        *by_area.entry(areas.area(&cell.region)).or_default() += cell.count;
        *by_month.entry(cell.month).or_default() += cell.count;
    }
    let mut by_course: Vec<CourseCount> = by_course.into_values().collect();
    by_course.sort_by(|a, b| b.count.cmp(&a.count).then(a.course_id.cmp(&b.course_id)));
    let mut by_category: BTreeMap<Option<AssistanceCategory>, u32> = AssistanceCategory::ALL.iter().map(|c| (Some(*c), 0)).chain([(None, 0)]).collect();
    for cell in training_by_category(db, measure, window).await? {
        *by_category.entry(cell.category).or_default() += cell.count;
    }
    let order = |c: &Option<AssistanceCategory>| c.map_or(usize::MAX, |c| AssistanceCategory::ALL.iter().position(|x| *x == c).unwrap_or(usize::MAX - 1));
    let mut by_category: Vec<CategoryCount> = by_category.into_iter().map(|(category, count)| CategoryCount { category, count }).collect();
    by_category.sort_by_key(|c| order(&c.category));
    Ok(TrainingBreakdown {
        total: cells.iter().map(|c| c.count).sum(),
        by_course,
        by_area: by_area.into_iter().map(|(code, count)| AreaCount { area: areas.name(&code), count }).collect(),
        by_month: by_month.into_iter().map(|(month, count)| MonthCount { month, count }).collect(),
        by_category,
    })
}

/// Certified people, and those placed within six months of a certificate, in all and by area.
fn placed(outcomes: &[CertificateOutcome], areas: &Areas<'_>) -> PlacedAfterTraining {
    let mut certified = BTreeSet::new();
    let mut placed = BTreeSet::new();
    let mut by_area: BTreeMap<RegionCode, (BTreeSet<i64>, BTreeSet<i64>)> = areas.zeros();
    for o in outcomes {
        let area = by_area.entry(areas.area(&o.region)).or_default();
        certified.insert(o.person_id);
        area.0.insert(o.person_id);
        if o.job_start.is_some_and(|start| placed_after_training(o.issued_on, start)) {
            placed.insert(o.person_id);
            area.1.insert(o.person_id);
        }
    }
    PlacedAfterTraining {
        certified: count(certified.len()),
        placed: count(placed.len()),
        by_area: by_area
            .into_iter()
            .map(|(code, (certified, placed))| AreaPlaced { area: areas.name(&code), certified: count(certified.len()), placed: count(placed.len()) })
            .collect(),
    }
}

pub(super) fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
