"""URLs for the generic fallback: one spelling per page, and what a link points to.

Without an engine's URL scheme the fallback keeps a URL's own parameters and
drops only what is known noise on forums: session ids, sorting, search
highlights, tracking tags, post anchors and "jump to the newest post" links
where the thread is named too, and a first page's explicit number. URLs that
are not board or thread pages (login, registration, profiles, member lists,
search, print views, feeds, files) have no canonical form. A page number or
offset is told apart from the rest of the URL so that the pages of one thread
(or one board) can be listed, and elided page ranges filled in.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import parse_qsl, urljoin, urlsplit, urlunsplit

from lxml.etree import _Element as Element

_SESSION = re.compile(r"^(?:phpsessid|sessionid|sessid|jsessionid|sid|s)$", re.IGNORECASE)
_HEX32 = re.compile(r"^[0-9a-f]{32}$", re.IGNORECASE)
# sorting, filtering by age, search highlights, tracking tags, SMF's bare flags
# ("desc", "topicseen") and its mobile renderings of the same page ("wap2")
_NOISE = re.compile(
    r"^(?:sort\w*|order\w*|dir|direction|sk|sd|desc|asc|datecut|daysprune|prune\w*"
    r"|highlight|hilit|utm_\w+|fbclid|gclid|topicseen|wap2?|imode)$",
    re.IGNORECASE,
)
# a post named in a thread URL: dropped when the thread is named too
_POST_PARAM = re.compile(r"^(?:p|pid|post|postid|post_id|msg|comment|commentid)$", re.I)
_JUMP_PARAM = re.compile(r"^(?:do|view|goto|action)$", re.IGNORECASE)
# "jump to the post / newest / last post" (findComment, getNewComment, lastpost, unread),
# not "post" alone (a reply form, refused as such)
_JUMP_VALUE = re.compile(
    r"^(?:(?:find|get)?(?:new|last|first)|find|get)(?:comment|post)s?$|^unread$", re.I
)
_SMF_JUMP = re.compile(r"^(\d+)\.(?:msg\d+|new|from\d+)$")  # topic=4.msg57, topic=4.new
_PATH_JUMP = re.compile(r"/(?:post-\d+|posts?/\d+|latest|unread)/?$", re.IGNORECASE)
_THREAD_SEGMENT = re.compile(r"^(?:t|topics?|threads?)$", re.IGNORECASE)
_THREAD_NAMES = ("topic", "t", "thread", "threadid", "tid", "thread_id", "showtopic")
_THREAD_PARAMS = (*_THREAD_NAMES, "id")  # "id" only as the last guess of a thread's id
PROFILE = re.compile(
    r"(?:[?&;](?:u|uid|userid|user_id|user|memberid|mid|showuser)=\w"
    r"|action=profile|mode=viewprofile|member\.php|profile\.php|showuser"
    r"|/(?:u|user|users|member|members|profile|profiles|people|author|authors)/)",
    re.IGNORECASE,
)
_NOT_A_PAGE = re.compile(
    r"(?:action=(?:profile|login\d?|logout|register\d?|reminder|activate|search\d?|printpage"
    r"|post\d?|reply|pm|who|help|\.xml|rss|mlist|calendar|notify\w*|markasread|quote\w*"
    r"|unread\w*|recent|stats|sendtopic|emailuser|report\w*|dlattach|admin|moderate)(?:[;&]|$)"
    r"|[?&;](?:mode|view|type|do)=(?:print\w*|rss\d?|atom)"
    r"|/(?:login|logout|log-in|register|signup|sign-up|signin|sign-in|lost-password|account"
    r"|search|members?|users?|u|profile|memberlist|conversations|notifications|online|help"
    r"|feeds?|rss|atom|print|attachments?)(?:[/.?]|$)"
    r"|(?:ucp|posting|memberlist|search|login|register|private|report|print\w*|member"
    r"|usercp\d?|newreply|editpost|sendmessage|misc|newthread|subscription|syndication|external"
    r"|online|faq|calendar|attachment|download)\.php"
    r"|/(?:reply|react|quote|share|bookmark|report|edit|delete|like|watch)(?:[/?]|$)"
    r"|\.(?:jpe?g|png|gif|webp|svg|css|js|ico|pdf|zip|xml|rss|atom|json|txt)(?:$|\?))",
    re.IGNORECASE,
)
THREAD_LINK = re.compile(
    r"topic|thread|showthread|viewtopic|/t/|[?&;](?:t|tid)=|/discussion", re.IGNORECASE
)
BOARD_LINK = re.compile(
    r"board|forum|viewforum|/f/|/c/|/categor|/channel|[?&;](?:f|fid)=", re.IGNORECASE
)
PERMALINK = re.compile(
    r"[?&;](?:p|pid|post|postid|msg|comment)=\d|#(?:p|post|msg|comment)?-?\d+$"
    r"|/posts?[-/]\d|[.,]msg\d",
    re.IGNORECASE,
)
# a page number or offset in a URL: (regex with the number as group "n", style)
_PAGE_PARTS = (
    (re.compile(r"[?&;](?:page|pg|pagenumber|paged|currentpage)=(?P<n>\d+)", re.I), "page"),
    (re.compile(r"[?&;](?:start|offset|st|from|begin)=(?P<n>\d+)", re.I), "offset"),
    (re.compile(r"/page[-/]?(?P<n>\d+)(?=/?(?:$|[?#&]))", re.I), "page"),
    (re.compile(r"(?<=[=/,])(?P<id>\d+)\.(?P<n>\d+)(?=$|[;&#/]|\.html)"), "offset"),
    # Misago's "/t/<slug>/<id>/<n>/": a page number after the thread id, with the
    # closing slash that tells it from a post number ("/t/<slug>/<id>/<n>", Discourse)
    (
        re.compile(r"/(?:t|topics?|threads?)/[^/?#]+/(?P<id>\d+)/(?P<n>\d+)/(?=$|[?#])", re.I),
        "page",
    ),
)
_MAX_PAGES = 5000


@dataclass(frozen=True)
class PagePart:
    """A URL split into its page number or offset and the rest."""

    base: str  # the URL without its page part
    value: int | None  # page number or offset, None when the URL has none
    style: str  # "page" (first page 1) or "offset" (first page 0)
    template: str  # the URL with "{}" where the number goes ("" when there is none)
    plain: str = ""  # the URL with its page part removed, where the first page has none

    @property
    def first(self) -> bool:
        """Whether this is the first page, spelled with its number."""
        return self.value == (0 if self.style == "offset" else 1)


def canonical_url(url: str) -> str | None:
    """`url` in one spelling: noise parameters and the fragment dropped, host
    lower-cased, a first page without its number; None for a URL that is not a
    board or thread page (profiles, login, search, print, feeds, files, mailto)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    path = re.sub(r";jsessionid=[^/?#]*", "", parts.path, flags=re.IGNORECASE) or "/"
    pieces = [p for p in re.split(r"[;&]", parts.query) if p and not _is_noise(p)]
    if _names_thread(path, pieces):
        pieces = [_smf_first_page(p) for p in pieces if not _is_jump(p)]
        trimmed = _post_index_dropped(_PATH_JUMP.sub("/", path))
        path = trimmed if THREAD_LINK.search(trimmed) else path
    sep = ";" if ";" in parts.query and "&" not in parts.query else "&"
    query = sep.join(pieces)
    rest = path + ("?" + query if query else "")
    if _NOT_A_PAGE.search(rest) or PROFILE.search(rest):
        return None
    canonical = urlunsplit((parts.scheme, parts.netloc.lower(), path, query, ""))
    part = page_parts(canonical)
    return part.plain if part.first and part.plain else canonical


