"""A small store of articles written for the story tests, analysed by the real pipeline
(shared with tests/cli/test_story_commands.py)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

# Two invented stories (a tanker aground, a strike at a port) and one unrelated item.
ARTICLES = [
    {"id": "t1", "published": "2025-05-01", "source": "Blatt A", "url": "https://a.example/tanker",
     "title": "Tanker vor Nordhafen auf Grund gelaufen",
     "text": "Vor Nordhafen ist in der Nacht ein Tanker auf Grund gelaufen. Mindestens zwölf Seeleute wurden "
             "verletzt, teilte die Küstenwache mit. Die Behörden sperrten den Hafen."},
    {"id": "t2", "published": "2025-05-01", "source": "Blatt B", "url": "https://b.example/tanker#live-1",
     "title": "Nordhafen:",
     "text": "Ein Tanker ist vor Nordhafen auf Grund gelaufen. Nach Angaben der Reederei wurden 14 Seeleute "
             "verletzt. Öl trat nicht aus."},
    {"id": "t3", "published": "2025-05-02", "source": "Blatt A", "url": "https://b.example/tanker#live-2",
     "title": "Nach Tankerunglück: Hafen von Nordhafen bleibt gesperrt",
     "text": "Der Hafen von Nordhafen bleibt nach dem Tankerunglück gesperrt. Taucher untersuchen den Rumpf "
             "des Tankers, der vor Nordhafen auf Grund gelaufen war."},
    {"id": "s1", "published": "2025-05-01", "source": "Blatt A", "url": "https://a.example/streik",
     "title": "Fluglotsen in Südstadt streiken",
     "text": "Die Fluglotsen am Flughafen Südstadt haben einen Streik begonnen. Hunderte Flüge fallen aus. "
             "Die Gewerkschaft fordert mehr Lohn."},
    {"id": "s2", "published": "2025-05-02", "source": "Blatt B", "url": "https://b.example/streik",
     "title": "Streik der Fluglotsen legt Südstadt lahm",
     "text": "Der Streik der Fluglotsen in Südstadt geht weiter, Hunderte Flüge fallen aus. Die Gewerkschaft "
             "will mehr Lohn durchsetzen."},
    {"id": "x1", "published": "2025-05-01", "source": "Blatt C", "url": "https://c.example/garten",
     "title": "Gartenschau eröffnet",
     "text": "In Weststadt hat die Gartenschau eröffnet. Tausende Besucher kamen am ersten Tag."},
]
LATER = {"id": "t4", "published": "2025-05-03", "source": "Blatt C", "url": "https://c.example/tanker",
         "title": "Tanker vor Nordhafen: Bergung beginnt",
         "text": "Vor Nordhafen hat die Bergung des Tankers begonnen, der auf Grund gelaufen war. Der Hafen "
                 "bleibt gesperrt."}


def options():
    from lagebild.settings import Settings
    from lagebild.store.analyzed import AnalysisJob
    from lagebild.store.ingest import IngestOptions
    return IngestOptions(workers=0, job=AnalysisJob(settings=Settings(lang="de")))


def write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def story_store(tmp_path_factory) -> Path:
    from lagebild.store.ingest import ingest
    tmp = tmp_path_factory.mktemp("stories")
    db = tmp / "stories.duckdb"
    ingest(db, [str(write(tmp / "news.jsonl", ARTICLES))], options())
    return db
