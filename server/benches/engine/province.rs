//! Province scale on one node (issue 15 part 4): `--province` generates
//! `--size` postings (default 1,000,000) over the whole of Shaanxi and the
//! cities its people move to, rebuilds the index from SQLite, and then
//! starts this bench again as a fresh process on the same data directory
//! (`--open=DIR`), which opens it as the server does at start (database,
//! reference data, the existing indexes checked against the feed, the
//! posting index's columns and grids built) and is timed until its first
//! match is answered; that process then times 2,000 matches and 2,000
//! searches and reports its own RSS, so nothing the generation held counts.
//!
//! The places: Ankang's 139 towns (the region data has towns for Ankang
//! only), 25 points scattered up to ~30 km around each of Shaanxi's other
//! nine cities' points (50 around Xi'an), and 20 around each city of the
//! seed's transfer employment (Suzhou, Dongguan, Shenzhen, Ningbo,
//! Hangzhou); each posting's site is then scattered ~8 km around its place.

use std::path::{Path, PathBuf};
use std::time::Instant;

use doorstep_server::configuration::Settings;
use doorstep_server::domain::Point;
use doorstep_server::matcher::{find_matches, Fill};
use doorstep_server::search::{reindex_timed, Filters, Ranking, Relevance, SearchRequest};
use doorstep_server::startup::{load_state, prepare_database, AppState};
use doorstep_shared::api::RegionLevel;
use doorstep_shared::types::{RegionCode, SkillCode};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

use super::support::generate::{bench_employer, insert_postings_by, profile, towns};
use super::{fresh_state_on, ms, percentiles, rss_mb, QUERIES};

/// Cities outside Shaanxi that Ankang people move to for work (the seed's).
const DESTINATIONS: [&str; 5] = ["3205", "4419", "4403", "3302", "3301"];

/// Postings generated between two progress lines.
const STEP: usize = 100_000;

/// Words people type into the search page.
const WORDS: [&str; 12] = ["缝纫", "采茶", "电子厂", "包吃住", "厨师", "保洁", "普工", "家政", "养老", "建筑", "包装", "装配"];

