"""Fact-check export: schema.org ClaimReview JSON-LD for altered and misattributed quotes.

One ClaimReview per claim, a claim being one wording (and attribution) of an
official statement that differs from it; every post where that wording
appeared is an appearance of the Claim. The official source the statement
comes from is the evidence the review rests on (``isBasedOn``), and the
rating's ``alternateName`` says what is wrong with the claim. See
https://schema.org/ClaimReview and the fact-check markup guidelines.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from provenance.text.tokens import normalise

AUTHOR = {"@type": "Organization", "name": "forum-provenance"}
# rating on a 1 (false) to 5 (true) scale, as ClaimReview's guidelines ask
RATINGS = {
    "altered": (2, "Altered quote: the official words were changed"),
    "misattributed": (1, "Misattributed: the statement was made by someone else"),
}


def claim_reviews(rows: Sequence[dict[str, Any]], reviewed_on: date) -> list[dict[str, Any]]:
    """The ClaimReview objects of `rows` (Store.altered_claims), one per claim."""
    claims: dict[tuple[str, str, str, str], list[dict[str, Any]]] = {}
    for row in rows:
        key = (
            str(row["statement_id"]),
            str(row["label"]),
            normalise(row["text"] or ""),
            normalise(row["quoted_speaker"] or ""),
        )
        claims.setdefault(key, []).append(row)
    return [_review(key, members, reviewed_on) for key, members in claims.items()]


def _review(
    key: tuple[str, str, str, str], members: list[dict[str, Any]], reviewed_on: date
) -> dict[str, Any]:
    first = members[0]
    claim_id = hashlib.sha256("\x1f".join(key).encode()).hexdigest()[:16]
    value, name = RATINGS[str(first["label"])]
    appearances = [
        {"@type": "CreativeWork", "url": m["post_url"]}
        | ({"datePublished": _iso(m["posted_at"])} if m["posted_at"] else {})
        for m in members
        if m["post_url"]
    ]
    claim: dict[str, Any] = {"@type": "Claim", "appearance": appearances}
    if appearances:
        claim["firstAppearance"] = appearances[0]
        if first["posted_at"]:
            claim["datePublished"] = _iso(first["posted_at"])
    if first["quoted_speaker"]:
        claim["author"] = {"@type": "Person", "name": first["quoted_speaker"]}
    official: dict[str, Any] = {"@type": "CreativeWork", "url": first["official_url"]}
    if first["official_title"]:
        official["headline"] = first["official_title"]
    if first["published"]:
        official["datePublished"] = str(first["published"])[:10]
    if first["speaker"]:
        official["author"] = {"@type": "Person", "name": first["speaker"]}
    explanation = f"Official text ({first['speaker']}): \u201c{first['statement_text']}\u201d"
    if first["diff"]:
        explanation += f" Changes: {first['diff']}"
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"{first['official_url']}#claim-{claim_id}",
        "claimReviewed": first["text"],
        "datePublished": reviewed_on.isoformat(),
        "author": AUTHOR,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": name,
        },
        "itemReviewed": claim,
        "isBasedOn": official,
        "reviewBody": explanation,
    }


def claim_reviews_json(rows: Sequence[dict[str, Any]], reviewed_on: date) -> str:
    return json.dumps(claim_reviews(rows, reviewed_on), ensure_ascii=False, indent=2)


def _iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, datetime | date) else str(value)
