"""An independent reading of an errgen spec (spec/errors.yaml), in Python.

Nothing here comes from errgen: the spec is parsed with PyYAML, templates are rendered here, and
reason phrases and media types are those of RFC 9110 and of the README's table, so the fixtures
that errgen writes can be checked against the spec rather than against themselves.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

#: The repository root, found from this file's location (consumers/python/ is two levels down).
REPO = Path(__file__).resolve().parents[2]

SPEC = REPO / "spec" / "errors.yaml"
FIXTURES = REPO / "fixtures"
DOCS = REPO / "docs"
SPEC_SCHEMA = REPO / "schemas" / "errgen-spec.schema.json"
FIXTURES_SCHEMA = REPO / "schemas" / "errgen-fixtures.schema.json"

#: The Accept value of the not-acceptable case: a media type no catalog offers.
UNAVAILABLE = "application/vnd.errgen.unavailable"

#: Each wire format's media type and the Content-Type of its responses.
MEDIA_TYPES = {
    "text": ("text/plain", "text/plain; charset=utf-8"),
    "json": ("application/json", "application/json"),
    "xml": ("application/xml", "application/xml"),
    "problem+json": ("application/problem+json", "application/problem+json"),
}

#: Reason phrases of the error statuses (RFC 9110 section 15, RFC 6585, 4918, 8470, 7725).
REASON_PHRASES = {
    400: "Bad Request", 401: "Unauthorized", 402: "Payment Required", 403: "Forbidden",
    404: "Not Found", 405: "Method Not Allowed", 406: "Not Acceptable",
    407: "Proxy Authentication Required", 408: "Request Timeout", 409: "Conflict", 410: "Gone",
    411: "Length Required", 412: "Precondition Failed", 413: "Content Too Large",
    414: "URI Too Long", 415: "Unsupported Media Type", 416: "Range Not Satisfiable",
    417: "Expectation Failed", 421: "Misdirected Request", 422: "Unprocessable Content",
    423: "Locked", 424: "Failed Dependency", 425: "Too Early", 426: "Upgrade Required",
    428: "Precondition Required", 429: "Too Many Requests",
    431: "Request Header Fields Too Large", 451: "Unavailable For Legal Reasons",
    500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway",
    503: "Service Unavailable", 504: "Gateway Timeout", 505: "HTTP Version Not Supported",
    507: "Insufficient Storage", 508: "Loop Detected", 511: "Network Authentication Required",
}


def reason_phrase(status: int) -> str:
    return REASON_PHRASES.get(status, "")


# Templates -------------------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([A-Za-z][A-Za-z0-9_-]*)\}")


def placeholders(template: str) -> list[str]:
    """The parameter names a template uses, in order of appearance."""
    return [m.group(1) for m in _PLACEHOLDER.finditer(template) if m.group(1)]


def render(template: str, values: dict[str, str]) -> str:
    """Fills `{name}` placeholders with the values' text; `{{` and `}}` are literal braces."""

    def replace(match: re.Match[str]) -> str:
        if match.group(0) == "{{":
            return "{"
        if match.group(0) == "}}":
            return "}"
        return values[match.group(1)]

    return _PLACEHOLDER.sub(replace, template)


# Values ----------------------------------------------------------------------------------------


def is_of_type(value: Any, kind: str) -> bool:
    """Whether a JSON value has a parameter type (booleans are not numbers here)."""
    if kind == "string":
        return isinstance(value, str)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "boolean":
        return isinstance(value, bool)
    raise ValueError(f"unknown parameter type {kind!r}")


def same_value(a: Any, b: Any) -> bool:
    """Equality that tells booleans from numbers and compares numbers by value."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return float(a) == float(b)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_value(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


def value_text(value: Any, kind: str) -> str:
    """A value as it appears in a message, a header or an XML element."""
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "integer":
        return str(int(value))
    if kind == "number":
        # Shortest round-trip form, as Swift's Double.description writes it ("12.5", "2.0", "1e+16").
        return repr(float(value))
    return value


def example_value(text: str, kind: str) -> Any:
    """A spec example read as its parameter's type."""
    if kind == "string":
        return text
    if kind == "integer":
        return int(text)
    if kind == "number":
        x = float.fromhex(text) if text.lstrip("+-").lower().startswith("0x") else float(text)
        assert math.isfinite(x), f"example {text!r} is not finite"
        return x
    if kind == "boolean":
        assert text in ("true", "false"), f"example {text!r} is not a boolean"
        return text == "true"
    raise ValueError(f"unknown parameter type {kind!r}")


