//! Honest nearness. Towns and villages carry their county's point
//! (`regions.approximate`), so a kilometre figure between a town and
//! anything else is made up. When either end of a distance is approximate
//! we say, rank and filter by the administrative relation instead (同村 /
//! 同镇 / 同县 / 邻县 / 更远); kilometres only when both ends are real points.
//! The one rule for matching, the push, the candidates and the index's gate.

use doorstep_shared::api::{Nearness, RegionLevel};
use doorstep_shared::types::RegionCode;

use super::{BoundingBox, Point};
use crate::reference::RegionTree;

/// One end of a distance: home or a work site.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub point: Point,
    /// The region the place lies in, when known (a bare lat/lon has none).
    pub region: Option<RegionCode>,
    /// The point stands in for one nobody knows: no lat/lon was given and
    /// the region's own point is approximate (a town's county point).
    pub approximate: bool,
}

impl Place {
    /// A place at a real point, in `region` when known.
    pub fn exact(point: Point, region: Option<RegionCode>) -> Self {
        Self { point, region, approximate: false }
    }
}

/// Whether a region's point is a stand-in (`regions.approximate`); an
/// unknown region counts as approximate.
pub fn region_is_approximate(tree: &RegionTree, code: &RegionCode) -> bool {
    tree.get(code).is_none_or(|r| r.approximate)
}

/// Where a match or a search is made from, once `choose_point` chose the
/// point: a given lat/lon is real (in `region`, else in the county whose seat
/// is nearest); a region's point is approximate when the region's is.
pub fn place_from(tree: &RegionTree, point: Point, given: bool, region: Option<RegionCode>) -> Place {
    if given {
        let region = region.or_else(|| county_near(tree, point));
        return Place::exact(point, region);
    }
    let approximate = region.as_ref().is_some_and(|code| region_is_approximate(tree, code));
    Place { point, region, approximate }
}

/// The county a bare point (lat/lon with no region) is placed in: the one
/// whose seat (a county's point is real) is nearest, within 60 km; a point
/// near a border may be placed wrong, which only shifts "same / neighbouring
/// county" for sites that are themselves approximate.
pub fn county_near(tree: &RegionTree, point: Point) -> Option<RegionCode> {
    let provinces: Vec<RegionCode> = tree.children(None).iter().filter_map(|p| RegionCode::parse(&p.code).ok()).collect();
    // One pass over the counties; of equally near seats the lowest code wins,
    // as when they were walked province by province in code order.
    tree.at_level(RegionLevel::County)
        .filter(|r| !r.approximate)
        .map(|r| (point.distance_km(&Point { lat: r.lat, lon: r.lon }), r))
        .filter(|(km, r)| *km <= 60.0 && provinces.iter().any(|p| r.code.starts_with(p.as_ref())))
        .min_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.code.cmp(&b.1.code)))
        .and_then(|(_, r)| RegionCode::parse(&r.code).ok())
}

/// How far apart two places are, as far as is honestly known.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Apart {
    /// Great-circle km, only when both points are real.
    pub km: Option<f64>,
    /// The administrative relation, when both regions are known.
    pub nearness: Option<Nearness>,
}

impl Apart {
    /// The distance that ranks and weighs a match (never shown): the km when
    /// known, else the relation's `ordering_km`.
    pub fn ranking_km(&self, home: &Place, site: &Place) -> f64 {
        match (self.km, self.nearness) {
            (Some(km), _) => km,
            (None, Some(n)) => ordering_km(n),
            // An approximate end without a region cannot happen (a stand-in
            // point is always a region's); fall back to the points.
            (None, None) => home.point.distance_km(&site.point),
        }
    }

    /// Whether a commute of `max_commute_km` reaches the site: by km when
    /// both points are real, else by the relation (`reach`).
    pub fn within(&self, max_commute_km: f64) -> bool {
        match (self.km, self.nearness) {
            (Some(km), _) => km <= max_commute_km,
            (None, Some(n)) => n <= reach(max_commute_km),
            (None, None) => false,
        }
    }
}

