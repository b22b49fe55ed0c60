//! The relevance suite: hand-judged (person, postings) cases a civil-affairs
//! worker would agree with — synonyms, distance trade-offs, disability and
//! schedule needs, transfer employment. Reports nDCG@10 and asserts a floor,
//! and asserts that no result ever breaks a hard constraint.

use std::collections::HashMap;

use doorstep_shared::api::{MatchResponse, PhysicalDemand, PostingResponse};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{posting_json, spawn_app, Backend, TestApp, TestOptions};

/// Title, region, explicit site, skills, wage range, schedule, physical demand, accessible, accommodation.
type Fixture = (&'static str, &'static str, Option<(f64, f64)>, &'static [&'static str], (u32, u32), &'static str, &'static str, bool, bool);

/// 33 postings around Ankang and in the cities people move to.
const CORPUS: &[Fixture] = &[
    ("老城社区工厂缝纫工", "610902001", None, &["sewing"], (3000, 3600), "full_time", "light", true, false),
    ("江北制衣厂平车工", "610902001", Some((32.72, 109.03)), &["sewing", "garment_cutting"], (3200, 4200), "full_time", "light", false, false),
    ("关庙毛绒玩具缝纫工", "610902001", Some((32.65, 109.25)), &["sewing", "toy_making"], (2800, 3500), "full_time", "light", false, false),
    ("旬阳鞋厂鞋面缝制工", "610981100", None, &["shoe_upper_stitching", "sewing"], (3000, 4000), "full_time", "light", false, false),
    ("居家假发勾织", "610902001", None, &["wig_making"], (1500, 3000), "home_based", "light", true, false),
    ("汉阴假发车间工", "610921100", None, &["wig_making"], (2500, 3800), "full_time", "light", false, false),
    ("老城电子装配工", "610902001", None, &["electronics_assembly", "soldering"], (3000, 4000), "full_time", "light", true, false),
    ("苏州电子厂普工", "3205", None, &["electronics_assembly"], (5000, 6500), "full_time", "medium", false, true),
    ("东莞制衣厂车工", "4419", None, &["sewing"], (5500, 7500), "full_time", "light", false, true),
    ("紫阳采茶工", "610924100", None, &["tea_picking"], (1800, 2800), "flexible", "medium", false, false),
    ("汉滨茶园采茶工", "610902001", Some((32.66, 108.98)), &["tea_picking"], (2000, 3000), "flexible", "medium", false, false),
    ("紫阳茶叶加工工", "610924100", None, &["tea_processing"], (3000, 4500), "full_time", "medium", false, false),
    ("工地小工", "610902001", None, &["construction_labour"], (4000, 6000), "full_time", "heavy", false, false),
    ("钢筋工", "610902001", Some((32.71, 109.05)), &["rebar_work"], (5500, 8000), "full_time", "heavy", false, false),
    ("水电工", "610902001", None, &["electrician"], (4500, 6500), "full_time", "medium", false, false),
    ("家政服务员", "610902001", None, &["domestic_service", "cooking"], (3000, 4500), "full_time", "medium", false, false),
    ("养老护理员", "610902001", Some((32.70, 109.00)), &["elderly_care"], (2800, 3800), "full_time", "medium", false, false),
    ("育婴员", "610902001", None, &["childcare"], (3500, 5500), "full_time", "light", false, false),
    ("西安月嫂", "6101", None, &["maternity_care"], (7000, 10000), "full_time", "medium", false, true),
    ("电商客服", "610902001", None, &["customer_service", "ecommerce"], (2600, 3600), "full_time", "light", true, false),
    ("直播带货助理", "610902001", None, &["livestream_selling"], (3000, 5000), "flexible", "light", true, false),
    ("宁陕生态护林员", "610923100", None, &["forest_ranger"], (800, 1200), "flexible", "medium", false, false),
    ("汉滨生态护林员", "610902001", Some((32.60, 109.10)), &["forest_ranger"], (800, 1200), "flexible", "medium", false, false),
    ("村级保洁员", "610902001", None, &["sanitation"], (800, 1500), "part_time", "medium", false, false),
    ("公益性岗位(残疾人优先)", "610902001", None, &["public_welfare_post"], (1000, 1800), "part_time", "light", true, false),
    ("石泉养蚕工", "610922100", None, &["sericulture"], (1800, 3000), "flexible", "medium", false, false),
    ("生猪饲养员", "610902001", Some((32.62, 109.15)), &["pig_raising", "animal_health"], (3200, 4500), "full_time", "heavy", false, false),
    ("平利食用菌种植工", "610926100", None, &["mushroom_growing"], (2200, 3200), "full_time", "medium", false, false),
    ("岚皋魔芋加工工", "610925100", None, &["konjac_processing", "packaging"], (2500, 3500), "full_time", "medium", false, false),
    ("农家乐厨师", "610902001", None, &["cooking"], (3500, 5500), "full_time", "medium", false, false),
    ("食堂帮厨", "610902001", None, &["kitchen_helper"], (2200, 3000), "full_time", "medium", false, false),
    ("深圳物流分拣员", "4403", None, &["packaging"], (5000, 6500), "full_time", "medium", false, true),
    ("仓库打包员", "610902001", None, &["packaging"], (2600, 3600), "full_time", "medium", false, false),
];

