//! The sales platform at a phone-sized window (issue 12's "Done when"): a
//! guest searches the shop and browses a category, puts two producers'
//! products in the cart (which survives a reload), checks out and follows
//! the order by its code; the co-op's account confirms the payment and ships
//! its parcel with carrier and tracking number; the buyer confirms delivery;
//! staff open the sales figures and read each household's income in yuan.
//! And a producer adds a photo from the phone and changes a price, which
//! buyers then see; every sales page has 44 px targets and names itself.

use serde_json::{json, Value};
use thirtyfour::prelude::*;

use crate::helpers::{body, spawn_app, Backend, Client, TestApp};
use crate::sales_support::{listed_product, order_json, producer_json, product_json, sales_world, verified_producer};
use crate::webdriver::{assert_targets, find, find_with_text, finish, log_in, log_out, start_browser, tap_css, title_becomes, type_into, wait_ready};
use crate::webdriver::{PATIENCE, POLL};

/// Lets the account `username` (made here) act for `producer`.
async fn link_account(app: &TestApp, staff: &Client, producer: i64, username: &str) {
    app.create_user("seeker", username, None, None).await;
    let linked = staff.post_json(&format!("/api/v1/producers/{producer}/accounts"), &json!({"username": username})).await;
    assert_eq!(linked.status(), reqwest::StatusCode::OK, "{}", body(linked).await);
}

/// The part of `order` that `producer` fulfils, as staff read it.
async fn part_of(staff: &Client, order: i64, producer: i64) -> i64 {
    let order: Value = body(staff.get(&format!("/api/v1/orders/{order}")).await).await;
    let parts = order["parts"].as_array().unwrap_or_else(|| panic!("parts: {order}"));
    let part = parts.iter().find(|p| p["producer_id"] == json!(producer)).unwrap_or_else(|| panic!("{producer}'s part: {order}"));
    part["id"].as_i64().expect("part id")
}

/// Staff move a part (`pay`, `ship`, `deliver`) through the API.
async fn move_part(staff: &Client, part: i64, verb: &str, request: &Value) {
    let moved = staff.post_json(&format!("/api/v1/order-parts/{part}/{verb}"), request).await;
    assert_eq!(moved.status(), reqwest::StatusCode::OK, "{verb}: {}", body(moved).await);
}

/// The number at the end of the current address's path (`/orders/12?code=…` → 12).
async fn id_in_address(driver: &WebDriver) -> WebDriverResult<i64> {
    let url = driver.current_url().await?;
    let id = url.path_segments().and_then(|mut s| s.next_back()).and_then(|s| s.parse().ok());
    Ok(id.unwrap_or_else(|| panic!("no id in {url}")))
}

