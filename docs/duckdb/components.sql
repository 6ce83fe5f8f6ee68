-- Connected components by label propagation: every actor starts with its own id as label
-- and takes the smallest label among its counterparts until no label changes. Only the
-- actors whose label changed take part in the next round (USING KEY keeps the latest label
-- per actor; recurring.cc is the whole current labelling). Actors who met no one are
-- components of one.
WITH RECURSIVE cc(actor, label) USING KEY (actor) AS (
    SELECT id, id FROM actors
    UNION
    SELECT e.dst, min(c.label)
    FROM cc c
    JOIN edges e ON e.src = c.actor
    GROUP BY e.dst
    HAVING min(c.label) < (SELECT r.label FROM recurring.cc r WHERE r.actor = e.dst)
)
SELECT label AS component, count(*) AS actors
FROM cc
GROUP BY label
ORDER BY actors DESC, component;
