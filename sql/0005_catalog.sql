-- The catalog: products, their moderation state, and full-text search over name and description.

CREATE TABLE products (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    seller_id         uuid NOT NULL REFERENCES users (id),
    name              text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description       text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
    price             numeric(12,2) NOT NULL CHECK (price BETWEEN 0.10 AND 1000000.00),
    stock             integer NOT NULL CHECK (stock BETWEEN 0 AND 1000000),
    status            text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'PENDING_MODERATION',
                          'MODERATION_IN_PROGRESS', 'ACTIVE', 'REJECTED', 'ARCHIVED')),
    rejection_reason  text CHECK (length(rejection_reason) <= 2000),
    claimed_by        uuid REFERENCES users (id),
    claim_expires_at  timestamptz,
    submitted_at      timestamptz,
    -- First approval; kept on later approvals so "new" lists keep a stable order.
    published_at      timestamptz,
    version           integer NOT NULL DEFAULT 1, -- moves on every change: the ETag
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    -- The russian configuration stems Cyrillic words as Russian and Latin ones as English.
    search            tsvector GENERATED ALWAYS AS (
                          setweight(to_tsvector('russian', name), 'A') ||
                          setweight(to_tsvector('russian', description), 'B')) STORED,
    CHECK (status <> 'ACTIVE' OR published_at IS NOT NULL),
    CHECK (status <> 'MODERATION_IN_PROGRESS' OR (claimed_by IS NOT NULL AND claim_expires_at IS NOT NULL)),
    CHECK (status NOT IN ('PENDING_MODERATION', 'MODERATION_IN_PROGRESS') OR submitted_at IS NOT NULL)
);

-- The seller's own list and the product limit count.
CREATE INDEX products_seller_idx ON products (seller_id, created_at DESC, id DESC);
CREATE INDEX products_claimed_by_idx ON products (claimed_by) WHERE claimed_by IS NOT NULL;
-- The public catalog: only ACTIVE rows, in each stable order it offers.
CREATE INDEX products_public_new_idx ON products (published_at DESC, id DESC) WHERE status = 'ACTIVE';
CREATE INDEX products_public_price_idx ON products (price, id) WHERE status = 'ACTIVE';
CREATE INDEX products_public_seller_idx ON products (seller_id, published_at DESC, id DESC) WHERE status = 'ACTIVE';
CREATE INDEX products_search_idx ON products USING gin (search) WHERE status = 'ACTIVE';
-- The moderation queue, oldest first.
CREATE INDEX products_queue_idx ON products (submitted_at, id)
    WHERE status IN ('PENDING_MODERATION', 'MODERATION_IN_PROGRESS');
