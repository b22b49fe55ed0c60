//! Product images over HTTP: a producer's account uploads the picture file
//! itself; it comes back re-encoded in two bounded JPEG sizes, named by its
//! content hash and cached for a year; anything that is not a picture, a
//! fifth picture, and someone who does not act for the producer are refused.

use std::io::Cursor;

use doorstep_shared::api::{ApiErrorBody, ErrorCode, Product};
use image::{DynamicImage, ImageFormat, Rgb, RgbImage};
use reqwest::{Response, StatusCode};
use serde_json::json;

use crate::backend_tests;
use crate::helpers::{assert_error, count_rows, Client, TestApp, PASSWORD};
use crate::sales_support::{listed_product, producer_json, product_json, sales_world, verified_producer};

backend_tests!(
    a_producer_uploads_a_photo_and_anyone_fetches_both_sizes_cached_for_a_year,
    a_file_that_is_not_a_picture_is_refused_whatever_it_is_called,
    a_fifth_image_is_refused_and_removing_one_closes_the_gap,
    only_those_who_act_for_the_producer_change_its_images,
);

/// Hanbin staff, a verified household producer, its linked account and one listed product.
struct Shop {
    staff: Client,
    maker: Client,
    product: i64,
}

async fn shop(app: &TestApp) -> Shop {
    let w = sales_world(app, 10, 1).await;
    let producer = verified_producer(&w.staff, &producer_json("汉滨魔芋坊", "household", "610902001", &[(w.households[0], 1)])).await;
    app.create_user("seeker", "konjac_maker", None, None).await;
    let linked = w.staff.post_json(&format!("/api/v1/producers/{producer}/accounts"), &json!({"username": "konjac_maker"})).await;
    assert_eq!(linked.status(), StatusCode::OK);
    let maker = app.anonymous();
    assert_eq!(maker.login("konjac_maker", PASSWORD).await.status(), StatusCode::OK);
    let product = listed_product(&maker, producer, &product_json("岚皋魔芋粉", "konjac", 2_800, 5)).await;
    Shop { staff: w.staff, maker, product }
}

/// A gradient picture, `variant` shifting its colours so each is a different image.
fn picture(width: u32, height: u32, variant: u8, format: ImageFormat) -> Vec<u8> {
    let image = RgbImage::from_fn(width, height, |x, y| Rgb([(x % 256) as u8, (y % 256) as u8, variant.wrapping_mul(60)]));
    let mut out = Cursor::new(Vec::new());
    DynamicImage::ImageRgb8(image).write_to(&mut out, format).expect("encode test picture");
    out.into_inner()
}

impl Client {
    async fn upload_image(&self, product: i64, content_type: &str, bytes: Vec<u8>) -> Response {
        self.post_raw(&format!("/api/v1/products/{product}/images"), content_type, bytes).await
    }

    async fn delete_image(&self, product: i64, position: u8) -> Response {
        self.http.delete(format!("{}/api/v1/products/{product}/images/{position}", self.base)).send().await.expect("request sent")
    }
}

async fn product(res: Response, status: StatusCode) -> Product {
    let got = res.status();
    let text = res.text().await.expect("body");
    assert_eq!(got, status, "body: {text}");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not a product ({e}): {text}"))
}

async fn a_producer_uploads_a_photo_and_anyone_fetches_both_sizes_cached_for_a_year(app: TestApp) {
    let s = shop(&app).await;

    let uploaded = product(s.maker.upload_image(s.product, "image/png", picture(1200, 300, 1, ImageFormat::Png)).await, StatusCode::CREATED).await;

    assert_eq!(uploaded.images.len(), 1);
    let image = &uploaded.images[0];
    assert_eq!((image.position, image.width, image.height), (0, 1024, 256), "the display size is bounded to 1024 px");
    assert!(image.hash.len() == 64 && image.hash.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()), "{}", image.hash);
    assert_eq!(image.thumb_url, format!("/images/{}/thumb.jpg", image.hash));
    let public: Product = app.anonymous().get(&format!("/api/v1/products/{}", s.product)).await.json().await.expect("product");
    assert_eq!(public.images, uploaded.images, "buyers see the images too");

    let buyer = app.anonymous();
    for (url, size) in [(&image.display_url, (1024, 256)), (&image.thumb_url, (320, 80))] {
        let res = buyer.get(url).await;
        assert_eq!(res.status(), StatusCode::OK, "{url}");
        let header = |name: &str| res.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
        assert_eq!(header("content-type"), "image/jpeg", "{url}");
        assert_eq!(header("cache-control"), "public, max-age=31536000, immutable", "{url}");
        let etag = header("etag");
        assert!(!etag.is_empty(), "{url} has an etag");
        let bytes = res.bytes().await.expect("bytes");
        let decoded = image::load_from_memory_with_format(&bytes, ImageFormat::Jpeg).expect("a jpeg");
        assert_eq!((decoded.width(), decoded.height()), size, "{url}");

        let again = buyer.http.get(format!("{}{url}", buyer.base)).header("if-none-match", &etag).send().await.expect("sent");
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{url} revalidates by etag");
    }

    let stored_nothing = format!("/images/{}/display.jpg", "0".repeat(64));
    for (url, why) in [
        (stored_nothing.as_str(), "a hash that names nothing"),
        (&format!("/images/{}/display.jpg", image.hash.to_uppercase())[..], "an uppercase hash"),
        (&format!("/images/{}/original.png", image.hash)[..], "a variant we do not keep"),
        ("/images/..%2F..%2Fdoorstep.db/display.jpg", "a path"),
    ] {
        let res = buyer.get(url).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{why}");
        let refused: ApiErrorBody = res.json().await.unwrap_or_else(|e| panic!("{why}: not our error shape: {e}"));
        assert_eq!(refused.error.code, ErrorCode::NotFound, "{why}");
    }
}

