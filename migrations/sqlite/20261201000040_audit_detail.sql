-- What an audited action covered when no single record says it: an export's
-- filter (its query string), row count and whether ID numbers were in full.
-- Entries written before this column have none.
ALTER TABLE audit_log ADD COLUMN detail TEXT;
