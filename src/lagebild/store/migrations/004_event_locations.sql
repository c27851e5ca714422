-- 004_event_locations: where each located event happened (issue 12), one row per event that has
-- a `location` (the PLOVER location object of its record), for map views and `events --near`.
--
-- A table of its own, not columns of `events`: DuckDB refuses to ALTER a table that has an
-- index, and this one is indexed (by country and GeoNames id); `events` stays free to grow
-- columns. The writer fills it in the same transaction as the events and replaces a document's
-- rows with them on reprocessing. Points are searched by a latitude/longitude box first (the
-- columns' min/max zone maps skip row groups), then by great-circle distance.
CREATE TABLE event_locations (
    doc_id         VARCHAR NOT NULL,
    seq            INTEGER NOT NULL,      -- the event's seq in `events`
    event_id       VARCHAR NOT NULL,
    place          VARCHAR,               -- resolved_place
    extracted      VARCHAR,               -- extracted_place, as written
    country_code   VARCHAR,               -- ISO alpha-3, like actor codes
    geonameid      BIGINT,
    lat            DOUBLE,
    lon            DOUBLE,
    resolution     TINYINT                -- 5 sub-city, 4 city, 3 district, 2 province, 1 country
);

INSERT INTO event_locations
    SELECT doc_id, seq, event_id, data->>'$.location.resolved_place', data->>'$.location.extracted_place',
           data->>'$.location.country_code', TRY_CAST(data->>'$.location.geonameid' AS BIGINT),
           TRY_CAST(data->>'$.location.lat' AS DOUBLE), TRY_CAST(data->>'$.location.lon' AS DOUBLE),
           TRY_CAST(data->>'$.location.resolution' AS TINYINT)
    FROM events WHERE json_type(data, '$.location') = 'OBJECT';

CREATE INDEX event_locations_country ON event_locations (country_code);
CREATE INDEX event_locations_geonameid ON event_locations (geonameid);
