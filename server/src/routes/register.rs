//! A job seeker signs up in two steps, so no answer tells who has an account:
//! `register/code` always answers 202 alike and the SMS tells the phone's
//! owner (a code, or that they have an account); `register` takes the code.

use actix_web::{web, HttpResponse};
use doorstep_shared::api::{ErrorCode, MeResponse, RegisterRequest, RegistrationCodeRequest, RegistrationCodeSent, Role};
use doorstep_shared::types::Phone;
use rand::Rng;

use super::auth::start_session;
use crate::auth::{check_new_password, hash_password, hash_token, ClientAddress, CookiePolicy, RegistrationThrottle};
use crate::clock::now;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::reference::Regions;
use crate::storage::{
    delete_registration_code, find_user_by_username, insert_registration_code, insert_registration_notice, insert_user, spend_registration_try, Db,
    InsertUserError, NewRegistrationCode, NewUser,
};

pub const CODE_VALID_MINUTES: u32 = 10;
/// Tries one code allows, right or wrong.
const CODE_TRIES: i64 = 5;
const ALREADY_REGISTERED_SMS: &str = "【安康就业帮扶】此手机号已注册，请直接用手机号登录；忘记密码请联系社区或乡镇工作人员。如非本人操作，请忽略本短信。";

/// Sends a sign-up code by SMS, or tells a phone that has an account so; the
/// same 202 either way.
#[utoipa::path(post, path = "/api/v1/auth/register/code", tag = "auth", request_body = RegistrationCodeRequest,
    responses((status = 202, body = RegistrationCodeSent, description = "an SMS is on its way, whether or not the phone has an account"),
        (status = 422, body = doorstep_shared::api::ApiErrorBody), (status = 429, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all)]
pub async fn request_registration_code(
    address: ClientAddress,
    body: ApiJson<RegistrationCodeRequest>,
    db: web::Data<Db>,
    throttle: web::Data<RegistrationThrottle>,
) -> Result<HttpResponse, ApiError> {
    let phone = Phone::parse(&body.0.phone).map_err(|e| ApiError::validation("phone", e))?;
    let phone = phone.as_ref();
    if !throttle.allow_code(phone, address.0) {
        return Err(ApiError::rate_limited("too many sign-up codes asked, wait an hour", 3600));
    }
    let masked = format!("{}****{}", &phone[..3], &phone[7..]);
    let at = now();
    if find_user_by_username(&db, phone).await?.is_some() {
        insert_registration_notice(&db, phone, ALREADY_REGISTERED_SMS, at).await?;
        tracing::info!(phone = %masked, "sign-up asked for a registered phone: the SMS says so");
    } else {
        let code = format!("{:06}", rand::rngs::OsRng.gen_range(0..1_000_000));
        let message = format!("【安康就业帮扶】您的注册验证码是{code}，{CODE_VALID_MINUTES}分钟内有效。如非本人操作，请忽略本短信。");
        let expires_at = at + i64::from(CODE_VALID_MINUTES) * 60;
        let stored = NewRegistrationCode { phone, code_hash: &code_hash(phone, &code), expires_at, message: &message, now: at };
        insert_registration_code(&db, &stored).await?;
        // With the default logging gateway nothing is sent: the log is how a demo reads its code.
        tracing::info!(phone = %masked, %code, "sign-up code queued (with the default logging gateway it is logged, not sent)");
    }
    Ok(HttpResponse::Accepted().json(RegistrationCodeSent { code_valid_minutes: CODE_VALID_MINUTES }))
}

/// Creates a seeker's account with the code the SMS brought, and logs them in.
#[utoipa::path(post, path = "/api/v1/auth/register", tag = "auth", request_body = RegisterRequest,
    responses((status = 201, body = MeResponse), (status = 409, body = doorstep_shared::api::ApiErrorBody),
        (status = 422, body = doorstep_shared::api::ApiErrorBody), (status = 429, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all)]
pub async fn register(
    address: ClientAddress,
    body: ApiJson<RegisterRequest>,
    db: web::Data<Db>,
    throttle: web::Data<RegistrationThrottle>,
    cookies: web::Data<CookiePolicy>,
    regions: web::Data<Regions>,
) -> Result<HttpResponse, ApiError> {
    if !throttle.allow_register(address.0) {
        return Err(ApiError::rate_limited("too many sign-up attempts, wait an hour", 3600));
    }
    let RegisterRequest { phone, code, password, display_name } = body.0;
    let phone = Phone::parse(&phone).map_err(|e| ApiError::validation("phone", e))?;
    let display_name = display_name.trim();
    if display_name.is_empty() || display_name.chars().count() > 50 {
        return Err(ApiError::validation("display_name", "display_name must have 1 to 50 characters"));
    }
    check_new_password(&password, phone.as_ref(), display_name)?;
    use_code(&db, phone.as_ref(), code.trim()).await?;
    let hash = hash_password(password).await?;
    let id = create_seeker(&db, phone.as_ref(), &hash, display_name).await?;
    let (cookie, me) = start_session(id, &db, &cookies, &regions).await?;
    Ok(HttpResponse::Created().cookie(cookie).json(me))
}

/// Spends a try of the phone's code and uses it up when it is right.
async fn use_code(db: &Db, phone: &str, code: &str) -> Result<(), ApiError> {
    let wrong = || ApiError::with_fields(ErrorCode::WrongCode, "the code is wrong or has expired; ask for a new one", &["code"]);
    let Some(stored) = spend_registration_try(db, phone, now(), CODE_TRIES).await? else {
        return Err(wrong());
    };
    if stored != code_hash(phone, code) || !delete_registration_code(db, phone, &stored).await? {
        return Err(wrong());
    }
    Ok(())
}

async fn create_seeker(db: &Db, phone: &str, password_hash: &str, display_name: &str) -> Result<i64, ApiError> {
    let new = NewUser { username: phone, password_hash, role: Role::Seeker, display_name, region_code: None, employer_id: None, person_id: None };
    match insert_user(db, &new).await {
        Ok(id) => Ok(id),
        // Only who holds the phone's code gets here, so saying so reveals nothing.
        Err(InsertUserError::UsernameTaken) => Err(ApiError::with_fields(ErrorCode::PhoneTaken, "this phone number is already registered", &["phone"])),
        Err(InsertUserError::PersonTaken) => Err(anyhow::anyhow!("a new account cannot take a person link").into()),
        Err(InsertUserError::Unexpected(e)) => Err(e.into()),
    }
}

/// The stored form of a code: bound to its phone, so one phone's code cannot serve another.
fn code_hash(phone: &str, code: &str) -> String {
    hash_token(&format!("{phone}:{code}"))
}
