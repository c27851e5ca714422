import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from story_fixtures import LATER, options, write

from lagebild.errors import InputError
from lagebild.store import open_store

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "src/lagebild/schemas/compare.json").read_text("utf-8"))


def members(stories):
    return sorted(sorted(d["doc_id"] for d in s["documents"]) for s in stories)


def test_stories_group_the_articles_of_each_story(story_store):
    with open_store(story_store, read_only=True) as st:
        found = st.stories()
    assert members(found) == [["s1", "s2"], ["t1", "t2", "t3"]]
    tanker = next(s for s in found if len(s["documents"]) == 3)
    assert [d["published"] for d in tanker["documents"]] == sorted(d["published"] for d in tanker["documents"])
    assert not tanker["title"].endswith(":") and "Nordhafen" in tanker["title"]
    assert {d["url"] for d in tanker["documents"]} >= {"https://b.example/tanker#live-1",
                                                        "https://b.example/tanker#live-2"}


def test_compare_follows_the_contract(story_store):
    with open_store(story_store, read_only=True) as st:
        result = st.compare()
    jsonschema.validate(result, SCHEMA)
    assert len(result["stories"]) == 2
    for story in result["stories"]:
        docs = {d["url"] for d in story["documents"]}
        for f in story["facts"]:
            reporting = {m["url"] for m in f["mentions"]}
            assert reporting | set(f["omitted_by"]) == docs and not reporting & set(f["omitted_by"])


def test_compare_one_story_and_an_unknown_one(story_store):
    with open_store(story_store, read_only=True) as st:
        sid = st.stories()[0]["id"]
        assert [s["id"] for s in st.compare(sid)["stories"]] == [sid]
        with pytest.raises(InputError, match="no story"):
            st.compare("nonesuch")


def test_the_figures_of_the_tanker_story_conflict(story_store):
    with open_store(story_store, read_only=True) as st:
        tanker = next(s for s in st.compare()["stories"] if len(s["documents"]) == 3)
    figures = [c for c in tanker["conflicts"] if c["kind"] == "figure"]
    assert figures and {v["value"].split()[0] for v in figures[0]["versions"]} == {"12", "14"}


def test_story_ids_stay_when_articles_arrive(story_store, tmp_path):
    from lagebild.store.ingest import ingest
    db = tmp_path / "copy.duckdb"
    shutil.copy(story_store, db)
    with open_store(db) as st:            # writable: the assignments are saved
        before = {s["id"]: members([s]) for s in st.stories()}
        assert st.sql("SELECT count(*) AS n FROM story_members").to_pylist()[0]["n"] == 6
    ingest(db, [str(write(tmp_path / "later.jsonl", [LATER]))], options())
    with open_store(db, read_only=True) as st:
        after = {s["id"]: members([s]) for s in st.stories()}
    assert set(after) == set(before)
    grown = [sid for sid in after if after[sid] != before[sid]]
    assert len(grown) == 1 and "t4" in after[grown[0]][0]


def test_compare_of_a_saved_story_reads_only_its_articles_and_gives_the_same(story_store, tmp_path):
    db = tmp_path / "copy.duckdb"
    shutil.copy(story_store, db)
    with open_store(db) as st:
        sid = st.stories()[0]["id"]                 # saves every assignment
        fast = st.compare(sid)
    with open_store(story_store, read_only=True) as st:
        assert st.compare(sid) == fast             # grouped afresh in memory