/// A profile and the graded postings a worker would want to see (3 perfect,
/// 2 good, 1 acceptable; unlisted 0). Listed postings satisfy the hard constraints.
struct Case {
    why: &'static str,
    profile: Value,
    judged: &'static [(&'static str, u8)],
}

fn cases() -> Vec<Case> {
    let c = |why, profile, judged| Case { why, profile, judged };
    vec![
        c(
            "sewing near home",
            json!({"skills": ["sewing"], "region_code": "610902001", "max_commute_km": 10, "min_wage": 2500}),
            &[("老城社区工厂缝纫工", 3), ("江北制衣厂平车工", 3)],
        ),
        c(
            "sewing within 30 km",
            json!({"skills": ["sewing"], "region_code": "610902001"}),
            &[("老城社区工厂缝纫工", 3), ("江北制衣厂平车工", 3), ("关庙毛绒玩具缝纫工", 2)],
        ),
        c(
            "sewing, will move",
            json!({"skills": ["sewing"], "region_code": "610902001", "willing_to_relocate": true}),
            &[("老城社区工厂缝纫工", 3), ("江北制衣厂平车工", 3), ("东莞制衣厂车工", 3), ("关庙毛绒玩具缝纫工", 2), ("旬阳鞋厂鞋面缝制工", 2)],
        ),
        c(
            "synonym 做衣服",
            json!({"skills": ["做衣服"], "region_code": "610902001"}),
            &[("老城社区工厂缝纫工", 3), ("江北制衣厂平车工", 3), ("关庙毛绒玩具缝纫工", 2)],
        ),
        c(
            "synonym 踩缝纫机",
            json!({"skills": ["踩缝纫机"], "region_code": "610902001"}),
            &[("老城社区工厂缝纫工", 3), ("江北制衣厂平车工", 3), ("关庙毛绒玩具缝纫工", 2)],
        ),
        c(
            "free text 家门口做衣服",
            json!({"text": "想在家门口做衣服", "region_code": "610902"}),
            &[("老城社区工厂缝纫工", 3), ("江北制衣厂平车工", 3), ("关庙毛绒玩具缝纫工", 2)],
        ),
        c(
            "english sewing text",
            json!({"text": "sewing job", "region_code": "610902"}),
            &[("老城社区工厂缝纫工", 3), ("江北制衣厂平车工", 3), ("关庙毛绒玩具缝纫工", 2)],
        ),
        c("sewing, accessible only", json!({"skills": ["sewing"], "region_code": "610902001", "needs_accessible": true}), &[("老城社区工厂缝纫工", 3)]),
        c("sewing, wants 3800", json!({"skills": ["sewing"], "region_code": "610902001", "min_wage": 3800}), &[("江北制衣厂平车工", 3)]),
        c(
            "wigs at home, accessible",
            json!({"skills": ["wig_making"], "region_code": "610902001", "schedules": ["home_based"], "needs_accessible": true}),
            &[("居家假发勾织", 3)],
        ),
        c("wigs in Hanyin", json!({"skills": ["勾头发"], "region_code": "610921", "max_commute_km": 20}), &[("汉阴假发车间工", 3)]),
        c("electronics near home", json!({"skills": ["electronics_assembly"], "region_code": "610902001", "max_commute_km": 20}), &[("老城电子装配工", 3)]),
        c(
            "electronics, will move",
            json!({"skills": ["electronics_assembly"], "region_code": "610902001", "willing_to_relocate": true}),
            &[("老城电子装配工", 3), ("苏州电子厂普工", 3)],
        ),
        c("tea picking in Ziyang", json!({"skills": ["采茶"], "region_code": "610924", "max_commute_km": 20}), &[("紫阳采茶工", 3), ("紫阳茶叶加工工", 1)]),
        c("tea picking in Hanbin", json!({"skills": ["tea_picking"], "region_code": "610902001", "max_commute_km": 15}), &[("汉滨茶园采茶工", 3)]),
        c(
            "tea processing in Ziyang",
            json!({"skills": ["tea_processing"], "region_code": "610924", "max_commute_km": 20}),
            &[("紫阳茶叶加工工", 3), ("紫阳采茶工", 1)],
        ),
        c(
            "tea picker who will move",
            json!({"skills": ["tea_picking"], "region_code": "610924", "willing_to_relocate": true}),
            &[("紫阳采茶工", 3), ("汉滨茶园采茶工", 2), ("紫阳茶叶加工工", 1)],
        ),
        c("construction labourer", json!({"skills": ["construction_labour"], "region_code": "610902001"}), &[("工地小工", 3), ("钢筋工", 1)]),
        c(
            "disabled grade 2: light and accessible",
            json!({"region_code": "610902001", "needs_accessible": true, "max_physical_demand": "light"}),
            &[("公益性岗位(残疾人优先)", 3), ("老城社区工厂缝纫工", 2), ("老城电子装配工", 2), ("电商客服", 2), ("直播带货助理", 2), ("居家假发勾织", 2)],
        ),
        c("elderly care", json!({"skills": ["elderly_care"], "region_code": "610902001"}), &[("养老护理员", 3), ("家政服务员", 1)]),
        c("text 照顾老人", json!({"text": "照顾老人", "region_code": "610902001"}), &[("养老护理员", 3), ("家政服务员", 1)]),
        c(
            "housekeeping and cooking",
            json!({"skills": ["domestic_service", "cooking"], "region_code": "610902001"}),
            &[("家政服务员", 3), ("农家乐厨师", 2), ("食堂帮厨", 1)],
        ),
        c("childcare", json!({"skills": ["childcare"], "region_code": "610902001"}), &[("育婴员", 3), ("家政服务员", 1)]),
        c("text 带孩子", json!({"text": "带孩子", "region_code": "610902001"}), &[("育婴员", 3)]),
        c("maternity care, will move", json!({"skills": ["月嫂"], "region_code": "610902001", "willing_to_relocate": true}), &[("西安月嫂", 3), ("育婴员", 1)]),
        c("cook", json!({"skills": ["cooking"], "region_code": "610902001"}), &[("农家乐厨师", 3), ("家政服务员", 2), ("食堂帮厨", 2)]),
        c("kitchen helper", json!({"skills": ["kitchen_helper"], "region_code": "610902001"}), &[("食堂帮厨", 3), ("农家乐厨师", 1)]),
        c(
            "e-commerce, accessible",
            json!({"skills": ["customer_service"], "region_code": "610902001", "needs_accessible": true}),
            &[("电商客服", 3), ("直播带货助理", 2)],
        ),
        c("live-stream selling", json!({"skills": ["直播带货"], "region_code": "610902001"}), &[("直播带货助理", 3), ("电商客服", 2)]),
        c("forest ranger in Ningshan", json!({"skills": ["forest_ranger"], "region_code": "610923", "max_commute_km": 20}), &[("宁陕生态护林员", 3)]),
        c("forest ranger in Hanbin", json!({"skills": ["护林员"], "region_code": "610902001", "max_commute_km": 20}), &[("汉滨生态护林员", 3)]),
        c("part-time only", json!({"region_code": "610902001", "schedules": ["part_time"]}), &[("村级保洁员", 3), ("公益性岗位(残疾人优先)", 3)]),
        c("home-based only", json!({"region_code": "610902001", "schedules": ["home_based"]}), &[("居家假发勾织", 3)]),
        c("sanitation", json!({"skills": ["sanitation"], "region_code": "610902001"}), &[("村级保洁员", 3), ("公益性岗位(残疾人优先)", 1)]),
        c("sericulture in Shiquan", json!({"skills": ["养蚕"], "region_code": "610922", "max_commute_km": 20}), &[("石泉养蚕工", 3)]),
        c("pig raising", json!({"skills": ["pig_raising"], "region_code": "610902001", "max_commute_km": 20}), &[("生猪饲养员", 3)]),
        c("mushrooms in Pingli", json!({"skills": ["mushroom_growing"], "region_code": "610926", "max_commute_km": 20}), &[("平利食用菌种植工", 3)]),
        c("konjac in Langao", json!({"skills": ["魔芋加工"], "region_code": "610925", "max_commute_km": 20}), &[("岚皋魔芋加工工", 3)]),
        c("packing near home", json!({"skills": ["packaging"], "region_code": "610902001"}), &[("仓库打包员", 3)]),
        c(
            "packing, will move",
            json!({"skills": ["packaging"], "region_code": "610902001", "willing_to_relocate": true}),
            &[("仓库打包员", 3), ("深圳物流分拣员", 3), ("岚皋魔芋加工工", 2)],
        ),
        c(
            "well-paid work away, housing",
            json!({"text": "包吃住 外出务工", "region_code": "610902001", "willing_to_relocate": true, "min_wage": 5000}),
            &[("苏州电子厂普工", 3), ("东莞制衣厂车工", 3), ("深圳物流分拣员", 3), ("西安月嫂", 2)],
        ),
        c("english skill electrician", json!({"skills": ["electrician"], "region_code": "610902001"}), &[("水电工", 3)]),
        c("shoe making in Xunyang", json!({"skills": ["shoe_upper_stitching"], "region_code": "610981", "max_commute_km": 20}), &[("旬阳鞋厂鞋面缝制工", 3)]),
    ]
}

