//! `POST /api/v1/imports/people`, `POST /api/v1/imports/postings` (staff:
//! the file is the raw body, the report the answer) and
//! `GET /api/v1/imports/{id}/errors` (the report's error sheet).

use actix_web::http::header::{ContentDisposition, DispositionParam, DispositionType, ExtendedValue};
use actix_web::{web, HttpResponse};
use doorstep_shared::api::{ImportKind, ImportReport};
use serde::Deserialize;

use crate::auth::StaffScope;
use crate::clock::today;
use crate::crypto::IdVault;
use crate::error::ApiError;
use crate::extract::FileBody;
use crate::import::{ErrorSheet, ImportError, ImportOptions, Importer};
use crate::reference::{Regions, SkillCatalog};
use crate::search::PostingIndex;
use crate::storage::{audit_error_sheet, get_import_report, Db};

/// The largest file imported (a roster of some 100,000 rows as CSV).
pub const IMPORT_LIMIT: usize = 16 * 1024 * 1024;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ImportQuery {
    /// Check every row and report, writing nothing (default false).
    dry_run: Option<bool>,
}

/// Registers the people of a roster in the caller's jurisdiction: the body
/// is the file, CSV (UTF-8 or GBK) or XLSX, its header naming 姓名,
/// 身份证号 (or 公民身份号码, 证件号码), 联系电话 (or 手机号), 户籍地 (or
/// 所在村, 住址, 村(社区): a name such as 老城街道 or 汉滨区老城街道, or a code),
/// and optionally 县区, 乡镇, 性别, 类别, 技能, 残疾等级, 同意推荐. Valid rows are
/// written in batches of 500, each one transaction; duplicates (the same
/// ID-card number earlier in the file or on record) and bad rows are reported.
#[utoipa::path(post, path = "/api/v1/imports/people", tag = "people", params(ImportQuery),
    request_body(content = String, description = "the file: CSV (UTF-8 or GBK) or XLSX, sent as the raw body", content_type = "text/csv"),
    responses((status = 200, body = ImportReport), (status = 403, body = doorstep_shared::api::ApiErrorBody),
        (status = 413, body = doorstep_shared::api::ApiErrorBody), (status = 422, body = doorstep_shared::api::ApiErrorBody, description = "the file is not a table with the needed columns")))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id, bytes = body.0.len()))]
pub async fn import_people(
    scope: StaffScope,
    query: web::Query<ImportQuery>,
    body: FileBody<IMPORT_LIMIT>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    skills: web::Data<SkillCatalog>,
    vault: web::Data<IdVault>,
) -> Result<web::Json<ImportReport>, ApiError> {
    upload(ImportKind::People, &importer(&scope, &db, &regions, &skills, &vault), &query, &body.0).await
}

/// Creates the postings of a list, pending review, for employers in the
/// caller's jurisdiction: the body is the file, its header naming 单位名称
/// (an employer's name or id), 岗位名称, 工作地点, 招聘人数, 月薪 (3000 or
/// 3000-4500), and optionally 技能要求, 用工形式, 有效期至, 岗位描述, 包吃住,
/// 体力要求, 无障碍. Duplicates (the same employer, title and place earlier in
/// the file, or pending or open on record) and bad rows are reported.
#[utoipa::path(post, path = "/api/v1/imports/postings", tag = "postings", params(ImportQuery),
    request_body(content = String, description = "the file: CSV (UTF-8 or GBK) or XLSX, sent as the raw body", content_type = "text/csv"),
    responses((status = 200, body = ImportReport), (status = 403, body = doorstep_shared::api::ApiErrorBody),
        (status = 413, body = doorstep_shared::api::ApiErrorBody), (status = 422, body = doorstep_shared::api::ApiErrorBody, description = "the file is not a table with the needed columns")))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id, bytes = body.0.len()))]
#[allow(clippy::too_many_arguments)]
pub async fn import_postings(
    scope: StaffScope,
    query: web::Query<ImportQuery>,
    body: FileBody<IMPORT_LIMIT>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    skills: web::Data<SkillCatalog>,
    vault: web::Data<IdVault>,
    index: web::Data<PostingIndex>,
) -> Result<web::Json<ImportReport>, ApiError> {
    let report = upload(ImportKind::Postings, &importer(&scope, &db, &regions, &skills, &vault), &query, &body.0).await?;
    index.changed.notify_one();
    Ok(report)
}

fn importer<'a>(scope: &StaffScope, db: &'a Db, regions: &'a Regions, skills: &'a SkillCatalog, vault: &'a IdVault) -> Importer<'a> {
    Importer { db, regions, skills, vault, actor: scope.user.id, reach: scope.reach(), today: today() }
}

/// Runs the import and keeps its report for the error sheet.
async fn upload(kind: ImportKind, importer: &Importer<'_>, query: &ImportQuery, file: &[u8]) -> Result<web::Json<ImportReport>, ApiError> {
    match importer.import(kind, file, ImportOptions::new(query.dry_run.unwrap_or(false)), |_, _| {}).await {
        Ok(imported) => Ok(web::Json(importer.keep(imported).await?)),
        Err(ImportError::File(message)) => Err(ApiError::validation("file", message)),
        Err(ImportError::Unexpected(e)) => Err(e.into()),
    }
}

/// The error sheet's formats.
#[derive(Debug, Default, Clone, Copy, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum SheetFormat {
    #[default]
    Xlsx,
    Csv,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct SheetQuery {
    /// `xlsx` (default) or `csv` (UTF-8 with a BOM).
    format: Option<SheetFormat>,
}

/// The rows an import left out, as the file had them, with the row number
/// first and the problems last: fix them and import the sheet again. Only
/// the uploader (or an admin) may download it, within a week; a people
/// import's sheet holds personal data, so the download is audited.
#[utoipa::path(get, path = "/api/v1/imports/{id}/errors", tag = "people", params(("id" = i64, Path, description = "the report's id"), SheetQuery),
    responses((status = 200, description = "the error sheet", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 404, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id, report_id = *id))]
pub async fn get_error_sheet(scope: StaffScope, id: web::Path<i64>, query: web::Query<SheetQuery>, db: web::Data<Db>) -> Result<HttpResponse, ApiError> {
    let stored = get_import_report(&db, *id).await?;
    if stored.user_id != scope.user.id && scope.jurisdiction().is_some() {
        return Err(ApiError::not_found("import report"));
    }
    let sheet: ErrorSheet = serde_json::from_str(&stored.sheet).map_err(|e| anyhow::Error::new(e).context("decode error sheet"))?;
    if stored.kind == ImportKind::People.as_str() {
        audit_error_sheet(&db, stored.id, scope.user.id).await?;
    }
    let (bytes, content_type, extension) = match query.format.unwrap_or_default() {
        SheetFormat::Xlsx => (sheet.to_xlsx()?, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
        SheetFormat::Csv => (sheet.to_csv()?, "text/csv; charset=utf-8", "csv"),
    };
    let disposition = ContentDisposition {
        disposition: DispositionType::Attachment,
        parameters: vec![
            DispositionParam::Filename(format!("import-errors-{}.{extension}", stored.id)),
            DispositionParam::FilenameExt(ExtendedValue {
                charset: actix_web::http::header::Charset::Ext("UTF-8".into()),
                language_tag: None,
                value: format!("导入错误-{}.{extension}", stored.id).into_bytes(),
            }),
        ],
    };
    Ok(HttpResponse::Ok().content_type(content_type).insert_header(disposition).body(bytes))
}
