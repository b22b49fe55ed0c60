//! Demo postings: what Ankang's employers really offer (community-factory
//! sewing and wigs, tea gardens, care homes, construction, e-commerce,
//! public-welfare posts), plus transfer employment in other cities.

use doorstep_shared::api::{PhysicalDemand, PostingStatus, Schedule};
use doorstep_shared::types::{Day, RegionCode, SkillCode};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::Rng;

use super::names::{COMPANY_LINES, COOPERATIVE_LINES, FACTORY_LINES, WELFARE_POSTS};
use crate::clock::today;
use crate::domain::{region_point, PostingDraft};
use crate::startup::AppState;
use crate::storage::{insert_posting, set_posting_status, EmployerRecord};

/// Title, description, skills, wage range, schedule, demand, accessible.
type Template = (&'static str, &'static str, &'static [&'static str], (u32, u32), Schedule, PhysicalDemand, bool);

const FACTORY: &[Template] = &[
    ("缝纫工", "社区工厂缝制服装、毛绒玩具，计件工资，就近上班可接送孩子", &["sewing"], (2400, 4200), Schedule::FullTime, PhysicalDemand::Light, true),
    ("假发手工勾织工", "假发发块手工勾织，可在车间或居家完成，按件计酬", &["wig_making"], (1800, 3800), Schedule::Flexible, PhysicalDemand::Light, true),
    (
        "鞋面缝制工",
        "鞋厂鞋面缝制，提供岗前培训，熟练工优先",
        &["shoe_upper_stitching", "sewing"],
        (2800, 4500),
        Schedule::FullTime,
        PhysicalDemand::Light,
        false,
    ),
    (
        "电子元件装配工",
        "电子产品组装、插件、焊锡，车间恒温",
        &["electronics_assembly", "soldering"],
        (2800, 4200),
        Schedule::FullTime,
        PhysicalDemand::Light,
        true,
    ),
    ("包装质检员", "成品检验与包装，细心即可，不限学历", &["quality_inspection", "packaging"], (2300, 3200), Schedule::PartTime, PhysicalDemand::Light, true),
    ("居家手工串珠", "领料回家做手工串珠饰品，时间自由，适合照顾老人孩子的妇女", &[], (900, 2200), Schedule::HomeBased, PhysicalDemand::Light, true),
];

const COMPANY: &[Template] = &[
    ("采茶工", "富硒茶园春茶采摘，日结工资，管午饭", &["tea_picking"], (1800, 3000), Schedule::Flexible, PhysicalDemand::Medium, false),
    ("茶叶加工工", "茶叶杀青、揉捻、烘干，有经验优先", &["tea_processing"], (2800, 4500), Schedule::FullTime, PhysicalDemand::Medium, false),
    ("魔芋加工工", "魔芋清洗、切片、烘干与包装", &["konjac_processing", "packaging"], (2500, 3600), Schedule::FullTime, PhysicalDemand::Medium, false),
    ("建筑小工", "工地搬运、拌料等辅助工作，按天结算", &["construction_labour"], (3500, 6000), Schedule::FullTime, PhysicalDemand::Heavy, false),
    ("钢筋工", "住宅项目钢筋绑扎，持证优先", &["rebar_work"], (5000, 8000), Schedule::FullTime, PhysicalDemand::Heavy, false),
    ("电工", "楼宇水电安装与维修，需持电工证", &["electrician"], (4500, 7000), Schedule::FullTime, PhysicalDemand::Medium, false),
    ("家政服务员", "家庭保洁、做饭，可住家", &["domestic_service", "cooking"], (3000, 5000), Schedule::FullTime, PhysicalDemand::Medium, false),
    ("育婴员", "照看0-3岁婴幼儿，有育儿经验优先", &["childcare"], (3500, 6000), Schedule::FullTime, PhysicalDemand::Light, false),
    ("养老护理员", "养老中心照护老人起居，提供岗前培训", &["elderly_care"], (2800, 4200), Schedule::FullTime, PhysicalDemand::Medium, false),
    (
        "电商客服",
        "网店在线客服，会用手机打字即可，可坐着工作",
        &["customer_service", "ecommerce"],
        (2500, 3800),
        Schedule::FullTime,
        PhysicalDemand::Light,
        true,
    ),
    ("直播带货助理", "协助主播直播销售本地农产品", &["livestream_selling"], (3000, 5000), Schedule::Flexible, PhysicalDemand::Light, true),
    ("食堂帮厨", "单位食堂洗菜切配、打扫", &["kitchen_helper", "canteen_cooking"], (2200, 3000), Schedule::FullTime, PhysicalDemand::Medium, false),
    ("厨师", "农家乐餐厅厨师，会做安康蒸面优先", &["cooking"], (3500, 5500), Schedule::FullTime, PhysicalDemand::Medium, false),
    ("仓库打包员", "电商仓库分拣打包", &["packaging"], (2600, 3600), Schedule::FullTime, PhysicalDemand::Medium, false),
];

