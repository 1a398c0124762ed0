-- Identity and access: refresh-token sessions, API keys, role upgrade requests and the audit log.

-- One family per login; every refresh rotates the token inside its family. Reusing a rotated token
-- revokes the whole family.
CREATE TABLE session_families (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at      timestamptz NOT NULL DEFAULT now(),
    revoked_at      timestamptz,
    revoked_reason  text CHECK (revoked_reason IN ('logout', 'logout_all', 'reuse', 'password_change', 'deactivated', 'role_change'))
);
CREATE INDEX session_families_user_idx ON session_families (user_id) WHERE revoked_at IS NULL;

CREATE TABLE refresh_tokens (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    family_id   uuid NOT NULL REFERENCES session_families (id) ON DELETE CASCADE,
    token_hash  bytea NOT NULL UNIQUE,       -- SHA-256 of the opaque token; the token itself is never stored
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    rotated_at  timestamptz                  -- set when exchanged for a newer token
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);

CREATE TABLE api_keys (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    secret_hash   bytea NOT NULL,            -- SHA-256 of the 256-bit random secret
    scopes        text[] NOT NULL CHECK (scopes <@ ARRAY['catalog:read', 'orders:read', 'orders:write']::text[]),
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz,
    revoked_at    timestamptz,
    last_used_at  timestamptz
);
CREATE INDEX api_keys_user_idx ON api_keys (user_id, created_at DESC);

CREATE TABLE upgrade_requests (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    requested_role  text NOT NULL CHECK (requested_role IN ('seller', 'seller_b2b', 'user_b2b')),
    message         text NOT NULL DEFAULT '' CHECK (length(message) <= 2000),
    status          text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
    decided_by      uuid REFERENCES users (id),
    decision_reason text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    decided_at      timestamptz
);
CREATE INDEX upgrade_requests_user_idx ON upgrade_requests (user_id, created_at DESC);
CREATE INDEX upgrade_requests_status_idx ON upgrade_requests (status, created_at);
-- One open request per user at a time.
CREATE UNIQUE INDEX upgrade_requests_one_pending ON upgrade_requests (user_id) WHERE status = 'PENDING';

-- Who changed what, when: written in the same transaction as the change. Append-only by policy; the trigger
-- makes it so for everyone but a superuser who disables it on purpose.
CREATE TABLE audit_log (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at           timestamptz NOT NULL DEFAULT now(),
    actor_id     uuid,
    actor_role   text,
    action       text NOT NULL,
    target_type  text NOT NULL,
    target_id    text,
    before       jsonb,
    after        jsonb,
    ip           inet,
    request_id   text
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_target_idx ON audit_log (target_type, target_id, at DESC);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, at DESC);
CREATE INDEX audit_log_action_idx ON audit_log (action, at DESC);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
