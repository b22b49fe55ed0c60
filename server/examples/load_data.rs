//! The data of the HTTP load run (`cargo xtask load`): a data directory
//! holding `N` open postings generated as the engine bench generates them
//! (`benches/support/generate.rs`), their index rebuilt, and beside them the
//! requests the run rotates through: `queries.txt` (public search query
//! strings, one a line, words from the postings' titles and the skill
//! catalogue) and `profiles.jsonl` (match requests, one a line, profiles drawn
//! as the bench draws them, skills named in Chinese, home as a point).
//!
//! `cargo run --release -p doorstep-server --example load_data -- DIR N`

#[path = "../benches/support/mod.rs"]
mod support;

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::Context;
use doorstep_server::configuration::Settings;
use doorstep_server::search::reindex;
use doorstep_server::startup::{load_state, prepare_database};
use doorstep_shared::api::{Datum, MatchRequest};
use doorstep_shared::types::SkillCode;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use support::generate::{insert_postings, profile, towns};

/// Requests of each kind written for the run to rotate through.
const REQUESTS: usize = 500;

/// Words people type: the generated titles and their stems.
const WORDS: &[&str] = &["缝纫", "缝纫工", "采茶", "茶", "普工", "包装", "包装工", "电子装配", "建筑小工", "家政", "养老护理", "厨师", "保洁", "电工"];

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().context("usage: load_data DIR N")?);
    let n: usize = args.next().context("usage: load_data DIR N")?.parse().context("N must be a number")?;
    let settings = Settings { data_dir: dir.clone(), database_url: None, seed_demo: false, ..Settings::default() };
    let db = prepare_database(&settings).await?;
    let state = load_state(&settings, db).await?;
    let mut rng = StdRng::seed_from_u64(7);
    let towns = towns(&state);
    let skills: Vec<SkillCode> = state.skills.all().iter().map(|s| s.code.clone()).collect();
    insert_postings(&state, &mut rng, &towns, &skills, n).await?;
    let indexed = reindex(&state.db, &state.index.clone().into_inner(), &state.skills.clone().into_inner()).await?;
    println!("{indexed} open postings indexed in {}", dir.display());

    let names: Vec<&str> = state.skills.all().iter().map(|s| s.name_zh.as_str()).collect();
    let mut queries = String::new();
    for _ in 0..REQUESTS {
        let word = if rng.gen_bool(0.5) { *WORDS.choose(&mut rng).expect("words") } else { *names.choose(&mut rng).expect("skills") };
        let mut line = format!("/api/v1/postings?q={}", form_urlencoded::byte_serialize(word.as_bytes()).collect::<String>());
        // Some narrow to a county, as the search page's region picker does.
        if rng.gen_bool(0.25) {
            let (town, _) = towns.choose(&mut rng).expect("towns");
            write!(line, "&region={}", &town[..6])?;
        }
        queries.push_str(&line);
        queries.push('\n');
    }
    std::fs::write(dir.join("queries.txt"), queries).context("writing queries.txt")?;

    let mut profiles = String::new();
    for _ in 0..REQUESTS {
        let (p, home) = profile(&mut rng, &towns, &skills);
        let request = MatchRequest {
            skills: p.skills.iter().map(|code| state.skills.names(code.as_ref()).0).collect(),
            text: None,
            region_code: None,
            lat: Some(home.lat),
            lon: Some(home.lon),
            datum: Datum::Wgs84,
            max_commute_km: p.max_commute_km,
            willing_to_relocate: p.willing_to_relocate,
            schedules: p.schedules,
            min_wage: p.min_wage,
            needs_accessible: p.needs_accessible,
            max_physical_demand: p.max_physical_demand,
            limit: 10,
        };
        profiles.push_str(&serde_json::to_string(&request)?);
        profiles.push('\n');
    }
    std::fs::write(dir.join("profiles.jsonl"), profiles).context("writing profiles.jsonl")?;
    Ok(())
}
