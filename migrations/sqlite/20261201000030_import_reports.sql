-- Import reports (issue 13 part 4): what a staff member's roster or postings
-- upload found, kept a week so the error sheet (the bad rows as the file had
-- them, with their problems) can be downloaded. The sheet holds personal data
-- of the bad rows only; reports older than a week are deleted when a new one
-- is stored. Only the uploader (or an admin) may read one.
CREATE TABLE import_reports (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('people', 'postings')),
    -- The header and the bad rows' cells (JSON), for the error sheet.
    sheet       TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX import_reports_created ON import_reports(created_at);
