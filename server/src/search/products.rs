//! Products as a `Searchable` kind: one document per product on sale with
//! stock (listed, stock above 0, its producer verified). A change to a
//! producer (verified, suspended, renamed) rewrites all its products.
//! `ProductIndex` is their `SearchIndex`.
//!
//! Place in the order (see `mod.rs`): above `product_document`, beside
//! `index`.

use tantivy::schema::{Field, Schema};
use tantivy::TantivyDocument;

use super::index::SearchIndex;
use super::product_document::product_document;
use super::product_schema::{product_schema, ProductFields};
use super::searchable::{ids_of, Searchable};
use crate::reference::SkillCatalog;
use crate::storage::{product_ids_of_producers, products_by_ids, products_on_sale_page, Change, Db, StoredProduct};

/// The products kind.
pub struct Products;

/// The product index.
pub type ProductIndex = SearchIndex<Products>;

impl Searchable for Products {
    const NAME: &'static str = "product";
    const ENTITIES: &'static [&'static str] = &["product", "producer"];
    type Fields = ProductFields;
    type Record = StoredProduct;
    type Cache = ();

    fn schema() -> (Schema, ProductFields) {
        product_schema()
    }

    fn id_field(fields: &ProductFields) -> Field {
        fields.id
    }

    fn record_id(record: &StoredProduct) -> i64 {
        record.id
    }

    fn document(p: &StoredProduct, fields: &ProductFields, skills: &SkillCatalog) -> Option<TantivyDocument> {
        p.searchable().then(|| product_document(p, fields, skills))
    }

    fn new_cache(_fields: ProductFields) {}

    async fn ids_for_changes(db: &Db, changes: &[Change]) -> anyhow::Result<Vec<i64>> {
        let mut ids = ids_of(changes, "product");
        ids.extend(product_ids_of_producers(db, &ids_of(changes, "producer")).await?);
        Ok(ids)
    }

    async fn load(db: &Db, ids: &[i64]) -> anyhow::Result<Vec<StoredProduct>> {
        products_by_ids(db, ids).await
    }

    async fn page(db: &Db, after: i64, limit: i64) -> anyhow::Result<Vec<StoredProduct>> {
        products_on_sale_page(db, after, limit).await
    }
}
