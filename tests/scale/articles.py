"""Short German news articles generated from our own templates, for the scale-out tests.

Each article combines two governments, an act, a topic and a date, so every text differs; a
few are repeated on purpose (`duplicates`) to test de-duplication across partitions.
"""
from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

PARTIES = [("Frankreich", "Paris", "französische"), ("Polen", "Warschau", "polnische"),
           ("China", "Peking", "chinesische"), ("Russland", "Moskau", "russische"),
           ("Japan", "Tokio", "japanische"), ("Spanien", "Madrid", "spanische"),
           ("Italien", "Rom", "italienische"), ("Brasilien", "Brasília", "brasilianische")]
ACTS = [
    "Die {adj_a} Regierung hat am {day} Gespräche mit {b} über {topic} geführt.",
    "Die {adj_a} Regierung kritisierte {b} am {day} scharf im Streit um {topic}.",
    "Der {adj_a} Außenminister traf am {day} in {city_b} seinen Amtskollegen aus {b}, um über {topic} zu beraten.",
    "{a} und {b} unterzeichneten am {day} ein Abkommen über {topic}.",
    "Die {adj_a} Regierung warf {b} am {day} vor, bei {topic} gegen Absprachen verstoßen zu haben.",
]
TOPICS = ["die Getreidepreise", "den Fischfang im Nordmeer", "neue Zölle auf Stahl", "die Ausbildung von Lehrern",
          "den Bau einer Bahnstrecke", "die Rückgabe alter Kunstwerke", "gemeinsame Forschung zu Batterien",
          "den Austausch von Studierenden", "die Sicherheit von Häfen", "den Schutz von Wäldern"]
CLOSERS = [
    "„Wir erwarten rasche Fortschritte“, sagte ein Sprecher in {city_a}.",
    "Nach Angaben aus {city_a} sollen die Beratungen im {month} fortgesetzt werden.",
    "Beobachter rechneten mit {n} weiteren Treffen bis zum Jahresende.",
]
WEEKDAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag"]
MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
          "November", "Dezember"]


def article(i: int, rng: random.Random) -> dict:
    (a, city_a, adj_a), (b, city_b, _) = rng.sample(PARTIES, 2)
    published = date(2024, 1, 1) + timedelta(days=rng.randrange(0, 180))
    words = dict(a=a, b=b, city_a=city_a, city_b=city_b, adj_a=adj_a, day=rng.choice(WEEKDAYS),
                 topic=rng.choice(TOPICS), month=MONTHS[(published.month % 12)], n=rng.randrange(2, 9))
    body = [rng.choice(ACTS).format(**words), rng.choice(CLOSERS).format(**words),
            f"Es war das {i + 1}. Treffen dieser Art in diesem Jahr."]
    return {"id": f"art-{i:04d}", "title": f"{a} und {b}: {words['topic']}", "text": " ".join(body),
            "published": published.isoformat(), "url": f"https://nachrichten.example/{i}", "source": "Beispielblatt"}


def articles(n: int, seed: int = 13) -> list[dict]:
    rng = random.Random(seed)
    return [article(i, rng) for i in range(n)]


def write_corpus(folder: Path, n: int, files: int = 3, duplicates: int = 5, seed: int = 13) -> list[dict]:
    """`n` articles over `files` JSON Lines files; the last file repeats the first `duplicates`
    articles (same text, other ids and URLs). Returns the unique articles."""
    folder.mkdir(parents=True, exist_ok=True)
    arts = articles(n, seed)
    per = -(-n // files)
    for k in range(files):
        chunk = arts[k * per:(k + 1) * per]
        if k == files - 1:
            chunk = chunk + [dict(x, id=f"{x['id']}-again", url=f"{x['url']}?again") for x in arts[:duplicates]]
        with open(folder / f"part{k}.jsonl", "w", encoding="utf-8") as fh:
            for x in chunk:
                fh.write(json.dumps(x, ensure_ascii=False) + "\n")
    return arts
