//! Real region points from people who have them (a staff correction, a
//! bureau's gazetteer through `doorstep import region-points` or the staff
//! upload): stored in one transaction, then put into the live region tree, so
//! the server that took them uses them at once. Points another process wrote
//! (the command, another node) reach a serving process through
//! `follow_region_points`, which compares the real points every half minute.

use std::time::Duration;

use doorstep_shared::api::RegionPointsReport;
use doorstep_shared::types::RegionCode;

use crate::domain::{check_points_file, Point};
use crate::reference::Regions;
use crate::storage::{list_real_region_points, update_region_points, Db};

/// Why a points file was not imported at all.
#[derive(Debug, thiserror::Error)]
pub enum ImportPointsError {
    /// The file cannot be read as a table with code, lat and lon columns.
    #[error("{0}")]
    File(String),
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

/// Stores real points (WGS84) and refreshes the tree; they are no longer approximate.
pub async fn set_region_points(db: &Db, regions: &Regions, points: &[(RegionCode, Point)]) -> anyhow::Result<()> {
    update_region_points(db, points).await?;
    regions.write(|tree| {
        for (code, p) in points {
            tree.set_point(code, p.lat, p.lon);
        }
    });
    Ok(())
}

/// Checks every row of a points file and applies the good ones together;
/// `allowed` says which regions the caller may set.
pub async fn import_region_points(
    db: &Db,
    regions: &Regions,
    file: &[u8],
    allowed: impl Fn(&RegionCode) -> bool,
) -> Result<RegionPointsReport, ImportPointsError> {
    let checked = regions.read(|tree| check_points_file(file, tree, allowed)).map_err(ImportPointsError::File)?;
    set_region_points(db, regions, &checked.good).await?;
    let applied = u32::try_from(checked.good.len()).unwrap_or(u32::MAX);
    Ok(RegionPointsReport { rows: checked.rows, applied, problems: checked.problems })
}

/// Puts into the live tree every real point the database holds that the tree
/// does not; returns how many changed.
pub async fn refresh_region_points(db: &Db, regions: &Regions) -> anyhow::Result<usize> {
    let stored = list_real_region_points(db).await?;
    let mut changed = Vec::new();
    regions.read(|tree| {
        for (raw, lat, lon) in stored {
            let Ok(code) = RegionCode::parse(&raw) else { continue };
            if tree.get(&code).is_some_and(|r| r.approximate || r.lat != lat || r.lon != lon) {
                changed.push((code, Point { lat, lon }));
            }
        }
    });
    if !changed.is_empty() {
        regions.write(|tree| {
            for (code, p) in &changed {
                tree.set_point(code, p.lat, p.lon);
            }
        });
    }
    Ok(changed.len())
}

/// Follows the database's real points until the process ends.
pub async fn follow_region_points(db: Db, regions: actix_web::web::Data<Regions>) {
    loop {
        tokio::time::sleep(Duration::from_secs(30)).await;
        match refresh_region_points(&db, &regions).await {
            Ok(0) => {}
            Ok(changed) => tracing::info!(changed, "region points taken from the database"),
            Err(e) => tracing::error!(error.cause_chain = ?e, "refreshing region points failed; retrying"),
        }
    }
}
