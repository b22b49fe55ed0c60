//! Login, logout, self-registration and `me`.

use actix_web::{web, HttpRequest, HttpResponse};
use doorstep_shared::api::{ErrorCode, LoginRequest, MeResponse, RegisterRequest, Role};
use doorstep_shared::types::Phone;

use crate::auth::{
    hash_password, hash_token, new_session_token, verify_password, CookiePolicy, CurrentUser, LoginThrottle,
    MIN_PASSWORD_CHARS, SESSION_COOKIE,
};
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::reference::Regions;
use crate::storage::{
    delete_session, find_user_by_username, insert_session, insert_user, linked_person_id, Db, InsertUserError, NewUser,
};

/// Checks credentials and sets the session cookie.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = MeResponse), (status = 401, body = doorstep_shared::api::ApiErrorBody), (status = 429, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(username = %body.0.username, user_id = tracing::field::Empty))]
pub async fn login(
    req: HttpRequest,
    body: ApiJson<LoginRequest>,
    db: web::Data<Db>,
    throttle: web::Data<LoginThrottle>,
    cookies: web::Data<CookiePolicy>,
    regions: web::Data<Regions>,
) -> Result<HttpResponse, ApiError> {
    let LoginRequest { username, password } = body.0;
    let address = req.peer_addr().map(|a| a.ip());
    if !throttle.allow(&username, address) {
        return Err(ApiError::new(ErrorCode::RateLimited, "too many login attempts, wait a minute"));
    }
    let user = find_user_by_username(&db, &username).await?;
    let ok = verify_password(password, user.as_ref().map(|u| u.password_hash.clone())).await?;
    let Some(user) = user.filter(|_| ok) else {
        return Err(ApiError::unauthenticated("wrong username or password"));
    };
    tracing::Span::current().record("user_id", user.id);
    let (token, hash) = new_session_token();
    insert_session(&db, &hash, user.id, i64::from(cookies.max_age_days) * 86_400).await?;
    let me = CurrentUserView::build(&user.id, &db, &regions).await?;
    Ok(HttpResponse::Ok().cookie(cookies.session_cookie(token)).json(me))
}

/// Ends the session (idempotent).
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", responses((status = 204)))]
pub async fn logout(req: HttpRequest, db: web::Data<Db>, cookies: web::Data<CookiePolicy>) -> Result<HttpResponse, ApiError> {
    if let Some(c) = req.cookie(SESSION_COOKIE) {
        delete_session(&db, &hash_token(c.value())).await?;
    }
    Ok(HttpResponse::NoContent().cookie(cookies.removal_cookie()).finish())
}

/// A job seeker signs up with phone and password.
#[utoipa::path(post, path = "/api/v1/auth/register", tag = "auth", request_body = RegisterRequest,
    responses((status = 201, body = MeResponse), (status = 409, body = doorstep_shared::api::ApiErrorBody), (status = 422, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all)]
pub async fn register(
    body: ApiJson<RegisterRequest>,
    db: web::Data<Db>,
    cookies: web::Data<CookiePolicy>,
    regions: web::Data<Regions>,
) -> Result<HttpResponse, ApiError> {
    let RegisterRequest { phone, password, display_name } = body.0;
    let phone = Phone::parse(&phone).map_err(|e| ApiError::validation("phone", e))?;
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(ApiError::validation("password", format!("password must have at least {MIN_PASSWORD_CHARS} characters")));
    }
    let display_name = display_name.trim();
    if display_name.is_empty() || display_name.chars().count() > 50 {
        return Err(ApiError::validation("display_name", "display_name must have 1 to 50 characters"));
    }
    let hash = hash_password(password).await?;
    let new = NewUser {
        username: phone.as_ref(),
        password_hash: &hash,
        role: Role::Seeker,
        display_name,
        region_code: None,
        employer_id: None,
        person_id: None,
    };
    let id = match insert_user(&db, &new).await {
        Ok(id) => id,
        Err(InsertUserError::UsernameTaken) => {
            return Err(ApiError::with_fields(ErrorCode::PhoneTaken, "this phone number is already registered", &["phone"]))
        }
        Err(InsertUserError::PersonTaken) => return Err(anyhow::anyhow!("a new account cannot take a person link").into()),
        Err(InsertUserError::Unexpected(e)) => return Err(e.into()),
    };
    let (token, hash) = new_session_token();
    insert_session(&db, &hash, id, i64::from(cookies.max_age_days) * 86_400).await?;
    let me = CurrentUserView::build(&id, &db, &regions).await?;
    Ok(HttpResponse::Created().cookie(cookies.session_cookie(token)).json(me))
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
        Ok(MeResponse { user_id: row.id, username: row.username, display_name: row.display_name, role, region, employer_id: row.employer_id, person_id })
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
        }
    }
}