/// Generates, rebuilds and measures; the serving figures come from `open`, in a child process.
/// With `data`, the postings are generated there once and kept: a later run
/// on the same directory rebuilds and measures without generating again.
pub async fn run(n: usize, data: Option<PathBuf>) -> anyhow::Result<()> {
    let temporary = tempfile::tempdir()?;
    let dir = data.unwrap_or_else(|| temporary.path().to_path_buf());
    std::fs::create_dir_all(&dir)?;
    let state = fresh_state_on(&dir, None).await?;
    let mut rng = StdRng::seed_from_u64(17);
    let places = places(&state, &mut rng);
    let skills: Vec<SkillCode> = state.skills.all().iter().map(|s| s.code.clone()).collect();
    let started = Instant::now();
    let (open,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM postings WHERE status = 'open'").fetch_one(state.db.pool()).await?;
    if open == 0 {
        let by = bench_employer(&state, &places).await?;
        for done in (0..n).step_by(STEP) {
            insert_postings_by(&state, &mut rng, &places, &skills, STEP.min(n - done), by).await?;
            eprintln!("{} postings in {:.0} s", done + STEP.min(n - done), started.elapsed().as_secs_f64());
        }
    } else {
        eprintln!("{open} postings already in {}: not generated again", dir.display());
    }
    let generation = started.elapsed();
    let index = state.index.clone().into_inner();
    let started = Instant::now();
    let rebuilt = reindex_timed(&state.db, &index, &state.skills.clone().into_inner()).await?;
    let (indexed, reindex_time) = (rebuilt.records, started.elapsed());
    eprintln!(
        "reindex: {:.1} s reading pages, {:.1} s adding, {:.1} s committing, {:.1} s merging",
        rebuilt.reading.as_secs_f64(),
        rebuilt.adding.as_secs_f64(),
        rebuilt.committing.as_secs_f64(),
        rebuilt.merging.as_secs_f64()
    );
    let segments = index.num_segments();
    let rss_after_reindex = rss_mb();
    drop(index);
    state.db.pool().close().await;
    drop(state);
    let index_mb = dir_bytes(&dir.join("index")) as f64 / 1e6;
    let database_mb = dir_bytes(&dir) as f64 / 1e6 - dir_bytes(&dir.join("index")) as f64 / 1e6;
    println!();
    let made = if open == 0 { format!("generated in {:.0} s", generation.as_secs_f64()) } else { "kept from an earlier run".to_string() };
    println!("Province: {indexed} postings over {} places {made}; reindex RSS {rss_after_reindex} MB.", places.len());
    let child = std::process::Command::new(std::env::current_exe()?).arg(format!("--open={}", dir.display())).arg("--bench").output()?;
    if !child.status.success() {
        anyhow::bail!("the serving process failed: {}", String::from_utf8_lossy(&child.stderr));
    }
    let serving = String::from_utf8_lossy(&child.stdout);
    let serving = serving.lines().last().unwrap_or_default();
    println!();
    println!("| open postings | full reindex | postings/s | segments | index on disk | database on disk | start-up | match p50 / p99 | search p50 / p99 | RSS after start-up | RSS after the queries |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    println!(
        "| {indexed} | {:.1} s | {:.0} | {segments} | {index_mb:.0} MB | {database_mb:.0} MB | {serving}",
        reindex_time.as_secs_f64(),
        indexed as f64 / reindex_time.as_secs_f64()
    );
    Ok(())
}

/// Opens an existing data directory as the server does, then times matches
/// and searches; prints one line: the table's last five cells.
pub async fn open(dir: &Path) -> anyhow::Result<()> {
    let started = Instant::now();
    let settings = Settings {
        data_dir: dir.to_path_buf(),
        secret_key: Some("bench-secret-key-that-is-long-enough-000000".to_string().into()),
        seed_demo: false,
        ..Settings::default()
    };
    let db = prepare_database(&settings).await?;
    let state = load_state(&settings, db).await?;
    let mut rng = StdRng::seed_from_u64(19);
    let places = places(&state, &mut rng);
    let skills: Vec<SkillCode> = state.skills.all().iter().map(|s| s.code.clone()).collect();
    let profiles: Vec<_> = (0..QUERIES).map(|_| profile(&mut rng, &places, &skills).0).collect();
    let index = state.index.clone().into_inner();
    find_matches(&index, &state.skills, &state.regions, &profiles[0], None, 10, Fill::IfThin).await?;
    let startup = started.elapsed();
    let rss_started = rss_mb();
    let mut matching = Vec::with_capacity(QUERIES);
    for profile in &profiles {
        let t = Instant::now();
        find_matches(&index, &state.skills, &state.regions, profile, None, 10, Fill::IfThin).await?;
        matching.push(t.elapsed());
    }
    let mut searching = Vec::with_capacity(QUERIES);
    for _ in 0..QUERIES {
        let request = search_request(&mut rng, &places);
        let t = Instant::now();
        index.search(request).await?;
        searching.push(t.elapsed());
    }
    let (m50, m99) = percentiles(&mut matching);
    let (s50, s99) = percentiles(&mut searching);
    println!("{:.2} s | {} / {} | {} / {} | {rss_started} MB | {} MB |", startup.as_secs_f64(), ms(m50), ms(m99), ms(s50), ms(s99), rss_mb());
    Ok(())
}

/// What the search page asks: a word, and a city or county half the time,
/// relevance blended with nearness to the place, 20 a page (the engine's
/// part; the page's 20 rows are then read from the database).
fn search_request(rng: &mut StdRng, places: &[(String, Point)]) -> SearchRequest {
    let (code, point) = places.choose(rng).expect("places");
    let region = rng.gen_bool(0.5).then(|| code[..4.min(code.len())].to_string());
    SearchRequest {
        filters: Filters { valid_on: doorstep_server::clock::today().unix_days(), region, ..Filters::default() },
        relevance: Relevance { skills: Vec::new(), certified: Vec::new(), text: Some(WORDS.choose(rng).expect("words").to_string()) },
        ranking: Ranking::Relevance,
        near: Some(*point),
        distance_scale_km: 20.0,
        offset: 0,
        limit: 20,
        fill_below: 0,
        with_text: false,
    }
}

/// Ankang's towns, points around Shaanxi's other cities and around the
/// destinations (region code, point).
fn places(state: &AppState, rng: &mut StdRng) -> Vec<(String, Point)> {
    let mut places = towns(state);
    let shaanxi = RegionCode::parse("61").expect("code");
    let cities: Vec<(String, Point)> =
        state.regions.read(|t| t.descendants_at(&shaanxi, RegionLevel::City).iter().map(|r| (r.code.to_string(), Point { lat: r.lat, lon: r.lon })).collect());
    let destinations: Vec<(String, Point)> = state.regions.read(|t| {
        DESTINATIONS
            .iter()
            .filter_map(|c| RegionCode::parse(c).ok())
            .filter_map(|c| t.get(&c).map(|r| (r.code.to_string(), Point { lat: r.lat, lon: r.lon })))
            .collect()
    });
    for (code, point) in cities.iter().filter(|(c, _)| c != "6109") {
        let count = if code == "6101" { 50 } else { 25 };
        scatter(&mut places, rng, code, *point, count);
    }
    for (code, point) in &destinations {
        scatter(&mut places, rng, code, *point, 20);
    }
    places
}

fn scatter(places: &mut Vec<(String, Point)>, rng: &mut StdRng, code: &str, around: Point, count: usize) {
    for _ in 0..count {
        places.push((code.to_string(), Point { lat: around.lat + rng.gen_range(-0.27..0.27), lon: around.lon + rng.gen_range(-0.3..0.3) }));
    }
}

/// Bytes of every file under `dir`.
fn dir_bytes(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    let mut total = 0;
    for entry in entries.flatten() {
        match entry.metadata() {
            Ok(m) if m.is_dir() => total += dir_bytes(&entry.path()),
            Ok(m) => total += m.len(),
            Err(_) => {}
        }
    }
    total
}
