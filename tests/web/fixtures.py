"""A small store built from articles written for these tests (never from ../shared), some of
them hostile: script tags, event handlers, `javascript:` URLs and broken HTML in the text, the
title, the URL, the source, the id, and in actor names, quotes and places of their records."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from lagebild.web.screenshots import CHROMIUM as CHROMIUM_PATH
from lagebild.web.screenshots import CHROMIUM_ARGS  # noqa: F401 - the flags the brief requires, in one place

CHROMIUM = Path(CHROMIUM_PATH)

# every hostile string sets window.__pwned when it runs; the browser tests assert it never does
XSS = {
    "script": "<script>window.__pwned='script'</script>",
    "img": "<img src=x onerror=\"window.__pwned='img'\">",
    "svg": "<svg/onload=window.__pwned='svg'>",
    "attr": "\" onmouseover=\"window.__pwned='attr'\" x=\"",
    "js_url": "javascript:window.__pwned='url'",
    "broken": "<b>kaputtes <i>HTML</b> </div></td></table><!-- <textarea>",
}
HOSTILE_ID = "x\"><script>window.__pwned='id'</script>"

ARTICLES = [
    dict(id="a-moskau", published=date(2024, 1, 10), source="Testblatt", url="https://testblatt.example/moskau",
         title="Wang Yi trifft Lawrow in Moskau",
         text="Der chinesische Außenminister Wang Yi hat am Montag in Moskau den russischen Außenminister "
              "Sergej Lawrow getroffen. Beide Seiten vereinbarten eine engere Zusammenarbeit. "
              "\"Unsere Partnerschaft ist stabil\", sagte Lawrow."),
    dict(id="a-gaza", published=date(2024, 2, 14), source="Beispielbote", url="https://beispielbote.example/gaza",
         title="Angriffe in Gaza",
         text="Israelische Soldaten haben am Dienstag in Gaza mehrere Stellungen der Hamas angegriffen. "
              "Dabei wurden nach Angaben der Behörden 12 Menschen getötet. Die Hamas warf Israel Kriegsverbrechen vor."),
    dict(id="a-paris", published=date(2024, 3, 6), source="Testblatt", url="https://testblatt.example/paris",
         title="Scholz bei Macron",
         text="Bundeskanzler Olaf Scholz hat am Mittwoch in Paris den französischen Präsidenten Emmanuel Macron "
              "getroffen. Scholz kritisierte die russische Regierung scharf."),
    dict(id=HOSTILE_ID, published=date(2024, 4, 17), source=XSS["svg"] + "Quelle", url=XSS["js_url"],
         title=XSS["script"] + "Gipfel " + XSS["img"] + XSS["broken"],
         text="Der russische Präsident Wladimir Putin hat am Mittwoch in Peking den chinesischen Staatschef "
              "Xi Jinping getroffen. " + XSS["script"] + " Putin lobte die Beziehungen. " + XSS["img"] + " "
              + XSS["broken"] + " " + XSS["attr"] + " Siehe " + XSS["js_url"] + " und "
              "<a href=\"javascript:window.__pwned='a'\">hier</a>."),
]


def poison(records: list[dict]) -> list[dict]:
    """Hostile strings in the names, quotes and places of the hostile article's records."""
    for r in records:
        if r.get("kind") == "entity":
            r["text"] = XSS["script"] + (r.get("text") or "")
            r["identifier_text"] = XSS["img"]
        if r.get("kind") == "quote":
            r["text"] = XSS["script"] + XSS["broken"]
            if isinstance(r.get("speaker"), dict):
                r["speaker"]["entity_text"] = XSS["img"]
                r["speaker"]["identifier_text"] = XSS["svg"]
        if r.get("kind") == "event":
            r["event_text"] = XSS["img"] + (r.get("event_text") or "")
            for party in (r.get("actor") or []) + (r.get("recipient") or []):
                party["entity_text"] = XSS["script"]
                party["identifier_text"] = XSS["attr"]
            if isinstance(r.get("location"), dict):
                r["location"]["resolved_place"] = XSS["img"]
                r["location"]["extracted_place"] = XSS["script"]
    return records


def build_store(path: Path, pipeline) -> Path:
    from lagebild import PIPELINE_VERSION
    from lagebild.model import Document
    from lagebild.store import open_store
    from lagebild.store.analyzed import Analyze, Analyzed
    from lagebild.store.minhash import MinHasher
    from lagebild.store.writer import Writer, optimize
    analyze = Analyze(pipeline, MinHasher(), PIPELINE_VERSION)
    batch = []
    for a in ARTICLES:
        result = analyze(Document(text=a["text"], id=a["id"], title=a["title"], published=a["published"],
                                  url=a["url"], source=a["source"], lang="de"))
        assert isinstance(result, Analyzed), result
        if a["id"] == HOSTILE_ID:
            result.records = poison(result.records)
        batch.append(result)
    with open_store(path) as st:
        Writer(st.con).commit(batch)
        optimize(st.con, force=True)
        st.con.execute("CHECKPOINT")
    return path


STORIES = [{"id": "s1", "title": "Treffen " + XSS["script"],
            "documents": [{"doc_id": "a-moskau", "url": "https://testblatt.example/moskau", "source": "Testblatt",
                           "published": "2024-01-10"},
                          {"doc_id": "a-paris", "url": "https://testblatt.example/paris", "source": XSS["img"],
                           "published": "2024-03-06"}],
            "facts": [{"kind": "event", "type": "CONSULT", "label": "Wang Yi trifft Lawrow " + XSS["svg"],
                       "mentions": [{"doc_id": "a-moskau", "url": None, "start": 0, "end": 40,
                                     "text": XSS["script"] + "Der chinesische Außenminister"}],
                       "omitted_by": ["a-paris"]}]}]


def fake_stories(monkeypatch, stories=STORIES) -> None:
    """Give the store class the story methods another issue is building (the contract of
    score_compare.py), as long as main does not have them yet."""
    from lagebild.store.store import Store
    monkeypatch.setattr(Store, "stories", lambda self: stories, raising=False)
    monkeypatch.setattr(Store, "compare", lambda self, sid: next((s for s in stories if s["id"] == sid), None),
                        raising=False)


