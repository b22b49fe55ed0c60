//! A stored session as the API shows it.

use doorstep_shared::api::CourseSession;
use doorstep_shared::types::official_code;

use crate::reference::{Regions, SkillCatalog};
use crate::storage::StoredCourseSession;

pub fn session_response(s: &StoredCourseSession, regions: &Regions, skills: &SkillCatalog) -> CourseSession {
    let d = &s.content;
    CourseSession {
        id: s.id,
        course_id: s.course_id,
        course_title: s.course.title.clone(),
        provider: s.course.provider.clone(),
        skills: s.course.skills.iter().map(ToString::to_string).collect(),
        skill_names: skills.named(&s.course.skills),
        start_date: d.start,
        end_date: d.end,
        enrol_deadline: d.enrol_deadline,
        region_code: d.region.to_string(),
        region_official_code: official_code(&d.region),
        region_name: regions.place_name(d.region.as_ref()),
        address: d.address.clone(),
        lat: d.site.lat,
        lon: d.site.lon,
        site_approximate: d.site_approximate,
        capacity: d.capacity,
        enrolled: s.enrolled,
        free_places: d.capacity.saturating_sub(s.enrolled),
        waitlisted: s.waitlisted,
        days: d.days.clone(),
        period: d.period,
        status: s.status,
        cancel_reason: s.cancel_reason.clone(),
        created_at: s.created_at,
    }
}
