//! Training suggestions: the upcoming course sessions whose skills would open
//! the most postings a person does not match today ("学缝纫 → 附近多 12 个岗位").

use serde::{Deserialize, Serialize};

use crate::api::{Nearness, SkillName};

/// Says how far the counted postings lie, so the client words the reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum SuggestionReach {
    /// Within the person's commute ("附近", within `commute_km`).
    WithinCommute,
    /// Anywhere: the person is willing to relocate.
    Anywhere,
}

/// Why a session is suggested: the postings its skills add, and where.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SuggestionReason {
    /// Where the postings were counted.
    pub reach: SuggestionReach,
    /// The person's commute limit, km (for `within_commute`).
    pub commute_km: u32,
    /// The skills taught that the person lacks.
    pub new_skills: Vec<SkillName>,
}

/// A posting the training would open, as an example.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExamplePosting {
    /// The posting.
    pub id: i64,
    /// Its title.
    pub title: String,
    /// The employer's name.
    pub employer: String,
    /// Site region name.
    pub region_name: String,
}

/// One suggested course session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrainingSuggestion {
    /// The course session.
    pub session_id: i64,
    /// Its course.
    pub course_id: i64,
    /// The course title.
    pub course_title: String,
    /// Skills the course certifies.
    pub skills: Vec<SkillName>,
    /// First day, `YYYY-MM-DD`.
    pub start_date: String,
    /// Where the session is held (region name).
    pub region_name: String,
    /// Great-circle km from home, only when both points are real.
    pub distance_km: Option<f64>,
    /// The relation of the session's place to home.
    pub nearness: Option<Nearness>,
    /// Open postings the course's skills would add to the person's matches.
    pub additional_postings: u32,
    /// The nearest of them.
    pub example_posting: ExamplePosting,
    /// What the client words the suggestion from.
    pub reason: SuggestionReason,
}

/// Up to five suggestions, the most postings opened first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrainingSuggestionList {
    /// The suggestions.
    pub items: Vec<TrainingSuggestion>,
}
