//! HTTP plumbing behind the endpoint functions: send a request, decode the
//! contract's JSON on success and its `ApiErrorBody` on failure.
//! Requests go to the page's own origin, so the HttpOnly session cookie rides along.

use doorstep_shared::api::{self as shared, ErrorCode};
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;

/// Why a call failed, as far as the app needs to know.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The server answered with the contract's error body.
    Server(shared::ApiError),
    /// Some other HTTP error without a readable body (a proxy, a plain file server).
    Status(u16),
    /// No answer at all: offline, DNS failure, refused connection.
    Network,
    /// A success status whose body does not match the contract.
    Decode,
}

impl ApiError {
    /// Returns the contract's error code, when the server sent one.
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            Self::Server(error) => Some(error.code),
            Self::Status(status) => code_for_status(*status),
            Self::Network | Self::Decode => None,
        }
    }
}

/// Lets a bare status (without a JSON body) still be translated for the user.
fn code_for_status(status: u16) -> Option<ErrorCode> {
    match status {
        401 => Some(ErrorCode::Unauthenticated),
        403 => Some(ErrorCode::Forbidden),
        404 => Some(ErrorCode::NotFound),
        409 => Some(ErrorCode::Conflict),
        429 => Some(ErrorCode::RateLimited),
        500..=599 => Some(ErrorCode::Internal),
        _ => None,
    }
}

/// Sends a request and decodes a JSON success body. Only the decoding is
/// generic: the sending and reading is one function for every type, which
/// keeps each response type's cost in the WebAssembly to its deserialiser.
pub(super) async fn fetch_json<T: DeserializeOwned>(request: Request) -> Result<T, ApiError> {
    let text = fetch_text(request).await?;
    serde_json::from_str(&text).map_err(|_| ApiError::Decode)
}

async fn fetch_text(request: Request) -> Result<String, ApiError> {
    let response = send(request).await?;
    response.text().await.map_err(|_| ApiError::Decode)
}

/// Fetches a text file the site serves (not the API), such as a lazy area's strings.
pub(crate) async fn get_text(url: &str) -> Result<String, ApiError> {
    fetch_text(plain(Request::get(url))?).await
}

/// Sends a request whose success answer has no body (204).
pub(super) async fn fetch_empty(request: Request) -> Result<(), ApiError> {
    send(request).await.map(|_| ())
}

/// Builds a request without a body. The browser refuses to build one only
/// when it cannot make the call at all, hence `Network`.
pub(super) fn plain(builder: RequestBuilder) -> Result<Request, ApiError> {
    builder.build().map_err(|_| ApiError::Network)
}

/// Builds a GET request with query parameters; empty values are left out.
pub(super) fn get_with(url: &str, query: &[(&str, String)]) -> Result<Request, ApiError> {
    let pairs = query.iter().filter(|(_, value)| !value.is_empty()).map(|(name, value)| (*name, value.as_str()));
    plain(Request::get(url).query(pairs))
}

/// The `page` (from 1) and `per_page` parameters of a list call.
pub(super) fn paging(page: u32, per_page: u32) -> [(&'static str, String); 2] {
    [("page", page.max(1).to_string()), ("per_page", per_page.to_string())]
}

/// Builds a JSON request; serialising our own DTOs cannot realistically fail.
pub(super) fn with_json<B: serde::Serialize>(builder: RequestBuilder, body: &B) -> Result<Request, ApiError> {
    builder.json(body).map_err(|_| ApiError::Network)
}

/// Builds a request whose body is sent as it is: a file the user chose (a
/// `File` is a `Blob`, which the browser streams without copying it into the wasm).
pub(super) fn with_body(builder: RequestBuilder, body: wasm_bindgen::JsValue) -> Result<Request, ApiError> {
    builder.body(body).map_err(|_| ApiError::Network)
}

async fn send(request: Request) -> Result<Response, ApiError> {
    let response = request.send().await.map_err(|_| ApiError::Network)?;
    if response.ok() {
        return Ok(response);
    }
    Err(read_error(response).await)
}

/// Reads the contract's error body, falling back to the bare status.
async fn read_error(response: Response) -> ApiError {
    match response.json::<shared::ApiErrorBody>().await {
        Ok(body) => ApiError::Server(body.error),
        Err(_) => ApiError::Status(response.status()),
    }
}
