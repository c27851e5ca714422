-- 006_skipped: inputs that could not be analysed, kept as records (issue 15), not only counted.
--
-- One row per input item that an ingest skipped: unreadable or undecodable input (stage 'read')
-- and documents whose analysis failed or ran past the time budget (stage 'analysis'). The
-- writer stores a batch's skipped rows in the same transaction as its documents, so a skip is
-- never lost and never recorded twice: `skip_id` is derived from where the item lies (SHA-1 of
-- "file[:line]", the documents' `origin`), a later run that skips it again replaces its row,
-- and one that stores it deletes the row. Shown by `lagebild skipped` and in `stats`.
CREATE TABLE skipped (
    skip_id          VARCHAR NOT NULL,      -- first 16 hex digits of SHA-1("skipped|<origin>")
    origin           VARCHAR NOT NULL,      -- file[:line] it was read from (as documents.origin)
    doc_id           VARCHAR,               -- the document's id when the reader got that far
    stage            VARCHAR NOT NULL,      -- 'read' or 'analysis'
    reason_class     VARCHAR NOT NULL,      -- the reason without its particulars (for counts)
    reason           VARCHAR NOT NULL,      -- the one-line message
    pipeline_version VARCHAR NOT NULL,
    skipped_at       TIMESTAMP
);
