//! Match scoring: hard constraints that are never violated, and a blended
//! score whose every part becomes a plain reason a person can read.

use doorstep_shared::api::{PhysicalDemand, Preferences, Reason, ReasonKind, Schedule};
use doorstep_shared::types::{Day, SkillCode};

use super::{Point, PostingDraft};

/// What a person wants and can do, parsed.
#[derive(Debug, Clone)]
pub struct Profile {
    /// Skill codes, sorted.
    pub skills: Vec<SkillCode>,
    pub home: Option<Point>,
    pub max_commute_km: f64,
    pub willing_to_relocate: bool,
    /// `None`: any schedule.
    pub schedules: Option<Vec<Schedule>>,
    pub min_wage: Option<u32>,
    pub needs_accessible: bool,
    pub max_physical_demand: PhysicalDemand,
}

/// The facts of a posting that matching looks at.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub posting_id: i64,
    pub skills: Vec<SkillCode>,
    pub site: Point,
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
    /// A registered person's profile: home is their region's point, and a
    /// severe disability (grades 1-2) rules out heavy work.
    pub fn of_person(preferences: &Preferences, skills: &[SkillCode], disability_grade: Option<u8>, home: Point) -> Self {
        let max_physical_demand = match disability_grade {
            Some(1 | 2) => PhysicalDemand::Light,
            Some(_) => PhysicalDemand::Medium,
            None => PhysicalDemand::Heavy,
        };
        Self {
            skills: skills.to_vec(),
            home: Some(home),
            max_commute_km: f64::from(preferences.max_commute_km),
            willing_to_relocate: preferences.willing_to_relocate,
            schedules: Some(preferences.schedules.clone()).filter(|s| !s.is_empty()),
            min_wage: preferences.min_wage,
            needs_accessible: preferences.needs_accessible,
            max_physical_demand,
        }
    }
}

impl Candidate {
    /// A stored posting as a candidate, with no text relevance.
    pub fn of_posting(id: i64, p: &PostingDraft) -> Self {
        Self {
            posting_id: id,
            skills: p.skills.clone(),
            site: p.site,
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
            if home.distance_km(&c.site) > p.max_commute_km {
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

/// A scored candidate.
#[derive(Debug, Clone, Copy)]
pub struct Scored {
    pub score: f64,
    pub distance_km: Option<f64>,
}

/// Scores a candidate that passed the hard constraints. Reasons are written
/// separately (`reasons`), only for the few candidates that are shown.
pub fn score(p: &Profile, c: &Candidate) -> Scored {
    let met = c.skills.iter().filter(|s| p.skills.binary_search(s).is_ok()).count();
    let skill = if c.skills.is_empty() {
        // No skill asked for: open to anyone, but below a real skill match.
        0.35
    } else if met == 0 {
        0.0
    } else {
        // Having one of the skills matters most; having them all, a little more.
        0.5 + 0.5 * met as f64 / c.skills.len() as f64
    };

    let distance_km = p.home.map(|h| h.distance_km(&c.site));
    let far = distance_km.is_some_and(|d| d > p.max_commute_km);
    let distance = match distance_km {
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

    let score = W_SKILL * skill + W_DISTANCE * distance + W_WAGE * wage + W_TEXT * text + W_FIT * fit.min(1.0);
    Scored { score, distance_km }
}

/// Who reads a reason: the seeker ("符合您的时间安排") or an employer or staff
/// member reading about the seeker ("符合该求职者的时间安排").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Seeker,
    Employer,
}

impl Audience {
    /// Who "the seeker" is in this audience's words: (Chinese, English).
    fn seeker(self) -> (&'static str, &'static str) {
        match self {
            Self::Seeker => ("您", "you"),
            Self::Employer => ("该求职者", "the seeker"),
        }
    }
}

/// The plain reasons behind a candidate's score, one per part that counted,
/// worded for `audience`. `skill_name` gives the (Chinese, English) names of a skill code.
pub fn reasons(p: &Profile, c: &Candidate, skill_name: &dyn Fn(&str) -> (String, String), audience: Audience) -> Vec<Reason> {
    let (who, who_en) = audience.seeker();
    let mut reasons = Vec::new();
    let met: Vec<&SkillCode> = c.skills.iter().filter(|s| p.skills.binary_search(s).is_ok()).collect();
    if !met.is_empty() {
        let names: Vec<(String, String)> = met.iter().map(|s| skill_name(s.as_ref())).collect();
        let zh: Vec<&str> = names.iter().map(|n| n.0.as_str()).collect();
        let en: Vec<&str> = names.iter().map(|n| n.1.as_str()).collect();
        reasons.push(reason(ReasonKind::Skill, format!("会{}", zh.join("、")), format!("has {}", en.join(", ").to_lowercase())));
    } else if c.skills.is_empty() {
        reasons.push(reason(ReasonKind::Skill, "不限技能，可培训上岗".into(), "no skill required, training on the job".into()));
    }

    let distance_km = p.home.map(|h| h.distance_km(&c.site));
    let far = distance_km.is_some_and(|d| d > p.max_commute_km);
    if let Some(d) = distance_km {
        // Each number is formatted once and shared by both languages.
        if far {
            let d = format!("{d:.0}");
            reasons.push(reason(ReasonKind::Distance, format!("离家 {d} 公里，需外出务工"), format!("{d} km from home: work away from home")));
        } else {
            let d = format!("{d:.1}");
            reasons.push(reason(ReasonKind::Distance, format!("离家 {d} 公里"), format!("{d} km from home")));
        }
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
    reasons
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

    fn code(s: &str) -> SkillCode {
        SkillCode::parse(s).expect("valid code")
    }

    fn profile() -> Profile {
        Profile {
            skills: vec![code("sewing")],
            home: Some(Point { lat: 32.70, lon: 109.03 }),
            max_commute_km: 30.0,
            willing_to_relocate: false,
            schedules: None,
            min_wage: Some(2500),
            needs_accessible: false,
            max_physical_demand: PhysicalDemand::Heavy,
        }
    }

    fn candidate(skills: &[&str], km_north: f64) -> Candidate {
        Candidate {
            posting_id: 1,
            skills: skills.iter().map(|s| code(s)).collect(),
            site: Point { lat: 32.70 + km_north / 111.2, lon: 109.03 },
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
    fn skill_and_nearness_both_raise_the_score() {
        let p = profile();
        let near_skill = score(&p, &candidate(&["sewing"], 2.0)).score;
        let far_skill = score(&p, &candidate(&["sewing"], 25.0)).score;
        let near_other = score(&p, &candidate(&["welding"], 2.0)).score;
        assert!(near_skill > far_skill && near_skill > near_other);
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
        let home = Point { lat: 32.7, lon: 109.0 };
        assert_eq!(Profile::of_person(&prefs, &[], Some(1), home).max_physical_demand, PhysicalDemand::Light);
        assert_eq!(Profile::of_person(&prefs, &[], Some(3), home).max_physical_demand, PhysicalDemand::Medium);
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
