-- Assistance categories a city or county favours in matching, with a weight
-- from 1 (a slight preference) to 100 (the strongest). The nearest setting
-- applies to a person: their county's when it has any, else their city's.
-- A category absent from the table is not favoured.
CREATE TABLE region_priorities (
    region_code TEXT NOT NULL REFERENCES regions(code),
    category    TEXT NOT NULL,
    weight      BIGINT NOT NULL CHECK (weight BETWEEN 1 AND 100),
    updated_by  BIGINT REFERENCES users(id) ON DELETE SET NULL,
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (region_code, category)
);
