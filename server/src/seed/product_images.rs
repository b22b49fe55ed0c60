//! Demo product photos, drawn here rather than downloaded: each product
//! title gets a picture in its category's colours with a motif of what it
//! is (tea leaves, honey cells, konjac blocks, fruit, a weave…), varied by
//! the title, then goes through the same checks, re-encoding and store as
//! an upload. Products with the same title share one stored image.

use std::collections::HashMap;
use std::io::Cursor;

use doorstep_shared::api::ProductCategory as Cat;
use image::{ImageFormat, Rgb, RgbImage};

use crate::images::{process, ImageHash};
use crate::startup::AppState;
use crate::storage::{attach_product_image, insert_image};

const WIDTH: u32 = 480;
const HEIGHT: u32 = 360;

/// The background and motif colours of a category.
fn palette(category: Cat) -> ([u8; 3], [u8; 3]) {
    match category {
        Cat::Tea => ([46, 110, 58], [142, 196, 96]),
        Cat::Konjac => ([120, 112, 104], [205, 196, 184]),
        Cat::Honey => ([176, 110, 20], [246, 196, 70]),
        Cat::CuredMeat => ([92, 36, 28], [196, 112, 84]),
        Cat::Mushrooms => ([104, 78, 56], [226, 204, 170]),
        Cat::GrainOil => ([170, 140, 40], [245, 226, 140]),
        Cat::Fruit => ([200, 96, 30], [252, 180, 80]),
        Cat::Vegetables => ([96, 120, 50], [196, 170, 110]),
        Cat::Herbs => ([40, 80, 60], [150, 180, 120]),
        Cat::Handicrafts => ([150, 110, 60], [224, 196, 140]),
        Cat::Textiles => ([190, 180, 200], [250, 246, 240]),
        Cat::Other => ([60, 90, 140], [170, 196, 230]),
    }
}

/// Whether pixel (x, y) lies in the category's motif; `seed` shifts and sizes it.
fn motif(category: Cat, x: i64, y: i64, seed: u64) -> bool {
    let size = 40 + (seed % 40) as i64;
    let (ox, oy) = ((seed >> 8) as i64 % size, (seed >> 16) as i64 % size);
    let (cx, cy) = ((x + ox).rem_euclid(size) - size / 2, (y + oy).rem_euclid(size) - size / 2);
    let r = size / 3;
    match category {
        // Leaves: ellipses leaning one way.
        Cat::Tea | Cat::Herbs => {
            let (u, v) = (cx + cy, cx - cy);
            u * u / 4 + v * v < r * r
        }
        // Honey cells: hexagon-ish diamonds.
        Cat::Honey => cx.abs() + cy.abs() / 2 < r,
        // Blocks of konjac or cured meat.
        Cat::Konjac | Cat::CuredMeat => cx.abs() < r && cy.abs() < r / 2 + 4,
        // A mushroom: a cap over a stem.
        Cat::Mushrooms => (cy < 0 && cx * cx + cy * cy < r * r) || (cy >= 0 && cx.abs() < r / 4 && cy < r),
        // Grains: small dots.
        Cat::GrainOil => cx * cx + cy * cy < (r / 3) * (r / 3),
        // Fruit and vegetables: round, with a highlight left out.
        Cat::Fruit | Cat::Vegetables => cx * cx + cy * cy < r * r && (cx + r / 3).pow(2) + (cy + r / 3).pow(2) >= (r / 4).pow(2),
        // A weave.
        Cat::Handicrafts => (cx.abs() < 4) ^ (cy.abs() < 4),
        // Silk: soft diagonal bands.
        Cat::Textiles | Cat::Other => ((x + y + ox) / 12) % 3 == 0,
    }
}

fn title_seed(title: &str) -> u64 {
    title.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

/// A photo-like picture for a product, as PNG bytes.
pub fn draw(category: Cat, title: &str) -> anyhow::Result<Vec<u8>> {
    let seed = title_seed(title);
    let (back, front) = palette(category);
    let picture = RgbImage::from_fn(WIDTH, HEIGHT, |x, y| {
        // Light from the top left, a darker rim.
        let (dx, dy) = (f64::from(x) / f64::from(WIDTH) - 0.4, f64::from(y) / f64::from(HEIGHT) - 0.35);
        let light = (1.15 - (dx * dx + dy * dy)).clamp(0.55, 1.15);
        let colour = if motif(category, i64::from(x), i64::from(y), seed) { front } else { back };
        Rgb(colour.map(|c| (f64::from(c) * light).min(255.0) as u8))
    });
    let mut bytes = Cursor::new(Vec::new());
    picture.write_to(&mut bytes, ImageFormat::Png)?;
    Ok(bytes.into_inner())
}

/// Draws, stores and attaches a cover image to each product; `products` are
/// (id, category, title). Returns how many distinct images were stored.
pub async fn attach_demo_images(state: &AppState, products: &[(i64, Cat, String)], actor: i64) -> anyhow::Result<usize> {
    let mut stored: HashMap<String, ImageHash> = HashMap::new();
    for (id, category, title) in products {
        let hash = match stored.get(title) {
            Some(hash) => hash.clone(),
            None => {
                let image = process(&draw(*category, title)?)?;
                state.images.put(&image.hash, &image.display, &image.thumb).await?;
                insert_image(&state.db, &image, actor).await?;
                stored.insert(title.clone(), image.hash.clone());
                image.hash
            }
        };
        attach_product_image(&state.db, *id, &hash, actor).await?;
    }
    Ok(stored.len())
}
