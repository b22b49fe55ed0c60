//! A posting parsed from the wire: every field checked, every error collected.

use doorstep_shared::api::{Datum, PhysicalDemand, PostingRequest, PostingUpdate, Schedule};
use doorstep_shared::types::{Day, RegionCode, SkillCode};

use super::{choose_point, region_is_approximate, region_point, resolve_skills, FieldErrors, Point};
use crate::reference::{RegionTree, SkillCatalog};

/// A valid posting, ready to store.
#[derive(Debug, Clone)]
pub struct PostingDraft {
    pub employer_id: i64,
    pub title: String,
    pub description: String,
    pub region: RegionCode,
    pub site: Point,
    /// The site is the region's stand-in point (no lat/lon given, and the
    /// region's point is approximate): distances to it are not shown in km.
    pub site_approximate: bool,
    pub skills: Vec<SkillCode>,
    pub wage_min: u32,
    pub wage_max: u32,
    pub headcount: u32,
    pub schedule: Schedule,
    pub accommodation: bool,
    pub physical_demand: PhysicalDemand,
    pub accessible: bool,
    /// Last valid day.
    pub valid_until: Day,
}

const MAX_WAGE: u32 = 100_000;
const MAX_HEADCOUNT: u32 = 10_000;
const MAX_VALIDITY_DAYS: i64 = 366;

/// Checks a request; `today` bounds the validity window.
pub fn parse_posting(req: PostingRequest, regions: &RegionTree, skills: &SkillCatalog, today: Day) -> Result<PostingDraft, FieldErrors> {
    let mut errors = FieldErrors::default();
    let title = req.title.trim().to_string();
    if title.is_empty() || title.chars().count() > 60 {
        errors.add("title", "title must have 1 to 60 characters");
    }
    let description = req.description.trim().to_string();
    if description.chars().count() > 4_000 {
        errors.add("description", "description must have at most 4000 characters");
    }
    let region = regions.resolve_site(&req.region_code).map_err(|e| errors.add("region_code", e)).ok();
    let site = choose_point(req.lat, req.lon, req.datum, || region.as_ref().and_then(|code| region_point(regions, code)))
        .map_err(|(field, message)| errors.add(field, message))
        .ok()
        .flatten();
    let skill_codes = resolve_skills(skills, &req.skills, &mut errors);
    if req.wage_max > MAX_WAGE {
        errors.add("wage_max", format!("wage_max must be at most {MAX_WAGE} yuan a month"));
    }
    if req.wage_min > req.wage_max {
        errors.add("wage_min", "wage_min must not exceed wage_max");
    }
    if !(1..=MAX_HEADCOUNT).contains(&req.headcount) {
        errors.add("headcount", format!("headcount must be 1 to {MAX_HEADCOUNT}"));
    }
    let valid_until = match Day::parse(&req.valid_until) {
        Ok(day) if day < today => {
            errors.add("valid_until", "valid_until is in the past");
            None
        }
        Ok(day) if day > today.plus_days(MAX_VALIDITY_DAYS) => {
            errors.add("valid_until", "valid_until must be within a year");
            None
        }
        Ok(day) => Some(day),
        Err(e) => {
            errors.add("valid_until", e);
            None
        }
    };
    match (region, site, valid_until) {
        (Some(region), Some(site), Some(valid_until)) if errors.0.is_empty() => Ok(PostingDraft {
            employer_id: req.employer_id,
            title,
            description,
            site_approximate: req.lat.is_none() && req.lon.is_none() && region_is_approximate(regions, &region),
            region,
            site,
            skills: skill_codes,
            wage_min: req.wage_min,
            wage_max: req.wage_max,
            headcount: req.headcount,
            schedule: req.schedule,
            accommodation: req.accommodation,
            physical_demand: req.physical_demand,
            accessible: req.accessible,
            valid_until,
        }),
        _ => Err(errors),
    }
}

/// The request that recreates `draft`, so an update passes the same checks.
pub fn posting_to_request(d: &PostingDraft) -> PostingRequest {
    PostingRequest {
        employer_id: d.employer_id,
        title: d.title.clone(),
        description: d.description.clone(),
        region_code: d.region.to_string(),
        // A stand-in point is chosen again from the region, and stays one.
        lat: (!d.site_approximate).then_some(d.site.lat),
        lon: (!d.site_approximate).then_some(d.site.lon),
        datum: Datum::Wgs84,
        skills: d.skills.iter().map(ToString::to_string).collect(),
        wage_min: d.wage_min,
        wage_max: d.wage_max,
        headcount: d.headcount,
        schedule: d.schedule,
        accommodation: d.accommodation,
        physical_demand: d.physical_demand,
        accessible: d.accessible,
        valid_until: d.valid_until.to_string(),
    }
}

/// Overlays the fields present in `u`.
pub fn apply_posting_update(mut r: PostingRequest, u: PostingUpdate) -> PostingRequest {
    if let Some(v) = u.title {
        r.title = v;
    }
    if let Some(v) = u.description {
        r.description = v;
    }
    if let Some(v) = u.skills {
        r.skills = v;
    }
    if let Some(v) = u.wage_min {
        r.wage_min = v;
    }
    if let Some(v) = u.wage_max {
        r.wage_max = v;
    }
    if let Some(v) = u.headcount {
        r.headcount = v;
    }
    if let Some(v) = u.schedule {
        r.schedule = v;
    }
    if let Some(v) = u.accommodation {
        r.accommodation = v;
    }
    if let Some(v) = u.physical_demand {
        r.physical_demand = v;
    }
    if let Some(v) = u.accessible {
        r.accessible = v;
    }
    if let Some(v) = u.valid_until {
        r.valid_until = v;
    }
    r
}
