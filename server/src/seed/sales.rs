//! Demo sales (issue 12 part 8): about sixty producers across Ankang's ten
//! counties — households, cooperatives, community factories and
//! enterprises, each benefiting registered households of its county — with
//! about two hundred products that fit the place (紫阳富硒茶, 平利绞股蓝,
//! 岚皋魔芋, 汉阴腊肉, 石泉蚕丝, 旬阳拐枣…), and a few hundred orders in
//! every state, the delivered ones spread over the last six months so the
//! figures have a history. Everything goes through the same storage
//! functions as the API, and every product has a cover photo drawn by
//! `product_images`. Deterministic: the caller's seeded `rng`.
//!
//! The demo login `shop_ziyang` acts for a tea cooperative in 紫阳县.

use anyhow::Context;
use doorstep_shared::api::{ProducerKind, ProducerStatus, ProductCategory as Cat, ProductStatus};
use doorstep_shared::types::{Phone, RegionCode, YearMonth};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::Rng;

use super::product_images::attach_demo_images;
use super::{create_user, NewAccount, DEMO_PASSWORD};
use crate::clock::today;
use crate::domain::{verify_code, OrderDraft, OrderMove, ProducerDraft, ProductDraft};
use crate::startup::AppState;
use crate::storage::{
    change_stock, insert_producer, insert_product, link_producer_account, list_people, move_order_part, pay_order, place_order, set_producer_status,
    set_product_status, MoveDetails, PlaceOrder,
};

/// Title, category, price range in fen, unit, grams.
type ProductTemplate = (&'static str, Cat, (i64, i64), &'static str, u32);

/// A county, its producers' name stems, and what they sell.
struct County {
    code: &'static str,
    stems: &'static [&'static str],
    products: &'static [ProductTemplate],
}

