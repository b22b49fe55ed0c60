//! Searching products (`GET /api/v1/products`): words in Chinese and
//! English, category, origin, price range and producer, sorted by relevance,
//! price or age, over the product index, which holds only products listed
//! with stock by verified producers and follows every change at once.

use doorstep_server::startup::load_state;
use doorstep_server::storage::last_change;
use doorstep_shared::api::ErrorCode;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::backend_tests;
use crate::helpers::{assert_error, body, Client, TestApp};
use crate::sales_support::{listed_product, order_json, producer_json, product_json, sales_world, verified_producer};

backend_tests!(
    words_find_products_in_chinese_by_one_character_and_in_english,
    products_are_filtered_by_category_county_price_range_and_producer,
    products_are_sorted_by_price_or_newest_and_paged,
    relevance_puts_the_title_first_and_breaks_ties_newest_first,
    drafts_delisted_sold_out_and_unverified_or_suspended_producers_products_are_not_found,
    the_index_follows_stock_orders_renames_and_producer_moves_at_once,
    bad_parameters_are_refused_naming_the_parameter,
    a_missing_product_index_is_rebuilt_at_start,
);

/// The four products most tests search among, by two Hanbin producers.
struct Shop {
    staff: Client,
    /// 汉滨老城农产品合作社: tea (from Ziyang) and honey.
    cooperative: i64,
    /// 汉滨山里人家: cured meat, then konjac.
    household: i64,
    /// 紫阳富硒茶, 6800 fen, made in 紫阳县 (610924).
    tea: i64,
    /// 秦岭土蜂蜜, 4500 fen.
    honey: i64,
    /// 汉阴腊肉, 8800 fen.
    meat: i64,
    /// 岚皋魔芋粉丝, 1800 fen, the newest.
    konjac: i64,
}

/// Creates the shop through the API, oldest product first, and waits for the index.
async fn shop(app: &TestApp) -> Shop {
    let world = sales_world(app, 1, 2).await;
    let staff = world.staff;
    let cooperative = verified_producer(&staff, &producer_json("汉滨老城农产品合作社", "cooperative", "610902", &[(world.households[0], 1)])).await;
    let household = verified_producer(&staff, &producer_json("汉滨山里人家", "household", "610902", &[(world.households[1], 1)])).await;
    let mut tea = product_json("紫阳富硒茶 250克", "tea", 6_800, 10);
    tea["origin_region_code"] = json!("610924");
    let tea = listed_product(&staff, cooperative, &tea).await;
    let honey = listed_product(&staff, cooperative, &product_json("秦岭土蜂蜜 500克", "honey", 4_500, 10)).await;
    let meat = listed_product(&staff, household, &product_json("汉阴腊肉 1斤", "cured_meat", 8_800, 10)).await;
    let konjac = listed_product(&staff, household, &product_json("岚皋魔芋粉丝", "konjac", 1_800, 10)).await;
    app.wait_indexed().await;
    Shop { staff, cooperative, household, tea, honey, meat, konjac }
}

async fn search(app: &TestApp, query: &str) -> Value {
    let res = app.anonymous().get(&format!("/api/v1/products?{query}")).await;
    let status = res.status();
    let page = body(res).await;
    assert_eq!(status, StatusCode::OK, "{query}: {page}");
    page
}

/// The product ids found, in order.
async fn found(app: &TestApp, query: &str) -> Vec<i64> {
    let page = search(app, query).await;
    page["items"].as_array().expect("items").iter().map(|p| p["id"].as_i64().expect("product id")).collect()
}

/// `POST` with an empty body, expecting 200.
async fn post_ok(client: &Client, path: &str, request: &Value) {
    let res = client.post_json(path, request).await;
    let status = res.status();
    assert_eq!(status, StatusCode::OK, "{path}: {}", res.text().await.unwrap_or_default());
}

