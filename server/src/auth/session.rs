//! Session cookies and the `CurrentUser` extractor.

use std::future::Future;
use std::pin::Pin;

use actix_web::cookie::{Cookie, SameSite};
use actix_web::web::Data;
use actix_web::{dev::Payload, FromRequest, HttpMessage, HttpRequest};
use base64::Engine;
use doorstep_shared::api::Role;
use doorstep_shared::types::RegionCode;
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::error::ApiError;
use crate::storage::{find_session_user, Db, UserRecord};

pub const SESSION_COOKIE: &str = "doorstep_session";

/// A fresh random token for the cookie, and the hash we store.
pub fn new_session_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let hash = hash_token(&token);
    (token, hash)
}

pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Cookie settings shared by login and logout.
#[derive(Clone, Copy)]
pub struct CookiePolicy {
    pub secure: bool,
    pub max_age_days: u32,
}

impl CookiePolicy {
    pub fn session_cookie(&self, token: String) -> Cookie<'static> {
        Cookie::build(SESSION_COOKIE, token)
            .path("/")
            .http_only(true)
            .same_site(SameSite::Lax)
            .secure(self.secure)
            .max_age(actix_web::cookie::time::Duration::days(i64::from(self.max_age_days)))
            .finish()
    }

    pub fn removal_cookie(&self) -> Cookie<'static> {
        let mut c = self.session_cookie(String::new());
        c.make_removal();
        c
    }
}

/// The authenticated caller.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub region: Option<RegionCode>,
    pub employer_id: Option<i64>,
    /// The producer the account acts for (sales platform), any role.
    pub producer_id: Option<i64>,
}

impl CurrentUser {
    fn from_row(row: UserRecord) -> Result<Self, ApiError> {
        let (role, region) = (row.role, row.region_code);
        Ok(Self {
            id: row.id,
            username: row.username,
            display_name: row.display_name,
            role,
            region,
            employer_id: row.employer_id,
            producer_id: row.producer_id,
        })
    }
}

impl FromRequest for CurrentUser {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        // Two extractors in one handler share one lookup.
        if let Some(user) = req.extensions().get::<CurrentUser>() {
            let user = user.clone();
            return Box::pin(async move { Ok(user) });
        }
        let token = req.cookie(SESSION_COOKIE).map(|c| c.value().to_string());
        let db = req.app_data::<Data<Db>>().cloned();
        let req = req.clone();
        Box::pin(async move {
            let (Some(token), Some(db)) = (token, db) else {
                return Err(ApiError::unauthenticated("log in first"));
            };
            let row = find_session_user(&db, &hash_token(&token)).await?;
            let user = CurrentUser::from_row(row.ok_or_else(|| ApiError::unauthenticated("session expired, log in again"))?)?;
            tracing::Span::current().record("user_id", user.id);
            req.extensions_mut().insert(user.clone());
            Ok(user)
        })
    }
}