/// The distance between home and a site, as far as it is known.
pub fn nearness(home: &Place, site: &Place) -> Apart {
    let km = (!home.approximate && !site.approximate).then(|| home.point.distance_km(&site.point));
    let nearness = match (&home.region, &site.region) {
        (Some(h), Some(s)) => Some(relation(h.as_ref(), s.as_ref())),
        _ => None,
    };
    Apart { km, nearness }
}

/// The administrative relation of two region codes (2, 4, 6, 9 or 12
/// digits). A site known only to its county is "same county" to a home in
/// one of its towns: which town it is in is not known.
pub fn relation(home: &str, site: &str) -> Nearness {
    let shared = |len: usize| home.len() >= len && site.len() >= len && home[..len] == site[..len];
    if home.len() == 12 && home == site {
        Nearness::SameVillage
    } else if shared(9) {
        Nearness::SameTown
    } else if shared(6) {
        Nearness::SameCounty
    } else if home.len() >= 6 && site.len() >= 6 && neighbouring_counties(&home[..6]).contains(&&site[..6]) {
        Nearness::NeighbouringCounty
    } else {
        Nearness::Farther
    }
}

/// The farthest relation a commute limit admits when an end is
/// approximate. Town adjacency is unknown, so a commute inside a county
/// means the home's own town until real points exist:
/// - under 10 km: the same town (or village);
/// - 10 to 30 km (30 is the default): the same county;
/// - over 30 km, under 100 km: the neighbouring counties too (Ankang's
///   county seats are 30 to 70 km from their neighbours');
/// - 100 km or more: anywhere.
pub fn reach(max_commute_km: f64) -> Nearness {
    if max_commute_km < 10.0 {
        Nearness::SameTown
    } else if max_commute_km <= 30.0 {
        Nearness::SameCounty
    } else if max_commute_km < 100.0 {
        Nearness::NeighbouringCounty
    } else {
        Nearness::Farther
    }
}

/// A rough distance inside each relation, used only to order and weigh
/// matches with an approximate end on one scale with real kilometres; it is
/// never shown (the relation is).
pub fn ordering_km(n: Nearness) -> f64 {
    match n {
        Nearness::SameVillage => 1.0,
        Nearness::SameTown => 4.0,
        Nearness::SameCounty => 15.0,
        Nearness::NeighbouringCounty => 45.0,
        Nearness::Farther => 150.0,
    }
}

/// The relation in words: (Chinese, English).
pub fn nearness_words(n: Nearness) -> (&'static str, &'static str) {
    match n {
        Nearness::SameVillage => ("同村", "same village"),
        Nearness::SameTown => ("同镇", "same town"),
        Nearness::SameCounty => ("同县", "same county"),
        Nearness::NeighbouringCounty => ("邻县", "neighbouring county"),
        Nearness::Farther => ("更远", "farther away"),
    }
}

/// What a search needs to admit sites by relation: whose home, whether the
/// home's own point is approximate (then every site is judged by relation,
/// else only approximate sites are), and the farthest relation admitted.
#[derive(Debug, Clone, PartialEq)]
pub struct Reach {
    pub home_region: RegionCode,
    pub home_approximate: bool,
    pub within: Nearness,
    /// Where every admitted site lies: the commute box around a real home
    /// joined with the points of the approximate regions admitted; `None`
    /// when that is anywhere, or the home is approximate (then `prefixes`).
    pub area: Option<BoundingBox>,
}

