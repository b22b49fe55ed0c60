//! Where image files live: an object store, by default a directory under the
//! data directory, or any S3-compatible bucket (`images_url = "s3://bucket/prefix"`)
//! so that several server nodes see the same files. Objects are named by
//! content hash (`ab/abcd…/display.jpg`), so a write is idempotent and a file,
//! once written, never changes: any node may write it, any may serve it.

use std::path::Path;
use std::sync::Arc;

use actix_web::web::Bytes;
use anyhow::Context;
use object_store::local::LocalFileSystem;
use object_store::path::Path as ObjectPath;
use object_store::prefix::PrefixStore;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};
use url::Url;

use super::ImageHash;
use crate::configuration::Settings;

/// One of the two files stored per image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageVariant {
    Thumb,
    Display,
}

impl ImageVariant {
    /// The file name, as it appears in object names and URLs.
    pub fn file_name(self) -> &'static str {
        match self {
            Self::Thumb => "thumb.jpg",
            Self::Display => "display.jpg",
        }
    }

    /// The variant a URL's last segment names, if any.
    pub fn from_file_name(name: &str) -> Option<Self> {
        [Self::Thumb, Self::Display].into_iter().find(|v| v.file_name() == name)
    }
}

/// The image files, behind any object store.
#[derive(Clone)]
pub struct ImageStore {
    store: Arc<dyn ObjectStore>,
}

impl std::fmt::Debug for ImageStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The store's own Debug may print credentials.
        f.write_str("ImageStore")
    }
}

impl ImageStore {
    /// The store the settings name: `images_url`, or the directory in the data directory.
    pub fn for_settings(settings: &Settings) -> anyhow::Result<Self> {
        match &settings.images_url {
            Some(url) => Self::from_url(url),
            None => Self::local(&settings.images_dir()),
        }
    }

    /// Files in a local directory, created if needed.
    pub fn local(dir: &Path) -> anyhow::Result<Self> {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create image directory {}", dir.display()))?;
        let store = LocalFileSystem::new_with_prefix(dir).with_context(|| format!("cannot open image directory {}", dir.display()))?;
        Ok(Self { store: Arc::new(store) })
    }

    /// The store a URL names: `s3://bucket/prefix` (configured by the usual
    /// `AWS_*` variables: `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
    /// `AWS_REGION`, and `AWS_ENDPOINT` with `AWS_ALLOW_HTTP` for other
    /// S3-compatible stores), `file:///absolute/dir` or `memory:///`.
    pub fn from_url(raw: &str) -> anyhow::Result<Self> {
        let url = Url::parse(raw).with_context(|| format!("images_url {raw:?} is not a url"))?;
        let aws = std::env::vars().filter(|(key, _)| key.starts_with("AWS_"));
        let (store, prefix) =
            object_store::parse_url_opts(&url, aws).with_context(|| format!("cannot open the image store at {}", url.origin().ascii_serialization()))?;
        let store: Arc<dyn ObjectStore> = if prefix.as_ref().is_empty() { Arc::from(store) } else { Arc::new(PrefixStore::new(store, prefix)) };
        Ok(Self { store })
    }

    /// Writes both files of an image. Writing an image again writes the same
    /// bytes under the same names, so retries and races are harmless.
    #[tracing::instrument(skip_all, fields(hash = %hash))]
    pub async fn put(&self, hash: &ImageHash, display: &[u8], thumb: &[u8]) -> anyhow::Result<()> {
        for (variant, bytes) in [(ImageVariant::Thumb, thumb), (ImageVariant::Display, display)] {
            let location = object_path(hash, variant);
            let payload = PutPayload::from(Bytes::copy_from_slice(bytes));
            self.store.put(&location, payload).await.with_context(|| format!("cannot store image file {location}"))?;
        }
        Ok(())
    }

    /// One file of an image, or `None` if it is not stored.
    #[tracing::instrument(skip_all, fields(hash = %hash, variant = variant.file_name()))]
    pub async fn get(&self, hash: &ImageHash, variant: ImageVariant) -> anyhow::Result<Option<Bytes>> {
        let location = object_path(hash, variant);
        let found = match self.store.get(&location).await {
            Ok(found) => found,
            Err(object_store::Error::NotFound { .. }) => return Ok(None),
            Err(e) => return Err(anyhow::Error::new(e).context(format!("cannot read image file {location}"))),
        };
        let bytes = found.bytes().await.with_context(|| format!("cannot read image file {location}"))?;
        Ok(Some(bytes))
    }
}

/// `ab/abcd…/thumb.jpg`: the first two digits spread files over 256 directories.
fn object_path(hash: &ImageHash, variant: ImageVariant) -> ObjectPath {
    let hash = hash.as_ref();
    ObjectPath::from_iter([&hash[..2], hash, variant.file_name()])
}

#[cfg(test)]
mod tests {
    use super::{ImageStore, ImageVariant};
    use crate::images::ImageHash;

    async fn round_trip(store: &ImageStore) {
        let hash = ImageHash::of(b"display bytes");
        assert_eq!(store.get(&hash, ImageVariant::Display).await.expect("get"), None, "nothing stored yet");

        store.put(&hash, b"display bytes", b"thumb bytes").await.expect("put");
        store.put(&hash, b"display bytes", b"thumb bytes").await.expect("put again");

        assert_eq!(store.get(&hash, ImageVariant::Display).await.expect("get").as_deref(), Some(&b"display bytes"[..]));
        assert_eq!(store.get(&hash, ImageVariant::Thumb).await.expect("get").as_deref(), Some(&b"thumb bytes"[..]));
    }

    #[tokio::test]
    async fn a_local_directory_keeps_both_files_under_the_hash() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("images");
        let store = ImageStore::local(&root).expect("local store");

        round_trip(&store).await;

        let hash = ImageHash::of(b"display bytes");
        let file = root.join(&hash.as_ref()[..2]).join(hash.as_ref()).join("thumb.jpg");
        assert_eq!(std::fs::read(&file).expect("file on disk"), b"thumb bytes");
    }

    #[tokio::test]
    async fn a_url_names_the_store_and_its_prefix() {
        round_trip(&ImageStore::from_url("memory:///some/prefix").expect("memory store")).await;
        let dir = tempfile::tempdir().expect("temp dir");
        round_trip(&ImageStore::from_url(&format!("file://{}", dir.path().display())).expect("file store")).await;
    }

    #[test]
    fn an_s3_url_builds_a_store_without_touching_the_network() {
        assert!(ImageStore::from_url("s3://doorstep-images/production").is_ok());
        assert!(ImageStore::from_url("ftp://example.org/images").is_err(), "an unknown scheme is refused");
        assert!(ImageStore::from_url("not a url").is_err());
    }

    #[test]
    fn variants_are_named_as_in_urls() {
        assert_eq!(ImageVariant::from_file_name("thumb.jpg"), Some(ImageVariant::Thumb));
        assert_eq!(ImageVariant::from_file_name("display.jpg"), Some(ImageVariant::Display));
        assert_eq!(ImageVariant::from_file_name("original.png"), None);
    }
}
