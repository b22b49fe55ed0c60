//! Every page and where it lives. The public pages (home, job search, a
//! posting) are in the main module: a first visit then needs one round trip
//! for code, not two. The pages behind a role load on first use in groups: a
//! seeker's, an employer's and staff's, the training platform's (a
//! seeker's and staff's, so a seeker does not download the course forms) and
//! the sales platform's (buyers', and producers' with staff's). Each group's
//! texts (its string area) are fetched alongside its module.
//! Each group is one `#[lazy]` function that `cargo xtask site` moves into
//! its own WebAssembly module. A group, not a page, per module: pages of one
//! role share most of their code, and one fetch beats a dozen small ones on a
//! high-latency mobile link. Each page fetches its own data once shown.
//!
//! The router sees one wildcard route, [`Pages`], and [`Page::at`] reads the
//! page from the path. A route of its own per page costs the main module a
//! kilobyte or more of matching code each, so a new platform would make every
//! first visit heavier; this way a new page adds an arm to two `match`es.

use leptos::lazy;
use leptos::prelude::*;

use crate::app::{Gate, Start};
use crate::components::Loading;
use crate::i18n::{preload_area, WithTexts};
use crate::location::use_location;
use crate::pages::{
    sales_style, AuditPage, CartPage, CheckoutPage, CoursePage, CoursesPage, DashboardPage, FollowUpsPage, ImportsPage, InboxPage, JobSearchPage,
    JobsForMePage, ManagePostingPage, MyApplicationsPage, MyOrdersPage, MyPostingsPage, MyShopPage, MyTrainingPage, NotFound, OrderPage, PlacementsPage,
    PostJobPage, PostingPage, PrioritiesPage, ProducerPage, ProducersPage, ProductPage, ProfilePage, PushPage, ReferPage, RegionPointsPage, RegisterPage,
    ReviewPage, RosterPage, SalesFiguresPage, SalesOrdersPage, ShopPage, TrainingPage, TrainingSessionPage, VerifyCertificatePage,
};

/// Every page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// `/`: home for a user, the login form for a visitor.
    Start,
    Jobs,
    /// `/postings/{posting id}`.
    Posting(i64),
    ForMe,
    MyApplications,
    Inbox,
    PostJob,
    MyPostings,
    /// `/manage/{posting id}`.
    ManagePosting(i64),
    Review,
    Refer,
    Placements,
    Audit,
    Register,
    Profile,
    Priorities,
    Push,
    RegionPoints,
    Imports,
    Training,
    /// `/training/{session id}`.
    TrainingSession(i64),
    MyTraining,
    VerifyCertificate,
    Courses,
    /// `/courses/{course id}`.
    Course(i64),
    /// `/training-sessions/{session id}/roster`.
    Roster(i64),
    Shop,
    /// `/products/{product id}`.
    Product(i64),
    Cart,
    Checkout,
    /// `/orders/{order id}`.
    Order(i64),
    MyOrders,
    MyShop,
    /// `/producers/{producer id}`.
    Producer(i64),
    Producers,
    SalesOrders,
    SalesFigures,
    Dashboard,
    FollowUps,
}

impl Page {
    /// The page at `path`, or `None` when no page lives there.
    pub fn at(path: &str) -> Option<Page> {
        let mut segments = path.split('/').filter(|segment| !segment.is_empty());
        let Some(first) = segments.next() else { return Some(Page::Start) };
        let id = segments.next();
        let rest: Vec<&str> = segments.collect();
        let number = || id?.parse::<i64>().ok().filter(|id| *id > 0);
        let page = match (first, id.is_some(), rest.as_slice()) {
            ("jobs", false, []) => Page::Jobs,
            ("postings", true, []) => Page::Posting(number()?),
            ("for-me", false, []) => Page::ForMe,
            ("my-applications", false, []) => Page::MyApplications,
            ("inbox", false, []) => Page::Inbox,
            ("post", false, []) => Page::PostJob,
            ("my-postings", false, []) => Page::MyPostings,
            ("manage", true, []) => Page::ManagePosting(number()?),
            ("review", false, []) => Page::Review,
            ("refer", false, []) => Page::Refer,
            ("placements", false, []) => Page::Placements,
            ("audit", false, []) => Page::Audit,
            ("register", false, []) => Page::Register,
            ("profile", false, []) => Page::Profile,
            ("priorities", false, []) => Page::Priorities,
            ("push", false, []) => Page::Push,
            ("region-points", false, []) => Page::RegionPoints,
            ("imports", false, []) => Page::Imports,
            ("training", false, []) => Page::Training,
            ("training", true, []) => Page::TrainingSession(number()?),
            ("my-training", false, []) => Page::MyTraining,
            ("certificates", true, []) if id == Some("verify") => Page::VerifyCertificate,
            ("courses", false, []) => Page::Courses,
            ("courses", true, []) => Page::Course(number()?),
            ("training-sessions", true, ["roster"]) => Page::Roster(number()?),
            ("shop", false, []) => Page::Shop,
            ("products", true, []) => Page::Product(number()?),
            ("cart", false, []) => Page::Cart,
            ("checkout", false, []) => Page::Checkout,
            ("orders", true, []) => Page::Order(number()?),
            ("my-orders", false, []) => Page::MyOrders,
            ("my-shop", false, []) => Page::MyShop,
            ("producers", true, []) => Page::Producer(number()?),
            ("producers", false, []) => Page::Producers,
            ("sales-orders", false, []) => Page::SalesOrders,
            ("sales-figures", false, []) => Page::SalesFigures,
            ("dashboard", false, []) => Page::Dashboard,
            ("follow-ups", false, []) => Page::FollowUps,
            _ => return None,
        };
        Some(page)
    }