async fn a_file_that_is_not_a_picture_is_refused_whatever_it_is_called(app: TestApp) {
    let s = shop(&app).await;
    let cases: [(&[u8], &str); 3] = [
        (b"my notes about the konjac harvest, saved as photo.jpg\n", "a text file"),
        (b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>", "an html file"),
        (b"GIF89a", "a picture's first bytes and nothing else"),
    ];

    for (bytes, what) in cases {
        let res = s
            .maker
            .http
            .post(format!("{}/api/v1/products/{}/images", s.maker.base, s.product))
            .header("content-type", "image/jpeg")
            .header("content-disposition", "attachment; filename=\"photo.jpg\"")
            .body(bytes.to_vec())
            .send()
            .await
            .expect("sent");
        assert_eq!(assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::NotAnImage).await, ["file"], "{what}");
    }

    assert_eq!(count_rows(&app, "images").await, 0, "nothing was recorded");
    assert_eq!(count_rows(&app, "product_images").await, 0);
}

async fn a_fifth_image_is_refused_and_removing_one_closes_the_gap(app: TestApp) {
    let s = shop(&app).await;
    let mut hashes = Vec::new();
    for i in 0..4u8 {
        let format = [ImageFormat::Png, ImageFormat::Jpeg, ImageFormat::WebP, ImageFormat::Gif][usize::from(i)];
        let p = product(s.maker.upload_image(s.product, "application/octet-stream", picture(48, 32, i, format)).await, StatusCode::CREATED).await;
        assert_eq!(p.images.len(), usize::from(i) + 1, "{format:?}");
        assert_eq!(p.images[usize::from(i)].position, i);
        hashes.push(p.images[usize::from(i)].hash.clone());
    }

    let fifth = s.maker.upload_image(s.product, "image/png", picture(48, 32, 9, ImageFormat::Png)).await;
    assert_error(fifth, StatusCode::CONFLICT, ErrorCode::TooManyImages).await;

    let after = product(s.maker.delete_image(s.product, 1).await, StatusCode::OK).await;
    let left: Vec<(u8, &str)> = after.images.iter().map(|i| (i.position, i.hash.as_str())).collect();
    assert_eq!(left, [(0, hashes[0].as_str()), (1, hashes[2].as_str()), (2, hashes[3].as_str())], "the later ones moved up");
    assert_error(s.maker.delete_image(s.product, 3).await, StatusCode::NOT_FOUND, ErrorCode::NotFound).await;

    // The same picture again changes nothing; a new one takes the free place.
    let same = product(s.maker.upload_image(s.product, "image/png", picture(48, 32, 0, ImageFormat::Png)).await, StatusCode::CREATED).await;
    assert_eq!(same.images.len(), 3);
    let refilled = product(s.maker.upload_image(s.product, "image/png", picture(48, 32, 9, ImageFormat::Png)).await, StatusCode::CREATED).await;
    assert_eq!(refilled.images.iter().map(|i| i.position).collect::<Vec<_>>(), [0, 1, 2, 3]);

    let (audited,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'product.image.%'").fetch_one(app.db().pool()).await.expect("audit");
    assert_eq!(audited, 6, "four added, one removed, one added");
    let (fed,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM change_feed WHERE entity = 'product' AND entity_id = $1")
        .bind(s.product)
        .fetch_one(app.db().pool())
        .await
        .expect("feed");
    assert!(fed >= 6, "every change to the images is fed to the index, {fed} changes");
}

async fn only_those_who_act_for_the_producer_change_its_images(app: TestApp) {
    let s = shop(&app).await;
    let photo = || picture(40, 30, 3, ImageFormat::Png);
    let stranger = app.login_as("seeker", "stranger", None, None).await;
    let ziyang = app.staff("staff_ziyang", "610924").await;

    assert_error(stranger.upload_image(s.product, "image/png", photo()).await, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await;
    assert_error(ziyang.upload_image(s.product, "image/png", photo()).await, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await;
    assert_error(app.anonymous().upload_image(s.product, "image/png", photo()).await, StatusCode::UNAUTHORIZED, ErrorCode::Unauthenticated).await;
    assert_error(s.maker.upload_image(999_999, "image/png", photo()).await, StatusCode::NOT_FOUND, ErrorCode::NotFound).await;
    assert_eq!(count_rows(&app, "images").await, 0, "refused before any decoding or storing");

    // The staff governing the producer's region may, as may its own account.
    let by_staff = product(s.staff.upload_image(s.product, "image/png", photo()).await, StatusCode::CREATED).await;
    assert_eq!(by_staff.images.len(), 1);
    assert_error(stranger.delete_image(s.product, 0).await, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await;
    assert!(product(s.maker.delete_image(s.product, 0).await, StatusCode::OK).await.images.is_empty());
}
