"""A conformance runner for servers in any language: replays every response an errgen fixture file
promises against a running server and reports each difference in status, headers and body.

Fixtures (`fixtures/<catalog>.json`, written by errgen) hold, for every error, the exact responses
errgen's runtime gives: a GET per format, a HEAD, a request that accepts no format (406) and a
GET per language. The runner makes the server raise each error with the fixture's sample values,
sends each of those requests, and compares what comes back.

How the server is made to raise an error, by default (the convention):

    <METHOD> <base>/errgen/<catalog>/<code>?<name>=<value>&…

`<catalog>` is the catalog's name and `<code>` the wire code, each percent-encoded as one path
segment; the query holds each parameter's sample in its text form (`true`, `42`, `2.5`; a list
parameter repeats its name for each item; an optional parameter without a value is left out). A
server exposes such a route in its test configuration only. Instead, a routes file (JSON) can map
`"<catalog> <code>"` to a path of the server's own, whose `{name}` placeholders are filled with the
sample values (percent-encoded); errors it does not map are skipped.

Bodies are compared by meaning: text exactly, JSON as parsed values (numbers by value, members
in any order), XML as parsed trees (namespaces, attributes, element text; whitespace between
elements ignored). `exact=True` compares bodies and `Content-Length` byte for byte, as a server
built on errgen's Swift runtime answers. Every header of the fixture must be present with its
value (others, such as `Date` or `Server`, are the server's business); `Content-Length` must be the
length of the body the server sends (for HEAD: of the body its GET sends).

Only the Python standard library is used.
"""

from __future__ import annotations

import http.client
import json
import socket
import urllib.parse
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

__all__ = ["Exchange", "Difference", "Report", "load_exchanges", "run"]


@dataclass(frozen=True)
class Exchange:
    """One request the fixtures promise a response to, and that response."""

    catalog: str
    code: str
    case: str  # get, head, not-acceptable, language
    format: str | None  # the body's wire format, None for an empty 406
    method: str
    path: str
    request_headers: tuple[tuple[str, str], ...]
    status: int
    headers: tuple[tuple[str, str], ...]
    body: str

    def describe(self) -> str:
        """`RestAuth not-acceptable: GET /errgen/… (Accept: application/json)`."""
        sent = ", ".join(f"{name}: {value}" for name, value in self.request_headers)
        return f"{self.catalog} {self.code}: {self.method} {self.path}" + (f" ({sent})" if sent else "")


@dataclass(frozen=True)
class Difference:
    exchange: Exchange
    what: str

    def __str__(self) -> str:
        return f"{self.exchange.describe()}: {self.what}"


@dataclass
class Report:
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    differences: list[Difference] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def summary(self) -> str:
        """The closing line: `N passed, N failed` (and skipped, when some were)."""
        return f"{self.passed} passed, {self.failed} failed" + (f", {self.skipped} skipped" if self.skipped else "")


# MARK: - Requests