def _is_noise(piece: str) -> bool:
    return bool(_NOISE.match(piece.partition("=")[0])) or _is_session(piece)


def _is_session(piece: str) -> bool:
    """A session id parameter; `sid` and `s` only with a 32-digit hex value (else
    they may be something else: `s` is a search term on some sites)."""
    name, _, value = piece.partition("=")
    if not _SESSION.match(name):
        return False
    return name.lower() not in ("sid", "s") or bool(_HEX32.match(value))


def _names_thread(path: str, pieces: list[str]) -> bool:
    """Whether the URL names its thread (a thread parameter, or a thread path with
    an id in it), so that a post named beside it only jumps within the thread."""
    names = {p.partition("=")[0].lower() for p in pieces}
    if names.intersection(_THREAD_NAMES):
        return True
    return bool(THREAD_LINK.search(path)) and any(c.isdigit() for c in path)


def _is_jump(piece: str) -> bool:
    name, _, value = piece.partition("=")
    if _POST_PARAM.match(name):
        return True
    return bool(_JUMP_PARAM.match(name)) and bool(_JUMP_VALUE.match(value))


def _post_index_dropped(path: str) -> str:
    """A thread path without the post number after its id and slug
    (`/topic/7/slug/14`, `/t/slug/41/5`: the thread's 14th and 5th posts)."""
    if path.endswith("/"):
        return path  # "/t/<slug>/<id>/<n>/" is a page (Misago), not a post
    segments = path.strip("/").split("/")
    keyword = next((i for i, s in enumerate(segments) if _THREAD_SEGMENT.match(s)), None)
    if (
        keyword is not None
        and len(segments) - keyword == 4
        and segments[-1].isdigit()
        and any(s.isdigit() for s in segments[keyword + 1 : keyword + 3])
    ):
        return "/" + "/".join(segments[:-1])
    return path


