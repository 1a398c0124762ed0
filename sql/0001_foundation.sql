-- Accounts and server-wide settings: what the foundation needs to start, bootstrap an admin and sign tokens.

CREATE TABLE users (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email               text NOT NULL CHECK (length(email) BETWEEN 3 AND 320),
    password_hash       text NOT NULL,
    role                text NOT NULL CHECK (role IN ('admin', 'moderator', 'seller', 'buyer', 'user_b2b', 'seller_b2b')),
    is_active           boolean NOT NULL DEFAULT true,
    is_verified         boolean NOT NULL DEFAULT false,
    tokens_valid_after  timestamptz NOT NULL DEFAULT now(),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));
CREATE INDEX users_role_idx ON users (role);
CREATE INDEX users_created_idx ON users (created_at DESC, id DESC);

-- Secrets generated once and shared by every node (e.g. the JWT signing key).
CREATE TABLE server_settings (
    key         text PRIMARY KEY,
    value       text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
