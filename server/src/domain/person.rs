//! A person record parsed from the wire: every field checked, every error
//! collected so staff fix a form in one round trip.

use doorstep_shared::api::{AssistanceCategory, Datum, Gender, PersonRequest, PersonUpdate, Preferences, ProfileRequest};
use doorstep_shared::types::{IdCardNumber, Phone, RegionCode, SkillCode};

use super::{choose_point, resolve_skills, FieldErrors, Point};
use crate::reference::{RegionTree, SkillCatalog};

/// A valid person, ready to store.
#[derive(Debug, Clone)]
pub struct PersonDraft {
    pub name: String,
    pub id_number: IdCardNumber,
    pub phone: Phone,
    pub gender: Gender,
    pub birth_year: u16,
    pub home_region: RegionCode,
    /// The person's own home point ("use my location"); `None`: the region's.
    pub home_point: Option<Point>,
    /// Verified by staff: the categories that count for priority and figures.
    pub categories: Vec<AssistanceCategory>,
    /// Claimed by the person, not verified yet; never among `categories`.
    pub claimed_categories: Vec<AssistanceCategory>,
    pub disability_grade: Option<u8>,
    pub skills: Vec<SkillCode>,
    pub preferences: Preferences,
    pub consent_to_share: bool,
}

const MAX_COMMUTE_KM: u32 = 1_000;
const MAX_WAGE: u32 = 1_000_000;

/// Checks a request against the rules and the reference data.
pub fn parse_person(req: PersonRequest, regions: &RegionTree, skills: &SkillCatalog, this_year: u16) -> Result<PersonDraft, FieldErrors> {
    let mut errors = FieldErrors::default();
    let name = req.name.trim().to_string();
    if name.is_empty() || name.chars().count() > 50 {
        errors.add("name", "name must have 1 to 50 characters");
    }
    let id_number = IdCardNumber::parse(&req.id_number).map_err(|e| errors.add("id_number", e)).ok();
    let phone = Phone::parse(&req.phone).map_err(|e| errors.add("phone", e)).ok();
    if !(1900..=this_year).contains(&req.birth_year) {
        errors.add("birth_year", format!("birth_year must be between 1900 and {this_year}"));
    } else if let Some(id) = &id_number {
        if id.birth_year() != req.birth_year {
            errors.add("birth_year", "birth_year does not match the id-card number");
        }
    }
    let home_region = regions.resolve_local(&req.home_region).map_err(|e| errors.add("home_region", e)).ok();
    // A home point comes from the browser's position ("use my location"): WGS84.
    let home_point = choose_point(req.home_lat, req.home_lon, Datum::Wgs84, || None)
        .map_err(|(field, message)| errors.add(if field == "lat" { "home_lat" } else { "home_lon" }, message))
        .ok()
        .flatten();
    let mut categories = req.categories;
    categories.sort();
    categories.dedup();
    if let Some(grade) = req.disability_grade {
        if !(1..=4).contains(&grade) {
            errors.add("disability_grade", "disability_grade must be 1 to 4");
        } else if !categories.contains(&AssistanceCategory::Disabled) {
            errors.add("disability_grade", "a disability grade needs the disabled category");
        }
    }
    let skill_codes = resolve_skills(skills, &req.skills, &mut errors);
    let mut preferences = req.preferences;
    if preferences.max_commute_km > MAX_COMMUTE_KM {
        errors.add("preferences.max_commute_km", format!("max_commute_km must be at most {MAX_COMMUTE_KM}"));
    }
    if preferences.min_wage.is_some_and(|w| w > MAX_WAGE) {
        errors.add("preferences.min_wage", format!("min_wage must be at most {MAX_WAGE} yuan a month"));
    }
    preferences.schedules.sort();
    preferences.schedules.dedup();
    match (id_number, phone, home_region) {
        (Some(id_number), Some(phone), Some(home_region)) if errors.0.is_empty() => Ok(PersonDraft {
            name,
            id_number,
            phone,
            gender: req.gender,
            birth_year: req.birth_year,
            home_region,
            home_point,
            categories,
            claimed_categories: Vec::new(),
            disability_grade: req.disability_grade,
            skills: skill_codes,
            preferences,
            consent_to_share: req.consent_to_share,
        }),
        _ => Err(errors),
    }
}

