//! Training offers: the upcoming course sessions a person could still join
//! (session open or full, so a place or the waitlist; course published;
//! starting after a day), with the skills the course certifies and who may
//! enrol. A read model for training suggestions; the course storage may
//! fold it in later.

use anyhow::Context;
use doorstep_shared::api::AssistanceCategory;
use doorstep_shared::types::{Day, RegionCode, SkillCode};

use super::{Db, RowDecoder};
use crate::domain::Point;

/// An upcoming session and what its course certifies.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainingOffer {
    pub session_id: i64,
    pub course_id: i64,
    pub course_title: String,
    pub start_date: Day,
    pub region: RegionCode,
    pub point: Point,
    /// The point is the region's, not the site's own.
    pub site_approximate: bool,
    /// Sorted, at least one (a course certifying nothing is no offer).
    pub skills: Vec<SkillCode>,
    /// Who may enrol; empty: anyone.
    pub categories: Vec<AssistanceCategory>,
}

/// One row per session, skill and category.
#[derive(sqlx::FromRow)]
struct OfferRow {
    session_id: i64,
    course_id: i64,
    title: String,
    start_date: String,
    region_code: String,
    lat: f64,
    lon: f64,
    site_approximate: i64,
    skill_code: String,
    category: Option<String>,
}

impl OfferRow {
    fn decode(self) -> anyhow::Result<(TrainingOffer, SkillCode, Option<AssistanceCategory>)> {
        let d = RowDecoder::new("course_sessions", self.session_id);
        let skill = d.skill("skill_code", &self.skill_code)?;
        let category = self.category.as_deref().map(|c| d.spelled("category", c, AssistanceCategory::parse)).transpose()?;
        let offer = TrainingOffer {
            session_id: self.session_id,
            course_id: self.course_id,
            course_title: self.title,
            start_date: d.day("start_date", &self.start_date)?,
            region: d.region("region_code", &self.region_code)?,
            point: Point { lat: self.lat, lon: self.lon },
            site_approximate: d.flag("site_approximate", self.site_approximate)?,
            skills: Vec::new(),
            categories: Vec::new(),
        };
        Ok((offer, skill, category))
    }
}

/// Sessions of published courses, open or full, starting after `today`, earliest first.
#[tracing::instrument(skip_all)]
pub async fn list_training_offers(db: &Db, today: Day) -> anyhow::Result<Vec<TrainingOffer>> {
    let rows = sqlx::query_as::<_, OfferRow>(
        "SELECT s.id AS session_id, s.course_id, c.title, s.start_date, s.region_code, s.lat, s.lon, s.site_approximate, \
         k.skill_code, g.category \
         FROM course_sessions s JOIN courses c ON c.id = s.course_id \
         JOIN course_skills k ON k.course_id = c.id \
         LEFT JOIN course_categories g ON g.course_id = c.id \
         WHERE c.status = 'published' AND s.status IN ('open', 'full') AND s.start_date > $1 \
         ORDER BY s.start_date, s.id, k.skill_code, g.category",
    )
    .bind(today.to_string())
    .fetch_all(db.pool())
    .await
    .context("list training offers")?;
    let mut offers: Vec<TrainingOffer> = Vec::new();
    for row in rows {
        let (offer, skill, category) = row.decode()?;
        if offers.last().is_none_or(|o| o.session_id != offer.session_id) {
            offers.push(offer);
        }
        let last = offers.last_mut().context("an offer was just pushed")?;
        if !last.skills.contains(&skill) {
            last.skills.push(skill);
        }
        if let Some(c) = category.filter(|c| !last.categories.contains(c)) {
            last.categories.push(c);
        }
    }
    Ok(offers)
}
