-- The shelf and the buyers of reserve.sh. psql variables: :products (random-product shelf size), :buyers.
-- One verified seller: a drop of 100 units that the script sells out before wrk starts, a hot product with
-- the most stock a product may have, and :products more with as much for the random-product scenario.
INSERT INTO users (email, password_hash, role, is_verified)
VALUES ('bench-reserve-seller@example.com', 'not-a-login', 'seller', true);

INSERT INTO products (seller_id, name, description, price, stock, status, submitted_at, published_at)
SELECT u.id, p.name, 'Benchmark product', 10.00, p.stock, 'ACTIVE', now(), now()
FROM users u
CROSS JOIN (VALUES ('bench drop: sold out', 100), ('bench drop: hot', 1000000)) AS p (name, stock)
WHERE u.email = 'bench-reserve-seller@example.com';

INSERT INTO products (seller_id, name, description, price, stock, status, submitted_at, published_at)
SELECT u.id, 'bench shelf #' || g, 'Benchmark product', round(1 + g / 100.0, 2), 1000000, 'ACTIVE', now(), now()
FROM users u
CROSS JOIN generate_series(1, :products) AS g
WHERE u.email = 'bench-reserve-seller@example.com';

-- bench-buyer-1 signed up through the API; the others share its argon2id hash, so building them costs
-- nothing and only their logins pay for hashing.
INSERT INTO users (email, password_hash, role)
SELECT format('bench-buyer-%s@example.com', n),
       (SELECT password_hash FROM users WHERE email = 'bench-buyer-1@example.com'), 'buyer'
FROM generate_series(2, :buyers) AS n;
VACUUM ANALYZE users;
VACUUM ANALYZE products;
