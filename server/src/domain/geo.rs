//! Great-circle distances and the bounding boxes that pre-filter them.

use doorstep_shared::types::RegionCode;

use crate::reference::RegionTree;

const EARTH_RADIUS_KM: f64 = 6_371.0;

/// A point in decimal degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub lat: f64,
    pub lon: f64,
}

impl Point {
    /// Kilometres along the great circle (haversine).
    pub fn distance_km(&self, other: &Point) -> f64 {
        let (p1, p2) = (self.lat.to_radians(), other.lat.to_radians());
        let dp = p2 - p1;
        let dl = (other.lon - self.lon).to_radians();
        let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
        2.0 * EARTH_RADIUS_KM * a.sqrt().min(1.0).asin()
    }

    /// A box that contains every point within `km` (and a little more; the
    /// exact distance is checked afterwards).
    pub fn bounding_box(&self, km: f64) -> BoundingBox {
        let dlat = km / 111.0;
        // The box is widest where the longitude degrees are shortest: its pole-ward edge.
        let cos = (self.lat.abs() + dlat).min(89.0).to_radians().cos();
        let dlon = km / (111.32 * cos);
        BoundingBox { min_lat: self.lat - dlat, max_lat: self.lat + dlat, min_lon: self.lon - dlon, max_lon: self.lon + dlon }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BoundingBox {
    pub min_lat: f64,
    pub max_lat: f64,
    pub min_lon: f64,
    pub max_lon: f64,
}

/// Checks a point lies in China's rough bounds (a swapped lat/lon does not).
pub fn plausible_in_china(lat: f64, lon: f64) -> bool {
    (3.0..=54.0).contains(&lat) && (73.0..=136.0).contains(&lon)
}

/// A region's point (its centroid, or staff's correction of it).
pub fn region_point(tree: &RegionTree, code: &RegionCode) -> Option<Point> {
    tree.get(code).map(|r| Point { lat: r.lat, lon: r.lon })
}

/// Where a site or a searcher is: the given lat/lon when both are given, else
/// the region's point (none without a region). The one rule for every
/// endpoint that takes a place; a bad pair is refused naming the field.
pub fn choose_point(lat: Option<f64>, lon: Option<f64>, region_point: impl FnOnce() -> Option<Point>) -> Result<Option<Point>, (&'static str, &'static str)> {
    match (lat, lon) {
        (Some(lat), Some(lon)) if plausible_in_china(lat, lon) => Ok(Some(Point { lat, lon })),
        (Some(_), Some(_)) => Err(("lat", "lat/lon must be a point in china (check they are not swapped)")),
        (None, None) => Ok(region_point()),
        _ => Err(("lon", "give both lat and lon, or neither")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ankang_to_xian_is_about_180_km() {
        let ankang = Point { lat: 32.6849, lon: 109.0293 };
        let xian = Point { lat: 34.3416, lon: 108.9398 };
        let d = ankang.distance_km(&xian);
        assert!((180.0..190.0).contains(&d), "{d}");
    }

    #[test]
    fn the_box_contains_every_point_within_the_radius() {
        let home = Point { lat: 32.7, lon: 109.0 };
        let b = home.bounding_box(30.0);
        for bearing in 0..36 {
            let a = f64::from(bearing * 10).to_radians();
            // A point about 29.9 km away in each direction.
            let p = Point { lat: home.lat + 29.9 / 111.2 * a.cos(), lon: home.lon + 29.9 / (111.2 * home.lat.to_radians().cos()) * a.sin() };
            assert!(home.distance_km(&p) < 30.0);
            assert!(p.lat >= b.min_lat && p.lat <= b.max_lat && p.lon >= b.min_lon && p.lon <= b.max_lon, "{bearing}");
        }
    }
}
