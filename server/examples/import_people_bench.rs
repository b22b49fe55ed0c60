//! The people import at scale: generates a valid roster of 10,000 rows (or
//! `--rows=N`) over Ankang's real towns and villages, as staff keep it (CSV,
//! Chinese headers, region names, category and skill words), then times a
//! dry run and the real import on a fresh SQLite database (or PostgreSQL with
//! `--postgres=URL`, a throw-away database made on that server).
//!
//! ```sh
//! cargo run --release -p doorstep-server --example import_people_bench
//! ```

use std::time::Instant;

use doorstep_server::auth::Jurisdiction;
use doorstep_server::configuration::Settings;
use doorstep_server::import::{ImportOptions, Importer};
use doorstep_server::seed::{create_user, NewAccount};
use doorstep_server::startup::{load_state, prepare_database, AppState};
use doorstep_shared::api::RegionLevel;
use doorstep_shared::types::{IdCardNumber, RegionCode};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const CATEGORIES: &[&str] = &["低保", "特困", "脱贫户", "建档立卡", "残疾人", "留守妇女", "易地搬迁", ""];
const SKILLS: &[&str] = &["缝纫", "做衣服", "电工", "厨师", "保洁", "种茶", "养猪", "开车", "带孩子", "泥瓦工", ""];

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let arg = |name: &str| std::env::args().find_map(|a| a.strip_prefix(name).map(String::from));
    let rows: usize = arg("--rows=").and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let dir = tempfile::tempdir()?;
    let (database_url, pg_admin) = match arg("--postgres=") {
        Some(admin) => (Some(throwaway_database(&admin).await?), Some(admin)),
        None => (None, None),
    };
    let settings = Settings {
        data_dir: dir.path().to_path_buf(),
        database_url,
        secret_key: Some("bench-secret-key-that-is-long-enough-000000".to_string().into()),
        seed_demo: false,
        ..Settings::default()
    };
    let state = load_state(&settings, prepare_database(&settings).await?).await?;
    let actor = create_user(
        &state,
        NewAccount {
            role: "admin".into(),
            username: "bench".into(),
            password: "bench password long enough".into(),
            display_name: None,
            region: None,
            employer_id: None,
            person_id: None,
        },
    )
    .await?;
    let roster = roster(&state, rows);
    let backend = if pg_admin.is_some() { "PostgreSQL" } else { "SQLite" };
    println!("{rows} rows, {} KiB of CSV, {backend}", roster.len() / 1024);
    let importer = Importer::on(&state, actor, Jurisdiction::everywhere());
    for dry_run in [true, false] {
        let started = Instant::now();
        let (report, _) = importer.people(roster.as_bytes(), ImportOptions::new(dry_run), |_, _| {}).await?;
        let took = started.elapsed();
        let what = if dry_run { "dry run" } else { "real import" };
        println!(
            "{what:>11}: {:.2} s ({:.0} rows/s); {} valid, {} imported, {} problems",
            took.as_secs_f64(),
            rows as f64 / took.as_secs_f64(),
            report.valid,
            report.imported,
            report.problems.len()
        );
        anyhow::ensure!(report.valid as usize == rows, "the generated roster should be valid: {:?}", report.problems.first());
    }
    Ok(())
}

/// A roster: every person with a distinct valid ID-card number born in their
/// county, a phone, a town or village written as staff write it.
fn roster(state: &AppState, rows: usize) -> String {
    let mut rng = StdRng::seed_from_u64(13);
    let ankang = RegionCode::parse("6109").expect("ankang");
    let mut regions: Vec<(String, String)> =
        state.regions.read(|tree| tree.descendants_in(&ankang, &[RegionLevel::Town, RegionLevel::Village]).map(|r| (r.code.clone(), r.name.clone())).collect());
    regions.sort();
    // 汉滨区老城街道 for a town, 汉滨区老城街道西大街社区居委会 for a village.
    let places: Vec<(String, String)> = regions
        .iter()
        .map(|(code, name)| (code[..6].to_string(), format!("{}{}", state.regions.place_name(&code[..9]), if code.len() == 12 { name.as_str() } else { "" })))
        .collect();
    let mut out = String::from("序号,姓名,公民身份号码,手机号码,户籍地,人员类别,性别,技能\n");
    for i in 0..rows {
        let (county, place) = &places[rng.gen_range(0..places.len())];
        // Distinct numbers (up to 336,000 rows): the row index is spread over the month and day of birth and the sequence.
        let body = format!("{county}{}{:02}{:02}{:03}", rng.gen_range(1950..2005), 1 + (i / 28_000) % 12, 1 + (i / 1000) % 28, i % 1000);
        let check = IdCardNumber::check_char(&body).expect("17 digits");
        let gender = if body.as_bytes()[16] % 2 == 1 { "男" } else { "女" };
        let category = CATEGORIES[rng.gen_range(0..CATEGORIES.len())];
        let skill = SKILLS[rng.gen_range(0..SKILLS.len())];
        out.push_str(&format!("{},某{i},{body}{check},1{:010},{place},{category},{gender},{skill}\n", i + 1, 3_000_000_000u64 + i as u64));
    }
    out
}

async fn throwaway_database(admin: &str) -> anyhow::Result<String> {
    sqlx::any::install_default_drivers();
    let name = format!("doorstep_import_bench_{}", std::process::id());
    let pool = sqlx::AnyPool::connect(admin).await?;
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&pool).await?;
    pool.close().await;
    let base = admin.rsplit_once('/').map_or(admin, |(base, _)| base);
    Ok(format!("{base}/{name}"))
}
