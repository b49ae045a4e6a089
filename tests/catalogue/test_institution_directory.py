"""The institution list behind suggest: prefix matches on names and codes (compact: spacing, case
and punctuation ignored), from memory, reloaded from the database once its time is up."""

from __future__ import annotations

from biomap.catalogue.institution_directory import InstitutionDirectory, InstitutionName, InstitutionNames

NAMES = InstitutionNames((
    InstitutionName("INHA", "인하대학교", "Inha University"),
    InstitutionName("ITP_BIO", "인천테크노파크", "Incheon Technopark"),
    InstitutionName("KNIBRT", "", "K-NIBRT"),
    InstitutionName("YONSEI_IC", "연세대학교 국제캠퍼스", "Yonsei University International Campus"),
    InstitutionName("SKBS", "SK바이오사이언스", "SK bioscience"),
))


def test_prefix_of_the_english_name_in_any_case_the_korean_name_or_the_code() -> None:
    assert [n.code for n in NAMES.by_prefix("inc", 10)] == ["ITP_BIO"]
    assert [n.code for n in NAMES.by_prefix("INHA", 10)] == ["INHA"]
    assert [n.code for n in NAMES.by_prefix("연세", 10)] == ["YONSEI_IC"]
    assert [n.code for n in NAMES.by_prefix("itp", 10)] == ["ITP_BIO"]  # the code, upper-cased
    assert [n.code for n in NAMES.by_prefix("in", 10)] == ["INHA", "ITP_BIO"]  # code order
    assert [n.code for n in NAMES.by_prefix("in", 1)] == ["INHA"]
    assert NAMES.by_prefix("University", 10) == []  # a prefix, not a word inside
    assert NAMES.by_prefix("%", 10) == [] and NAMES.by_prefix("_", 10) == []  # no wildcards
    assert [n.code for n in NAMES.by_prefix("SK바", 10)] == ["SKBS"]  # the Korean name as written
    assert [n.code for n in NAMES.by_prefix("sk", 10)] == ["SKBS"]  # through the English name
    assert [n.code for n in NAMES.by_prefix("sk바", 10)] == ["SKBS"]  # case does not matter either
    assert NAMES.by_prefix("in", 0) == []
    # spacing and punctuation do not matter, as everywhere in search
    assert [n.code for n in NAMES.by_prefix("연세대학교국제", 10)] == ["YONSEI_IC"]
    assert [n.code for n in NAMES.by_prefix("인천 테크노", 10)] == ["ITP_BIO"]
    assert [n.code for n in NAMES.by_prefix("K-NI", 10)] == ["KNIBRT"]
    assert [n.code for n in NAMES.by_prefix("knibrt", 10)] == ["KNIBRT"]
    assert NAMES.by_prefix(" - ", 10) == []
    assert [n.code for n in NAMES] == ["INHA", "ITP_BIO", "KNIBRT", "YONSEI_IC", "SKBS"]


async def test_the_list_is_read_once_per_ttl_and_then_again(conn) -> None:
    now = [0.0]
    directory = InstitutionDirectory(ttl=60.0, clock=lambda: now[0])
    first = await directory.names(conn)
    assert {n.code for n in first} >= {"INHA", "YONSEI_IC"}
    assert [n.code for n in first] == sorted(n.code for n in first)

    await conn.execute("UPDATE organisation SET name_en = 'Inha National University' WHERE code = 'INHA'")
    now[0] = 59.0
    assert await directory.names(conn) is first  # within the minute: no statement, the same list
    now[0] = 60.0
    renamed = {n.code: n for n in await directory.names(conn)}
    assert renamed["INHA"].name_en == "Inha National University"