def sample_text(value: Any) -> str:
    """A sample value's text form, as errgen's runtime reads it back (`ParameterKind.parse`)."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, float):
        # The shortest form that reads back as the same number.
        return repr(value)
    return str(value)


def convention_path(catalog: str, code: str, parameters: list[dict]) -> str:
    """The conventional route that raises an error with its samples."""
    path = "/errgen/" + urllib.parse.quote(catalog, safe="") + "/" + urllib.parse.quote(code, safe="")
    query: list[tuple[str, str]] = []
    for parameter in parameters:
        sample = parameter["sample"]
        if sample is None:
            continue
        items = sample if parameter.get("list") else [sample]
        query += [(parameter["name"], sample_text(item)) for item in items]
    return path + ("?" + urllib.parse.urlencode(query, quote_via=urllib.parse.quote) if query else "")


def mapped_path(template: str, parameters: list[dict]) -> str:
    """A routes file's path with its `{name}` placeholders filled in (a list's items joined by commas)."""
    path = template
    for parameter in parameters:
        sample = parameter["sample"]
        items = sample if parameter.get("list") else [sample]
        text = ",".join(sample_text(item) for item in items if item is not None)
        path = path.replace("{" + parameter["name"] + "}", urllib.parse.quote(text, safe=""))
    return path


def load_exchanges(fixture_files: Iterable[Path], routes: dict[str, str] | None = None) -> tuple[list[Exchange], int]:
    """Every exchange of the fixture files, and how many errors a routes file leaves unmapped."""
    exchanges: list[Exchange] = []
    skipped = 0
    for file in fixture_files:
        with open(file, encoding="utf-8") as f:
            document = json.load(f)
        catalog = document["catalog"]
        if not catalog.get("http", True):
            continue  # errors that never travel over HTTP
        name = catalog["name"]
        for error in document["errors"]:
            code = str(error["code"])
            if routes is None:
                path = convention_path(name, code, error["parameters"])
            elif f"{name} {code}" in routes:
                path = mapped_path(routes[f"{name} {code}"], error["parameters"])
            else:
                skipped += 1
                continue
            for response in error["responses"]:
                request = response["request"]
                exchanges.append(
                    Exchange(
                        catalog=name, code=code, case=response["case"], format=response.get("format"),
                        method=request["method"], path=path,
                        request_headers=tuple((h[0], h[1]) for h in request["headers"]),
                        status=response["status"], headers=tuple((h[0], h[1]) for h in response["headers"]),
                        body=response["body"],
                    )
                )
    return exchanges, skipped


# MARK: - Comparing


@dataclass
class Answer:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> list[str]:
        return [value for key, value in self.headers if key.lower() == name.lower()]


class NoAnswer(Exception):
    """The server did not answer: it refused, closed the connection, or took too long."""


def send(base: urllib.parse.SplitResult, method: str, path: str, headers: tuple[tuple[str, str], ...], timeout: float) -> Answer:
    connection_type = http.client.HTTPSConnection if base.scheme == "https" else http.client.HTTPConnection
    connection = connection_type(base.hostname or "127.0.0.1", base.port, timeout=timeout)
    try:
        connection.putrequest(method, base.path.rstrip("/") + path, skip_accept_encoding=True)
        for name, value in headers:
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        body = response.read()
        # http.client reads field values as Latin-1; errgen's values are UTF-8 (RFC 9110 allows
        # obs-text), so read the bytes again as UTF-8.
        headers = [(name, value.encode("latin-1").decode("utf-8", errors="replace")) for name, value in response.getheaders()]
        return Answer(response.status, headers, body)
    except socket.timeout as error:
        raise NoAnswer(f"no answer within {timeout:g} s") from error
    except (ConnectionError, http.client.HTTPException, OSError) as error:
        reason = type(error).__name__ + (f": {error}" if str(error) else "")
        raise NoAnswer(f"no answer: {reason}") from error
    finally:
        connection.close()


def parsed_json(text: str) -> Any:
    return json.loads(text, parse_float=float, parse_int=int)


def same_json(a: Any, b: Any) -> bool:
    """Equality of parsed JSON: numbers by value (booleans apart), members in any order."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_json(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_json(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


def xml_tree(element: ET.Element) -> tuple:
    """An element as its name, attributes, text (where it has no children) and children."""
    children = [xml_tree(child) for child in element]
    text = "" if children else (element.text or "")
    return (element.tag, sorted(element.attrib.items()), text, children)


def parse_xml(text: str) -> ET.Element:
    """An XML document parsed without DTDs: a body that declares one is not an error body."""
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        raise ValueError("the body declares a DTD")
    return ET.fromstring(text.encode("utf-8"))


def json_difference(got: Any, want: Any, path: str = "$") -> str | None:
    """Where two parsed JSON values first differ: `body $.message: "x", expected "y"`."""
    if isinstance(got, dict) and isinstance(want, dict):
        for key in want:
            if key not in got:
                return f"body {path}: member {json.dumps(key, ensure_ascii=False)} missing"
            found = json_difference(got[key], want[key], f"{path}.{key}")
            if found:
                return found
        extra = [key for key in got if key not in want]
        return f"body {path}: unexpected member {json.dumps(extra[0], ensure_ascii=False)}" if extra else None
    if isinstance(got, list) and isinstance(want, list) and len(got) == len(want):
        for index, (a, b) in enumerate(zip(got, want)):
            found = json_difference(a, b, f"{path}[{index}]")
            if found:
                return found
        return None
    if same_json(got, want):
        return None
    return f"body {path}: {clip(json.dumps(got, ensure_ascii=False))}, expected {clip(json.dumps(want, ensure_ascii=False))}"


