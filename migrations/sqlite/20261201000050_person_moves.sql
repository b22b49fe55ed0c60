-- A person's moves between home regions (issue 13): the bureau's figures
-- count a push, an application or a placement where the person lived when
-- it happened, so a move does not carry past results to the new town. The
-- home at a moment is the `from_region` of the first move after it, or the
-- current home when none followed.
CREATE TABLE person_moves (
    person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    from_region TEXT NOT NULL REFERENCES regions(code),
    to_region   TEXT NOT NULL REFERENCES regions(code),
    moved_at    INTEGER NOT NULL,
    moved_by    INTEGER REFERENCES users(id)
);
CREATE INDEX person_moves_person ON person_moves(person_id, moved_at);
