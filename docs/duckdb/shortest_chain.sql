-- The fewest meetings from getvariable('source') to getvariable('target'): breadth-first
-- search as a recursive CTE. USING KEY (actor) keeps one row per actor, and each round
-- expands only the actors reached in the round before; recurring.bfs is everyone reached
-- so far. The chain is read back along the parents from the target.
WITH RECURSIVE bfs(actor, hops, parent) USING KEY (actor) AS (
    SELECT getvariable('source'), 0, NULL::VARCHAR
    UNION
    SELECT e.dst, any_value(b.hops) + 1, min(b.actor)
    FROM bfs b
    JOIN edges e ON e.src = b.actor
    WHERE NOT EXISTS (SELECT 1 FROM recurring.bfs r WHERE r.actor = e.dst)
    GROUP BY e.dst
),
chain(actor, parent, step) AS (
    SELECT actor, parent, 0 FROM bfs WHERE actor = getvariable('target')
    UNION ALL
    SELECT b.actor, b.parent, c.step + 1
    FROM chain c
    JOIN bfs b ON b.actor = c.parent
)
SELECT (SELECT hops FROM bfs WHERE actor = getvariable('target')) AS hops,
       list(actor ORDER BY step DESC) AS actors
FROM chain;