def xml_difference(got: tuple, want: tuple, path: str = "") -> str | None:
    """Where two parsed XML trees first differ: `body /error/message: text "x", expected "y"`."""
    here = f"{path}/{local(want[0])}"
    if got[0] != want[0]:
        return f"body {path or '/'}: element {got[0]}, expected {want[0]}"
    if got[1] != want[1]:
        return f"body {here}: attributes {dict(got[1])}, expected {dict(want[1])}"
    if got[2] != want[2]:
        return f"body {here}: text {shorten(got[2])}, expected {shorten(want[2])}"
    for a, b in zip(got[3], want[3]):
        found = xml_difference(a, b, here)
        if found:
            return found
    if len(got[3]) != len(want[3]):
        return f"body {here}: {len(got[3])} child elements, expected {len(want[3])}"
    return None


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def body_difference(exchange: Exchange, got: str) -> str | None:
    """Why the body differs in meaning from the fixture's, or None."""
    want = exchange.body
    if got == want:
        return None
    try:
        if exchange.format in ("json", "problem+json"):
            return json_difference(parsed_json(got), parsed_json(want))
        if exchange.format in ("xml", "problem+xml"):
            return xml_difference(xml_tree(parse_xml(got)), xml_tree(parse_xml(want)))
    except (ValueError, ET.ParseError) as error:
        return f"the body is not {exchange.format}: {error}; body {shorten(got)}"
    return f"body {shorten(got)}, expected {shorten(want)}"


def shorten(text: str) -> str:
    """A text for a report: quoted, cut after 300 characters."""
    return clip(json.dumps(text, ensure_ascii=False))


def clip(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def compare(exchange: Exchange, answer: Answer, exact: bool, get_length: int | None) -> list[str]:
    """The differences between the fixture's response and the server's answer."""
    problems: list[str] = []
    if answer.status != exchange.status:
        problems.append(f"status {answer.status}, expected {exchange.status}")
    try:
        got = answer.body.decode("utf-8")
    except UnicodeDecodeError:
        problems.append("the body is not UTF-8")
        got = answer.body.decode("utf-8", errors="replace")
    for name, value in exchange.headers:
        values = answer.header(name)
        if name.lower() == "content-length":
            # The length of what is sent: exactly the fixture's, or (by meaning) of the server's own body.
            if exact:
                expected = value
            elif exchange.method == "HEAD":
                expected = str(get_length) if get_length is not None else value
            else:
                expected = str(len(answer.body))
            if values != [expected]:
                problems.append(f"Content-Length {', '.join(values) or 'missing'}, expected {expected}")
        elif not values:
            problems.append(f"header {name} missing, expected {value!r}")
        elif ", ".join(values) != value:
            problems.append(f"header {name} {', '.join(values)!r}, expected {value!r}")
    if exchange.method == "HEAD":
        pass  # no body to compare (an HTTP client reads none after HEAD)
    elif exact:
        if got != exchange.body:
            problems.append(f"body {shorten(got)}, expected {shorten(exchange.body)}")
    else:
        problem = body_difference(exchange, got)
        if problem:
            problems.append(problem)
    return problems


# MARK: - Running


def run(
    base_url: str, fixture_files: Iterable[Path], routes: dict[str, str] | None = None, exact: bool = False,
    timeout: float = 5.0,
) -> Report:
    """Replays every exchange of the fixture files against the server at `base_url`."""
    base = urllib.parse.urlsplit(base_url)
    if base.scheme not in ("http", "https") or not base.hostname:
        raise ValueError(f"{base_url!r} is not an http:// or https:// URL")
    exchanges, skipped = load_exchanges(fixture_files, routes)
    report = Report(skipped=skipped)
    for exchange in exchanges:
        try:
            answer = send(base, exchange.method, exchange.path, exchange.request_headers, timeout)
            get_length = None
            if exchange.method == "HEAD" and not exact:
                # HEAD's Content-Length is that of the body the same GET sends.
                get_length = len(send(base, "GET", exchange.path, exchange.request_headers, timeout).body)
            problems = compare(exchange, answer, exact, get_length)
        except NoAnswer as error:
            problems = [str(error)]
        if problems:
            report.failed += 1
            report.differences += [Difference(exchange, problem) for problem in problems]
        else:
            report.passed += 1
    return report
