"""One pass over a text (or a batch of texts) that yields everything the linker compares."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from provenance.text.tokens import (
    _ABBREVIATIONS,
    _OPENERS,
    _SENTENCE_END,
    VECTOR_MIN_CHARS,
    _cleaned,
    _fold,
    _Tokens,
    _tokens_many,
    _tokens_regex,
)


@dataclass(frozen=True, slots=True)
class Cut:
    """A text cut once into everything the linker compares, as word indices.

    Equal, by construction and by test, to what the functions above give for
    the same text, but computed in one pass over the tokens instead of five:

    * ``words``: :func:`words` of the text;
    * ``paragraph_sizes``: the number of words of each paragraph that has
      words (what :func:`passage_ranges` needs to give :func:`passages`);
    * ``immutables``: the word index of each of :func:`immutables_with_positions`;
    * ``own_parts``: the ``(start, end)`` word ranges of the paragraphs of
      :func:`without_quoted_speech` that have words;
    * ``facts``: the word index of each token of
      ``immutables(without_quoted_speech(text))``.
    """

    words: list[str]
    paragraph_sizes: list[int]
    immutables: list[int]
    own_parts: list[tuple[int, int]]
    facts: list[int]


def _initial(sep: str, previous: str) -> bool:
    """:func:`_sentence_initial` for a token preceded by ``sep`` (the
    non-token characters since ``previous``, the token before it in the same
    paragraph, or "" for the paragraph's first token)."""
    stripped = sep.rstrip(_OPENERS)
    if not stripped:
        return not previous  # the paragraph start, or a token character
    last = stripped[-1]
    if last not in _SENTENCE_END:
        return False
    if last == "." and len(stripped) == 1 and previous:
        j = len(previous)
        while j and previous[j - 1].isalpha():
            j -= 1
        before = previous[j:]
        if before and (len(before) == 1 or before.lower() in _ABBREVIATIONS):
            return False
    return True


def cut(text: str) -> Cut:
    """Return the :class:`Cut` of ``text``: its words, paragraph sizes,
    immutables, own (unquoted) parts and facts, in one pass."""
    return cut_many([text])[0]


def cut_many(texts: Sequence[str]) -> list[Cut]:
    """Return the :class:`Cut` of each text; several texts at once cost
    less than one by one (their tokens are found in one numpy pass)."""
    folded = [_fold(text) for text in texts]
    if sum(map(len, folded)) >= VECTOR_MIN_CHARS:
        found = _tokens_many(folded)
    else:
        found = [_tokens_regex(f) for f in folded]
    everything = _cleaned([raw for tokens in found for raw in tokens.raws])
    cuts = []
    start = 0
    for tokens in found:
        stop = start + len(tokens.raws)
        cuts.append(_cut(tokens, everything[start:stop]))
        start = stop
    return cuts


def _cut(found: _Tokens, tokens: list[str]) -> Cut:
    """The cut of one text from its tokens: the immutables and quote logic.

    Immutables are collected in any order and sorted at the end: a word
    index i when immutable by itself, ~i for a capitalised sentence-initial
    word (immutable if the same word is a name elsewhere), a range for a run
    of quoted words; the same, without quotes, for the own words. Plain
    ints, not tuples: hundreds of small objects per text keep the garbage
    collector busy.
    """
    raws, digits, capitals = found.raws, found.digits, found.capitals
    sizes: list[int] = []
    own_parts: list[tuple[int, int]] = []
    marks: list[int] = []
    own_marks: list[int] = []
    runs: list[range] = []
    names: set[str] = set()
    own_names: set[str] = set()
    quoted = False
    paragraph_start = part_start = 0
    last = -1
    for index, sep in zip(found.visit, found.seps, strict=True):
        if quoted and index > last + 1:
            runs.append(range(last + 1, index))
        last = index
        raw = raws[index]
        previous = raws[index - 1] if index > paragraph_start else ""
        own_initial = None  # as initial, except first in an own part after a quote
        if sep != " ":
            if not index:
                sep = sep.lstrip()  # paragraphs() strips the text
            if "\n" in sep:  # a paragraph break: quotes and sentences restart
                if index > paragraph_start:
                    sizes.append(index - paragraph_start)
                if not quoted and index > part_start:
                    own_parts.append((part_start, index))
                paragraph_start = part_start = index
                quoted, previous = False, ""
                sep = sep[sep.rindex("\n") + 1 :].lstrip()
            if '"' in sep:
                if not quoted and index > part_start:
                    own_parts.append((part_start, index))
                quoted ^= sep.count('"') % 2 == 1
                if not quoted:  # a new own part starts here, after the quote
                    part_start = index
                    after = sep[sep.rindex('"') + 1 :].lstrip().rstrip(_OPENERS)
                    own_initial = not after or after[-1] in _SENTENCE_END
        first = raw[0]
        if quoted:
            marks.append(index)
        elif first.isdigit():
            marks.append(index)
            own_marks.append(index)
        elif first.isupper():
            mid_sentence = (sep == " " and previous) or sep == ", "
            initial = False if mid_sentence else _initial(sep, previous)
            if own_initial is None:
                own_initial = initial
            if not initial:
                names.add(tokens[index])
            if not own_initial:
                own_names.add(tokens[index])
            marks.append(~index if initial else index)
            own_marks.append(~index if own_initial else index)
    if quoted and len(raws) > last + 1:
        runs.append(range(last + 1, len(raws)))
    # The simple words: immutable anyway; outside quotes, own words too, and
    # a capital there is a name in mid-sentence.
    inside = bytearray(len(raws))
    for run in runs:
        inside[run.start : run.stop] = b"\x01" * len(run)
    own_digits = [i for i in digits if not inside[i]]
    own_capitals = [i for i in capitals if not inside[i]]
    for own in (own_digits, own_capitals):
        marks.extend(own)
        own_marks.extend(own)
    own_names.update(map(tokens.__getitem__, own_capitals))
    names.update(map(tokens.__getitem__, own_capitals))
    if len(raws) > paragraph_start:
        sizes.append(len(raws) - paragraph_start)
    if not quoted and len(raws) > part_start:
        own_parts.append((part_start, len(raws)))
    immutables = [m if m >= 0 else ~m for m in marks if m >= 0 or tokens[~m] in names]
    for run in runs:
        immutables.extend(run)
    immutables.sort()
    facts = [m if m >= 0 else ~m for m in own_marks if m >= 0 or tokens[~m] in own_names]
    facts.sort()
    return Cut(
        words=tokens,
        paragraph_sizes=sizes,
        immutables=immutables,
        own_parts=own_parts,
        facts=facts,
    )