/// What a seeker's own profile keeps from the record on file.
#[derive(Debug, Clone, Default)]
pub struct OnRecord {
    /// The ID-card number, used when the form leaves it blank.
    pub id_number: Option<String>,
    /// Categories staff verified; the seeker cannot change them.
    pub verified: Vec<AssistanceCategory>,
}

/// Checks a seeker's own profile with the same rules as staff's form. Their
/// categories stay claims, except those staff already verified; the phone is
/// the account's. Claims take part in the checks (a disability grade needs a
/// disabled category, claimed or verified).
pub fn parse_own_profile(
    req: ProfileRequest,
    phone: &str,
    on_record: &OnRecord,
    regions: &RegionTree,
    skills: &SkillCatalog,
    this_year: u16,
) -> Result<PersonDraft, FieldErrors> {
    let verified = on_record.verified.as_slice();
    let mut categories = req.claimed_categories.clone();
    categories.extend_from_slice(verified);
    let typed = req.id_number.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
    let as_staff_form = PersonRequest {
        name: req.name,
        id_number: typed.or_else(|| on_record.id_number.clone()).unwrap_or_default(),
        phone: phone.to_string(),
        gender: req.gender,
        birth_year: req.birth_year,
        home_region: req.home_region,
        home_lat: req.home_lat,
        home_lon: req.home_lon,
        categories,
        disability_grade: req.disability_grade,
        skills: req.skills,
        preferences: req.preferences,
        consent_to_share: req.consent_to_share,
    };
    let mut draft = parse_person(as_staff_form, regions, skills, this_year)?;
    draft.claimed_categories = settle_claims(req.claimed_categories, verified);
    draft.categories.retain(|c| verified.contains(c));
    Ok(draft)
}

/// The claims still open once `verified` are verified: sorted, deduplicated.
pub fn settle_claims(mut claims: Vec<AssistanceCategory>, verified: &[AssistanceCategory]) -> Vec<AssistanceCategory> {
    claims.retain(|c| !verified.contains(c));
    claims.sort();
    claims.dedup();
    claims
}

/// The request that would recreate `draft`, so an update goes through the same checks.
pub fn to_request(draft: &PersonDraft) -> PersonRequest {
    PersonRequest {
        name: draft.name.clone(),
        id_number: draft.id_number.as_ref().to_string(),
        phone: draft.phone.as_ref().to_string(),
        gender: draft.gender,
        birth_year: draft.birth_year,
        home_region: draft.home_region.to_string(),
        home_lat: draft.home_point.map(|p| p.lat),
        home_lon: draft.home_point.map(|p| p.lon),
        categories: draft.categories.clone(),
        disability_grade: draft.disability_grade,
        skills: draft.skills.iter().map(ToString::to_string).collect(),
        preferences: draft.preferences.clone(),
        consent_to_share: draft.consent_to_share,
    }
}

