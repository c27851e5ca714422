-- 001_initial: documents, the records extracted from them, near-duplicate links.
--
-- A document row is the "stored" marker: it is written in the same transaction as all its
-- records, so after a crash a document is either complete or absent.
-- Every record keeps its full JSON (`data`, the shape `lagebild analyze` emits) plus typed
-- columns derived from it for fast queries; exports and re-imports use `data`, so they are
-- lossless whatever new fields a record kind gains.

CREATE TABLE store_meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR
);

CREATE TABLE documents (
    seq              BIGINT PRIMARY KEY,       -- ingest order; near-duplicate links point newer -> older
    doc_id           VARCHAR NOT NULL UNIQUE,
    content_hash     VARCHAR NOT NULL UNIQUE,  -- sha256 of the whitespace-normalised text
    url              VARCHAR,
    url_key          VARCHAR,                  -- normalised URL used for de-duplication
    title            VARCHAR,
    published        DATE,
    source           VARCHAR,
    lang             VARCHAR,
    text             VARCHAR NOT NULL,
    chars            INTEGER,
    origin           VARCHAR,                  -- file[:line] it was read from
    pipeline_version VARCHAR NOT NULL,
    warnings         VARCHAR[],
    record           JSON,                     -- the `document` record
    minhash          BLOB,                     -- MinHash signature (uint32 little-endian)
    ingested_at      TIMESTAMP,
    analyzed_at      TIMESTAMP
);

CREATE TABLE events (
    doc_id           VARCHAR NOT NULL,
    seq              INTEGER NOT NULL,         -- position among the document's records
    event_id         VARCHAR NOT NULL,
    date             DATE,                     -- event date, else the document's publication date
    event_type       VARCHAR,                  -- first PLOVER type
    event_types      VARCHAR[],
    mode             VARCHAR,
    context          VARCHAR[],
    actor            VARCHAR,                  -- CAMEO-style code of the first coded actor, e.g. CHNGOV
    actor_code       VARCHAR,
    actor_sector     VARCHAR,
    actor_key        VARCHAR,                  -- code, else Wikidata id, else lower-cased text (clustering)
    recipient        VARCHAR,
    recipient_code   VARCHAR,
    recipient_sector VARCHAR,
    recipient_key    VARCHAR,
    quad_code        TINYINT,
    event_scale      DOUBLE,
    goldstein        DOUBLE,
    cameo            VARCHAR,
    confidence       DOUBLE,
    sentence         INTEGER,
    span_start       INTEGER,
    span_end         INTEGER,
    source           VARCHAR,
    data             JSON NOT NULL
);

CREATE TABLE quotes (
    doc_id           VARCHAR NOT NULL,
    seq              INTEGER NOT NULL,
    sentence         INTEGER,
    span_start       INTEGER,
    span_end         INTEGER,
    form             VARCHAR,
    text             VARCHAR,
    speaker          VARCHAR,                  -- speaker as written
    speaker_name     VARCHAR,                  -- canonical name (identifier_text)
    speaker_id       VARCHAR,                  -- Wikidata id
    speaker_code     VARCHAR,
    data             JSON NOT NULL
);

-- entities, time expressions, quantities and any record kind added later
CREATE TABLE annotations (
    doc_id           VARCHAR NOT NULL,
    seq              INTEGER NOT NULL,
    kind             VARCHAR NOT NULL,
    sentence         INTEGER,
    span_start       INTEGER,
    span_end         INTEGER,
    text             VARCHAR,
    label            VARCHAR,                  -- entity label, timex type, quantity unit
    value            VARCHAR,                  -- entity code, timex value, quantity value
    data             JSON NOT NULL
);

CREATE TABLE near_duplicates (
    doc_id           VARCHAR NOT NULL,         -- the later document
    near_doc_id      VARCHAR NOT NULL,         -- the earlier one it nearly duplicates
    jaccard          DOUBLE NOT NULL,          -- MinHash estimate of word-shingle Jaccard similarity
    PRIMARY KEY (doc_id, near_doc_id)
);

-- LSH index over MinHash signatures: documents sharing a (band, bucket) are candidates
CREATE TABLE minhash_bands (
    band             SMALLINT NOT NULL,
    bucket           UBIGINT NOT NULL,
    doc_id           VARCHAR NOT NULL
);

CREATE VIEW entities AS
    SELECT doc_id, seq, sentence, span_start, span_end, text, label,
           data->>'$.code' AS code, data->>'$.sector' AS sector,
           data->>'$.identifier_text' AS identifier_text, data->>'$.identifier_id' AS identifier_id,
           data->>'$.resolved_by' AS resolved_by
    FROM annotations WHERE kind = 'entity';

CREATE VIEW timexes AS
    SELECT doc_id, seq, sentence, span_start, span_end, text, label AS type, value
    FROM annotations WHERE kind = 'timex';

CREATE VIEW quantities AS
    SELECT doc_id, seq, sentence, span_start, span_end, text, TRY_CAST(value AS DOUBLE) AS value,
           label AS unit, data->>'$.counts' AS counts
    FROM annotations WHERE kind = 'quantity';
