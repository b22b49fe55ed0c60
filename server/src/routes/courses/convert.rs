//! A stored course as the API shows it.

use doorstep_shared::api::Course;
use doorstep_shared::types::official_code;

use crate::reference::{Regions, SkillCatalog};
use crate::storage::StoredCourse;

pub fn course_response(c: &StoredCourse, regions: &Regions, skills: &SkillCatalog) -> Course {
    let d = &c.content;
    Course {
        id: c.id,
        title: d.title.clone(),
        provider: d.provider.clone(),
        provider_kind: d.provider_kind,
        description: d.description.clone(),
        region_code: d.region.to_string(),
        region_official_code: official_code(&d.region),
        region_name: regions.place_name(d.region.as_ref()),
        skills: d.skills.iter().map(ToString::to_string).collect(),
        skill_names: skills.named(&d.skills),
        hours: d.hours,
        subsidy_yuan: d.subsidy_yuan,
        categories: d.categories.clone(),
        status: c.status,
        session_count: c.session_count,
        open_session_count: c.open_session_count,
        created_at: c.created_at,
    }
}
