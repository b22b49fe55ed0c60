//! Match scoring: hard constraints that are never violated, and a blended
//! score whose every part becomes a plain reason a person can read.

use doorstep_shared::api::{MatchFit, Nearness, PhysicalDemand, Preferences, Reason, ReasonKind, Schedule};
use doorstep_shared::types::{Day, SkillCode};

use super::{nearness, nearness_words, priority_reason, Apart, Place, PostingDraft, Priority};

/// What a person wants and can do, parsed.
#[derive(Debug, Clone)]
pub struct Profile {
    /// Skill codes, sorted.
    pub skills: Vec<SkillCode>,
    /// The skills among them a training certificate proves, sorted: they weigh more (`CERTIFIED_WEIGHT`).
    pub certified: Vec<SkillCode>,
    pub home: Option<Place>,
    pub max_commute_km: f64,
    pub willing_to_relocate: bool,
    /// `None`: any schedule.
    pub schedules: Option<Vec<Schedule>>,
    pub min_wage: Option<u32>,
    pub needs_accessible: bool,
    pub max_physical_demand: PhysicalDemand,
    /// The category the person's jurisdiction favours them for (`domain::priority`).
    pub priority: Option<Priority>,
}

/// The facts of a posting that matching looks at.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub posting_id: i64,
    pub skills: Vec<SkillCode>,
    pub site: Place,
    pub wage_min: u32,
    pub wage_max: u32,
    pub schedule: Schedule,
    pub accommodation: bool,
    pub accessible: bool,
    pub physical_demand: PhysicalDemand,
    pub valid_until: Day,
    /// Text relevance relative to the best candidate, in [0, 1].
    pub text: f64,
}

impl Profile {
    /// A registered person's profile: home is their own point or their
    /// region's, and a severe disability (grades 1-2) rules out heavy work.
    pub fn of_person(preferences: &Preferences, skills: &[SkillCode], disability_grade: Option<u8>, home: Place) -> Self {
        let max_physical_demand = match disability_grade {
            Some(1 | 2) => PhysicalDemand::Light,
            Some(_) => PhysicalDemand::Medium,
            None => PhysicalDemand::Heavy,
        };
        Self {
            skills: skills.to_vec(),
            certified: Vec::new(),
            home: Some(home),
            max_commute_km: f64::from(preferences.max_commute_km),
            willing_to_relocate: preferences.willing_to_relocate,
            schedules: Some(preferences.schedules.clone()).filter(|s| !s.is_empty()),
            min_wage: preferences.min_wage,
            needs_accessible: preferences.needs_accessible,
            max_physical_demand,
            priority: None,
        }
    }
}

impl Candidate {
    /// A stored posting as a candidate, with no text relevance.
    pub fn of_posting(id: i64, p: &PostingDraft) -> Self {
        Self {
            posting_id: id,
            skills: p.skills.clone(),
            site: Place { point: p.site, region: Some(p.region.clone()), approximate: p.site_approximate },
            wage_min: p.wage_min,
            wage_max: p.wage_max,
            schedule: p.schedule,
            accommodation: p.accommodation,
            accessible: p.accessible,
            physical_demand: p.physical_demand,
            valid_until: p.valid_until,
            text: 0.0,
        }
    }
}

/// A score as shown: three decimals.
pub fn round_score(score: f64) -> f64 {
    (score * 1000.0).round() / 1000.0
}

/// A distance as shown: one decimal, in km.
pub fn round_km(km: f64) -> f64 {
    (km * 10.0).round() / 10.0
}

/// Names the first hard constraint a candidate breaks, if any.
pub fn violation(p: &Profile, c: &Candidate, today: Day) -> Option<&'static str> {
    if c.valid_until < today {
        return Some("expired");
    }
    if p.needs_accessible && !c.accessible {
        return Some("not accessible");
    }
    if p.min_wage.is_some_and(|w| c.wage_max < w) {
        return Some("wage below minimum");
    }
    if c.physical_demand > p.max_physical_demand {
        return Some("too heavy");
    }
    if p.schedules.as_ref().is_some_and(|s| !s.contains(&c.schedule)) {
        return Some("schedule");
    }
    if !p.willing_to_relocate {
        if let Some(home) = &p.home {
            if !nearness(home, &c.site).within(p.max_commute_km) {
                return Some("too far");
            }
        }
    }
    None
}

