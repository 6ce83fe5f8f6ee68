-- Everyone getvariable('actor') met: the counterparts across the sides of counted records,
-- with the meetings in date order (ties by id), most meetings first, as `whomet met`.
SELECT dst AS actor,
       count(*) AS meetings,
       list(meeting_id ORDER BY earliest, latest, meeting_id) AS meeting_ids
FROM met
WHERE src = getvariable('actor')
GROUP BY dst
ORDER BY meetings DESC, actor;
