"""Who wrote a post block and which post it is: author, ids, permalink, position.

Everything here is read outside the body (the block's "meta" elements: poster
block, header, footer), with quotes and signatures left out, since a quoted
reply carries its own author and post links.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

from lxml.etree import _Element as Element

from crawler.engines.generic.tree import SKIP, in_quote, is_quote, is_signature, tag
from crawler.engines.generic.urls import PROFILE, PagePart, without_session

_NOT_A_NAME = re.compile(
    r"^(?:view )?(?:profile|pm|email|e-mail|website|www|send .*|message|contact|"
    r"find .*posts?|more)$",
    re.IGNORECASE,
)
# member rank titles printed where a name could be: never an author
_RANK = re.compile(
    r"^(?:(?:jr|sr|junior|senior|full|hero|new|regular|active|global|super|forum|site)\.?\s+)?"
    r"(?:member|newbie|user|moderator|mod|administrator|admin|guest|banned|registered user"
    r"|poster|contributor|find)s?$",
    re.IGNORECASE,
)
_AUTHOR_CLASS = re.compile(r"author|username|user-name|poster|postername|membername", re.I)
_ID_ATTRS = ("id", "data-pid", "data-post-id", "data-postid", "data-content", "data-msgid",
             "data-post", "data-id", "data-commentid", "data-comment-id")  # fmt: skip
_ID_XPATH = ".//*[" + " or ".join(f"@{name}" for name in _ID_ATTRS) + "]"
_UID_ATTRS = ("data-uid", "data-user-id", "data-userid", "data-author-id", "data-member-id")
_AUTHOR_ATTRS = ("data-author", "data-username", "data-user", "data-author-name")
_USER_PARAM = re.compile(r"[?&;](?:u|uid|userid|user_id|user|memberid|mid|showuser)=(\d+)", re.I)
_USER_PATH = re.compile(r"/(?:u|user|users|member|members|profile|profiles)/(?:[^/?#]*?[.-])?(\d+)")
_POST_NUMBER = re.compile(r"^#\s?(\d+)$")
_REPLY_NUMBER = re.compile(r"\bReply\s+#(\d+)", re.IGNORECASE)


def meta_elements(
    block: Element, body: Element | None, only: str | None = None
) -> Iterator[Element]:
    """Elements of the block in document order (of tag `only` if given), outside its
    body, quotes and signature."""
    stack = [block]
    while stack:
        el = stack.pop()
        if el is body or tag(el) in SKIP or is_quote(el) or is_signature(el):
            continue
        if only is None or tag(el) == only:
            yield el
        stack.extend(reversed([c for c in el if isinstance(c.tag, str)]))


def meta_text(block: Element, body: Element) -> str:
    """The block's text outside its body, quotes and signature, in document order."""
    pieces: list[str] = []

    def walk(el: Element) -> None:
        pieces.append(el.text or "")
        for child in el:
            if isinstance(child.tag, str) and not (
                child is body or tag(child) in SKIP or is_quote(child) or is_signature(child)
            ):
                walk(child)
            pieces.append(child.tail or "")

    walk(block)
    return re.sub(r"\s+([,.;:)])", r"\1", " ".join(" ".join(pieces).split()))


def author(block: Element, meta: list[Element]) -> tuple[str | None, str | None]:
    """The author's name and id: the block's data attributes or a profile link outside
    the body (its name, its id from data attributes or the URL), or an element whose
    class names the author; (None, None) for none."""
    named = next((block.get(n).strip() for n in _AUTHOR_ATTRS if block.get(n)), None)
    links = []
    for link in meta:
        if tag(link) != "a":
            continue
        href = link.get("href") or ""
        name = " ".join(link.text_content().split())
        if (
            PROFILE.search(href)
            and name
            and len(name) <= 60
            and not _NOT_A_NAME.match(name)
            and not name.replace(",", "").isdigit()  # a reputation or post count on the avatar
            and not _RANK.match(name)
        ):
            links.append((name, link))
    if named:
        links = [(n, link) for n, link in links if n == named] or links
    if links:
        name, link = links[0]
        uid = next(
            (d for el in link.iter() if (d := _attr_digits(el, _UID_ATTRS)) is not None), None
        )
        return named or name, uid or _user_id(link.get("href") or "")
    if named:
        return named, _attr_digits(block, _UID_ATTRS)
    for el in meta:
        if _AUTHOR_CLASS.search(el.get("class") or ""):
            name = next((" ".join(t.split()) for t in el.itertext() if t.strip()), "")
            if name and len(name) <= 60 and not _RANK.match(name):
                return name, None
    return None, None