impl Reach {
    /// For a home in a region and a commute limit; `home_box` is the commute
    /// box around a real home (`None` when approximate). The area adds the
    /// points of the approximate regions the relation admits, where their
    /// postings sit.
    pub fn new(home: &Place, max_commute_km: f64, tree: &RegionTree) -> Option<Self> {
        let home_region = home.region.clone()?;
        let within = reach(max_commute_km);
        let area = match (home.approximate, Self::prefixes_of(&home_region, within)) {
            (false, Some(prefixes)) => {
                let mut b = home.point.bounding_box(max_commute_km);
                for prefix in prefixes.iter().filter_map(|p| RegionCode::parse(p).ok()) {
                    let below = tree.descendants_in(&prefix, &[RegionLevel::Town, RegionLevel::Village]);
                    for r in tree.get(&prefix).into_iter().chain(below).filter(|r| r.approximate) {
                        b = BoundingBox {
                            min_lat: b.min_lat.min(r.lat),
                            max_lat: b.max_lat.max(r.lat),
                            min_lon: b.min_lon.min(r.lon),
                            max_lon: b.max_lon.max(r.lon),
                        };
                    }
                }
                Some(b)
            }
            _ => None,
        };
        Some(Self { home_approximate: home.approximate, within, area, home_region })
    }

    /// Region-code prefixes that hold every site this reach admits by
    /// relation; `None` when that is anywhere.
    pub fn prefixes(&self) -> Option<Vec<String>> {
        Self::prefixes_of(&self.home_region, self.within)
    }

    fn prefixes_of(home: &RegionCode, within: Nearness) -> Option<Vec<String>> {
        let code: &str = home.as_ref();
        let cut = |len: usize| code[..len.min(code.len())].to_string();
        match within {
            Nearness::SameVillage => Some(vec![code.to_string()]),
            Nearness::SameTown if code.len() >= 9 => Some(vec![cut(9)]),
            Nearness::SameTown | Nearness::SameCounty => Some(vec![cut(6)]),
            Nearness::NeighbouringCounty => {
                let mut out = vec![cut(6)];
                if code.len() >= 6 {
                    out.extend(neighbouring_counties(&code[..6]).iter().map(|c| c.to_string()));
                }
                Some(out)
            }
            Nearness::Farther => None,
        }
    }
}

/// Counties that share a border, Ankang's ten: there is no adjacency data
/// in the region tree, so this table is written by hand from public maps
/// (each county government's description of its borders, checked against
/// the Shaanxi provincial map). Counties outside Ankang have no entry:
/// their neighbours are "farther" until someone adds them.
const BORDERS: &[(&str, &str)] = &[
    ("610902", "610921"), // 汉滨区 – 汉阴县
    ("610902", "610923"), // 汉滨区 – 宁陕县
    ("610902", "610924"), // 汉滨区 – 紫阳县
    ("610902", "610925"), // 汉滨区 – 岚皋县
    ("610902", "610926"), // 汉滨区 – 平利县
    ("610902", "610981"), // 汉滨区 – 旬阳市
    ("610921", "610922"), // 汉阴县 – 石泉县
    ("610921", "610923"), // 汉阴县 – 宁陕县
    ("610921", "610924"), // 汉阴县 – 紫阳县
    ("610922", "610923"), // 石泉县 – 宁陕县
    ("610922", "610924"), // 石泉县 – 紫阳县
    ("610924", "610925"), // 紫阳县 – 岚皋县
    ("610925", "610926"), // 岚皋县 – 平利县
    ("610925", "610927"), // 岚皋县 – 镇坪县
    ("610926", "610927"), // 平利县 – 镇坪县
    ("610926", "610981"), // 平利县 – 旬阳市
    ("610929", "610981"), // 白河县 – 旬阳市
];

