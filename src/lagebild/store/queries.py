"""SQL for the store's query commands: event filters, quotes, dyads, cross-article clusters.

Every function returns (sql, params); values always travel as parameters, never spliced in.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date

from lagebild.errors import QueryError
from lagebild.ontology import SYMMETRIC_TYPES
from lagebild.store.rows import pair_key

# PLOVER quad codes (1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict)
QUADS = {1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict"}
# Types whose actor and recipient play the same role: A consults B is B consults A
PERIODS = ("day", "week", "month", "quarter", "year")
# A dyad series fills empty periods between two periods with events with zero rows, so that
# charts show quiet spells; a longer gap (one stray event years before the rest) is left as a
# break instead of 180 zero rows (issue 15).
MAX_DYAD_GAP = 12


@dataclass(frozen=True)
class EventFilter:
    actor: str | None = None          # CAMEO-style prefix: CHN matches CHN, CHNGOV, CHNMIL...
    recipient: str | None = None
    type: str | None = None           # PLOVER type, any of the event's types
    since: date | None = None
    until: date | None = None
    source: str | None = None
    doc_id: str | None = None
    near: tuple[float, float, float] | None = None   # (lat, lon, radius km): located within the radius


def party_condition(column: str, code: str) -> tuple[str, list]:
    """CAMEO codes are hierarchical: a 3-letter code matches the country column exactly (fast),
    a longer one matches by prefix (CHNGOV matches CHNGOV and CHNGOVxxx)."""
    code = code.strip().upper()
    if not code:
        raise QueryError("an empty actor code matches nothing")
    if len(code) == 3:
        return f"{column}_code = ?", [code]
    return f"starts_with({column}, ?)", [code]


def source_condition(column: str, source: str) -> tuple[str, list]:
    """An outlet by name or part of it, any case: sources are stored as the input gave them, often
    feed URLs ("https://newsfeed.zeit.de/politik/index"), so "zeit" must find them (issue 15)."""
    s = source.strip().lower()
    if not s:
        raise QueryError("an empty source name matches nothing")
    return f"contains(lower({column}), ?)", [s]


def event_where(f: EventFilter, alias: str = "") -> tuple[str, list]:
    a = f"{alias}." if alias else ""
    conds, params = [], []
    if f.actor:
        c, p = party_condition(f"{a}actor", f.actor)
        conds.append(c)
        params += p
    if f.recipient:
        c, p = party_condition(f"{a}recipient", f.recipient)
        conds.append(c)
        params += p
    if f.type:
        conds.append(f"list_contains({a}event_types, ?)")
        params.append(f.type.strip().upper())
    if f.since:
        conds.append(f"{a}date >= ?")
        params.append(f.since)
    if f.until:
        conds.append(f"{a}date <= ?")
        params.append(f.until)
    if f.source:
        c, p = source_condition(f"{a}source", f.source)
        conds.append(c)
        params += p
    if f.doc_id:
        conds.append(f"{a}doc_id = ?")
        params.append(f.doc_id)
    if f.near:
        c, p = near_condition(a or "events.", *f.near)
        conds.append(c)
        params += p
    return (" AND ".join(conds) or "true"), params


KM_PER_DEGREE = 111.32
EARTH_RADIUS_KM = 6371.0088


def near_condition(prefix: str, lat: float, lon: float, radius_km: float) -> tuple[str, list]:
    """The event has a location within `radius_km` of (lat, lon): a latitude/longitude box
    first (cheap, and the columns' zone maps skip row groups), then the great-circle distance.
    The longitude box is left out near the poles and across the date line, where it breaks."""
    if radius_km <= 0:
        raise QueryError("--radius must be more than zero")
    dlat = radius_km / KM_PER_DEGREE
    box = ["l.lat BETWEEN ? AND ?"]
    params: list = [lat - dlat, lat + dlat]
    coslat = math.cos(math.radians(lat))
    if abs(lat) + dlat < 89 and coslat > 0:
        dlon = radius_km / (KM_PER_DEGREE * coslat)
        if -180 <= lon - dlon and lon + dlon <= 180:
            box.append("l.lon BETWEEN ? AND ?")
            params += [lon - dlon, lon + dlon]
    haversine = ("2 * ? * asin(sqrt(pow(sin(radians(l.lat - ?) / 2), 2) + cos(radians(?)) * cos(radians(l.lat)) "
                 "* pow(sin(radians(l.lon - ?) / 2), 2))) <= ?")
    params += [EARTH_RADIUS_KM, lat, lat, lon, radius_km]
    sql = (f"EXISTS (SELECT 1 FROM event_locations l WHERE l.doc_id = {prefix}doc_id AND l.seq = {prefix}seq "
           f"AND {' AND '.join(box)} AND {haversine})")
    return sql, params


# the date as the text gave it ("2023", "2023-03"): the DATE column holds the first day of
# such a period for sorting and ranges, which printed would claim 1 January (issue 15)
EVENT_COLUMNS = ("coalesce(data->>'$.date', strftime(date, '%Y-%m-%d')) AS date, event_type, mode, actor, "
                 "recipient, quad_code, event_scale, goldstein, cameo, "
                 "confidence, source, doc_id, event_id, sentence, span_start, span_end, "
                 "data->>'$.event_text' AS event_text, data->>'$.location.resolved_place' AS place, "
                 "data->>'$.location.country_code' AS place_country")


def events_sql(f: EventFilter, limit: int | None = None) -> tuple[str, list]:
    where, params = event_where(f)
    sql = f"SELECT {EVENT_COLUMNS} FROM events WHERE {where} ORDER BY events.date, doc_id, seq"
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    return sql, params


def event_records_sql(f: EventFilter) -> tuple[str, list]:
    where, params = event_where(f)
    return f"SELECT data FROM events WHERE {where} ORDER BY date, doc_id, seq", params


def quotes_sql(speaker: str | None = None, since: date | None = None, until: date | None = None,
               source: str | None = None, limit: int | None = None) -> tuple[str, list]:
    conds, params = [], []
    if speaker:
        # a Wikidata id, a CAMEO code, or part of the name as written or canonical
        conds.append("(q.speaker_id = ? OR q.speaker_code = ? OR q.speaker ILIKE ? OR q.speaker_name ILIKE ?)")
        like = f"%{speaker.strip()}%"
        params += [speaker.strip(), speaker.strip().upper(), like, like]
    if since:
        conds.append("d.published >= ?")
        params.append(since)
    if until:
        conds.append("d.published <= ?")
        params.append(until)
    if source:
        c, p = source_condition("d.source", source)
        conds.append(c)
        params += p
    sql = ("SELECT d.published, q.speaker, q.speaker_name, q.speaker_code, q.form, q.text, "
           "q.data->>'$.cue.text' AS cue, d.source, q.doc_id, q.sentence, q.span_start, q.span_end "
           "FROM quotes q JOIN documents d USING (doc_id) "
           f"WHERE {' AND '.join(conds) or 'true'} ORDER BY d.published, q.doc_id, q.seq")
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    return sql, params


def quote_records_sql(speaker: str | None = None, **kw) -> tuple[str, list]:
    sql, params = quotes_sql(speaker, **kw)
    return sql.replace("SELECT d.published, q.speaker,", "SELECT q.data, q.speaker,", 1), params


def dyad_sql(a: str, b: str, by: str = "month", since: date | None = None, until: date | None = None,
             directed: bool = False, use_index: bool = True) -> tuple[str, list]:
    """Cooperation and conflict between two actors per period, with empty periods filled in
    (up to MAX_DYAD_GAP in a row; a longer gap is a break in the series).

    Two country codes are answered from the dyad index (`use_index=False`: from the events
    table, same result, slower); longer CAMEO codes (CHNGOV) match events by prefix.
    """
    if by not in PERIODS:
        raise QueryError(f"--by must be one of {', '.join(PERIODS)}")
    a, b = a.strip().upper(), b.strip().upper()
    if use_index and len(a) == 3 and len(b) == 3:
        # two country codes: the dyad index, clustered by pair (see migration 003)
        table, cond, params = "dyad_index", "pair_key = ?", [pair_key(a, b)]
        if directed:
            cond += " AND actor_code = ?"
            params.append(a)
    else:
        ab, params = _pair(a, b)
        table, cond = "events", f"date IS NOT NULL AND {ab}"
        if not directed:
            ba, pba = _pair(b, a)
            cond, params = f"date IS NOT NULL AND (({ab}) OR ({ba}))", params + pba
    if since:
        cond += " AND date >= ?"
        params.append(since)
    if until:
        cond += " AND date <= ?"
        params.append(until)
    quads = ", ".join(f"count(*) FILTER (WHERE quad_code = {q}) AS {name}" for q, name in QUADS.items())
    sql = f"""
    WITH e AS (SELECT date_trunc('{by}', date)::DATE AS period, quad_code, event_scale, goldstein
               FROM {table} WHERE {cond}),
         agg AS (SELECT period, count(*) AS events, {quads},
                        coalesce(sum(event_scale), 0) AS event_scale, coalesce(sum(goldstein), 0) AS goldstein
                 FROM e GROUP BY period),
         gaps AS (SELECT lag(period) OVER (ORDER BY period) AS lo, period AS hi FROM agg),
         periods AS (SELECT period FROM agg
                     UNION
                     SELECT unnest(generate_series(lo, hi, INTERVAL 1 {by}))::DATE AS period FROM gaps
                     WHERE lo IS NOT NULL AND hi <= lo + INTERVAL {MAX_DYAD_GAP + 1} {by})
    SELECT p.period, coalesce(events, 0) AS events,
           {", ".join(f"coalesce({n}, 0) AS {n}" for n in QUADS.values())},
           coalesce(verbal_coop, 0) + coalesce(material_coop, 0) AS cooperation,
           coalesce(verbal_conflict, 0) + coalesce(material_conflict, 0) AS conflict,
           coalesce(event_scale, 0) AS event_scale, coalesce(goldstein, 0) AS goldstein
    FROM periods p LEFT JOIN agg USING (period) ORDER BY p.period"""
    return sql, params


def _pair(a: str, b: str) -> tuple[str, list]:
    ca, pa_ = party_condition("actor", a)
    cb, pb = party_condition("recipient", b)
    return f"{ca} AND {cb}", pa_ + pb


def _cluster_ctes(f: EventFilter, window_days: int) -> tuple[str, list]:
    """CTEs ending in `n`: every dated event mention with its cluster key `ckey` and run `part`."""
    where, params = event_where(f, "e")
    symmetric = ", ".join(f"'{t}'" for t in sorted(SYMMETRIC_TYPES))
    sql = f"""
    m AS (
        SELECT e.doc_id, e.seq, e.event_id, e.date, e.event_types, e.actor, e.recipient, e.quad_code,
               e.event_scale, e.goldstein, e.span_start, e.span_end,
               coalesce(e.source, d.source, d.url_key, e.doc_id) AS src, d.seq AS doc_seq,
               coalesce(e.actor_key, '') AS ak, coalesce(e.recipient_key, '') AS rk,
               array_to_string(list_sort(e.event_types), '+') AS types
        FROM events e JOIN documents d USING (doc_id)
        WHERE e.date IS NOT NULL AND {where}),
    k AS (
        SELECT *, types || '|' || CASE WHEN list_has_all([{symmetric}], event_types) AND rk < ak
                                       THEN rk || '|' || ak ELSE ak || '|' || rk END AS ckey
        FROM m),
    g AS (
        SELECT *, CASE WHEN date - lag(date) OVER (PARTITION BY ckey ORDER BY date, doc_seq, seq) <= ?
                       THEN 0 ELSE 1 END AS starts
        FROM k),
    n AS (
        SELECT *, sum(starts) OVER (PARTITION BY ckey ORDER BY date, doc_seq, seq
                                    ROWS UNBOUNDED PRECEDING) AS part
        FROM g)"""
    return sql, params + [window_days]


def clusters_sql(f: EventFilter, window_days: int = 1, min_articles: int = 1) -> tuple[str, list]:
    """Mentions of one event across articles: same types and parties (unordered for symmetric
    types), dates chained within `window_days` of each other.

    Computed from the events table at query time, so it is always consistent with what is
    stored (after a crash, a re-import, a reprocess) and needs no maintenance.
    """
    ctes, params = _cluster_ctes(f, window_days)
    first = "(date, doc_seq, seq)"
    sql = f"""
    WITH {ctes}
    SELECT substr(md5(ckey || '|' || min(date)::VARCHAR), 1, 16) AS cluster_id,
           arg_min(event_types, {first}) AS event_types,
           arg_min(actor, {first}) AS actor, arg_min(recipient, {first}) AS recipient,
           min(date) AS first_date, max(date) AS last_date,
           count(*) AS num_mentions, count(DISTINCT doc_id) AS num_articles,
           count(DISTINCT src) AS num_sources,
           arg_min(quad_code, {first}) AS quad_code,
           avg(event_scale) AS event_scale, avg(goldstein) AS goldstein,
           list({{'doc_id': doc_id, 'seq': seq, 'event_id': event_id, 'date': date, 'source': src,
                 'span_start': span_start, 'span_end': span_end}} ORDER BY date, doc_seq, seq) AS mentions
    FROM n GROUP BY ckey, part
    HAVING count(DISTINCT doc_id) >= ?
    ORDER BY first_date, cluster_id"""
    return sql, params + [min_articles]


def events_with_clusters_sql(f: EventFilter, window_days: int = 1, first_only: bool = False) -> tuple[str, list]:
    """Event records with their document's citation and their cluster's counts.

    `first_only`: one row per cluster (its earliest mention), as GDELT's event table has.
    Clusters are formed over all sources even when the events are filtered by one, so their
    source counts stay true.
    """
    csql, cparams = clusters_sql(replace(f, source=None), window_days)
    where, wparams = event_where(f, "e")
    sql = f"""
    WITH c AS ({csql}),
         cm AS (SELECT cluster_id, num_mentions, num_articles, num_sources, unnest(mentions) AS mention FROM c)
    SELECT e.data, d.url, d.title, d.lang, d.published, cm.cluster_id, cm.num_mentions, cm.num_articles,
           cm.num_sources
    FROM events e JOIN documents d USING (doc_id)
    LEFT JOIN cm ON cm.mention.doc_id = e.doc_id AND cm.mention.seq = e.seq
    WHERE {where}
    {"QUALIFY row_number() OVER (PARTITION BY coalesce(cm.cluster_id, e.doc_id || '#' || e.seq) "
     "ORDER BY e.date, d.seq, e.seq) = 1" if first_only else ""}
    ORDER BY e.date, d.seq, e.seq"""
    return sql, cparams + wparams


def skipped_sql(stage: str | None = None, reason: str | None = None, limit: int | None = None) -> tuple[str, list]:
    """Skipped input items (migration 006), most recent first; `reason`: part of the reason, any case."""
    conds, params = [], []
    if stage:
        conds.append("stage = ?")
        params.append(stage)
    if reason:
        r = reason.strip().lower()
        if not r:
            raise QueryError("an empty reason matches nothing")
        conds.append("contains(lower(reason), ?)")
        params.append(r)
    where = f"WHERE {' AND '.join(conds)}" if conds else ""
    sql = (f"SELECT skip_id, origin, doc_id, stage, reason_class, reason, pipeline_version, skipped_at "
           f"FROM skipped {where} ORDER BY skipped_at DESC, origin")
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    return sql, params