const COOPERATIVE: &[Template] = &[
    ("茶园管护工", "茶园除草、施肥、修剪", &["tea_garden"], (1800, 2800), Schedule::Flexible, PhysicalDemand::Medium, false),
    ("养蚕工", "桑园管理与养蚕，合作社统一收购蚕茧", &["sericulture"], (1800, 3200), Schedule::Flexible, PhysicalDemand::Medium, false),
    ("生猪饲养员", "规模猪场日常饲喂与防疫", &["pig_raising", "animal_health"], (3000, 4500), Schedule::FullTime, PhysicalDemand::Heavy, false),
    ("食用菌种植工", "香菇木耳大棚管理与采收", &["mushroom_growing"], (2200, 3200), Schedule::FullTime, PhysicalDemand::Medium, false),
    ("中药材种植工", "天麻、黄姜等中药材种植与采挖", &["herb_growing"], (2000, 3000), Schedule::Flexible, PhysicalDemand::Medium, false),
    ("魔芋种植工", "魔芋种植、除草与收挖", &["konjac_growing"], (1800, 2800), Schedule::Flexible, PhysicalDemand::Medium, false),
];

const WELFARE: &[Template] = &[
    ("生态护林员", "负责责任区森林防火巡护，就近安排", &["forest_ranger"], (800, 1200), Schedule::Flexible, PhysicalDemand::Medium, false),
    ("村级保洁员", "村组道路与公共区域保洁", &["sanitation"], (800, 1500), Schedule::PartTime, PhysicalDemand::Medium, false),
    ("护路员", "农村公路日常养护巡查", &["road_maintenance"], (900, 1500), Schedule::PartTime, PhysicalDemand::Medium, false),
    (
        "公益性岗位(残疾人优先)",
        "社区服务站值守、信息登记，残疾人优先安排",
        &["public_welfare_post"],
        (1000, 1800),
        Schedule::PartTime,
        PhysicalDemand::Light,
        true,
    ),
];

/// Cities Ankang people go to for transfer employment, with the work there.
const TRANSFER: &[(&str, &str, Template)] = &[
    (
        "3205",
        "苏州",
        (
            "电子厂普工",
            "苏州工业园区电子厂流水线，包吃住，转移就业专车接送",
            &["electronics_assembly"],
            (5000, 6500),
            Schedule::FullTime,
            PhysicalDemand::Medium,
            false,
        ),
    ),
    ("4419", "东莞", ("制衣厂车工", "东莞制衣厂平车车工，包住，熟练工计件", &["sewing"], (5500, 8000), Schedule::FullTime, PhysicalDemand::Light, false)),
    ("4403", "深圳", ("物流分拣员", "深圳物流园分拣打包，提供宿舍", &["packaging"], (5000, 6500), Schedule::FullTime, PhysicalDemand::Medium, false)),
    ("6101", "西安", ("月嫂", "西安家政公司月嫂，培训持证上岗，包住", &["maternity_care"], (7000, 12000), Schedule::FullTime, PhysicalDemand::Medium, false)),
    ("3302", "宁波", ("注塑工", "宁波注塑厂操作工，包吃住", &["injection_moulding"], (5500, 7000), Schedule::FullTime, PhysicalDemand::Medium, false)),
    (
        "3301",
        "杭州",
        ("电商仓储员", "杭州电商仓库收发货，提供住宿", &["packaging", "ecommerce"], (5000, 6500), Schedule::FullTime, PhysicalDemand::Medium, false),
    ),
];

