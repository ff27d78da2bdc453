"""Header fields compared by what they mean (RFC 9110), field by field.

- Names without regard to case (§5.1); several field lines of one name are one value, joined with
  ", " (§5.3); the blanks around a value are not part of it (§5.5).
- `Content-Type` as a media type (§8.3.1): type, subtype and parameter names without case, blanks
  around `;` ignored, parameters in any order, a quoted-string value the same as the token it
  quotes (§5.6.6), the `charset` value without case (§8.3.2). A `charset=utf-8` added to JSON
  (`application/json` or a `+json` type), which defines no charset parameter and on which it has
  no effect (RFC 8259 §11), or to XML (`application/xml` or a `+xml` type), whose UTF-8 body it
  states as RFC 7303 §3.2 recommends, is the same type, except in exact mode.
- `Vary`, `Allow` and `Content-Language` as lists (§5.6.1, empty elements ignored): every member
  the fixture names must be there, others may be added (`Vary: Accept, Accept-Encoding` from a
  compression middleware). Field names in `Vary` (§12.5.5) and language tags (RFC 5646 §2.1.1)
  are compared without case, methods in `Allow` with it (§9.1); `Vary: *` names every field.
- Every other field as a string.

`Content-Length` is checked by the caller, which knows the body.
"""

from __future__ import annotations

import re

from .text import pair, quoted

#: List fields: the name (lower case), and whether members are compared without case.
LIST_FIELDS = {"vary": True, "content-language": True, "allow": False}

_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")


def split_outside_quotes(text: str, separator: str) -> list[str]:
    """`text` split at every `separator` that is not inside a quoted-string (§5.6.4)."""
    parts, current, quoted_string, escaped = [], [], False, False
    for char in text:
        if escaped:
            escaped = False
        elif quoted_string and char == "\\":
            escaped = True
        elif char == '"':
            quoted_string = not quoted_string
        elif char == separator and not quoted_string:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return parts


def _unquote(value: str) -> str | None:
    """A parameter value as a token or an unquoted quoted-string; None when it is neither."""
    if value.startswith('"'):
        if len(value) < 2 or not value.endswith('"'):
            return None
        out, escaped = [], False
        for char in value[1:-1]:
            if escaped:
                out.append(char)
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                return None
            else:
                out.append(char)
        return None if escaped else "".join(out)
    return value if _TOKEN.fullmatch(value) else None


def media_type(text: str) -> tuple[str, str, dict[str, str]] | None:
    """`(type, subtype, {name: value})`, names and the charset value in lower case; None when
    `text` is not a media type (§8.3.1)."""
    parts = split_outside_quotes(text, ";")
    essence = parts[0].strip(" \t")
    kind, slash, subtype = essence.partition("/")
    if not slash or not _TOKEN.fullmatch(kind) or not _TOKEN.fullmatch(subtype):
        return None
    parameters: dict[str, str] = {}
    for part in parts[1:]:
        part = part.strip(" \t")
        if not part:
            continue  # `text/plain;` : an empty parameter, which recipients ignore
        name, equals, value = part.partition("=")
        name = name.lower()
        unquoted = _unquote(value)
        if not equals or not _TOKEN.fullmatch(name) or unquoted is None or name in parameters:
            return None
        parameters[name] = unquoted.lower() if name == "charset" else unquoted
    return kind.lower(), subtype.lower(), parameters


def _is_json(kind: str, subtype: str) -> bool:
    return kind == "application" and (subtype == "json" or subtype.endswith("+json"))


def _is_xml(kind: str, subtype: str) -> bool:
    return kind == "application" and (subtype == "xml" or subtype.endswith("+xml"))


def _added_charset(kind: str, subtype: str, parameters: dict[str, str], expected: dict[str, str]) -> str | None:
    """Why a `charset=utf-8` the fixture does not name changes nothing, or None when it is not such."""
    if "charset" in expected or parameters.get("charset") != "utf-8":
        return None
    if _is_json(kind, subtype):
        return "a charset parameter JSON does not define, RFC 8259 §11"
    if _is_xml(kind, subtype):
        return "the UTF-8 the body is in, RFC 7303 §3.2"
    return None


def content_type_difference(got: str, want: str, exact: bool) -> str | None:
    expected = media_type(want)
    found = media_type(got)
    if expected is None:
        return None if got == want else f"header Content-Type {pair(got, want)}"
    if found is None:
        return f"header Content-Type {quoted(got)} is not a media type, expected {quoted(want)}"
    kind, subtype, parameters = found
    if (kind, subtype) != expected[:2]:
        return f"header Content-Type {pair(got, want)}"
    added = _added_charset(kind, subtype, parameters, expected[2])
    if added and not exact:
        parameters = {k: v for k, v in parameters.items() if k != "charset"}
    if parameters != expected[2]:
        note = f" ({added}: the same by meaning, not exactly)" if added else ""
        return f"header Content-Type {pair(got, want)}{note}"
    return None


def list_members(value: str) -> list[str]:
    return [m.strip(" \t") for m in split_outside_quotes(value, ",") if m.strip(" \t")]


def list_difference(name: str, got: str, want: str) -> str | None:
    fold = LIST_FIELDS[name.lower()]
    key = (lambda m: m.lower()) if fold else (lambda m: m)
    have = {key(m) for m in list_members(got)}
    if name.lower() == "vary" and "*" in have:
        return None
    missing = [m for m in list_members(want) if key(m) not in have]
    if not missing:
        return None
    return f"header {name} {quoted(got)} lacks {', '.join(quoted(m) for m in missing)}, expected {quoted(want)}"


def field_difference(name: str, got_values: list[str], want: str, exact: bool) -> str | None:
    """Why the field lines of `name` the server sent do not say what `want` says, or None."""
    want = want.strip(" \t")
    if not got_values:
        return f"header {name} missing, expected {quoted(want)}"
    got = ", ".join(v.strip(" \t") for v in got_values)
    lower = name.lower()
    if lower == "content-type":
        return content_type_difference(got, want, exact)
    if lower in LIST_FIELDS:
        return list_difference(name, got, want)
    if got != want:
        return f"header {name} {pair(got, want)}"
    return None
