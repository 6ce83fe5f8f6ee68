-- PageRank on the simple "met" graph by networkx's rules, as whomet computes it: damping
-- 0.85, an actor without counterparts spreads its rank over everyone, and the power
-- iteration stops once a round changes the ranks by less than n × 10⁻⁶ in total (at most
-- 100 rounds). Each round of the recursive CTE is one iteration over every actor; the
-- rank change of the round is carried on every row so that the next round can stop.
WITH RECURSIVE
n AS (SELECT count(*)::DOUBLE AS n FROM actors),
degree AS (
    SELECT a.id AS actor, count(e.dst)::DOUBLE AS degree
    FROM actors a LEFT JOIN edges e ON e.src = a.id
    GROUP BY a.id
),
pr(round, actor, rank, change) USING KEY (actor) AS (
    SELECT 0, actor, 1.0 / (SELECT n FROM n), 'infinity'::DOUBLE FROM degree
    UNION
    SELECT round, actor, rank, sum(abs(rank - old)) OVER ()
    FROM (
        SELECT any_value(p.round) + 1 AS round,
               p.actor,
               0.15 / any_value(n.n)
               + 0.85 * (coalesce(sum(q.rank / q.degree), 0) + any_value(p.dangling) / any_value(n.n))
                   AS rank,
               any_value(p.rank) AS old
        FROM (
            SELECT r.round, r.actor, r.rank, r.change,
                   coalesce(sum(r.rank) FILTER (WHERE g.degree = 0) OVER (), 0) AS dangling
            FROM pr r JOIN degree g USING (actor)
        ) p
        CROSS JOIN n
        LEFT JOIN (
            SELECT e.dst, r.rank, g.degree
            FROM recurring.pr r
            JOIN degree g USING (actor)
            JOIN edges e ON e.src = r.actor
        ) q ON q.dst = p.actor
        WHERE p.change >= n.n * 1e-6 AND p.round < 100
        GROUP BY p.actor
    )
)
SELECT actor, rank, round AS rounds FROM pr ORDER BY rank DESC, actor LIMIT 20;
