//! A stored posting as the API shows it.

use doorstep_shared::api::PostingResponse;
use doorstep_shared::types::official_code;

use crate::domain::{nearness, round_km, Place};
use crate::reference::{Regions, SkillCatalog};
use crate::storage::StoredPosting;

pub fn posting_response(p: &StoredPosting, regions: &Regions, skills: &SkillCatalog, from: Option<&Place>) -> PostingResponse {
    let c = &p.content;
    let site = Place { point: c.site, region: Some(c.region.clone()), approximate: c.site_approximate };
    let apart = from.map(|home| nearness(home, &site));
    PostingResponse {
        id: p.id,
        employer_id: c.employer_id,
        employer_name: p.employer_name.clone(),
        title: c.title.clone(),
        description: c.description.clone(),
        region_code: c.region.to_string(),
        region_official_code: official_code(&c.region),
        region_name: regions.place_name(c.region.as_ref()),
        lat: c.site.lat,
        lon: c.site.lon,
        site_approximate: c.site_approximate,
        skills: c.skills.iter().map(ToString::to_string).collect(),
        skill_names: skills.named(&c.skills),
        wage_min: c.wage_min,
        wage_max: c.wage_max,
        headcount: c.headcount,
        hired: p.hired,
        schedule: c.schedule,
        accommodation: c.accommodation,
        physical_demand: c.physical_demand,
        accessible: c.accessible,
        valid_until: c.valid_until,
        status: p.status,
        review_note: p.review_note.clone(),
        distance_km: apart.and_then(|a| a.km).map(round_km),
        nearness: apart.and_then(|a| a.nearness),
        created_at: p.created_at,
    }
}
