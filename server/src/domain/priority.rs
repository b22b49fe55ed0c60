//! Priority categories: the assistance categories (低保, 留守妇女, …) a city
//! or county favours in matching, and what they mean for one person.
//!
//! The rules, in one place:
//! - A setting belongs to a city or a county, never a province, town or
//!   village; each category at most once, with a weight from 1 (a slight
//!   preference) to 100 (the strongest).
//! - The nearest setting applies to a person: their home county's when it
//!   names any category, else their city's. Settings are not merged: a
//!   county that sets its own list replaces the city's for its people.
//! - A person counts for the strongest of their *verified* categories
//!   (`StoredPerson::categories`; claims never count) that the applying
//!   setting names.
//! - The bonus is added to the score of what already passed the hard
//!   constraints (wage floor, schedule, accessibility, demand, commute): it
//!   reorders what fits and never lets in what does not.
//! - Employers never read it: naming the reason would tell them the person's
//!   category, so the reason is left out for them (`Audience::Employer`),
//!   while the bonus still orders their candidates as the bureau wants.

use std::collections::HashMap;

use doorstep_shared::api::{AssistanceCategory, CategoryPriority, PrioritiesRequest, Reason, ReasonKind, RegionLevel};
use doorstep_shared::types::RegionCode;

use super::{Audience, FieldErrors};

/// The strongest weight.
pub const MAX_WEIGHT: u32 = 100;

/// What a priority of weight 100 adds to a score (weights below add in
/// proportion): about a third of what having the skill a posting needs is
/// worth, enough to move a favoured person ahead of a similar one.
pub const PRIORITY_BONUS: f64 = 0.15;

/// The category a person is favoured for, and how strongly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Priority {
    pub category: AssistanceCategory,
    pub weight: u32,
}

impl Priority {
    /// The score it adds.
    pub fn bonus(self) -> f64 {
        PRIORITY_BONUS * f64::from(self.weight.min(MAX_WEIGHT)) / f64::from(MAX_WEIGHT)
    }
}

/// Checks a setting for a region of `level`: every bad entry named as
/// `priorities[i].…`. Returns it strongest first.
pub fn parse_priorities(level: RegionLevel, req: PrioritiesRequest) -> Result<Vec<CategoryPriority>, FieldErrors> {
    let mut errors = FieldErrors::default();
    if !matches!(level, RegionLevel::City | RegionLevel::County) {
        errors.add("code", "priorities are set by a city or a county");
    }
    let mut seen = Vec::new();
    for (i, p) in req.priorities.iter().enumerate() {
        if !(1..=MAX_WEIGHT).contains(&p.weight) {
            errors.add(format!("priorities[{i}].weight"), format!("weight must be 1 to {MAX_WEIGHT}"));
        }
        if seen.contains(&p.category) {
            errors.add(format!("priorities[{i}].category"), "each category at most once");
        }
        seen.push(p.category);
    }
    if !errors.0.is_empty() {
        return Err(errors);
    }
    let mut list = req.priorities;
    sort_strongest_first(&mut list);
    Ok(list)
}

fn sort_strongest_first(list: &mut [CategoryPriority]) {
    list.sort_by(|a, b| b.weight.cmp(&a.weight).then(a.category.cmp(&b.category)));
}

/// Every city's and county's setting.
#[derive(Debug, Clone, Default)]
pub struct PriorityTable(HashMap<RegionCode, Vec<CategoryPriority>>);

impl PriorityTable {
    /// Builds the table from stored rows.
    pub fn new(rows: Vec<(RegionCode, CategoryPriority)>) -> Self {
        let mut by_region: HashMap<RegionCode, Vec<CategoryPriority>> = HashMap::new();
        for (region, p) in rows {
            by_region.entry(region).or_default().push(p);
        }
        for list in by_region.values_mut() {
            sort_strongest_first(list);
        }
        Self(by_region)
    }

    /// A region's own setting (empty when it has none).
    pub fn own(&self, region: &RegionCode) -> &[CategoryPriority] {
        self.0.get(region).map_or(&[], Vec::as_slice)
    }

    /// The setting that applies to people living in `home`, and whose it is:
    /// the county's when it has one, else the city's.
    pub fn applying_to(&self, home: &RegionCode) -> Option<(RegionCode, &[CategoryPriority])> {
        [RegionLevel::County, RegionLevel::City]
            .into_iter()
            .filter_map(|level| home.ancestor_at(level))
            .find_map(|region| Some(self.own(&region)).filter(|list| !list.is_empty()).map(|list| (region, list)))
    }

