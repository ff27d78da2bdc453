"""A conformance runner for servers in any language: replays every response an errgen fixture file
promises against a running server and reports each difference in status, headers and body.

Fixtures (`fixtures/<catalog>.json`, written by errgen) hold, for every error, the responses
errgen's runtime gives to a set of requests, each named by its `case`: a GET per format, a HEAD, a
request that accepts no format, a GET per language, and GETs whose `Accept` or `Accept-Language`
weigh, exclude or range over several choices. The runner treats every case alike: it makes the
server raise the error with the fixture's sample values, sends the request's method and header
fields, and compares what comes back with the response.

A request that accepts no format gets what the catalog's `notAcceptable` says: `"error"` (or no
such member, in files written before it existed) a 406; `"default-format"` no 406 ever, but the
answer a request without `Accept` gets, in the default format, which is what the fixture's
`not-acceptable` responses then hold. Compared like any other, a server that answers the other
way fails on the status, and the report says what the catalog expects.

How the server is made to raise an error, by default (the convention):

    <METHOD> <base>/errgen/<catalog>/<code>?<name>=<value>&…

`<catalog>` is the catalog's name and `<code>` the wire code, each percent-encoded as one path
segment; the query holds each parameter's sample in its text form (`true`, `42`, `2.5`; a list
parameter repeats its name for each item; an optional parameter without a value is left out). A
server exposes such a route in its test configuration only. Instead, a routes file (JSON) can map
`"<catalog> <code>"` to a path of the server's own, written percent-encoded as it goes on the
wire, whose `{name}` placeholders are filled with the sample values (percent-encoded, a list's
items joined by commas); errors it does not map are skipped.

What is compared, by meaning unless `exact=True`:

- the status (not the reason phrase, which clients ignore: RFC 9110 §15);
- every header field of the fixture (see `fields`: media types, lists, blanks), others being the
  server's business; `Content-Length` is the length of the body sent (for HEAD: of the body the
  same GET sends), in exact mode the fixture's;
- the body (see `bodies`: text exactly, JSON and XML as parsed values), in exact mode byte for
  byte; a response to HEAD has none (RFC 9110 §9.3.2), which the runner proves by reading the
  connection until the server closes it.

Every request says `Connection: close` and has `timeout` seconds for all of it. The input is
checked first (`inputs`): nothing is sent when a fixture or the routes are malformed.

Only the Python standard library is used.
"""

from __future__ import annotations

import math
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .bodies import body_difference
from .fields import field_difference
from .inputs import Exchange, InputError, NothingToCheck, convention_path, load, mapped_path, sample_text
from .text import pair
from .wire import Answer, NoAnswer, exchange as http_exchange

__all__ = [
    "Answer", "Difference", "Exchange", "InputError", "NoAnswer", "NothingToCheck", "Report", "compare",
    "convention_path", "load_exchanges", "mapped_path", "run", "sample_text",
]


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


def load_exchanges(fixture_files: Iterable[Path], routes: Any = None, routes_file: Path | None = None) -> tuple[list[Exchange], int]:
    """Every exchange of the fixture files, and how many errors a routes file leaves unmapped.
    Raises `InputError` (every problem of the input) or `NothingToCheck`."""
    loaded = load(list(fixture_files), routes, routes_file)
    return loaded.exchanges, loaded.skipped


# MARK: - Comparing


def _length_difference(values: list[str], expected: str) -> str | None:
    got = ", ".join(v.strip(" \t") for v in values)
    if not values:
        return f"Content-Length missing, expected {expected}"
    return None if got == expected else f"Content-Length {got}, expected {expected}"


def _refusal_note(exchange: Exchange, answer: Answer) -> str:
    """Why the status of a request that accepts no format is not what the server sent, when the
    catalog's `notAcceptable` tells: a 406 that the catalog never sends, or no 406 where it does."""
    if exchange.case != "not-acceptable":
        return ""
    if exchange.not_acceptable == "default-format" and answer.status == 406:
        return (" (the catalog says notAcceptable: default-format: a request that accepts none of its formats gets"
                " the default format's answer, as without Accept, never 406)")
    if exchange.not_acceptable == "error" and exchange.status == 406:
        return " (the catalog says notAcceptable: error: a request that accepts none of its formats is refused with 406)"
    return ""


