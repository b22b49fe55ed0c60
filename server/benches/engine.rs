//! Benchmarks of the matching engine on generated data with Ankang's real
//! geography: indexing rate, `/match` latency at 10k and 100k open postings
//! against a plain BM25 top-10 on the same index, server memory, and the
//! training suggestions' count of what 40 courses' skills would open; the
//! same match requests answered by the databases' own full-text search
//! (`engine/compare.rs`: SQLite FTS5 and PostgreSQL FTS, `engine/fts5.rs`,
//! `engine/pg_fts.rs`), and the relevance suite's nDCG for each engine
//! (`engine/relevance.rs`).
//!
//! `cargo bench -p doorstep-server --bench engine` (add `-- --quick` for 10k
//! only, `-- --size=N` for one size, `-- --push` for the batch push of 100k
//! people × 50k postings, `-- --spin` to repeat the match queries for 20 s
//! under a profiler, `-- --no-baselines` to leave out the databases' search,
//! `-- --province` for a million postings over Shaanxi, `engine/province.rs`,
//! with `--data=DIR` to keep them for the next run).
//! The push takes `--push-people=N` and `--push-postings=N`. With
//! `--postgres=postgres://…/postgres`, a server where the bench may create
//! and drop databases, the push runs on PostgreSQL (default SQLite in a
//! temp directory); with it or `DOORSTEP_TEST_POSTGRES_URL`, the
//! PostgreSQL baseline runs. Figures are printed as a table and appended to nothing:
//! copy them into BENCHMARKS.md by hand, with the machine they came from.

#[path = "engine/baseline.rs"]
mod baseline;
#[path = "engine/compare.rs"]
mod compare;
#[path = "engine/database.rs"]
mod database;
#[path = "engine/fts5.rs"]
mod fts5;
#[path = "engine/pg_fts.rs"]
mod pg_fts;
#[path = "engine/province.rs"]
mod province;
#[path = "engine/relevance.rs"]
mod relevance;

mod support;

use std::time::{Duration, Instant};

use doorstep_server::clock::today;
use doorstep_server::configuration::Settings;
use doorstep_server::domain::{Point, Profile};
use doorstep_server::matcher::{find_matches, hard_constraints, Fill};
use doorstep_server::search::{reindex, OpeningsRequest, Relevance};
use doorstep_server::startup::{load_state, prepare_database, AppState};
use doorstep_shared::types::SkillCode;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use support::generate::{bench_employer, insert_postings, profile, towns};

/// Enough that the p99 rests on 20 samples, not 4.
const QUERIES: usize = 2_000;

/// People whose training suggestions are counted, and the courses on offer.
const SUGGESTED: usize = 500;
const COURSES: usize = 40;

fn main() -> anyhow::Result<()> {
    let quick = std::env::args().any(|a| a == "--quick");
    let push = std::env::args().any(|a| a == "--push");
    let baselines = !std::env::args().any(|a| a == "--no-baselines");
    let arg = |name: &str| std::env::args().find_map(|a| a.strip_prefix(name).map(str::to_string));
    let postgres = arg("--postgres=").or_else(|| std::env::var("DOORSTEP_TEST_POSTGRES_URL").ok());
    // `--size=N` runs one index size only.
    let one: Option<usize> = arg("--size=").and_then(|n| n.parse().ok());
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    runtime.block_on(async {
        if let Some(dir) = arg("--open=") {
            return province::open(std::path::Path::new(&dir)).await;
        }
        if std::env::args().any(|a| a == "--province") {
            return province::run(one.unwrap_or(1_000_000), arg("--data=").map(std::path::PathBuf::from)).await;
        }
        let database = match (&postgres, baselines) {
            (Some(admin), true) => Some(database::BenchDatabase::create(admin, "baselines").await?),
            _ => None,
        };
        let baseline_url = if baselines { Some(database.as_ref().map(|d| d.url.as_str())) } else { None };
        println!("| open postings | full reindex | postings/s | BM25 top-10 p50 / p99 | match p50 / p99 | match p99 ÷ BM25 p99 | match without fill p50 / p99 | segments | RSS after |");
        println!("|---|---|---|---|---|---|---|---|---|");
        let sizes: Vec<usize> = match one {
            Some(n) => vec![n],
            None if quick => vec![10_000],
            None => vec![10_000, 100_000],
        };
        let mut suggestions = Vec::new();
        for n in sizes {
            suggestions.push(run(n, baseline_url).await?);
        }
        println!();
        println!("| open postings | training suggestions ({COURSES} courses' skill sets) p50 / p99 per person | postings opened, mean |");
        println!("|---|---|---|");
        for row in suggestions {
            println!("{row}");
        }
        if let Some(postgres) = baseline_url {
            run_relevance(postgres).await?;
        }
        if let Some(database) = database {
            database.drop().await?;
        }
        if push {
            let people = arg("--push-people=").and_then(|n| n.parse().ok()).unwrap_or(100_000);
            let postings = arg("--push-postings=").and_then(|n| n.parse().ok()).unwrap_or(50_000);
            run_push_bench(people, postings, arg("--postgres=")).await?;
        }
        Ok(())
    })
}

