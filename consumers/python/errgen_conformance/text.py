"""Strings as a report shows them: quoted, cut around where they differ, and with the code points
of a difference that cannot be seen (Unicode normalization, control characters, trailing spaces,
non-breaking and zero-width spaces)."""

from __future__ import annotations

import unicodedata

#: How many characters of a quoted string a report shows.
LIMIT = 300
#: How many code points of a differing stretch a report lists.
CODE_POINTS = 8


def quoted(text: str, limit: int = LIMIT) -> str:
    """`text` in double quotes, JSON-escaped, with every character that prints as nothing or as a
    blank escaped too (`\\u00a0`, `\\u200b`, `\\u2028`); when that is longer than `limit`, its first
    `limit` - 1 characters, `…` and the closing quote."""
    out = ['"']
    for char in text:
        if char == '"':
            out.append('\\"')
        elif char == "\\":
            out.append("\\\\")
        elif char == "\n":
            out.append("\\n")
        elif char == "\r":
            out.append("\\r")
        elif char == "\t":
            out.append("\\t")
        elif char != " " and not char.isprintable():
            code = ord(char)
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(char)
    out.append('"')
    shown = "".join(out)
    return shown if len(shown) <= limit else shown[: limit - 1] + '…"'


def _skeleton(text: str) -> str:
    """What a reader sees of a string: compatibility-normalized, without format and control
    characters, every kind of space a plain space, without blanks at either end."""
    kept = []
    for char in unicodedata.normalize("NFKC", text):
        category = unicodedata.category(char)
        if category in ("Cf", "Cc") and char not in "\t\n":
            continue
        kept.append(" " if category in ("Zs", "Zl", "Zp") or char == "\t" else char)
    return "".join(kept).strip(" ")


def looks_alike(a: str, b: str) -> bool:
    """Whether two different strings look the same to a reader."""
    return a != b and _skeleton(a) == _skeleton(b)


def _differing(a: str, b: str) -> tuple[int, int, int]:
    """The length of the common prefix, and where the common suffix starts in `a` and in `b`."""
    start = 0
    while start < len(a) and start < len(b) and a[start] == b[start]:
        start += 1
    end_a, end_b = len(a), len(b)
    while end_a > start and end_b > start and a[end_a - 1] == b[end_b - 1]:
        end_a -= 1
        end_b -= 1
    return start, end_a, end_b


def code_points(text: str, start: int, end: int) -> str:
    """`(… U+0065 U+0301)`: the code points of text[start:end], with `…` for what is around them."""
    points = [f"U+{ord(c):04X}" for c in text[start:end]]
    if len(points) > CODE_POINTS:
        points = points[:CODE_POINTS] + ["…"]
    if not points:
        points = ["nothing"]
    return "(" + " ".join((["…"] if start > 0 else []) + points + (["…"] if end < len(text) else [])) + ")"


def _window(text: str, start: int, limit: int) -> str:
    """The quoted text, or when it is too long, the stretch around index `start`."""
    whole = quoted(text, limit=10**9)
    if len(whole) <= limit:
        return whole
    begin = max(0, start - 40)
    shown = quoted(text[begin:], limit=limit)
    return ("…" + shown) if begin > 0 else shown


def pair(got: str, want: str, limit: int = LIMIT) -> str:
    """`"x", expected "y"`: both strings quoted (around their first difference when they are
    long), and followed by the code points that differ when the two look alike."""
    start, end_got, end_want = _differing(got, want)
    shown_got, shown_want = _window(got, start, limit), _window(want, start, limit)
    if looks_alike(got, want) or shown_got == shown_want:
        return (
            f"{shown_got} {code_points(got, start, end_got)}, "
            f"expected {shown_want} {code_points(want, start, end_want)}"
        )
    return f"{shown_got}, expected {shown_want}"
