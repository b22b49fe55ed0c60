//! Matching people to postings, with a reason for every match.

use serde::{Deserialize, Serialize};

use super::{PhysicalDemand, Schedule};

/// Describes the person to match (`POST /api/v1/match`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MatchRequest {
    /// Skills: codes or any name, synonym or word for one; a word that names
    /// no skill clearly is matched as text and listed in `unresolved`.
    #[serde(default)]
    pub skills: Vec<String>,
    /// Free text of what the person wants ("想在家门口做衣服").
    #[serde(default)]
    pub text: Option<String>,
    /// Home region (county, town or village code).
    #[serde(default)]
    pub region_code: Option<String>,
    /// Home latitude (more precise than the region).
    #[serde(default)]
    pub lat: Option<f64>,
    /// Home longitude.
    #[serde(default)]
    pub lon: Option<f64>,
    /// Datum of `lat`/`lon`; default `wgs84`.
    #[serde(default)]
    pub datum: super::Datum,
    /// Farthest commute, km.
    #[serde(default = "default_commute")]
    pub max_commute_km: f64,
    /// Whether the person would move for work.
    #[serde(default)]
    pub willing_to_relocate: bool,
    /// Acceptable schedules; absent means any.
    #[serde(default)]
    pub schedules: Option<Vec<Schedule>>,
    /// Lowest acceptable monthly wage, yuan.
    #[serde(default)]
    pub min_wage: Option<u32>,
    /// Only accessible workplaces.
    #[serde(default)]
    pub needs_accessible: bool,
    /// Heaviest acceptable work.
    #[serde(default = "default_demand")]
    pub max_physical_demand: PhysicalDemand,
    /// Matches to return, 1 to 100.
    #[serde(default = "default_limit")]
    pub limit: u32,
}

fn default_commute() -> f64 {
    30.0
}

fn default_demand() -> PhysicalDemand {
    PhysicalDemand::Heavy
}

fn default_limit() -> u32 {
    10
}

/// Names what a reason speaks about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ReasonKind {
    /// Skills the person has that the posting needs.
    Skill,
    /// Skills the posting needs that a training certificate of the person's proves ("持证：缝纫工").
    CertifiedSkill,
    /// Distance from home.
    Distance,
    /// Wage against what the person wants.
    Wage,
    /// Working pattern.
    Schedule,
    /// Accessible workplace.
    Accessible,
    /// Housing for people who move.
    Accommodation,
    /// Words of the person's request found in the posting.
    Text,
    /// A category staff chose to favour.
    Priority,
}

/// How near a site is to home by the administrative divisions, nearest
/// first: what is said instead of kilometres when either end's point is
/// approximate (a town or village that carries its county's point).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Nearness {
    /// 同村: the same village.
    SameVillage,
    /// 同镇: the same town (or street office).
    SameTown,
    /// 同县: the same county.
    SameCounty,
    /// 邻县: a county bordering the home county.
    NeighbouringCounty,
    /// 更远: farther away.
    Farther,
}

/// Explains one part of a match, in Chinese and English.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reason {
    /// What the reason is about.
    pub kind: ReasonKind,
    /// Plain Chinese, for example "会缝纫".
    pub detail: String,
    /// Plain English, for example "has sewing".
    pub detail_en: String,
}

/// Tells whether a matched posting meets what the person asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum MatchFit {
    /// It needs a skill the person named, or its text matches their words,
    /// or the person asked for nothing in particular.
    Match,
    /// It fits the person's constraints but meets none of what they asked
    /// for: shown apart, after every real match ("其他附近岗位").
    Other,
}

/// Describes one matched posting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MatchItem {
    /// The posting.
    pub posting_id: i64,
    /// Its title.
    pub title: String,
    /// The employer's name.
    pub employer: String,
    /// Site region code (canonical form).
    pub region_code: String,
    /// Site region name (county and town).
    pub region_name: String,
    /// Whether it meets what the person asked for; every `match` comes before every `other`.
    pub fit: MatchFit,
    /// Site region's official code (six or twelve digits).
    pub region_official_code: String,
    /// Overall score in [0, 1]; higher is better.
    pub score: f64,
    /// Great-circle km from home, only when both home and site are real
    /// points; `null` when either is approximate (see `nearness`).
    pub distance_km: Option<f64>,
    /// The administrative relation of the site to home, when home has a region.
    #[serde(default)]
    pub nearness: Option<Nearness>,
    /// Lowest monthly wage.
    pub wage_min: u32,
    /// Highest monthly wage.
    pub wage_max: u32,
    /// Working pattern.
    pub schedule: Schedule,
    /// Why this posting fits.
    pub reasons: Vec<Reason>,
}

/// Lists matches, best first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MatchResponse {
    /// The matches.
    pub matches: Vec<MatchItem>,
    /// Skill words of the request that named no skill clearly: they were
    /// matched as text instead (like `text`), not refused.
    #[serde(default)]
    pub unresolved: Vec<String>,
}

/// Describes a person who fits a posting (`GET /api/v1/postings/{id}/candidates`).
/// Employers see only people who consented, with name and phone masked and no
/// assistance categories; staff see their jurisdiction in full.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CandidateItem {
    /// The person's id.
    pub person_id: i64,
    /// Name (masked for employers: 王**).
    pub name: String,
    /// Phone (masked for employers: 138****1234).
    pub phone: String,
    /// Year of birth.
    pub birth_year: u16,
    /// Home region code (canonical form).
    pub home_region: String,
    /// Home region's official code (six or twelve digits).
    pub home_region_official_code: String,
    /// Home region name.
    pub home_region_name: String,
    /// Skill codes.
    pub skills: Vec<String>,
    /// The same skills with their names, in the same order.
    pub skill_names: Vec<super::SkillName>,
    /// Assistance categories; empty for employers.
    pub categories: Vec<super::AssistanceCategory>,
    /// Overall fit in [0, 1].
    pub score: f64,
    /// Km from home to the site, only when both are real points; `null`
    /// when either is approximate (see `nearness`).
    pub distance_km: Option<f64>,
    /// The administrative relation of the site to the person's home.
    #[serde(default)]
    pub nearness: Option<Nearness>,
    /// Why the person fits.
    pub reasons: Vec<Reason>,
}

/// Lists candidates, best first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CandidatesResponse {
    /// The candidates.
    pub candidates: Vec<CandidateItem>,
}
