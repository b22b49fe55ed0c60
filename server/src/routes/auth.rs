//! Login, logout and `me` (self-registration: `register.rs`).

use actix_web::{web, HttpRequest, HttpResponse};
use doorstep_shared::api::{ErrorCode, LoginRequest, MeResponse};

use crate::auth::{
    hash_token, new_session_token, verify_password, ClientAddress, CookiePolicy, CurrentUser, LoginGate, LoginThrottle, MAX_USERNAME_CHARS, SESSION_COOKIE,
};
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::reference::Regions;
use crate::storage::{delete_session, find_user_by_username, insert_session, linked_person_id, Db};

/// Checks credentials and sets the session cookie.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = MeResponse), (status = 401, body = doorstep_shared::api::ApiErrorBody),
        (status = 422, body = doorstep_shared::api::ApiErrorBody), (status = 429, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = tracing::field::Empty))]
pub async fn login(
    address: ClientAddress,
    body: ApiJson<LoginRequest>,
    db: web::Data<Db>,
    throttle: web::Data<LoginThrottle>,
    cookies: web::Data<CookiePolicy>,
    regions: web::Data<Regions>,
) -> Result<HttpResponse, ApiError> {
    let LoginRequest { username, password } = body.0;
    if username.chars().count() > MAX_USERNAME_CHARS {
        return Err(ApiError::validation("username", format!("username must have at most {MAX_USERNAME_CHARS} characters")));
    }
    match throttle.check(&username, address.0) {
        LoginGate::Proceed => {}
        LoginGate::SlowDown(delay) => tokio::time::sleep(delay).await,
        LoginGate::Refuse => return Err(ApiError::rate_limited("too many login attempts, wait a minute", 60)),
    }
    let user = find_user_by_username(&db, &username).await?;
    let ok = verify_password(password, user.as_ref().map(|u| u.password_hash.clone())).await?;
    let Some(user) = user.filter(|_| ok) else {
        return Err(ApiError::unauthenticated("wrong username or password"));
    };
    tracing::Span::current().record("user_id", user.id);
    let (cookie, me) = start_session(user.id, &db, &cookies, &regions).await?;
    Ok(HttpResponse::Ok().cookie(cookie).json(me))
}

/// Opens a session for a user who proved who they are: its cookie, and who they are.
pub(super) async fn start_session(
    id: i64,
    db: &Db,
    cookies: &CookiePolicy,
    regions: &Regions,
) -> Result<(actix_web::cookie::Cookie<'static>, MeResponse), ApiError> {
    let (token, hash) = new_session_token();
    insert_session(db, &hash, id, i64::from(cookies.max_age_days) * 86_400).await?;
    let me = CurrentUserView::build(&id, db, regions).await?;
    Ok((cookies.session_cookie(token), me))
}

/// Ends the session (idempotent).
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", responses((status = 204)))]
pub async fn logout(req: HttpRequest, db: web::Data<Db>, cookies: web::Data<CookiePolicy>) -> Result<HttpResponse, ApiError> {
    if let Some(c) = req.cookie(SESSION_COOKIE) {
        delete_session(&db, &hash_token(c.value())).await?;
    }
    Ok(HttpResponse::NoContent().cookie(cookies.removal_cookie()).finish())
}

/// Who is logged in: the user, or `null` for a visitor without a session
/// (a 200, so an anonymous first visit logs no error in the browser).
#[utoipa::path(get, path = "/api/v1/me", tag = "auth", responses((status = 200, body = Option<MeResponse>, description = "the logged-in user, or null without a session")))]
pub async fn me(user: Result<CurrentUser, ApiError>, db: web::Data<Db>, regions: web::Data<Regions>) -> Result<web::Json<Option<MeResponse>>, ApiError> {
    let user = match user {
        Ok(user) => user,
        // No session, or an expired one; a broken database is still an error.
        Err(error) if error.code() == ErrorCode::Unauthenticated => return Ok(web::Json(None)),
        Err(error) => return Err(error),
    };
    let person_id = linked_person_id(&db, user.id).await?;
    Ok(web::Json(Some(CurrentUserView::from_user(&user, person_id, &regions))))
}

/// Builds `MeResponse` for a user.
struct CurrentUserView;

impl CurrentUserView {
    async fn build(id: &i64, db: &Db, regions: &Regions) -> Result<MeResponse, ApiError> {
        let row = crate::storage::get_user(db, *id).await?;
        let region = row.region_code.as_ref().and_then(|c| regions.reference(c.as_ref()));
        let role = row.role;
        let person_id = linked_person_id(db, row.id).await?;
        Ok(MeResponse {
            user_id: row.id,
            username: row.username,
            display_name: row.display_name,
            role,
            region,
            employer_id: row.employer_id,
            person_id,
            producer_id: row.producer_id,
        })
    }

    fn from_user(user: &CurrentUser, person_id: Option<i64>, regions: &Regions) -> MeResponse {
        MeResponse {
            user_id: user.id,
            username: user.username.clone(),
            display_name: user.display_name.clone(),
            role: user.role,
            region: user.region.as_ref().and_then(|c| regions.reference(c.as_ref())),
            employer_id: user.employer_id,
            person_id,
            producer_id: user.producer_id,
        }
    }
}
