-- Foundation: reference data, users and sessions, employers, people, audit log.
-- Flags are 0/1 integers: sqlx's Any driver cannot decode SQLite booleans.
CREATE TABLE regions (
    code        TEXT PRIMARY KEY,
    parent_code TEXT REFERENCES regions(code),
    level       TEXT NOT NULL CHECK (level IN ('province', 'city', 'county', 'town', 'village')),
    name        TEXT NOT NULL,
    lat         REAL NOT NULL,
    lon         REAL NOT NULL,
    approximate INTEGER NOT NULL CHECK (approximate IN (0, 1))
);
CREATE INDEX regions_parent ON regions(parent_code);

CREATE TABLE skills (
    code            TEXT PRIMARY KEY,
    trade           TEXT NOT NULL,
    name_zh         TEXT NOT NULL,
    name_en         TEXT NOT NULL,
    synonyms_zh     TEXT NOT NULL,
    synonyms_en     TEXT NOT NULL,
    occupation_code TEXT
);

CREATE TABLE employers (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('company', 'community_factory', 'cooperative', 'public_welfare_post')),
    region_code   TEXT NOT NULL REFERENCES regions(code),
    contact_name  TEXT NOT NULL,
    contact_phone TEXT NOT NULL,
    created_at    INTEGER NOT NULL
);
CREATE INDEX employers_region ON employers(region_code);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    username      TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('seeker', 'employer', 'staff', 'admin')),
    display_name  TEXT NOT NULL,
    region_code   TEXT REFERENCES regions(code),
    employer_id   INTEGER REFERENCES employers(id),
    created_at    INTEGER NOT NULL,
    CHECK (role <> 'staff' OR region_code IS NOT NULL),
    CHECK (role <> 'employer' OR employer_id IS NOT NULL)
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE people (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    name                TEXT NOT NULL,
    id_cipher           BLOB NOT NULL,
    id_blind            TEXT NOT NULL UNIQUE,
    id_masked           TEXT NOT NULL,
    phone               TEXT NOT NULL,
    gender              TEXT NOT NULL CHECK (gender IN ('female', 'male')),
    birth_year          INTEGER NOT NULL,
    home_region         TEXT NOT NULL REFERENCES regions(code),
    disability_grade    INTEGER CHECK (disability_grade BETWEEN 1 AND 4),
    max_commute_km      INTEGER NOT NULL,
    willing_to_relocate INTEGER NOT NULL CHECK (willing_to_relocate IN (0, 1)),
    schedules           TEXT NOT NULL,
    min_wage            INTEGER,
    needs_accessible    INTEGER NOT NULL CHECK (needs_accessible IN (0, 1)),
    consent_to_share    INTEGER NOT NULL CHECK (consent_to_share IN (0, 1)),
    created_by          INTEGER REFERENCES users(id),
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL
);
CREATE INDEX people_home_region ON people(home_region);

CREATE TABLE person_categories (
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    category  TEXT NOT NULL,
    PRIMARY KEY (person_id, category)
);
CREATE INDEX person_categories_category ON person_categories(category);

CREATE TABLE person_skills (
    person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    skill_code TEXT NOT NULL REFERENCES skills(code),
    PRIMARY KEY (person_id, skill_code)
);
CREATE INDEX person_skills_skill ON person_skills(skill_code);

CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    actor_user_id INTEGER NOT NULL REFERENCES users(id),
    action        TEXT NOT NULL,
    entity        TEXT NOT NULL,
    entity_id     INTEGER NOT NULL,
    at            INTEGER NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);

-- Append-only: the database itself refuses to rewrite history.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
