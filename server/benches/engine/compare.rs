//! Doorstep's match against the databases' own search (issue 15 part 1):
//! the same generated postings, the same requests (the bench's profiles, a
//! fifth of them with a few words of text), the same top 10, one engine
//! after the other in one run. Latency is one request at a time; throughput
//! is the same requests with four in flight (the machine has two cores, and
//! PostgreSQL shares them).

use std::time::{Duration, Instant};

use doorstep_server::clock::today;
use doorstep_server::domain::Profile;
use doorstep_server::matcher::{find_matches, Fill};
use doorstep_server::startup::AppState;
use doorstep_server::storage::{open_postings_page, Db};
use futures::stream::{self, TryStreamExt};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

use super::baseline::{Ask, Row, TOP};
use super::fts5::Fts5;
use super::pg_fts::PgFts;
use super::{ms, percentiles};

/// Requests in flight for the throughput figure.
const IN_FLIGHT: usize = 4;

/// What a fifth of the requests say besides their skills.
const TEXTS: [&str; 10] = ["包吃住", "想在家门口做衣服", "采茶", "电子厂普工", "照顾老人", "带孩子", "厨师", "保洁", "搬运装卸", "工地干活"];

/// One engine answering match requests.
pub enum Engine<'a> {
    Doorstep(&'a AppState),
    Fts5(&'a Fts5),
    Postgres(&'a PgFts),
}

impl Engine<'_> {
    pub fn name(&self) -> &'static str {
        match self {
            Engine::Doorstep(_) => "Doorstep match",
            Engine::Fts5(_) => "SQLite FTS5",
            Engine::Postgres(_) => "PostgreSQL FTS",
        }
    }

    /// The top 10 posting ids for a profile and text, best first.
    pub async fn top(&self, state: &AppState, profile: &Profile, text: Option<&str>) -> anyhow::Result<Vec<i64>> {
        let ask = || Ask::of(profile, text, &state.skills, today().unix_days()).ok_or_else(|| anyhow::anyhow!("profile without a home"));
        match self {
            Engine::Doorstep(s) => {
                let index = s.index.clone().into_inner();
                let matches = find_matches(&index, &s.skills, &s.regions, profile, text.map(String::from), TOP, Fill::IfThin).await?;
                Ok(matches.iter().map(|m| m.posting.id).collect())
            }
            Engine::Fts5(e) => e.top(&ask()?).await,
            Engine::Postgres(e) => e.top(&ask()?).await,
        }
    }
}

/// Every open posting of the database as a baseline row.
pub async fn rows(db: &Db, state: &AppState) -> anyhow::Result<Vec<Row>> {
    let mut rows = Vec::new();
    let mut after = 0;
    loop {
        let page = open_postings_page(db, after, 5_000).await?;
        let Some(last) = page.last() else { break };
        after = last.id;
        rows.extend(page.iter().map(|p| Row::of(p, &state.skills)));
    }
    Ok(rows)
}

/// The bench's profiles as match requests, a fifth with text (drawn apart,
/// so the profiles stay those of every earlier run).
pub fn requests(profiles: &[Profile]) -> Vec<(Profile, Option<String>)> {
    let mut rng = StdRng::seed_from_u64(15);
    profiles.iter().map(|p| (p.clone(), rng.gen_bool(0.2).then(|| TEXTS.choose(&mut rng).expect("texts").to_string()))).collect()
}

/// Times every engine on the same requests; prints one table row each.
pub async fn run(n: usize, state: &AppState, profiles: &[Profile], postgres: Option<&str>) -> anyhow::Result<()> {
    let requests = requests(profiles);
    let started = Instant::now();
    let rows = rows(&state.db, state).await?;
    let segmenting = started.elapsed();
    let started = Instant::now();
    let fts5 = Fts5::load(&rows).await?;
    let fts5_load = started.elapsed();
    let pg = match postgres {
        Some(url) => {
            let started = Instant::now();
            let pg = PgFts::load(url, &rows).await?;
            Some((pg, started.elapsed()))
        }
        None => None,
    };
    let sample = requests.iter().find_map(|(p, t)| Ask::of(p, t.as_deref(), &state.skills, today().unix_days()).filter(|a| a.has_terms()));
    println!();
    println!("Baselines at {n} postings ({} rows segmented in {:.1} s).", rows.len(), segmenting.as_secs_f64());
    if let Some(ask) = &sample {
        println!("FTS5 plan: {}", fts5.plan(ask).await?);
        if let Some((pg, _)) = &pg {
            println!("PostgreSQL plan: {}", pg.plan(ask).await?);
        }
    }
    println!();
    println!("| open postings | engine | load and index | throughput ({IN_FLIGHT} in flight) | p50 / p99 | Doorstep's throughput ÷ this |");
    println!("|---|---|---|---|---|---|");
    let mut engines = vec![(Engine::Doorstep(state), None), (Engine::Fts5(&fts5), Some(fts5_load))];
    if let Some((pg, load)) = &pg {
        engines.push((Engine::Postgres(pg), Some(*load)));
    }
    let mut doorstep_qps = 0.0;
    for (engine, load) in &engines {
        let (p50, p99, qps) = time(engine, state, &requests).await?;
        if let Engine::Doorstep(_) = engine {
            doorstep_qps = qps;
        }
        let load = load.map_or("(reindex above)".to_string(), |d| format!("{:.1} s", d.as_secs_f64()));
        println!("| {n} | {} | {load} | {qps:.0} /s | {} / {} | {:.1} |", engine.name(), ms(p50), ms(p99), doorstep_qps / qps);
    }
    if let Some((pg, _)) = pg {
        pg.drop_table().await?;
    }
    Ok(())
}

/// p50 and p99 one at a time, then requests per second with `IN_FLIGHT` at once.
async fn time(engine: &Engine<'_>, state: &AppState, requests: &[(Profile, Option<String>)]) -> anyhow::Result<(Duration, Duration, f64)> {
    let mut times = Vec::with_capacity(requests.len());
    for (profile, text) in requests {
        let t = Instant::now();
        engine.top(state, profile, text.as_deref()).await?;
        times.push(t.elapsed());
    }
    let (p50, p99) = percentiles(&mut times);
    let started = Instant::now();
    stream::iter(requests.iter().map(Ok::<_, anyhow::Error>))
        .try_for_each_concurrent(IN_FLIGHT, |(profile, text)| async move { engine.top(state, profile, text.as_deref()).await.map(|_| ()) })
        .await?;
    let qps = requests.len() as f64 / started.elapsed().as_secs_f64();
    Ok((p50, p99, qps))
}
