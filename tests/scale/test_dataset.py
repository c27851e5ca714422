import pytest

from lagebild.errors import StoreError
from lagebild.scale.dataset import Deduper, begin_run, group_name, read_meta


@pytest.mark.parametrize("content", ["other.txt", None])
def test_out_must_be_new_empty_or_a_dataset(tmp_path, fake_job, content):
    root = tmp_path / "out"
    root.mkdir()
    if content:
        (root / content).write_text("x")
        with pytest.raises(StoreError, match="not empty"):
            begin_run(root, fake_job.hasher.params)
    else:
        assert begin_run(root, fake_job.hasher.params) == 1
        assert begin_run(root, fake_job.hasher.params) == 2


@pytest.mark.parametrize("docs,expected", [
    ([("h1", "u1", "a"), ("h1", "u2", "b")], [("a", ""), (None, "same text")]),
    ([("h1", "https://x/u1", "a"), ("h2", "HTTPS://X/u1/", "b")], [("a", ""), (None, "same URL")]),
    ([("h1", None, "a"), ("h2", None, "a")], [("a", ""), ("a~h2", "renamed")]),
    ([("h1", "u1", "a"), ("h2", "u1", "b"), ("h2", None, "c")], [("a", ""), (None, "same URL"), ("c", "")]),
])
def test_deduper_follows_the_store_rules(docs, expected):
    d = Deduper()
    assert [d.decide(h, u, i) for h, u, i in docs] == expected


def test_group_names_follow_the_documents(fake_job):
    from store.store_fakes import analyzed
    a, b = analyzed("a", "FRA AID DEU."), analyzed("b", "DEU AID FRA.")
    assert group_name([a, b]) == group_name([a, b]) != group_name([b, a]) != group_name([a])


def test_a_new_run_marks_the_dataset_unfinished(tmp_path, fake_job):
    begin_run(tmp_path / "ds", fake_job.hasher.params)
    assert read_meta(tmp_path / "ds")["state"] == "writing"
    with pytest.raises(StoreError, match="signatures"):
        begin_run(tmp_path / "ds", "minhash:other")


def test_the_dataset_carries_the_derived_event_locations():
    # `events --near` reads event_locations: a dataset must have the table its views name
    from lagebild.scale.dataset import tables
    from lagebild.store.rows import EVENT_LOCATIONS
    assert tables()["event_locations"] == EVENT_LOCATIONS
