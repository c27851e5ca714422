"""Stories of a store: what `Store.stories()`, `Store.compare()` and the CLI call."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from lagebild.errors import InputError
from lagebild.stories.conflicts import FigureClasses, story_conflicts
from lagebild.stories.contract import story_dict
from lagebild.stories.facts import FactSettings, StoryText, story_facts
from lagebild.stories.grouping import Article, Grouper, GroupingSettings, arrival_order, group_articles
from lagebild.stories.sentences import SentenceSplitter
from lagebild.stories.source import load_articles, load_records

Progress = Callable[[Iterable], Iterable]


def grouped(store, settings: GroupingSettings | None = None,
            progress: Progress | None = None) -> tuple[Grouper, dict[str, Article]]:
    """Every stored document in its story. Earlier assignments are kept; new documents are
    grouped and, on a writable store, their assignments saved."""
    articles = load_articles(store)
    saving = _has_story_members(store)
    assigned = dict(store.rows("SELECT doc_id, story_id FROM story_members")) if saving else {}
    g = group_articles(articles, settings, assigned, progress=progress)
    fresh = [(d, sid) for d, sid in g.story_of.items() if d not in assigned]
    if fresh and saving and not store.read_only:
        # one statement: executemany inserts row by row (30 s for 4,000 documents)
        store.con.execute("INSERT INTO story_members SELECT unnest(?), unnest(?), now()",
                          [[d for d, _ in fresh], [sid for _, sid in fresh]])
    return g, {a.doc_id: a for a in articles}


def _has_story_members(store) -> bool:
    """A store file has the table (migration 005); a Parquet dataset has none and is grouped
    in memory each time."""
    return bool(next(iter(store.rows(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'story_members'")))[0])


def list_stories(store, min_articles: int = 2, settings: GroupingSettings | None = None,
                 progress: Progress | None = None) -> list[dict[str, Any]]:
    """Stories (id, title, documents in date order), largest first, then newest."""
    g, by_id = grouped(store, settings, progress)
    out = [story_dict(sid, [by_id[d] for d in s.members])
           for sid, s in g.stories.items() if len(s.members) >= min_articles]
    out.sort(key=lambda st: (-len(st["documents"]), _last_date(st)), reverse=False)
    return out


def _last_date(st: dict[str, Any]) -> str:
    # newest first among equal sizes: invert the ISO date's sort order
    d = st["documents"][-1]["published"] or ""
    return "".join(chr(0x10FFFF - ord(c)) for c in d)


def compare(store, story_id: str | None = None, min_articles: int = 2,
            settings: GroupingSettings | None = None, fact_settings: FactSettings | None = None,
            progress: Progress | None = None) -> dict[str, Any]:
    """The comparison contract: {"stories": [story with facts and conflicts, ...]}, for one
    story or for every story of at least `min_articles` articles."""
    members = _saved_members(store, story_id) if story_id is not None else None
    if members:     # every document is grouped already: read only this story's articles
        by_id = {a.doc_id: a for a in load_articles(store, members)}
        stories_of = {story_id: members}
    else:
        g, by_id = grouped(store, settings)
        stories_of = {sid: s.members for sid, s in g.stories.items()}
    if story_id is not None:
        if story_id not in stories_of:
            raise InputError(f"no story {story_id!r}; `lagebild stories` lists them")
        chosen = [story_id]
    else:
        chosen = [sid for sid, ms in stories_of.items() if len(ms) >= min_articles]
    splitter = SentenceSplitter()
    classes: dict[str, FigureClasses] = {}      # per language, read once for all the stories
    stories = []
    for sid in (progress(chosen) if progress else chosen):
        stories.append(compare_articles(store, sid, [by_id[d] for d in stories_of[sid]], splitter,
                                        fact_settings, classes))
    return {"stories": stories}


def _saved_members(store, story_id: str) -> list[str] | None:
    """The story's documents as saved, when no stored document waits to be grouped (which
    could still join it); else None."""
    if not _has_story_members(store):
        return None
    waiting = store.rows("SELECT count(*) FROM documents WHERE doc_id NOT IN (SELECT doc_id FROM story_members)")
    if next(iter(waiting))[0]:
        return None
    rows = store.rows("SELECT m.doc_id FROM story_members m JOIN documents d USING (doc_id) "
                      "WHERE m.story_id = ? ORDER BY d.seq", [story_id])
    return [r[0] for r in rows] or None


def compare_articles(store, sid: str, articles: list[Article], splitter: SentenceSplitter,
                     settings: FactSettings | None = None,
                     classes: dict[str, FigureClasses] | None = None) -> dict[str, Any]:
    records = load_records(store, [a.doc_id for a in articles])
    texts = [StoryText(a, splitter.spans(a.text, a.lang), records.get(a.doc_id, []))
             for a in sorted(articles, key=arrival_order)]
    facts = story_facts(texts, settings)
    facts.sort(key=lambda f: (-len(f.mentions), f.kind == "quantity"))
    return story_dict(sid, articles, facts, story_conflicts(facts, figure_classes(articles, classes)))


def figure_classes(articles: list[Article], cache: dict[str, FigureClasses] | None = None) -> FigureClasses:
    """What figures count, from the language data of the story's (first) language; `cache`
    keeps them per language (reading a language's data parses all its files)."""
    from lagebild.lang import load_language
    from lagebild.settings import SUPPORTED_LANGUAGES
    lang = next((a.lang for a in articles if a.lang in SUPPORTED_LANGUAGES), None)
    if lang is None:
        return FigureClasses()
    cache = {} if cache is None else cache
    if lang not in cache:
        cache[lang] = FigureClasses.from_entries(load_language(lang).entries("stories"))
    return cache[lang]
