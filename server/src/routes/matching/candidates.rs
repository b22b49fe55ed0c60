//! `GET /api/v1/postings/{id}/candidates`: which people fit a posting. The
//! same rules as matching, asked from the other side: each person's own hard
//! constraints must hold for this posting.

use actix_web::web;
use doorstep_shared::api::{AssistanceCategory, CandidateItem, CandidatesResponse, Reason, Role};

use super::profile::profile_of_person;
use crate::auth::CurrentUser;
use crate::domain::{parse_day, reasons, score, today, violation, Candidate, Point};
use crate::error::ApiError;
use crate::reference::{Regions, SkillCatalog};
use crate::routes::postings::managed_posting;
use crate::storage::{candidate_people, Db, StoredPerson};

const POOL: i64 = 5_000;
const SHOWN: usize = 20;

/// Candidates, best first: for employers only consenting people, masked; for
/// staff everyone in their jurisdiction.
#[utoipa::path(get, path = "/api/v1/postings/{id}/candidates", tag = "matching",
    responses((status = 200, body = CandidatesResponse), (status = 404, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = user.id, posting_id = *path))]
pub async fn posting_candidates(
    user: CurrentUser,
    path: web::Path<i64>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    skills: web::Data<SkillCatalog>,
) -> Result<web::Json<CandidatesResponse>, ApiError> {
    let posting = managed_posting(&user, &db, *path).await?;
    let is_employer = user.role == Role::Employer;
    let prefix = match user.role {
        Role::Staff => user.region.as_ref().map(|r| r.to_string()).unwrap_or_default(),
        _ => String::new(),
    };
    let r = &posting.row;
    let candidate = Candidate {
        posting_id: r.id,
        skills: posting.skills.clone(),
        site: Point { lat: r.lat, lon: r.lon },
        wage_min: r.wage_min as u32,
        wage_max: r.wage_max as u32,
        schedule: doorstep_shared::api::Schedule::parse(&r.schedule).unwrap_or(doorstep_shared::api::Schedule::FullTime),
        accommodation: r.accommodation != 0,
        accessible: r.accessible != 0,
        physical_demand: doorstep_shared::api::PhysicalDemand::parse(&r.physical_demand).unwrap_or(doorstep_shared::api::PhysicalDemand::Heavy),
        valid_until: parse_day(&r.valid_until).unwrap_or(0),
        text: 0.0,
    };
    let people = candidate_people(&db, &prefix, &posting.skills, is_employer, POOL).await?;
    let day = today();
    let names = |code: &str| skills.names(code);
    let mut scored = Vec::new();
    for person in people {
        let profile = profile_of_person(&person, &regions)?;
        if violation(&profile, &candidate, day).is_some() {
            continue;
        }
        scored.push((score(&profile, &candidate), profile, person));
    }
    scored.sort_by(|a, b| b.0.score.total_cmp(&a.0.score).then(a.2.row.id.cmp(&b.2.row.id)));
    scored.truncate(SHOWN);
    let candidates = scored
        .into_iter()
        .map(|(s, profile, p)| item(p, s, reasons(&profile, &candidate, &names), is_employer, &regions))
        .collect();
    Ok(web::Json(CandidatesResponse { candidates }))
}

fn item(p: StoredPerson, s: crate::domain::Scored, reasons: Vec<Reason>, masked: bool, regions: &Regions) -> CandidateItem {
    let r = p.row;
    let (name, phone, categories) = if masked {
        let surname: String = r.name.chars().take(1).collect();
        let phone = if r.phone.len() == 11 { format!("{}****{}", &r.phone[..3], &r.phone[7..]) } else { "****".into() };
        (format!("{surname}**"), phone, Vec::new())
    } else {
        (r.name, r.phone, p.categories.iter().filter_map(|c| AssistanceCategory::parse(c)).collect())
    };
    CandidateItem {
        person_id: r.id,
        name,
        phone,
        birth_year: r.birth_year as u16,
        home_region_name: regions.place_name(&r.home_region),
        home_region: r.home_region,
        skills: p.skills,
        categories,
        score: (s.score * 1000.0).round() / 1000.0,
        distance_km: s.distance_km.map(|d| (d * 10.0).round() / 10.0),
        reasons,
    }
}
