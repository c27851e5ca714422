-- 005_story_members: which story each document belongs to (issue 10).
--
-- Story grouping is online: a document is assigned once, when it is first grouped, and keeps
-- its story from then on, so story ids (derived from a story's first document) are stable as
-- the store grows. Documents without a row are grouped the next time stories are asked for
-- on a writable store (a read-only store groups them in memory, the same way).
CREATE TABLE story_members (
    doc_id      VARCHAR PRIMARY KEY,
    story_id    VARCHAR NOT NULL,
    grouped_at  TIMESTAMP NOT NULL
);
