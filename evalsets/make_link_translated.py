"""Write tests/data/link_translated/ from the texts in evalsets/translated/.

The texts were written by hand (see tests/data/link_translated/README.md);
this script only turns them into the JSON Lines format of bench/link_quality.py,
next to a copy of the releases of tests/data/link_eval/ (the same sources,
so that every release of an agency competes for each translation).

Each text in evalsets/translated/*.txt starts with a header line
``=== <id> | <release> | <language> | <kind> | <split>``; kind is ``full`` or
``excerpt`` (a translation, expected ``translated``), ``sibling`` (a
translation of a held-out release, expected no link) or ``english`` (a
same-language text, which must not be ``translated``).

Usage: .venv/bin/python evalsets/make_link_translated.py
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ROOT / "evalsets" / "translated"
SOURCE = ROOT / "tests" / "data" / "link_eval"
OUT = ROOT / "tests" / "data" / "link_translated"
CATEGORY = {
    "full": "translated",
    "excerpt": "translated",
    "sibling": "translated-sibling",
    "english": "same-language",
}


def docs() -> list[dict]:
    releases = {
        r["id"]: r
        for r in map(
            json.loads, (SOURCE / "releases.jsonl").read_text(encoding="utf-8").splitlines()
        )
    }
    found = []
    for path in sorted(TEXTS.glob("*.txt")):
        for block in path.read_text(encoding="utf-8").split("=== ")[1:]:
            head, _, text = block.partition("\n")
            doc_id, release, language, kind, split = (part.strip() for part in head.split("|"))
            category = CATEGORY[kind]
            url = releases[release]["url"]
            if category == "translated-sibling" and releases[release]["indexed"]:
                raise ValueError(f"{doc_id}: a sibling negative must translate a held-out release")
            found.append(
                {
                    "id": doc_id,
                    "category": category,
                    "release": release,
                    "expected_source": None if category == "translated-sibling" else url,
                    "expected_verdict": "translated" if category == "translated" else None,
                    "text": text.strip(),
                    "cited_urls": [],
                    "kind": kind,
                    "language": language,
                    "split": split,
                }
            )
    return found


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE / "releases.jsonl", OUT / "releases.jsonl")
    lines = [json.dumps(d, ensure_ascii=False) for d in docs()]
    (OUT / "docs.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} documents in {OUT}")


if __name__ == "__main__":
    main()
