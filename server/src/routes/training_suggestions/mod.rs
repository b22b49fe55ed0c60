//! Training suggestions over HTTP: for a registered person (staff, inside
//! their jurisdiction) and for a seeker's own record.

mod convert;

use actix_web::web;
use doorstep_shared::api::{ErrorCode, TrainingSuggestionList};

use crate::auth::{CurrentUser, StaffScope};
use crate::clock::today;
use crate::error::ApiError;
use crate::matcher::{load_priorities, profile_of};
use crate::reference::{Regions, SkillCatalog};
use crate::routes::people::{own_person, visible_person};
use crate::search::PostingIndex;
use crate::storage::{Db, StoredPerson};
use crate::training_suggestions::suggest_training;
use convert::to_item;

/// The upcoming course sessions whose skills would open the most postings the person does not match today.
#[utoipa::path(get, path = "/api/v1/people/{id}/training-suggestions", tag = "training",
    responses((status = 200, body = TrainingSuggestionList), (status = 404, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id, person_id = *path))]
pub async fn person_training_suggestions(
    scope: StaffScope,
    path: web::Path<i64>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    skills: web::Data<SkillCatalog>,
    index: web::Data<PostingIndex>,
) -> Result<web::Json<TrainingSuggestionList>, ApiError> {
    let person = visible_person(&scope, &db, *path).await?;
    suggestions_for(&person, &db, &regions, &skills, &index.into_inner()).await
}

/// The seeker's own training suggestions.
#[utoipa::path(get, path = "/api/v1/me/training-suggestions", tag = "training",
    responses((status = 200, body = TrainingSuggestionList), (status = 403, body = doorstep_shared::api::ApiErrorBody),
              (status = 409, body = doorstep_shared::api::ApiErrorBody, description = "`profile_missing`: not filled in yet")))]
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn my_training_suggestions(
    user: CurrentUser,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    skills: web::Data<SkillCatalog>,
    index: web::Data<PostingIndex>,
) -> Result<web::Json<TrainingSuggestionList>, ApiError> {
    let Some(person) = own_person(&user, &db).await? else {
        return Err(ApiError::new(ErrorCode::ProfileMissing, "the profile is not filled in yet"));
    };
    suggestions_for(&person, &db, &regions, &skills, &index.into_inner()).await
}

async fn suggestions_for(
    person: &StoredPerson,
    db: &Db,
    regions: &Regions,
    skills: &SkillCatalog,
    index: &std::sync::Arc<PostingIndex>,
) -> Result<web::Json<TrainingSuggestionList>, ApiError> {
    let profile = profile_of(person, regions, &load_priorities(db).await?).map_err(anyhow::Error::new)?;
    let found = suggest_training(db, index, regions, person, &profile, today()).await?;
    Ok(web::Json(TrainingSuggestionList { items: found.into_iter().map(|s| to_item(s, &profile, regions, skills)).collect() }))
}
