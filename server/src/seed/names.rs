//! Name parts for generated demo people and employers (common in southern Shaanxi).

pub const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许",
    "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜",
    "谭", "陆", "汪", "范", "石", "廖", "贾", "邹",
];

pub const GIVEN_FEMALE: &[&str] = &[
    "秀英", "桂英", "秀兰", "玉兰", "桂兰", "凤英", "秀珍", "丽", "芳", "娟", "敏", "静", "燕", "艳", "霞", "玲", "春梅", "红梅", "小琴", "晓燕", "翠萍",
    "淑芬", "海燕", "丽娟", "金凤",
];

pub const GIVEN_MALE: &[&str] = &[
    "建国", "建华", "国强", "志强", "勇", "军", "伟", "强", "磊", "明", "涛", "斌", "刚", "平", "辉", "鹏", "德福", "长生", "全有", "家富", "永红", "大海",
    "小龙", "春生", "天明",
];

/// What a local employer of each kind makes or does, with the skills it wants.
pub const FACTORY_LINES: &[(&str, &[&str])] = &[
    ("毛绒玩具", &["toy_making", "sewing"]),
    ("假发", &["wig_making"]),
    ("制鞋", &["shoe_upper_stitching", "shoe_sole_lasting"]),
    ("服装", &["sewing", "garment_cutting", "garment_ironing"]),
    ("电子", &["electronics_assembly", "soldering", "quality_inspection"]),
    ("箱包", &["leather_goods", "sewing"]),
];

pub const COMPANY_LINES: &[(&str, &[&str])] = &[
    ("富硒茶业有限公司", &["tea_picking", "tea_processing", "tea_garden"]),
    ("魔芋食品有限公司", &["konjac_processing", "konjac_growing", "packaging"]),
    ("建筑工程有限公司", &["construction_labour", "bricklaying", "rebar_work", "electrician"]),
    ("家政服务有限公司", &["domestic_service", "childcare", "elderly_care", "maternity_care"]),
    ("电子商务有限公司", &["ecommerce", "livestream_selling", "customer_service"]),
    ("养老服务中心", &["elderly_care", "disability_care", "canteen_cooking"]),
    ("物流有限公司", &["packaging", "data_entry"]),
    ("餐饮管理有限公司", &["cooking", "kitchen_helper", "restaurant_service"]),
];

pub const COOPERATIVE_LINES: &[(&str, &[&str])] = &[
    ("茶叶专业合作社", &["tea_picking", "tea_garden"]),
    ("蚕桑专业合作社", &["sericulture", "silk_reeling"]),
    ("生猪养殖专业合作社", &["pig_raising", "animal_health"]),
    ("食用菌专业合作社", &["mushroom_growing"]),
    ("中药材种植专业合作社", &["herb_growing"]),
    ("魔芋种植专业合作社", &["konjac_growing"]),
];

pub const WELFARE_POSTS: &[(&str, &[&str])] = &[
    ("护林员公益性岗位", &["forest_ranger"]),
    ("保洁公益性岗位", &["sanitation"]),
    ("护路公益性岗位", &["road_maintenance"]),
    ("护河公益性岗位", &["river_patrol"]),
];