const COUNTIES: &[County] = &[
    County {
        code: "610924",
        stems: &["紫阳富硒茶", "焕古茶", "紫阳毛尖", "向阳茶叶", "双桥香菇", "和平茶园"],
        products: &[
            ("紫阳富硒绿茶 250克", Cat::Tea, (6_800, 12_800), "罐", 250),
            ("紫阳毛尖 明前特级 100克", Cat::Tea, (9_800, 19_800), "盒", 100),
            ("紫阳红茶 200克", Cat::Tea, (5_800, 9_800), "袋", 200),
            ("富硒干香菇 500克", Cat::Mushrooms, (4_500, 6_800), "袋", 500),
        ],
    },
    County {
        code: "610926",
        stems: &["平利绞股蓝", "女娲银峰", "长安茶园", "老县富硒", "八仙药材", "三阳茶业"],
        products: &[
            ("平利绞股蓝茶 150克", Cat::Tea, (3_800, 6_800), "盒", 150),
            ("绞股蓝袋泡茶 30袋", Cat::Herbs, (2_800, 4_800), "盒", 90),
            ("女娲银峰绿茶 250克", Cat::Tea, (8_800, 15_800), "罐", 250),
            ("平利土蜂蜜 500克", Cat::Honey, (6_800, 9_800), "瓶", 500),
        ],
    },
    County {
        code: "610925",
        stems: &["岚皋魔芋", "南宫山", "佐龙", "四季", "蔺河蜂业", "大道河"],
        products: &[
            ("岚皋魔芋粉 500克", Cat::Konjac, (3_600, 5_800), "袋", 500),
            ("魔芋豆腐 1公斤", Cat::Konjac, (1_500, 2_600), "盒", 1_000),
            ("魔芋挂面 1公斤", Cat::Konjac, (2_200, 3_500), "袋", 1_000),
            ("岚皋土蜂蜜 500克", Cat::Honey, (7_800, 12_800), "瓶", 500),
        ],
    },
    County {
        code: "610921",
        stems: &["汉阴腊肉", "凤堰梯田", "双河口", "涧池", "平梁", "蒲溪"],
        products: &[
            ("汉阴腊肉 500克", Cat::CuredMeat, (6_800, 9_800), "块", 500),
            ("凤堰富硒米 5公斤", Cat::GrainOil, (6_800, 9_800), "袋", 5_000),
            ("压榨菜籽油 5升", Cat::GrainOil, (9_800, 13_800), "桶", 4_600),
            ("汉阴香肠 500克", Cat::CuredMeat, (5_800, 7_800), "袋", 500),
        ],
    },
    County {
        code: "610922",
        stems: &["石泉蚕丝", "鎏金蚕", "池河桑园", "后柳", "饶峰", "喜河"],
        products: &[
            ("石泉蚕丝被 2公斤", Cat::Textiles, (68_000, 128_000), "床", 2_000),
            ("桑蚕丝围巾", Cat::Textiles, (12_800, 26_800), "条", 100),
            ("鎏金铜蚕摆件", Cat::Handicrafts, (16_800, 38_800), "件", 300),
            ("桑葚干 250克", Cat::Fruit, (2_800, 4_800), "袋", 250),
        ],
    },
    County {
        code: "610981",
        stems: &["旬阳拐枣", "狮头柑", "蜀河", "棕溪", "吕河", "赵湾"],
        products: &[
            ("旬阳拐枣 2.5公斤", Cat::Fruit, (3_800, 5_800), "箱", 2_500),
            ("旬阳狮头柑 5公斤", Cat::Fruit, (4_800, 6_800), "箱", 5_000),
            ("拐枣果脯 500克", Cat::Fruit, (2_800, 3_800), "袋", 500),
            ("旬阳手工挂面 2公斤", Cat::GrainOil, (2_600, 3_900), "袋", 2_000),
        ],
    },
    County {
        code: "610927",
        stems: &["镇坪腊肉", "曾家", "华坪", "钟宝", "上竹", "城关"],
        products: &[
            ("镇坪腊肉 500克", Cat::CuredMeat, (7_800, 10_800), "块", 500),
            ("镇坪黄连 250克", Cat::Herbs, (8_800, 15_800), "袋", 250),
            ("高山洋芋 5公斤", Cat::Vegetables, (2_500, 3_800), "箱", 5_000),
            ("镇坪土蜂蜜 500克", Cat::Honey, (8_800, 12_800), "瓶", 500),
        ],
    },
    County {
        code: "610923",
        stems: &["宁陕核桃", "秦岭", "皇冠", "筒车湾", "江口", "城关"],
        products: &[
            ("宁陕核桃 2公斤", Cat::Fruit, (5_800, 8_800), "袋", 2_000),
            ("宁陕天麻 250克", Cat::Herbs, (9_800, 16_800), "盒", 250),
            ("秦岭黑木耳 250克", Cat::Mushrooms, (3_800, 5_800), "袋", 250),
            ("高山香菇 500克", Cat::Mushrooms, (4_800, 6_800), "袋", 500),
        ],
    },
    County {
        code: "610929",
        stems: &["白河木瓜", "冷水", "茅坪", "宋家", "仓上", "麻虎"],
        products: &[
            ("白河木瓜 5公斤", Cat::Fruit, (3_800, 5_800), "箱", 5_000),
            ("木瓜果醋 6瓶", Cat::Fruit, (4_800, 6_800), "箱", 2_000),
            ("白河绿茶 250克", Cat::Tea, (5_800, 8_800), "罐", 250),
            ("手工竹编果篮", Cat::Handicrafts, (3_800, 6_800), "个", 400),
        ],
    },
    County {
        code: "610902",
        stems: &["汉滨富硒", "瀛湖", "流水", "大竹园", "茨沟", "叶坪"],
        products: &[
            ("汉滨富硒绿茶 250克", Cat::Tea, (5_800, 9_800), "罐", 250),
            ("社区工厂毛绒玩具", Cat::Handicrafts, (2_800, 5_800), "个", 300),
            ("手工布鞋", Cat::Textiles, (6_800, 12_800), "双", 600),
            ("富硒菜籽油 5升", Cat::GrainOil, (9_800, 12_800), "桶", 4_600),
        ],
    },
];

/// The kind of each of a county's six producers, and its name's ending.
const KINDS: [(ProducerKind, &str); 6] = [
    (ProducerKind::Cooperative, "专业合作社"),
    (ProducerKind::Household, "家庭农场"),
    (ProducerKind::Household, "农户"),
    (ProducerKind::CommunityFactory, "社区工厂"),
    (ProducerKind::Cooperative, "种养殖合作社"),
    (ProducerKind::Enterprise, "农业科技有限公司"),
];

const ORDERS: usize = 320;

/// What was seeded, for the log.
#[derive(Debug, Default)]
pub struct SalesSeeded {
    pub producers: usize,
    pub products: usize,
    pub orders: usize,
    pub delivered: usize,
    pub images: usize,
}

