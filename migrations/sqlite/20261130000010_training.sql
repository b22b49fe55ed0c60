-- The training platform (issue 11): courses, their sessions, enrolments with
-- a waitlist, attendance, completion, certificates, and the certified skills
-- they add to a person's profile. Dates are `YYYY-MM-DD` text; flags are 0/1.

-- A course: what is taught, by whom, for whom. `region_code` is the
-- jurisdiction that owns it (staff manage courses inside their region).
CREATE TABLE courses (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    title         TEXT NOT NULL,
    provider      TEXT NOT NULL,
    provider_kind TEXT NOT NULL CHECK (provider_kind IN ('school', 'college', 'employer')),
    description   TEXT NOT NULL,
    region_code   TEXT NOT NULL REFERENCES regions(code),
    hours         INTEGER NOT NULL CHECK (hours >= 1),
    subsidy_yuan  INTEGER NOT NULL CHECK (subsidy_yuan >= 0),
    status        TEXT NOT NULL CHECK (status IN ('draft', 'published', 'archived')),
    created_by    INTEGER NOT NULL REFERENCES users(id),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX courses_region ON courses(region_code);
CREATE INDEX courses_status ON courses(status);

-- The skills a course certifies.
CREATE TABLE course_skills (
    course_id  INTEGER NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
    skill_code TEXT NOT NULL REFERENCES skills(code),
    PRIMARY KEY (course_id, skill_code)
);
CREATE INDEX course_skills_skill ON course_skills(skill_code);

-- Who may enrol: a person with any one of these verified categories; no row means anyone.
CREATE TABLE course_categories (
    course_id INTEGER NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
    category  TEXT NOT NULL,
    PRIMARY KEY (course_id, category)
);

-- A session: one run of a course at a place and time. `enrolled` counts
-- places held (enrolled or completed); a place is taken with a conditional
-- UPDATE … WHERE enrolled < capacity, so capacity is never exceeded.
-- `days` is a comma list of weekdays (mon … sun); `period` the part of the day.
CREATE TABLE course_sessions (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    course_id      INTEGER NOT NULL REFERENCES courses(id),
    start_date     TEXT NOT NULL,
    end_date       TEXT NOT NULL,
    enrol_deadline TEXT NOT NULL,
    region_code    TEXT NOT NULL REFERENCES regions(code),
    address        TEXT NOT NULL,
    lat            REAL NOT NULL,
    lon            REAL NOT NULL,
    -- 1 when lat/lon are the region's point, not the site's own (as postings).
    site_approximate INTEGER NOT NULL CHECK (site_approximate IN (0, 1)),
    capacity       INTEGER NOT NULL CHECK (capacity >= 1),
    enrolled       INTEGER NOT NULL DEFAULT 0 CHECK (enrolled >= 0 AND enrolled <= capacity),
    days           TEXT NOT NULL,
    period         TEXT NOT NULL CHECK (period IN ('daytime', 'evening')),
    status         TEXT NOT NULL CHECK (status IN ('open', 'full', 'running', 'finished', 'cancelled')),
    cancel_reason  TEXT,
    created_by     INTEGER NOT NULL REFERENCES users(id),
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    CHECK (end_date >= start_date)
);
CREATE INDEX course_sessions_course ON course_sessions(course_id);
CREATE INDEX course_sessions_region ON course_sessions(region_code);
CREATE INDEX course_sessions_start ON course_sessions(start_date);

-- A person's place (or waitlist entry) in a session. The waitlist is served
-- in id order. One live row per person and session.
CREATE TABLE enrolments (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id  INTEGER NOT NULL REFERENCES course_sessions(id),
    person_id   INTEGER NOT NULL REFERENCES people(id),
    status      TEXT NOT NULL CHECK (status IN ('enrolled', 'waitlisted', 'cancelled', 'completed', 'not_completed')),
    -- Why a person did not complete, or why the place was cancelled.
    note        TEXT,
    created_by  INTEGER NOT NULL REFERENCES users(id),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX enrolments_session ON enrolments(session_id, status);
CREATE INDEX enrolments_person ON enrolments(person_id);
CREATE UNIQUE INDEX enrolments_one_live ON enrolments(session_id, person_id)
    WHERE status IN ('enrolled', 'waitlisted', 'completed', 'not_completed');

-- Attendance per enrolment and day.
CREATE TABLE attendance (
    enrolment_id INTEGER NOT NULL REFERENCES enrolments(id) ON DELETE CASCADE,
    day          TEXT NOT NULL,
    present      INTEGER NOT NULL CHECK (present IN (0, 1)),
    recorded_by  INTEGER NOT NULL REFERENCES users(id),
    recorded_at  INTEGER NOT NULL,
    PRIMARY KEY (enrolment_id, day)
);

-- A certificate, issued on completion. `number` is unique per issuing region
-- (the course's region); anyone can verify it with number + verify_code.
CREATE TABLE certificates (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    number         TEXT NOT NULL,
    issuing_region TEXT NOT NULL REFERENCES regions(code),
    enrolment_id   INTEGER NOT NULL UNIQUE REFERENCES enrolments(id),
    person_id      INTEGER NOT NULL REFERENCES people(id),
    course_id      INTEGER NOT NULL REFERENCES courses(id),
    session_id     INTEGER NOT NULL REFERENCES course_sessions(id),
    issued_on      TEXT NOT NULL,
    verify_code    TEXT NOT NULL,
    created_by     INTEGER NOT NULL REFERENCES users(id),
    created_at     INTEGER NOT NULL,
    UNIQUE (issuing_region, number)
);
CREATE INDEX certificates_person ON certificates(person_id);

-- The skills a certificate certifies (the course's, as at completion).
CREATE TABLE certificate_skills (
    certificate_id INTEGER NOT NULL REFERENCES certificates(id) ON DELETE CASCADE,
    skill_code     TEXT NOT NULL REFERENCES skills(code),
    PRIMARY KEY (certificate_id, skill_code)
);

-- A skill in a person's profile is certified when it names the certificate.
ALTER TABLE person_skills ADD COLUMN certificate_id INTEGER REFERENCES certificates(id);

-- Notices about training in a person's inbox: a waitlist place became a
-- place, a session was cancelled, a certificate was issued.
CREATE TABLE training_notices (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id      INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN ('waitlist_promoted', 'session_cancelled', 'certificate_issued')),
    session_id     INTEGER NOT NULL REFERENCES course_sessions(id),
    certificate_id INTEGER REFERENCES certificates(id),
    created_at     INTEGER NOT NULL
);
CREATE INDEX training_notices_person ON training_notices(person_id, id);