fn dcg(grades: &[u8]) -> f64 {
    grades.iter().enumerate().map(|(i, g)| (f64::from(2u32.pow(u32::from(*g))) - 1.0) / (i as f64 + 2.0).log2()).sum()
}

fn ndcg_at_10(returned: &[String], judged: &[(&str, u8)]) -> f64 {
    let grade = |t: &str| judged.iter().find(|(j, _)| *j == t).map_or(0, |(_, g)| *g);
    let got: Vec<u8> = returned.iter().take(10).map(|t| grade(t)).collect();
    let mut ideal: Vec<u8> = judged.iter().map(|(_, g)| *g).collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    ideal.truncate(10);
    dcg(&got) / dcg(&ideal)
}

async fn load_corpus(app: &TestApp) -> HashMap<i64, PostingResponse> {
    let admin = app.admin().await;
    let employer_id = app.employer_in(&admin, "610902001").await;
    let mut by_id = HashMap::new();
    for (title, region, site, skills, (low, high), schedule, demand, accessible, accommodation) in CORPUS {
        let mut p = posting_json(employer_id);
        p["title"] = json!(title);
        p["description"] = json!(format!("{title}，安康就业帮扶岗位"));
        p["region_code"] = json!(region);
        if let Some((lat, lon)) = site {
            p["lat"] = json!(lat);
            p["lon"] = json!(lon);
        }
        p["skills"] = json!(skills);
        p["wage_min"] = json!(low);
        p["wage_max"] = json!(high);
        p["schedule"] = json!(schedule);
        p["physical_demand"] = json!(demand);
        p["accessible"] = json!(accessible);
        p["accommodation"] = json!(accommodation);
        let id = admin.open_posting(app, &p).await;
        let posting: PostingResponse = admin.get(&format!("/api/v1/postings/{id}")).await.json().await.expect("posting");
        by_id.insert(id, posting);
    }
    by_id
}