async fn words_find_products_in_chinese_by_one_character_and_in_english(app: TestApp) {
    let s = shop(&app).await;

    assert_eq!(found(&app, "q=富硒茶").await, vec![s.tea], "jieba words of the title");
    assert_eq!(found(&app, "q=茶").await, vec![s.tea], "a one-character word inside 富硒茶 and 茶叶");
    assert_eq!(found(&app, "q=tea").await, vec![s.tea], "the category's English name");
    assert_eq!(found(&app, "q=Honey").await, vec![s.honey], "English in any case");
    assert_eq!(found(&app, "q=蜂蜜").await, vec![s.honey]);
    assert_eq!(found(&app, "q=cured%20meat").await, vec![s.meat]);
    assert_eq!(found(&app, "q=山里人家").await, vec![s.konjac, s.meat], "the producer's name");
    assert!(found(&app, "q=电工").await.is_empty());
    let page = search(&app, "q=蜂蜜").await;
    assert_eq!((page["total"].as_i64(), page["page"].as_i64(), page["per_page"].as_i64()), (Some(1), Some(1), Some(20)));
    let item = &page["items"][0];
    assert_eq!((item["title"].as_str(), item["producer_name"].as_str()), (Some("秦岭土蜂蜜 500克"), Some("汉滨老城农产品合作社")));
    assert_eq!((item["price_fen"].as_i64(), item["stock"].as_i64(), item["status"].as_str()), (Some(4_500), Some(10), Some("listed")));
    assert_eq!(found(&app, "q=%20%20").await.len(), 4, "blank words: every product");
}

async fn products_are_filtered_by_category_county_price_range_and_producer(app: TestApp) {
    let s = shop(&app).await;

    assert_eq!(found(&app, "category=cured_meat").await, vec![s.meat]);
    assert_eq!(found(&app, "category=tea&q=茶").await, vec![s.tea]);
    assert!(found(&app, "category=fruit").await.is_empty());
    assert_eq!(found(&app, "region=610924").await, vec![s.tea], "made in 紫阳县, sold from Hanbin");
    assert_eq!(found(&app, "region=610924000000").await, vec![s.tea], "a county in its 12-digit form");
    assert_eq!(found(&app, "region=610902").await, vec![s.konjac, s.meat, s.honey]);
    assert_eq!(found(&app, "region=61").await.len(), 4, "the province holds every county");
    assert_eq!(found(&app, "min_price_fen=4500&max_price_fen=6800").await, vec![s.honey, s.tea], "both ends count");
    assert_eq!(found(&app, "min_price_fen=6801").await, vec![s.meat]);
    assert_eq!(found(&app, "max_price_fen=1800").await, vec![s.konjac]);
    assert_eq!(found(&app, &format!("producer_id={}", s.household)).await, vec![s.konjac, s.meat]);
    assert_eq!(found(&app, &format!("producer_id={}&max_price_fen=5000", s.cooperative)).await, vec![s.honey]);
    assert_eq!(found(&app, &format!("producer_id={}&q=tea", s.household)).await, Vec::<i64>::new());
}

async fn products_are_sorted_by_price_or_newest_and_paged(app: TestApp) {
    let s = shop(&app).await;

    let cheapest_first = vec![s.konjac, s.honey, s.tea, s.meat];
    assert_eq!(found(&app, "sort=price_asc").await, cheapest_first);
    assert_eq!(found(&app, "sort=price_desc").await, vec![s.meat, s.tea, s.honey, s.konjac]);
    assert_eq!(found(&app, "sort=newest").await, vec![s.konjac, s.meat, s.honey, s.tea]);
    assert_eq!(found(&app, "").await, vec![s.konjac, s.meat, s.honey, s.tea], "relevance without words is newest first");
    assert_eq!(found(&app, "q=茶%20蜂蜜&sort=price_desc").await, vec![s.tea, s.honey], "words filter, the price orders");
    let second = search(&app, "sort=price_asc&per_page=3&page=2").await;
    assert_eq!((second["total"].as_i64(), second["page"].as_i64(), second["per_page"].as_i64()), (Some(4), Some(2), Some(3)));
    assert_eq!(second["items"].as_array().map(|i| i.iter().map(|p| p["id"].as_i64()).collect::<Vec<_>>()), Some(vec![Some(s.meat)]));
    let beyond = search(&app, "sort=price_asc&per_page=3&page=3").await;
    assert_eq!((beyond["total"].as_i64(), beyond["items"].as_array().map(Vec::len)), (Some(4), Some(0)));
    let mut pages = Vec::new();
    for page in 1..=2 {
        pages.extend(found(&app, &format!("sort=price_asc&per_page=2&page={page}")).await);
    }
    assert_eq!(pages, cheapest_first, "pages join up");
}

