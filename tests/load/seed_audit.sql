-- 100,000 audit entries over the last ~28 hours, shaped like a busy shop's: one administrator wrote 40% of
-- them, 99 other accounts the rest; eight actions; targets spread over 5,000 products, 2,000 users and
-- 20,000 orders. Inserted in id order with `at` rising, as the server writes them.
INSERT INTO audit_log (at, actor_id, actor_role, action, target_type, target_id, before, after, ip, request_id)
SELECT now() - make_interval(secs => (100000 - g)),
       CASE WHEN g % 5 < 2 THEN '00000000-0000-4000-8000-000000000001'::uuid
            ELSE ('00000000-0000-4000-8000-' || lpad(to_hex(2 + g % 99), 12, '0'))::uuid END,
       CASE WHEN g % 5 < 2 THEN 'admin' ELSE 'seller' END,
       (ARRAY['product.create', 'product.update', 'product.submit', 'product.approve', 'order.create',
              'order.pay', 'user.role_change', 'user.status_change'])[1 + g % 8],
       (ARRAY['product', 'product', 'product', 'product', 'order', 'order', 'user', 'user'])[1 + g % 8],
       CASE WHEN g % 8 < 4 THEN 'p-' || (g % 5000) WHEN g % 8 < 6 THEN 'o-' || (g % 20000) ELSE 'u-' || (g % 2000) END,
       jsonb_build_object('status', 'DRAFT', 'price', '24.50', 'stock', g % 100),
       jsonb_build_object('status', 'PENDING_MODERATION', 'price', '25.00', 'stock', g % 100),
       '127.0.0.1', md5(g::text)
FROM generate_series(1, 100000) AS g;
ANALYZE audit_log;
