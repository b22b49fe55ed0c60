//! `GET /api/v1/postings/{id}/candidates`: which people fit a posting. The
//! same rules as matching, asked from the other side: each person's own hard
//! constraints must hold for this posting. A person the jurisdiction favours
//! (`domain::priority`) ranks higher for employers too, but only staff read
//! why: the reason would name the person's category.

use actix_web::web;
use doorstep_shared::api::{CandidateItem, CandidatesResponse, Role};
use doorstep_shared::types::official_code;

use crate::auth::CurrentUser;
use crate::domain::{mask_name, round_km, round_score, Audience};
use crate::error::ApiError;
use crate::matcher::{load_priorities, rank_people, RankedPerson};
use crate::reference::{Regions, SkillCatalog};
use crate::routes::postings::managed_posting;
use crate::storage::{candidate_people, Db};

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
    let people = candidate_people(&db, &prefix, &posting.content.skills, is_employer, POOL).await?;
    let audience = if is_employer { Audience::Employer } else { Audience::Staff };
    let priorities = load_priorities(&db).await?;
    let ranked = rank_people(&posting, people, &regions, &skills, &priorities, SHOWN, audience);
    let candidates = ranked.people.into_iter().map(|r| item(r, is_employer, &regions, &skills)).collect();
    Ok(web::Json(CandidatesResponse { candidates }))
}

fn item(r: RankedPerson, masked: bool, regions: &Regions, catalog: &SkillCatalog) -> CandidateItem {
    let p = r.person;
    let (name, phone, categories) = if masked {
        let phone = if p.phone.len() == 11 { format!("{}****{}", &p.phone[..3], &p.phone[7..]) } else { "****".into() };
        (mask_name(&p.name), phone, Vec::new())
    } else {
        (p.name, p.phone, p.categories)
    };
    CandidateItem {
        person_id: p.id,
        name,
        phone,
        birth_year: p.birth_year,
        home_region_name: regions.place_name(p.home_region.as_ref()),
        home_region: p.home_region.to_string(),
        home_region_official_code: official_code(&p.home_region),
        skills: p.skills.iter().map(ToString::to_string).collect(),
        skill_names: catalog.named(&p.skills),
        categories,
        score: round_score(r.scored.score),
        distance_km: r.scored.distance_km.map(round_km),
        nearness: r.scored.nearness,
        reasons: r.reasons,
    }
}