/// Weights of the score parts; they sum to 1.
const W_SKILL: f64 = 0.40;
const W_DISTANCE: f64 = 0.25;
const W_WAGE: f64 = 0.15;
const W_TEXT: f64 = 0.15;
const W_FIT: f64 = 0.05;

/// How much more a skill proved by a training certificate weighs than the
/// same skill self-declared: the one rule, for matching, the push and a
/// posting's candidates alike (the index's retrieval boosts by it too).
pub const CERTIFIED_WEIGHT: f64 = 1.5;

/// The weight of one of the person's skills: more when certified.
fn skill_weight(p: &Profile, skill: &SkillCode) -> f64 {
    if p.certified.binary_search(skill).is_ok() {
        CERTIFIED_WEIGHT
    } else {
        1.0
    }
}

/// A scored candidate.
#[derive(Debug, Clone, Copy)]
pub struct Scored {
    pub score: f64,
    /// Km, only when home and site are both real points.
    pub distance_km: Option<f64>,
    /// The administrative relation, when both regions are known.
    pub nearness: Option<Nearness>,
}

/// Scores a candidate that passed the hard constraints. Reasons are written
/// separately (`reasons`), only for the few candidates that are shown.
pub fn score(p: &Profile, c: &Candidate) -> Scored {
    let met: Vec<f64> = c.skills.iter().filter(|s| p.skills.binary_search(s).is_ok()).map(|s| skill_weight(p, s)).collect();
    let skill = if c.skills.is_empty() {
        // No skill asked for: open to anyone, but below a real skill match.
        0.35
    } else if met.is_empty() {
        0.0
    } else {
        // Having one of the skills matters most; having them all, a little
        // more; a certified one counts `CERTIFIED_WEIGHT` times a self-declared one.
        let best = met.iter().copied().fold(1.0, f64::max);
        0.5 * best + 0.5 * met.iter().sum::<f64>() / c.skills.len() as f64
    };

    let apart = p.home.as_ref().map(|h| (nearness(h, &c.site), h));
    let far = apart.is_some_and(|(a, _)| !a.within(p.max_commute_km));
    // An approximate end weighs by its relation (`ordering_km`), never a made-up 0 km.
    let distance = match apart.map(|(a, h)| a.ranking_km(h, &c.site)) {
        // Someone willing to move cares about housing there, not the kilometres.
        Some(_) if far && p.willing_to_relocate => {
            if c.accommodation {
                0.8
            } else {
                0.2
            }
        }
        // Gaussian decay: half the weight at about 0.6 of the commute limit.
        Some(d) => {
            let sigma = (p.max_commute_km / 2.0).max(3.0);
            (-(d / sigma).powi(2) / 2.0).exp()
        }
        None => 0.5,
    };

    let wage = match p.min_wage {
        Some(want) if c.wage_min >= want => 1.0,
        Some(want) => 0.6 + 0.4 * f64::from(c.wage_max.saturating_sub(want)) / f64::from(c.wage_max.saturating_sub(c.wage_min).max(1)),
        None => (f64::from(c.wage_max) / 6_000.0).min(1.0),
    };

    let text = c.text.clamp(0.0, 1.0);

    let mut fit: f64 = 0.5;
    if p.schedules.is_some() {
        fit += 0.25;
    }
    if p.needs_accessible && c.accessible {
        fit += 0.25;
    }
    if p.willing_to_relocate && far {
        fit = if c.accommodation { 1.0 } else { 0.0 };
    }

    let mut score = W_SKILL * skill + W_DISTANCE * distance + W_WAGE * wage + W_TEXT * text + W_FIT * fit.min(1.0);
    // Added after the hard constraints were checked: it never lets in what breaks one.
    score += p.priority.map_or(0.0, Priority::bonus);
    Scored { score, distance_km: apart.and_then(|(a, _)| a.km), nearness: apart.and_then(|(a, _)| a.nearness) }
}

/// Whether a candidate meets what the person asked for: a skill they named
/// (`p.skills`, including skills named in their text) or their words
/// (`c.text`). Someone who asked for nothing is matched by everything that fits.
pub fn fit(p: &Profile, c: &Candidate, asked: bool) -> MatchFit {
    let meets_skill = c.skills.iter().any(|s| p.skills.binary_search(s).is_ok());
    if !asked || meets_skill || c.text > 0.0 {
        MatchFit::Match
    } else {
        MatchFit::Other
    }
}

