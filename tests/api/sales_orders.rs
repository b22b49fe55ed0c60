//! Orders over HTTP: split per producer and paid as one, moved by producers,
//! staff and buyers; stock taken atomically (the race for the last units);
//! a retried order placed once; income split exactly among households.

use std::time::Instant;

use doorstep_shared::api::{ErrorCode, Order, OrderStatus, Product, ProductStatus, SalesFigures};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::backend_tests;
use crate::helpers::{assert_error, body, count_rows, Client, TestApp, PASSWORD};
use crate::sales_support::{listed_product, order_json, producer_json, product_json, sales_world, verified_producer};

backend_tests!(
    an_order_from_two_producers_is_paid_as_one_shipped_delivered_and_its_income_split_exactly,
    the_last_units_go_to_exactly_as_many_of_a_hundred_racing_buyers,
    a_retried_order_is_placed_once_and_a_reused_key_with_another_body_is_refused,
    a_guest_follows_an_order_by_its_code_and_nobody_else_learns_of_it,
    a_cancelled_part_returns_its_stock_and_moves_out_of_order_are_refused,
);

async fn place(client: &Client, order: &Value) -> Order {
    let res = client.post_json("/api/v1/orders", order).await;
    let status = res.status();
    let text = res.text().await.expect("body");
    assert_eq!(status, StatusCode::CREATED, "{text}");
    serde_json::from_str(&text).expect("an order")
}

async fn product(app: &TestApp, id: i64) -> Product {
    app.anonymous().get(&format!("/api/v1/products/{id}")).await.json().await.expect("product")
}

/// A linked account for `producer`.
async fn account_for(app: &TestApp, staff: &Client, producer: i64, username: &str) -> Client {
    app.create_user("seeker", username, None, None).await;
    assert_eq!(staff.post_json(&format!("/api/v1/producers/{producer}/accounts"), &json!({"username": username})).await.status(), StatusCode::OK);
    let client = app.anonymous();
    assert_eq!(client.login(username, PASSWORD).await.status(), StatusCode::OK);
    client
}