async fn fresh_state(dir: &tempfile::TempDir) -> anyhow::Result<AppState> {
    fresh_state_on(dir.path(), None).await
}

async fn fresh_state_on(dir: &std::path::Path, database_url: Option<String>) -> anyhow::Result<AppState> {
    let settings = Settings {
        data_dir: dir.to_path_buf(),
        database_url,
        secret_key: Some("bench-secret-key-that-is-long-enough-000000".to_string().into()),
        seed_demo: false,
        ..Settings::default()
    };
    let db = prepare_database(&settings).await?;
    load_state(&settings, db).await
}

/// The batch push: every person gets their top 3 new matches in the inbox.
async fn run_push_bench(people: usize, postings: usize, postgres: Option<String>) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let database = match &postgres {
        Some(admin) => Some(database::BenchDatabase::create(admin, "push").await?),
        None => None,
    };
    let state = fresh_state_on(dir.path(), database.as_ref().map(|d| d.url.clone())).await?;
    let backend = if database.is_some() { "PostgreSQL" } else { "SQLite" };
    let mut rng = StdRng::seed_from_u64(11);
    let towns = towns(&state);
    let skills: Vec<SkillCode> = state.skills.all().iter().map(|s| s.code.clone()).collect();
    insert_postings(&state, &mut rng, &towns, &skills, postings).await?;
    reindex(&state.db, &state.index.clone().into_inner(), &state.skills.clone().into_inner()).await?;
    let admin = doorstep_server::storage::find_user_by_username(&state.db, "bench").await?.map_or(0, |u| u.id);
    let started = Instant::now();
    insert_people(&state, &mut rng, &towns, &skills, people, admin).await?;
    let insert_time = started.elapsed();
    let started = Instant::now();
    let summary = state.push.run_now("", 3, |_, _| {}).await?;
    let push_time = started.elapsed();
    println!();
    println!("| backend | people × open postings | push time | people/s | inbox items | SMS queued | RSS after |");
    println!("|---|---|---|---|---|---|---|");
    println!(
        "| {backend} | {people} × {postings} | {:.1} s | {:.0} | {} | {} | {} MB |",
        push_time.as_secs_f64(),
        people as f64 / push_time.as_secs_f64(),
        summary.items,
        summary.sms_queued,
        rss_mb()
    );
    println!("(registering the {people} people beforehand took {:.1} s)", insert_time.as_secs_f64());
    state.db.pool().close().await;
    if let Some(database) = database {
        database.drop().await?;
    }
    Ok(())
}

async fn insert_people(state: &AppState, rng: &mut StdRng, towns: &[(String, Point)], skills: &[SkillCode], n: usize, actor: i64) -> anyhow::Result<()> {
    use doorstep_shared::api::{AssistanceCategory, Gender, PersonRequest, Preferences};
    let mut seq = 0u32;
    for _ in 0..n {
        let (town, _) = towns.choose(rng).expect("towns");
        seq += 1;
        let year = 1960 + (seq % 45) as u16;
        let body = format!("{}{year:04}{:02}{:02}{:03}", &town[..6], 1 + seq % 12, 1 + seq % 28, seq % 1000);
        let check = doorstep_shared::types::IdCardNumber::check_char(&body).expect("17 digits");
        let k = rng.gen_range(1..=2);
        let req = PersonRequest {
            name: "测试".into(),
            id_number: format!("{body}{check}"),
            phone: format!("138{:08}", seq),
            gender: if seq.is_multiple_of(2) { Gender::Female } else { Gender::Male },
            birth_year: year,
            home_region: town.clone(),
            home_lat: None,
            home_lon: None,
            categories: vec![AssistanceCategory::RegisteredPoor],
            disability_grade: None,
            skills: skills.choose_multiple(rng, k).map(ToString::to_string).collect(),
            preferences: Preferences { max_commute_km: 30, ..Preferences::default() },
            consent_to_share: true,
        };
        let Ok(draft) = state.regions.read(|t| doorstep_server::domain::parse_person(req, t, &state.skills, 2026)) else {
            continue;
        };
        let values = doorstep_server::storage::PersonValues::seal(&draft, &state.vault)?;
        // Generated numbers can repeat across towns of one county; skip those.
        let _ = doorstep_server::storage::insert_person(&state.db, &values, actor).await;
    }
    Ok(())
}

/// The relevance suite's cases asked of every engine on the suite's own postings.
async fn run_relevance(postgres: Option<&str>) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let state = fresh_state(&dir).await?;
    let towns = towns(&state);
    let (admin, employer) = bench_employer(&state, &towns).await?;
    relevance::run(&state, employer, admin, postgres).await
}

