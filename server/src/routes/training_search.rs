//! `GET /api/v1/training-sessions`: anyone searches upcoming course sessions
//! by words, place, skill, timetable, start date and distance.

use std::sync::Arc;

use actix_web::web;
use doorstep_shared::api::{Datum, ErrorCode, Period, SessionSearchItem, SessionSearchPage, Weekday};
use doorstep_shared::types::Day;
use serde::Deserialize;

use crate::clock::today;
use crate::domain::{choose_point, round_km};
use crate::error::ApiError;
use crate::reference::{Regions, SkillCatalog};
use crate::routes::paging::Paging;
use crate::routes::skills::skill_filter;
use crate::search::{CourseIndex, CourseSearch};
use crate::storage::{course_session_docs_by_ids, CourseSessionDoc, Db};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct SessionsQuery {
    /// Words, Chinese or English ("缝纫", "做衣服", "sewing").
    q: Option<String>,
    /// Region code in any official form: only sessions held inside it.
    region: Option<String>,
    /// Skill code or any name or synonym: only courses that certify it.
    skill: Option<String>,
    period: Option<Period>,
    /// Only sessions meeting on this weekday.
    day: Option<Weekday>,
    /// Only sessions starting on or after this day.
    from: Option<Day>,
    /// Only sessions starting on or before this day.
    to: Option<Day>,
    /// A point (WGS84): distances are measured from it and the nearest come first.
    lat: Option<f64>,
    lon: Option<f64>,
    /// Only sessions within this many km of lat/lon.
    km: Option<f64>,
    /// Also sessions without free places (they offer a waitlist).
    include_full: Option<bool>,
    page: Option<u32>,
    per_page: Option<u32>,
}

fn bad(field: &str, message: impl Into<String>) -> ApiError {
    ApiError::with_fields(ErrorCode::InvalidParameter, message, &[field])
}

/// Searches sessions of published courses that start after today (and have
/// free places, unless `include_full`).
#[utoipa::path(get, path = "/api/v1/training-sessions", tag = "training", params(SessionsQuery),
    responses((status = 200, body = SessionSearchPage), (status = 400, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all)]
pub async fn search_training_sessions(
    query: web::Query<SessionsQuery>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    skills: web::Data<SkillCatalog>,
    index: web::Data<CourseIndex>,
) -> Result<web::Json<SessionSearchPage>, ApiError> {
    let q = query.into_inner();
    let paging = Paging::parse(q.page, q.per_page, 20, 100)?;
    let request = course_search(&q, &regions, &skills, paging)?;
    let result = Arc::clone(&index.clone().into_inner()).search(request).await?;
    let ids: Vec<i64> = result.hits.iter().map(|h| h.session_id).collect();
    let stored = course_session_docs_by_ids(&db, &ids).await?;
    // Keep the search order; skip any removed between index and database read.
    let items = result.hits.iter().filter_map(|h| stored.iter().find(|s| s.id == h.session_id).map(|s| item(s, &regions, h.distance_km))).collect();
    Ok(web::Json(SessionSearchPage { items, total: result.total as u64, page: paging.page, per_page: paging.per_page }))
}

/// The checked query as a search request.
fn course_search(q: &SessionsQuery, regions: &Regions, skills: &SkillCatalog, paging: Paging) -> Result<CourseSearch, ApiError> {
    let region = q.region.as_deref().map(|raw| regions.read(|t| t.resolve(raw)).map_err(|e| bad("region", e))).transpose()?;
    let skill = q.skill.as_deref().map(|raw| skill_filter(skills, raw)).transpose()?;
    let near = choose_point(q.lat, q.lon, Datum::Wgs84, || None).map_err(|(_, message)| bad("lat", message))?;
    if let Some(km) = q.km {
        if near.is_none() {
            return Err(bad("km", "a distance needs lat and lon"));
        }
        if !(km.is_finite() && km > 0.0) {
            return Err(bad("km", "km must be a positive number"));
        }
    }
    if let (Some(from), Some(to)) = (q.from, q.to) {
        if to < from {
            return Err(bad("to", "to is before from"));
        }
    }
    let text = q.q.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(String::from);
    let mentioned = text.as_deref().map(|t| skills.mentioned_in(t)).unwrap_or_default();
    Ok(CourseSearch {
        mentioned: mentioned.into_iter().map(String::from).collect(),
        text,
        region: region.map(|r| r.to_string()),
        skill: skill.map(String::from),
        period: q.period,
        day: q.day,
        starts_after: Some(today()),
        from: q.from,
        to: q.to,
        near,
        within_km: q.km,
        include_full: q.include_full == Some(true),
        offset: paging.offset() as usize,
        limit: paging.limit() as usize,
    })
}

fn item(s: &CourseSessionDoc, regions: &Regions, distance_km: Option<f64>) -> SessionSearchItem {
    SessionSearchItem {
        session_id: s.id,
        course_id: s.course_id,
        title: s.title.clone(),
        provider: s.provider.clone(),
        region: s.region.to_string(),
        region_name: regions.place_name(s.region.as_ref()),
        start_date: s.start_date,
        end_date: s.end_date,
        days: s.days.clone(),
        period: s.period,
        free_places: u32::try_from(s.free_places()).unwrap_or(u32::MAX),
        distance_km: distance_km.map(round_km),
    }
}
