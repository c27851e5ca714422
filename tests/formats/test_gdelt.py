from __future__ import annotations

import pytest

from lagebild.formats.gdelt import COLUMNS, gdelt_row, gdelt_rows


def party(code, sector=None, text="X", name=None):
    return {"entity_text": text, "start": 0, "end": 1, "code": code, "sector": sector,
            "identifier_text": name, "identifier_id": None}


def event(**kw) -> dict:
    rec = {"kind": "event", "doc_id": "d1", "id": "00000000000000ff", "date": "2024-02-09",
           "event": ["ACCUSE"], "actor": [party("CHN", "GOV", "Peking", "Government of China")],
           "recipient": [party("USA", None, "Washington")], "text_info": {"sequence": 0, "start": 0, "end": 9},
           "quad_code": 3, "event_scale": -2.0, "cameo": "112", "goldstein": -2.0,
           "url": "https://example.org/a", "published": "2024-02-10"}
    rec.update(kw)
    return rec


def col(row, name):
    return row[COLUMNS.index(name)]


def test_sixty_one_columns_in_codebook_order():
    assert len(COLUMNS) == 61
    assert COLUMNS[:5] == ("GlobalEventID", "Day", "MonthYear", "Year", "FractionDate")
    assert COLUMNS[25:35] == ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
                              "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone")
    assert COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")
    assert len(gdelt_row(event())) == 61


def test_a_single_article_event():
    row = gdelt_row(event())
    assert col(row, "GlobalEventID") == str(int("00000000000000ff"[:15], 16))   # 60 bits: fits an INT64
    assert (col(row, "Day"), col(row, "MonthYear"), col(row, "Year")) == ("20240209", "202402", "2024")
    assert col(row, "FractionDate") == "2024.1066"
    assert (col(row, "Actor1Code"), col(row, "Actor1CountryCode"), col(row, "Actor1Type1Code")) == ("CHNGOV", "CHN", "GOV")
    assert col(row, "Actor1Name") == "GOVERNMENT OF CHINA"
    assert (col(row, "Actor2Code"), col(row, "Actor2Name")) == ("USA", "WASHINGTON")
    assert (col(row, "EventCode"), col(row, "EventBaseCode"), col(row, "EventRootCode")) == ("112", "112", "11")
    assert (col(row, "QuadClass"), col(row, "GoldsteinScale"), col(row, "IsRootEvent")) == ("3", "-2", "1")
    assert (col(row, "NumMentions"), col(row, "NumSources"), col(row, "NumArticles")) == ("1", "1", "1")
    assert col(row, "AvgTone") == "" and col(row, "ActionGeo_Lat") == ""
    assert (col(row, "DATEADDED"), col(row, "SOURCEURL")) == ("20240210000000", "https://example.org/a")


def test_cluster_counts_and_igo_codes():
    row = gdelt_row(event(actor=[party("NATO", None, "NATO")],
                          cluster={"id": "abc", "num_mentions": 7, "num_articles": 4, "num_sources": 3}))
    assert (col(row, "NumMentions"), col(row, "NumSources"), col(row, "NumArticles")) == ("7", "3", "4")
    assert (col(row, "Actor1CountryCode"), col(row, "Actor1KnownGroupCode")) == ("", "NATO")
    assert col(row, "GlobalEventID") == str(0xabc)


@pytest.mark.parametrize("kw", [
    {"date": None, "published": None}, {"actor": [], "recipient": []}, {"cameo": None, "quad_code": None},
    {"event_text": "tab\there\nand newline", "url": "https://x.org/a\tb"},
])
def test_sparse_or_messy_events_still_give_clean_rows(kw):
    row = gdelt_row(event(**kw))
    assert len(row) == 61 and all("\t" not in c and "\n" not in c for c in row)


def test_rows_of_many_events():
    assert len(list(gdelt_rows([event(), event(id="1")]))) == 2


KHARKIV = {"extracted_place": "Charkiw", "resolved_place": "Kharkiv", "geonameid": 706483, "lat": 49.98081,
           "lon": 36.25272, "city": "Kharkiv", "district": None, "province": None, "country": "Ukraine",
           "country_code": "UKR", "feature_class": "P", "feature_code": "PPL", "resolution": 4,
           "adm1_code": "UP07", "fips": "UP"}
PORTLAND = dict(KHARKIV, extracted_place="Portland", resolved_place="Portland", geonameid=5746545, lat=45.52345,
                lon=-122.67621, city="Portland", province="Oregon", country="United States", country_code="USA",
                adm1_code="USOR", fips="US")
OREGON = dict(PORTLAND, resolved_place="Oregon", geonameid=5744337, city=None, feature_class="A",
              feature_code="ADM1", resolution=2)
UKRAINE = dict(KHARKIV, extracted_place="Ukraine", resolved_place="Ukraine", geonameid=690791, city=None,
               feature_class="A", feature_code="PCLI", resolution=1, adm1_code=None)
GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")


@pytest.mark.parametrize("loc, want", [
    (KHARKIV, ("4", "Kharkiv, Ukraine", "UP", "UP07", "", "49.9808", "36.2527", "706483")),
    (PORTLAND, ("3", "Portland, Oregon, United States", "US", "USOR", "", "45.5234", "-122.676", "5746545")),
    (OREGON, ("2", "Oregon, United States", "US", "USOR", "", "45.5234", "-122.676", "5744337")),
    (UKRAINE, ("1", "Ukraine", "UP", "UP", "", "49.9808", "36.2527", "UP")),   # a country: FIPS as feature id
])
def test_action_geo_columns(loc, want):
    row = gdelt_row(event(location=loc))
    assert tuple(col(row, f"ActionGeo_{f}") for f in GEO) == want
    assert all(col(row, f"Actor1Geo_{f}") == "" for f in GEO)   # the actors' places are not known


def test_no_location_leaves_action_geo_empty():
    row = gdelt_row(event(location=None))
    assert all(col(row, f"ActionGeo_{f}") == "" for f in GEO) and len(row) == 61
