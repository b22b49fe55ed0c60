//! The Ankang demo: 300 employers and 2,000 people in need spread over the
//! city's 139 towns, plus one login per role. Deterministic (fixed seed), and
//! only ever applied to a database without users.

use anyhow::Context;
use doorstep_shared::api::{AssistanceCategory, EmployerKind, Gender, PersonRequest, Preferences, RegionLevel, Schedule};
use doorstep_shared::types::{IdCardNumber, RegionCode};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

use super::activity::{seed_activity, seed_demo_seeker};
use super::names::{COMPANY_LINES, COOPERATIVE_LINES, FACTORY_LINES, GIVEN_FEMALE, GIVEN_MALE, SURNAMES, WELFARE_POSTS};
use super::postings::{seed_postings, AGENCY};
use super::sales::seed_sales;
use super::training::seed_training;
use super::{create_user, NewAccount};
use crate::domain::parse_person;
use crate::startup::AppState;
use crate::storage::{count_users, insert_employer, insert_person, EmployerRecord, NewEmployer, PersonValues, WritePersonError};

pub const DEMO_PASSWORD: &str = "ankang2026";
const PEOPLE: usize = 2_000;
const EMPLOYERS: usize = 300;

/// Skills people in Ankang commonly have, most common first (weights fall off).
const COMMON_SKILLS: &[&str] = &[
    "tea_picking",
    "sewing",
    "crop_growing",
    "construction_labour",
    "cooking",
    "pig_raising",
    "sericulture",
    "domestic_service",
    "elderly_care",
    "wig_making",
    "shoe_upper_stitching",
    "electronics_assembly",
    "konjac_growing",
    "vegetable_growing",
    "tea_processing",
    "childcare",
    "bricklaying",
    "forest_ranger",
    "sanitation",
    "packaging",
    "mushroom_growing",
    "herb_growing",
    "livestream_selling",
    "ecommerce",
    "toy_making",
    "electrician",
    "welding",
];

/// Seeds when the database has no users; returns whether it did.
pub async fn seed_demo_if_empty(state: &AppState) -> anyhow::Result<bool> {
    if count_users(&state.db).await? > 0 {
        tracing::info!("database has users; demo not seeded");
        return Ok(false);
    }
    let started = std::time::Instant::now();
    let mut rng = StdRng::seed_from_u64(2026);
    let ankang = RegionCode::parse("6109").map_err(anyhow::Error::msg)?;
    let towns: Vec<String> = state.regions.read(|t| t.descendants_at(&ankang, RegionLevel::Town).iter().map(|r| r.code.clone()).collect());
    let town_names: Vec<String> = towns.iter().map(|c| state.regions.name_of(c)).collect();
    anyhow::ensure!(!towns.is_empty(), "the region tree has no towns in Ankang");

    let employers = seed_employers(state, &mut rng, &towns, &town_names).await?;
    let admin = seed_accounts(state, &towns, employers[0].id).await?;
    let people = seed_people(state, &mut rng, &towns, admin).await?;
    let seeker = seed_demo_seeker(state, admin).await?;
    let postings = seed_postings(state, &mut rng, &employers, admin).await?;
    let hires = seed_activity(state, &mut rng, seeker, admin).await?;
    let training = seed_training(state, &mut rng, seeker, admin).await?;
    let sales = seed_sales(state, &mut rng, admin).await?;
    state.index.changed.notify_one();
    state.courses.changed.notify_one();
    state.products.changed.notify_one();
    tracing::info!(people, employers = EMPLOYERS, postings, hires, ?training, ?sales, elapsed_ms = started.elapsed().as_millis() as u64, "demo seeded");
    Ok(true)
}

/// Role, username, display name, region, employer.
type DemoLogin<'a> = (&'a str, &'a str, &'a str, Option<String>, Option<i64>);

async fn seed_accounts(state: &AppState, towns: &[String], employer_id: i64) -> anyhow::Result<i64> {
    let town = towns.iter().find(|t| t.starts_with("610902")).cloned().unwrap_or_else(|| towns[0].clone());
    // The seeker's login comes with her registry record (see `activity`).
    let accounts: [DemoLogin; 6] = [
        ("admin", "admin", "系统管理员", None, None),
        ("staff", "staff_city", "安康市民政局 李科长", Some("6109".into()), None),
        ("staff", "staff_hanbin", "汉滨区民政局 王干事", Some("610902".into()), None),
        ("staff", "staff_xunyang", "旬阳市民政局 陈干事", Some("610981".into()), None),
        ("staff", "staff_town", "街道民政专干 刘敏", Some(town), None),
        ("employer", "employer_demo", "社区工厂 张厂长", None, Some(employer_id)),
    ];
    let mut admin = 0;
    for (role, username, display, region, employer) in accounts {
        let id = create_user(
            state,
            NewAccount {
                role: role.into(),
                username: username.into(),
                password: DEMO_PASSWORD.into(),
                display_name: Some(display.into()),
                region,
                employer_id: employer,
                person_id: None,
            },
        )
        .await
        .with_context(|| format!("demo user {username}"))?;
        if role == "admin" {
            admin = id;
        }
    }
    Ok(admin)
}

