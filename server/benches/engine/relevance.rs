//! The relevance suite of `tests/api/relevance.rs`, its postings and
//! hand-judged cases read from the same file (`tests/api/relevance.json`),
//! asked of each engine: the postings go in through the product's parser
//! and storage, each case's profile through the match route's own parsing
//! (`profile_from_request`), and nDCG@10 is computed as the test does.

use std::collections::HashMap;

use doorstep_server::clock::today;
use doorstep_server::domain::parse_posting;
use doorstep_server::routes::matching::profile_from_request;
use doorstep_server::search::reindex;
use doorstep_server::startup::AppState;
use doorstep_server::storage::insert_posting;
use doorstep_shared::api::{MatchRequest, PostingRequest, PostingStatus};
use serde_json::{json, Map, Value};

use super::compare::{rows, Engine};
use super::fts5::Fts5;
use super::pg_fts::PgFts;

const SUITE: &str = include_str!("../../../tests/api/relevance.json");

#[derive(serde::Deserialize)]
struct Suite {
    corpus: Vec<Map<String, Value>>,
    cases: Vec<Case>,
}

#[derive(serde::Deserialize)]
struct Case {
    why: String,
    profile: Value,
    judged: Vec<(String, u8)>,
}

/// Loads the suite's postings into `state` (a fresh one), asks every engine
/// every case, and prints each case's nDCG@10 and each engine's mean and minimum.
pub async fn run(state: &AppState, employer_id: i64, actor: i64, postgres: Option<&str>) -> anyhow::Result<()> {
    let suite: Suite = serde_json::from_str(SUITE)?;
    let mut titles = HashMap::new();
    for fixture in &suite.corpus {
        let mut p = Value::Object(fixture.clone());
        p["employer_id"] = json!(employer_id);
        p["description"] = json!(format!("{}，安康就业帮扶岗位", fixture["title"].as_str().unwrap_or_default()));
        p["headcount"] = json!(5);
        p["valid_until"] = json!(today().plus_days(30).to_string());
        let request: PostingRequest = serde_json::from_value(p)?;
        let draft = state.regions.read(|t| parse_posting(request, t, &state.skills, today())).map_err(|e| anyhow::anyhow!("{e:?}"))?;
        let id = insert_posting(&state.db, &draft, PostingStatus::Open, actor).await?;
        titles.insert(id, draft.title);
    }
    reindex(&state.db, &state.index.clone().into_inner(), &state.skills.clone().into_inner()).await?;
    let rows = rows(&state.db, state).await?;
    let fts5 = Fts5::load(&rows).await?;
    let pg = match postgres {
        Some(url) => Some(PgFts::load(url, &rows).await?),
        None => None,
    };
    let mut engines = vec![Engine::Doorstep(state), Engine::Fts5(&fts5)];
    if let Some(pg) = &pg {
        engines.push(Engine::Postgres(pg));
    }
    let mut scores: Vec<Vec<f64>> = vec![Vec::new(); engines.len()];
    println!();
    println!("| case | {} |", engines.iter().map(Engine::name).collect::<Vec<_>>().join(" | "));
    println!("|---|{}", "---|".repeat(engines.len()));
    for case in &suite.cases {
        let request: MatchRequest = serde_json::from_value(case.profile.clone())?;
        let query = profile_from_request(&request, &state.regions, &state.skills).map_err(|e| anyhow::anyhow!("{}: {e:?}", case.why))?;
        let text = query.text(&request);
        let mut row = Vec::new();
        for (engine, scores) in engines.iter().zip(scores.iter_mut()) {
            let ids = engine.top(state, &query.profile, text.as_deref()).await?;
            let got: Vec<String> = ids.iter().filter_map(|id| titles.get(id).cloned()).collect();
            let ndcg = ndcg_at_10(&got, &case.judged);
            scores.push(ndcg);
            row.push(format!("{ndcg:.3}"));
        }
        println!("| {} | {} |", case.why, row.join(" | "));
    }
    println!();
    println!("| engine | cases | mean nDCG@10 | minimum | cases below 0.70 |");
    println!("|---|---|---|---|---|");
    for (engine, scores) in engines.iter().zip(&scores) {
        let mean = scores.iter().sum::<f64>() / scores.len() as f64;
        let min = scores.iter().copied().fold(1.0, f64::min);
        let below = scores.iter().filter(|s| **s < 0.70).count();
        println!("| {} | {} | {mean:.3} | {min:.3} | {below} |", engine.name(), scores.len());
    }
    if let Some(pg) = pg {
        pg.drop_table().await?;
    }
    Ok(())
}

fn dcg(grades: &[u8]) -> f64 {
    grades.iter().enumerate().map(|(i, g)| (f64::from(2u32.pow(u32::from(*g))) - 1.0) / (i as f64 + 2.0).log2()).sum()
}

/// nDCG@10 as the test computes it.
fn ndcg_at_10(returned: &[String], judged: &[(String, u8)]) -> f64 {
    let grade = |t: &str| judged.iter().find(|(j, _)| j == t).map_or(0, |(_, g)| *g);
    let got: Vec<u8> = returned.iter().take(10).map(|t| grade(t)).collect();
    let mut ideal: Vec<u8> = judged.iter().map(|(_, g)| *g).collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    ideal.truncate(10);
    dcg(&got) / dcg(&ideal)
}
