//! Builds the application: database, reference data, shared state, route
//! table, and the bound listener (so tests can ask for port 0).

use std::net::TcpListener;

use actix_web::dev::{Server, Service};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::{from_fn, Compress};
use actix_web::{guard, web, App, HttpMessage, HttpServer};
use actix_web_prom::PrometheusMetricsBuilder;
use anyhow::Context;
use futures::FutureExt;
use tracing_actix_web::{RequestId, TracingLogger};

use std::sync::Arc;
use std::time::Duration;

use crate::auth::{AddressThrottle, CookiePolicy, LoginThrottle, RegistrationThrottle, TrustedProxies};
use crate::configuration::{Settings, SmsSettings};
use crate::crypto::{load_or_create_secret, IdVault};
use crate::error;
use crate::extract::{text_rule_for_query, BodyLimit, BodyTimeout};
use crate::images::{ImageStore, ImageWork};
use crate::push::PushRunner;
use crate::reference::{bundled_regions, bundled_skills, RegionTree, Regions, SkillCatalog};
use crate::region_points::follow_region_points;
use crate::routes::{
    applications, audit, auth, certificates, course_sessions, courses, employers, enrolments, health, images, imports, inbox, matching, methods, metrics,
    openapi, orders, people, placements, postings, priorities, producers, products, push, regions, register, site, skills, sms, training_search,
    training_suggestions,
};
use crate::routes::{exports, figures};
use crate::search::{ensure_current, run_indexer, CourseIndex, Opened, PostingIndex, ProductIndex, SearchIndex, Searchable};
use crate::sms::{SmsReplySecret, SmsWorker};
use crate::storage::{convert_old_region_points, insert_missing_regions, list_regions, list_skills, upsert_skills, Db};

pub struct Application {
    port: u16,
    server: Server,
}

/// Everything a request handler may need, each as its own `web::Data`.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub vault: web::Data<IdVault>,
    pub regions: web::Data<Regions>,
    pub skills: web::Data<SkillCatalog>,
    pub index: web::Data<PostingIndex>,
    /// The course-session index (training search).
    pub courses: web::Data<CourseIndex>,
    /// The product index (product search).
    pub products: web::Data<ProductIndex>,
    /// Starts push jobs and resumes those a stopped node left.
    pub push: web::Data<PushRunner>,
    /// Product image files.
    pub images: web::Data<ImageStore>,
    /// Decodes and re-encodes uploads, a few at a time.
    pub image_work: web::Data<ImageWork>,
}

/// Connects, migrates and loads the shipped reference data (idempotent).
pub async fn prepare_database(settings: &Settings) -> anyhow::Result<Db> {
    settings.ensure_data_dir()?;
    let db = Db::connect(&settings.database_url()).await?;
    db.migrate().await?;
    insert_missing_regions(&db, &bundled_regions()?).await?;
    let converted = convert_old_region_points(&db).await?;
    if converted > 0 {
        tracing::info!(converted, "region points converted from gcj-02 to wgs84");
    }
    upsert_skills(&db, &bundled_skills()?).await?;
    Ok(db)
}

/// Loads shared state from a prepared database; opens the indexes (postings,
/// course sessions, products) and rebuilds each that is missing, corrupt or
/// ahead of the database.
pub async fn load_state(settings: &Settings, db: Db) -> anyhow::Result<AppState> {
    let secret = load_or_create_secret(settings.secret_key.as_ref(), &settings.data_dir)?;
    let skills = Arc::new(SkillCatalog::new(list_skills(&db).await?));
    let index: Arc<PostingIndex> = open_index(&db, settings.index_dir(), &skills).await?;
    let courses: Arc<CourseIndex> = open_index(&db, settings.course_index_dir(), &skills).await?;
    let products: Arc<ProductIndex> = open_index(&db, settings.product_index_dir(), &skills).await?;
    let regions = Arc::new(Regions::new(RegionTree::new(list_regions(&db).await?)));
    let push = PushRunner::new(db.clone(), index.clone(), skills.clone(), regions.clone(), settings.push);
    let images = ImageStore::for_settings(settings)?;
    Ok(AppState {
        vault: web::Data::new(IdVault::new(&secret)),
        regions: web::Data::from(regions),
        skills: web::Data::from(skills),
        index: web::Data::from(index),
        courses: web::Data::from(courses),
        products: web::Data::from(products),
        push: web::Data::new(push),
        images: web::Data::new(images),
        image_work: web::Data::new(ImageWork::for_this_machine()),
        db,
    })
}