    /// Builds the page, loading its group first (once) if it has one.
    async fn show(self) -> AnyView {
        match self {
            Page::Start => view! { <Start/> }.into_any(),
            // Public, and rendered before `/me` answers, so their own requests start at once.
            Page::Jobs => view! { <Gate at_once=true><JobSearchPage/></Gate> }.into_any(),
            Page::Posting(id) => view! { <Gate at_once=true><PostingPage id/></Gate> }.into_any(),
            Page::ForMe | Page::MyApplications | Page::Inbox | Page::Register | Page::Profile => {
                preload_area("seeker");
                seeker_pages(self).await
            }
            Page::PostJob | Page::MyPostings | Page::ManagePosting(_) => {
                preload_area("employer");
                employer_pages(self).await
            }
            Page::Review
            | Page::Refer
            | Page::Placements
            | Page::Audit
            | Page::Priorities
            | Page::Push
            | Page::RegionPoints
            | Page::Dashboard
            | Page::FollowUps
            | Page::Imports => {
                preload_area("staff");
                staff_pages(self).await
            }
            Page::Training | Page::TrainingSession(_) | Page::MyTraining | Page::VerifyCertificate => {
                preload_area("training");
                training_pages(self).await
            }
            Page::Courses | Page::Course(_) | Page::Roster(_) => {
                preload_area("training");
                course_pages(self).await
            }
            Page::Shop | Page::Product(_) | Page::Cart | Page::Checkout | Page::Order(_) | Page::MyOrders => {
                preload_area("sales");
                shop_pages(self).await
            }
            Page::MyShop | Page::Producer(_) | Page::Producers | Page::SalesOrders | Page::SalesFigures => {
                preload_area("sales");
                seller_pages(self).await
            }
        }
    }
}

