//! Between wire, domain and storage forms of a person.

use doorstep_shared::api::{AssistanceCategory, Gender, PersonResponse, Preferences, Schedule};
use doorstep_shared::types::{Phone, RegionCode};

use crate::crypto::IdVault;
use crate::domain::PersonDraft;
use crate::error::ApiError;
use crate::reference::Regions;
use crate::storage::{PersonValues, StoredPerson, WritePersonError};

pub fn to_values(draft: &PersonDraft, vault: &IdVault) -> anyhow::Result<PersonValues> {
    let schedules: Vec<&str> = draft.preferences.schedules.iter().map(|s| s.as_str()).collect();
    Ok(PersonValues {
        name: draft.name.clone(),
        id_cipher: vault.encrypt(&draft.id_number)?,
        id_blind: vault.blind_index(&draft.id_number),
        id_masked: draft.id_number.masked(),
        phone: draft.phone.as_ref().to_string(),
        gender: draft.gender.as_str(),
        birth_year: i64::from(draft.birth_year),
        home_region: draft.home_region.to_string(),
        disability_grade: draft.disability_grade.map(i64::from),
        max_commute_km: i64::from(draft.preferences.max_commute_km),
        willing_to_relocate: draft.preferences.willing_to_relocate,
        schedules: schedules.join(","),
        min_wage: draft.preferences.min_wage.map(i64::from),
        needs_accessible: draft.preferences.needs_accessible,
        consent_to_share: draft.consent_to_share,
        categories: draft.categories.iter().map(|c| c.as_str()).collect(),
        skills: draft.skills.clone(),
    })
}

pub fn preferences(p: &StoredPerson) -> Preferences {
    let r = &p.row;
    Preferences {
        max_commute_km: u32::try_from(r.max_commute_km).unwrap_or(0),
        willing_to_relocate: r.willing_to_relocate != 0,
        schedules: r.schedules.split(',').filter_map(Schedule::parse).collect(),
        min_wage: r.min_wage.and_then(|w| u32::try_from(w).ok()),
        needs_accessible: r.needs_accessible != 0,
    }
}

/// The masked view every response carries.
pub fn to_response(p: &StoredPerson, regions: &Regions) -> PersonResponse {
    let r = &p.row;
    PersonResponse {
        id: r.id,
        name: r.name.clone(),
        id_number_masked: r.id_masked.clone(),
        phone: r.phone.clone(),
        gender: Gender::parse(&r.gender).unwrap_or(Gender::Female),
        birth_year: u16::try_from(r.birth_year).unwrap_or(0),
        home_region: r.home_region.clone(),
        home_region_name: regions.name_of(&r.home_region),
        categories: p.categories.iter().filter_map(|c| AssistanceCategory::parse(c)).collect(),
        disability_grade: r.disability_grade.and_then(|g| u8::try_from(g).ok()),
        skills: p.skills.clone(),
        preferences: preferences(p),
        consent_to_share: r.consent_to_share != 0,
        created_at: r.created_at,
        updated_at: r.updated_at,
    }
}

/// Rebuilds the domain form of a stored person (decrypting the ID number) for an update.
pub fn to_draft(p: &StoredPerson, vault: &IdVault) -> anyhow::Result<PersonDraft> {
    let r = &p.row;
    Ok(PersonDraft {
        name: r.name.clone(),
        id_number: vault.decrypt(&r.id_cipher)?,
        phone: Phone::parse(&r.phone).map_err(anyhow::Error::msg)?,
        gender: Gender::parse(&r.gender).ok_or_else(|| anyhow::anyhow!("corrupt gender {:?}", r.gender))?,
        birth_year: u16::try_from(r.birth_year)?,
        home_region: RegionCode::parse(&r.home_region).map_err(anyhow::Error::msg)?,
        categories: p.categories.iter().filter_map(|c| AssistanceCategory::parse(c)).collect(),
        disability_grade: r.disability_grade.and_then(|g| u8::try_from(g).ok()),
        skills: p.skills.clone(),
        preferences: preferences(p),
        consent_to_share: r.consent_to_share != 0,
    })
}

pub fn write_error(e: WritePersonError, regions: &Regions) -> ApiError {
    match e {
        WritePersonError::Duplicate { existing_region } => ApiError::Refused {
            code: doorstep_shared::api::ErrorCode::DuplicatePerson,
            message: format!(
                "a person with this id-card number is already registered in {} ({existing_region})",
                regions.place_name(&existing_region)
            ),
            fields: vec!["id_number".into()],
        },
        WritePersonError::Stale => ApiError::new(
            doorstep_shared::api::ErrorCode::Conflict,
            "the person was changed by someone else meanwhile; reload and try again",
        ),
        WritePersonError::Storage(e) => e.into(),
    }
}

/// The current year, for birth-year bounds.
pub fn this_year() -> u16 {
    let days = crate::storage::now() / 86_400;
    // Good to within a day at new year, which birth-year bounds do not notice.
    (1970 + (days as f64 / 365.2425) as i64) as u16
}
