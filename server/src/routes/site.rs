//! The built frontend: `index.html` (revalidated on every visit, it names the
//! current assets) and `pkg/<build hash>/*` (content-addressed, cached for a
//! year). `cargo xtask site` writes a brotli and a gzip twin beside each file;
//! the one the browser accepts is sent as it is, so static files cost no
//! compression work per request. Any other non-API path gets `index.html` so
//! client-side routes survive a reload.

use std::path::{Path, PathBuf};

use actix_files::NamedFile;
use actix_web::http::header::{self, AcceptEncoding, CacheControl, CacheDirective, ContentEncoding, Encoding, Header, HeaderValue, Preference, Quality};
use actix_web::{web, HttpRequest, HttpResponse};

/// Where the built frontend lives.
#[derive(Clone)]
pub struct SiteDir(pub PathBuf);

pub async fn index(req: HttpRequest, site: web::Data<SiteDir>) -> HttpResponse {
    let path = site.0.join("index.html");
    if !path.is_file() {
        return HttpResponse::ServiceUnavailable()
            .content_type("text/plain; charset=utf-8")
            .body("the frontend is not built: run `cargo xtask serve` (the API under /api/v1 works regardless)\n");
    }
    match send(&req, &path, CacheControl(vec![CacheDirective::NoCache])).await {
        Ok(res) => res,
        Err(_) => HttpResponse::NotFound().finish(),
    }
}

pub async fn asset(req: HttpRequest, path: web::Path<(String, String)>, site: web::Data<SiteDir>) -> HttpResponse {
    let (build, name) = path.into_inner();
    // Only plain names: no way out of pkg/, and no asking for a twin directly.
    if !plain(&build) || !plain(&name) || name.ends_with(".br") || name.ends_with(".gz") {
        return HttpResponse::NotFound().finish();
    }
    let forever = CacheControl(vec![CacheDirective::Public, CacheDirective::MaxAge(31_536_000), CacheDirective::Extension("immutable".into(), None)]);
    let file = site.0.join("pkg").join(build).join(name);
    send(&req, &file, forever).await.unwrap_or_else(|_| HttpResponse::NotFound().finish())
}

/// A name of letters, digits, `_`, `-` and inner dots.
fn plain(name: &str) -> bool {
    !name.is_empty() && !name.starts_with('.') && !name.contains("..") && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// Sends `path`, or its precompressed twin when the browser accepts it, typed
/// by the original's extension, with `Vary: Accept-Encoding`.
async fn send(req: &HttpRequest, path: &Path, cache: CacheControl) -> std::io::Result<HttpResponse> {
    let extension = path.extension().and_then(|ext| ext.to_str()).unwrap_or_default();
    let mime = actix_files::file_extension_to_mime(extension);
    let mut chosen = (path.to_path_buf(), ContentEncoding::Identity);
    for (encoding, suffix) in preferred_encodings(req) {
        let twin = PathBuf::from(format!("{}.{suffix}", path.display()));
        if twin.is_file() {
            chosen = (twin, encoding);
            break;
        }
    }
    let (file, encoding) = chosen;
    let file = NamedFile::open_async(file)
        .await?
        .set_content_type(mime)
        .disable_content_disposition()
        // Also on identity: the Compress middleware leaves an encoded response alone.
        .set_content_encoding(encoding)
        .use_etag(true);
    let mut res = file.into_response(req);
    let headers = res.headers_mut();
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if let Ok(value) = cache.to_string().parse() {
        headers.insert(header::CACHE_CONTROL, value);
    }
    Ok(res)
}

/// The precompressed encodings the request accepts, best first: brotli, then gzip.
fn preferred_encodings(req: &HttpRequest) -> Vec<(ContentEncoding, &'static str)> {
    let Ok(AcceptEncoding(accepted)) = AcceptEncoding::parse(req) else {
        return Vec::new();
    };
    // A named encoding's own weight wins over `*`'s; weight zero refuses it.
    let accepts = |encoding: &Encoding| {
        let weight = |wanted: &Preference<Encoding>| accepted.iter().find(|item| &item.item == wanted).map(|item| item.quality);
        weight(&Preference::Specific(encoding.clone())).or_else(|| weight(&Preference::Any)).is_some_and(|quality| quality != Quality::ZERO)
    };
    [(ContentEncoding::Brotli, Encoding::brotli(), "br"), (ContentEncoding::Gzip, Encoding::gzip(), "gz")]
        .into_iter()
        .filter(|(_, encoding, _)| accepts(encoding))
        .map(|(content, _, suffix)| (content, suffix))
        .collect()
}
