//! The figures staff report (`/api/v1/employment/*`, `/api/v1/training/figures`)
//! and the follow-up worklist (`/api/v1/follow-ups`).

use doorstep_shared::api::{EmploymentFigures, EmploymentMeasure, EmploymentRecordPage, FollowUpState, FollowUpTaskPage, TrainingFigures};

use super::client::{fetch_json, get_with, ApiError};

/// Which figures: months `YYYY-MM` and a region code, each empty for the server's default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FigurePeriod {
    pub from: String,
    pub to: String,
    pub region: String,
}

impl FigurePeriod {
    fn query(&self) -> Vec<(&'static str, String)> {
        vec![("from", self.from.clone()), ("to", self.to.clone()), ("region", self.region.clone())]
    }
}

/// The employment figures of a period and region.
pub async fn employment_figures(period: &FigurePeriod) -> Result<EmploymentFigures, ApiError> {
    fetch_json(get_with("/api/v1/employment/figures", &period.query())?).await
}

/// The training figures of a period and region.
pub async fn training_figures(period: &FigurePeriod) -> Result<TrainingFigures, ApiError> {
    fetch_json(get_with("/api/v1/training/figures", &period.query())?).await
}

/// One bar of a figure: an area's code, a month or a category (`none` for people with none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slice {
    All,
    Area(String),
    Month(String),
    Category(String),
}

/// Records per page in a drill-down.
pub const RECORDS_PER_PAGE: u32 = 20;

/// The records behind a figure (or one bar of it), newest first, one page.
pub async fn employment_records(period: &FigurePeriod, measure: EmploymentMeasure, slice: &Slice, page: u32) -> Result<EmploymentRecordPage, ApiError> {
    let mut query = period.query();
    query.push(("measure", measure.as_str().to_string()));
    match slice {
        Slice::All => {}
        Slice::Area(code) => query.push(("area", code.clone())),
        Slice::Month(month) => query.push(("month", month.clone())),
        Slice::Category(category) => query.push(("category", category.clone())),
    }
    query.push(("page", page.max(1).to_string()));
    query.push(("per_page", RECORDS_PER_PAGE.to_string()));
    fetch_json(get_with("/api/v1/employment/records", &query)?).await
}

/// The address of a figures export (`xlsx` or `csv`), for a download link.
pub fn employment_export_url(period: &FigurePeriod, format: &str) -> String {
    let mut query = period.query();
    query.push(("format", format.to_string()));
    let pairs: Vec<String> = query.iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| format!("{k}={v}")).collect();
    format!("/api/v1/employment/figures/export?{}", pairs.join("&"))
}

/// Follow-ups per page.
pub const FOLLOW_UPS_PER_PAGE: u32 = 20;

/// Follow-ups owed in the caller's jurisdiction: `None` for due and overdue together.
pub async fn follow_up_worklist(state: Option<FollowUpState>, page: u32) -> Result<FollowUpTaskPage, ApiError> {
    let query = [
        ("state", state.map(|s| s.as_str().to_string()).unwrap_or_default()),
        ("page", page.max(1).to_string()),
        ("per_page", FOLLOW_UPS_PER_PAGE.to_string()),
    ];
    fetch_json(get_with("/api/v1/follow-ups", &query)?).await
}
