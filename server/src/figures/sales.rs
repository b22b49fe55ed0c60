//! Sales figures (issue 12 part 6): the income delivered orders brought to
//! the households of a region in a period, by household, area, month and
//! assistance category. The rows come from `storage::sales_figures`; the
//! areas from `Areas`; this file only adds up, in integer fen.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use doorstep_shared::api::{AreaIncome, AssistanceCategory, CategoryIncome, HouseholdIncome, MonthIncome, SalesFigures};
use doorstep_shared::types::{RegionCode, YearMonth};

use super::training::count;
use super::Areas;
use crate::domain::ReportPeriod;
use crate::reference::Regions;
use crate::storage::{income_categories, income_rows, Db};

/// The sales figures of `region` (everywhere when `None`) for `period`.
/// The caller has checked the region lies in the jurisdiction.
pub async fn sales_figures(db: &Db, regions: &Regions, region: Option<&RegionCode>, period: ReportPeriod) -> anyhow::Result<SalesFigures> {
    let areas = Areas::of(regions, region);
    let prefix = region.map(|r| r.to_string()).unwrap_or_default();
    let (from, to) = (period.from.to_string(), period.to.to_string());
    let rows = income_rows(db, &prefix, &from, &to).await?;
    let categories = income_categories(db, &prefix, &from, &to).await?;

    let mut by_area: BTreeMap<RegionCode, (i64, BTreeSet<i64>)> = areas.zeros();
    let mut by_month: BTreeMap<YearMonth, i64> = period.months().into_iter().map(|m| (m, 0)).collect();
    let mut by_household: HashMap<i64, HouseholdIncome> = HashMap::new();
    let mut parts = BTreeSet::new();
    for row in &rows {
        let area = by_area.entry(areas.area(&row.region)).or_default();
        area.0 += row.amount_fen;
        area.1.insert(row.person_id);
        let month = YearMonth::parse(&row.month).map_err(|e| anyhow::anyhow!("sales_income.month of part {}: {e}", row.part_id))?;
        *by_month.entry(month).or_default() += row.amount_fen;
        by_household
            .entry(row.person_id)
            .or_insert_with(|| HouseholdIncome {
                person_id: row.person_id,
                name: row.name.clone(),
                region_name: regions.place_name(row.region.as_ref()),
                income_fen: 0,
            })
            .income_fen += row.amount_fen;
        parts.insert(row.part_id);
    }
    let mut by_category: BTreeMap<Option<AssistanceCategory>, (i64, u32)> =
        AssistanceCategory::ALL.iter().map(|c| (Some(*c), (0, 0))).chain([(None, (0, 0))]).collect();
    for household in by_household.values() {
        let listed = categories.get(&household.person_id).filter(|c| !c.is_empty());
        for category in listed.map_or(vec![None], |cs| cs.iter().copied().map(Some).collect()) {
            let cell = by_category.entry(category).or_default();
            cell.0 += household.income_fen;
            cell.1 += 1;
        }
    }
    let order = |c: &Option<AssistanceCategory>| c.map_or(usize::MAX, |c| AssistanceCategory::ALL.iter().position(|x| *x == c).unwrap_or(usize::MAX - 1));
    let mut by_category: Vec<CategoryIncome> =
        by_category.into_iter().map(|(category, (income_fen, households))| CategoryIncome { category, income_fen, households }).collect();
    by_category.sort_by_key(|c| order(&c.category));
    let mut by_household: Vec<HouseholdIncome> = by_household.into_values().collect();
    by_household.sort_by(|a, b| b.income_fen.cmp(&a.income_fen).then(a.person_id.cmp(&b.person_id)));
    Ok(SalesFigures {
        from: period.from,
        to: period.to,
        region: region.and_then(|r| regions.reference(r.as_ref())),
        area_level: areas.level,
        income_fen: rows.iter().map(|r| r.amount_fen).sum(),
        delivered_parts: count(parts.len()),
        households: count(by_household.len()),
        by_area: by_area
            .into_iter()
            .map(|(code, (income_fen, households))| AreaIncome { area: areas.name(&code), income_fen, households: count(households.len()) })
            .collect(),
        by_month: by_month.into_iter().map(|(month, income_fen)| MonthIncome { month, income_fen }).collect(),
        by_category,
        by_household,
    })
}
