-- Orders: one or more of a buyer's holds, priced when ordered, paid, shipped, completed; and the
-- idempotency records of order-creating requests, committed with the order itself.

CREATE TABLE orders (
    id                uuid PRIMARY KEY,
    buyer_id          uuid NOT NULL REFERENCES users (id),
    -- PENDING until paid or until its first hold lapses (EXPIRED); CANCELLED by the buyer or an admin;
    -- REFUND_PENDING when an admin cancels a paid order.
    status            text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'PAID', 'SHIPPED',
                          'COMPLETED', 'CANCELLED', 'REFUND_PENDING', 'EXPIRED')),
    total_amount      numeric(14,2) NOT NULL CHECK (total_amount >= 0),
    shipping_address  text NOT NULL CHECK (length(shipping_address) BETWEEN 1 AND 500),
    expires_at        timestamptz NOT NULL, -- the earliest deadline of its holds
    created_at        timestamptz NOT NULL DEFAULT now(),
    paid_at           timestamptz,
    shipped_at        timestamptz,
    completed_at      timestamptz,
    closed_at         timestamptz, -- cancelled, refunded or expired
    version           integer NOT NULL DEFAULT 1
);

-- One line per hold, with the product's name and price as they were when ordered.
CREATE TABLE order_items (
    order_id        uuid NOT NULL REFERENCES orders (id),
    reservation_id  uuid NOT NULL UNIQUE REFERENCES reservations (id),
    product_id      uuid NOT NULL REFERENCES products (id),
    seller_id       uuid NOT NULL REFERENCES users (id),
    product_name    text NOT NULL,
    unit_price      numeric(12,2) NOT NULL,
    quantity        integer NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, reservation_id)
);

ALTER TABLE reservations ADD COLUMN order_id uuid REFERENCES orders (id);

CREATE INDEX orders_buyer_idx ON orders (buyer_id, created_at DESC, id DESC);
CREATE INDEX orders_created_idx ON orders (created_at DESC, id DESC);
CREATE INDEX orders_status_idx ON orders (status, created_at DESC, id DESC);
CREATE INDEX orders_expiry_idx ON orders (expires_at) WHERE status = 'PENDING';
CREATE INDEX order_items_seller_idx ON order_items (seller_id, order_id);
CREATE INDEX order_items_product_idx ON order_items (product_id);
CREATE INDEX reservations_order_idx ON reservations (order_id) WHERE order_id IS NOT NULL;

-- What an order-creating request answered, so a retry with the same Idempotency-Key gets the same order
-- even when Redis, which keeps the other idempotency records, lost this one.
CREATE TABLE idempotency_records (
    scope         text PRIMARY KEY, -- SHA-256 of caller, method, path and key
    fingerprint   text NOT NULL,    -- SHA-256 of the request body
    status        integer NOT NULL,
    content_type  text NOT NULL,
    headers       text NOT NULL,
    body          bytea NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL
);
CREATE INDEX idempotency_records_expiry_idx ON idempotency_records (expires_at);
