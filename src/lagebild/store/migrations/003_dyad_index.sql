-- 003_dyad_index: a narrow copy of the dyad-relevant event columns, kept sorted by pair.
--
-- The events table is in ingest (roughly date) order, which suits "events of X in May" but
-- scatters one dyad's events over every row group: a dyad query over 10M events then decodes
-- four columns everywhere. This table is clustered by (pair_key, date), so the same query
-- reads only the few row groups holding the pair (DuckDB skips the rest by their min/max).
-- The writer appends to it in the same transaction as the events (an unsorted tail);
-- `Store.optimize()` (run after an ingest when the tail has grown) re-sorts it.
CREATE TABLE dyad_index (
    pair_key     BIGINT NOT NULL,
    date         DATE NOT NULL,
    actor_code   VARCHAR,
    quad_code    TINYINT,
    event_scale  DOUBLE,
    goldstein    DOUBLE,
    doc_seq      BIGINT NOT NULL          -- documents.seq, to replace a document's rows on reprocessing
);

INSERT INTO dyad_index
    SELECT e.pair_key, e.date, e.actor_code, e.quad_code, e.event_scale, e.goldstein, d.seq
    FROM events e JOIN documents d USING (doc_id)
    WHERE e.pair_key IS NOT NULL AND e.date IS NOT NULL
    ORDER BY e.pair_key, e.date;

INSERT INTO store_meta
    SELECT 'dyad_index_sorted_rows', count(*)::VARCHAR FROM dyad_index
    ON CONFLICT (key) DO UPDATE SET value = excluded.value;
