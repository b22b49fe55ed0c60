//! Login, self-registration and the current user.

use serde::{Deserialize, Serialize};

/// Identifies what a user may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Role {
    /// A job seeker: sees their own matches and applications.
    Seeker,
    /// A user acting for one employer.
    Employer,
    /// Civil-affairs staff, limited to their region.
    Staff,
    /// Sees and changes everything.
    Admin,
}

/// Carries the credentials of `POST /api/v1/auth/login`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// The username (for seekers, their phone number).
    pub username: String,
    /// The password in clear; only ever sent over the login request.
    pub password: String,
}

/// Asks for a sign-up code by SMS (`POST /api/v1/auth/register/code`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RegistrationCodeRequest {
    /// Mainland mobile number (11 digits) that will become the username.
    pub phone: String,
}

/// The same answer whether or not the phone has an account: the SMS tells
/// its owner which (a code, or that they can log in already).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegistrationCodeSent {
    /// How long a code stays valid, minutes.
    pub code_valid_minutes: u32,
}

/// Carries a seeker's self-registration (`POST /api/v1/auth/register`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RegisterRequest {
    /// Mainland mobile number (11 digits); it becomes the username.
    pub phone: String,
    /// The 6-digit code the SMS brought.
    pub code: String,
    /// 8 to 128 characters, not a common password, not the phone or the name.
    pub password: String,
    /// The name to greet the seeker with.
    pub display_name: String,
}

/// Describes the logged-in user (`GET /api/v1/me`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeResponse {
    /// The user's id.
    pub user_id: i64,
    /// The login name.
    pub username: String,
    /// The name shown in the interface.
    pub display_name: String,
    /// What the user may do.
    pub role: Role,
    /// For staff: the region they are responsible for.
    pub region: Option<RegionRef>,
    /// For employer users: the employer they act for.
    pub employer_id: Option<i64>,
    /// For seekers: their record in the people registry, once linked.
    #[serde(default)]
    pub person_id: Option<i64>,
    /// For accounts linked to a producer (sales platform): the producer they act for.
    #[serde(default)]
    pub producer_id: Option<i64>,
}

/// Names a region briefly: its code and Chinese name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegionRef {
    /// Division code, canonical form (6109, 610902001).
    pub code: String,
    /// The same region's official code: six digits for a province, city or county (610900), twelve for a town or village (610902001000).
    pub official_code: String,
    /// Chinese name, for example 汉滨区.
    pub name: String,
}
