"""Country names as people type them, resolved to ISO 3166-1 alpha-2 codes."""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from ckr.suggest import closest


class Country(NamedTuple):
    code: str  # alpha-2
    code3: str  # alpha-3
    name: str
    aliases: tuple[str, ...] = ()

    def spellings(self) -> tuple[str, ...]:
        return (self.code, self.code3, self.name, *self.aliases)


# Aliases: English names, short forms and demonyms, then the names people write in
# Korean, Khmer, Japanese, Chinese, Vietnamese and Thai (and the country's own script).
COUNTRIES = (
    Country(
        "KR",
        "KOR",
        "South Korea",
        (
            "korea",
            "republic of korea",
            "rok",
            "korean",
            "south korean",
            "s korea",
            "korea south",
            "korea republic of",
            "한국",
            "대한민국",
            "남한",
            "កូរ៉េ",
            "កូរ៉េខាងត្បូង",
            "韓国",
            "韩国",
            "韓國",
            "南韓",
            "hàn quốc",
            "เกาหลีใต้",
            "เกาหลี",
        ),
    ),
    Country(
        "KP",
        "PRK",
        "North Korea",
        (
            "democratic people's republic of korea",
            "dprk",
            "north korean",
            "n korea",
            "korea north",
            "북한",
            "조선",
            "កូរ៉េខាងជើង",
            "北朝鮮",
            "朝鲜",
            "北韓",
            "triều tiên",
            "เกาหลีเหนือ",
        ),
    ),
    Country(
        "KH",
        "KHM",
        "Cambodia",
        (
            "kingdom of cambodia",
            "cambodian",
            "khmer",
            "កម្ពុជា",
            "캄보디아",
            "カンボジア",
            "柬埔寨",
            "campuchia",
            "กัมพูชา",
        ),
    ),
    Country("JP", "JPN", "Japan", ("japanese", "日本", "일본", "ជប៉ុន", "nhật bản", "ญี่ปุ่น")),
    Country(
        "CN",
        "CHN",
        "China",
        (
            "people's republic of china",
            "prc",
            "chinese",
            "mainland china",
            "中国",
            "中國",
            "중국",
            "ចិន",
            "trung quốc",
            "จีน",
        ),
    ),
    Country(
        "US",
        "USA",
        "United States",
        (
            "united states of america",
            "america",
            "american",
            "us citizen",
            "미국",
            "アメリカ",
            "美国",
            "美國",
            "អាមេរិក",
            "hoa kỳ",
            "สหรัฐอเมริกา",
        ),
    ),
    Country(
        "VN",
        "VNM",
        "Vietnam",
        (
            "viet nam",
            "vietnamese",
            "việt nam",
            "베트남",
            "ベトナム",
            "越南",
            "វៀតណាម",
            "เวียดนาม",
        ),
    ),
    Country(
        "TH",
        "THA",
        "Thailand",
        (
            "thai",
            "kingdom of thailand",
            "ประเทศไทย",
            "ไทย",
            "태국",
            "タイ",
            "泰国",
            "泰國",
            "ថៃ",
            "thái lan",
        ),
    ),
    Country(
        "LA",
        "LAO",
        "Laos",
        (
            "lao pdr",
            "lao",
            "laotian",
            "lao people's democratic republic",
            "ລາວ",
            "라오스",
            "ラオス",
            "老挝",
            "寮國",
            "ឡាវ",
            "lào",
            "ลาว",
        ),
    ),
    Country(
        "MM",
        "MMR",
        "Myanmar",
        (
            "burma",
            "burmese",
            "မြန်မာ",
            "미얀마",
            "ミャンマー",
            "缅甸",
            "緬甸",
            "មីយ៉ាន់ម៉ា",
            "mianma",
            "เมียนมา",
            "พม่า",
        ),
    ),
    Country(
        "MY",
        "MYS",
        "Malaysia",
        (
            "malaysian",
            "말레이시아",
            "マレーシア",
            "马来西亚",
            "馬來西亞",
            "ម៉ាឡេស៊ី",
            "malaixia",
            "มาเลเซีย",
        ),
    ),
    Country(
        "SG",
        "SGP",
        "Singapore",
        (
            "singaporean",
            "싱가포르",
            "シンガポール",
            "新加坡",
            "សិង្ហបុរី",
            "สิงคโปร์",
        ),
    ),
    Country(
        "ID",
        "IDN",
        "Indonesia",
        (
            "indonesian",
            "인도네시아",
            "インドネシア",
            "印度尼西亚",
            "印尼",
            "ឥណ្ឌូណេស៊ី",
            "อินโดนีเซีย",
        ),
    ),
    Country(
        "PH",
        "PHL",
        "Philippines",
        (
            "the philippines",
            "filipino",
            "philippine",
            "필리핀",
            "フィリピン",
            "菲律宾",
            "菲律賓",
            "ហ្វីលីពីន",
            "philippin",
            "ฟิลิปปินส์",
        ),
    ),
    Country(
        "BN",
        "BRN",
        "Brunei",
        (
            "brunei darussalam",
            "bruneian",
            "브루나이",
            "ブルネイ",
            "文莱",
            "汶萊",
            "ព្រុយណេ",
            "บรูไน",
        ),
    ),
    Country(
        "TL",
        "TLS",
        "Timor-Leste",
        (
            "east timor",
            "timor leste",
            "timorese",
            "timor",
            "동티모르",
            "東ティモール",
            "东帝汶",
            "東帝汶",
            "ទីម័រខាងកើត",
            "đông timor",
            "ติมอร์-เลสเต",
        ),
    ),
)

