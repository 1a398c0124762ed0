-- Indexes for the admin user list: it pages by (created_at DESC, id DESC) under optional filters.

-- A role filter walks its own slice in page order instead of sorting every account of that role.
-- It also serves every lookup the plain role index did, which it replaces.
CREATE INDEX users_role_created_idx ON users (role, created_at DESC, id DESC);
DROP INDEX users_role_idx;

-- Deactivated accounts are few: looking for them must not scan all the active ones.
CREATE INDEX users_inactive_created_idx ON users (created_at DESC, id DESC) WHERE NOT is_active;
