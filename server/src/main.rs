//! `doorstep`: parses the command line, loads settings, runs a subcommand.

use anyhow::Context;
use clap::Parser;
use doorstep_server::cli::{Cli, Command};
use doorstep_server::configuration::Settings;
use doorstep_server::search::reindex;
use doorstep_server::seed::{create_user, seed_demo_if_empty, NewAccount};
use doorstep_server::startup::{load_state, prepare_database, Application};
use doorstep_server::telemetry;

#[tokio::main]
async fn main() {
    if let Err(e) = run().await {
        // One clear line (with causes) instead of a panic backtrace.
        eprintln!("doorstep: {e:#}");
        std::process::exit(1);
    }
}

async fn run() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let settings = Settings::load(&cli.config)?;
    telemetry::init(settings.log_format, &settings.log_level);
    let db = prepare_database(&settings).await?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Migrate => {
            tracing::info!("migrations applied and reference data loaded");
        }
        Command::Reindex => {
            let state = load_state(&settings, db).await?;
            let n = reindex(&state.db, &state.index.clone().into_inner(), &state.skills.clone().into_inner()).await?;
            println!("indexed {n} open postings");
        }
        Command::SeedDemo => {
            let state = load_state(&settings, db).await?;
            seed_demo_if_empty(&state).await?;
        }
        Command::CreateUser { role, username, password, display_name, region, employer } => {
            let state = load_state(&settings, db).await?;
            let account = NewAccount { role, username, password, display_name, region, employer_id: employer };
            let id = create_user(&state, account).await?;
            println!("created user {id}");
        }
        Command::Serve => {
            let state = load_state(&settings, db).await?;
            if settings.seed_demo {
                seed_demo_if_empty(&state).await.context("seeding the demo failed")?;
            }
            let indexer = state.spawn_indexer();
            let app = Application::build(&settings, state).await?;
            tracing::info!(port = app.port(), bind = %settings.bind, "doorstep is serving");
            tokio::select! {
                served = app.run_until_stopped() => served.context("server failed")?,
                _ = indexer => anyhow::bail!("the indexer stopped unexpectedly"),
            }
            tracing::info!("stopped");
        }
    }
    Ok(())
}
