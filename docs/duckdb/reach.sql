-- Earliest arrival from getvariable('actor') through meetings in date order ("possible"
-- order, no window), as Pregel-style rounds: each round, the actors whose day improved in
-- the round before offer it across the sides of every counted meeting they attended; a
-- meeting passes the word on the first day of its range no earlier than the sender heard,
-- if that day is still in its range. An actor's hops are the round its final day came.
WITH RECURSIVE arrival(actor, day, hops) USING KEY (actor) AS (
    SELECT getvariable('actor'), DATE '-infinity', 0
    UNION
    SELECT m.dst,
           min(greatest(a.day, m.earliest)),
           any_value(a.hops) + 1
    FROM arrival a
    JOIN met m ON m.src = a.actor
    WHERE greatest(a.day, m.earliest) <= m.latest
    GROUP BY m.dst
    HAVING min(greatest(a.day, m.earliest)) < coalesce(
        (SELECT r.day FROM recurring.arrival r WHERE r.actor = m.dst), DATE 'infinity')
)
SELECT actor, day AS earliest, hops
FROM arrival
WHERE actor <> getvariable('actor')
ORDER BY earliest, hops, actor;