/// A listed product and the producer's county, for orders.
struct OnSale {
    id: i64,
    stock: u32,
}

/// Seeds the sales platform after people exist; `actor` is the admin.
pub async fn seed_sales(state: &AppState, rng: &mut StdRng, actor: i64) -> anyhow::Result<SalesSeeded> {
    let db = &state.db;
    let (people, _) = list_people(db, &Default::default(), 5_000, 0).await?;
    let mut seeded = SalesSeeded::default();
    let mut on_sale: Vec<OnSale> = Vec::new();
    let mut shop = None;
    let mut pictured: Vec<(i64, Cat, String)> = Vec::new();
    for (c, county) in COUNTIES.iter().enumerate() {
        let locals: Vec<i64> = people.iter().filter(|p| p.home_region.as_ref().starts_with(county.code)).map(|p| p.id).collect();
        anyhow::ensure!(locals.len() >= 12, "too few people in {} for its producers", county.code);
        let towns: Vec<RegionCode> = people.iter().filter(|p| p.home_region.as_ref().starts_with(county.code)).map(|p| p.home_region.clone()).collect();
        for (k, (kind, ending)) in KINDS.iter().enumerate() {
            let households = match kind {
                ProducerKind::Household => 1,
                ProducerKind::Cooperative => rng.gen_range(3..=8),
                ProducerKind::CommunityFactory | ProducerKind::Enterprise => rng.gen_range(5..=12),
            };
            let chosen: Vec<i64> = locals.choose_multiple(rng, households).copied().collect();
            let beneficiaries: Vec<(i64, u32)> = chosen.iter().map(|p| (*p, if households == 1 { 1 } else { rng.gen_range(1..=3) })).collect();
            let region = towns.choose(rng).cloned().context("a town")?;
            let draft = ProducerDraft {
                name: format!("{}{}", county.stems[k], ending),
                kind: *kind,
                region: region.clone(),
                contact_phone: Phone::parse(&format!("139{:08}", rng.gen_range(0..100_000_000u32))).map_err(anyhow::Error::msg)?.as_ref().to_string(),
                description: format!("{}，带动{}户困难群众增收", county.stems[k], households),
                remainder_person_id: beneficiaries[0].0,
                beneficiaries,
            };
            let producer = insert_producer(db, &draft, actor).await?;
            seeded.producers += 1;
            // Most are verified; one a county waits for staff, one in all is suspended.
            let status = match (c, k) {
                (_, 5) if c % 2 == 0 => ProducerStatus::Pending,
                (3, 2) => ProducerStatus::Suspended,
                _ => ProducerStatus::Verified,
            };
            if status != ProducerStatus::Pending {
                set_producer_status(db, producer, &[ProducerStatus::Pending], ProducerStatus::Verified, actor).await?;
            }
            if c == 0 && k == 0 {
                shop = Some(producer);
            }
            // Three or four products each, from the county's own.
            let count = if k % 2 == 0 { 4 } else { 3 };
            for template in county.products.choose_multiple(rng, count) {
                let (title, category, (low, high), unit, grams) = *template;
                let price = rng.gen_range(low / 100..=high / 100) * 100;
                let stock = rng.gen_range(20..400);
                let product = ProductDraft {
                    title: title.to_string(),
                    category,
                    description: format!("{}出产，{}直供", state.regions.name_of(county.code), draft.name),
                    price_fen: price,
                    unit: unit.to_string(),
                    weight_grams: grams,
                    stock,
                    origin: region.clone(),
                };
                let id = insert_product(db, producer, &product, actor).await?;
                pictured.push((id, category, title.to_string()));
                seeded.products += 1;
                let roll = rng.gen_range(0..20);
                if status != ProducerStatus::Verified || roll == 0 {
                    continue; // a draft
                }
                set_product_status(db, id, &[ProductStatus::Draft], ProductStatus::Listed, actor).await?;
                match roll {
                    1 => {
                        set_product_status(db, id, &[ProductStatus::Listed], ProductStatus::Delisted, actor).await?;
                    }
                    2 => {
                        change_stock(db, id, -i64::from(stock), actor).await?; // sold out
                    }
                    _ => on_sale.push(OnSale { id, stock }),
                }
            }
            if status == ProducerStatus::Suspended {
                set_producer_status(db, producer, &[ProducerStatus::Verified], ProducerStatus::Suspended, actor).await?;
            }
        }
    }
    if let Some(producer) = shop {
        let account = create_user(
            state,
            NewAccount {
                role: "seeker".into(),
                username: "shop_ziyang".into(),
                password: DEMO_PASSWORD.into(),
                display_name: Some("紫阳茶叶合作社 刘会计".into()),
                region: None,
                employer_id: None,
                person_id: None,
            },
        )
        .await?;
        link_producer_account(db, producer, account, actor).await?;
    }
    seeded.images = attach_demo_images(state, &pictured, actor).await?;
    orders(state, rng, &mut on_sale, actor, &mut seeded).await?;
    Ok(seeded)
}