async fn relevance_puts_the_title_first_and_breaks_ties_newest_first(app: TestApp) {
    let world = sales_world(&app, 1, 1).await;
    let producer = verified_producer(&world.staff, &producer_json("岚皋山珍合作社", "cooperative", "610902", &[(world.households[0], 1)])).await;
    let older = listed_product(&world.staff, producer, &product_json("紫阳富硒茶", "tea", 6_800, 5)).await;
    let mut honey = product_json("秦岭土蜂蜜", "honey", 4_500, 5);
    honey["description"] = json!("蜂场就在富硒茶园旁");
    let honey = listed_product(&world.staff, producer, &honey).await;
    let newer = listed_product(&world.staff, producer, &product_json("紫阳富硒茶", "tea", 5_800, 5)).await;
    app.wait_indexed().await;

    assert_eq!(found(&app, "q=富硒茶").await, vec![newer, older, honey], "in the title before only in the words; equals newest first");
    assert_eq!(found(&app, "q=富硒茶&sort=relevance").await, vec![newer, older, honey]);
    assert_eq!(found(&app, "q=富硒茶&sort=price_asc").await, vec![honey, newer, older]);
    assert_eq!(found(&app, "q=富硒茶&sort=newest").await, vec![newer, honey, older]);
}

async fn drafts_delisted_sold_out_and_unverified_or_suspended_producers_products_are_not_found(app: TestApp) {
    let s = shop(&app).await;
    let staff = &s.staff;
    let draft = staff.post_json(&format!("/api/v1/producers/{}/products", s.cooperative), &product_json("富硒茶 试制品", "tea", 100, 5)).await;
    assert_eq!(draft.status(), StatusCode::CREATED);
    post_ok(staff, &format!("/api/v1/products/{}/delist", s.honey), &json!({})).await;
    post_ok(staff, &format!("/api/v1/products/{}/stock", s.meat), &json!({"change": -10})).await;
    let household = crate::helpers::id_number("610902", 1980, 50);
    let person = staff.register_person(&crate::helpers::person_json("待审农户", &household)).await;
    let pending = staff.post_json("/api/v1/producers", &producer_json("汉滨待审茶园", "household", "610902", &[(person, 1)])).await;
    let pending = body(pending).await["id"].as_i64().expect("pending producer");
    let unverified = staff.post_json(&format!("/api/v1/producers/{pending}/products"), &product_json("待审富硒茶", "tea", 200, 5)).await;
    assert_eq!(unverified.status(), StatusCode::CREATED);
    assert_error(
        staff.post_json(&format!("/api/v1/products/{}/list", body(unverified).await["id"]), &json!({})).await,
        StatusCode::CONFLICT,
        ErrorCode::ProducerNotVerified,
    )
    .await;
    post_ok(staff, &format!("/api/v1/producers/{}/suspend", s.household), &json!({})).await;
    app.wait_indexed().await;

    assert_eq!(found(&app, "").await, vec![s.tea], "only the tea is listed with stock by a verified producer");
    assert_eq!(found(&app, "q=富硒茶").await, vec![s.tea], "no draft, no product of an unverified producer");
    assert!(found(&app, "q=honey").await.is_empty(), "delisted");
    assert!(found(&app, "category=cured_meat").await.is_empty(), "sold out");
    assert!(found(&app, &format!("producer_id={}", s.household)).await.is_empty(), "its producer suspended");
    assert_eq!(app.state.products.num_docs(), 1);
}

