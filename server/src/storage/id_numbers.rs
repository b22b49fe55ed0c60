//! People's sealed ID-card numbers (mask and cipher text) by person, for a
//! list that names people but does not load them whole (an export of
//! placements). Never the blind index: that is for de-duplication only.

use std::collections::HashMap;

use anyhow::Context;

use super::{Db, Placeholders};

/// A person's ID-card number as stored: shown masked, decrypted only for full numbers.
#[derive(Debug, Clone)]
pub struct SealedIdNumber {
    pub masked: String,
    pub cipher: Vec<u8>,
}

/// Bound values per statement, well under both backends' limits.
const CHUNK: usize = 1_000;

/// The sealed numbers of `person_ids`, by person id; unknown ids are absent.
pub async fn sealed_id_numbers(db: &Db, person_ids: &[i64]) -> anyhow::Result<HashMap<i64, SealedIdNumber>> {
    let mut found = HashMap::with_capacity(person_ids.len());
    for chunk in person_ids.chunks(CHUNK) {
        let sql = format!("SELECT id, id_masked, id_cipher FROM people WHERE id IN ({})", Placeholders::default().list(chunk.len()));
        let mut q = sqlx::query_as::<_, (i64, String, Vec<u8>)>(&sql);
        for id in chunk {
            q = q.bind(id);
        }
        for (id, masked, cipher) in q.fetch_all(db.pool()).await.context("load sealed id numbers")? {
            found.insert(id, SealedIdNumber { masked, cipher });
        }
    }
    Ok(found)
}
