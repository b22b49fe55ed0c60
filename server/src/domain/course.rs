//! A course and a session of it parsed from the wire: every field checked,
//! every error collected; and when two sessions' times clash.

use doorstep_shared::api::{AssistanceCategory, CourseRequest, CourseUpdate, Datum, Period, ProviderKind, SessionRequest, SessionUpdate, Weekday};
use doorstep_shared::types::{Day, RegionCode, SkillCode};

use super::{choose_point, region_is_approximate, region_point, resolve_skills, text, FieldErrors, Point};
use crate::reference::{RegionTree, SkillCatalog};

/// A valid course, ready to store.
#[derive(Debug, Clone)]
pub struct CourseDraft {
    pub title: String,
    pub provider: String,
    pub provider_kind: ProviderKind,
    pub description: String,
    /// The jurisdiction that owns the course.
    pub region: RegionCode,
    pub skills: Vec<SkillCode>,
    pub hours: u32,
    pub subsidy_yuan: u32,
    /// Who may enrol; empty for anyone. Sorted, without repeats.
    pub categories: Vec<AssistanceCategory>,
}

/// A valid session, ready to store.
#[derive(Debug, Clone)]
pub struct SessionDraft {
    pub start: Day,
    pub end: Day,
    pub enrol_deadline: Day,
    pub region: RegionCode,
    pub address: String,
    pub site: Point,
    /// The site is the region's stand-in point (as postings).
    pub site_approximate: bool,
    pub capacity: u32,
    /// Sorted, without repeats.
    pub days: Vec<Weekday>,
    pub period: Period,
}

const MAX_HOURS: u32 = 2_000;
const MAX_SUBSIDY: u32 = 100_000;
const MAX_CAPACITY: u32 = 1_000;
const MAX_LEAD_DAYS: i64 = 366;
const MAX_LENGTH_DAYS: i64 = 366;

/// Checks a course request.
pub fn parse_course(req: CourseRequest, regions: &RegionTree, skills: &SkillCatalog) -> Result<CourseDraft, FieldErrors> {
    let mut errors = FieldErrors::default();
    let title = text(&mut errors, "title", &req.title, 1, 60);
    let provider = text(&mut errors, "provider", &req.provider, 1, 100);
    let description = text(&mut errors, "description", &req.description, 0, 4_000);
    let region = regions.resolve_site(&req.region_code).map_err(|e| errors.add("region_code", e)).ok();
    let skill_codes = resolve_skills(skills, &req.skills, &mut errors);
    if !(1..=MAX_HOURS).contains(&req.hours) {
        errors.add("hours", format!("hours must be 1 to {MAX_HOURS}"));
    }
    if req.subsidy_yuan > MAX_SUBSIDY {
        errors.add("subsidy_yuan", format!("subsidy_yuan must be at most {MAX_SUBSIDY}"));
    }
    let mut categories = req.categories;
    categories.sort();
    categories.dedup();
    match region {
        Some(region) if errors.0.is_empty() => Ok(CourseDraft {
            title,
            provider,
            provider_kind: req.provider_kind,
            description,
            region,
            skills: skill_codes,
            hours: req.hours,
            subsidy_yuan: req.subsidy_yuan,
            categories,
        }),
        _ => Err(errors),
    }
}

/// The request that recreates `draft`, so an update passes the same checks.
pub fn course_to_request(d: &CourseDraft) -> CourseRequest {
    CourseRequest {
        title: d.title.clone(),
        provider: d.provider.clone(),
        provider_kind: d.provider_kind,
        description: d.description.clone(),
        region_code: d.region.to_string(),
        skills: d.skills.iter().map(ToString::to_string).collect(),
        hours: d.hours,
        subsidy_yuan: d.subsidy_yuan,
        categories: d.categories.clone(),
    }
}

/// Overlays the fields present in `u`.
pub fn apply_course_update(mut r: CourseRequest, u: CourseUpdate) -> CourseRequest {
    r.title = u.title.unwrap_or(r.title);
    r.provider = u.provider.unwrap_or(r.provider);
    r.provider_kind = u.provider_kind.unwrap_or(r.provider_kind);
    r.description = u.description.unwrap_or(r.description);
    r.region_code = u.region_code.unwrap_or(r.region_code);
    r.skills = u.skills.unwrap_or(r.skills);
    r.hours = u.hours.unwrap_or(r.hours);
    r.subsidy_yuan = u.subsidy_yuan.unwrap_or(r.subsidy_yuan);
    r.categories = u.categories.unwrap_or(r.categories);
    r
}

fn day(errors: &mut FieldErrors, field: &str, raw: &str) -> Option<Day> {
    Day::parse(raw).map_err(|e| errors.add(field, e)).ok()
}

