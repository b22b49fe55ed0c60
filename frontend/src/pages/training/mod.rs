//! The training platform's pages: the seeker's (browse and search sessions,
//! a session and enrolling, my training, the public certificate check) and
//! staff's (courses, a course and its sessions, a session's roster). They
//! load in two lazy groups (`routes.rs`), with the platform's strings.

mod browse;
mod course;
mod course_form;
mod courses;
mod mine;
mod roster;
mod session;
mod verify;
mod words;

pub use browse::TrainingPage;
pub use course::CoursePage;
pub use courses::CoursesPage;
pub use mine::MyTrainingPage;
pub use roster::RosterPage;
pub use session::TrainingSessionPage;
pub use verify::VerifyCertificatePage;
