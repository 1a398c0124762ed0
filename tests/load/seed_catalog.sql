-- 10,000 ACTIVE products from 100 sellers, with names and descriptions drawn from small Russian and English
-- vocabularies so searches match a realistic share of rows. Deterministic: the same catalog every run.
INSERT INTO users (email, password_hash, role, is_verified)
SELECT format('bench-seller-%s@example.com', n), 'not-a-login', 'seller', true
FROM generate_series(1, 100) AS n;

WITH sellers AS (
    SELECT id, row_number() OVER (ORDER BY email) AS n FROM users WHERE email LIKE 'bench-seller-%'
), words AS (
    SELECT ARRAY['lamp', 'chair', 'running shoes', 'kettle', 'backpack', 'лампа', 'стул', 'кроссовки',
                 'чайник', 'рюкзак'] AS nouns,
           ARRAY['small', 'large', 'vintage', 'wooden', 'лёгкий', 'удобный', 'красный', 'новый'] AS adjectives
)
INSERT INTO products (seller_id, name, description, price, stock, status, submitted_at, published_at, created_at)
SELECT s.id,
       w.adjectives[1 + (g % 8)] || ' ' || w.nouns[1 + (g % 10)] || ' #' || g,
       'A ' || w.adjectives[1 + ((g / 8) % 8)] || ' ' || w.nouns[1 + ((g / 10) % 10)] ||
           ' for everyday use. Подходит для дома и поездок.',
       round((1 + (g * 7919) % 99999) / 100.0 + 0.10, 2),
       (g * 31) % 500,
       'ACTIVE',
       now() - make_interval(secs => 20000 - g),
       now() - make_interval(secs => 20000 - g),
       now() - make_interval(secs => 20000 - g)
FROM generate_series(1, 10000) AS g
JOIN sellers s ON s.n = 1 + (g % 100)
CROSS JOIN words w;
VACUUM ANALYZE products;
