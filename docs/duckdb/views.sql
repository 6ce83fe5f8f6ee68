-- Views over the files of `whomet export --as parquet -o DIR`, run with DIR as the working
-- folder (run.py does; in the duckdb shell, start it in DIR). Every other query here reads
-- these names.
CREATE OR REPLACE VIEW actors AS FROM 'actors.parquet';
CREATE OR REPLACE VIEW meetings AS FROM 'meetings.parquet';
CREATE OR REPLACE VIEW participants AS FROM 'participants.parquet';
CREATE OR REPLACE VIEW affiliations AS FROM 'affiliations.parquet';
CREATE OR REPLACE VIEW sources AS FROM 'sources.parquet';
CREATE OR REPLACE VIEW citations AS FROM 'citations.parquet';

-- The records that make their sides "met", as whomet counts them without --visits: held,
-- and neither a presence nor a state visit (add 'state_visit' to the list for --visits).
-- Open bounds become infinite days so that comparisons need no NULL cases.
CREATE OR REPLACE VIEW counted AS
SELECT id,
       coalesce(earliest, DATE '-infinity') AS earliest,
       coalesce(latest, DATE 'infinity') AS latest
FROM meetings
WHERE status = 'held' AND record IN ('meeting');

-- One row per (actor, counterpart, meeting): the two were on different sides of it.
CREATE OR REPLACE VIEW met AS
SELECT a.actor_id AS src, b.actor_id AS dst, m.id AS meeting_id, m.earliest, m.latest
FROM counted m
JOIN participants a ON a.meeting_id = m.id
JOIN participants b ON b.meeting_id = m.id AND b.side <> a.side;

-- The simple "met" graph, both directions, kept in memory for the iterated searches.
CREATE OR REPLACE TABLE edges AS SELECT DISTINCT src, dst FROM met;
