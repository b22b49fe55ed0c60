//! Generated data over Ankang's real geography, shared by the engine bench
//! (`benches/engine.rs`) and the HTTP load run's data (`examples/load_data.rs`):
//! the towns, postings scattered around them, and seekers' profiles.

use doorstep_server::clock::today;
use doorstep_server::domain::{Place, Point, PostingDraft, Profile};
use doorstep_server::startup::AppState;
use doorstep_shared::api::{EmployerKind, PhysicalDemand, PostingStatus, RegionLevel, Schedule};
use doorstep_shared::types::{RegionCode, SkillCode};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::Rng;

/// Ankang's towns with their points.
pub fn towns(state: &AppState) -> Vec<(String, Point)> {
    let ankang = RegionCode::parse("6109").expect("code");
    state.regions.read(|t| t.descendants_at(&ankang, RegionLevel::Town).iter().map(|r| (r.code.clone(), Point { lat: r.lat, lon: r.lon })).collect())
}

/// Postings spread over Ankang's towns, sites scattered up to ~8 km around
/// the town's point so distances differ, with local-economy skills.
pub async fn insert_postings(state: &AppState, rng: &mut StdRng, towns: &[(String, Point)], skills: &[SkillCode], n: usize) -> anyhow::Result<()> {
    let by = bench_employer(state, towns).await?;
    insert_postings_by(state, rng, towns, skills, n, by).await
}

/// The bench's admin account and employer (ids).
pub async fn bench_employer(state: &AppState, towns: &[(String, Point)]) -> anyhow::Result<(i64, i64)> {
    let admin = doorstep_server::seed::create_user(
        state,
        doorstep_server::seed::NewAccount {
            role: "admin".into(),
            username: "bench".into(),
            password: "bench-password".into(),
            display_name: None,
            region: None,
            employer_id: None,
            person_id: None,
        },
    )
    .await?;
    let employer = doorstep_server::storage::insert_employer(
        &state.db,
        &doorstep_server::storage::NewEmployer {
            name: "基准测试工厂",
            kind: EmployerKind::Company,
            region_code: &towns[0].0,
            contact_name: "测",
            contact_phone: "13900000000",
        },
    )
    .await?;
    Ok((admin, employer.id))
}

/// `insert_postings` by an existing admin and employer (ids).
pub async fn insert_postings_by(
    state: &AppState,
    rng: &mut StdRng,
    towns: &[(String, Point)],
    skills: &[SkillCode],
    n: usize,
    (admin, employer): (i64, i64),
) -> anyhow::Result<()> {
    let titles = ["缝纫工", "采茶工", "普工", "包装工", "电子装配工", "建筑小工", "家政服务员", "养老护理员", "厨师", "保洁员"];
    let day = today();
    for _ in 0..n {
        let (code, point) = towns.choose(rng).expect("towns");
        // Drawn as i64, as before the typed records, so the same seed gives the same data.
        let wage_min = u32::try_from(rng.gen_range(15_i64..=60) * 100)?;
        let values = PostingDraft {
            employer_id: employer,
            title: titles.choose(rng).expect("titles").to_string(),
            description: "社区工厂岗位，就近就业，欢迎脱贫户、低保户报名".into(),
            region: RegionCode::parse(code).map_err(anyhow::Error::msg)?,
            site: Point { lat: point.lat + rng.gen_range(-0.07..0.07), lon: point.lon + rng.gen_range(-0.07..0.07) },
            // Scattered real points: the benchmark measures kilometre matching.
            site_approximate: false,
            wage_min,
            wage_max: wage_min + u32::try_from(rng.gen_range(2_i64..=15) * 100)?,
            headcount: u32::try_from(rng.gen_range(1_i64..=20))?,
            schedule: *Schedule::ALL.choose(rng).expect("schedule"),
            accommodation: rng.gen_bool(0.2),
            physical_demand: *PhysicalDemand::ALL.choose(rng).expect("demand"),
            accessible: rng.gen_bool(0.3),
            valid_until: day.plus_days(rng.gen_range(10..=180)),
            skills: {
                let k = rng.gen_range(1..=2);
                skills.choose_multiple(rng, k).cloned().collect()
            },
        };
        let id = doorstep_server::storage::insert_posting(&state.db, &values, PostingStatus::Open, admin).await?;
        let _ = id;
    }
    Ok(())
}

/// A seeker: 1–3 skills, a town home, 10–50 km, some with schedule, wage
/// and accessibility needs; answers the profile and the home point.
pub fn profile(rng: &mut StdRng, towns: &[(String, Point)], skills: &[SkillCode]) -> (Profile, Point) {
    let (_, home) = towns.choose(rng).expect("towns");
    let k = rng.gen_range(1..=3);
    let mut wanted: Vec<SkillCode> = skills.choose_multiple(rng, k).cloned().collect();
    wanted.sort();
    let profile = Profile {
        skills: wanted,
        certified: Vec::new(),
        home: Some(Place::exact(*home, None)),
        max_commute_km: *[10.0, 20.0, 30.0, 50.0].choose(rng).expect("km"),
        willing_to_relocate: rng.gen_bool(0.2),
        schedules: rng.gen_bool(0.3).then(|| vec![Schedule::FullTime, Schedule::Flexible]),
        min_wage: rng.gen_bool(0.5).then(|| rng.gen_range(18..=35) * 100),
        needs_accessible: rng.gen_bool(0.1),
        max_physical_demand: *PhysicalDemand::ALL.choose(rng).expect("demand"),
        priority: None,
    };
    (profile, *home)
}