BY_CODE = {country.code: country for country in COUNTRIES}
SOUTHEAST_ASIA = ("KH", "VN", "TH", "LA", "MM", "MY", "SG", "ID", "PH", "BN", "TL")


def _normal(text: str) -> str:
    """Case, width, accents' encoding, punctuation and spaces do not matter: "S. Korea",
    "s korea"; "Korea, Republic of", "korea republic of"; "ＫＯＲＥＡ", "korea"; "U.S.", "us"."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"\b(\w)\.(?=\w\.)", r"\1", text)  # initials: "u.s.a." -> "usa."
    text = re.sub(r"[.,()\-]", " ", text.replace("’", "'"))
    return re.sub(r"\s+", " ", text).strip().removeprefix("the ")


@lru_cache(maxsize=1)
def _lookup() -> dict[str, Country]:
    """Every curated spelling, normalised: made on first use, since most commands never
    resolve a country name and start faster without it."""
    return {_normal(s): c for c in COUNTRIES for s in c.spellings()}


class World(NamedTuple):
    """Every ISO 3166-1 country (countries.tsv), for names the curated list lacks."""

    by_code: dict[str, Country]
    lookup: dict[str, Country]  # by every spelling, normalised
    demonyms: dict[str, str]  # by code: "German", the adjective a passport takes


@lru_cache(maxsize=1)
def world() -> World:
    """The ISO list, read on first use: only a name or code the curated list lacks needs it."""
    by_code, lookup, demonyms = {}, {}, {}
    # A path beside this module, not importlib.resources: that import alone costs more
    # than reading the file, and every command imports this module.
    with open(os.path.join(os.path.dirname(__file__), "countries.tsv"), encoding="utf-8") as file:
        text = file.read()
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    for line in lines[1:]:  # after the header
        code, code3, name, demonym, others = line.split("\t")
        country = Country(code, code3, name, tuple(filter(None, others.split(";"))))
        by_code[code], demonyms[code] = country, demonym
        for spelling in country.spellings():
            lookup.setdefault(_normal(spelling), country)
    return World(by_code, lookup, demonyms)


class UnknownCountry(ValueError):
    def __init__(self, text: str, suggestion: str | None) -> None:
        hint = f" (did you mean {suggestion!r}?)" if suggestion else ""
        super().__init__(f"unknown country {text!r}{hint}")


def resolve(text: str) -> Country:
    """The country `text` names, the curated spellings first, then any ISO 3166-1 country;
    or UnknownCountry with the nearest spelling."""
    normal = _normal(text)
    country = _lookup().get(normal) or world().lookup.get(normal)
    if country is None:
        raise UnknownCountry(text, suggest(text))
    return BY_CODE.get(country.code, country)


def suggest(text: str) -> str | None:
    names = [spelling for spelling in world().lookup if len(spelling) > 3]  # not codes
    return closest(_normal(text), _lookup(), cutoff=0.75) or closest(
        _normal(text), names, cutoff=0.75
    )


def name_of(code: str) -> str:
    """A readable name for a code, or the code itself when it is not a country."""
    country = BY_CODE.get(code) or world().by_code.get(code)
    return country.name if country else code


def demonym(code: str) -> str:
    """The adjective a country's passports take ("German"), else its name."""
    return world().demonyms.get(code) or name_of(code)