/// Runs the engine bench at `n` postings, and the baselines unless `baselines`
/// is `None` (`Some(None)`: SQLite's only); answers the suggestions' table row.
async fn run(n: usize, baselines: Option<Option<&str>>) -> anyhow::Result<String> {
    let dir = tempfile::tempdir()?;
    let state = fresh_state(&dir).await?;
    let mut rng = StdRng::seed_from_u64(7);
    let towns = towns(&state);
    let skills: Vec<SkillCode> = state.skills.all().iter().map(|s| s.code.clone()).collect();
    insert_postings(&state, &mut rng, &towns, &skills, n).await?;

    let index = state.index.clone().into_inner();
    let catalog = state.skills.clone().into_inner();
    let started = Instant::now();
    let indexed = reindex(&state.db, &index, &catalog).await?;
    let reindex_time = started.elapsed();
    assert_eq!(indexed as usize, n);

    let profiles: Vec<(Profile, Point)> = (0..QUERIES).map(|_| profile(&mut rng, &towns, &skills)).collect();
    let mut bm25 = Vec::with_capacity(QUERIES);
    let mut matching = Vec::with_capacity(QUERIES);
    let mut no_fill = Vec::with_capacity(QUERIES);
    for (profile, _) in &profiles {
        // Both run on the blocking pool, as the server runs every search.
        let relevance = Relevance { skills: profile.skills.iter().map(ToString::to_string).collect(), certified: Vec::new(), text: None };
        let plain = index.clone();
        let t = Instant::now();
        tokio::task::spawn_blocking(move || plain.plain_bm25(&relevance, 10)).await??;
        bm25.push(t.elapsed());
        let t = Instant::now();
        find_matches(&index, &catalog, &state.regions, profile, None, 10, Fill::IfThin).await?;
        matching.push(t.elapsed());
        let t = Instant::now();
        find_matches(&index, &catalog, &state.regions, profile, None, 10, Fill::Never).await?;
        no_fill.push(t.elapsed());
    }
    // `--spin`: repeat the match queries for a profiler to sample (perf record).
    if std::env::args().any(|a| a == "--spin") {
        let until = Instant::now() + Duration::from_secs(20);
        while Instant::now() < until {
            for (profile, _) in &profiles {
                find_matches(&index, &catalog, &state.regions, profile, None, 10, Fill::IfThin).await?;
            }
        }
    }
    let (b50, b99) = percentiles(&mut bm25);
    let (m50, m99) = percentiles(&mut matching);
    let (f50, f99) = percentiles(&mut no_fill);
    println!(
        "| {n} | {:.1} s | {:.0} | {} / {} | {} / {} | {:.2} | {} / {} | {} | {} MB |",
        reindex_time.as_secs_f64(),
        n as f64 / reindex_time.as_secs_f64(),
        ms(b50),
        ms(b99),
        ms(m50),
        ms(m99),
        m99.as_secs_f64() / b99.as_secs_f64(),
        ms(f50),
        ms(f99),
        index.num_segments(),
        rss_mb()
    );
    let suggested = suggest(n, &state, &index, &profiles, &skills, &mut rng).await?;
    if let Some(postgres) = baselines {
        let profiles: Vec<Profile> = profiles.iter().map(|(p, _)| p.clone()).collect();
        compare::run(n, &state, &profiles, postgres).await?;
    }
    Ok(suggested)
}

/// What each of `COURSES` courses' skills would open for `SUGGESTED` people:
/// the engine's part of a training suggestion (the sessions' query is one
/// small read), gate built from the profile as matching builds it.
async fn suggest(
    n: usize,
    state: &AppState,
    index: &std::sync::Arc<doorstep_server::search::PostingIndex>,
    profiles: &[(Profile, Point)],
    skills: &[SkillCode],
    rng: &mut StdRng,
) -> anyhow::Result<String> {
    let offers: Vec<Vec<String>> = (0..COURSES)
        .map(|_| {
            let k = rng.gen_range(1..=2);
            skills.choose_multiple(rng, k).map(ToString::to_string).collect()
        })
        .collect();
    let mut times = Vec::with_capacity(SUGGESTED);
    let mut opened = 0usize;
    for (profile, home) in profiles.iter().take(SUGGESTED) {
        let t = Instant::now();
        let request = OpeningsRequest {
            filters: hard_constraints(profile, &state.regions, today()),
            near: Some(*home),
            commute_km: (!profile.willing_to_relocate).then_some(profile.max_commute_km),
            has: profile.skills.iter().map(ToString::to_string).collect(),
            offers: offers.clone(),
        };
        let counts = index.openings(request).await?;
        times.push(t.elapsed());
        opened += counts.iter().map(|c| c.count).sum::<usize>();
    }
    let (p50, p99) = percentiles(&mut times);
    Ok(format!("| {n} | {} / {} | {:.0} |", ms(p50), ms(p99), opened as f64 / (SUGGESTED * COURSES) as f64))
}

fn percentiles(samples: &mut [Duration]) -> (Duration, Duration) {
    samples.sort();
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize];
    (at(0.50), at(0.99))
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// Resident set size of this process (server state: index reader, caches, pools).
fn rss_mb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status.lines().find(|l| l.starts_with("VmRSS:")).and_then(|l| l.split_whitespace().nth(1)).and_then(|kb| kb.parse::<u64>().ok()).map_or(0, |kb| kb / 1024)
}
