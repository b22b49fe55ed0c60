use std::io::Cursor;

use image::{DynamicImage, ImageFormat, Rgb, RgbImage, Rgba, RgbaImage};

use super::{fit, process, ProcessError, DISPLAY_SIDE, MAX_UPLOAD_BYTES, THUMB_SIDE};

/// A small picture with some structure (a gradient), encoded as `format`.
fn picture(width: u32, height: u32, format: ImageFormat) -> Vec<u8> {
    let image = RgbImage::from_fn(width, height, |x, y| Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8]));
    let mut out = Cursor::new(Vec::new());
    DynamicImage::ImageRgb8(image).write_to(&mut out, format).expect("encode test picture");
    out.into_inner()
}

fn decoded(jpeg: &[u8]) -> DynamicImage {
    assert_eq!(image::guess_format(jpeg).expect("a format"), ImageFormat::Jpeg);
    image::load_from_memory_with_format(jpeg, ImageFormat::Jpeg).expect("our output decodes")
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffff_u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = u32::try_from(data.len()).expect("small chunk").to_be_bytes().to_vec();
    let mut body = kind.to_vec();
    body.extend_from_slice(data);
    out.extend_from_slice(&body);
    out.extend_from_slice(&crc32(&body).to_be_bytes());
    out
}

/// A PNG whose header says `width` × `height` (`depth`-bit RGBA) and whose pixel data is a few bytes.
fn png_claiming(width: u32, height: u32, depth: u8) -> Vec<u8> {
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[depth, 6, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(chunk(b"IHDR", &ihdr));
    // An empty zlib stream: nowhere near the pixels the header promises.
    png.extend(chunk(b"IDAT", &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]));
    png.extend(chunk(b"IEND", &[]));
    png
}

#[test]
fn metadata_in_a_png_does_not_survive() {
    let png = picture(40, 30, ImageFormat::Png);
    // Insert a text chunk and an EXIF chunk right after IHDR (8 signature bytes + 25 IHDR bytes).
    let mut tagged = png[..33].to_vec();
    tagged.extend(chunk(b"tEXt", b"Comment\0GPS 32.68N 109.02E secret-marker"));
    tagged.extend(chunk(b"eXIf", b"MM\0\x2a\0\0\0\x08\0\0secret-marker"));
    tagged.extend_from_slice(&png[33..]);
    assert!(image::load_from_memory(&tagged).is_ok(), "the tagged png is valid");

    let out = process(&tagged).expect("a png is taken");

    for (name, jpeg) in [("display", &out.display), ("thumb", &out.thumb)] {
        assert!(!jpeg.windows(13).any(|w| w == b"secret-marker"), "{name} kept the text");
        assert!(!jpeg.windows(4).any(|w| w == b"Exif"), "{name} has an EXIF block");
        assert_eq!(decoded(jpeg).width(), 40, "{name} keeps a small picture's size");
    }
}

#[test]
fn a_phone_photo_taken_sideways_stands_upright_without_its_exif() {
    let jpeg = picture(40, 20, ImageFormat::Jpeg);
    // APP1 "Exif": a big-endian TIFF header and one IFD entry, Orientation (0x0112) = 6 (turn 90° clockwise).
    let tiff = b"MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x06\0\0\0\0\0\0";
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(tiff);
    let mut rotated = jpeg[..2].to_vec();
    rotated.extend_from_slice(&[0xff, 0xe1]);
    rotated.extend_from_slice(&u16::try_from(app1.len() + 2).expect("short segment").to_be_bytes());
    rotated.extend_from_slice(&app1);
    rotated.extend_from_slice(&jpeg[2..]);

    let out = process(&rotated).expect("taken");

    assert_eq!((out.width, out.height), (20, 40));
    assert!(!out.display.windows(4).any(|w| w == b"Exif"), "the orientation tag is gone with the rest");
}

