//! Searching the product index: words (as every kind: jieba words and
//! one-character words, here with the producer's name and the category's
//! Chinese and English names), and filters by category, origin region,
//! producer and price range as zero-scored terms and ranges. Tantivy ranks
//! and pages the matches by a sort key of fast fields, every order ending
//! newest first (then the higher id), so a page is stable.
//!
//! Place in the order (see `mod.rs`): the top, beside `query` and `indexer`.

use std::ops::Bound;
use std::sync::Arc;

use anyhow::Context;
use doorstep_shared::api::{ProductCategory, ProductSort};
use doorstep_shared::types::RegionCode;
use tantivy::collector::sort_key::{SortBySimilarityScore, SortByStaticFastValue};
use tantivy::collector::{Collector, Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, Order, Searcher, Term};

use super::document::WordFields;
use super::product_schema::ProductFields;
use super::products::ProductIndex;
use super::terms::{text_terms, words_query, zero_scored};

/// What a product search asks.
#[derive(Debug, Clone, Default)]
pub struct ProductSearch {
    /// Free words, Chinese or English.
    pub text: Option<String>,
    pub category: Option<ProductCategory>,
    /// Only products from inside this region (any level).
    pub region: Option<RegionCode>,
    /// Price of one unit at least this many fen.
    pub min_price_fen: Option<i64>,
    /// Price of one unit at most this many fen.
    pub max_price_fen: Option<i64>,
    pub producer_id: Option<i64>,
    /// Relevance without words is newest first.
    pub sort: ProductSort,
    pub offset: usize,
    pub limit: usize,
}

/// The products found on the page asked, in order, and how many match in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductResult {
    pub ids: Vec<i64>,
    pub total: usize,
}

impl ProductIndex {
    /// Runs a search on the blocking pool, with bounded concurrency.
    pub async fn search(self: &Arc<Self>, req: ProductSearch) -> anyhow::Result<ProductResult> {
        let _permit = self.permits.acquire().await.context("search permits closed")?;
        let index = self.clone();
        tokio::task::spawn_blocking(move || index.search_blocking(&req)).await.context("search task failed")?
    }

    fn search_blocking(&self, req: &ProductSearch) -> anyhow::Result<ProductResult> {
        let f = &self.fields;
        let searcher = self.reader.searcher();
        let text = req.text.as_deref().map(|t| text_terms(&self.index, t)).unwrap_or_default();
        let words = WordFields { title: f.title, body: f.body, title_chars: f.title_chars, body_chars: f.body_chars, skills: None };
        let filters = filter_query(f, req);
        let relevance = words_query(&words, &[], &text);
        let by_relevance = req.sort == ProductSort::Relevance && relevance.is_some();
        let query: Box<dyn Query> = match relevance {
            Some(relevance) => Box::new(BooleanQuery::new(vec![(Occur::Must, relevance), (Occur::Must, filters)])),
            None => filters,
        };
        // Ties, and every order's end: newest first, then the higher id.
        let newest = || (fast::<i64>(f.created_at, &searcher), Order::Desc);
        let id = || (fast::<u64>(f.id, &searcher), Order::Desc);
        // A collector keeps one document at least; a page of none is cut below.
        let page = TopDocs::with_limit(req.limit.max(1)).and_offset(req.offset);
        let (total, found) = match req.sort {
            _ if by_relevance => top(&searcher, query.as_ref(), page.order_by(((SortBySimilarityScore, Order::Desc), newest(), id())))?,
            ProductSort::PriceAsc => top(&searcher, query.as_ref(), page.order_by(((fast::<u64>(f.price_fen, &searcher), Order::Asc), newest(), id())))?,
            ProductSort::PriceDesc => top(&searcher, query.as_ref(), page.order_by(((fast::<u64>(f.price_fen, &searcher), Order::Desc), newest(), id())))?,
            ProductSort::Relevance | ProductSort::Newest => top(&searcher, query.as_ref(), page.order_by((newest(), id())))?,
        };
        let mut ids = self.read_ids(&searcher, &found)?;
        ids.truncate(req.limit);
        Ok(ProductResult { ids, total })
    }

    /// Reads the ids of the documents found from the id column.
    fn read_ids(&self, searcher: &Searcher, found: &[DocAddress]) -> anyhow::Result<Vec<i64>> {
        let name = self.index.schema().get_field_name(self.fields.id).to_string();
        let mut columns = Vec::new();
        for segment in searcher.segment_readers() {
            columns.push(segment.fast_fields().u64(&name)?);
        }
        let mut ids = Vec::with_capacity(found.len());
        for address in found {
            let Some(column) = columns.get(address.segment_ord as usize) else { continue };
            if let Some(id) = column.first(address.doc_id) {
                ids.push(id as i64);
            }
        }
        Ok(ids)
    }
}

/// The sort key of a fast field, by its name in the schema.
fn fast<T: tantivy::fastfield::FastValue>(field: Field, searcher: &Searcher) -> SortByStaticFastValue<T> {
    SortByStaticFastValue::for_field(searcher.schema().get_field_name(field))
}

/// How many match, and the page of them the collector keeps, in its order.
fn top<K>(searcher: &Searcher, query: &dyn Query, page: impl Collector<Fruit = Vec<(K, DocAddress)>>) -> tantivy::Result<(usize, Vec<DocAddress>)> {
    let (total, found) = searcher.search(query, &(Count, page))?;
    Ok((total, found.into_iter().map(|(_, address)| address).collect()))
}

/// The filters as zero-scored must-clauses; every product when there are none.
fn filter_query(f: &ProductFields, req: &ProductSearch) -> Box<dyn Query> {
    let term = |t: Term| (Occur::Must, Box::new(TermQuery::new(t, IndexRecordOption::Basic)) as Box<dyn Query>);
    let mut must = Vec::new();
    if let Some(category) = req.category {
        must.push(term(Term::from_field_text(f.category, category.as_str())));
    }
    if let Some(region) = &req.region {
        must.push(term(Term::from_field_text(f.regions, region.as_ref())));
    }
    if let Some(producer) = req.producer_id {
        must.push(term(Term::from_field_u64(f.producer_id, u64::try_from(producer).unwrap_or(0))));
    }
    if req.min_price_fen.is_some() || req.max_price_fen.is_some() {
        let fen = |v: i64| Term::from_field_u64(f.price_fen, u64::try_from(v).unwrap_or(0));
        let lower = req.min_price_fen.map_or(Bound::Unbounded, |v| Bound::Included(fen(v)));
        let upper = req.max_price_fen.map_or(Bound::Unbounded, |v| Bound::Included(fen(v)));
        must.push((Occur::Must, Box::new(RangeQuery::new(lower, upper))));
    }
    if must.is_empty() {
        return zero_scored(Box::new(AllQuery));
    }
    zero_scored(Box::new(BooleanQuery::new(must)))
}
