//! Attendance, completion and certificates of the training platform: staff
//! take attendance and record completion inside their jurisdiction (the
//! session's region); completion issues a certificate that anyone can check
//! by number and code, seeing only the course, the day and a masked name.

mod attendance;
mod completion;
mod list;
mod verify;

pub use attendance::*;
pub use completion::*;
pub use list::*;
pub use verify::*;

use doorstep_shared::api::{Certificate, ErrorCode, NamedSkill};

use crate::auth::StaffScope;
use crate::domain::CompletionRefusal;
use crate::error::ApiError;
use crate::reference::{Regions, SkillCatalog};
use crate::storage::{get_training_session, Db, StoredCertificate, TrainingSession};

/// The certificate as its owner and staff read it (with the verification code).
fn to_certificate(c: &StoredCertificate, regions: &Regions, skills: &SkillCatalog) -> Certificate {
    Certificate {
        id: c.id,
        number: c.number.clone(),
        verify_code: c.verify_code.clone(),
        course_id: c.course_id,
        course_title: c.course_title.clone(),
        session_id: c.session_id,
        skills: c
            .skills
            .iter()
            .map(|code| {
                let (name_zh, name_en) = skills.names(code.as_ref());
                NamedSkill { code: code.to_string(), name_zh, name_en }
            })
            .collect(),
        issuing_region: c.issuing_region.to_string(),
        issuing_region_name: regions.place_name(c.issuing_region.as_ref()),
        issued_on: c.issued_on,
        person_id: c.person_id,
        person_name: c.person_name.clone(),
    }
}

/// The session, if it lies inside the caller's jurisdiction (else it is not found).
async fn governed_session(scope: &StaffScope, db: &Db, id: i64) -> Result<TrainingSession, ApiError> {
    let session = get_training_session(db, id).await?;
    if !scope.allows(&session.region) {
        return Err(ApiError::not_found("training session"));
    }
    Ok(session)
}

/// One code per refusal of attendance or completion.
fn refused(r: CompletionRefusal) -> ApiError {
    match r {
        CompletionRefusal::Fields(fields) => ApiError::from(crate::domain::FieldErrors(fields, Vec::new())),
        CompletionRefusal::SessionNotRunning(status) => {
            ApiError::new(ErrorCode::SessionNotRunning, format!("the session is {}: it has not started", status.as_str()))
        }
        CompletionRefusal::NoPlace(status) => ApiError::new(ErrorCode::MoveNotAllowed, format!("the enrolment is {}: it holds no place", status.as_str())),
        CompletionRefusal::AlreadyCompleted(status) => ApiError::new(ErrorCode::AlreadyCompleted, format!("the enrolment is already {}", status.as_str())),
    }
}
