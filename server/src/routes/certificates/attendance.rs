//! `POST` and `GET /api/v1/training-sessions/{id}/attendance`

use actix_web::web;
use doorstep_shared::api::{AttendanceRequest, AttendanceSheet};

use super::{governed_session, refused};
use crate::auth::StaffScope;
use crate::domain::check_attendance_day;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::storage::{attendance_sheet, record_attendance, AttendanceDay, AttendanceOutcome, Db};

/// Records one day's attendance (a day recorded again is corrected) and answers the sheet.
#[utoipa::path(post, path = "/api/v1/training-sessions/{id}/attendance", tag = "training", request_body = AttendanceRequest,
    responses((status = 200, body = AttendanceSheet),
              (status = 409, body = doorstep_shared::api::ApiErrorBody, description = "`session_not_running`"),
              (status = 422, body = doorstep_shared::api::ApiErrorBody, description = "a day off the timetable, or an enrolment of another session")))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id, session_id = *path))]
pub async fn record_attendance_handler(
    scope: StaffScope,
    path: web::Path<i64>,
    body: ApiJson<AttendanceRequest>,
    db: web::Data<Db>,
) -> Result<web::Json<AttendanceSheet>, ApiError> {
    let session = governed_session(&scope, &db, *path).await?;
    let req = body.0;
    check_attendance_day(&session.terms, req.day).map_err(refused)?;
    let day = AttendanceDay { session_id: session.id, day: req.day, present: &req.present, absent: &req.absent, actor: scope.user.id };
    if let AttendanceOutcome::NotInSession(id) = record_attendance(&db, &day).await? {
        let field = match req.present.iter().position(|p| *p == id) {
            Some(i) => format!("present[{i}]"),
            None => format!("absent[{}]", req.absent.iter().position(|a| *a == id).unwrap_or(0)),
        };
        return Err(ApiError::validation(&field, format!("enrolment {id} holds no place in this session")));
    }
    sheet(&db, session.id).await.map(web::Json)
}

/// The session's attendance: each enrolment holding a place, with its days present and absent.
#[utoipa::path(get, path = "/api/v1/training-sessions/{id}/attendance", tag = "training", responses((status = 200, body = AttendanceSheet)))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id, session_id = *path))]
pub async fn get_attendance(scope: StaffScope, path: web::Path<i64>, db: web::Data<Db>) -> Result<web::Json<AttendanceSheet>, ApiError> {
    let session = governed_session(&scope, &db, *path).await?;
    sheet(&db, session.id).await.map(web::Json)
}

async fn sheet(db: &Db, session_id: i64) -> Result<AttendanceSheet, ApiError> {
    Ok(AttendanceSheet { session_id, rows: attendance_sheet(db, session_id).await? })
}
