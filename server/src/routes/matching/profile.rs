//! Profiles from a match request, and match items out.

use doorstep_shared::api::{MatchItem, MatchRequest};

use crate::domain::{choose_point, place_from, region_point, resolve_skills, round_km, round_score, FieldErrors, Profile};
use crate::error::ApiError;
use crate::matcher::Match;
use crate::reference::{Regions, SkillCatalog};

const MAX_COMMUTE_KM: f64 = 2_000.0;

/// Checks a request, collecting every bad field; returns the profile and limit.
pub fn profile_from_request(req: &MatchRequest, regions: &Regions, skills: &SkillCatalog) -> Result<(Profile, usize), ApiError> {
    let mut errors = FieldErrors::default();
    let codes = resolve_skills(skills, &req.skills, &mut errors);
    let region = req.region_code.as_ref().and_then(|raw| regions.read(|t| t.resolve(raw)).map_err(|e| errors.add("region_code", e)).ok());
    let given = req.lat.is_some() || req.lon.is_some();
    let point = choose_point(req.lat, req.lon, || region.as_ref().and_then(|code| regions.read(|t| region_point(t, code))))
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
        home,
        max_commute_km: req.max_commute_km,
        willing_to_relocate: req.willing_to_relocate,
        schedules,
        min_wage: req.min_wage,
        needs_accessible: req.needs_accessible,
        max_physical_demand: req.max_physical_demand,
    };
    Ok((profile, req.limit as usize))
}

pub fn match_item(m: Match, employer: String) -> MatchItem {
    let p = m.posting;
    MatchItem {
        posting_id: p.id,
        title: p.title,
        employer,
        region_code: p.region_code,
        score: round_score(m.score),
        distance_km: m.distance_km.map(round_km),
        nearness: m.nearness,
        wage_min: p.wage_min,
        wage_max: p.wage_max,
        schedule: p.schedule,
        reasons: m.reasons,
    }
}
