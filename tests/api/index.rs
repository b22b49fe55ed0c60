//! The index is derived: rebuilt when missing or corrupt, and the feed
//! follower applies each change exactly once.

use doorstep_server::search::apply_pending;
use doorstep_server::startup::load_state;
use doorstep_server::storage::last_change;
use serde_json::json;

use crate::backend_tests;
use crate::helpers::{posting_json, TestApp};

backend_tests!(a_missing_or_corrupt_index_is_rebuilt_from_the_database, the_feed_follower_applies_each_change_once);

async fn open_three(app: &TestApp) {
    let admin = app.admin().await;
    let employer_id = app.employer_in(&admin, "610902001").await;
    for title in ["缝纫工", "采茶工", "包装工"] {
        let mut p = posting_json(employer_id);
        p["title"] = json!(title);
        admin.open_posting(app, &p).await;
    }
    // One pending posting must stay out of the index.
    admin.post_json("/api/v1/postings", &posting_json(employer_id)).await;
}

async fn a_missing_or_corrupt_index_is_rebuilt_from_the_database(app: TestApp) {
    open_three(&app).await;
    assert_eq!(app.state.index.num_docs(), 3);
    let elsewhere = tempfile::tempdir().expect("dir");
    let mut settings = app.settings.clone();
    settings.data_dir = elsewhere.path().to_path_buf();

    let rebuilt = load_state(&settings, app.db().clone()).await.expect("state");

    assert_eq!(rebuilt.index.num_docs(), 3, "missing index rebuilt");
    assert_eq!(rebuilt.index.cursor(), last_change(app.db()).await.expect("feed"));
    drop(rebuilt);
    let meta = settings.index_dir().join("meta.json");
    std::fs::write(&meta, b"{ not json").expect("corrupt");
    let repaired = load_state(&settings, app.db().clone()).await.expect("state despite corruption");
    assert_eq!(repaired.index.num_docs(), 3, "corrupt index rebuilt");
}

async fn the_feed_follower_applies_each_change_once(app: TestApp) {
    open_three(&app).await;
    let elsewhere = tempfile::tempdir().expect("dir");
    let mut settings = app.settings.clone();
    settings.data_dir = elsewhere.path().to_path_buf();
    let follower = load_state(&settings, app.db().clone()).await.expect("state");
    let start = follower.index.cursor();
    let admin = app.anonymous();
    admin.login("admin", crate::helpers::PASSWORD).await;
    let employer_id = app.employer_in(&admin, "610902002").await;
    admin.open_posting(&app, &posting_json(employer_id)).await;

    let (index, skills) = (follower.index.clone().into_inner(), follower.skills.clone().into_inner());
    let applied = apply_pending(app.db(), &index, &skills).await.expect("apply");
    let again = apply_pending(app.db(), &index, &skills).await.expect("apply again");

    assert_eq!(applied as i64, last_change(app.db()).await.expect("feed") - start, "every new change, in order");
    assert_eq!(again, 0, "nothing applied twice");
    assert_eq!(follower.index.num_docs(), 4);
}
