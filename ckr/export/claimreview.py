"""The seed article's claims as schema.org ClaimReview items, in one JSON-LD file.

Each claim becomes a ClaimReview: what the article says (claimReviewed), the claim as it
appears in the article (itemReviewed), the verdict as a rating on a scale of 1 to 5
(RATINGS), the finding as its explanation, and the pages that back it as citations. The
reviewer is the dataset's publisher, ckr; the review's date is the day the dataset was last
reviewed. The file is made through ckr.export.files, like every export.
"""

from __future__ import annotations

import json

from ckr.export import licenses
from ckr.export.files import new_file
from ckr.model import Dataset

# The verdict on a scale of 1 (false) to 5 (true); a claim only the seed makes sits just
# above one the sources contradict.
RATINGS = {"supported": 5, "partly-supported": 3, "seed-only": 2, "unsupported": 1}
SEED_AUTHOR = "Seun Sam"
PUBLISHER = {"@type": "Organization", "name": "ckr"}
SHORT = 75  # characters of claimReviewed, as ClaimReview consumers show it


def export(data: Dataset, target: str, force: bool = False) -> None:
    with new_file(target, replace=force) as temporary:
        with open(temporary, "w", encoding="utf-8") as file:
            json.dump(document(data), file, indent=2, ensure_ascii=False)
            file.write("\n")


def document(data: Dataset) -> dict:
    sources = {source.id: source for source in data.sources}
    seed = licenses.seed(data)
    article = _article(seed) if seed is not None else None
    return {
        "@context": "https://schema.org",
        "@graph": [_review(data, claim, article, sources) for claim in data.claims],
    }


def _article(seed) -> dict:
    article = {
        "@type": "NewsArticle",
        "headline": seed.title,
        "url": seed.url,
        "author": {"@type": "Person", "name": SEED_AUTHOR},
        "publisher": {"@type": "Organization", "name": seed.publisher},
    }
    if seed.published:
        article["datePublished"] = seed.published
    return article


def _review(data: Dataset, claim, article: dict | None, sources: dict) -> dict:
    item: dict = {"@type": "Claim", "text": claim.claim}
    if article is not None:
        item |= {"appearance": article, "author": article["author"]}
    evidence = [sources[s] for s in dict.fromkeys(claim.sources) if s != "seed" and s in sources]
    return {
        "@type": "ClaimReview",
        "identifier": claim.id,
        "claimReviewed": _short(claim.claim),
        "itemReviewed": item,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATINGS[claim.verdict],
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": claim.verdict,
            "ratingExplanation": claim.finding,
        },
        "datePublished": data.metadata.last_reviewed,
        "author": PUBLISHER,
        "citation": [
            {
                "@type": "CreativeWork",
                "name": source.title,
                "url": source.url,
                "publisher": {"@type": "Organization", "name": source.publisher},
                "identifier": source.id,
            }
            for source in evidence
        ],
    }


def _short(text: str) -> str:
    if len(text) <= SHORT:
        return text
    return text[: SHORT - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