/// Buyers' orders of one to three products, then moved on: some just
/// placed, some paid, shipped, delivered in the last six months, cancelled.
async fn orders(state: &AppState, rng: &mut StdRng, on_sale: &mut [OnSale], actor: i64, seeded: &mut SalesSeeded) -> anyhow::Result<()> {
    const BUYERS: &[(&str, &str)] = &[
        ("安康市民政局机关食堂", "安康市汉滨区巴山东路 12 号"),
        ("安康学院后勤处", "安康市汉滨区育才路 92 号"),
        ("西安市碑林区帮扶工作站", "西安市碑林区南大街 18 号"),
        ("汉滨区第一中学食堂", "安康市汉滨区大桥路 35 号"),
        ("张女士", "安康市汉滨区兴安路 88 号 3 单元"),
        ("李先生", "西安市雁塔区科技路 37 号"),
        ("常州市对口帮扶办", "江苏省常州市新北区龙锦路 1 号"),
    ];
    let this_month = YearMonth::of(today());
    for n in 0..ORDERS {
        let lines = rng.gen_range(1..=3usize);
        let mut picked: Vec<(i64, u32)> = Vec::new();
        for item in on_sale.choose_multiple(rng, lines) {
            if item.stock > 3 {
                picked.push((item.id, rng.gen_range(1..=3)));
            }
        }
        if picked.is_empty() {
            continue;
        }
        let (buyer, address) = BUYERS[n % BUYERS.len()];
        let draft = OrderDraft {
            lines: picked.clone(),
            buyer_name: buyer.into(),
            buyer_phone: Phone::parse(&format!("137{:08}", rng.gen_range(0..100_000_000u32))).map_err(anyhow::Error::msg)?,
            address: address.into(),
            note: String::new(),
        };
        let PlaceOrder::Placed(order) = place_order(&state.db, &draft, None, None, &verify_code(rng)).await? else { continue };
        for (id, quantity) in &picked {
            if let Some(item) = on_sale.iter_mut().find(|o| o.id == *id) {
                item.stock -= quantity;
            }
        }
        seeded.orders += 1;
        let parts: Vec<(i64,)> =
            sqlx::query_as("SELECT id FROM order_parts WHERE order_id = $1").bind(order).fetch_all(state.db.pool()).await.context("order parts")?;
        let stage = rng.gen_range(0..20);
        if stage >= 3 && stage != 19 {
            pay_order(&state.db, order, actor).await?;
        }
        let month = this_month.plus(-rng.gen_range(0..6)).to_string();
        for (part,) in parts {
            let moves: &[OrderMove] = match stage {
                0..=2 => &[],
                3..=5 => &[],
                6..=8 => &[OrderMove::Ship],
                9..=17 => &[OrderMove::Ship, OrderMove::Deliver],
                _ => &[OrderMove::Cancel],
            };
            for m in moves {
                let details = match m {
                    OrderMove::Ship => MoveDetails {
                        carrier: Some(["中国邮政", "顺丰速运", "京东物流"].choose(rng).copied().unwrap_or("中国邮政").into()),
                        tracking_number: Some(format!("98{:010}", rng.gen_range(0..10_000_000_000u64))),
                        cancel_reason: None,
                    },
                    OrderMove::Cancel => MoveDetails { cancel_reason: Some("买家取消".into()), ..MoveDetails::default() },
                    _ => MoveDetails::default(),
                };
                move_order_part(&state.db, part, *m, &details, &month, Some(actor)).await?;
                if *m == OrderMove::Deliver {
                    seeded.delivered += 1;
                }
            }
        }
    }
    Ok(())
}