def compare(exchange: Exchange, answer: Answer, exact: bool, get_length: int | None = None) -> list[str]:
    """The differences between the fixture's response and the server's answer. `get_length` is,
    for HEAD by meaning, the length of the body the same GET sends."""
    problems: list[str] = []
    if answer.status != exchange.status:
        problems.append(f"status {answer.status}, expected {exchange.status}{_refusal_note(exchange, answer)}")
    for name in answer.undecodable:
        problems.append(f"header {name}: the value is not UTF-8")
    expected_fields: dict[str, tuple[str, list[str]]] = {}
    for name, value in exchange.headers:
        entry = expected_fields.setdefault(name.lower(), (name, []))
        entry[1].append(value.strip(" \t"))
    for lower, (name, values) in expected_fields.items():
        want = ", ".join(values)
        got = answer.header(name)
        if lower == "content-length":
            # The length of what is sent: exactly the fixture's, or (by meaning) of the server's own body.
            if exact:
                expected = want
            elif exchange.method == "HEAD":
                expected = str(get_length) if get_length is not None else want
            else:
                expected = str(len(answer.body))
            problem = _length_difference(got, expected)
        else:
            problem = field_difference(name, got, want, exact)
        if problem:
            problems.append(problem)
    if exchange.method == "HEAD":
        if answer.after_head:
            size = f"more than {answer.after_head - 1}" if answer.after_head_capped else str(answer.after_head)
            problems.append(f"HEAD answered with a body of {size} bytes (RFC 9110 §9.3.2: none)")
        return problems
    try:
        got_text = answer.body.decode("utf-8")
    except UnicodeDecodeError as error:
        problems.append(f"the body is not UTF-8 (byte 0x{answer.body[error.start]:02X} at offset {error.start})")
        got_text = answer.body.decode("utf-8", errors="replace")
    if exact:
        if answer.body != exchange.body.encode("utf-8"):
            problems.append(f"body {pair(got_text, exchange.body)}")
    else:
        problem = body_difference(exchange.format, got_text, exchange.body)
        if problem:
            problems.append(problem)
    return problems


# MARK: - Running


def check_timeout(timeout: Any) -> float:
    """The timeout as seconds: a finite number above 0, else ValueError."""
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not math.isfinite(timeout) or timeout <= 0:
        raise ValueError(f"the timeout must be a number of seconds above 0, not {timeout!r}")
    return float(timeout)


def check_base_url(base_url: str) -> urllib.parse.SplitResult:
    """The server's URL, split; ValueError unless it is http:// or https:// with a host."""
    base = urllib.parse.urlsplit(base_url)
    try:
        base.port
    except ValueError:
        raise ValueError(f"{base_url!r} has no valid port") from None
    if base.scheme not in ("http", "https") or not base.hostname:
        raise ValueError(f"{base_url!r} is not an http:// or https:// URL")
    if base.query or base.fragment:
        raise ValueError(f"{base_url!r}: a base URL has no query or fragment")
    return base


def run(
    base_url: str, fixture_files: Iterable[Path], routes: Any = None, exact: bool = False, timeout: float = 5.0,
    routes_file: Path | None = None,
) -> Report:
    """Replays every exchange of the fixture files against the server at `base_url`. Raises
    ValueError for a bad URL or timeout, `InputError` or `NothingToCheck` for bad input, before
    sending anything."""
    base = check_base_url(base_url)
    timeout = check_timeout(timeout)
    loaded = load(list(fixture_files), routes, routes_file)
    report = Report(skipped=loaded.skipped)
    prefix = base.path.rstrip("/")

    def send(method: str, exchange: Exchange) -> Answer:
        return http_exchange(
            base.scheme, base.hostname or "", base.port, method, prefix + exchange.path, exchange.request_headers, timeout,
        )

    for exchange in loaded.exchanges:
        try:
            answer = send(exchange.method, exchange)
            get_length = None
            if exchange.method == "HEAD" and not exact:
                # HEAD's Content-Length is that of the body the same GET sends.
                try:
                    get_length = len(send("GET", exchange).body)
                except NoAnswer as error:
                    raise NoAnswer(f"the GET that tells HEAD's Content-Length: {error}") from error
            problems = compare(exchange, answer, exact, get_length)
        except NoAnswer as error:
            problems = [str(error)]
        if problems:
            report.failed += 1
            report.differences += [Difference(exchange, problem) for problem in problems]
        else:
            report.passed += 1
    return report
