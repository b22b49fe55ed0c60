//! From uploaded bytes to the two JPEGs we serve. Pure and CPU-bound: callers
//! run it on the blocking pool (see [`super::ImageWork`]).
//!
//! The type comes from the bytes (never the name or a header); only JPEG,
//! PNG, WebP and GIF are taken. Decoding runs under `image::Limits`, so a
//! small file claiming huge dimensions (a decompression bomb) is refused
//! before its pixels are allocated. The pixels are re-encoded from scratch,
//! which drops every chunk and marker the upload carried (EXIF, GPS, text,
//! ICC); the EXIF orientation is applied first so phone photos stand upright.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits, RgbImage};

use super::ImageHash;

/// The largest upload taken, in bytes.
pub const MAX_UPLOAD_BYTES: usize = 8 * 1024 * 1024;
/// The largest width or height decoded.
pub const MAX_SIDE: u32 = 8000;
/// Decoder memory at most: an 8000 × 8000 RGBA picture fits, 16-bit samples of it do not.
const MAX_ALLOC: u64 = 256 * 1024 * 1024;
/// The longest side of the display image.
pub const DISPLAY_SIDE: u32 = 1024;
/// The longest side of the thumbnail.
pub const THUMB_SIDE: u32 = 320;
const JPEG_QUALITY: u8 = 80;

/// An upload turned into what is stored and served.
#[derive(Debug, Clone)]
pub struct ProcessedImage {
    /// The sha-256 of `display`.
    pub hash: ImageHash,
    /// The display JPEG, longest side at most [`DISPLAY_SIDE`].
    pub display: Vec<u8>,
    /// The thumbnail JPEG, longest side at most [`THUMB_SIDE`].
    pub thumb: Vec<u8>,
    /// The display image's width in pixels.
    pub width: u32,
    /// The display image's height in pixels.
    pub height: u32,
}

/// Why an upload was not turned into an image.
#[derive(Debug, thiserror::Error)]
pub enum ProcessError {
    #[error("the image is larger than {limit} bytes")]
    TooLarge { limit: usize },
    #[error("the file is not an image in a format we take (jpeg, png, webp or gif)")]
    NotAnImage,
    #[error("the file cannot be read as a {format}: {reason}")]
    Unreadable { format: &'static str, reason: String },
    #[error("the image is too large to process: at most {MAX_SIDE} x {MAX_SIDE} pixels")]
    TooManyPixels,
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

/// Checks, decodes and re-encodes an upload.
pub fn process(bytes: &[u8]) -> Result<ProcessedImage, ProcessError> {
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(ProcessError::TooLarge { limit: MAX_UPLOAD_BYTES });
    }
    let format = accepted_format(bytes)?;
    let display = flatten(&decode(bytes, format)?);
    let thumb = flatten(&shrink(DynamicImage::ImageRgb8(display.clone()), THUMB_SIDE));
    let display_jpeg = encode_jpeg(&display)?;
    let thumb_jpeg = encode_jpeg(&thumb)?;
    Ok(ProcessedImage { hash: ImageHash::of(&display_jpeg), width: display.width(), height: display.height(), display: display_jpeg, thumb: thumb_jpeg })
}

/// The format the magic bytes announce, if it is one we take.
fn accepted_format(bytes: &[u8]) -> Result<ImageFormat, ProcessError> {
    match image::guess_format(bytes) {
        Ok(format @ (ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP | ImageFormat::Gif)) => Ok(format),
        _ => Err(ProcessError::NotAnImage),
    }
}

fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    limits
}

/// Decodes the first frame under [`limits`], upright, no larger than [`DISPLAY_SIDE`] on its longest side.
fn decode(bytes: &[u8], format: ImageFormat) -> Result<DynamicImage, ProcessError> {
    let refused = |e: ImageError| match e {
        ImageError::Limits(_) => ProcessError::TooManyPixels,
        ImageError::Decoding(_) | ImageError::Unsupported(_) | ImageError::IoError(_) => {
            ProcessError::Unreadable { format: format_name(format), reason: e.to_string().to_lowercase() }
        }
        ImageError::Encoding(_) | ImageError::Parameter(_) => ProcessError::Unexpected(anyhow::Error::new(e).context("decode image")),
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits());
    let mut decoder = reader.into_decoder().map_err(refused)?;
    // `into_decoder` checks the dimensions; the pixel buffer is reserved here, before it is allocated.
    limits().reserve(decoder.total_bytes()).map_err(refused)?;
    // An unreadable orientation is no reason to refuse the picture.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    // The bound is square, so shrinking first and turning after gives the same picture, cheaper.
    let mut image = shrink(DynamicImage::from_decoder(decoder).map_err(refused)?, DISPLAY_SIDE);
    image.apply_orientation(orientation);
    Ok(image)
}

fn format_name(format: ImageFormat) -> &'static str {
    match format {
        ImageFormat::Jpeg => "jpeg",
        ImageFormat::Png => "png",
        ImageFormat::WebP => "webp",
        ImageFormat::Gif => "gif",
        _ => "image",
    }
}

/// The size that fits `width` × `height` within `side` × `side`, keeping the
/// aspect ratio; never larger than it was, never 0.
pub fn fit(width: u32, height: u32, side: u32) -> (u32, u32) {
    let longest = width.max(height);
    if longest <= side {
        return (width, height);
    }
    let scale = |n: u32| ((u64::from(n) * u64::from(side) + u64::from(longest) / 2) / u64::from(longest)).clamp(1, u64::from(side));
    // Both scaled values are at most `side`, a u32.
    (u32::try_from(scale(width)).unwrap_or(side), u32::try_from(scale(height)).unwrap_or(side))
}

fn shrink(image: DynamicImage, side: u32) -> DynamicImage {
    let (width, height) = fit(image.width(), image.height(), side);
    if (width, height) == (image.width(), image.height()) {
        return image;
    }
    image.resize_exact(width, height, FilterType::Triangle)
}

/// 8-bit RGB, transparent parts laid over white (JPEG has no alpha; black would show instead).
fn flatten(image: &DynamicImage) -> RgbImage {
    if !image.color().has_alpha() {
        return image.to_rgb8();
    }
    let rgba = image.to_rgba8();
    RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let over_white = |c: u8| {
            let (c, a) = (u16::from(c), u16::from(a));
            // At most (255 * 255 + 127) / 255 = 255.
            u8::try_from((c * a + 255 * (255 - a) + 127) / 255).unwrap_or(u8::MAX)
        };
        image::Rgb([over_white(r), over_white(g), over_white(b)])
    })
}

fn encode_jpeg(image: &RgbImage) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY).encode_image(image).map_err(|e| anyhow::Error::new(e).context("encode jpeg"))?;
    Ok(out)
}

#[cfg(test)]
mod tests;