async fn the_index_follows_stock_orders_renames_and_producer_moves_at_once(app: TestApp) {
    let s = shop(&app).await;
    let staff = &s.staff;
    let fresh = staff.post_json(&format!("/api/v1/producers/{}/products", s.cooperative), &product_json("平利绞股蓝", "herbs", 3_000, 2)).await;
    let fresh = body(fresh).await["id"].as_i64().expect("product id");
    app.wait_indexed().await;
    assert!(found(&app, "q=绞股蓝").await.is_empty(), "a draft is not found");

    post_ok(staff, &format!("/api/v1/products/{fresh}/list"), &json!({})).await;
    app.wait_indexed().await;
    assert_eq!(found(&app, "q=绞股蓝").await, vec![fresh], "listed: found");
    assert_eq!(found(&app, "q=herbs").await, vec![fresh]);

    let buyer = app.anonymous();
    let placed = buyer.post_json("/api/v1/orders", &order_json(&[(fresh, 2)])).await;
    assert_eq!(placed.status(), StatusCode::CREATED);
    let order = body(placed).await;
    app.wait_indexed().await;
    assert!(found(&app, "q=绞股蓝").await.is_empty(), "the last units ordered: sold out");

    let (part, code) = (order["parts"][0]["id"].as_i64().expect("part"), order["view_code"].as_str().expect("code"));
    post_ok(&buyer, &format!("/api/v1/order-parts/{part}/cancel?code={code}"), &json!({"reason": "买多了"})).await;
    app.wait_indexed().await;
    assert_eq!(found(&app, "q=绞股蓝").await, vec![fresh], "the order cancelled: its units back on sale");

    let renamed = staff.patch_json(&format!("/api/v1/products/{fresh}"), &json!({"title": "平利绞股蓝茶", "price_fen": 2_500})).await;
    assert_eq!(renamed.status(), StatusCode::OK);
    app.wait_indexed().await;
    assert_eq!(found(&app, "q=绞股蓝茶&max_price_fen=2500").await, vec![fresh], "the new title and price");

    post_ok(staff, &format!("/api/v1/producers/{}/suspend", s.cooperative), &json!({})).await;
    app.wait_indexed().await;
    assert_eq!(found(&app, "").await, vec![s.konjac, s.meat], "a suspended producer's products leave");
    let renamed = staff.patch_json(&format!("/api/v1/producers/{}", s.household), &json!({"name": "喜鹊小铺"})).await;
    assert_eq!(renamed.status(), StatusCode::OK);
    post_ok(staff, &format!("/api/v1/producers/{}/verify", s.cooperative), &json!({})).await;
    app.wait_indexed().await;
    assert_eq!(found(&app, "").await.len(), 5, "verified again: its products return");
    assert_eq!(found(&app, "q=喜鹊小铺").await, vec![s.konjac, s.meat], "found by the producer's new name");
}

async fn bad_parameters_are_refused_naming_the_parameter(app: TestApp) {
    let long = format!("q={}", "茶".repeat(101));
    let cases = [
        ("category=rich", "category", "no such category"),
        ("sort=cheapest", "sort", "no such order"),
        ("min_price_fen=abc", "min_price_fen", "not a number"),
        ("min_price_fen=-1", "min_price_fen", "below zero"),
        ("max_price_fen=10000001", "max_price_fen", "above the highest price"),
        ("min_price_fen=200&max_price_fen=100", "max_price_fen", "a range upside down"),
        ("region=999999", "region", "no such region"),
        ("region=61x", "region", "not a region code"),
        ("producer_id=0", "producer_id", "not an id"),
        ("page=0", "page", "pages count from 1"),
        ("per_page=51", "per_page", "above the ceiling"),
        ("per_page=x", "per_page", "not a number"),
        ("colour=red", "colour", "an unknown parameter"),
        (long.as_str(), "q", "too many words"),
    ];
    for (query, field, why) in cases {
        let res = app.anonymous().get(&format!("/api/v1/products?{query}")).await;

        let fields = assert_error(res, StatusCode::BAD_REQUEST, ErrorCode::InvalidParameter).await;

        assert_eq!(fields, vec![field], "{why}: {query}");
    }
    let doc = body(app.anonymous().get("/api/v1/openapi.json").await).await;
    let operation = &doc["paths"]["/api/v1/products"]["get"];
    assert!(operation.is_object(), "GET /api/v1/products is documented");
    assert!(operation["responses"].get("401").is_none(), "and public");
    let names: Vec<&str> = operation["parameters"].as_array().expect("parameters").iter().filter_map(|p| p["name"].as_str()).collect();
    assert_eq!(names, ["q", "category", "region", "min_price_fen", "max_price_fen", "producer_id", "sort", "page", "per_page"]);
}

async fn a_missing_product_index_is_rebuilt_at_start(app: TestApp) {
    let s = shop(&app).await;
    post_ok(&s.staff, &format!("/api/v1/products/{}/delist", s.honey), &json!({})).await;
    app.wait_indexed().await;
    let elsewhere = tempfile::tempdir().expect("dir");
    let mut settings = app.settings.clone();
    settings.data_dir = elsewhere.path().to_path_buf();

    let rebuilt = load_state(&settings, app.db().clone()).await.expect("state");

    assert_eq!(rebuilt.products.num_docs(), 3, "every product on sale, the delisted one left out");
    assert_eq!(rebuilt.products.cursor(), last_change(app.db()).await.expect("feed"));
}
