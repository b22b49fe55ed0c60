//! Between wire, domain and storage forms of a posting.

use doorstep_shared::api::{PhysicalDemand, PostingResponse, PostingStatus, Schedule};
use doorstep_shared::types::RegionCode;

use crate::domain::{format_day, parse_day, Point, PostingDraft};
use crate::reference::Regions;
use crate::storage::{PostingValues, StoredPosting};

pub fn posting_values(d: &PostingDraft) -> PostingValues {
    PostingValues {
        employer_id: d.employer_id,
        title: d.title.clone(),
        description: d.description.clone(),
        region_code: d.region.to_string(),
        lat: d.site.lat,
        lon: d.site.lon,
        wage_min: i64::from(d.wage_min),
        wage_max: i64::from(d.wage_max),
        headcount: i64::from(d.headcount),
        schedule: d.schedule.as_str(),
        accommodation: d.accommodation,
        physical_demand: d.physical_demand.as_str(),
        accessible: d.accessible,
        valid_until: format_day(d.valid_until),
        skills: d.skills.clone(),
    }
}

pub fn posting_response(p: &StoredPosting, regions: &Regions, from: Option<Point>) -> PostingResponse {
    let r = &p.row;
    let site = Point { lat: r.lat, lon: r.lon };
    PostingResponse {
        id: r.id,
        employer_id: r.employer_id,
        employer_name: r.employer_name.clone(),
        title: r.title.clone(),
        description: r.description.clone(),
        region_code: r.region_code.clone(),
        region_name: regions.place_name(&r.region_code),
        lat: r.lat,
        lon: r.lon,
        skills: p.skills.clone(),
        wage_min: r.wage_min as u32,
        wage_max: r.wage_max as u32,
        headcount: r.headcount as u32,
        hired: r.hired as u32,
        schedule: Schedule::parse(&r.schedule).unwrap_or(Schedule::FullTime),
        accommodation: r.accommodation != 0,
        physical_demand: PhysicalDemand::parse(&r.physical_demand).unwrap_or(PhysicalDemand::Heavy),
        accessible: r.accessible != 0,
        valid_until: r.valid_until.clone(),
        status: PostingStatus::parse(&r.status).unwrap_or(PostingStatus::Closed),
        review_note: r.review_note.clone(),
        distance_km: from.map(|f| (f.distance_km(&site) * 10.0).round() / 10.0),
        created_at: r.created_at,
    }
}

/// The domain form of a stored posting, for updates.
pub fn posting_draft(p: &StoredPosting) -> anyhow::Result<PostingDraft> {
    let r = &p.row;
    Ok(PostingDraft {
        employer_id: r.employer_id,
        title: r.title.clone(),
        description: r.description.clone(),
        region: RegionCode::parse(&r.region_code).map_err(anyhow::Error::msg)?,
        site: Point { lat: r.lat, lon: r.lon },
        skills: p.skills.clone(),
        wage_min: r.wage_min as u32,
        wage_max: r.wage_max as u32,
        headcount: r.headcount as u32,
        schedule: Schedule::parse(&r.schedule).ok_or_else(|| anyhow::anyhow!("corrupt schedule"))?,
        accommodation: r.accommodation != 0,
        physical_demand: PhysicalDemand::parse(&r.physical_demand).ok_or_else(|| anyhow::anyhow!("corrupt demand"))?,
        accessible: r.accessible != 0,
        valid_until: parse_day(&r.valid_until).map_err(anyhow::Error::msg)?,
    })
}
