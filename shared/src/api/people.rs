//! The people registry: beneficiaries and job seekers registered by staff.

use serde::{Deserialize, Deserializer, Serialize};

/// Names an assistance category a person qualifies for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum AssistanceCategory {
    /// 低保: receives the minimum living allowance.
    Dibao,
    /// 特困: extremely poor, supported by the state.
    Tekun,
    /// 建档立卡: registered poor household.
    RegisteredPoor,
    /// 残疾: disabled (grade recorded separately).
    Disabled,
    /// 留守妇女: left-behind woman.
    LeftBehindWoman,
    /// 易地搬迁: relocated household.
    Relocated,
}

/// Names a working pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Schedule {
    /// Full-time.
    FullTime,
    /// Part-time.
    PartTime,
    /// Flexible hours, seasonal or piece work.
    Flexible,
    /// Work done at home.
    HomeBased,
}

/// Records a person's gender as on their ID card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Gender {
    /// Female.
    Female,
    /// Male.
    Male,
}

/// Describes the work a person wants and can do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Preferences {
    /// Farthest commute from home, in km.
    #[serde(default = "default_commute_km")]
    pub max_commute_km: u32,
    /// Whether the person would move for work (transfer employment).
    #[serde(default)]
    pub willing_to_relocate: bool,
    /// Acceptable working patterns; empty means any.
    #[serde(default)]
    pub schedules: Vec<Schedule>,
    /// Lowest acceptable monthly wage, in yuan.
    #[serde(default)]
    pub min_wage: Option<u32>,
    /// Whether the workplace must be accessible.
    #[serde(default)]
    pub needs_accessible: bool,
}

fn default_commute_km() -> u32 {
    30
}

impl Default for Preferences {
    fn default() -> Self {
        Self { max_commute_km: default_commute_km(), willing_to_relocate: false, schedules: Vec::new(), min_wage: None, needs_accessible: false }
    }
}

/// Registers a person (`POST /api/v1/people`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PersonRequest {
    /// Full name.
    pub name: String,
    /// 18-character resident ID-card number; stored encrypted.
    pub id_number: String,
    /// Mobile number.
    pub phone: String,
    /// Gender.
    pub gender: Gender,
    /// Year of birth.
    pub birth_year: u16,
    /// Town or county code of the person's home.
    pub home_region: String,
    /// Home latitude, when the person shared their location ("use my
    /// location", WGS84); without it the home region's point stands in.
    #[serde(default)]
    pub home_lat: Option<f64>,
    /// Home longitude, with `home_lat`.
    #[serde(default)]
    pub home_lon: Option<f64>,
    /// Assistance categories.
    #[serde(default)]
    pub categories: Vec<AssistanceCategory>,
    /// Disability grade 1 (most severe) to 4, when disabled.
    #[serde(default)]
    pub disability_grade: Option<u8>,
    /// Skill codes or any name or synonym of a skill.
    #[serde(default)]
    pub skills: Vec<String>,
    /// Work preferences.
    #[serde(default)]
    pub preferences: Preferences,
    /// Whether the person agreed to be shown to employers.
    #[serde(default)]
    pub consent_to_share: bool,
}

/// Changes some fields of a person (`PATCH /api/v1/people/{id}`); absent fields stay.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PersonUpdate {
    /// Full name.
    #[serde(default)]
    pub name: Option<String>,
    /// 18-character resident ID-card number.
    #[serde(default)]
    pub id_number: Option<String>,
    /// Mobile number.
    #[serde(default)]
    pub phone: Option<String>,
    /// Gender.
    #[serde(default)]
    pub gender: Option<Gender>,
    /// Year of birth.
    #[serde(default)]
    pub birth_year: Option<u16>,
    /// Town or county code of the person's home.
    #[serde(default)]
    pub home_region: Option<String>,
    /// Assistance categories (replaces the list).
    #[serde(default)]
    pub categories: Option<Vec<AssistanceCategory>>,
    /// Disability grade; `null` clears it.
    #[serde(default, deserialize_with = "present")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<u8>))]
    pub disability_grade: Option<Option<u8>>,
    /// Skills (replaces the list).
    #[serde(default)]
    pub skills: Option<Vec<String>>,
    /// Work preferences (replaces them).
    #[serde(default)]
    pub preferences: Option<Preferences>,
    /// Consent to be shown to employers.
    #[serde(default)]
    pub consent_to_share: Option<bool>,
    /// The categories the person claims and staff have not verified yet
    /// (replaces the list; `[]` dismisses every claim). Categories set in
    /// `categories` count as verified and leave the claims.
    #[serde(default)]
    pub claimed_categories: Option<Vec<AssistanceCategory>>,
    /// Whether the person gets no push SMS (opted out, by reply or in person).
    #[serde(default)]
    pub sms_opt_out: Option<bool>,
}