/// The counties bordering a county (six-digit code).
pub fn neighbouring_counties(county: &str) -> Vec<&'static str> {
    BORDERS
        .iter()
        .filter_map(|&(a, b)| match () {
            _ if a == county => Some(b),
            _ if b == county => Some(a),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::bundled_regions;

    fn code(s: &str) -> RegionCode {
        RegionCode::parse(s).expect("code")
    }

    fn town(c: &str) -> Place {
        Place { point: Point { lat: 32.695172, lon: 109.026836 }, region: Some(code(c)), approximate: true }
    }

    #[test]
    fn relations_follow_the_codes() {
        assert_eq!(relation("610902001001", "610902001001"), Nearness::SameVillage);
        assert_eq!(relation("610902001001", "610902001002"), Nearness::SameTown);
        assert_eq!(relation("610902001", "610902001"), Nearness::SameTown);
        assert_eq!(relation("610902001", "610902100"), Nearness::SameCounty);
        assert_eq!(relation("610902001", "610902"), Nearness::SameCounty);
        assert_eq!(relation("610902001", "610981100"), Nearness::NeighbouringCounty);
        assert_eq!(relation("610902001", "610929100"), Nearness::Farther);
        assert_eq!(relation("610902001", "3205"), Nearness::Farther);
    }

    #[test]
    fn the_border_table_is_ankangs_counties_each_with_a_neighbour() {
        let tree = RegionTree::new(bundled_regions().expect("regions"));
        let counties = tree.descendants_at(&code("6109"), RegionLevel::County);
        assert_eq!(counties.len(), 10);
        for c in counties {
            assert!(!neighbouring_counties(&c.code).is_empty(), "{} has no neighbour", c.name);
        }
        for (a, b) in BORDERS {
            assert!(tree.get(&code(a)).is_some() && tree.get(&code(b)).is_some(), "{a} {b}");
            assert_ne!(a, b);
        }
    }

    #[test]
    fn kilometres_only_between_real_points() {
        let home = town("610902001");
        let site = Place::exact(Point { lat: 32.72, lon: 109.03 }, Some(code("610902001")));
        let apart = nearness(&home, &site);
        assert_eq!(apart, Apart { km: None, nearness: Some(Nearness::SameTown) });
        let real_home = Place::exact(Point { lat: 32.70, lon: 109.03 }, Some(code("610902001")));
        let apart = nearness(&real_home, &site);
        assert!(apart.km.is_some_and(|km| (2.0..3.0).contains(&km)), "{apart:?}");
        assert!(nearness(&real_home, &town("610902100")).km.is_none());
    }

    #[test]
    fn a_short_commute_from_a_town_reaches_that_town_only() {
        let home = town("610902001");
        assert!(nearness(&home, &town("610902001")).within(5.0));
        assert!(!nearness(&home, &town("610902100")).within(5.0));
        assert!(nearness(&home, &town("610902100")).within(30.0));
        assert!(!nearness(&home, &town("610981100")).within(30.0));
        assert!(nearness(&home, &town("610981100")).within(50.0));
        assert!(!nearness(&home, &town("610929100")).within(50.0));
        assert!(nearness(&home, &town("610929100")).within(150.0));
    }

    #[test]
    fn prefixes_hold_what_the_relation_admits() {
        let tree = RegionTree::new(bundled_regions().expect("regions"));
        for (km, want) in [(5.0, vec!["610902001"]), (30.0, vec!["610902"])] {
            let reach = Reach::new(&town("610902001001"), km, &tree).expect("reach");
            assert_eq!(reach.prefixes(), Some(want.into_iter().map(String::from).collect()));
            assert!(reach.area.is_none());
        }
        let far = Reach::new(&town("610902001"), 60.0, &tree).expect("reach").prefixes().expect("prefixes");
        assert!(far.contains(&"610981".to_string()) && far.len() == 7, "{far:?}");
        assert_eq!(Reach::new(&town("610902001"), 200.0, &tree).expect("reach").prefixes(), None);
    }

    #[test]
    fn a_real_home_reaches_the_county_point_where_its_towns_postings_sit() {
        let tree = RegionTree::new(bundled_regions().expect("regions"));
        // 20 km east of the county point, in 老城 by region.
        let home = Place::exact(Point { lat: 32.695, lon: 109.24 }, Some(code("610902001")));
        let area = Reach::new(&home, 5.0, &tree).expect("reach").area.expect("area");
        assert!(area.min_lon <= 109.026836 && area.max_lon >= 109.28, "{area:?}");
    }
}
