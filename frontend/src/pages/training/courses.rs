//! "培训课程 / Courses" for staff: the courses of their jurisdiction, by
//! status, and the form for a new one (it starts as a draft).

use doorstep_shared::api::{Course, CourseRequest, CourseStatus};
use leptos::prelude::*;

use super::course_form::CourseForm;
use super::words::course_badge;
use crate::api::{self, TRAINING_PER_PAGE};
use crate::components::{empty, section, Async, Paged};
use crate::i18n::{tr, trf, Key};
use crate::location::use_navigate;

/// The list with its status filter, and the new-course form folded away.
#[component]
pub fn CoursesPage() -> impl IntoView {
    let navigate = use_navigate();
    let status = RwSignal::new(None::<CourseStatus>);
    let page = RwSignal::new(1_u32);
    let courses = LocalResource::new(move || {
        let (status, page) = (status.get(), page.get());
        async move { api::list_courses(status, page).await }
    });
    let create = Action::new_local(move |request: &CourseRequest| {
        let request = request.clone();
        async move {
            let course = api::create_course(&request).await?;
            navigate(&format!("/courses/{}", course.id));
            Ok(())
        }
    });
    let statuses = [(None, Key::TrAllStatuses), (Some(CourseStatus::Draft), Key::TrCourseDraft), (Some(CourseStatus::Published), Key::TrCoursePublished)]
        .into_iter()
        .chain([(Some(CourseStatus::Archived), Key::TrCourseArchived)])
        .map(|(value, key)| {
            let spelled = value.map(|s| s.as_str()).unwrap_or_default();
            view! { <option value=spelled prop:selected=move || status.get() == value>{tr(key)}</option> }
        })
        .collect_view();
    let list = move || {
        section(async move {
            courses.await.map(|found| {
                if found.items.is_empty() {
                    return empty("courses-empty", Key::TrNoCourses);
                }
                let (total, at) = (found.total, found.page);
                let items = found.items.into_iter().map(|course| view! { <CourseLine course/> }).collect_view();
                view! {
                    <Paged page=at total per_page=TRAINING_PER_PAGE on_page=move |to| page.set(to)>
                        <ul class="list plain" id="courses">{items}</ul>
                    </Paged>
                }
                .into_any()
            })
        })
    };
    view! {
        <h1 class="page-title">{tr(Key::TrCoursesTitle)}</h1>
        <details class="card" id="new-course">
            <summary>{tr(Key::TrNewCourse)}</summary>
            <CourseForm current=None save=create button=Key::TrCreateCourse/>
        </details>
        <label for="courses-status">{tr(Key::TrStatusFilter)}</label>
        <select id="courses-status" on:change=move |ev| {
            status.set(CourseStatus::parse(&event_target_value(&ev)));
            page.set(1);
        }>
            {statuses}
        </select>
        <Async load=list/>
    }
}

/// One course: title, provider, status and its sessions.
#[component]
fn CourseLine(course: Course) -> impl IntoView {
    let sessions = trf(Key::TrSessionCounts, vec![("all", course.session_count.to_string()), ("open", course.open_session_count.to_string())]);
    view! {
        <li class="card posting-card" id=format!("course-{}", course.id)>
            <h2><a href=format!("/courses/{}", course.id)>{course.title}</a></h2>
            <p class="employer">{course.provider}" · "{course.region_name}</p>
            <p class="status-line">{course_badge(course.status)}" "<span class="muted">{sessions}</span></p>
        </li>
    }
}
