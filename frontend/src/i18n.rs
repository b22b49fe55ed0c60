//! Interface strings in Chinese (the default) and English. The chosen language
//! lives in one signal, is remembered in `localStorage["doorstep.lang"]` and is
//! mirrored to `<html lang>` so screen readers and fonts pick the right script.

use doorstep_shared::api::{
    ApplicationStatus, PhysicalDemand, PlacementKind, PostingStatus, Role, Schedule,
};
use leptos::prelude::*;

const STORAGE_KEY: &str = "doorstep.lang";

/// A language the interface can be shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// The BCP 47 tag stored and written to `<html lang>`.
    fn tag(self) -> &'static str {
        match self {
            Self::Zh => "zh-CN",
            Self::En => "en",
        }
    }

    fn from_tag(tag: &str) -> Option<Self> {
        match tag {
            "zh-CN" => Some(Self::Zh),
            "en" => Some(Self::En),
            _ => None,
        }
    }
}

/// Names every string the interface shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    LangSwitch,
    Loading,
    LoginTitle,
    Username,
    Password,
    LoginButton,
    LoggingIn,
    Hello,
    RoleLabel,
    RegionLabel,
    LogoutButton,
    RoleSeeker,
    RoleEmployer,
    RoleStaff,
    RoleAdmin,
    ErrWrongCredentials,
    ErrNotLoggedIn,
    ErrRateLimited,
    ErrForbidden,
    ErrCheckInput,
    ErrNetwork,
    ErrServer,
    NotFound,
    BackHome,
    // Navigation
    NavForMe,
    NavJobs,
    NavApplications,
    NavInbox,
    NavHome,
    NavLogin,
    NavPost,
    NavMyPostings,
    NavReview,
    NavPostings,
    NavRefer,
    NavPlacements,
    // Page titles
    ForMeTitle,
    SearchTitle,
    ApplicationsTitle,
    InboxTitle,
    PostTitle,
    MyPostingsTitle,
    ReviewTitle,
    ReferTitle,
    PlacementsTitle,
    ApplicantsTitle,
    CandidatesTitle,
    // Pickers and filters
    Skills,
    SkillsNeeded,
    SkillsHint,
    SkillRemove,
    SkillNoneFound,
    County,
    Town,
    AnyCounty,
    PickPlace,
    AnyTown,
    HomeRegion,
    WorkRegion,
    MaxCommute,
    KmN,
    AnyDistance,
    MinWage,
    NeedsAccessible,
    FindMatches,
    ChangeDetails,
    ForMeIntro,
    NoMatches,
    SearchWords,
    SearchButton,
    MoreFilters,
    ScheduleLabel,
    AnySchedule,
    AccessibleOnly,
    NoResults,
    TotalJobs,
    PrevPage,
    NextPage,
    PageOf,
    // Posting facts
    WageRange,
    WagePerMonth,
    DistanceKm,
    ScheduleFullTime,
    SchedulePartTime,
    ScheduleFlexible,
    ScheduleHomeBased,
    PhysicalLabel,
    PhysicalLight,
    PhysicalMedium,
    PhysicalHeavy,
    Accommodation,
    NoAccommodation,
    Accessible,
    StatusPending,
    StatusOpen,
    StatusFilled,
    StatusClosed,
    StatusRejected,
    EmployerLabel,
    PlaceLabel,
    HiredOf,
    ValidUntil,
    DescriptionLabel,
    ReviewNote,
    // Applying
    ApplyButton,
    Applying,
    AppliedOk,
    ApplyLogin,
    ErrNotRegistered,
    ErrAlreadyApplied,
    ErrNotOpen,
    ErrNotFound,
    ErrConflict,
    SeeMyApplications,
    // Applications
    NoApplications,
    AppApplied,
    AppInterviewing,
    AppHired,
    AppRejected,
    AppWithdrawn,
    Referral,
    // Inbox
    InboxEmpty,
    // Posting form
    JobTitle,
    JobDescription,
    WageMinLabel,
    WageMaxLabel,
    HeadcountLabel,
    Headcount,
    AccommodationLabel,
    AccessibleLabel,
    ValidUntilLabel,
    SubmitPosting,
    Submitting,
    PostPending,
    PostAnother,
    NoEmployer,
    ErrFillAll,
    ErrWages,
    // Managing postings
    NoPostings,
    ClosePosting,
    ConfirmClose,
    SeeApplicants,
    NoApplicants,
    MoveInterview,
    MoveReject,
    MoveHire,
    HireStart,
    HireWage,
    HireSubmit,
    Cancel,
    NoCandidates,
    CandidatesIntro,
    // Review
    ReviewEmpty,
    Approve,
    Reject,
    RejectReason,
    RejectConfirm,
    // Referral
    PeopleSearch,
    Find,
    NobodyFound,
    Choose,
    Chosen,
    ChoosePosting,
    PickPosting,
    NoOpenPostings,
    ReferSubmit,
    ReferDone,
    // Placements
    PlacementsEmpty,
    KindNearby,
    KindTransfer,
    StartedOn,
    FollowUps,
    AddFollowUp,
    MonthLabel,
    MonthN,
    StillEmployed,
    LeftJob,
    NoteLabel,
    Save,
    Saved,
}