/// Opens an index, rebuilding it if it is missing, corrupt, of another
/// schema or ahead of the database.
async fn open_index<S: Searchable>(db: &Db, dir: std::path::PathBuf, skills: &Arc<SkillCatalog>) -> anyhow::Result<Arc<SearchIndex<S>>> {
    let (index, opened) = tokio::task::spawn_blocking(move || SearchIndex::<S>::open_or_create(&dir)).await??;
    let index = Arc::new(index);
    ensure_current(db, &index, skills, opened == Opened::Fresh).await?;
    Ok(index)
}

impl AppState {
    /// The workers that keep the indexes following the database, one per
    /// index (each has its own feed position), ending when all have.
    pub fn spawn_indexer(&self) -> tokio::task::JoinHandle<()> {
        let postings = tokio::spawn(run_indexer(self.db.clone(), self.index.clone().into_inner(), self.skills.clone().into_inner()));
        let courses = tokio::spawn(run_indexer(self.db.clone(), self.courses.clone().into_inner(), self.skills.clone().into_inner()));
        let products = tokio::spawn(run_indexer(self.db.clone(), self.products.clone().into_inner(), self.skills.clone().into_inner()));
        tokio::spawn(async move {
            let _ = tokio::join!(postings, courses, products);
        })
    }

    /// The worker that brings region points other processes set into the live tree.
    pub fn spawn_region_points_follower(&self) -> tokio::task::JoinHandle<()> {
        tokio::spawn(follow_region_points(self.db.clone(), self.regions.clone()))
    }

    /// The worker that drains the SMS outbox through the configured gateway.
    pub fn spawn_sms_worker(&self, settings: &SmsSettings) -> anyhow::Result<tokio::task::JoinHandle<()>> {
        let worker = SmsWorker::from_settings(self.db.clone(), settings)?;
        Ok(tokio::spawn(worker.run()))
    }

    /// The worker that resumes push jobs a stopped server (or node) left running.
    pub fn spawn_push_worker(&self) -> tokio::task::JoinHandle<()> {
        tokio::spawn(PushRunner::clone(&self.push).run_worker())
    }
}