/// Overlays the fields present in `update`.
pub fn apply_update(mut req: PersonRequest, update: PersonUpdate) -> PersonRequest {
    if let Some(v) = update.name {
        req.name = v;
    }
    if let Some(v) = update.id_number {
        req.id_number = v;
    }
    if let Some(v) = update.phone {
        req.phone = v;
    }
    if let Some(v) = update.gender {
        req.gender = v;
    }
    if let Some(v) = update.birth_year {
        req.birth_year = v;
    }
    if let Some(v) = update.home_region {
        // A point shared for the old home does not belong to the new one.
        if v != req.home_region {
            req.home_lat = None;
            req.home_lon = None;
        }
        req.home_region = v;
    }
    if let Some(v) = update.categories {
        req.categories = v;
    }
    if let Some(v) = update.disability_grade {
        req.disability_grade = v;
    }
    if let Some(v) = update.skills {
        req.skills = v;
    }
    if let Some(v) = update.preferences {
        req.preferences = v;
    }
    if let Some(v) = update.consent_to_share {
        req.consent_to_share = v;
    }
    req
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::{bundled_regions, bundled_skills};

    fn valid() -> PersonRequest {
        PersonRequest {
            name: "王秀英".into(),
            id_number: "11010519491231002X".into(),
            phone: "13800001234".into(),
            gender: Gender::Female,
            birth_year: 1949,
            home_region: "610902".into(),
            home_lat: None,
            home_lon: None,
            categories: vec![AssistanceCategory::Dibao, AssistanceCategory::Disabled],
            disability_grade: Some(3),
            skills: vec!["做衣服".into(), "sewing".into()],
            preferences: Preferences::default(),
            consent_to_share: true,
        }
    }

    fn parse(req: PersonRequest) -> Result<PersonDraft, FieldErrors> {
        let regions = RegionTree::new(bundled_regions().expect("regions"));
        let skills = SkillCatalog::new(bundled_skills().expect("skills"));
        parse_person(req, &regions, &skills, 2026)
    }

    #[test]
    fn a_valid_request_parses_with_synonyms_merged() {
        let draft = parse(valid()).expect("valid");
        assert_eq!(draft.skills.iter().map(SkillCode::as_str).collect::<Vec<_>>(), vec!["sewing"]);
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let mut req = valid();
        req.name = " ".into();
        req.phone = "123".into();
        req.home_region = "6109".into();
        req.skills = vec!["sewing".into(), "juggling".into()];
        req.categories = vec![];
        let errors = parse(req).expect_err("invalid");
        let fields: Vec<_> = errors.0.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(fields, vec!["name", "phone", "home_region", "disability_grade", "skills[1]"]);
    }

    #[test]
    fn birth_year_must_agree_with_the_id_number() {
        let mut req = valid();
        req.birth_year = 1950;
        assert_eq!(parse(req).expect_err("invalid").0[0].0, "birth_year");
    }

    #[test]
    fn a_seekers_own_categories_stay_claims_until_verified() {
        let regions = RegionTree::new(bundled_regions().expect("regions"));
        let skills = SkillCatalog::new(bundled_skills().expect("skills"));
        let own = ProfileRequest {
            name: "王秀英".into(),
            id_number: Some("11010519491231002X".into()),
            gender: Gender::Female,
            birth_year: 1949,
            home_region: "610902".into(),
            home_lat: None,
            home_lon: None,
            claimed_categories: vec![AssistanceCategory::Disabled, AssistanceCategory::Dibao, AssistanceCategory::Disabled],
            disability_grade: Some(3),
            skills: vec!["缝纫".into()],
            preferences: Preferences::default(),
            consent_to_share: true,
            sms_opt_out: None,
        };
        let fresh = parse_own_profile(own.clone(), "13800001234", &OnRecord::default(), &regions, &skills, 2026).expect("valid");
        assert_eq!((fresh.categories.clone(), fresh.claimed_categories.clone()), (vec![], vec![AssistanceCategory::Dibao, AssistanceCategory::Disabled]));
        assert_eq!(fresh.phone.as_ref(), "13800001234");

        let on_record = OnRecord { id_number: Some("11010519491231002X".into()), verified: vec![AssistanceCategory::Dibao, AssistanceCategory::Relocated] };
        let blank_id = ProfileRequest { id_number: Some(" ".into()), ..own.clone() };
        let later = parse_own_profile(blank_id, "13800001234", &on_record, &regions, &skills, 2026).expect("blank keeps the number");
        assert_eq!(later.id_number.as_ref(), "11010519491231002X");
        assert_eq!(later.categories, vec![AssistanceCategory::Dibao, AssistanceCategory::Relocated], "verified ones stay verified");
        assert_eq!(later.claimed_categories, vec![AssistanceCategory::Disabled]);

        let no_disability = ProfileRequest { claimed_categories: vec![], id_number: None, ..own };
        let errors = parse_own_profile(no_disability, "13800001234", &OnRecord::default(), &regions, &skills, 2026).expect_err("invalid");
        let fields: Vec<&str> = errors.0.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(fields, vec!["id_number", "disability_grade"], "a first profile needs the number");
    }

    #[test]
    fn an_update_overlays_only_present_fields() {
        let req = apply_update(valid(), PersonUpdate { disability_grade: Some(None), phone: Some("13900000000".into()), ..Default::default() });
        assert_eq!(req.disability_grade, None);
        assert_eq!(req.phone, "13900000000");
        assert_eq!(req.name, "王秀英");
    }
}
