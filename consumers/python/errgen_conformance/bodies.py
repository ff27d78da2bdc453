"""Bodies compared by meaning: text exactly, JSON as parsed values (members in any order, numbers
by value), XML as parsed trees. Each difference is named by where it is: `body $.message: …`,
`body /error/code: …`."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from decimal import Decimal, InvalidOperation
from typing import Any

from .text import pair, quoted

JSON_FORMATS = ("json", "problem+json")
XML_FORMATS = ("xml", "problem+xml")

#: XML's white space (the `S` production): only these make text between elements ignorable.
XML_SPACE = " \t\r\n"


class _Object(dict):
    """A parsed JSON object that remembers the names it met more than once."""

    duplicates: list[str]


def _pairs(pairs: list[tuple[str, Any]]) -> _Object:
    result = _Object()
    result.duplicates = []
    for key, value in pairs:
        if key in result and key not in result.duplicates:
            result.duplicates.append(key)
        result[key] = value
    return result


def _not_json(constant: str) -> Any:
    raise ValueError(f"{constant} is not a JSON number")


def parse_json(text: str) -> Any:
    """JSON with numbers kept exactly (as Decimal and int) and every object an `_Object`."""
    return json.loads(text, object_pairs_hook=_pairs, parse_float=Decimal, parse_constant=_not_json)


def _member_path(path: str, key: str) -> str:
    return f"{path}.{key}" if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", key) else f"{path}[{json.dumps(key, ensure_ascii=False)}]"


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, Decimal)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _described(value: Any) -> str:
    """A value with its JSON type: `string "x"`, `boolean false`; `null` alone."""
    return "null" if value is None else f"{_kind(value)} {_shown(value)}"


def _shown(value: Any, limit: int = 300) -> str:
    """A parsed JSON value written back as JSON, numbers as they were written."""

    def write(v: Any) -> str:
        if isinstance(v, dict):
            return "{" + ",".join(f"{quoted(k, 10**9)}:{write(x)}" for k, x in v.items()) + "}"
        if isinstance(v, list):
            return "[" + ",".join(write(x) for x in v) + "]"
        if isinstance(v, str):
            return quoted(v, 10**9)
        if isinstance(v, Decimal):
            return str(v)
        return json.dumps(v)

    text = write(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def json_difference(got: Any, want: Any, path: str = "$") -> str | None:
    """Where two parsed JSON values first differ: `body $.message: "x", expected "y"`."""
    if isinstance(want, dict) and isinstance(got, dict):
        duplicates = getattr(got, "duplicates", [])
        if duplicates:
            return f"body {path}: member {json.dumps(duplicates[0], ensure_ascii=False)} appears more than once"
        for key in want:
            if key not in got:
                return f"body {path}: member {json.dumps(key, ensure_ascii=False)} missing"
            found = json_difference(got[key], want[key], _member_path(path, key))
            if found:
                return found
        extra = [key for key in got if key not in want]
        return f"body {path}: unexpected member {json.dumps(extra[0], ensure_ascii=False)}" if extra else None
    if isinstance(want, list) and isinstance(got, list):
        for index, (a, b) in enumerate(zip(got, want)):
            found = json_difference(a, b, f"{path}[{index}]")
            if found:
                return found
        if len(got) != len(want):
            return f"body {path}: {len(got)} items, expected {len(want)}"
        return None
    if _kind(got) != _kind(want):
        return f"body {path}: {_described(got)}, expected {_described(want)}"
    if isinstance(want, str):
        return None if got == want else f"body {path}: {pair(got, want)}"
    if _kind(want) == "number":
        try:
            same = Decimal(got) == Decimal(want)
        except InvalidOperation:
            same = False
        return None if same else f"body {path}: {_shown(got)}, expected {_shown(want)}"
    return None if got == want else f"body {path}: {_shown(got)}, expected {_shown(want)}"


def parse_xml(text: str) -> ET.Element:
    """An XML document parsed without DTDs: a body that declares one is not an error body."""
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        raise ValueError("the body declares a DTD")
    return ET.fromstring(text.encode("utf-8"))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _between(text: str | None) -> str:
    """Text beside child elements: nothing when it is only white space."""
    text = text or ""
    return "" if text.strip(XML_SPACE) == "" else text


def _step(parent: ET.Element, child: ET.Element, index: int) -> str:
    """`/name`, or `/name[2]` where the parent has several children of that name."""
    same = [c for c in parent if c.tag == child.tag]
    name = _local(child.tag)
    return f"/{name}" if len(same) == 1 else f"/{name}[{same.index(child) + 1}]"


def xml_difference(got: ET.Element, want: ET.Element, path: str = "") -> str | None:
    """Where two XML elements of the same name first differ: `body /error/message: text "x",
    expected "y"`. `path` is the element's own (the root's when empty)."""
    here = path or "/" + _local(want.tag)
    if not path and got.tag != want.tag:
        return f"body /: element {got.tag}, expected {want.tag}"
    if dict(got.attrib) != dict(want.attrib):
        for name, value in want.attrib.items():
            if name not in got.attrib:
                return f"body {here}: attribute {name} missing, expected {quoted(value)}"
            if got.attrib[name] != value:
                return f"body {here}: attribute {name} {pair(got.attrib[name], value)}"
        extra = next(name for name in got.attrib if name not in want.attrib)
        return f"body {here}: unexpected attribute {extra}"
    got_children, want_children = list(got), list(want)
    if not want_children and not got_children:
        got_text, want_text = got.text or "", want.text or ""
        return None if got_text == want_text else f"body {here}: text {pair(got_text, want_text)}"
    if _between(got.text) != _between(want.text):
        where = f"before <{_local(want_children[0].tag)}>" if want_children else "beside the child elements"
        return f"body {here}: text {_text_pair(got.text, want.text)} {where}"
    for index, (a, b) in enumerate(zip(got_children, want_children)):
        if a.tag != b.tag:
            return f"body {here}: element {a.tag}, expected {b.tag}"
        found = xml_difference(a, b, here + _step(want, b, index))
        if found:
            return found
        if _between(a.tail) != _between(b.tail):
            return f"body {here}: text {_text_pair(a.tail, b.tail)} after <{_local(b.tag)}>"
    if len(got_children) > len(want_children):
        return f"body {here}: unexpected element {got_children[len(want_children)].tag} ({len(got_children)} child elements, expected {len(want_children)})"
    if len(got_children) < len(want_children):
        return f"body {here}: element {want_children[len(got_children)].tag} missing ({len(got_children)} child elements, expected {len(want_children)})"
    return None


def _text_pair(got: str | None, want: str | None) -> str:
    got, want = _between(got), _between(want)
    if not want:
        return f"{quoted(got.strip(XML_SPACE))}, expected none"
    if not got:
        return f"none, expected {quoted(want)}"
    return pair(got, want)


def body_difference(format: str | None, got: str, want: str) -> str | None:
    """Why a body differs in meaning from the fixture's, or None."""
    if got == want:
        return None
    try:
        if format in JSON_FORMATS:
            try:
                expected = parse_json(want)
            except ValueError:
                return f"body {pair(got, want)}"  # the fixture's is not JSON: compare as text
            return json_difference(parse_json(got), expected)
        if format in XML_FORMATS:
            try:
                expected_tree = parse_xml(want)
            except (ValueError, ET.ParseError):
                return f"body {pair(got, want)}"
            return xml_difference(parse_xml(got), expected_tree)
    except (ValueError, ET.ParseError) as error:
        return f"the body is not {format}: {error}; body {quoted(got)}"
    except RecursionError:
        return f"the body is not {format} the runner can compare: it nests too deeply"
    return f"body {pair(got, want)}"
