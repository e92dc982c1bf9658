"""Country names as people write them, in their own scripts and in the users' languages."""

import pytest

from ckr import countries
from conftest import tsv_rows


@pytest.mark.parametrize(
    "name, code",
    [
        ("한국", "KR"),
        ("대한민국", "KR"),
        ("캄보디아", "KH"),
        ("កម្ពុជា", "KH"),
        ("កូរ៉េ", "KR"),
        ("日本", "JP"),
        ("中国", "CN"),
        ("Việt Nam", "VN"),
        ("Vie\u0323\u0302t Nam", "VN"),  # the same name, its accents typed as combining marks
        ("ประเทศไทย", "TH"),
        ("ລາວ", "LA"),
        ("미국", "US"),
        ("북한", "KP"),
        ("Burma", "MM"),
        ("east-timor", "TL"),
        ("U.S.", "US"),
        ("U.S.A.", "US"),
        ("Korea, Republic of", "KR"),
        ("\uff4b\uff4f\uff52\uff45\uff41", "KR"),  # "korea" in full-width letters
    ],
)
def test_names_in_many_scripts(name, code):
    assert countries.resolve(name).code == code


def test_every_spelling_names_one_country_only():
    seen: dict[str, str] = {}
    for country in countries.COUNTRIES:
        for spelling in country.spellings():
            key = countries._normal(spelling)
            assert seen.setdefault(key, country.code) == country.code, spelling


def test_visa_accepts_a_korean_name(run):
    result = run("visa", "--passport", "대한민국", "-d", "베트남")
    assert result.exit_code == 0
    first = tsv_rows(result.output)[0]
    assert (first["nationality"], first["destination"], first["destination_name"]) == (
        "KR",
        "VN",
        "Vietnam",
    )
    assert (first["regime"], first["max_stay_days"]) == ("visa_free", "45")


@pytest.mark.parametrize(
    "spelling, code, name, demonym",
    [
        ("germany", "DE", "Germany", "German"),
        ("German", "DE", "Germany", "German"),
        ("DEU", "DE", "Germany", "German"),
        ("ivory coast", "CI", "Côte d'Ivoire", "Ivorian"),
        ("Iran, Islamic Republic of", "IR", "Iran", "Iranian"),
        ("UK", "GB", "United Kingdom", "British"),
        ("korea", "KR", "South Korea", "South Korean"),  # the curated list comes first
    ],
)
def test_every_iso_country_resolves(spelling, code, name, demonym):
    country = countries.resolve(spelling)
    assert (country.code, country.name) == (code, name)
    assert countries.demonym(code) == demonym
    assert countries.name_of(code) == name


def test_the_world_list_has_every_iso_country_once():
    world = countries.world()
    assert len(world.by_code) == 249
    assert all(len(code) == 2 and code.isupper() for code in world.by_code)
    assert countries.suggest("germny") == "germany"
