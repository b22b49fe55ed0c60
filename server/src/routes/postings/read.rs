//! `GET /api/v1/postings` (search) and `GET /api/v1/postings/{id}`.

use std::sync::Arc;

use actix_web::web;
use doorstep_shared::api::{Datum, ErrorCode, PostingPage, PostingResponse, PostingStatus, Role, Schedule};
use serde::Deserialize;

use super::posting_response;
use crate::auth::{manages_employer, CurrentUser};
use crate::clock::today;
use crate::domain::{choose_point, place_from, region_point, Reach};
use crate::error::ApiError;
use crate::matcher::home_of;
use crate::reference::{Regions, SkillCatalog};
use crate::routes::skills::skill_filter;
use crate::search::{Filters, PostingIndex, Ranking, Relevance, SearchRequest};
use crate::storage::{get_person, get_posting, linked_person_id, postings_by_ids, Db};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct PostingsQuery {
    /// Words, Chinese or English ("缝纫", "做衣服", "sewing").
    q: Option<String>,
    /// Region code: only postings sited inside it.
    region: Option<String>,
    schedule: Option<Schedule>,
    /// Only postings paying at least this much (their wage_max).
    min_wage: Option<u32>,
    accessible: Option<bool>,
    accommodation: Option<bool>,
    /// Skill code or any name or synonym.
    skill: Option<String>,
    /// `relevance` (default), `distance` (needs lat/lon or region) or `newest`.
    sort: Option<String>,
    lat: Option<f64>,
    lon: Option<f64>,
    /// Datum of `lat`/`lon`: `wgs84` (default) or `gcj02`.
    datum: Option<String>,
    page: Option<u32>,
    per_page: Option<u32>,
}

fn bad(field: &str, message: impl Into<String>) -> ApiError {
    ApiError::with_fields(ErrorCode::InvalidParameter, message, &[field])
}

/// The `datum` query parameter (default WGS84), refused naming it.
fn datum_param(raw: Option<&str>) -> Result<Datum, ApiError> {
    match raw {
        Some(raw) => Datum::parse(raw).ok_or_else(|| bad("datum", format!("unknown datum {raw:?}: wgs84 or gcj02"))),
        None => Ok(Datum::Wgs84),
    }
}

/// Searches open, unexpired postings.
#[utoipa::path(get, path = "/api/v1/postings", tag = "postings", params(PostingsQuery),
    responses((status = 200, body = PostingPage), (status = 400, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all)]
pub async fn search_postings(
    query: web::Query<PostingsQuery>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    skills: web::Data<SkillCatalog>,
    index: web::Data<PostingIndex>,
) -> Result<web::Json<PostingPage>, ApiError> {
    let q = query.into_inner();
    let page = q.page.unwrap_or(1);
    let per_page = q.per_page.unwrap_or(20);
    if page == 0 || page > 500 {
        return Err(bad("page", "page must be 1 to 500"));
    }
    if !(1..=100).contains(&per_page) {
        return Err(bad("per_page", "per_page must be 1 to 100"));
    }
    let region = match &q.region {
        Some(raw) => Some(regions.read(|t| t.resolve(raw)).map_err(|e| bad("region", e))?),
        None => None,
    };
    let skill = match &q.skill {
        Some(raw) => Some(skill_filter(&skills, raw)?),
        None => None,
    };
    // The query string names its point "lat" whichever half is wrong.
    let point = choose_point(q.lat, q.lon, datum_param(q.datum.as_deref())?, || region.as_ref().and_then(|r| regions.read(|t| region_point(t, r))))
        .map_err(|(_, message)| bad("lat", message))?;
    let near = point;
    // Where the search is made from: a real point, or the region's (approximate for a town).
    let from = point.map(|point| regions.read(|t| place_from(t, point, q.lat.is_some(), region.clone())));
    // Admits everything; orders an approximate end by its relation, not a made-up 0 km.
    let reach = from.as_ref().and_then(|home| regions.read(|t| Reach::new(home, f64::INFINITY, t)));
    let ranking = match q.sort.as_deref().unwrap_or("relevance") {
        "relevance" => Ranking::Relevance,
        "distance" if near.is_some() => Ranking::Distance,
        "distance" => return Err(bad("sort", "sorting by distance needs lat/lon or a region")),
        "newest" => Ranking::Newest,
        other => return Err(bad("sort", format!("unknown sort {other:?}: relevance, distance or newest"))),
    };
    let text = q.q.map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
    let mentioned = text.as_deref().map(|t| skills.mentioned_in(t)).unwrap_or_default();
    let request = SearchRequest {
        filters: Filters {
            valid_on: today().unix_days(),
            region: region.map(|r| r.to_string()),
            reach,
            min_wage: q.min_wage,
            accessible_only: q.accessible == Some(true),
            accommodation_only: q.accommodation == Some(true),
            schedules: q.schedule.map(|s| vec![s]),
            skill: skill.map(String::from),
            ..Filters::default()
        },
        relevance: Relevance { skills: mentioned.into_iter().map(String::from).collect(), certified: Vec::new(), text },
        // With words, relevance leads; without, nearness from the region.
        ranking,
        near: if ranking == Ranking::Newest { None } else { near },
        distance_scale_km: 20.0,
        offset: ((page - 1) * per_page) as usize,
        limit: per_page as usize,
        fill_below: 0,
        with_text: false,
    };
    let result = Arc::clone(&index.clone().into_inner()).search(request).await?;
    let ids: Vec<i64> = result.hits.iter().map(|h| h.posting.id).collect();
    let stored = postings_by_ids(&db, &ids).await?;
    // Keep the search order; skip any closed between index and database read.
    let mut items = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(p) = stored.iter().find(|p| p.id == id && p.status == PostingStatus::Open) {
            items.push(posting_response(p, &regions, &skills, from.as_ref()));
        }
    }
    Ok(web::Json(PostingPage { items, total: result.total as u64, page, per_page }))
}

/// One posting: open ones for everyone, others for those who manage them.
#[utoipa::path(get, path = "/api/v1/postings/{id}", tag = "postings",
    responses((status = 200, body = PostingResponse), (status = 404, body = doorstep_shared::api::ApiErrorBody)))]
pub async fn get_posting_handler(
    user: Option<CurrentUser>,
    path: web::Path<i64>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    skills: web::Data<SkillCatalog>,
) -> Result<web::Json<PostingResponse>, ApiError> {
    let posting = get_posting(&db, *path).await?;
    let visible =
        posting.status == PostingStatus::Open || user.as_ref().is_some_and(|u| manages_employer(u, posting.content.employer_id, &posting.employer_region));
    if !visible {
        return Err(ApiError::not_found("posting"));
    }
    // A seeker with a profile reads how near the site is to their home.
    let home = match user.as_ref().filter(|u| u.role == Role::Seeker) {
        Some(u) => match linked_person_id(&db, u.id).await? {
            Some(id) => home_of(&get_person(&db, id).await?, &regions),
            None => None,
        },
        None => None,
    };
    Ok(web::Json(posting_response(&posting, &regions, &skills, home.as_ref())))
}
