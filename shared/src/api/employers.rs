//! Employers: companies, community factories, cooperatives and public-welfare posts.

use serde::{Deserialize, Serialize};

/// Tells what kind of organisation offers the work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum EmployerKind {
    /// A company.
    Company,
    /// A resettlement-community factory (社区工厂).
    CommunityFactory,
    /// A cooperative (合作社).
    Cooperative,
    /// A public-welfare post (公益性岗位) funded by government.
    PublicWelfarePost,
}

/// Registers an employer (`POST /api/v1/employers`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EmployerRequest {
    /// Registered name.
    pub name: String,
    /// Kind of organisation.
    pub kind: EmployerKind,
    /// County or town code where it is based.
    pub region_code: String,
    /// Contact person.
    pub contact_name: String,
    /// Contact phone.
    pub contact_phone: String,
}

/// Describes an employer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmployerResponse {
    /// The employer's id.
    pub id: i64,
    /// Registered name.
    pub name: String,
    /// Kind of organisation.
    pub kind: EmployerKind,
    /// County or town code where it is based.
    pub region_code: String,
    /// Contact person.
    pub contact_name: String,
    /// Contact phone.
    pub contact_phone: String,
}

/// Lists employers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmployerPage {
    /// The employers on this page.
    pub items: Vec<EmployerResponse>,
    /// Number of matching employers in all.
    pub total: i64,
    /// Page number, from 1.
    pub page: u32,
    /// Page size.
    pub per_page: u32,
}