/// Who reads a reason: the seeker ("符合您的时间安排") or an employer or staff
/// member reading about the seeker ("符合该求职者的时间安排"). Staff also
/// read why a person is favoured; employers never do (`domain::priority`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Seeker,
    Employer,
    Staff,
}

impl Audience {
    /// Who "the seeker" is in this audience's words: (Chinese, English).
    fn seeker(self) -> (&'static str, &'static str) {
        match self {
            Self::Seeker => ("您", "you"),
            Self::Employer | Self::Staff => ("该求职者", "the seeker"),
        }
    }
}

/// The plain reasons behind a candidate's score, one per part that counted,
/// worded for `audience`. `skill_name` gives the (Chinese, English) names of a skill code.
pub fn reasons(p: &Profile, c: &Candidate, skill_name: &dyn Fn(&str) -> (String, String), audience: Audience) -> Vec<Reason> {
    let (who, who_en) = audience.seeker();
    let mut reasons = Vec::new();
    let met: Vec<&SkillCode> = c.skills.iter().filter(|s| p.skills.binary_search(s).is_ok()).collect();
    let (certified, declared): (Vec<&SkillCode>, Vec<&SkillCode>) = met.into_iter().partition(|s| p.certified.binary_search(s).is_ok());
    if !certified.is_empty() {
        let (zh, en) = skill_names(&certified, skill_name);
        reasons.push(reason(ReasonKind::CertifiedSkill, format!("持证：{zh}"), format!("certified: {en}")));
    }
    if !declared.is_empty() {
        let (zh, en) = skill_names(&declared, skill_name);
        reasons.push(reason(ReasonKind::Skill, format!("会{zh}"), format!("has {en}")));
    } else if c.skills.is_empty() {
        reasons.push(reason(ReasonKind::Skill, "不限技能，可培训上岗".into(), "no skill required, training on the job".into()));
    }

    let apart = p.home.as_ref().map(|h| nearness(h, &c.site));
    let far = apart.is_some_and(|a| !a.within(p.max_commute_km));
    if let Some(apart) = apart {
        reasons.extend(distance_reason(apart, far, audience));
    }

    let range = format!("{}–{}", c.wage_min, c.wage_max);
    match p.min_wage {
        Some(want) => reasons.push(reason(ReasonKind::Wage, format!("月薪 {range} 元，不低于期望的 {want} 元"), format!("wage {range} ≥ {want} wanted"))),
        None => reasons.push(reason(ReasonKind::Wage, format!("月薪 {range} 元"), format!("wage {range} a month"))),
    }

    if c.text > 0.0 {
        let en = if audience == Audience::Seeker { "matches what you are looking for" } else { "matches what the seeker is looking for" };
        reasons.push(reason(ReasonKind::Text, format!("与{who}想找的工作相关"), en.into()));
    }
    if p.schedules.is_some() {
        let (zh, en) = schedule_names(c.schedule);
        let whose = if audience == Audience::Seeker { "your".to_string() } else { format!("{who_en}'s") };
        reasons.push(reason(ReasonKind::Schedule, format!("{zh}，符合{who}的时间安排"), format!("{en}, fits {whose} schedule")));
    }
    if p.needs_accessible && c.accessible {
        reasons.push(reason(ReasonKind::Accessible, "无障碍工作场所".into(), "accessible workplace".into()));
    }
    if p.willing_to_relocate && far && c.accommodation {
        reasons.push(reason(ReasonKind::Accommodation, "提供住宿".into(), "housing provided".into()));
    }
    reasons.extend(p.priority.and_then(|priority| priority_reason(priority, audience)));
    reasons
}

/// Skills' names joined: Chinese with "、", English lowercase with ", ".
fn skill_names(skills: &[&SkillCode], skill_name: &dyn Fn(&str) -> (String, String)) -> (String, String) {
    let names: Vec<(String, String)> = skills.iter().map(|s| skill_name(s.as_ref())).collect();
    let zh: Vec<&str> = names.iter().map(|n| n.0.as_str()).collect();
    let en: Vec<&str> = names.iter().map(|n| n.1.as_str()).collect();
    (zh.join("、"), en.join(", ").to_lowercase())
}

