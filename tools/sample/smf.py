"""What SMF 2.0 does to a message: store it escaped, render its BBC, print its dates.

Pure string functions; the markup around them is in ``templates/forum/``.
"""

from __future__ import annotations

import hashlib
import html
import re
from datetime import datetime


def forum_copy(text: str) -> str:
    """Text as a member pastes it into SMF: typographic quotes become straight ones."""
    return text.replace("“", '"').replace("”", '"').replace("’", "'").replace("‘", "'")


def smf_date(when: datetime) -> str:
    return when.strftime("%B %d, %Y, %I:%M:%S %p")


def smf_escape(text: str) -> str:
    """htmlspecialchars(ENT_QUOTES), which SMF applies to every message it stores."""
    return html.escape(text, quote=True).replace("&#x27;", "&#39;")


def bbc_link(href: str, label: str) -> str:
    return (
        f'<a href="{href}" class="bbc_link" target="_blank" rel="noopener noreferrer">{label}</a>'
    )


_BBC_TOKEN = re.compile(
    r"\[url=(?P<href>[^\]]+)\](?P<label>.*?)\[/url\]|(?P<bare>https?://[^\s\[\]<>\"]+)"
)


def parse_bbc(source: str) -> str:
    """Render the small BBC subset the sample posts use, the way SMF 2.0 does."""
    out: list[str] = []
    pos = 0
    for match in _BBC_TOKEN.finditer(source):
        out.append(smf_escape(source[pos : match.start()]))
        if match.group("bare"):
            out.append(bbc_link(match.group("bare"), match.group("bare")))
        else:
            out.append(bbc_link(match.group("href"), smf_escape(match.group("label"))))
        pos = match.end()
    out.append(smf_escape(source[pos:]))
    rendered = "".join(out)
    for tag, element in (("b", "strong"), ("i", "em")):
        rendered = rendered.replace(f"[{tag}]", f"<{element}>").replace(
            f"[/{tag}]", f"</{element}>"
        )
    return rendered.replace("\n", "<br />")


def shorten_subject(subject: str, length: int = 24) -> str:
    return subject if len(subject) <= length else subject[:length] + "..."


def number(n: int) -> str:
    return f"{n:,}"


def session(key: str) -> tuple[str, str]:
    """A session variable name and id, fixed per page so renders are reproducible."""
    session_id = hashlib.md5(f"sid:{key}".encode()).hexdigest()
    digest = hashlib.md5(f"var:{key}".encode()).hexdigest()
    length = 7 + int(digest[-1], 16) % 6
    name = "abcdef"[int(digest[0], 16) % 6] + digest[1:length]
    return name, session_id