def thread_of_post(url: str) -> str | None:
    """The canonical URL of the thread a post link points into, as far as the URL
    tells: post parameters and the fragment dropped even where no thread is named."""
    parts = urlsplit(url)
    kept = [p for p in re.split(r"[;&]", parts.query) if p and not _is_jump(p)]
    sep = ";" if ";" in parts.query and "&" not in parts.query else "&"
    return canonical_url(urlunsplit(parts._replace(query=sep.join(kept), fragment="")))


def _smf_first_page(piece: str) -> str:
    """`topic=4.msg57` (the page holding a post) as `topic=4.0`."""
    name, eq, value = piece.partition("=")
    match = _SMF_JUMP.match(value)
    return f"{name}={match.group(1)}.0" if eq and match else piece


def without_session(url: str) -> str:
    """`url` with session parameters dropped, fragment kept (a permalink's anchor)."""
    parts = urlsplit(url)
    kept = [p for p in re.split(r"[;&]", parts.query) if p and not _is_session(p)]
    sep = ";" if ";" in parts.query and "&" not in parts.query else "&"
    return urlunsplit(parts._replace(query=sep.join(kept)))


def page_parts(url: str) -> PagePart:
    """Split `url` into its base URL (the thread or board) and its page number or offset."""
    parts = urlsplit(url)
    head = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
    rest = urlunsplit(("", "", parts.path, parts.query, ""))
    for pattern, style in _PAGE_PARTS:
        found = list(pattern.finditer(rest))
        if not found:
            continue
        match = found[-1]
        start, end = match.span("n")
        template = head + rest[:start] + "{}" + rest[end:]
        plain = ""
        if "id" in pattern.groupindex:  # "topic=4.15": drop ".15", keep the thread id
            base = rest[: start - 1] + rest[end:]
            plain = head + base if style == "page" else ""
        else:
            after = rest[match.end() :]
            lead = rest[match.start()]
            if lead == "?" and after[:1] in ("&", ";"):
                after = "?" + after[1:]
            elif lead == "/" and not after.startswith("/"):
                after = "/" + after  # "/threads/x.1/page-2" is a page of "/threads/x.1/"
            base = rest[: match.start()] + after
            plain = head + base
        return PagePart(_tidy(head + base), int(match.group("n")), style, template, plain)
    return PagePart(_tidy(url), None, "page", "")