/// The (Chinese, English) pair for a key; one table keeps translations side by side.
fn pair(key: Key) -> (&'static str, &'static str) {
    match key {
        Key::LangSwitch => ("English", "中文"),
        Key::Loading => ("正在加载…", "Loading…"),
        Key::LoginTitle => ("登录", "Log in"),
        Key::Username => ("用户名或手机号", "Username or phone number"),
        Key::Password => ("密码", "Password"),
        Key::LoginButton => ("登录", "Log in"),
        Key::LoggingIn => ("正在登录…", "Logging in…"),
        Key::Hello => ("您好，", "Hello, "),
        Key::RoleLabel => ("身份", "Role"),
        Key::RegionLabel => ("负责区域", "Region"),
        Key::LogoutButton => ("退出登录", "Log out"),
        Key::RoleSeeker => ("求职者", "Job seeker"),
        Key::RoleEmployer => ("用人单位", "Employer"),
        Key::RoleStaff => ("民政工作人员", "Civil-affairs staff"),
        Key::RoleAdmin => ("管理员", "Administrator"),
        Key::ErrWrongCredentials => ("用户名或密码错误", "Wrong username or password"),
        Key::ErrNotLoggedIn => ("请先登录", "Please log in"),
        Key::ErrRateLimited => (
            "尝试次数过多，请稍后再试",
            "Too many attempts, please try again later",
        ),
        Key::ErrForbidden => ("您没有权限进行此操作", "You are not allowed to do this"),
        Key::ErrCheckInput => ("请检查填写的内容", "Please check what you entered"),
        Key::ErrNetwork => (
            "无法连接服务器，请检查网络",
            "Cannot reach the server; check your connection",
        ),
        Key::ErrServer => (
            "服务器出错，请稍后再试",
            "Something went wrong on the server, please try again later",
        ),
        Key::NotFound => ("页面不存在", "Page not found"),
        Key::BackHome => ("返回首页", "Back to the home page"),
        // Navigation
        Key::NavForMe => ("推荐", "For me"),
        Key::NavJobs => ("找工作", "Find jobs"),
        Key::NavApplications => ("我的申请", "Applied"),
        Key::NavInbox => ("消息", "Inbox"),
        Key::NavHome => ("我的", "Me"),
        Key::NavLogin => ("登录", "Log in"),
        Key::NavPost => ("发布岗位", "Post a job"),
        Key::NavMyPostings => ("我的岗位", "My jobs"),
        Key::NavReview => ("审核", "Review"),
        Key::NavPostings => ("岗位", "Postings"),
        Key::NavRefer => ("推荐", "Refer"),
        Key::NavPlacements => ("就业登记", "Placements"),
        // Page titles
        Key::ForMeTitle => ("为我推荐", "Jobs for me"),
        Key::SearchTitle => ("找工作", "Find a job"),
        Key::ApplicationsTitle => ("我的申请", "My applications"),
        Key::InboxTitle => ("消息", "Inbox"),
        Key::PostTitle => ("发布岗位", "Post a job"),
        Key::MyPostingsTitle => ("我的岗位", "My postings"),
        Key::ReviewTitle => ("审核岗位", "Review postings"),
        Key::ReferTitle => ("推荐人员", "Refer a person"),
        Key::PlacementsTitle => ("就业登记", "Placements"),
        Key::ApplicantsTitle => ("申请人", "Applicants"),
        Key::CandidatesTitle => ("推荐人选", "Suggested candidates"),
        // Pickers and filters
        Key::Skills => ("会做什么", "What you can do"),
        Key::SkillsNeeded => ("需要的技能", "Skills needed"),
        Key::SkillsHint => (
            "输入关键词，如：缝纫、做饭",
            "Type a word, e.g. sewing, cooking",
        ),
        Key::SkillRemove => ("去掉", "Remove"),
        Key::SkillNoneFound => ("没有找到这个技能", "No such skill"),
        Key::County => ("县区", "County"),
        Key::Town => ("镇（街道）", "Town"),
        Key::AnyCounty => ("全部县区", "All counties"),
        Key::PickPlace => ("请选择", "Choose"),
        Key::AnyTown => ("全部镇（街道）", "All towns"),
        Key::HomeRegion => ("家在哪里", "Where you live"),
        Key::WorkRegion => ("工作地点", "Workplace"),
        Key::MaxCommute => ("最远上班距离", "Farthest commute"),
        Key::KmN => ("{km} 公里", "{km} km"),
        Key::AnyDistance => ("外出务工也可以", "Any distance (will move)"),
        Key::MinWage => ("最低月工资（元）", "Lowest monthly wage (yuan)"),
        Key::NeedsAccessible => (
            "需要无障碍岗位（方便残疾人）",
            "I need an accessible workplace",
        ),
        Key::FindMatches => ("找适合我的工作", "Find jobs for me"),
        Key::ChangeDetails => ("修改我的条件", "Change my details"),
        Key::ForMeIntro => (
            "填好下面几项，帮您找合适的工作",
            "Fill in a few details and we will find jobs that suit you",
        ),
        Key::NoMatches => (
            "暂时没有合适的工作，可以放宽条件再试",
            "No suitable jobs yet; try wider conditions",
        ),
        Key::SearchWords => ("想做什么工作", "What work are you looking for?"),
        Key::SearchButton => ("搜索", "Search"),
        Key::MoreFilters => ("更多条件", "More filters"),
        Key::ScheduleLabel => ("工作方式", "Working pattern"),
        Key::AnySchedule => ("不限", "Any"),
        Key::AccessibleOnly => ("只看无障碍岗位", "Accessible workplaces only"),
        Key::NoResults => ("没有找到岗位，换个词试试", "No jobs found; try other words"),
        Key::TotalJobs => ("共 {count} 个岗位", "{count} jobs"),
        Key::PrevPage => ("上一页", "Previous"),
        Key::NextPage => ("下一页", "Next"),
        Key::PageOf => ("第 {page} 页 / 共 {pages} 页", "Page {page} of {pages}"),
        // Posting facts
        Key::WagePerMonth => ("{wage} 元/月", "¥{wage} a month"),
        Key::WageRange => ("{min}–{max} 元/月", "¥{min}–{max} a month"),
        Key::DistanceKm => ("离家 {km} 公里", "{km} km from home"),
        Key::ScheduleFullTime => ("全职", "Full-time"),
        Key::SchedulePartTime => ("兼职", "Part-time"),
        Key::ScheduleFlexible => ("灵活用工", "Flexible"),
        Key::ScheduleHomeBased => ("居家就业", "Home-based"),
        Key::PhysicalLabel => ("体力要求", "Physical demand"),
        Key::PhysicalLight => ("轻体力", "Light work"),
        Key::PhysicalMedium => ("中等体力", "Medium work"),
        Key::PhysicalHeavy => ("重体力", "Heavy work"),
        Key::Accommodation => ("包住宿", "Housing provided"),
        Key::NoAccommodation => ("不包住宿", "No housing"),
        Key::Accessible => ("无障碍", "Accessible"),
        Key::StatusPending => ("待审核", "Pending review"),
        Key::StatusOpen => ("招聘中", "Open"),
        Key::StatusFilled => ("已招满", "Filled"),
        Key::StatusClosed => ("已停止", "Closed"),
        Key::StatusRejected => ("未通过审核", "Rejected"),
        Key::EmployerLabel => ("用人单位", "Employer"),
        Key::PlaceLabel => ("地点", "Place"),
        Key::HiredOf => (
            "已招 {hired} 人 / 共招 {headcount} 人",
            "Hired {hired} of {headcount}",
        ),
        Key::ValidUntil => ("招到哪天", "Open until"),
        Key::DescriptionLabel => ("工作内容", "About the job"),
        Key::ReviewNote => ("审核意见", "Reviewer's note"),
        // Applying
        Key::ApplyButton => ("申请", "Apply"),
        Key::Applying => ("正在申请…", "Applying…"),
        Key::AppliedOk => (
            "申请成功！用人单位会打电话联系您",
            "Applied! The employer will phone you",
        ),
        Key::ApplyLogin => ("登录后申请", "Log in to apply"),
        Key::ErrNotRegistered => (
            "请先到村（社区）民政专干处登记",
            "Please register with your village (community) civil-affairs officer first",
        ),
        Key::ErrAlreadyApplied => (
            "您已经申请过这个岗位",
            "You have already applied for this job",
        ),
        Key::ErrNotOpen => ("这个岗位已停止招聘", "This job is no longer open"),
        Key::ErrConflict => (
            "现在不能这样操作，请刷新页面后再试",
            "This cannot be done now; reload the page and try again",
        ),
        Key::ErrNotFound => ("找不到这条信息", "Not found"),
        Key::SeeMyApplications => ("查看我的申请", "See my applications"),
        // Applications
        Key::NoApplications => ("还没有申请", "No applications yet"),
        Key::AppApplied => ("已申请", "Applied"),
        Key::AppInterviewing => ("约面试", "Interview"),
        Key::AppHired => ("已录用", "Hired"),
        Key::AppRejected => ("未录用", "Not hired"),
        Key::AppWithdrawn => ("已撤回", "Withdrawn"),
        Key::Referral => ("民政推荐", "Referred by staff"),
        // Inbox
        Key::InboxEmpty => ("还没有消息", "No messages yet"),
        // Posting form
        Key::JobTitle => ("岗位名称 *", "Job title *"),
        Key::JobDescription => ("工作内容、时间、待遇 *", "Work, hours and conditions *"),
        Key::WageMinLabel => ("最低月工资（元）*", "Lowest monthly wage (yuan) *"),
        Key::WageMaxLabel => ("最高月工资（元）*", "Highest monthly wage (yuan) *"),
        Key::Headcount => ("招聘人数", "People wanted"),
        Key::HeadcountLabel => ("招几个人 *", "How many people *"),
        Key::AccommodationLabel => ("提供住宿", "Housing provided"),
        Key::AccessibleLabel => ("适合残疾人（无障碍）", "Suits disabled people (accessible)"),
        Key::ValidUntilLabel => ("招聘截止日期 *", "Open until *"),
        Key::SubmitPosting => ("提交审核", "Submit for review"),
        Key::Submitting => ("正在提交…", "Submitting…"),
        Key::PostPending => (
            "已提交，待审核。审核通过后求职者就能看到。",
            "Submitted and pending review. Job seekers will see it once approved.",
        ),
        Key::PostAnother => ("再发布一个", "Post another"),
        Key::NoEmployer => (
            "您的账号没有关联用人单位，请联系民政部门",
            "Your account is not linked to an employer; please contact civil affairs",
        ),
        Key::ErrFillAll => (
            "请把带 * 的项目填完整",
            "Please fill in every item marked *",
        ),
        Key::ErrWages => (
            "最高工资不能低于最低工资",
            "The highest wage cannot be below the lowest",
        ),
        // Managing postings
        Key::NoPostings => ("还没有岗位", "No postings yet"),
        Key::ClosePosting => ("停止招聘", "Stop recruiting"),
        Key::ConfirmClose => ("确定停止招聘吗？", "Stop recruiting for this job?"),
        Key::SeeApplicants => ("申请人和推荐人选", "Applicants and candidates"),
        Key::NoApplicants => ("还没有人申请", "Nobody has applied yet"),
        Key::MoveInterview => ("约面试", "Interview"),
        Key::MoveReject => ("不录用", "Turn down"),
        Key::MoveHire => ("录用", "Hire"),
        Key::HireStart => ("上班日期", "Start date"),
        Key::HireWage => ("月工资（元）", "Monthly wage (yuan)"),
        Key::HireSubmit => ("确认录用", "Confirm hire"),
        Key::Cancel => ("取消", "Cancel"),
        Key::NoCandidates => ("暂时没有合适人选", "No suggested candidates yet"),
        Key::CandidatesIntro => (
            "这些人同意公开信息，适合这个岗位",
            "These people agreed to be shown and fit this job",
        ),
        // Review
        Key::ReviewEmpty => ("没有待审核的岗位", "Nothing to review"),
        Key::Approve => ("通过", "Approve"),
        Key::Reject => ("不通过", "Reject"),
        Key::RejectReason => ("不通过的原因 *", "Why it is rejected *"),
        Key::RejectConfirm => ("确认不通过", "Confirm rejection"),
        // Referral
        Key::PeopleSearch => ("姓名或手机号", "Name or phone"),
        Key::Find => ("查找", "Find"),
        Key::NobodyFound => ("没有找到这个人", "Nobody found"),
        Key::Choose => ("选择", "Choose"),
        Key::Chosen => ("已选择：", "Chosen: "),
        Key::ChoosePosting => ("推荐到哪个岗位", "Which job"),
        Key::PickPosting => ("请选择岗位", "Choose a job"),
        Key::NoOpenPostings => ("辖区内没有招聘中的岗位", "No open postings in your area"),
        Key::ReferSubmit => ("推荐", "Refer"),
        Key::ReferDone => (
            "已推荐，用人单位会看到",
            "Referred; the employer will see it",
        ),
        // Placements
        Key::PlacementsEmpty => ("还没有就业登记", "No placements yet"),
        Key::KindNearby => ("家门口就业", "Near home"),
        Key::KindTransfer => ("转移就业", "Transfer"),
        Key::StartedOn => ("上班日期", "Started"),
        Key::FollowUps => ("回访", "Follow-ups"),
        Key::AddFollowUp => ("记录回访", "Record a follow-up"),
        Key::MonthLabel => ("第几个月回访", "Months after start"),
        Key::MonthN => ("{month} 个月", "{month} months"),
        Key::StillEmployed => ("还在岗", "Still employed"),
        Key::LeftJob => ("已离岗", "Left the job"),
        Key::NoteLabel => ("备注", "Note"),
        Key::Save => ("保存", "Save"),
        Key::Saved => ("已保存", "Saved"),
    }
}