def _attr_digits(el: Element, names: tuple[str, ...]) -> str | None:
    for name in names:
        value = (el.get(name) or "").strip()
        if value.isdigit():
            return value
    return None


def _user_id(href: str) -> str | None:
    match = _USER_PARAM.search(href) or _USER_PATH.search(href) or re.search(r"(\d+)\D*$", href)
    return match.group(1) if match else None


def post_id(block: Element, meta: list[Element]) -> str | None:
    """Digits shared by the block's id and data attributes (msg_3, subject_3, ...),
    quotes left out; else the digits of a link's #fragment (a permalink); else None."""
    votes: Counter[str] = Counter()
    for name in _ID_ATTRS:
        for digits in re.findall(r"\d+", block.get(name) or ""):
            votes[digits] += 3
    for el in block.xpath(_ID_XPATH):
        if in_quote(el, block):
            continue
        for name in _ID_ATTRS:
            for digits in re.findall(r"\d+", el.get(name) or ""):
                votes[digits] += 1
    if votes:
        return votes.most_common(1)[0][0]
    for link in (el for el in meta if tag(el) == "a"):
        digits = re.findall(r"\d+", urlsplit(link.get("href") or "").fragment)
        if digits:
            return digits[-1]
    return None


def hash_id(url: str, author_name: str | None, body: str) -> str:
    """A post id for markup without one: stable for the same post on the same page."""
    key = f"{url}\n{author_name}\n{body}".encode()
    return "h" + hashlib.sha1(key).hexdigest()[:12]


def permalink(block: Element, meta: list[Element], post: str, url: str) -> str:
    """The post's own link (a link naming its id), else the page URL with its anchor."""
    pattern = re.compile(rf"(?<!\d){re.escape(post)}(?!\d)")
    for link in (el for el in meta if tag(el) == "a"):
        href = link.get("href") or ""
        if pattern.search(href) and not PROFILE.search(href):
            return without_session(urljoin(url, href))
    anchor = block.get("id") or ""
    return f"{url.split('#')[0]}#{anchor or post}"


def post_number(meta: list[Element]) -> int | None:
    """The number the block shows ("#3", "Reply #2"), or None."""
    for el in meta:
        shown = " ".join((el.text or "").split())
        match = _POST_NUMBER.match(shown)
        if match and tag(el) in ("a", "span", "strong", "b", "li", "div"):
            return int(match.group(1))
        match = _REPLY_NUMBER.search(shown) or _REPLY_NUMBER.search(el.get("title") or "")
        if match:
            return int(match.group(1))
    return None


def positions(numbers: list[int | None], own: PagePart) -> list[int]:
    """0-based positions in the thread: from the numbers the posts show (0- or 1-based,
    told apart by the page offset where it is known), else page offset + index."""
    known = own.value is None or own.style == "offset" or own.value == 1
    if own.value is None:
        offset = 0
    elif own.style == "offset":
        offset = own.value
    else:
        offset = (own.value - 1) * len(numbers)  # exact except on a thread's last page
    base = 1
    for index, number in enumerate(numbers):
        if number is not None:
            delta = number - (offset + index)
            base = delta if known and delta in (0, 1) else 1
            break
    return [
        number - base if number is not None else offset + index
        for index, number in enumerate(numbers)
    ]
