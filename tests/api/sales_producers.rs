//! Producers and products over HTTP: staff register and verify producers
//! inside their jurisdiction, name the households and their shares, link an
//! account; the account manages products; stock never goes negative.

use doorstep_shared::api::{ErrorCode, Producer, ProducerStatus, Product, ProductStatus};
use reqwest::StatusCode;
use serde_json::json;

use crate::backend_tests;
use crate::helpers::{assert_error, body, count_rows, id_number, person_json, TestApp, PASSWORD};
use crate::sales_support::{listed_product, producer_json, product_json, sales_world};

backend_tests!(
    staff_register_and_verify_producers_in_their_jurisdiction_and_only_those_who_act_for_one_see_its_households,
    a_linked_account_manages_its_products_and_stock_never_goes_below_zero,
);

async fn staff_register_and_verify_producers_in_their_jurisdiction_and_only_those_who_act_for_one_see_its_households(app: TestApp) {
    let w = sales_world(&app, 1, 3).await;
    let (a, b) = (w.households[0], w.households[1]);
    let ziyang = app.staff("staff_ziyang", "610924").await;
    let mut far = person_json("紫阳农户", &id_number("610924", 1970, 9));
    far["home_region"] = json!("610924");
    let outsider = ziyang.register_person(&far).await;

    // A household producer benefits exactly one household; people must be Hanbin's.
    let two = producer_json("王家茶园", "household", "610902001", &[(a, 1), (b, 1)]);
    assert_eq!(
        assert_error(w.staff.post_json("/api/v1/producers", &two).await, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed).await,
        ["beneficiaries"]
    );
    let foreign = producer_json("合作社", "cooperative", "610902001", &[(a, 1), (outsider, 1)]);
    let fields = assert_error(w.staff.post_json("/api/v1/producers", &foreign).await, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed).await;
    assert_eq!(fields, ["beneficiaries[1].person_id"]);
    let mut bad_remainder = producer_json("合作社", "cooperative", "610902001", &[(a, 1), (b, 2)]);
    bad_remainder["remainder_person_id"] = json!(outsider);
    let fields =
        assert_error(w.staff.post_json("/api/v1/producers", &bad_remainder).await, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed).await;
    assert_eq!(fields, ["remainder_person_id"]);
    let elsewhere = producer_json("紫阳合作社", "cooperative", "610924", &[(a, 1)]);
    assert_error(w.staff.post_json("/api/v1/producers", &elsewhere).await, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await;

    let res = w.staff.post_json("/api/v1/producers", &producer_json("老城富硒茶合作社", "cooperative", "610902001", &[(a, 3), (b, 1)])).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let created: Producer = res.json().await.expect("producer");
    assert_eq!(created.status, ProducerStatus::Pending);
    let shares: Vec<(i64, u32, bool)> =
        created.beneficiaries.as_ref().expect("staff see households").iter().map(|b| (b.person_id, b.share, b.takes_remainder)).collect();
    assert_eq!(shares, [(a, 3, true), (b, 1, false)]);

    // Pending: not public, not Ziyang's.
    let path = format!("/api/v1/producers/{}", created.id);
    assert_error(app.anonymous().get(&path).await, StatusCode::NOT_FOUND, ErrorCode::NotFound).await;
    assert_error(ziyang.post_json(&format!("{path}/verify"), &json!({})).await, StatusCode::NOT_FOUND, ErrorCode::NotFound).await;
    let verified: Producer = w.staff.post_json(&format!("{path}/verify"), &json!({})).await.json().await.expect("verified");
    assert_eq!(verified.status, ProducerStatus::Verified);
    assert!(verified.verified_at.is_some());
    assert_error(w.staff.post_json(&format!("{path}/verify"), &json!({})).await, StatusCode::CONFLICT, ErrorCode::MoveNotAllowed).await;
    assert_error(ziyang.post_json(&format!("{path}/suspend"), &json!({})).await, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await;

    // Verified: public, without its households.
    let public = body(app.anonymous().get(&path).await).await;
    assert_eq!(public["name"], "老城富硒茶合作社");
    assert!(public.get("beneficiaries").is_none(), "{public}");
    assert_eq!(public["managed"], false);

    // A linked account acts for the producer and sees its households.
    app.create_user("seeker", "wang_tea", None, None).await;
    let linked = w.staff.post_json(&format!("{path}/accounts"), &json!({"username": "wang_tea"})).await;
    assert_eq!(linked.status(), StatusCode::OK);
    let account = app.anonymous();
    assert_eq!(account.login("wang_tea", PASSWORD).await.status(), StatusCode::OK);
    assert_eq!(body(account.get("/api/v1/me").await).await["producer_id"], created.id);
    let own: Producer = account.get(&path).await.json().await.expect("own producer");
    assert!(own.managed);
    assert_eq!(own.beneficiaries.map(|b| b.len()), Some(2));
    assert_error(
        w.staff.post_json(&format!("{path}/accounts"), &json!({"username": "nobody"})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::ValidationFailed,
    )
    .await;
    assert_error(
        w.staff.post_json(&format!("{path}/accounts"), &json!({"username": "staff_ziyang"})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::ValidationFailed,
    )
    .await;

    // Staff list their jurisdiction in any status; the public the verified ones.
    w.staff.post_json("/api/v1/producers", &producer_json("李家蜂场", "household", "610902001", &[(b, 1)])).await;
    assert_eq!(body(w.staff.get("/api/v1/producers").await).await["total"], 2);
    assert_eq!(body(w.staff.get("/api/v1/producers?status=pending").await).await["total"], 1);
    assert_eq!(body(ziyang.get("/api/v1/producers").await).await["total"], 0);
    assert_eq!(body(app.anonymous().get("/api/v1/producers").await).await["total"], 1);
    assert_error(app.anonymous().get("/api/v1/producers?status=pending").await, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await;

    // Suspending is audited like every staff move.
    let suspended: Producer = w.staff.post_json(&format!("{path}/suspend"), &json!({})).await.json().await.expect("suspended");
    assert_eq!(suspended.status, ProducerStatus::Suspended);
    let (audited,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE entity = 'producer' AND entity_id = $1")
        .bind(created.id)
        .fetch_one(app.db().pool())
        .await
        .expect("audit");
    assert_eq!(audited, 4, "create, verify, link, suspend");
}

async fn a_linked_account_manages_its_products_and_stock_never_goes_below_zero(app: TestApp) {
    let w = sales_world(&app, 10, 1).await;
    let res = w.staff.post_json("/api/v1/producers", &producer_json("汉滨魔芋坊", "household", "610902001", &[(w.households[0], 1)])).await;
    let producer = body(res).await["id"].as_i64().expect("producer");
    app.create_user("seeker", "konjac_maker", None, None).await;
    w.staff.post_json(&format!("/api/v1/producers/{producer}/accounts"), &json!({"username": "konjac_maker"})).await;
    let maker = app.anonymous();
    maker.login("konjac_maker", PASSWORD).await;

    // Prices are whole fen, never floats.
    let mut float = product_json("岚皋魔芋粉", "konjac", 1, 5);
    float["price_fen"] = json!(12.5);
    assert_eq!(
        assert_error(maker.post_json(&format!("/api/v1/producers/{producer}/products"), &float).await, StatusCode::BAD_REQUEST, ErrorCode::InvalidJson).await,
        ["price_fen"]
    );
    let res = maker.post_json(&format!("/api/v1/producers/{producer}/products"), &product_json("岚皋魔芋粉", "konjac", 2_800, 2)).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let product: Product = res.json().await.expect("product");
    assert_eq!((product.status, product.origin_region_code.as_str()), (ProductStatus::Draft, "610902001"));
    let path = format!("/api/v1/products/{}", product.id);

    // Not listed until staff verify the producer; drafts are not public.
    assert_error(maker.post_json(&format!("{path}/list"), &json!({})).await, StatusCode::CONFLICT, ErrorCode::ProducerNotVerified).await;
    assert_error(app.anonymous().get(&path).await, StatusCode::NOT_FOUND, ErrorCode::NotFound).await;
    w.staff.post_json(&format!("/api/v1/producers/{producer}/verify"), &json!({})).await;
    let listed: Product = maker.post_json(&format!("{path}/list"), &json!({})).await.json().await.expect("listed");
    assert_eq!(listed.status, ProductStatus::Listed);
    assert_eq!(body(app.anonymous().get(&path).await).await["price_fen"], 2_800);

    // Someone else may read it but not change it.
    let stranger = app.login_as("seeker", "stranger", None, None).await;
    assert_error(stranger.patch_json(&path, &json!({"price_fen": 1})).await, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await;
    let cheaper: Product = maker.patch_json(&path, &json!({"price_fen": 2_500})).await.json().await.expect("patched");
    assert_eq!((cheaper.price_fen, cheaper.stock), (2_500, 2));

    // Stock moves by changes; it never goes below zero; at zero the product is sold out, and back.
    let fields = assert_error(maker.post_json(&format!("{path}/stock"), &json!({"change": -3})).await, StatusCode::CONFLICT, ErrorCode::OutOfStock).await;
    assert_eq!(fields, ["change"]);
    let empty: Product = maker.post_json(&format!("{path}/stock"), &json!({"change": -2})).await.json().await.expect("emptied");
    assert_eq!((empty.stock, empty.status), (0, ProductStatus::SoldOut));
    let refilled: Product = maker.post_json(&format!("{path}/stock"), &json!({"change": 50})).await.json().await.expect("refilled");
    assert_eq!((refilled.stock, refilled.status), (50, ProductStatus::Listed));
    let delisted: Product = maker.post_json(&format!("{path}/delist"), &json!({})).await.json().await.expect("delisted");
    assert_eq!(delisted.status, ProductStatus::Delisted);
    assert_error(maker.post_json(&format!("{path}/delist"), &json!({})).await, StatusCode::CONFLICT, ErrorCode::MoveNotAllowed).await;

    // The producer's own list has every status; a listed product's producer is shown.
    let second = listed_product(&maker, producer, &product_json("魔芋挂面", "konjac", 1_500, 10)).await;
    let own = body(maker.get(&format!("/api/v1/producers/{producer}/products")).await).await;
    assert_eq!(own["total"], 2);
    assert_eq!(body(app.anonymous().get(&format!("/api/v1/products/{second}")).await).await["producer_name"], "汉滨魔芋坊");
    assert_error(stranger.get(&format!("/api/v1/producers/{producer}/products")).await, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await;
    assert!(count_rows(&app, "products").await == 2);
}