/// Returns the key naming a role.
pub fn role_key(role: Role) -> Key {
    match role {
        Role::Seeker => Key::RoleSeeker,
        Role::Employer => Key::RoleEmployer,
        Role::Staff => Key::RoleStaff,
        Role::Admin => Key::RoleAdmin,
    }
}

/// Returns the key naming a working pattern.
pub fn schedule_key(schedule: Schedule) -> Key {
    match schedule {
        Schedule::FullTime => Key::ScheduleFullTime,
        Schedule::PartTime => Key::SchedulePartTime,
        Schedule::Flexible => Key::ScheduleFlexible,
        Schedule::HomeBased => Key::ScheduleHomeBased,
    }
}

/// Returns the key naming a physical demand.
pub fn demand_key(demand: PhysicalDemand) -> Key {
    match demand {
        PhysicalDemand::Light => Key::PhysicalLight,
        PhysicalDemand::Medium => Key::PhysicalMedium,
        PhysicalDemand::Heavy => Key::PhysicalHeavy,
    }
}

/// Returns the key naming a posting status.
pub fn posting_status_key(status: PostingStatus) -> Key {
    match status {
        PostingStatus::Pending => Key::StatusPending,
        PostingStatus::Open => Key::StatusOpen,
        PostingStatus::Filled => Key::StatusFilled,
        PostingStatus::Closed => Key::StatusClosed,
        PostingStatus::Rejected => Key::StatusRejected,
    }
}