#[test]
fn a_file_that_is_not_an_image_is_refused_whatever_it_is_called() {
    for (bytes, what) in [
        (&b"these are my notes, saved as photo.jpg\n"[..], "a text file"),
        (&b"<!DOCTYPE html><html><body><img src=x onerror=alert(1)></body></html>"[..], "an html file"),
        (&b""[..], "nothing"),
        (&b"BM\x36\0\0\0\0\0\0\0\x36\0\0\0"[..], "a bmp header (a format we do not take)"),
        (&b"II*\0\x08\0\0\0"[..], "a tiff header (a format we do not take)"),
        (&b"%PDF-1.7\n"[..], "a pdf"),
    ] {
        match process(bytes) {
            Err(ProcessError::NotAnImage) => {}
            other => panic!("{what}: expected NotAnImage, got {other:?}"),
        }
    }
}

#[test]
fn a_broken_image_is_refused_as_unreadable() {
    let png = picture(64, 64, ImageFormat::Png);
    match process(&png[..png.len() / 2]) {
        Err(ProcessError::Unreadable { format: "png", .. }) => {}
        other => panic!("expected Unreadable png, got {other:?}"),
    }
}

#[test]
fn jpeg_png_webp_and_gif_are_taken() {
    for format in [ImageFormat::Jpeg, ImageFormat::Png, ImageFormat::WebP, ImageFormat::Gif] {
        let out = process(&picture(24, 16, format)).unwrap_or_else(|e| panic!("{format:?}: {e}"));
        assert_eq!((out.width, out.height), (24, 16), "{format:?}");
    }
}

#[test]
fn both_sizes_are_bounded_and_keep_the_aspect_ratio() {
    let out = process(&picture(1500, 300, ImageFormat::Png)).expect("taken");

    assert_eq!((out.width, out.height), (DISPLAY_SIDE, 205));
    let display = decoded(&out.display);
    assert_eq!((display.width(), display.height()), (DISPLAY_SIDE, 205));
    let thumb = decoded(&out.thumb);
    assert_eq!((thumb.width(), thumb.height()), (THUMB_SIDE, 64));
}

#[test]
fn transparency_is_laid_over_white() {
    let clear = RgbaImage::from_pixel(8, 8, Rgba([0, 0, 0, 0]));
    let mut png = Cursor::new(Vec::new());
    DynamicImage::ImageRgba8(clear).write_to(&mut png, ImageFormat::Png).expect("encode");

    let out = process(png.get_ref()).expect("taken");

    let pixel = decoded(&out.display).to_rgb8().get_pixel(4, 4).0;
    assert!(pixel.iter().all(|&c| c > 245), "expected white, got {pixel:?}");
}

#[test]
fn the_same_upload_gives_the_same_hash_and_another_another() {
    let (a, b) = (picture(50, 40, ImageFormat::Png), picture(50, 41, ImageFormat::Png));

    let (first, again, other) = (process(&a).expect("a"), process(&a).expect("a again"), process(&b).expect("b"));

    assert_eq!(first.hash, again.hash);
    assert_eq!(first.display, again.display);
    assert_ne!(first.hash, other.hash);
    assert_eq!(first.hash, crate::images::ImageHash::of(&first.display));
}

#[test]
fn decompression_bombs_are_refused_before_their_pixels_are_allocated() {
    for (png, what) in [
        (png_claiming(100_000, 100_000, 8), "dimensions far over the limit"),
        (png_claiming(8_001, 10, 8), "one pixel wider than the limit"),
        (png_claiming(8_000, 8_000, 16), "within the sides but 512 MB of samples"),
    ] {
        match process(&png) {
            Err(ProcessError::TooManyPixels) => {}
            other => panic!("{what}: expected TooManyPixels, got {other:?}"),
        }
    }
}

#[test]
fn an_upload_over_the_size_limit_is_refused_unread() {
    let mut big = picture(4, 4, ImageFormat::Png);
    big.resize(MAX_UPLOAD_BYTES + 1, 0);
    assert!(matches!(process(&big), Err(ProcessError::TooLarge { limit: MAX_UPLOAD_BYTES })));
}

#[test]
fn fit_shrinks_the_longest_side_and_never_enlarges() {
    for (input, side, expected) in [
        ((4000, 3000), 1024, (1024, 768)),
        ((3000, 4000), 1024, (768, 1024)),
        ((1024, 1024), 1024, (1024, 1024)),
        ((100, 50), 320, (100, 50)),
        ((8000, 1), 320, (320, 1)),
        ((1, 8000), 320, (1, 320)),
    ] {
        assert_eq!(fit(input.0, input.1, side), expected, "{input:?} into {side}");
    }
}
