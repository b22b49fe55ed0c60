//! Employers: companies, community factories, cooperatives and public-welfare posts.

use serde::{Deserialize, Serialize};

/// Tells what kind of organisation offers the work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
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

impl EmployerKind {
    /// Returns the snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Company => "company",
            Self::CommunityFactory => "community_factory",
            Self::Cooperative => "cooperative",
            Self::PublicWelfarePost => "public_welfare_post",
        }
    }

    /// Parses the snake_case name.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "company" => Some(Self::Company),
            "community_factory" => Some(Self::CommunityFactory),
            "cooperative" => Some(Self::Cooperative),
            "public_welfare_post" => Some(Self::PublicWelfarePost),
            _ => None,
        }
    }
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
}