async fn an_order_from_two_producers_is_paid_as_one_shipped_delivered_and_its_income_split_exactly(app: TestApp) {
    let w = sales_world(&app, 1, 4).await;
    let [a, b, c, d] = [w.households[0], w.households[1], w.households[2], w.households[3]];
    // A co-op shares equally among three households, the remainder to b; a household sells its own honey.
    let mut coop = producer_json("老城茶叶合作社", "cooperative", "610902001", &[(a, 1), (b, 1), (c, 1)]);
    coop["remainder_person_id"] = json!(b);
    let coop = verified_producer(&w.staff, &coop).await;
    let honey = verified_producer(&w.staff, &producer_json("张家蜂场", "household", "610902001", &[(d, 1)])).await;
    let tea = listed_product(&w.staff, coop, &product_json("紫阳富硒茶", "tea", 3_334, 20)).await;
    let jar = listed_product(&w.staff, honey, &product_json("土蜂蜜", "honey", 4_500, 5)).await;

    let order = place(&app.anonymous(), &order_json(&[(tea, 3), (jar, 2)])).await;
    assert_eq!(order.total_fen, 3 * 3_334 + 2 * 4_500);
    assert_eq!(order.parts.len(), 2, "one part per producer");
    assert_eq!(order.status, OrderStatus::Placed);
    let code = order.view_code.clone().expect("the buyer gets the code");
    let tea_part = order.parts.iter().find(|p| p.producer_id == coop).expect("tea part").id;
    let honey_part = order.parts.iter().find(|p| p.producer_id == honey).expect("honey part").id;
    assert_eq!((product(&app, tea).await.stock, product(&app, jar).await.stock), (17, 3));

    // The co-op's account sees only its part, and the buyer's address and phone to deliver.
    let clerk = account_for(&app, &w.staff, coop, "coop_clerk").await;
    let seen: Order = clerk.get(&format!("/api/v1/orders/{}", order.id)).await.json().await.expect("clerk's view");
    assert_eq!((seen.parts.len(), seen.total_fen, seen.view_code.as_deref()), (1, 3 * 3_334, None));
    assert_eq!(seen.buyer_phone, "13700002222");
    let sold = body(clerk.get("/api/v1/orders").await).await;
    assert_eq!(sold["total"], 1);

    // Staff confirm the payment of the whole order at once; a paid part cannot be paid again.
    let paid: Order = w.staff.post_json(&format!("/api/v1/orders/{}/pay", order.id), &json!({})).await.json().await.expect("paid");
    assert!(paid.parts.iter().all(|p| p.status == OrderStatus::Paid), "{paid:?}");
    assert_error(clerk.post_json(&format!("/api/v1/order-parts/{tea_part}/pay"), &json!({})).await, StatusCode::CONFLICT, ErrorCode::MoveNotAllowed).await;

    // The co-op ships its part; the honey part waits.
    assert_error(
        clerk.post_json(&format!("/api/v1/order-parts/{tea_part}/ship"), &json!({"carrier": "", "tracking_number": "1"})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::ValidationFailed,
    )
    .await;
    assert_error(
        clerk.post_json(&format!("/api/v1/order-parts/{honey_part}/ship"), &json!({"carrier": "邮政", "tracking_number": "9812345678"})).await,
        StatusCode::NOT_FOUND,
        ErrorCode::NotFound,
    )
    .await;
    let shipped: Order = clerk
        .post_json(&format!("/api/v1/order-parts/{tea_part}/ship"), &json!({"carrier": "中国邮政", "tracking_number": "9812345678"}))
        .await
        .json()
        .await
        .expect("shipped");
    assert_eq!((shipped.parts[0].status, shipped.parts[0].carrier.as_deref()), (OrderStatus::Shipped, Some("中国邮政")));

    // The buyer confirms delivery with the order's code; the order stands where its least advanced part does.
    let guest = app.anonymous();
    let delivered: Order = guest.post_json(&format!("/api/v1/order-parts/{tea_part}/deliver?code={code}"), &json!({})).await.json().await.expect("delivered");
    assert_eq!(delivered.status, OrderStatus::Paid);
    assert_eq!(delivered.parts.iter().find(|p| p.id == tea_part).map(|p| p.status), Some(OrderStatus::Delivered));
    assert_error(
        guest.post_json(&format!("/api/v1/order-parts/{honey_part}/ship?code={code}"), &json!({"carrier": "x", "tracking_number": "12345"})).await,
        StatusCode::UNAUTHORIZED,
        ErrorCode::Unauthenticated,
    )
    .await;

    // 10,002 fen in thirds: 3,334 each, with nothing lost or made.
    let incomes: Vec<(i64, i64)> = sqlx::query_as("SELECT person_id, amount_fen FROM sales_income WHERE part_id = $1 ORDER BY person_id")
        .bind(tea_part)
        .fetch_all(app.db().pool())
        .await
        .expect("income");
    assert_eq!(incomes, [(a, 3_334), (b, 3_334), (c, 3_334)]);

    // The honey part ships and arrives too: 9,000 fen to its one household.
    w.staff.post_json(&format!("/api/v1/order-parts/{honey_part}/ship"), &json!({"carrier": "顺丰", "tracking_number": "SF1234567"})).await;
    let done: Order = w.staff.post_json(&format!("/api/v1/order-parts/{honey_part}/deliver"), &json!({})).await.json().await.expect("delivered");
    assert_eq!(done.status, OrderStatus::Delivered);

    // Staff see it in the figures, by household, area and category; other counties do not.
    let figures: SalesFigures = w.staff.get("/api/v1/sales/figures").await.json().await.expect("figures");
    assert_eq!((figures.income_fen, figures.delivered_parts, figures.households), (10_002 + 9_000, 2, 4));
    assert_eq!(figures.by_household[0].person_id, d);
    assert_eq!(figures.by_household[0].income_fen, 9_000);
    let town = figures.by_area.iter().find(|x| x.area.code == "610902001").expect("老城街道");
    assert_eq!((town.income_fen, town.households), (19_002, 4));
    assert_eq!(figures.by_area.iter().map(|x| x.income_fen).sum::<i64>(), 19_002);
    assert_eq!(figures.by_month.iter().map(|x| x.income_fen).sum::<i64>(), 19_002);
    let dibao = figures.by_category.iter().find(|c| c.category == Some(doorstep_shared::api::AssistanceCategory::Dibao)).expect("低保");
    assert_eq!((dibao.income_fen, dibao.households), (19_002, 4));
    let ziyang = app.staff("staff_ziyang", "610924").await;
    let theirs: SalesFigures = ziyang.get("/api/v1/sales/figures").await.json().await.expect("ziyang figures");
    assert_eq!(theirs.income_fen, 0);
    assert_error(ziyang.get("/api/v1/sales/figures?region=610902").await, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await;
    assert_error(ziyang.get(&format!("/api/v1/orders/{}", order.id)).await, StatusCode::NOT_FOUND, ErrorCode::NotFound).await;
}

async fn the_last_units_go_to_exactly_as_many_of_a_hundred_racing_buyers(app: TestApp) {
    const UNITS: u32 = 7;
    let w = sales_world(&app, 1, 1).await;
    let producer = verified_producer(&w.staff, &producer_json("平利绞股蓝合作社", "cooperative", "610902001", &[(w.households[0], 1)])).await;
    let last = listed_product(&w.staff, producer, &product_json("平利绞股蓝茶", "tea", 6_800, UNITS)).await;
    let plenty = listed_product(&w.staff, producer, &product_json("绞股蓝袋泡茶", "tea", 2_000, 10_000)).await;

    let started = Instant::now();
    let buyers = (0..100u32).map(|i| {
        let client = app.anonymous();
        let mut order = order_json(&[(plenty, 1), (last, 1)]);
        order["buyer_phone"] = json!(format!("137{:08}", i));
        async move {
            let res = client.post_json("/api/v1/orders", &order).await;
            (res.status(), res.text().await.expect("body"))
        }
    });
    let answers = futures::future::join_all(buyers).await;
    let elapsed = started.elapsed();

    let placed = answers.iter().filter(|(s, _)| *s == StatusCode::CREATED).count();
    let short: Vec<&(StatusCode, String)> = answers.iter().filter(|(s, _)| *s == StatusCode::CONFLICT).collect();
    assert_eq!(placed, UNITS as usize, "exactly as many orders as units: {answers:?}");
    assert_eq!(placed + short.len(), 100, "every other buyer is told it is sold out: {answers:?}");
    assert!(short.iter().all(|(_, text)| text.contains("out_of_stock") && text.contains("items[1].quantity")), "{short:?}");
    let sold = product(&app, last).await;
    assert_eq!((sold.stock, sold.status), (0, ProductStatus::SoldOut));
    // A refused order took nothing: the other line's stock moved only for the placed ones.
    assert_eq!(product(&app, plenty).await.stock, 10_000 - UNITS);
    let (ordered,): (i64,) = sqlx::query_as("SELECT CAST(COALESCE(SUM(quantity), 0) AS BIGINT) FROM order_items WHERE product_id = $1")
        .bind(last)
        .fetch_one(app.db().pool())
        .await
        .expect("sum");
    assert_eq!(ordered, i64::from(UNITS));
    assert_eq!(count_rows(&app, "orders").await, i64::from(UNITS));
    let backend = app.settings.database_url.as_deref().map_or("?", |url| url.split(':').next().unwrap_or("?"));
    eprintln!("race for the last {UNITS} units on {backend}: 100 buyers in {} ms, {placed} placed, {} refused", elapsed.as_millis(), short.len());
}

async fn a_retried_order_is_placed_once_and_a_reused_key_with_another_body_is_refused(app: TestApp) {
    let w = sales_world(&app, 1, 1).await;
    let producer = verified_producer(&w.staff, &producer_json("旬阳拐枣合作社", "cooperative", "610902001", &[(w.households[0], 1)])).await;
    let fruit = listed_product(&w.staff, producer, &product_json("旬阳拐枣", "fruit", 1_200, 100)).await;
    let buyer = app.login_as("seeker", "canteen_buyer", None, None).await;
    let order = order_json(&[(fruit, 4)]);
    let send = |key: &'static str, body: Value| {
        let client = buyer.clone_session();
        async move { client.post_keyed("/api/v1/orders", key, &body).await }
    };

    let first = send("retry-1", order.clone()).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: Order = first.json().await.expect("order");
    // Ten retries at once, as a flaky connection would send them: the same order every time.
    let retries = futures::future::join_all((0..10).map(|_| send("retry-1", order.clone()))).await;
    for res in retries {
        assert_eq!(res.status(), StatusCode::CREATED);
        assert_eq!(res.headers().get("idempotent-replayed").and_then(|v| v.to_str().ok()), Some("true"));
        assert_eq!(res.json::<Order>().await.expect("order").id, first.id);
    }
    assert_eq!(product(&app, fruit).await.stock, 96, "the units were taken once");
    assert_eq!(count_rows(&app, "orders").await, 1);

    let mut other = order.clone();
    other["items"][0]["quantity"] = json!(5);
    assert_eq!(
        assert_error(send("retry-1", other.clone()).await, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::IdempotencyKeyReused).await,
        ["Idempotency-Key"]
    );
    // Another key is another order; a key must be short visible ASCII.
    assert_eq!(send("retry-2", other).await.status(), StatusCode::CREATED);
    assert_eq!(assert_error(send("has space", order.clone()).await, StatusCode::BAD_REQUEST, ErrorCode::InvalidParameter).await, ["Idempotency-Key"]);
    // Another buyer's same key is their own.
    let someone = app.login_as("seeker", "another_buyer", None, None).await;
    assert_eq!(someone.post_keyed("/api/v1/orders", "retry-1", &order).await.status(), StatusCode::CREATED);
    assert_eq!(count_rows(&app, "orders").await, 3);
    assert_eq!(body(buyer.get("/api/v1/orders").await).await["total"], 2, "a buyer lists their own orders");
}

async fn a_guest_follows_an_order_by_its_code_and_nobody_else_learns_of_it(app: TestApp) {
    let w = sales_world(&app, 1, 1).await;
    let producer = verified_producer(&w.staff, &producer_json("石泉蚕丝坊", "household", "610902001", &[(w.households[0], 1)])).await;
    let silk = listed_product(&w.staff, producer, &product_json("石泉蚕丝被", "textiles", 68_000, 3)).await;
    let order = place(&app.anonymous(), &order_json(&[(silk, 1)])).await;
    let code = order.view_code.expect("code");
    let path = format!("/api/v1/orders/{}", order.id);

    assert_error(app.anonymous().get(&path).await, StatusCode::NOT_FOUND, ErrorCode::NotFound).await;
    assert_error(app.anonymous().get(&format!("{path}?code=WRONGCODE")).await, StatusCode::NOT_FOUND, ErrorCode::NotFound).await;
    let stranger = app.login_as("seeker", "nosy", None, None).await;
    assert_error(stranger.get(&path).await, StatusCode::NOT_FOUND, ErrorCode::NotFound).await;
    let followed: Order = app.anonymous().get(&format!("{path}?code={code}")).await.json().await.expect("followed");
    assert_eq!((followed.id, followed.total_fen, followed.parts[0].items[0].title.as_str()), (order.id, 68_000, "石泉蚕丝被"));
    // The guest may cancel before shipping, and the unit returns.
    let part = followed.parts[0].id;
    assert_error(stranger.post_json(&format!("/api/v1/order-parts/{part}/cancel"), &json!({})).await, StatusCode::NOT_FOUND, ErrorCode::NotFound).await;
    let cancelled: Order = app
        .anonymous()
        .post_json(&format!("/api/v1/order-parts/{part}/cancel?code={code}"), &json!({"reason": "买多了"}))
        .await
        .json()
        .await
        .expect("cancelled");
    assert_eq!((cancelled.status, cancelled.parts[0].cancel_reason.as_deref()), (OrderStatus::Cancelled, Some("买多了")));
    assert_eq!(product(&app, silk).await.stock, 3);
}

async fn a_cancelled_part_returns_its_stock_and_moves_out_of_order_are_refused(app: TestApp) {
    let w = sales_world(&app, 1, 1).await;
    let producer = verified_producer(&w.staff, &producer_json("汉阴腊肉坊", "household", "610902001", &[(w.households[0], 1)])).await;
    let meat = listed_product(&w.staff, producer, &product_json("汉阴腊肉", "cured_meat", 9_800, 2)).await;
    let clerk = account_for(&app, &w.staff, producer, "meat_clerk").await;

    // Bad orders name their line.
    let fields =
        assert_error(app.anonymous().post_json("/api/v1/orders", &order_json(&[])).await, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed).await;
    assert_eq!(fields, ["items"]);
    let fields = assert_error(
        app.anonymous().post_json("/api/v1/orders", &order_json(&[(meat, 1), (meat, 1)])).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::ValidationFailed,
    )
    .await;
    assert_eq!(fields, ["items[1].product_id"]);
    let fields = assert_error(
        app.anonymous().post_json("/api/v1/orders", &order_json(&[(meat, 0)])).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::ValidationFailed,
    )
    .await;
    assert_eq!(fields, ["items[0].quantity"]);
    let fields =
        assert_error(app.anonymous().post_json("/api/v1/orders", &order_json(&[(meat + 1000, 1)])).await, StatusCode::CONFLICT, ErrorCode::OutOfStock).await;
    assert_eq!(fields, ["items[0].product_id"]);

    // Both units ordered: sold out; the part cannot be shipped before it is paid, nor delivered before it ships.
    let order = place(&app.anonymous(), &order_json(&[(meat, 2)])).await;
    let part = order.parts[0].id;
    assert_eq!(product(&app, meat).await.status, ProductStatus::SoldOut);
    let ship = json!({"carrier": "中国邮政", "tracking_number": "9811112222"});
    assert_error(clerk.post_json(&format!("/api/v1/order-parts/{part}/ship"), &ship).await, StatusCode::CONFLICT, ErrorCode::MoveNotAllowed).await;
    assert_error(clerk.post_json(&format!("/api/v1/order-parts/{part}/deliver"), &json!({})).await, StatusCode::CONFLICT, ErrorCode::MoveNotAllowed).await;
    // The producer collects cash on delivery: it confirms the payment itself; then cancels (the buyer changed their mind).
    clerk.post_json(&format!("/api/v1/order-parts/{part}/pay"), &json!({})).await;
    let cancelled: Order =
        clerk.post_json(&format!("/api/v1/order-parts/{part}/cancel"), &json!({"reason": "买家取消"})).await.json().await.expect("cancelled");
    assert_eq!(cancelled.status, OrderStatus::Cancelled);
    let back = product(&app, meat).await;
    assert_eq!((back.stock, back.status), (2, ProductStatus::Listed), "the units return and the product is listed again");
    assert_error(clerk.post_json(&format!("/api/v1/order-parts/{part}/cancel"), &json!({})).await, StatusCode::CONFLICT, ErrorCode::MoveNotAllowed).await;

    // A shipped part cannot be cancelled.
    let order = place(&app.anonymous(), &order_json(&[(meat, 1)])).await;
    let part = order.parts[0].id;
    clerk.post_json(&format!("/api/v1/order-parts/{part}/pay"), &json!({})).await;
    clerk.post_json(&format!("/api/v1/order-parts/{part}/ship"), &ship).await;
    assert_error(clerk.post_json(&format!("/api/v1/order-parts/{part}/cancel"), &json!({})).await, StatusCode::CONFLICT, ErrorCode::MoveNotAllowed).await;
    let (audited,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE entity = 'order_part'").fetch_one(app.db().pool()).await.expect("audit");
    assert_eq!(audited, 4, "pay, cancel, pay, ship");
}