/// Returns the key naming an application status.
pub fn application_status_key(status: ApplicationStatus) -> Key {
    match status {
        ApplicationStatus::Applied => Key::AppApplied,
        ApplicationStatus::Interviewing => Key::AppInterviewing,
        ApplicationStatus::Hired => Key::AppHired,
        ApplicationStatus::Rejected => Key::AppRejected,
        ApplicationStatus::Withdrawn => Key::AppWithdrawn,
    }
}

/// Returns the key naming a placement kind.
pub fn placement_kind_key(kind: PlacementKind) -> Key {
    match kind {
        PlacementKind::Nearby => Key::KindNearby,
        PlacementKind::Transfer => Key::KindTransfer,
    }
}

/// The language context; `Copy`, so views capture it freely.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
}

impl I18n {
    /// Restores the remembered language (default Chinese) and provides the context.
    pub fn provide() -> Self {
        let lang = stored_lang().unwrap_or(Lang::Zh);
        set_html_lang(lang);
        let i18n = Self {
            lang: RwSignal::new(lang),
        };
        provide_context(i18n);
        i18n
    }

    /// Returns the current language, tracking it.
    pub fn lang(self) -> Lang {
        self.lang.get()
    }

    /// Returns a string in the current language, tracking the language.
    pub fn t(self, key: Key) -> &'static str {
        let (zh, en) = pair(key);
        match self.lang.get() {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// Returns a string with each `{name}` hole replaced by the value given for
    /// `name`, tracking the language. A hole without a value stays as written,
    /// so the mistake shows instead of leaving a silent gap.
    pub fn fill(self, key: Key, holes: &[(&str, String)]) -> String {
        let text = self.t(key);
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some((before, after)) = rest.split_once('{') {
            let Some((name, after_hole)) = after.split_once('}') else {
                break;
            };
            out.push_str(before);
            match holes.iter().find(|(hole, _)| *hole == name) {
                Some((_, value)) => out.push_str(value),
                None => out.push_str(&rest[before.len()..rest.len() - after_hole.len()]),
            }
            rest = after_hole;
        }
        out.push_str(rest);
        out
    }

    /// Picks the Chinese or the English of a text the server sent in both.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self.lang.get() {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// Switches between Chinese and English and remembers the choice.
    pub fn toggle(self) {
        let next = match self.lang.get_untracked() {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        };
        self.lang.set(next);
        set_html_lang(next);
        store_lang(next);
    }
}

// The helpers below return the same closure type wherever they are called, so
// the renderer for a translated text is compiled once, not once per string:
// with a hundred strings that is most of the difference in wasm size.

/// A key's text in the current language, as a reactive view or attribute value.
pub fn tr(key: Key) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || i18n.t(key)
}

/// A key's text with its `{name}` holes filled from `(name, value)` pairs, as a reactive view.
pub fn trf(
    key: Key,
    holes: Vec<(&'static str, String)>,
) -> impl Fn() -> String + Send + Sync + 'static {
    let i18n = use_i18n();
    move || i18n.fill(key, &holes)
}

/// The Chinese or English of a text the server sent in both, as a reactive view.
pub fn pick(zh: String, en: String) -> impl Fn() -> String + Send + Sync + 'static {
    let i18n = use_i18n();
    move || i18n.pick(&zh, &en).to_string()
}

/// Returns the language context provided by the app.
pub fn use_i18n() -> I18n {
    expect_context()
}

/// Storage may be unavailable (private mode, disabled); the language then simply isn't remembered.
pub(crate) fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn stored_lang() -> Option<Lang> {
    let tag = storage()?.get_item(STORAGE_KEY).ok().flatten()?;
    Lang::from_tag(&tag)
}

fn store_lang(lang: Lang) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(STORAGE_KEY, lang.tag());
    }
}

fn set_html_lang(lang: Lang) {
    if let Some(html) = document().document_element() {
        let _ = html.set_attribute("lang", lang.tag());
    }
}
