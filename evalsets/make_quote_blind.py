"""Build the hand-written blind and tune quote sets, and the blind rewrite-link set.

Usage:
    .venv/bin/python evalsets/make_quote_blind.py [--check]

The documents were written by hand in tests/data/quotes_blind/source/*.txt, in a small
markup that keeps each gold quote where it stands in the text:

* ``=== <id> kind=<release|news|rewrite|post|...> release=<id> set=<blind|tune|both>``
  starts a document (``link=<category>`` also puts it in the rewrite-link set:
  ``rewrite`` or ``negative``; a release always goes in it);
* ``⟦q1|words⟧`` marks the words of gold quote ``q1`` (the marks stay outside);
  the same id twice is one quote over several paragraphs; ``⟦q1|@rel#0⟧`` writes the
  words of statement ``rel#0`` verbatim; ``⟦~|words⟧`` marks scare quotes, which are
  not statements (kept as ``scare`` spans, never gold);
* ``@q1 speaker | label | statement | how [| cluster]`` gives the gold of ``q1``
  (``-`` for no speaker or no statement; ``how`` is one or more shape tags joined
  with ``+``);
* ``!agency Full Name | short form | short form`` names an agency that speaks, and
  the forms a text may use for it (written to agencies.json for the scorer);
* ``!url <release> <url>`` gives a release's official address (rewrite-link set).

``--check`` only checks the labels against the statements (a verbatim quote must be a
statement's words, a truncated one a part of them, an altered or paraphrased one not).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "tests" / "data" / "quotes_blind" / "source"
OUT = {
    "blind": ROOT / "tests" / "data" / "quotes_blind",
    "tune": ROOT / "tests" / "data" / "quotes_tune",
}
LINK_OUT = ROOT / "tests" / "data" / "link_blind"
LABELS = {"statement", "verbatim", "truncated", "altered", "misattributed", "paraphrase",
          "unmatched"}
_MARK = re.compile(r"⟦([^|⟧]+)\|([^⟧]*)⟧")


def _norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s)
    s = re.sub(r"[“”„«»\"]", '"', re.sub(r"[‘’‚`]", "'", s))
    s = re.sub(r"\s+", " ", s).strip()
    return s.strip(" ,.;:\"'—-")


def parse(paths: Sequence[Path]) -> tuple[list[dict], dict[str, list[str]], dict[str, str]]:
    docs: list[dict] = []
    agencies: dict[str, list[str]] = {}
    urls: dict[str, str] = {}
    statements: dict[str, str] = {}
    for path in paths:
        blocks = re.split(r"^=== ", path.read_text(encoding="utf-8"), flags=re.M)
        for line in blocks[0].splitlines():
            if line.startswith("!agency "):
                name, *forms = [p.strip() for p in line[8:].split("|")]
                agencies[name] = forms
            elif line.startswith("!url "):
                rel, url = line[5:].split()
                urls[rel] = url
        for block in blocks[1:]:
            docs.append(_doc(block, statements, path.name))
    return docs, agencies, urls


def _doc(block: str, statements: dict[str, str], where: str) -> dict:
    head, _, body = block.partition("\n")
    doc_id, *pairs = head.split()
    meta = dict(p.split("=", 1) for p in pairs)
    lines = body.split("\n")
    gold_lines = [ln for ln in lines if ln.startswith("@")]
    text_lines = [ln for ln in lines if not ln.startswith("@") and not ln.startswith("#")]
    raw = "\n".join(text_lines).strip("\n")
    golds: dict[str, dict] = {}
    for ln in gold_lines:
        qid, _, rest = ln[1:].partition(" ")
        fields = [f.strip() for f in rest.split("|")]
        speaker, label, statement, how = fields[:4]
        if label not in LABELS:
            raise ValueError(f"{where} {doc_id} {qid}: label {label!r}")
        golds[qid] = {
            "spans": [],
            "speaker": None if speaker == "-" else speaker,
            "label": label,
            "statement": None if statement == "-" else statement,
            "cluster": fields[4] if len(fields) > 4 else (
                f"{doc_id}/{qid}" if label == "unmatched" else None),
            "how": how,
        }
    text, scare, pos, out = "", [], 0, []
    for m in _MARK.finditer(raw):
        out.append(raw[pos:m.start()])
        qid, words = m.group(1), m.group(2)
        if words.startswith("@"):
            words = statements[words[1:]].replace("\n", " ")
        start = sum(map(len, out))
        out.append(words)
        span = [start, start + len(words)]
        if qid == "~":
            scare.append(span)
        elif qid not in golds:
            raise ValueError(f"{where} {doc_id}: no gold line for {qid}")
        else:
            golds[qid]["spans"].append(span)
        pos = m.end()
    out.append(raw[pos:])
    text = "".join(out)
    if "⟦" in text or "⟧" in text:
        raise ValueError(f"{where} {doc_id}: unbalanced mark")
    quotes = []
    for qid, g in golds.items():
        for s, e in g["spans"]:
            if text[s:e] != text[s:e].strip() or text[s:e][:1] in "\"“”„«»'‘’" or (
                text[s:e][-1:] in "\"“”„«»"
            ):
                raise ValueError(f"{where} {doc_id}: {qid} span has marks or spaces at an end")
        if not g["spans"]:
            raise ValueError(f"{where} {doc_id}: {qid} has no span")
        quotes.append(g)
    quotes.sort(key=lambda q: q["spans"][0][0])
    kind = meta["kind"]
    doc = {
        "id": doc_id,
        "kind": kind,
        "official": kind == "release",
        "release": meta.get("release", doc_id),
        "text": text,
        "quotes": quotes,
        "scare": scare,
        "set": meta.get("set", "blind"),
        "link": meta.get("link", "release" if kind == "release" else ""),
        "agency": meta.get("agency", "").replace("_", " "),
    }
    if kind == "release":
        for q in quotes:
            statements[q["statement"]] = "\n".join(text[s:e] for s, e in q["spans"])
    return doc


def check(docs: list[dict]) -> list[str]:
    """Problems of the gold labels, measured against the statements' words."""
    st: dict[str, tuple[str, str | None]] = {}
    for d in docs:
        if d["official"]:
            for q in d["quotes"]:
                st[q["statement"]] = (_norm(_text(d, q)), q["speaker"])
    problems = []
    for d in docs:
        if d["official"]:
            continue
        for q in d["quotes"]:
            words = _norm(_text(d, q))
            where = f"{d['id']} {q['label']} {words[:50]!r}"
            if q["label"] == "unmatched":
                if q["statement"]:
                    problems.append(f"{where}: unmatched with a statement")
                continue
            if q["statement"] not in st:
                problems.append(f"{where}: no statement {q['statement']}")
                continue
            text, speaker = st[q["statement"]]
            # the first word may differ in case only: an excerpt that starts mid-sentence
            # is often capitalised, and one that starts a sentence lowercased (truncated,
            # as the generated set labels them)
            inside = words in text or (words[:1].swapcase() + words[1:]) in text
            if q["label"] == "verbatim" and text not in (words, words[:1].swapcase() + words[1:]):
                problems.append(f"{where}: verbatim but not the statement")
            if q["label"] == "truncated" and (not inside or words == text):
                problems.append(f"{where}: truncated but not a part")
            if q["label"] in ("altered", "paraphrase") and inside:
                problems.append(f"{where}: {q['label']} but a part of the statement")
            if q["label"] == "misattributed" and q["speaker"] == speaker:
                problems.append(f"{where}: misattributed to the statement's speaker")
            if q["label"] != "misattributed" and q["speaker"] not in (speaker, None):
                problems.append(f"{where}: speaker {q['speaker']} is not {speaker}")
    return problems


