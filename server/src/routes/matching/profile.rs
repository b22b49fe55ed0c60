//! Profiles from a match request, and match items out.

use doorstep_shared::api::{MatchItem, MatchRequest};
use doorstep_shared::types::{official_code, RegionCode};

use crate::domain::{choose_point, place_from, region_point, round_km, round_score, split_skill_words, FieldErrors, Profile};
use crate::error::ApiError;
use crate::matcher::Match;
use crate::reference::{Regions, SkillCatalog};

const MAX_COMMUTE_KM: f64 = 2_000.0;
/// Longest skill word: it may be matched as text.
const MAX_SKILL_WORD: usize = 50;

/// A match request checked: the profile, how many matches, and the skill
/// words that named no skill (matched as text, and said so).
pub struct MatchQuery {
    pub profile: Profile,
    pub limit: usize,
    pub unresolved: Vec<String>,
}

impl MatchQuery {
    /// The request's text with the unresolved skill words added: they are
    /// looked up like text rather than refused.
    pub fn text(&self, req: &MatchRequest) -> Option<String> {
        let words = req.text.iter().map(String::as_str).chain(self.unresolved.iter().map(String::as_str));
        let text = words.collect::<Vec<_>>().join(" ");
        (!text.trim().is_empty()).then_some(text)
    }
}

/// Checks a request, collecting every bad field.
pub fn profile_from_request(req: &MatchRequest, regions: &Regions, skills: &SkillCatalog) -> Result<MatchQuery, ApiError> {
    let mut errors = FieldErrors::default();
    for (i, word) in req.skills.iter().enumerate() {
        if word.chars().count() > MAX_SKILL_WORD {
            errors.add(format!("skills[{i}]"), format!("a skill word must have at most {MAX_SKILL_WORD} characters"));
        }
    }
    let (codes, unresolved) = split_skill_words(skills, &req.skills);
    let region = req.region_code.as_ref().and_then(|raw| regions.read(|t| t.resolve(raw)).map_err(|e| errors.add("region_code", e)).ok());
    let given = req.lat.is_some() || req.lon.is_some();
    let point = choose_point(req.lat, req.lon, req.datum, || region.as_ref().and_then(|code| regions.read(|t| region_point(t, code))))
        .map_err(|(field, message)| errors.add(field, message))
        .ok()
        .flatten();
    let home = point.map(|point| regions.read(|t| place_from(t, point, given, region)));
    if !(req.max_commute_km.is_finite() && (0.0..=MAX_COMMUTE_KM).contains(&req.max_commute_km)) {
        errors.add("max_commute_km", format!("max_commute_km must be 0 to {MAX_COMMUTE_KM}"));
    }
    if !(1..=100).contains(&req.limit) {
        errors.add("limit", "limit must be 1 to 100");
    }
    if req.text.as_ref().is_some_and(|t| t.chars().count() > 200) {
        errors.add("text", "text must have at most 200 characters");
    }
    if !errors.0.is_empty() {
        return Err(errors.into());
    }
    let schedules = req.schedules.clone().filter(|s| !s.is_empty());
    let profile = Profile {
        skills: codes,
        certified: Vec::new(),
        home,
        max_commute_km: req.max_commute_km,
        willing_to_relocate: req.willing_to_relocate,
        schedules,
        min_wage: req.min_wage,
        needs_accessible: req.needs_accessible,
        max_physical_demand: req.max_physical_demand,
        priority: None,
    };
    Ok(MatchQuery { profile, limit: req.limit as usize, unresolved })
}

pub fn match_item(m: Match, employer: String, regions: &Regions) -> MatchItem {
    let p = m.posting;
    MatchItem {
        posting_id: p.id,
        title: p.title,
        employer,
        region_name: regions.place_name(&p.region_code),
        // The index holds codes the database checked; a bad one shows as itself.
        region_official_code: RegionCode::parse(&p.region_code).map(|c| official_code(&c)).unwrap_or_else(|_| p.region_code.clone()),
        region_code: p.region_code,
        fit: m.fit,
        score: round_score(m.score),
        distance_km: m.distance_km.map(round_km),
        nearness: m.nearness,
        wage_min: p.wage_min,
        wage_max: p.wage_max,
        schedule: p.schedule,
        reasons: m.reasons,
    }
}