impl Application {
    pub async fn build(settings: &Settings, state: AppState) -> anyhow::Result<Self> {
        let listener = TcpListener::bind(&settings.bind).with_context(|| format!("cannot listen on {}", settings.bind))?;
        let port = listener.local_addr().context("listener has no address")?.port();
        let server = run(listener, settings, state)?;
        Ok(Self { port, server })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves until SIGTERM or SIGINT, then drains open requests.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

fn run(listener: TcpListener, settings: &Settings, state: AppState) -> anyhow::Result<Server> {
    let prometheus = PrometheusMetricsBuilder::new("doorstep")
        .mask_unmatched_patterns(metrics::UNMATCHED)
        .build()
        .map_err(|e| anyhow::anyhow!("cannot build metrics: {e}"))?;
    let registry = web::Data::new(prometheus.registry.clone());
    let metrics_guard = web::Data::new(metrics::MetricsGuard { allow: settings.metrics.allow.clone(), token: settings.metrics.token.clone() });
    let proxies = web::Data::new(TrustedProxies(settings.trusted_proxies.clone()));
    let body_timeout = web::Data::new(BodyTimeout(Duration::from_secs(settings.body_timeout_secs)));
    let db = web::Data::new(state.db);
    let throttle = web::Data::new(LoginThrottle::new(&settings.login));
    let match_throttle = web::Data::new(AddressThrottle::per_minute(settings.match_per_minute));
    let registration_throttle = web::Data::new(RegistrationThrottle::new(&settings.registration));
    let cookies = web::Data::new(CookiePolicy { secure: settings.secure_cookies, max_age_days: settings.session_days });
    let body_limit = web::Data::new(BodyLimit(settings.max_body_bytes));
    let site_dir = web::Data::new(site::SiteDir(settings.site_dir.clone()));
    let sms_secret = web::Data::new(SmsReplySecret(settings.sms.secret.clone()));
    let (vault, regions_data, skills_data, index, courses, products_index, push_runner) =
        (state.vault, state.regions, state.skills, state.index, state.courses, state.products, state.push);
    let (image_store, image_work) = (state.images, state.image_work);
    let server = HttpServer::new(move || {
        App::new()
            .wrap(Compress::default())
            .wrap(prometheus.clone())
            .wrap_fn(|req, srv| {
                let id = req.extensions().get::<RequestId>().copied();
                srv.call(req).map(move |res| {
                    res.map(|mut res| {
                        if let Some(value) = id.and_then(|id| HeaderValue::from_str(&id.to_string()).ok()) {
                            res.headers_mut().insert(HeaderName::from_static("x-request-id"), value);
                        }
                        res
                    })
                })
            })
            .wrap(TracingLogger::default())
            .app_data(web::QueryConfig::default().error_handler(error::query_error))
            .app_data(web::PathConfig::default().error_handler(error::path_error))
            .app_data(db.clone())
            .app_data(throttle.clone())
            .app_data(cookies.clone())
            .app_data(body_limit.clone())
            .app_data(body_timeout.clone())
            .app_data(proxies.clone())
            .app_data(metrics_guard.clone())
            .app_data(registry.clone())
            .app_data(site_dir.clone())
            .app_data(sms_secret.clone())
            .app_data(vault.clone())
            .app_data(regions_data.clone())
            .app_data(skills_data.clone())
            .app_data(index.clone())
            .app_data(courses.clone())
            .app_data(products_index.clone())
            .app_data(push_runner.clone())
            .app_data(image_store.clone())
            .app_data(image_work.clone())
            .app_data(match_throttle.clone())
            .app_data(registration_throttle.clone())
            .route("/healthz", get_or_head().to(health::healthz))
            .route("/readyz", get_or_head().to(health::readyz))
            .route("/metrics", get_or_head().to(metrics::metrics))
            .service(api_v1())
            .route("/pkg/{build}/{name}", get_or_head().to(site::asset))
            .route("/images/{hash}/{variant}", get_or_head().to(images::get_image))
            .default_service(web::to(methods::site_fallback))
    })
    .shutdown_timeout(10)
    .listen(listener)
    .context("cannot start http server")?
    .run();
    Ok(server)
}

/// A route for GET that answers HEAD alike (actix sends no body for HEAD):
/// without it a HEAD to `/healthz` or an asset fell through to `index.html`.
fn get_or_head() -> actix_web::Route {
    web::route().guard(guard::Any(guard::Get()).or(guard::Head()))
}

/// The route table of `/api/v1`; roles are enforced by each handler's extractor.
fn api_v1() -> impl actix_web::dev::HttpServiceFactory {
    web::scope("/api/v1")
        .wrap(from_fn(text_rule_for_query))
        .route("/openapi.json", web::get().to(openapi::openapi_json))
        .route("/auth/login", web::post().to(auth::login))
        .route("/auth/logout", web::post().to(auth::logout))
        .route("/auth/register/code", web::post().to(register::request_registration_code))
        .route("/auth/register", web::post().to(register::register))
        .route("/me", web::get().to(auth::me))
        .route("/regions", web::get().to(regions::list_regions))
        .route("/regions/{code}", web::get().to(regions::get_region))
        .route("/regions/{code}/point", web::put().to(regions::put_region_point))
        .route("/regions/{code}/priorities", web::get().to(priorities::get_priorities))
        .route("/regions/{code}/priorities", web::put().to(priorities::put_priorities))
        .route("/region-points", web::post().to(regions::upload_region_points))
        .route("/imports/people", web::post().to(imports::import_people))
        .route("/imports/postings", web::post().to(imports::import_postings))
        .route("/imports/{id}/errors", web::get().to(imports::get_error_sheet))
        .route("/skills", web::get().to(skills::list_skills))
        .route("/people", web::post().to(people::create_person))
        .route("/people", web::get().to(people::list_people_handler))
        .route("/people/export", web::get().to(exports::export_people))
        .route("/people/{id}", web::get().to(people::get_person_handler))
        .route("/people/{id}", web::patch().to(people::update_person_handler))
        .route("/people/{id}/reveal", web::post().to(people::reveal_id_number))
        .route("/employers", web::post().to(employers::create_employer))
        .route("/employers", web::get().to(employers::list_employers_handler))
        .route("/employers/{id}", web::get().to(employers::get_employer_handler))
        .route("/audit", web::get().to(audit::list_audit_handler))
        .route("/postings", web::post().to(postings::create_posting))
        .route("/postings", web::get().to(postings::search_postings))
        .route("/training-sessions", web::get().to(training_search::search_training_sessions))
        .route("/postings/managed", web::get().to(postings::list_managed_postings))
        .route("/postings/{id}", web::get().to(postings::get_posting_handler))
        .route("/postings/{id}", web::patch().to(postings::update_posting_handler))
        .route("/postings/{id}/approve", web::post().to(postings::approve_posting))
        .route("/postings/{id}/reject", web::post().to(postings::reject_posting))
        .route("/postings/{id}/close", web::post().to(postings::close_posting))
        .route("/postings/{id}/candidates", web::get().to(matching::posting_candidates))
        .route("/people/{id}/matches", web::get().to(matching::person_matches))
        .route("/match", web::post().to(matching::match_postings))
        .route("/applications", web::post().to(applications::create_application))
        .route("/applications", web::get().to(applications::list_applications_handler))
        .route("/applications/{id}", web::get().to(applications::get_application_handler))
        .route("/applications/{id}/status", web::post().to(applications::change_application_status))
        .route("/placements", web::get().to(placements::list_placements_handler))
        .route("/placements/export", web::get().to(exports::export_placements))
        .route("/placements/{id}", web::get().to(placements::get_placement_handler))
        .route("/placements/{id}/follow-ups", web::post().to(placements::record_follow_up))
        .route("/follow-ups", web::get().to(placements::follow_up_worklist))
        .route("/follow-ups/export", web::get().to(exports::export_follow_ups))
        .route("/training/figures", web::get().to(figures::training_figures_handler))
        .route("/employment/figures", web::get().to(figures::employment_figures_handler))
        .route("/employment/records", web::get().to(figures::employment_records_handler))
        .route("/employment/figures/export", web::get().to(exports::export_employment_figures))
        .route("/employment/records/export", web::get().to(exports::export_employment_records))
        .route("/training/figures/export", web::get().to(exports::export_training_figures))
        .route("/push", web::post().to(push::start_push))
        .route("/push", web::get().to(push::list_push_jobs_handler))
        .route("/push/{id}", web::get().to(push::get_push_job_handler))
        .route("/push/{id}/sms", web::get().to(sms::push_sms_tally))
        .route("/people/{id}/sms", web::get().to(sms::person_sms))
        .route("/sms/replies", web::post().to(sms::receive_sms_reply))
        .route("/me/inbox", web::get().to(inbox::get_inbox))
        .route("/me/profile", web::get().to(people::get_profile))
        .route("/me/profile", web::put().to(people::put_profile))
        .route("/people/{id}/training-suggestions", web::get().to(training_suggestions::person_training_suggestions))
        .route("/me/training-suggestions", web::get().to(training_suggestions::my_training_suggestions))
        .route("/postings/{id}/invitations", web::post().to(matching::invite_candidate))
        .route("/courses", web::post().to(courses::create_course))
        .route("/courses", web::get().to(courses::list_courses_handler))
        .route("/courses/{id}", web::get().to(courses::get_course_handler))
        .route("/courses/{id}", web::patch().to(courses::update_course_handler))
        .route("/courses/{id}/publish", web::post().to(courses::publish_course))
        .route("/courses/{id}/archive", web::post().to(courses::archive_course))
        .route("/courses/{id}/sessions", web::post().to(course_sessions::create_course_session))
        .route("/courses/{id}/sessions", web::get().to(course_sessions::list_course_sessions))
        .route("/training-sessions/{id}", web::get().to(course_sessions::get_course_session_handler))
        .route("/training-sessions/{id}", web::patch().to(course_sessions::update_course_session_handler))
        .route("/training-sessions/{id}/start", web::post().to(course_sessions::start_course_session))
        .route("/training-sessions/{id}/finish", web::post().to(course_sessions::finish_course_session))
        .route("/training-sessions/{id}/cancel", web::post().to(course_sessions::cancel_course_session_handler))
        .route("/producers", web::post().to(producers::create_producer))
        .route("/producers", web::get().to(producers::list_producers_handler))
        .route("/producers/{id}", web::get().to(producers::get_producer_handler))
        .route("/producers/{id}", web::patch().to(producers::update_producer_handler))
        .route("/producers/{id}/verify", web::post().to(producers::verify_producer))
        .route("/producers/{id}/suspend", web::post().to(producers::suspend_producer))
        .route("/producers/{id}/accounts", web::post().to(producers::link_producer_account_handler))
        .route("/producers/{id}/products", web::post().to(products::create_product))
        .route("/producers/{id}/products", web::get().to(products::producer_products_handler))
        .route("/products", web::get().to(products::search_products))
        .route("/products/{id}", web::get().to(products::get_product_handler))
        .route("/products/{id}", web::patch().to(products::update_product_handler))
        .route("/products/{id}/stock", web::post().to(products::change_stock_handler))
        .route("/products/{id}/list", web::post().to(products::list_product))
        .route("/products/{id}/delist", web::post().to(products::delist_product))
        .route("/products/{id}/images", web::post().to(products::upload_product_image))
        .route("/products/{id}/images/{position}", web::delete().to(products::delete_product_image))
        .route("/orders", web::post().to(orders::place_order_handler))
        .route("/orders", web::get().to(orders::list_orders_handler))
        .route("/orders/{id}", web::get().to(orders::get_order_handler))
        .route("/orders/{id}/pay", web::post().to(orders::pay_order_handler))
        .route("/order-parts/{id}/pay", web::post().to(orders::pay_order_part))
        .route("/order-parts/{id}/ship", web::post().to(orders::ship_order_part))
        .route("/order-parts/{id}/deliver", web::post().to(orders::deliver_order_part))
        .route("/order-parts/{id}/cancel", web::post().to(orders::cancel_order_part))
        .route("/sales/figures", web::get().to(figures::sales_figures_handler))
        .route("/sales/figures/export", web::get().to(exports::export_sales_figures))
        .route("/training-sessions/{id}/enrolments", web::post().to(enrolments::enrol_handler))
        .route("/training-sessions/{id}/enrolments", web::get().to(enrolments::session_roster))
        .route("/enrolments/{id}/cancel", web::post().to(enrolments::cancel_enrolment_handler))
        .route("/me/enrolments", web::get().to(enrolments::my_enrolments))
        .route("/me/notices", web::get().to(enrolments::my_notices))
        .route("/people/{id}/enrolments", web::get().to(enrolments::person_enrolments))
        .route("/training-sessions/{id}/attendance", web::post().to(certificates::record_attendance_handler))
        .route("/training-sessions/{id}/attendance", web::get().to(certificates::get_attendance))
        .route("/enrolments/{id}/completion", web::post().to(certificates::complete_enrolment))
        .route("/certificates/verify", web::get().to(certificates::verify_certificate))
        .route("/me/certificates", web::get().to(certificates::my_certificates))
        .route("/people/{id}/certificates", web::get().to(certificates::person_certificates))
        .default_service(web::to(methods::api_fallback))
}