/// Names the hard constraint a result breaks, checked against the posting's own record.
fn broken(profile: &Value, p: &PostingResponse, distance_km: Option<f64>) -> Option<&'static str> {
    if profile["needs_accessible"] == json!(true) && !p.accessible {
        return Some("accessible");
    }
    if profile["min_wage"].as_u64().is_some_and(|w| u64::from(p.wage_max) < w) {
        return Some("min_wage");
    }
    if profile["max_physical_demand"] == json!("light") && p.physical_demand != PhysicalDemand::Light {
        return Some("physical demand");
    }
    if let Some(schedules) = profile["schedules"].as_array() {
        if !schedules.contains(&json!(p.schedule)) {
            return Some("schedule");
        }
    }
    if profile["willing_to_relocate"] != json!(true) {
        let limit = profile["max_commute_km"].as_f64().unwrap_or(30.0);
        if distance_km.is_none_or(|d| d > limit) {
            return Some("commute");
        }
    }
    None
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hand_judged_cases_rank_well_and_never_break_a_hard_constraint() {
    let app = spawn_app(Backend::Sqlite, TestOptions::default()).await.expect("app");
    let corpus = load_corpus(&app).await;
    let client = app.anonymous();
    let cases = cases();
    assert!(cases.len() >= 40, "only {} cases", cases.len());

    let mut scores = Vec::new();
    let mut violations = Vec::new();
    for case in &cases {
        let res = client.post_json("/api/v1/match", &case.profile).await;
        assert_eq!(res.status(), StatusCode::OK, "{}", case.why);
        let got: MatchResponse = res.json().await.expect("matches");
        let titles: Vec<String> = got.matches.iter().map(|m| m.title.clone()).collect();
        for m in &got.matches {
            let posting = &corpus[&m.posting_id];
            if let Some(rule) = broken(&case.profile, posting, m.distance_km) {
                violations.push(format!("{}: {} breaks {rule}", case.why, m.title));
            }
        }
        let ndcg = ndcg_at_10(&titles, case.judged);
        println!("nDCG@10 {ndcg:.3}  {}  → {:?}", case.why, got.matches.iter().take(6).map(|m| (m.title.as_str(), m.score)).collect::<Vec<_>>());
        scores.push(ndcg);
    }

    let mean = scores.iter().sum::<f64>() / scores.len() as f64;
    println!("relevance suite: {} cases, mean nDCG@10 = {mean:.3}, min = {:.3}", scores.len(), scores.iter().copied().fold(1.0, f64::min));
    assert!(violations.is_empty(), "hard-constraint violations:\n{}", violations.join("\n"));
    assert!(mean >= 0.93, "mean nDCG@10 {mean:.3} fell below the floor 0.93");
    let worst = scores.iter().copied().fold(1.0, f64::min);
    assert!(worst >= 0.70, "a case fell to nDCG@10 {worst:.3}; every case must stay at 0.70 or above");
}

#[test]
fn ndcg_is_one_for_the_ideal_order_and_less_otherwise() {
    let judged = [("a", 3), ("b", 2)];
    assert!((ndcg_at_10(&["a".into(), "b".into()], &judged) - 1.0).abs() < 1e-9);
    assert!(ndcg_at_10(&["b".into(), "a".into()], &judged) < 1.0);
    assert!(ndcg_at_10(&["x".into()], &judged) == 0.0);
}