def _tidy(url: str) -> str:
    url = re.sub(r"[?&;]+$", "", url)
    url = re.sub(r"\?[&;]+", "?", url)
    return url.rstrip("/")


def same_thread(target: str, own: PagePart) -> bool:
    """Whether `target` is a page of the thread (or board) whose page `own` is."""
    part = page_parts(target)
    if part.base == own.base:
        return True
    if not (THREAD_LINK.search(part.base) and THREAD_LINK.search(own.base)):
        return False
    ids = thread_id(part.base), thread_id(own.base)
    return ids[0] == ids[1] and not ids[0].startswith("u")


def hrefs(root: Element) -> Iterable[str]:
    """Every link target of the page but in-page anchors, scripts and mail links."""
    for el in root.iter("a", "link"):
        href = el.get("href")
        if href and not href.startswith(("#", "javascript:", "mailto:")):
            yield href


def thread_id(base: str) -> str:
    """The thread's id in its URL (a thread parameter, else the digits of a path
    segment); a hash of the URL, starting with "u", when it has none."""
    parts = urlsplit(base)
    params = dict(parse_qsl(parts.query.replace(";", "&"), keep_blank_values=True))
    lowered = {k.lower(): v for k, v in params.items()}
    for name in _THREAD_PARAMS:
        digits = re.findall(r"\d+", lowered.get(name, ""))
        if digits:
            return digits[0]
    candidates = [s for s in parts.path.split("/") if any(c.isdigit() for c in s)]
    leading = re.match(r"^\d+", parts.query)
    if leading and not params:
        return leading.group(0)
    for segment in reversed(candidates):
        segment = re.sub(r"\.html?$", "", segment)
        lead = re.match(r"^(\d+)(?:[-.]|$)", segment)
        if lead:
            return lead.group(1)
        trail = re.search(r"[-.,_](\d+)$", segment)
        if trail:
            return trail.group(1)
    return "u" + hashlib.sha1(base.encode()).hexdigest()[:12]


def page_urls(url: str, root: Element, own: PagePart) -> tuple[str, ...]:
    """Every page of the thread at canonical `url`: links that differ from it only in
    a page number or offset (rel=next/prev included), elided ranges filled from the step."""
    numbered: dict[int, str] = {}
    plain = url if own.value is None else None  # the first page spelled without a number
    templates: Counter[str] = Counter()
    styles: Counter[str] = Counter()
    if own.value is not None:
        numbered[own.value] = url
        templates[own.template] += 1
        styles[own.style] += 1
    for href in hrefs(root):
        target = canonical_url(urljoin(url, href))
        part = page_parts(target) if target else None
        if part is None or part.base != own.base:
            continue
        if part.value is None:
            plain = plain or target
            continue
        numbered.setdefault(part.value, part.template.replace("{}", str(part.value), 1))
        templates[part.template] += 1
        styles[part.style] += 1
    if not numbered:
        return (url,)
    style = styles.most_common(1)[0][0]
    first = 0 if style == "offset" else 1
    values = sorted({v for v in numbered if v >= first} | {first})
    step = 1
    if style == "offset":
        gaps = [b - a for a, b in zip(values, values[1:], strict=False)]
        step = math.gcd(*gaps) if gaps else 1
    last = values[-1]
    if (last - first) // step <= _MAX_PAGES:
        values = sorted(set(values) | set(range(first, last + 1, step)))
    template = templates.most_common(1)[0][0]
    out = []
    for value in values:
        if value == first and plain:
            out.append(plain)
        else:
            out.append(numbered.get(value) or template.replace("{}", str(value), 1))
    return tuple(dict.fromkeys(out))