/// A seeker's own profile (`PUT /api/v1/me/profile`): creates or updates the
/// person record linked to their account. The phone is the account's.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProfileRequest {
    /// Full name.
    pub name: String,
    /// 18-character resident ID-card number, stored encrypted; needed the
    /// first time, afterwards absent or blank keeps the number on record.
    #[serde(default)]
    pub id_number: Option<String>,
    /// Gender.
    pub gender: Gender,
    /// Year of birth; must agree with the ID-card number.
    pub birth_year: u16,
    /// Home region code (village, town or county).
    pub home_region: String,
    /// Home latitude, when the person shared their location ("use my
    /// location", WGS84); without it the home region's point stands in.
    #[serde(default)]
    pub home_lat: Option<f64>,
    /// Home longitude, with `home_lat`.
    #[serde(default)]
    pub home_lon: Option<f64>,
    /// Assistance categories the seeker claims; they count only once staff verify them.
    #[serde(default)]
    pub claimed_categories: Vec<AssistanceCategory>,
    /// Disability grade 1 to 4, with a claimed or verified disabled category.
    #[serde(default)]
    pub disability_grade: Option<u8>,
    /// Skill codes or any name or synonym of a skill.
    #[serde(default)]
    pub skills: Vec<String>,
    /// Work preferences.
    #[serde(default)]
    pub preferences: Preferences,
    /// Whether employers may see the seeker (masked) and invite them.
    #[serde(default)]
    pub consent_to_share: bool,
    /// "No SMS": whether the seeker wants no push SMS; absent keeps the setting.
    #[serde(default)]
    pub sms_opt_out: Option<bool>,
}

/// Tells a present `null` (clear) from an absent field (keep).
fn present<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

/// Describes a registered person; the ID-card number is always masked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonResponse {
    /// The person's id.
    pub id: i64,
    /// Full name.
    pub name: String,
    /// Masked ID-card number, for example `610902********1234`.
    pub id_number_masked: String,
    /// Mobile number.
    pub phone: String,
    /// Gender.
    pub gender: Gender,
    /// Year of birth.
    pub birth_year: u16,
    /// Home region code (canonical form).
    pub home_region: String,
    /// Home region's official code (six or twelve digits).
    pub home_region_official_code: String,
    /// Home region's Chinese name.
    pub home_region_name: String,
    /// Home latitude the person shared; `null`: the region's point is used.
    #[serde(default)]
    pub home_lat: Option<f64>,
    /// Home longitude the person shared.
    #[serde(default)]
    pub home_lon: Option<f64>,
    /// Assistance categories verified by staff: the ones that count.
    pub categories: Vec<AssistanceCategory>,
    /// Categories the person claimed that staff have not verified yet.
    #[serde(default)]
    pub claimed_categories: Vec<AssistanceCategory>,
    /// Disability grade.
    pub disability_grade: Option<u8>,
    /// Skill codes.
    pub skills: Vec<String>,
    /// The skills a certificate proves (the rest are self-declared), with its number.
    #[serde(default)]
    pub certified_skills: Vec<CertifiedSkill>,
    /// Work preferences.
    pub preferences: Preferences,
    /// Consent to be shown to employers.
    pub consent_to_share: bool,
    /// Whether the person gets no push SMS (opted out).
    #[serde(default)]
    pub sms_opt_out: bool,
    /// When registered, seconds since the Unix epoch.
    pub created_at: i64,
    /// When last changed, seconds since the Unix epoch.
    pub updated_at: i64,
}

/// A skill of a person's that a training certificate proves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CertifiedSkill {
    /// Skill code.
    pub code: String,
    /// The certificate's number.
    pub certificate_number: String,
}

/// Lists people matching a filter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PeoplePage {
    /// The people on this page.
    pub items: Vec<PersonResponse>,
    /// Number of matching people in all.
    pub total: i64,
    /// Page number, from 1.
    pub page: u32,
    /// Page size.
    pub per_page: u32,
}

/// Carries a full ID-card number to a staff member with rights; the read is audited.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RevealResponse {
    /// The person's id.
    pub person_id: i64,
    /// The full ID-card number.
    pub id_number: String,
}