    /// What a person living in `home` with these verified categories is favoured for.
    pub fn for_person(&self, home: &RegionCode, verified: &[AssistanceCategory]) -> Option<Priority> {
        let (_, list) = self.applying_to(home)?;
        // Strongest first: the first listed category the person has wins.
        list.iter().find(|p| verified.contains(&p.category)).map(|p| Priority { category: p.category, weight: p.weight })
    }
}

/// The reason a favoured person ranks higher, worded for `audience`; none for employers.
pub fn priority_reason(p: Priority, audience: Audience) -> Option<Reason> {
    let (zh, en) = category_names(p.category);
    let (detail, detail_en) = match audience {
        Audience::Employer => return None,
        Audience::Seeker => (format!("优先：您是{zh}"), format!("priority: you are a {en}")),
        Audience::Staff => (format!("优先：{zh}"), format!("priority: {en}")),
    };
    Some(Reason { kind: ReasonKind::Priority, detail, detail_en })
}

/// Chinese and English names of the people in a category.
pub fn category_names(c: AssistanceCategory) -> (&'static str, &'static str) {
    match c {
        AssistanceCategory::Dibao => ("低保对象", "minimum-living-allowance recipient"),
        AssistanceCategory::Tekun => ("特困人员", "person in extreme poverty"),
        AssistanceCategory::RegisteredPoor => ("建档立卡户", "member of a registered poor household"),
        AssistanceCategory::Disabled => ("残疾人", "person with a disability"),
        AssistanceCategory::LeftBehindWoman => ("留守妇女", "left-behind woman"),
        AssistanceCategory::Relocated => ("易地搬迁群众", "relocated resident"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> RegionCode {
        RegionCode::parse(s).expect("valid code")
    }

    fn set(category: AssistanceCategory, weight: u32) -> CategoryPriority {
        CategoryPriority { category, weight }
    }

    #[test]
    fn the_nearest_setting_applies_and_is_not_merged() {
        let table = PriorityTable::new(vec![
            (code("6109"), set(AssistanceCategory::Dibao, 40)),
            (code("6109"), set(AssistanceCategory::LeftBehindWoman, 80)),
            (code("610921"), set(AssistanceCategory::Disabled, 60)),
        ]);
        let both = [AssistanceCategory::Dibao, AssistanceCategory::LeftBehindWoman];
        // Hanbin has no setting of its own: the city's applies, strongest first.
        assert_eq!(table.for_person(&code("610902001001"), &both), Some(Priority { category: AssistanceCategory::LeftBehindWoman, weight: 80 }));
        assert_eq!(table.applying_to(&code("610902001")).map(|(r, _)| r), Some(code("6109")));
        // Hanyin sets its own: the city's list does not count there.
        assert_eq!(table.for_person(&code("610921100"), &both), None);
        assert_eq!(table.for_person(&code("610921100"), &[AssistanceCategory::Disabled]).map(|p| p.weight), Some(60));
        // Elsewhere nothing applies.
        assert_eq!(table.for_person(&code("610100"), &both), None);
    }

    #[test]
    fn a_setting_is_a_city_or_county_with_weights_one_to_a_hundred_each_category_once() {
        let req = |list: Vec<CategoryPriority>| PrioritiesRequest { priorities: list };
        let ok = parse_priorities(RegionLevel::County, req(vec![set(AssistanceCategory::Dibao, 1), set(AssistanceCategory::Disabled, 100)])).expect("valid");
        assert_eq!(ok[0].category, AssistanceCategory::Disabled, "strongest first");
        let bad = parse_priorities(RegionLevel::City, req(vec![set(AssistanceCategory::Dibao, 0), set(AssistanceCategory::Dibao, 101)])).expect_err("invalid");
        let fields: Vec<&str> = bad.0.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(fields, vec!["priorities[0].weight", "priorities[1].weight", "priorities[1].category"]);
        for level in [RegionLevel::Province, RegionLevel::Town, RegionLevel::Village] {
            assert!(parse_priorities(level, req(vec![])).is_err(), "{level:?}");
        }
    }

    #[test]
    fn the_bonus_grows_with_the_weight_and_the_reason_is_hidden_from_employers() {
        let weak = Priority { category: AssistanceCategory::Dibao, weight: 10 };
        let strong = Priority { weight: 100, ..weak };
        assert!(strong.bonus() > weak.bonus() && (strong.bonus() - PRIORITY_BONUS).abs() < 1e-12);
        assert_eq!(priority_reason(strong, Audience::Employer), None);
        let staff = priority_reason(strong, Audience::Staff).expect("shown to staff");
        assert_eq!((staff.detail.as_str(), staff.detail_en.as_str()), ("优先：低保对象", "priority: minimum-living-allowance recipient"));
        assert_eq!(priority_reason(strong, Audience::Seeker).expect("shown to the person").detail, "优先：您是低保对象");
    }
}
