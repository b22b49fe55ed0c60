//! Login, logout and the current user (`/api/v1/auth/*`, `/api/v1/me`).

use doorstep_shared::api::{LoginRequest, MeResponse, RegisterRequest, RegistrationCodeRequest, RegistrationCodeSent};
use gloo_net::http::Request;

use super::client::{fetch_empty, fetch_json, plain, with_json, ApiError};

/// Logs in; on success the server sets the session cookie and describes the user.
pub async fn login(request: &LoginRequest) -> Result<MeResponse, ApiError> {
    fetch_json(with_json(Request::post("/api/v1/auth/login"), request)?).await
}

/// Asks for a sign-up code by SMS; the answer is the same whether or not the phone has an account.
pub async fn ask_registration_code(request: &RegistrationCodeRequest) -> Result<RegistrationCodeSent, ApiError> {
    fetch_json(with_json(Request::post("/api/v1/auth/register/code"), request)?).await
}

/// Signs a job seeker up with the SMS code; on success the server logs them in, as `login` does.
pub async fn register(request: &RegisterRequest) -> Result<MeResponse, ApiError> {
    fetch_json(with_json(Request::post("/api/v1/auth/register"), request)?).await
}

/// Ends the session and clears its cookie.
pub async fn logout() -> Result<(), ApiError> {
    fetch_empty(plain(Request::post("/api/v1/auth/logout"))?).await
}

/// Describes the logged-in user; `None` when there is no session.
pub async fn get_me() -> Result<Option<MeResponse>, ApiError> {
    fetch_json(plain(Request::get("/api/v1/me"))?).await
}