def _scalar_text(value: Any) -> str:
    """The text of a YAML scalar that PyYAML has already typed."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


# The spec ----------------------------------------------------------------------------------------


@dataclass
class Parameter:
    name: str
    type: str
    shared: bool
    description: str | None = None
    example: Any = None  # typed, or None when the spec gives none


@dataclass
class Header:
    name: str
    value: str


@dataclass
class Error:
    code: str
    status: int
    message: str
    title: str | None
    description: str | None
    swift_name: str | None
    deprecated: bool | str
    own: list[Parameter]
    headers: list[Header]
    shared: list[Parameter] = field(default_factory=list)

    @property
    def parameters(self) -> list[Parameter]:
        """The error's own parameters, then the catalog's."""
        return self.own + self.shared


@dataclass
class Format:
    name: str
    namespace: str | None = None


@dataclass
class Catalog:
    name: str
    title: str
    formats: list[Format]
    default_format: str
    documentation_url: str | None
    shared: list[Parameter]
    errors: list[Error]

    @property
    def format_names(self) -> list[str]:
        return [f.name for f in self.formats]

    @property
    def xml_namespace(self) -> str | None:
        return next((f.namespace for f in self.formats if f.name == "xml"), None)

    def error(self, code: str) -> Error:
        return next(e for e in self.errors if e.code == code)


def _parameters(mapping: dict | None, shared: bool) -> list[Parameter]:
    result = []
    for name, value in (mapping or {}).items():
        if isinstance(value, str):
            result.append(Parameter(str(name), value, shared))
            continue
        kind = value["type"]
        example = value.get("example")
        result.append(
            Parameter(
                str(name), kind, shared, value.get("description"),
                None if example is None else example_value(_scalar_text(example), kind),
            )
        )
    return result


def load_yaml(path: Path) -> Any:
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def load_spec(path: Path = SPEC) -> list[Catalog]:
    """The catalogs of a spec, in spec order."""
    document = load_yaml(path)
    catalogs = []
    for name, body in document["catalogs"].items():
        formats = [
            Format(entry) if isinstance(entry, str) else Format(entry["type"], entry.get("namespace"))
            for entry in body["formats"]
        ]
        shared = _parameters(body.get("parameters"), shared=True)
        errors = []
        for code, entry in body["errors"].items():
            errors.append(
                Error(
                    code=str(code),
                    status=entry["status"],
                    message=entry["message"],
                    title=entry.get("title"),
                    description=entry.get("description"),
                    swift_name=entry.get("swift-name"),
                    deprecated=entry.get("deprecated", False),
                    own=_parameters(entry.get("parameters"), shared=False),
                    headers=[Header(str(k), v) for k, v in (entry.get("headers") or {}).items()],
                    shared=shared,
                )
            )
        catalogs.append(
            Catalog(
                name=str(name),
                title=body["title"],
                formats=formats,
                default_format=body.get("default-format", formats[0].name),
                documentation_url=body.get("documentation-url"),
                shared=shared,
                errors=errors,
            )
        )
    return catalogs


def anchor(code: str) -> str:
    """An error's fragment in the catalog's documentation: the code in lower case, every character
    but ASCII letters, digits, '-' and '_' replaced by '-'."""
    return "".join(c if re.fullmatch(r"[a-z0-9_-]", c) else "-" for c in code.lower())


def header_value(text: str) -> str:
    """A header value as sent: control characters other than tab become spaces."""
    return "".join(" " if (ord(c) < 0x20 and c != "\t") or ord(c) == 0x7F else c for c in text)


def read_json_keeping_order(path: Path) -> Any:
    """A JSON file with every object as a list of (key, value) pairs, in file order."""
    with open(path, encoding="utf-8") as f:
        return json.load(f, object_pairs_hook=lambda pairs: pairs)