/// Every path: shows the page [`Page::at`] finds there, loading its group
/// first, or "not found". The page is built anew when it changes (a query
/// change leaves it alone, for the page to follow); while the next page's
/// module loads, the current page stays on screen.
#[component]
pub fn Pages() -> impl IntoView {
    let location = use_location();
    // A page's id is part of the `Page`, so another id is another page.
    let page = Memo::new(move |_| location.pathname.with(|path| Page::at(path)));
    view! {
        <Transition fallback=Loading>
            {move || {
                let page = page.get();
                Suspend::new(async move {
                    match page {
                        Some(page) => page.show().await,
                        None => view! { <NotFound/> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

#[lazy]
fn seeker_pages(page: Page) -> AnyView {
    let page = move || match page {
        Page::MyApplications => view! { <Gate><MyApplicationsPage/></Gate> }.into_any(),
        Page::Inbox => view! { <Gate><InboxPage/></Gate> }.into_any(),
        Page::Profile => view! { <Gate><ProfilePage/></Gate> }.into_any(),
        Page::Register => view! { <Gate public=true><RegisterPage/></Gate> }.into_any(),
        // Public: a visitor may try matching before registering.
        _ => view! { <Gate public=true><JobsForMePage/></Gate> }.into_any(),
    };
    view! { <WithTexts area="seeker">{page()}</WithTexts> }.into_any()
}

#[lazy]
fn employer_pages(page: Page) -> AnyView {
    let page = move || match page {
        Page::MyPostings => view! { <Gate><MyPostingsPage/></Gate> }.into_any(),
        Page::ManagePosting(id) => view! { <Gate><ManagePostingPage id/></Gate> }.into_any(),
        _ => view! { <Gate><PostJobPage/></Gate> }.into_any(),
    };
    view! { <WithTexts area="employer">{page()}</WithTexts> }.into_any()
}

#[lazy]
fn staff_pages(page: Page) -> AnyView {
    let page = move || match page {
        Page::Refer => view! { <Gate><ReferPage/></Gate> }.into_any(),
        Page::Placements => view! { <Gate><PlacementsPage/></Gate> }.into_any(),
        Page::Audit => view! { <Gate><AuditPage/></Gate> }.into_any(),
        Page::Priorities => view! { <Gate><PrioritiesPage/></Gate> }.into_any(),
        Page::Push => view! { <Gate><PushPage/></Gate> }.into_any(),
        Page::RegionPoints => view! { <Gate><RegionPointsPage/></Gate> }.into_any(),
        Page::Dashboard => view! { <Gate><DashboardPage/></Gate> }.into_any(),
        Page::FollowUps => view! { <Gate><FollowUpsPage/></Gate> }.into_any(),
        Page::Imports => view! { <Gate><ImportsPage/></Gate> }.into_any(),
        _ => view! { <Gate><ReviewPage/></Gate> }.into_any(),
    };
    view! { <WithTexts area="staff">{page()}</WithTexts> }.into_any()
}

/// The training platform as seekers and visitors meet it.
#[lazy]
fn training_pages(page: Page) -> AnyView {
    let page = move || match page {
        Page::TrainingSession(id) => view! { <Gate public=true><TrainingSessionPage id/></Gate> }.into_any(),
        Page::MyTraining => view! { <Gate><MyTrainingPage/></Gate> }.into_any(),
        Page::VerifyCertificate => view! { <Gate public=true><VerifyCertificatePage/></Gate> }.into_any(),
        _ => view! { <Gate public=true><TrainingPage/></Gate> }.into_any(),
    };
    view! { <WithTexts area="training">{page()}</WithTexts> }.into_any()
}

/// The training platform as staff run it: courses, sessions, rosters.
#[lazy]
fn course_pages(page: Page) -> AnyView {
    let page = move || match page {
        Page::Course(id) => view! { <Gate><CoursePage id/></Gate> }.into_any(),
        Page::Roster(id) => view! { <Gate><RosterPage id/></Gate> }.into_any(),
        _ => view! { <Gate><CoursesPage/></Gate> }.into_any(),
    };
    view! { <WithTexts area="training">{page()}</WithTexts> }.into_any()
}

/// The sales platform as buyers and visitors meet it: the shop, a product,
/// the cart, checkout, an order and their orders.
#[lazy]
fn shop_pages(page: Page) -> AnyView {
    let page = move || match page {
        Page::Product(id) => view! { <Gate public=true><ProductPage id/></Gate> }.into_any(),
        Page::Cart => view! { <Gate public=true><CartPage/></Gate> }.into_any(),
        Page::Checkout => view! { <Gate public=true><CheckoutPage/></Gate> }.into_any(),
        Page::Order(id) => view! { <Gate public=true><OrderPage id/></Gate> }.into_any(),
        Page::MyOrders => view! { <Gate public=true><MyOrdersPage/></Gate> }.into_any(),
        _ => view! { <Gate public=true><ShopPage/></Gate> }.into_any(),
    };
    view! {
        {sales_style()}
        <WithTexts area="sales">{page()}</WithTexts>
    }
    .into_any()
}

/// The sales platform as producers' accounts and staff run it: products and
/// stock, orders to fulfil, producers and the figures.
#[lazy]
fn seller_pages(page: Page) -> AnyView {
    let page = move || match page {
        Page::Producer(id) => view! { <Gate><ProducerPage id/></Gate> }.into_any(),
        Page::Producers => view! { <Gate><ProducersPage/></Gate> }.into_any(),
        Page::SalesOrders => view! { <Gate><SalesOrdersPage/></Gate> }.into_any(),
        Page::SalesFigures => view! { <Gate><SalesFiguresPage/></Gate> }.into_any(),
        _ => view! { <Gate><MyShopPage/></Gate> }.into_any(),
    };
    view! {
        {sales_style()}
        <WithTexts area="sales">{page()}</WithTexts>
    }
    .into_any()
}