/// Kilometres when both ends are real points, else the relation ("与您同镇"):
/// never a made-up "离家 0.0 公里".
fn distance_reason(apart: Apart, far: bool, audience: Audience) -> Option<Reason> {
    let (who, who_en) = audience.seeker();
    let (zh, en) = match (apart.km, apart.nearness) {
        // Each number is formatted once and shared by both languages.
        (Some(d), _) if far => {
            let d = format!("{d:.0}");
            return Some(reason(ReasonKind::Distance, format!("离家 {d} 公里，需外出务工"), format!("{d} km from home: work away from home")));
        }
        (Some(d), _) => {
            let d = format!("{d:.1}");
            return Some(reason(ReasonKind::Distance, format!("离家 {d} 公里"), format!("{d} km from home")));
        }
        (None, Some(n)) => {
            let (zh_word, en_word) = nearness_words(n);
            let whose = if audience == Audience::Seeker { "your".to_string() } else { format!("{who_en}'s") };
            match n {
                Nearness::NeighbouringCounty => (format!("在{who}家的{zh_word}"), format!("in a county next to {whose} home")),
                Nearness::Farther => (format!("离{who}家{zh_word}"), format!("{en_word} from {whose} home")),
                _ => (format!("与{who}{zh_word}"), format!("{en_word} as {who_en}")),
            }
        }
        (None, None) => return None,
    };
    Some(if far {
        reason(ReasonKind::Distance, format!("{zh}，需外出务工"), format!("{en}: work away from home"))
    } else {
        reason(ReasonKind::Distance, zh, en)
    })
}

fn reason(kind: ReasonKind, detail: String, detail_en: String) -> Reason {
    Reason { kind, detail, detail_en }
}