/// Waits until the text of `css` is exactly `expected`.
async fn text_becomes(driver: &WebDriver, css: &str, expected: &str) -> WebDriverResult<()> {
    let deadline = std::time::Instant::now() + PATIENCE;
    loop {
        let text = match driver.find(By::Css(css)).await {
            Ok(element) => element.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        if text.trim() == expected {
            return Ok(());
        }
        assert!(std::time::Instant::now() < deadline, "{css} reads {text:?}, wanted {expected:?}");
        tokio::time::sleep(POLL).await;
    }
}

/// Waits until `present` is on the page and `absent` is not.
async fn shows_without(driver: &WebDriver, present: &str, absent: &str) -> WebDriverResult<()> {
    let deadline = std::time::Instant::now() + PATIENCE;
    loop {
        let here = !driver.find_all(By::Css(present)).await?.is_empty();
        let gone = driver.find_all(By::Css(absent)).await?.is_empty();
        if here && gone {
            return Ok(());
        }
        assert!(std::time::Instant::now() < deadline, "wanted {present} without {absent}: present {here}, absent {gone}");
        tokio::time::sleep(POLL).await;
    }
}

/// Hanbin staff, a co-op in 老城街道 sharing its income 2:1 between two
/// households and a household bee farm (the third household), a tea and a
/// honey product listed.
struct Shop {
    staff: Client,
    households: Vec<i64>,
    coop: i64,
    farm: i64,
    tea: i64,
    honey: i64,
}

async fn shop(app: &TestApp) -> Shop {
    let w = sales_world(app, 1, 3).await;
    let [a, b, c] = [w.households[0], w.households[1], w.households[2]];
    let coop = verified_producer(&w.staff, &producer_json("老城茶叶合作社", "cooperative", "610902001", &[(a, 2), (b, 1)])).await;
    let farm = verified_producer(&w.staff, &producer_json("张家蜂场", "household", "610902001", &[(c, 1)])).await;
    let tea = listed_product(&w.staff, coop, &product_json("紫阳富硒茶", "tea", 3_350, 20)).await;
    let honey = listed_product(&w.staff, farm, &product_json("土蜂蜜", "honey", 4_500, 5)).await;
    Shop { staff: w.staff, households: w.households, coop, farm, tea, honey }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_guest_orders_from_two_producers_the_co_op_ships_and_staff_see_each_household_s_income() {
    let app = spawn_app(Backend::Sqlite, Default::default()).await.expect("app");
    let s = shop(&app).await;
    link_account(&app, &s.staff, s.coop, "coop_clerk").await;
    app.wait_indexed().await;
    let (_guard, driver) = start_browser().await;

    let result = async {
        // A guest: the bar's 特产, the search, the tea.
        driver.goto(&app.address).await?;
        wait_ready(&driver).await;
        tap_css(&driver, "#nav-shop").await?;
        type_into(&driver, "#shop-q", "茶").await?;
        tap_css(&driver, "#shop-search").await?;
        // The answer replaces the first list, which held both: honey is not tea.
        let (tea_card, honey_card) = (format!("#shop-results #product-{}", s.tea), format!("#shop-results #product-{}", s.honey));
        shows_without(&driver, &tea_card, &honey_card).await?;
        tap_css(&driver, &format!("{tea_card} h2 a")).await?;
        find_with_text(&driver, "#product-title", "紫阳富硒茶").await?;
        text_becomes(&driver, "#product-price", "¥33.50 / 盒").await?;
        find_with_text(&driver, "#producer-name", "老城茶叶合作社").await?;
        tap_css(&driver, "#product-quantity-more").await?;
        tap_css(&driver, "#add-to-cart").await?;
        find_with_text(&driver, "#added-to-cart", "2").await?;

        // Browsing a category: the honey of another producer.
        tap_css(&driver, "#back-to-shop").await?;
        tap_css(&driver, "#category-honey").await?;
        tap_css(&driver, &format!("#shop-results #product-{} h2 a", s.honey)).await?;
        find_with_text(&driver, "#product-title", "土蜂蜜").await?;
        tap_css(&driver, "#add-to-cart").await?;
        tap_css(&driver, "#go-to-cart").await?;

        // The cart: two parcels, ¥67.00 + ¥45.00; it survives a reload.
        text_becomes(&driver, "#cart-total", "¥112.00").await?;
        find(&driver, "#cart-parcels").await?;
        driver.refresh().await?;
        text_becomes(&driver, "#cart-total", "¥112.00").await?;
        tap_css(&driver, "#checkout-link").await?;
        text_becomes(&driver, "#checkout-total", "¥112.00").await?;
        type_into(&driver, "#buyer-name", "市机关食堂").await?;
        type_into(&driver, "#buyer-phone", "13700002222").await?;
        type_into(&driver, "#buyer-address", "安康市汉滨区兴安路 1 号").await?;
        tap_css(&driver, "#place-order").await?;

        // The order, its code and its two parts, awaiting payment.
        find(&driver, "#order-placed").await?;
        let order = id_in_address(&driver).await?;
        let code = find(&driver, "#order-code").await?.text().await?;
        assert!(!code.trim().is_empty(), "the guest sees the code");
        text_becomes(&driver, "#order-total", "¥112.00").await?;
        let parts = driver.find_all(By::Css("section[id^='part-']")).await?;
        assert_eq!(parts.len(), 2, "one parcel per producer");
        Ok::<_, WebDriverError>((order, code))
    }
    .await;
    let (order, _code) = match result {
        Ok(found) => found,
        Err(error) => return finish(driver, "sales-done-when", Err(error)).await,
    };
    let (tea_part, honey_part) = (part_of(&s.staff, order, s.coop).await, part_of(&s.staff, order, s.farm).await);

    let result = async {
        // The co-op's account: 我的店铺, its orders, payment on delivery, shipping.
        log_in(&driver, &app, "coop_clerk").await?;
        tap_css(&driver, "#tile-my-shop").await?;
        find_with_text(&driver, "#producer-name", "老城茶叶合作社").await?;
        tap_css(&driver, "#tab-orders").await?;
        find(&driver, &format!("#sold-order-{order} #sold-part-{tea_part}")).await?;
        assert!(driver.find_all(By::Css(format!("#sold-part-{honey_part}"))).await?.is_empty(), "only its own parcel");
        tap_css(&driver, &format!("#pay-{tea_part}")).await?;
        type_into(&driver, &format!("#carrier-{tea_part}"), "中国邮政").await?;
        type_into(&driver, &format!("#tracking-number-{tea_part}"), "9876543210").await?;
        tap_css(&driver, &format!("#ship-{tea_part}")).await?;
        find_with_text(&driver, &format!("#part-status-{tea_part}"), "已发货").await?;
        find_with_text(&driver, &format!("#tracking-{tea_part}"), "9876543210").await?;
        log_out(&driver).await?;
        Ok::<_, WebDriverError>(())
    }
    .await;
    if result.is_err() {
        return finish(driver, "sales-done-when", result).await;
    }
    // The bee farm's parcel is paid and shipped by staff.
    move_part(&s.staff, honey_part, "pay", &json!({})).await;
    move_part(&s.staff, honey_part, "ship", &json!({"carrier": "顺丰速运", "tracking_number": "SF1234567"})).await;

    let result = async {
        // The guest again, from this phone's orders: both parcels arrived.
        driver.goto(&format!("{}/my-orders", app.address)).await?;
        tap_css(&driver, &format!("#order-{order} h2 a")).await?;
        find_with_text(&driver, &format!("#tracking-{tea_part}"), "中国邮政").await?;
        tap_css(&driver, &format!("#deliver-{tea_part}")).await?;
        find_with_text(&driver, &format!("#part-status-{tea_part}"), "已收货").await?;
        tap_css(&driver, &format!("#deliver-{honey_part}")).await?;
        find_with_text(&driver, &format!("#part-status-{honey_part}"), "已收货").await?;

        // Staff: 消费帮扶, the figures. 6,700 fen split 2:1 (the odd fen to the first) and 4,500.
        log_in(&driver, &app, "staff_hanbin").await?;
        tap_css(&driver, "#tile-sales").await?;
        tap_css(&driver, "#tab-figures").await?;
        text_becomes(&driver, "#figures-income", "¥112.00").await?;
        let [a, b, c] = [s.households[0], s.households[1], s.households[2]];
        text_becomes(&driver, &format!("#household-{a} .amount"), "¥44.67").await?;
        text_becomes(&driver, &format!("#household-{b} .amount"), "¥22.33").await?;
        text_becomes(&driver, &format!("#household-{c} .amount"), "¥45.00").await?;
        find_with_text(&driver, "#figures-counts", "3").await?;
        Ok::<_, WebDriverError>(())
    }
    .await;
    finish(driver, "sales-done-when", result).await;

    let figures: Value = body(s.staff.get("/api/v1/sales/figures").await).await;
    assert_eq!(figures["income_fen"], json!(11_200), "{figures}");
}

/// A small gradient PNG written to a temporary file, for the file input.
fn photo_file(dir: &std::path::Path) -> std::path::PathBuf {
    let image = image::RgbImage::from_fn(320, 240, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 90]));
    let path = dir.join("tea.png");
    image.save_with_format(&path, image::ImageFormat::Png).expect("write the test photo");
    path
}

