//! Producers (`/api/v1/producers`): households, cooperatives, community
//! factories and enterprises that sell, with the registered households they
//! benefit and how income is shared among them. Staff register and verify
//! them inside their jurisdiction; verified producers are public.

use serde::{Deserialize, Serialize};

use super::{ProducerKind, ProducerStatus};

/// A household a producer benefits, and its share of the income.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BeneficiaryShare {
    /// The registered person (the household's head).
    pub person_id: i64,
    /// Whole parts of the income (1 to 1000): shares 3 and 1 split it 3:1.
    pub share: u32,
}

/// Registers a producer (`POST /api/v1/producers`); it starts pending.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProducerRequest {
    /// Name buyers see, for example 紫阳县向阳茶叶专业合作社.
    pub name: String,
    /// What kind of producer it is.
    pub kind: ProducerKind,
    /// Where it is (county, town or village code in any official form).
    pub region_code: String,
    /// Contact phone (11-digit mobile or a landline).
    pub contact_phone: String,
    /// What it makes and how it helps.
    #[serde(default)]
    pub description: String,
    /// The households it benefits: a household producer names exactly one.
    pub beneficiaries: Vec<BeneficiaryShare>,
    /// Who receives a rounding remainder of a split (one of the
    /// beneficiaries); default: the first.
    #[serde(default)]
    pub remainder_person_id: Option<i64>,
}

/// Changes a producer (`PATCH /api/v1/producers/{id}`); absent fields stay.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProducerUpdate {
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// Kind.
    #[serde(default)]
    pub kind: Option<ProducerKind>,
    /// Region.
    #[serde(default)]
    pub region_code: Option<String>,
    /// Contact phone.
    #[serde(default)]
    pub contact_phone: Option<String>,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Beneficiaries (replaces the list).
    #[serde(default)]
    pub beneficiaries: Option<Vec<BeneficiaryShare>>,
    /// Who receives a rounding remainder.
    #[serde(default)]
    pub remainder_person_id: Option<i64>,
}

/// A beneficiary as staff and the producer's own accounts see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Beneficiary {
    /// The person.
    pub person_id: i64,
    /// Their name.
    pub name: String,
    /// Their home region's name.
    pub region_name: String,
    /// Their share, in whole parts.
    pub share: u32,
    /// Whether they receive a rounding remainder.
    pub takes_remainder: bool,
}

/// Describes a producer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Producer {
    /// The producer's id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: ProducerKind,
    /// Region code (canonical form).
    pub region_code: String,
    /// Region name (county and town).
    pub region_name: String,
    /// Contact phone.
    pub contact_phone: String,
    /// Description.
    pub description: String,
    /// Where it is in its life.
    pub status: ProducerStatus,
    /// Products listed (with stock or sold out).
    pub listed_products: u32,
    /// The households it benefits; absent for the public (personal data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beneficiaries: Option<Vec<Beneficiary>>,
    /// Whether the caller acts for this producer (its own account, or staff governing it).
    pub managed: bool,
    /// Verified, seconds since the Unix epoch.
    pub verified_at: Option<i64>,
    /// Created, seconds since the Unix epoch.
    pub created_at: i64,
}

/// Lists producers, with the total count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProducerPage {
    /// The producers on this page.
    pub items: Vec<Producer>,
    /// Matching producers in all.
    pub total: u64,
    /// Page number from 1.
    pub page: u32,
    /// Page size.
    pub per_page: u32,
}

/// Links a user account to a producer (`POST /api/v1/producers/{id}/accounts`):
/// the account may then manage the producer's products and orders.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProducerAccountRequest {
    /// The account's username (a seeker or employer account; one producer per account).
    pub username: String,
}
