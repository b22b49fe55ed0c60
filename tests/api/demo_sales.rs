//! The demo's sales data: producers across Ankang's counties with products
//! that fit them, orders in every state, income to households that adds up
//! exactly, and a producer's login with orders to fulfil.

use doorstep_server::seed::{seed_demo_if_empty, DEMO_PASSWORD};
use reqwest::StatusCode;

use crate::backend_tests;
use crate::helpers::{body, count_rows, TestApp};

backend_tests!(the_demo_sells_ankang_produce_in_every_county_and_its_income_adds_up_to_the_fen);

async fn the_demo_sells_ankang_produce_in_every_county_and_its_income_adds_up_to_the_fen(app: TestApp) {
    assert!(seed_demo_if_empty(&app.state).await.expect("seeded"));

    let producers = count_rows(&app, "producers").await;
    assert!((50..=70).contains(&producers), "{producers} producers");
    let (counties,): (i64,) =
        sqlx::query_as("SELECT COUNT(DISTINCT SUBSTR(region_code, 1, 6)) FROM producers").fetch_one(app.db().pool()).await.expect("counties");
    assert_eq!(counties, 10, "every county of Ankang sells");
    let products = count_rows(&app, "products").await;
    assert!((180..=240).contains(&products), "{products} products");
    for kind in ["household", "cooperative", "community_factory", "enterprise"] {
        assert!(count_rows(&app, &format!("producers WHERE kind = '{kind}'")).await > 0, "no {kind}");
    }
    for status in ["pending", "verified", "suspended"] {
        assert!(count_rows(&app, &format!("producers WHERE status = '{status}'")).await > 0, "no {status} producer");
    }
    for status in ["draft", "listed", "sold_out", "delisted"] {
        assert!(count_rows(&app, &format!("products WHERE status = '{status}'")).await > 0, "no {status} product");
    }
    let orders = count_rows(&app, "orders").await;
    assert!(orders >= 250, "{orders} orders");
    for status in ["placed", "paid", "shipped", "delivered", "cancelled"] {
        assert!(count_rows(&app, &format!("order_parts WHERE status = '{status}'")).await > 10, "too few {status} parts");
    }
    assert_eq!(count_rows(&app, "products WHERE stock < 0").await, 0);
    assert_eq!(count_rows(&app, "product_images WHERE position = 0").await, products, "every product has a cover");

    // Every delivered part's value reached its households to the fen.
    let (unequal,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM order_parts o WHERE o.status = 'delivered' \
         AND o.total_fen <> (SELECT COALESCE(SUM(i.amount_fen), 0) FROM sales_income i WHERE i.part_id = o.id)",
    )
    .fetch_one(app.db().pool())
    .await
    .expect("sums");
    assert_eq!(unequal, 0);
    let (income,): (i64,) = sqlx::query_as("SELECT CAST(SUM(amount_fen) AS BIGINT) FROM sales_income").fetch_one(app.db().pool()).await.expect("income");

    let city = app.anonymous();
    assert_eq!(city.login("staff_city", DEMO_PASSWORD).await.status(), StatusCode::OK);
    let figures = body(city.get("/api/v1/sales/figures").await).await;
    assert_eq!(figures["income_fen"].as_i64(), Some(income), "the city sees all of it: {}", figures["by_month"]);
    assert_eq!(figures["by_area"].as_array().map(Vec::len), Some(10));
    assert!(figures["by_month"].as_array().expect("months").iter().filter(|m| m["income_fen"].as_i64() > Some(0)).count() >= 5, "{}", figures["by_month"]);

    let shop = app.anonymous();
    assert_eq!(shop.login("shop_ziyang", DEMO_PASSWORD).await.status(), StatusCode::OK);
    let me = body(shop.get("/api/v1/me").await).await;
    let producer = me["producer_id"].as_i64().expect("the shop acts for a producer");
    assert_eq!(body(shop.get(&format!("/api/v1/producers/{producer}/products")).await).await["total"].as_i64().map(|t| t >= 3), Some(true));
    let sold = body(shop.get("/api/v1/orders?view=sold").await).await;
    assert!(sold["total"].as_i64().is_some_and(|t| t > 0), "{sold}");

    // The drawn photos are served as JPEG; the tea is found by its name.
    app.wait_indexed().await;
    let found = body(app.anonymous().get("/api/v1/products?q=%E7%B4%AB%E9%98%B3%E5%AF%8C%E7%A1%92%E8%8C%B6").await).await;
    let first = &found["items"][0];
    assert!(first["title"].as_str().is_some_and(|t| t.contains("紫阳")), "{found}");
    let thumb = first["images"][0]["thumb_url"].as_str().expect("a thumbnail");
    let res = app.anonymous().get(thumb).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "image/jpeg");
}