/// Labour-service companies: they recruit for transfer employment.
pub const AGENCY: &str = "劳务服务有限公司";

/// Templates that fit what the employer's name says it does: a tea company
/// hires tea pickers, not welders.
fn fitting(employer: &EmployerRecord) -> Vec<&'static Template> {
    let (lines, templates): (&[(&str, &[&str])], &[Template]) = match employer.kind.as_str() {
        "community_factory" => (FACTORY_LINES, FACTORY),
        "company" => (COMPANY_LINES, COMPANY),
        "cooperative" => (COOPERATIVE_LINES, COOPERATIVE),
        _ => (WELFARE_POSTS, WELFARE),
    };
    let line_skills: Vec<&str> = lines.iter().filter(|(name, _)| employer.name.contains(name)).flat_map(|(_, s)| s.iter().copied()).collect();
    let fit: Vec<&Template> = templates.iter().filter(|t| t.2.is_empty() || t.2.iter().any(|s| line_skills.contains(s))).collect();
    if fit.is_empty() {
        templates.iter().collect()
    } else {
        fit
    }
}

/// Adds about 1,000 postings: most open, some pending for the review queue.
pub async fn seed_postings(state: &AppState, rng: &mut StdRng, employers: &[EmployerRecord], reviewer: i64) -> anyhow::Result<usize> {
    let day = today();
    let mut created = 0;
    for employer in employers {
        if employer.name.contains(AGENCY) {
            continue;
        }
        let templates = fitting(employer);
        for _ in 0..rng.gen_range(2..=4) {
            let t = templates.choose(rng).copied().unwrap_or(&FACTORY[0]);
            let region = (employer.region_code.as_ref(), None);
            created += insert(state, rng, employer.id, region, t, day, reviewer).await?;
        }
    }
    // Labour-service companies in the city recruit for factories elsewhere.
    let agencies: Vec<&EmployerRecord> = employers.iter().filter(|e| e.name.contains(AGENCY)).collect();
    for (i, agency) in agencies.iter().enumerate() {
        for (code, city, t) in TRANSFER.iter().skip(i % 3).step_by(2) {
            created += insert(state, rng, agency.id, (code, Some(*city)), t, day, reviewer).await?;
        }
    }
    Ok(created)
}

async fn insert(
    state: &AppState,
    rng: &mut StdRng,
    employer_id: i64,
    region: (&str, Option<&str>),
    t: &Template,
    day: Day,
    reviewer: i64,
) -> anyhow::Result<usize> {
    let (title, description, skills, (low, high), schedule, demand, accessible) = *t;
    let code = RegionCode::parse(region.0).map_err(anyhow::Error::msg)?;
    let Some(site) = state.regions.read(|tree| region_point(tree, &code)) else { return Ok(0) };
    let wage_min = rng.gen_range(low / 100..=(low + high) / 200) * 100;
    let wage_max = (wage_min + rng.gen_range(3..=15) * 100).min(high.max(wage_min));
    let title = match region.1 {
        Some(city) => format!("{city}{title}"),
        None => title.to_string(),
    };
    let mut codes = Vec::with_capacity(skills.len());
    for s in skills {
        codes.push(SkillCode::parse(s).map_err(anyhow::Error::msg)?);
    }
    let draft = PostingDraft {
        employer_id,
        title,
        description: description.to_string(),
        region: code,
        site,
        wage_min,
        wage_max,
        // Drawn as i64, as the demo always was, so the same seed gives the same demo.
        headcount: u32::try_from(rng.gen_range(1_i64..=20))?,
        schedule,
        // Transfer employment comes with a dormitory.
        accommodation: region.1.is_some() || rng.gen_bool(0.1),
        physical_demand: demand,
        accessible,
        valid_until: day.plus_days(rng.gen_range(20..=180)),
        skills: codes,
    };
    let id = insert_posting(&state.db, &draft, PostingStatus::Pending, reviewer).await?;
    if rng.gen_bool(0.95) {
        set_posting_status(&state.db, id, &[PostingStatus::Pending], PostingStatus::Open, None, reviewer).await?;
    }
    Ok(1)
}
