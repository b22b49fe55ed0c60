//! Profiles from a match request or a registered person, and match items out.

use doorstep_shared::api::{ErrorCode, MatchItem, MatchRequest};

use crate::domain::{plausible_in_china, FieldErrors, Point, Profile};
use crate::error::ApiError;
use crate::matcher::Match;
use crate::reference::{Regions, SkillCatalog};
use crate::routes::people::to_preferences;
use crate::storage::StoredPerson;

const MAX_COMMUTE_KM: f64 = 2_000.0;

/// Checks a request, collecting every bad field; returns the profile and limit.
pub fn profile_from_request(req: &MatchRequest, regions: &Regions, skills: &SkillCatalog) -> Result<(Profile, usize), ApiError> {
    let mut errors = FieldErrors::default();
    let mut codes = Vec::new();
    for (i, raw) in req.skills.iter().enumerate() {
        match skills.resolve(raw) {
            Ok(code) => codes.push(code),
            Err(e) => errors.add(format!("skills[{i}]"), e),
        }
    }
    codes.sort();
    codes.dedup();
    let home = match (req.lat, req.lon, &req.region_code) {
        (Some(lat), Some(lon), _) if plausible_in_china(lat, lon) => Some(Point { lat, lon }),
        (Some(_), Some(_), _) => {
            errors.add("lat", "lat/lon must be a point in china");
            None
        }
        (None, None, Some(raw)) => match regions.read(|t| t.resolve(raw).map(|c| t.get(&c).map(|r| Point { lat: r.lat, lon: r.lon }))) {
            Ok(point) => point,
            Err(e) => {
                errors.add("region_code", e);
                None
            }
        },
        (None, None, None) => None,
        _ => {
            errors.add("lon", "give both lat and lon, or neither");
            None
        }
    };
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

/// A registered person's profile: home is their region's point.
pub fn profile_of_person(p: &StoredPerson, regions: &Regions) -> Result<Profile, ApiError> {
    let prefs = to_preferences(p);
    let home = regions
        .read(|t| doorstep_shared::types::RegionCode::parse(&p.row.home_region).ok().and_then(|c| t.get(&c).map(|r| Point { lat: r.lat, lon: r.lon })));
    let Some(home) = home else {
        return Err(ApiError::new(ErrorCode::Internal, "person's home region is unknown"));
    };
    // Severe disability (grades 1-2) rules out heavy work unless staff say otherwise.
    let max_physical_demand = match p.row.disability_grade {
        Some(1) | Some(2) => doorstep_shared::api::PhysicalDemand::Light,
        Some(_) => doorstep_shared::api::PhysicalDemand::Medium,
        None => doorstep_shared::api::PhysicalDemand::Heavy,
    };
    Ok(Profile {
        skills: p.skills.clone(),
        home: Some(home),
        max_commute_km: f64::from(prefs.max_commute_km),
        willing_to_relocate: prefs.willing_to_relocate,
        schedules: Some(prefs.schedules).filter(|s| !s.is_empty()),
        min_wage: prefs.min_wage,
        needs_accessible: prefs.needs_accessible,
        max_physical_demand,
    })
}

pub fn match_item(m: Match, employer: String) -> MatchItem {
    let p = m.posting;
    MatchItem {
        posting_id: p.id,
        title: p.title,
        employer,
        region_code: p.region_code,
        score: (m.score * 1000.0).round() / 1000.0,
        distance_km: m.distance_km.map(|d| (d * 10.0).round() / 10.0),
        wage_min: p.wage_min,
        wage_max: p.wage_max,
        schedule: p.schedule,
        reasons: m.reasons,
    }
}
