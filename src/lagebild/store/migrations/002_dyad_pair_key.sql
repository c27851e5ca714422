-- 002_dyad_pair_key: an integer key of the unordered pair of country/IGO codes of an event.
--
-- `lagebild dyad` filters 10M+ events by two codes; comparing one BIGINT column is several times
-- cheaper than comparing two string columns in both directions. Defined as the first 15 hex
-- digits (60 bits) of md5('<lower code>|<higher code>'), so Python (store.rows.pair_key) and SQL
-- compute the same value; NULL when either code is missing.
ALTER TABLE events ADD COLUMN pair_key BIGINT;

UPDATE events SET pair_key =
    CASE WHEN actor_code IS NULL OR recipient_code IS NULL THEN NULL
         ELSE ('0x' || substr(md5(least(actor_code, recipient_code) || '|' ||
                                  greatest(actor_code, recipient_code)), 1, 15))::BIGINT END;