/// Checks a session request. `earliest_start` is today for a new session (or
/// a moved start); `None` keeps a stored start that has passed.
pub fn parse_session(req: SessionRequest, regions: &RegionTree, today: Day, earliest_start: Option<Day>) -> Result<SessionDraft, FieldErrors> {
    let mut errors = FieldErrors::default();
    let start = day(&mut errors, "start_date", &req.start_date);
    let end = day(&mut errors, "end_date", &req.end_date);
    let deadline = match &req.enrol_deadline {
        Some(raw) => day(&mut errors, "enrol_deadline", raw),
        None => start.map(|s| s.plus_days(-1)),
    };
    if let Some(start) = start {
        if earliest_start.is_some_and(|earliest| start < earliest) {
            errors.add("start_date", "start_date is in the past");
        } else if start > today.plus_days(MAX_LEAD_DAYS) {
            errors.add("start_date", "start_date must be within a year");
        }
    }
    if let (Some(start), Some(end)) = (start, end) {
        if end < start {
            errors.add("end_date", "end_date is before start_date");
        } else if end > start.plus_days(MAX_LENGTH_DAYS) {
            errors.add("end_date", "a session lasts at most a year");
        }
    }
    if let (Some(start), Some(deadline)) = (start, deadline) {
        if deadline > start {
            errors.add("enrol_deadline", "enrol_deadline is after start_date");
        }
    }
    let region = regions.resolve_site(&req.region_code).map_err(|e| errors.add("region_code", e)).ok();
    let site = choose_point(req.lat, req.lon, req.datum, || region.as_ref().and_then(|code| region_point(regions, code)))
        .map_err(|(field, message)| errors.add(field, message))
        .ok()
        .flatten();
    let address = text(&mut errors, "address", &req.address, 0, 200);
    if !(1..=MAX_CAPACITY).contains(&req.capacity) {
        errors.add("capacity", format!("capacity must be 1 to {MAX_CAPACITY}"));
    }
    let mut days = req.days;
    days.sort();
    days.dedup();
    if days.is_empty() {
        errors.add("days", "name at least one day of the week");
    }
    match (start, end, deadline, region, site) {
        (Some(start), Some(end), Some(enrol_deadline), Some(region), Some(site)) if errors.0.is_empty() => Ok(SessionDraft {
            start,
            end,
            enrol_deadline,
            site_approximate: req.lat.is_none() && req.lon.is_none() && region_is_approximate(regions, &region),
            region,
            address,
            site,
            capacity: req.capacity,
            days,
            period: req.period,
        }),
        _ => Err(errors),
    }
}

/// The request that recreates `draft`, so an update passes the same checks.
pub fn session_to_request(d: &SessionDraft) -> SessionRequest {
    SessionRequest {
        start_date: d.start.to_string(),
        end_date: d.end.to_string(),
        enrol_deadline: Some(d.enrol_deadline.to_string()),
        region_code: d.region.to_string(),
        address: d.address.clone(),
        // A stand-in point is chosen again from the region, and stays one.
        lat: (!d.site_approximate).then_some(d.site.lat),
        lon: (!d.site_approximate).then_some(d.site.lon),
        datum: Datum::Wgs84,
        capacity: d.capacity,
        days: d.days.clone(),
        period: d.period,
    }
}

/// Overlays the fields present in `u`. A new region without a point takes the
/// region's point; a new start without a deadline moves the default deadline.
pub fn apply_session_update(mut r: SessionRequest, u: SessionUpdate) -> SessionRequest {
    if u.start_date.is_some() && u.enrol_deadline.is_none() {
        r.enrol_deadline = None;
    }
    if u.region_code.is_some() && u.lat.is_none() && u.lon.is_none() {
        (r.lat, r.lon) = (None, None);
    }
    // A datum speaks of the pair it comes with; the stored pair is WGS84.
    if u.lat.is_some() || u.lon.is_some() {
        (r.lat, r.lon, r.datum) = (u.lat, u.lon, u.datum.unwrap_or_default());
    }
    r.start_date = u.start_date.unwrap_or(r.start_date);
    r.end_date = u.end_date.unwrap_or(r.end_date);
    r.enrol_deadline = u.enrol_deadline.or(r.enrol_deadline);
    r.region_code = u.region_code.unwrap_or(r.region_code);
    r.address = u.address.unwrap_or(r.address);
    r.capacity = u.capacity.unwrap_or(r.capacity);
    r.days = u.days.unwrap_or(r.days);
    r.period = u.period.unwrap_or(r.period);
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use Weekday::*;

    fn session(start: &str, end: &str, days: &[Weekday], period: Period) -> SessionDraft {
        SessionDraft {
            start: Day::parse(start).expect("day"),
            end: Day::parse(end).expect("day"),
            enrol_deadline: Day::parse(start).expect("day"),
            region: RegionCode::parse("610902").expect("region"),
            address: String::new(),
            site: Point { lat: 32.7, lon: 109.0 },
            site_approximate: true,
            capacity: 10,
            days: days.to_vec(),
            period,
        }
    }

    #[test]
    fn a_session_update_keeps_absent_fields_and_reads_a_datum_with_its_own_pair_only() {
        let mut stored = session("2026-12-01", "2026-12-20", &[Mon], Period::Evening);
        (stored.site, stored.site_approximate) = (Point { lat: 32.68, lon: 109.02 }, false);
        let base = session_to_request(&stored);
        let datum_alone = apply_session_update(base.clone(), SessionUpdate { datum: Some(Datum::Gcj02), ..SessionUpdate::default() });
        assert_eq!((datum_alone.lat, datum_alone.lon, datum_alone.datum), (Some(32.68), Some(109.02), Datum::Wgs84));
        let moved = apply_session_update(base.clone(), SessionUpdate { region_code: Some("610902001".into()), ..SessionUpdate::default() });
        assert_eq!((moved.lat, moved.lon), (None, None), "a new region without a point takes the region's");
        let later = apply_session_update(base, SessionUpdate { start_date: Some("2026-12-05".into()), ..SessionUpdate::default() });
        assert_eq!((later.enrol_deadline, later.end_date.as_str(), later.capacity), (None, "2026-12-20", 10), "the default deadline follows the start");
    }
}
