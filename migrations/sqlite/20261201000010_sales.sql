-- The product-sales platform (issue 12, 消费帮扶): producers and the households
-- they benefit, products with images, orders split per producer with stock
-- reserved atomically, and the income each delivered part brings to the
-- households. Money is integer fen; never a float.

-- A producer: a household or a cooperative, community factory or enterprise.
-- Staff verify it before its products are listed. `remainder_person_id`
-- receives the rounding remainder of an income split (a beneficiary).
CREATE TABLE producers (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    name                TEXT NOT NULL,
    kind                TEXT NOT NULL CHECK (kind IN ('household', 'cooperative', 'community_factory', 'enterprise')),
    region_code         TEXT NOT NULL REFERENCES regions(code),
    contact_phone       TEXT NOT NULL,
    description         TEXT NOT NULL,
    status              TEXT NOT NULL CHECK (status IN ('pending', 'verified', 'suspended')),
    remainder_person_id INTEGER NOT NULL REFERENCES people(id),
    verified_by         INTEGER REFERENCES users(id),
    verified_at         INTEGER,
    created_by          INTEGER NOT NULL REFERENCES users(id),
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL
);
CREATE INDEX producers_region ON producers(region_code);

-- The registered people (households) a producer benefits, with their share
-- of its income in whole parts (a household producer: one row, share 1).
CREATE TABLE producer_beneficiaries (
    producer_id INTEGER NOT NULL REFERENCES producers(id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES people(id),
    share       INTEGER NOT NULL CHECK (share >= 1),
    PRIMARY KEY (producer_id, person_id)
);
CREATE INDEX producer_beneficiaries_person ON producer_beneficiaries(person_id);

-- A user account that acts for a producer (a household member, a co-op's clerk).
CREATE TABLE producer_accounts (
    user_id     INTEGER NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
    producer_id INTEGER NOT NULL REFERENCES producers(id) ON DELETE CASCADE,
    linked_by   INTEGER NOT NULL REFERENCES users(id),
    linked_at   INTEGER NOT NULL
);
CREATE INDEX producer_accounts_producer ON producer_accounts(producer_id);

-- A product. Stock is taken with a conditional UPDATE … WHERE stock >= n,
-- so it never goes negative; a listed product at 0 becomes sold_out.
CREATE TABLE products (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    producer_id   INTEGER NOT NULL REFERENCES producers(id),
    title         TEXT NOT NULL,
    category      TEXT NOT NULL,
    description   TEXT NOT NULL,
    price_fen     INTEGER NOT NULL CHECK (price_fen >= 1),
    unit          TEXT NOT NULL,
    weight_grams  INTEGER NOT NULL CHECK (weight_grams >= 0),
    stock         INTEGER NOT NULL CHECK (stock >= 0),
    origin_region TEXT NOT NULL REFERENCES regions(code),
    status        TEXT NOT NULL CHECK (status IN ('draft', 'listed', 'sold_out', 'delisted')),
    created_by    INTEGER NOT NULL REFERENCES users(id),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX products_producer ON products(producer_id);
CREATE INDEX products_status ON products(status);

-- A stored image: the blob's content hash (sha-256 hex of the re-encoded
-- display image) names its files in the object store.
CREATE TABLE images (
    hash         TEXT NOT NULL PRIMARY KEY,
    width        INTEGER NOT NULL,
    height       INTEGER NOT NULL,
    bytes        INTEGER NOT NULL,
    uploaded_by  INTEGER NOT NULL REFERENCES users(id),
    uploaded_at  INTEGER NOT NULL
);

-- Up to four images per product, in order (position 0 is the cover).
CREATE TABLE product_images (
    product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL CHECK (position BETWEEN 0 AND 3),
    image_hash TEXT NOT NULL REFERENCES images(hash),
    PRIMARY KEY (product_id, position)
);

-- An order: what a buyer (a user, or a guest with a phone number) pays as
-- one; `view_code` lets a guest follow it. Split into parts per producer.
CREATE TABLE orders (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    buyer_user_id INTEGER REFERENCES users(id),
    buyer_name    TEXT NOT NULL,
    buyer_phone   TEXT NOT NULL,
    address       TEXT NOT NULL,
    note          TEXT NOT NULL,
    total_fen     INTEGER NOT NULL CHECK (total_fen >= 0),
    payment       TEXT NOT NULL CHECK (payment IN ('offline')),
    view_code     TEXT NOT NULL,
    created_at    INTEGER NOT NULL
);
CREATE INDEX orders_buyer ON orders(buyer_user_id);

-- One producer's part of an order: fulfilled, paid and moved on its own.
CREATE TABLE order_parts (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id        INTEGER NOT NULL REFERENCES orders(id),
    producer_id     INTEGER NOT NULL REFERENCES producers(id),
    producer_region TEXT NOT NULL REFERENCES regions(code),
    total_fen       INTEGER NOT NULL CHECK (total_fen >= 0),
    status          TEXT NOT NULL CHECK (status IN ('placed', 'paid', 'shipped', 'delivered', 'cancelled')),
    carrier         TEXT,
    tracking_number TEXT,
    cancel_reason   TEXT,
    paid_at         INTEGER,
    shipped_at      INTEGER,
    delivered_at    INTEGER,
    cancelled_at    INTEGER,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX order_parts_order ON order_parts(order_id);
CREATE INDEX order_parts_producer ON order_parts(producer_id, status);
CREATE INDEX order_parts_region ON order_parts(producer_region);

-- The lines of a part, with the title and price as ordered.
CREATE TABLE order_items (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    part_id    INTEGER NOT NULL REFERENCES order_parts(id),
    product_id INTEGER NOT NULL REFERENCES products(id),
    title      TEXT NOT NULL,
    price_fen  INTEGER NOT NULL CHECK (price_fen >= 1),
    quantity   INTEGER NOT NULL CHECK (quantity >= 1),
    line_fen   INTEGER NOT NULL CHECK (line_fen >= 1)
);
CREATE INDEX order_items_part ON order_items(part_id);

-- A client's retry key for placing an order: the same key and body return
-- the same order; `scope` is the buyer (user:ID or guest:PHONE).
CREATE TABLE order_requests (
    scope     TEXT NOT NULL,
    key       TEXT NOT NULL,
    body_hash TEXT NOT NULL,
    order_id  INTEGER REFERENCES orders(id),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (scope, key)
);

-- Income a delivered part brought to a household, split by the producer's
-- rule; the parts of one order part add up to its total exactly.
-- `person_region` is the household's home when attributed; `month` YYYY-MM
-- of delivery.
CREATE TABLE sales_income (
    part_id       INTEGER NOT NULL REFERENCES order_parts(id),
    person_id     INTEGER NOT NULL REFERENCES people(id),
    person_region TEXT NOT NULL REFERENCES regions(code),
    producer_id   INTEGER NOT NULL REFERENCES producers(id),
    amount_fen    INTEGER NOT NULL CHECK (amount_fen >= 0),
    month         TEXT NOT NULL,
    PRIMARY KEY (part_id, person_id)
);
CREATE INDEX sales_income_region ON sales_income(person_region, month);
CREATE INDEX sales_income_person ON sales_income(person_id);