def _text(d: dict, q: dict) -> str:
    return "\n".join(d["text"][s:e] for s, e in q["spans"])


def _title(text: str) -> str:
    return text.split("\n", 1)[0].strip()


def write(docs: list[dict], agencies: dict[str, list[str]], urls: dict[str, str]) -> None:
    keys = ("id", "kind", "official", "release", "text", "quotes", "scare")
    for name, out in OUT.items():
        out.mkdir(parents=True, exist_ok=True)
        chosen = [d for d in docs if d["set"] in (name, "both")]
        with (out / "docs.jsonl").open("w", encoding="utf-8") as f:
            for d in chosen:
                f.write(json.dumps({k: d[k] for k in keys}, ensure_ascii=False) + "\n")
        (out / "agencies.json").write_text(
            json.dumps(agencies, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    LINK_OUT.mkdir(parents=True, exist_ok=True)
    releases = [d for d in docs if d["kind"] == "release" and d["release"] in urls]
    agency_of = {r["release"]: r["agency"] for r in releases}
    with (LINK_OUT / "releases.jsonl").open("w", encoding="utf-8") as f:
        for r in releases:
            row = {
                "id": r["release"],
                "url": urls[r["release"]],
                "title": _title(r["text"]),
                "text": r["text"],
                "agency": agency_of[r["release"]],
                "family": r["release"].split("-")[0],
                "indexed": True,
            }
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    with (LINK_OUT / "docs.jsonl").open("w", encoding="utf-8") as f:
        for d in docs:
            if d["link"] not in ("rewrite", "negative"):
                continue
            positive = d["link"] == "rewrite"
            row = {
                "id": d["id"],
                "category": d["link"],
                "release": d["release"],
                "expected_source": urls[d["release"]] if positive else None,
                "expected_verdict": "rewrite" if positive else None,
                "text": d["text"],
                "cited_urls": [],
                # rewrites: quoting (2+ statements verbatim) or not quoting at all
                "kind": ("quoting" if d["quotes"] else "no-quote") if positive else "rewrite",
            }
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    docs, agencies, urls = parse(sorted(SOURCE.glob("*.txt")))
    problems = check(docs)
    for p in problems:
        print("check:", p, file=sys.stderr)
    count = Counter()
    for d in docs:
        for q in d["quotes"]:
            count[(d["set"], q["label"])] += 1
    print(f"{len(docs)} documents; quotes by (set, label): {dict(sorted(count.items()))}")
    if not args.check:
        write(docs, agencies, urls)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
