-- Holds on products: the reservations ledger. Redis decides holds; every hold it grants is recorded here,
-- and Redis' view of a product is rebuilt from this table whenever it may be stale.

-- Moves whenever a product's sellable units may have changed outside the hot path (stock edits, status
-- changes) and whenever Redis' view of the product is rebuilt. A hold decided by Redis is recorded only
-- under the generation it was decided in, so no decision made on a stale view can ever commit.
ALTER TABLE products ADD COLUMN hold_generation bigint NOT NULL DEFAULT 0;

CREATE TABLE reservations (
    id          uuid PRIMARY KEY,
    product_id  uuid NOT NULL REFERENCES products (id),
    user_id     uuid NOT NULL REFERENCES users (id),
    quantity    integer NOT NULL CHECK (quantity BETWEEN 1 AND 1000000),
    -- PENDING holds units; RELEASED and EXPIRED returned them; SOLD turned them into a sale.
    status      text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'RELEASED', 'EXPIRED', 'SOLD')),
    expires_at  timestamptz NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    closed_at   timestamptz,
    CHECK ((status = 'PENDING') = (closed_at IS NULL))
);

-- The owner's list, newest first.
CREATE INDEX reservations_user_idx ON reservations (user_id, created_at DESC, id DESC);
-- Rebuilding a product's holds.
CREATE INDEX reservations_product_pending_idx ON reservations (product_id) WHERE status = 'PENDING';
-- The expiry sweeper, oldest deadline first.
CREATE INDEX reservations_expiry_idx ON reservations (expires_at) WHERE status = 'PENDING';
-- Admin filters and the product's foreign key.
CREATE INDEX reservations_product_idx ON reservations (product_id, created_at DESC, id DESC);