/// Chinese and English names of a schedule.
pub fn schedule_names(s: Schedule) -> (&'static str, &'static str) {
    match s {
        Schedule::FullTime => ("全职", "full-time"),
        Schedule::PartTime => ("兼职", "part-time"),
        Schedule::Flexible => ("时间灵活", "flexible hours"),
        Schedule::HomeBased => ("居家就业", "home-based"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Point;
    use doorstep_shared::types::RegionCode;

    fn code(s: &str) -> SkillCode {
        SkillCode::parse(s).expect("valid code")
    }

    fn profile() -> Profile {
        Profile {
            skills: vec![code("sewing")],
            certified: Vec::new(),
            home: Some(Place::exact(Point { lat: 32.70, lon: 109.03 }, Some(region("610902001")))),
            max_commute_km: 30.0,
            willing_to_relocate: false,
            schedules: None,
            min_wage: Some(2500),
            needs_accessible: false,
            max_physical_demand: PhysicalDemand::Heavy,
            priority: None,
        }
    }

    fn candidate(skills: &[&str], km_north: f64) -> Candidate {
        Candidate {
            posting_id: 1,
            skills: skills.iter().map(|s| code(s)).collect(),
            site: Place::exact(Point { lat: 32.70 + km_north / 111.2, lon: 109.03 }, Some(region("610902001"))),
            wage_min: 3000,
            wage_max: 3500,
            schedule: Schedule::FullTime,
            accommodation: false,
            accessible: false,
            physical_demand: PhysicalDemand::Light,
            valid_until: Day::from_unix_days(100),
            text: 0.0,
        }
    }

    fn region(s: &str) -> RegionCode {
        RegionCode::parse(s).expect("valid region")
    }

    /// A place in a town that carries its county's point.
    fn in_town(code: &str) -> Place {
        Place { point: Point { lat: 32.695172, lon: 109.026836 }, region: Some(region(code)), approximate: true }
    }

    fn names(code: &str) -> (String, String) {
        match code {
            "sewing" => ("缝纫".into(), "Sewing".into()),
            other => (other.into(), other.into()),
        }
    }

    #[test]
    fn reasons_are_plain_and_true() {
        let r = reasons(&profile(), &candidate(&["sewing"], 3.2), &names, Audience::Seeker);
        let details: Vec<&str> = r.iter().map(|r| r.detail.as_str()).collect();
        assert_eq!(details, vec!["会缝纫", "离家 3.2 公里", "月薪 3000–3500 元，不低于期望的 2500 元"]);
        assert_eq!(r[0].detail_en, "has sewing");
        assert_eq!(r[2].detail_en, "wage 3000–3500 ≥ 2500 wanted");
    }

    #[test]
    fn an_approximate_end_says_the_relation_never_kilometres() {
        let mut p = profile();
        p.home = Some(in_town("610902001"));
        p.max_commute_km = 5.0;
        let mut same_town = candidate(&["sewing"], 0.0);
        same_town.site = in_town("610902001");
        let mut other_town = candidate(&["sewing"], 0.0);
        other_town.site = in_town("610902100");
        let day = Day::from_unix_days(0);
        assert_eq!(violation(&p, &same_town, day), None);
        assert_eq!(violation(&p, &other_town, day), Some("too far"), "same point, other town: not within 5 km");
        let s = score(&p, &same_town);
        assert_eq!((s.distance_km, s.nearness), (None, Some(Nearness::SameTown)));
        let seeker = reasons(&p, &same_town, &names, Audience::Seeker);
        let employer = reasons(&p, &same_town, &names, Audience::Employer);
        assert_eq!((seeker[1].detail.as_str(), seeker[1].detail_en.as_str()), ("与您同镇", "same town as you"));
        assert_eq!((employer[1].detail.as_str(), employer[1].detail_en.as_str()), ("与该求职者同镇", "same town as the seeker"));
        assert!(seeker.iter().chain(&employer).all(|r| !r.detail.contains("公里")));

        p.max_commute_km = 30.0;
        let county = reasons(&p, &other_town, &names, Audience::Seeker);
        assert_eq!(county[1].detail, "与您同县");
        // A real point in the same town ranks above the county's other towns.
        let mut real_site = candidate(&["sewing"], 12.0);
        real_site.site.region = Some(region("610902001"));
        assert!(score(&p, &real_site).score > score(&p, &other_town).score);
        assert_eq!(score(&p, &real_site).distance_km, None, "the home is approximate");
    }

    #[test]
    fn reasons_speak_to_the_seeker_or_about_them() {
        let mut p = profile();
        p.schedules = Some(vec![Schedule::FullTime]);
        let mut c = candidate(&["sewing"], 3.2);
        c.text = 0.5;
        let schedule_and_text = |audience| {
            let r = reasons(&p, &c, &names, audience);
            let picked: Vec<(String, String)> =
                r.into_iter().filter(|r| matches!(r.kind, ReasonKind::Schedule | ReasonKind::Text)).map(|r| (r.detail, r.detail_en)).collect();
            picked
        };

        let to_seeker = schedule_and_text(Audience::Seeker);
        let to_employer = schedule_and_text(Audience::Employer);

        assert_eq!(to_seeker[0].0, "与您想找的工作相关");
        assert!(to_seeker[1].0.ends_with("符合您的时间安排") && to_seeker[1].1.ends_with("fits your schedule"), "{to_seeker:?}");
        assert_eq!(to_employer[0], ("与该求职者想找的工作相关".into(), "matches what the seeker is looking for".into()));
        assert!(to_employer[1].0.ends_with("符合该求职者的时间安排"), "{to_employer:?}");
        assert!(to_employer[1].1.ends_with("fits the seeker's schedule"), "{to_employer:?}");
        assert!(to_employer.iter().all(|(zh, _)| !zh.contains('您')));
    }

    #[test]
    fn a_certified_skill_scores_higher_than_the_same_skill_self_declared() {
        let declared = profile();
        let certified = Profile { certified: vec![code("sewing")], ..profile() };
        let c = candidate(&["sewing"], 2.0);
        assert!(score(&certified, &c).score > score(&declared, &c).score);
        // Even above a self-declared skill at a nearer site.
        assert!(score(&certified, &candidate(&["sewing"], 8.0)).score > score(&declared, &candidate(&["sewing"], 2.0)).score);
        let r = reasons(&certified, &c, &names, Audience::Seeker);
        assert_eq!((r[0].kind, r[0].detail.as_str(), r[0].detail_en.as_str()), (ReasonKind::CertifiedSkill, "持证：缝纫", "certified: sewing"));
        assert!(r.iter().all(|r| r.kind != ReasonKind::Skill), "a certified skill is said once: {r:?}");
        let employer = reasons(&certified, &c, &names, Audience::Employer);
        assert_eq!(employer[0].detail, "持证：缝纫");
    }

    #[test]
    fn skill_and_nearness_both_raise_the_score() {
        let p = profile();
        let near_skill = score(&p, &candidate(&["sewing"], 2.0)).score;
        let far_skill = score(&p, &candidate(&["sewing"], 25.0)).score;
        let near_other = score(&p, &candidate(&["welding"], 2.0)).score;
        assert!(near_skill > far_skill && near_skill > near_other);
    }

    #[test]
    fn a_priority_raises_the_score_but_never_clears_a_hard_constraint() {
        let mut p = profile();
        let c = candidate(&["sewing"], 2.0);
        let plain = score(&p, &c).score;
        p.priority = Some(Priority { category: doorstep_shared::api::AssistanceCategory::Dibao, weight: 100 });
        assert!(score(&p, &c).score > plain);
        p.min_wage = Some(9000);
        assert_eq!(violation(&p, &c, Day::from_unix_days(0)), Some("wage below minimum"));
        let kinds: Vec<ReasonKind> = reasons(&profile_with_priority(), &c, &names, Audience::Employer).iter().map(|r| r.kind).collect();
        assert!(!kinds.contains(&ReasonKind::Priority), "employers never read a category: {kinds:?}");
        let staff = reasons(&profile_with_priority(), &c, &names, Audience::Staff);
        assert_eq!(staff.last().map(|r| r.kind), Some(ReasonKind::Priority));
    }

    fn profile_with_priority() -> Profile {
        Profile { priority: Some(Priority { category: doorstep_shared::api::AssistanceCategory::Dibao, weight: 50 }), ..profile() }
    }

    #[test]
    fn what_meets_none_of_the_asked_skills_is_other() {
        let p = profile();
        assert_eq!(fit(&p, &candidate(&["sewing"], 1.0), true), MatchFit::Match);
        assert_eq!(fit(&p, &candidate(&["welding"], 1.0), true), MatchFit::Other);
        assert_eq!(fit(&p, &candidate(&[], 1.0), true), MatchFit::Other);
        let mut worded = candidate(&["welding"], 1.0);
        worded.text = 0.4;
        assert_eq!(fit(&p, &worded, true), MatchFit::Match, "its text matches the person's words");
        assert_eq!(fit(&p, &candidate(&["welding"], 1.0), false), MatchFit::Match, "asked for nothing");
    }

    #[test]
    fn shown_numbers_are_rounded_in_one_place() {
        assert_eq!(round_score(0.123_56), 0.124);
        assert_eq!(round_km(3.249), 3.2);
        assert_eq!(round_km(3.25), 3.3);
    }

    #[test]
    fn a_severely_disabled_person_is_matched_to_light_work_only() {
        let prefs = Preferences::default();
        let home = Place::exact(Point { lat: 32.7, lon: 109.0 }, None);
        assert_eq!(Profile::of_person(&prefs, &[], Some(1), home.clone()).max_physical_demand, PhysicalDemand::Light);
        assert_eq!(Profile::of_person(&prefs, &[], Some(3), home.clone()).max_physical_demand, PhysicalDemand::Medium);
        assert_eq!(Profile::of_person(&prefs, &[], None, home).max_physical_demand, PhysicalDemand::Heavy);
    }

    #[test]
    fn hard_constraints_name_what_is_broken() {
        let mut p = profile();
        let c = candidate(&["sewing"], 40.0);
        assert_eq!(violation(&p, &c, Day::from_unix_days(0)), Some("too far"));
        p.willing_to_relocate = true;
        assert_eq!(violation(&p, &c, Day::from_unix_days(0)), None);
        p.min_wage = Some(4000);
        assert_eq!(violation(&p, &c, Day::from_unix_days(0)), Some("wage below minimum"));
        p.min_wage = None;
        p.needs_accessible = true;
        assert_eq!(violation(&p, &c, Day::from_unix_days(0)), Some("not accessible"));
        p.needs_accessible = false;
        p.max_physical_demand = PhysicalDemand::Light;
        let mut heavy = c.clone();
        heavy.physical_demand = PhysicalDemand::Heavy;
        assert_eq!(violation(&p, &heavy, Day::from_unix_days(0)), Some("too heavy"));
        p.schedules = Some(vec![Schedule::HomeBased]);
        assert_eq!(violation(&p, &c, Day::from_unix_days(0)), Some("schedule"));
        assert_eq!(violation(&profile(), &candidate(&[], 1.0), Day::from_unix_days(101)), Some("expired"));
    }
}
