//! WGS84 <-> GCJ-02, the one datum conversion. The service stores and answers
//! WGS84 (what GPS and browsers give); GCJ-02 (AMap/Gaode, Tencent, the
//! bundled cpca points) is converted once where a point is read.
//!
//! WGS84 -> GCJ-02 is the published transform (Krasovsky 1940 ellipsoid,
//! a = 6378245 m, e^2 = 0.00669342162296594323), as in the eviltransform and
//! coordtransform projects; GCJ-02 -> WGS84 has no closed form and is found by
//! iterating the forward transform to under a millimetre. Outside China the
//! transform is the identity, as in every published implementation.

use doorstep_shared::api::Datum;

use super::Point;

const KRASOVSKY_A: f64 = 6_378_245.0;
const KRASOVSKY_EE: f64 = 0.006_693_421_622_965_943;

/// The point in WGS84, given a pair in `datum`.
pub fn to_wgs84(lat: f64, lon: f64, datum: Datum) -> Point {
    match datum {
        Datum::Wgs84 => Point { lat, lon },
        Datum::Gcj02 => gcj02_to_wgs84(Point { lat, lon }),
    }
}

/// GCJ-02 of a WGS84 point.
pub fn wgs84_to_gcj02(p: Point) -> Point {
    if outside_china(p) {
        return p;
    }
    let (dlat, dlon) = offset(p);
    Point { lat: p.lat + dlat, lon: p.lon + dlon }
}

/// WGS84 of a GCJ-02 point: the forward transform inverted by fixed-point
/// iteration (each step shrinks the error about a thousandfold).
pub fn gcj02_to_wgs84(g: Point) -> Point {
    if outside_china(g) {
        return g;
    }
    let mut w = g;
    for _ in 0..10 {
        let f = wgs84_to_gcj02(w);
        let (elat, elon) = (f.lat - g.lat, f.lon - g.lon);
        w = Point { lat: w.lat - elat, lon: w.lon - elon };
        if elat.abs() < 1e-9 && elon.abs() < 1e-9 {
            break;
        }
    }
    w
}

/// The published bounding box outside which GCJ-02 equals WGS84.
fn outside_china(p: Point) -> bool {
    !(72.004..=137.8347).contains(&p.lon) || !(0.8293..=55.8271).contains(&p.lat)
}

/// Degrees to add to a WGS84 point to reach GCJ-02.
fn offset(p: Point) -> (f64, f64) {
    use std::f64::consts::PI;
    let (x, y) = (p.lon - 105.0, p.lat - 35.0);
    let common = (20.0 * (6.0 * x * PI).sin() + 20.0 * (2.0 * x * PI).sin()) * 2.0 / 3.0;
    let mut dlat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * x.abs().sqrt() + common;
    dlat += (20.0 * (y * PI).sin() + 40.0 * (y / 3.0 * PI).sin()) * 2.0 / 3.0;
    dlat += (160.0 * (y / 12.0 * PI).sin() + 320.0 * (y * PI / 30.0).sin()) * 2.0 / 3.0;
    let mut dlon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * x.abs().sqrt() + common;
    dlon += (20.0 * (x * PI).sin() + 40.0 * (x / 3.0 * PI).sin()) * 2.0 / 3.0;
    dlon += (150.0 * (x / 12.0 * PI).sin() + 300.0 * (x / 30.0 * PI).sin()) * 2.0 / 3.0;
    let rad = p.lat.to_radians();
    let magic = 1.0 - KRASOVSKY_EE * rad.sin().powi(2);
    let sqrt_magic = magic.sqrt();
    let dlat = dlat * 180.0 / ((KRASOVSKY_A * (1.0 - KRASOVSKY_EE)) / (magic * sqrt_magic) * PI);
    let dlon = dlon * 180.0 / (KRASOVSKY_A / sqrt_magic * rad.cos() * PI);
    (dlat, dlon)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reference pairs (WGS84, GCJ-02) from the eviltransform project's test
    /// suite (github.com/googollee/eviltransform, python/test.py and the
    /// other languages' tests: Shanghai, Shenzhen, Beijing), and one from the
    /// geotool crate's CLI test (Jiaxing), computed independently.
    const PAIRS: [(f64, f64, f64, f64); 4] = [
        (31.1774276, 121.5272106, 31.17530398364597, 121.531541859215),
        (22.543847, 113.912316, 22.540796131694766, 113.9171764808363),
        (39.911954, 116.377817, 39.91334545536069, 116.38404722455657),
        (30.6107779, 121.0917077, 30.608604331756705, 121.09626935575027),
    ];

    fn metres(a: Point, b: Point) -> f64 {
        a.distance_km(&b) * 1000.0
    }

    #[test]
    fn wgs84_to_gcj02_matches_the_published_pairs_within_half_a_metre() {
        for (wlat, wlon, glat, glon) in PAIRS {
            let got = wgs84_to_gcj02(Point { lat: wlat, lon: wlon });
            let off = metres(got, Point { lat: glat, lon: glon });
            assert!(off < 0.5, "{wlat},{wlon}: {off} m off");
        }
    }

    #[test]
    fn gcj02_to_wgs84_inverts_the_published_pairs_within_half_a_metre() {
        for (wlat, wlon, glat, glon) in PAIRS {
            let got = to_wgs84(glat, glon, Datum::Gcj02);
            let off = metres(got, Point { lat: wlat, lon: wlon });
            assert!(off < 0.5, "{glat},{glon}: {off} m off");
        }
    }

    #[test]
    fn the_offset_is_a_few_hundred_metres_in_ankang_and_nothing_abroad() {
        // 安康市 as cpca gives it (GCJ-02).
        let ankang = Point { lat: 32.6849, lon: 109.0293 };
        let d = metres(gcj02_to_wgs84(ankang), ankang);
        assert!((200.0..800.0).contains(&d), "{d} m");
        let tokyo = Point { lat: 35.68, lon: 139.76 };
        assert_eq!(gcj02_to_wgs84(tokyo), tokyo);
        assert_eq!(to_wgs84(32.0, 109.0, Datum::Wgs84), Point { lat: 32.0, lon: 109.0 });
    }

    #[test]
    fn the_bundled_points_are_cpcas_gcj02_points_in_wgs84() {
        // cpca's GCJ-02 points, converted by scripts/regions/build.py.
        let tree = crate::reference::RegionTree::new(crate::reference::bundled_regions().expect("regions"));
        for (code, glat, glon) in [("11", 39.904211, 116.407394), ("6109", 32.684810, 109.029113)] {
            let r = tree.get(&doorstep_shared::types::RegionCode::parse(code).expect("code")).expect("region");
            let off = metres(Point { lat: r.lat, lon: r.lon }, to_wgs84(glat, glon, Datum::Gcj02));
            assert!(off < 0.2, "{code}: {off} m");
        }
    }

    #[test]
    fn a_round_trip_returns_within_a_millimetre_across_china() {
        for lat in (19..=53).step_by(4) {
            for lon in (75..=134).step_by(5) {
                let w = Point { lat: f64::from(lat) + 0.37, lon: f64::from(lon) + 0.61 };
                let back = gcj02_to_wgs84(wgs84_to_gcj02(w));
                assert!(metres(w, back) < 0.001, "{w:?}");
            }
        }
    }
}