async fn seed_employers(state: &AppState, rng: &mut StdRng, towns: &[String], town_names: &[String]) -> anyhow::Result<Vec<EmployerRecord>> {
    let mut employers = Vec::with_capacity(EMPLOYERS);
    for i in 0..EMPLOYERS {
        let t = rng.gen_range(0..towns.len());
        let place = town_names[t].trim_end_matches(['镇', '乡']).trim_end_matches("街道");
        let (kind, name) = match i % 10 {
            0..=3 => (EmployerKind::CommunityFactory, format!("{place}{}社区工厂", FACTORY_LINES.choose(rng).map_or("", |l| l.0))),
            4 if i < 120 => (EmployerKind::Company, format!("安康{place}{AGENCY}")),
            4..=6 => (EmployerKind::Company, format!("安康{place}{}", COMPANY_LINES.choose(rng).map_or("", |l| l.0))),
            7 | 8 => (EmployerKind::Cooperative, format!("{place}{}", COOPERATIVE_LINES.choose(rng).map_or("", |l| l.0))),
            _ => (EmployerKind::PublicWelfarePost, format!("{place}{}", WELFARE_POSTS.choose(rng).map_or("", |l| l.0))),
        };
        let contact = person_name(rng, Gender::Male);
        let phone = random_phone(rng);
        let row = insert_employer(&state.db, &NewEmployer { name: &name, kind, region_code: &towns[t], contact_name: &contact, contact_phone: &phone }).await?;
        employers.push(row);
    }
    Ok(employers)
}

async fn seed_people(state: &AppState, rng: &mut StdRng, towns: &[String], actor: i64) -> anyhow::Result<usize> {
    let this_year = 2026;
    let mut created = 0;
    while created < PEOPLE {
        let req = random_person(rng, towns);
        let draft = match state.regions.read(|tree| parse_person(req, tree, &state.skills, this_year)) {
            Ok(d) => d,
            Err(e) => anyhow::bail!("generated an invalid demo person: {:?}", e.0),
        };
        let values = PersonValues::seal(&draft, &state.vault)?;
        match insert_person(&state.db, &values, actor).await {
            Ok(_) => created += 1,
            // A generated ID number repeated: draw another person.
            Err(WritePersonError::Duplicate { .. }) => continue,
            Err(e) => return Err(anyhow::anyhow!("seeding person failed: {e:?}")),
        }
    }
    Ok(created)
}

fn random_person(rng: &mut StdRng, towns: &[String]) -> PersonRequest {
    let gender = if rng.gen_bool(0.55) { Gender::Female } else { Gender::Male };
    let town = &towns[rng.gen_range(0..towns.len())];
    let birth_year: u16 = rng.gen_range(1966..=2006);
    let mut categories = Vec::new();
    for (category, p) in [
        (AssistanceCategory::RegisteredPoor, 0.45),
        (AssistanceCategory::Dibao, 0.3),
        (AssistanceCategory::Relocated, 0.3),
        (AssistanceCategory::Tekun, 0.04),
        (AssistanceCategory::Disabled, 0.12),
    ] {
        if rng.gen_bool(p) {
            categories.push(category);
        }
    }
    if gender == Gender::Female && rng.gen_bool(0.3) {
        categories.push(AssistanceCategory::LeftBehindWoman);
    }
    if categories.is_empty() {
        categories.push(AssistanceCategory::RegisteredPoor);
    }
    let disability_grade = categories.contains(&AssistanceCategory::Disabled).then(|| rng.gen_range(1..=4));
    let skill_count = rng.gen_range(1..=3);
    let mut skills = Vec::new();
    while skills.len() < skill_count {
        // Squaring skews the pick towards the common end of the list.
        let x: f64 = rng.gen();
        let pick = COMMON_SKILLS[((x * x) * COMMON_SKILLS.len() as f64) as usize].to_string();
        if !skills.contains(&pick) {
            skills.push(pick);
        }
    }
    let schedules: Vec<Schedule> = Schedule::ALL.iter().copied().filter(|_| rng.gen_bool(0.5)).collect();
    let preferences = Preferences {
        max_commute_km: *[5u32, 10, 20, 30, 50].choose(rng).unwrap_or(&30),
        willing_to_relocate: rng.gen_bool(0.25),
        schedules,
        min_wage: rng.gen_bool(0.7).then(|| rng.gen_range(18..=45) * 100),
        needs_accessible: disability_grade.is_some_and(|g| g <= 2),
    };
    PersonRequest {
        name: person_name(rng, gender),
        id_number: id_number(rng, &town[..6], birth_year, gender),
        phone: random_phone(rng),
        gender,
        birth_year,
        home_region: town.clone(),
        home_lat: None,
        home_lon: None,
        categories,
        disability_grade,
        skills,
        preferences,
        consent_to_share: rng.gen_bool(0.7),
    }
}

fn person_name(rng: &mut StdRng, gender: Gender) -> String {
    let given = if gender == Gender::Female { GIVEN_FEMALE } else { GIVEN_MALE };
    format!("{}{}", SURNAMES.choose(rng).unwrap_or(&"王"), given.choose(rng).unwrap_or(&"明"))
}

fn random_phone(rng: &mut StdRng) -> String {
    format!("1{}{:09}", rng.gen_range(3..=9), rng.gen_range(0..1_000_000_000u32))
}

/// A checksum-valid number whose sequence digit has the right parity for the gender.
fn id_number(rng: &mut StdRng, county: &str, year: u16, gender: Gender) -> String {
    let (month, day) = (rng.gen_range(1..=12), rng.gen_range(1..=28));
    let mut seq: u16 = rng.gen_range(0..500) * 2;
    if gender == Gender::Male {
        seq += 1;
    }
    let body = format!("{county}{year:04}{month:02}{day:02}{seq:03}");
    let check = IdCardNumber::check_char(&body).unwrap_or('0');
    format!("{body}{check}")
}