/// Whether the image `css` has loaded and has pixels.
async fn image_shows(driver: &WebDriver, css: &str) -> WebDriverResult<bool> {
    let element = find(driver, css).await?;
    let loaded = driver.execute("return arguments[0].complete && arguments[0].naturalWidth > 0;", vec![element.to_json()?]).await?;
    Ok(loaded.json().as_bool().unwrap_or(false))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_producer_adds_a_photo_and_changes_a_price_and_every_sales_page_has_44px_targets_and_its_title() {
    let app = spawn_app(Backend::Sqlite, Default::default()).await.expect("app");
    let s = shop(&app).await;
    link_account(&app, &s.staff, s.coop, "coop_clerk").await;
    let ordered = app.anonymous().post_json("/api/v1/orders", &order_json(&[(s.tea, 1), (s.honey, 1)])).await;
    assert_eq!(ordered.status(), reqwest::StatusCode::CREATED, "{}", body(ordered).await);
    let dir = tempfile::tempdir().expect("temp dir");
    let photo = photo_file(dir.path());
    let (_guard, driver) = start_browser().await;
    let (tea, coop) = (s.tea, s.coop);

    let result = async {
        let open = |path: String| {
            let driver = driver.clone();
            let url = format!("{}{path}", app.address);
            async move { driver.goto(&url).await }
        };
        // The co-op's account adds a photo to its tea from the phone's files.
        log_in(&driver, &app, "coop_clerk").await?;
        open("/my-shop".to_string()).await?;
        find(&driver, &format!("#image-file-{tea}")).await?.send_keys(photo.to_string_lossy().to_string()).await?;
        find(&driver, &format!("#images-{tea} img")).await?;
        // And raises its price by the change form; buyers then see the new one.
        tap_css(&driver, &format!("#edit-product-{tea} summary")).await?;
        type_into(&driver, &format!("#edit-product-{tea}-price"), "36.8").await?;
        tap_css(&driver, &format!("#edit-product-{tea}-save")).await?;
        find(&driver, &format!("#product-saved-{tea}")).await?;
        text_becomes(&driver, &format!("#managed-{tea} .price"), "¥36.80 / 盒").await?;
        for (path, ready, title) in [("/my-shop", "#managed-products", "我的店铺 · 门前就业"), ("/sales-orders", "#sales-orders", "消费帮扶 · 门前就业")]
        {
            open(path.to_string()).await?;
            assert_targets(&driver, path, ready).await?;
            title_becomes(&driver, title).await?;
        }
        log_out(&driver).await?;

        // A visitor sees the photo in the shop and on the product, and puts the tea in the cart.
        open("/shop".to_string()).await?;
        let thumb = format!("#shop-results #product-{tea} img.thumb");
        find(&driver, &thumb).await?;
        assert!(image_shows(&driver, &thumb).await?, "the thumbnail loads");
        open(format!("/products/{tea}")).await?;
        assert!(image_shows(&driver, "#product-image").await?, "the display image loads");
        text_becomes(&driver, "#product-price", "¥36.80 / 盒").await?;
        tap_css(&driver, "#add-to-cart").await?;
        for (path, ready, title) in [
            (format!("/products/{tea}"), "#add-to-cart", "特产 · 门前就业"),
            ("/shop".to_string(), "#shop-results", "特产 · 门前就业"),
            ("/cart".to_string(), "#cart-total", "特产 · 门前就业"),
            ("/checkout".to_string(), "#place-order", "特产 · 门前就业"),
            ("/my-orders".to_string(), "#follow-order", "特产 · 门前就业"),
        ] {
            open(path.clone()).await?;
            assert_targets(&driver, &path, ready).await?;
            title_becomes(&driver, title).await?;
        }

        // Staff.
        log_in(&driver, &app, "staff_hanbin").await?;
        for (path, ready, title) in [
            ("/producers".to_string(), "#producers-empty", "消费帮扶 · 门前就业"),
            (format!("/producers/{coop}"), "#managed-products", "消费帮扶 · 门前就业"),
            ("/sales-orders".to_string(), "#sales-orders", "消费帮扶 · 门前就业"),
            ("/sales-figures".to_string(), "#figures-income", "消费帮扶 · 门前就业"),
        ] {
            open(path.clone()).await?;
            assert_targets(&driver, &path, ready).await?;
            title_becomes(&driver, title).await?;
        }
        Ok(())
    }
    .await;
    finish(driver, "sales-targets", result).await;
}
