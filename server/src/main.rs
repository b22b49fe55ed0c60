//! `doorstep`: parses the command line, loads settings, runs a subcommand.

use anyhow::Context;
use clap::Parser;
use doorstep_server::backup;
use doorstep_server::cli::{describe_import, describe_report, import_region_points_file, import_rows, Cli, Command, Import, ImportFile};
use doorstep_server::configuration::Settings;
use doorstep_server::search::{apply_pending, reindex};
use doorstep_server::seed::{create_user, seed_demo_if_empty, NewAccount};
use doorstep_server::startup::{load_state, prepare_database, AppState, Application};
use doorstep_server::telemetry;
use doorstep_shared::api::ImportKind;

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
    let command = cli.command.unwrap_or(Command::Serve);
    if let Command::Restore { file } = &command {
        backup::restore(&settings, file).await?;
        println!("restored {}; the search index is rebuilt at the next start", file.display());
        return Ok(());
    }
    let db = prepare_database(&settings).await?;
    match command {
        Command::Restore { .. } => unreachable!("handled before the database is opened"),
        Command::Backup { file } => {
            backup::backup(&db, &file).await?;
            println!("backed up to {}", file.display());
        }
        Command::Import { what: Import::RegionPoints { file } } => {
            let report = import_region_points_file(&db, &file).await?;
            print!("{}", describe_report(&report));
        }
        Command::Import { what: Import::People(args) } => {
            let state = load_state(&settings, db).await?;
            import_with_bar(&state, ImportKind::People, &args).await?;
        }
        Command::Import { what: Import::Postings(args) } => {
            let state = load_state(&settings, db).await?;
            import_with_bar(&state, ImportKind::Postings, &args).await?;
        }
        Command::Migrate => {
            tracing::info!("migrations applied and reference data loaded");
        }
        Command::Reindex => {
            let state = load_state(&settings, db).await?;
            let skills = state.skills.clone().into_inner();
            let n = reindex(&state.db, &state.index.clone().into_inner(), &skills).await?;
            println!("indexed {n} open postings");
            let n = reindex(&state.db, &state.courses.clone().into_inner(), &skills).await?;
            println!("indexed {n} course sessions");
            let n = reindex(&state.db, &state.products.clone().into_inner(), &skills).await?;
            println!("indexed {n} products on sale");
        }
        Command::SeedDemo => {
            let state = load_state(&settings, db).await?;
            seed_demo_if_empty(&state).await?;
        }
        Command::CreateUser { role, username, password, display_name, region, employer, person } => {
            let state = load_state(&settings, db).await?;
            let account = NewAccount { role, username, password, display_name, region, employer_id: employer, person_id: person };
            let id = create_user(&state, account).await?;
            println!("created user {id}");
        }
        Command::Push { region, top_k } => {
            let state = load_state(&settings, db).await?;
            push(&state, region, top_k).await?;
        }
        Command::Serve => {
            let state = load_state(&settings, db).await?;
            if settings.seed_demo {
                seed_demo_if_empty(&state).await.context("seeding the demo failed")?;
            }
            let indexer = state.spawn_indexer();
            state.spawn_region_points_follower();
            let pusher = state.spawn_push_worker();
            let texter = state.spawn_sms_worker(&settings.sms)?;
            let app = Application::build(&settings, state).await?;
            tracing::info!(port = app.port(), bind = %settings.bind, "doorstep is serving");
            tokio::select! {
                served = app.run_until_stopped() => served.context("server failed")?,
                _ = indexer => anyhow::bail!("the indexer stopped unexpectedly"),
                _ = pusher => anyhow::bail!("the push worker stopped unexpectedly"),
                _ = texter => anyhow::bail!("the sms worker stopped unexpectedly"),
            }
            tracing::info!("stopped");
        }
    }
    Ok(())
}

/// `doorstep import people|postings`: a progress bar over the rows, then the report.
async fn import_with_bar(state: &AppState, kind: ImportKind, args: &ImportFile) -> anyhow::Result<()> {
    let style = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} rows ({eta} left)").context("progress style")?;
    let bar = indicatif::ProgressBar::new(0).with_style(style);
    let report = import_rows(state, kind, args, |done, total| {
        bar.set_length(total);
        bar.set_position(done);
    })
    .await?;
    bar.finish_and_clear();
    print!("{}", describe_import(&report));
    if let Some(out) = args.errors.as_ref().filter(|_| !report.problems.is_empty()) {
        println!("the rows left out, with their problems, are in {}", out.display());
    }
    Ok(())
}

/// `doorstep push`: brings the index up to the database, then pushes with a progress bar.
async fn push(state: &AppState, region: Option<String>, top_k: u32) -> anyhow::Result<()> {
    anyhow::ensure!((1..=20).contains(&top_k), "--top-k must be 1 to 20");
    let prefix = match region {
        Some(raw) => state.regions.read(|t| t.resolve(&raw)).map_err(anyhow::Error::msg)?.to_string(),
        None => String::new(),
    };
    let (index, skills) = (state.index.clone().into_inner(), state.skills.clone().into_inner());
    while apply_pending(&state.db, &index, &skills).await? > 0 {}
    let style = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} people ({eta} left)").context("progress style")?;
    let bar = indicatif::ProgressBar::new(0).with_style(style);
    let summary = state
        .push
        .run_now(&prefix, top_k, |done, total| {
            bar.set_length(total);
            bar.set_position(done);
        })
        .await?;
    bar.finish_and_clear();
    println!(
        "pushed {} postings to {} of {} seeking people; {} sms queued; {} matches were pushed before",
        summary.items, summary.people_reached, summary.people, summary.sms_queued, summary.already_pushed
    );
    Ok(())
}
