//! Between wire, domain and storage forms of a person.

use doorstep_shared::api::{CertifiedSkill, PersonResponse};
use doorstep_shared::types::official_code;

use crate::error::ApiError;
use crate::reference::Regions;
use crate::storage::{StoredPerson, WritePersonError};

/// The masked view every response carries.
pub fn to_response(p: &StoredPerson, regions: &Regions) -> PersonResponse {
    PersonResponse {
        id: p.id,
        name: p.name.clone(),
        id_number_masked: p.id_masked.clone(),
        phone: p.phone.clone(),
        gender: p.gender,
        birth_year: p.birth_year,
        home_region: p.home_region.to_string(),
        home_region_official_code: official_code(&p.home_region),
        home_region_name: regions.name_of(p.home_region.as_ref()),
        home_lat: p.home_point.map(|h| h.lat),
        home_lon: p.home_point.map(|h| h.lon),
        categories: p.categories.clone(),
        claimed_categories: p.claimed_categories.clone(),
        disability_grade: p.disability_grade,
        skills: p.skills.iter().map(ToString::to_string).collect(),
        certified_skills: p.certified.iter().map(|(code, number)| CertifiedSkill { code: code.to_string(), certificate_number: number.clone() }).collect(),
        preferences: p.preferences.clone(),
        consent_to_share: p.consent_to_share,
        sms_opt_out: p.sms_opt_out,
        created_at: p.created_at,
        updated_at: p.updated_at,
    }
}

pub fn write_error(e: WritePersonError, regions: &Regions) -> ApiError {
    match e {
        WritePersonError::Duplicate { existing_region } => ApiError::with_fields(
            doorstep_shared::api::ErrorCode::DuplicatePerson,
            format!("a person with this id-card number is already registered in {} ({existing_region})", regions.place_name(&existing_region)),
            &["id_number"],
        ),
        WritePersonError::Stale => {
            ApiError::new(doorstep_shared::api::ErrorCode::ChangedMeanwhile, "the person was changed by someone else meanwhile; reload and try again")
        }
        WritePersonError::Storage(e) => e.into(),
    }
}

/// The current year in China, for birth-year bounds.
pub fn this_year() -> u16 {
    u16::try_from(crate::clock::today().year()).unwrap_or(u16::MAX)
}
