"""A server that answers errgen's conformance route from the fixtures' meaning, to test the
conformance runner against: independent of the runner (it shares no code with it) and of the
requests the fixtures record (it does its own negotiation, it replays no request).

For every error of the fixture files it serves `GET` and `HEAD`
`/errgen/<catalog>/<code>?<name>=<value>…` (the query must carry the error's sample values, else
400), or the paths of a routes mapping. It chooses the format from `Accept` (RFC 9110 §12.5.1 with
the weights of §12.4.2: `q=0` is "not acceptable", `*/*` and `type/*` ranges, the most specific
range deciding a type's weight; ties go to the more specific range, then to the format the catalog
lists first, its formats being in its order of preference; no Accept field, or none that parses,
is the default format; nothing acceptable is the fixture's `not-acceptable` 406, or, where the
catalog says `"notAcceptable": "default-format"`, the default format, as without Accept) and
the language from `Accept-Language` (RFC 4647 §3.4 lookup: ranges by weight, subtags dropped from
the end, `de-CH` → `de`, a range that is a prefix of a catalog tag, `fr` → `fr-CA`, `*` the
default language, `q=0` excluding the languages the range is a prefix of, no match the default
language). It composes the answer from the fixture's `get` response of that format (default
language) or its `language` response for that language (default format); a non-default format in
a non-default language, which no fixture shows, is answered in the default language, as
`Content-Language` then says. HEAD answers the GET's status and header fields, no body.

Told to, it makes one realistic mistake (`MISTAKES`), or answers correctly in another spelling
(`VARIANTS`):

    with ConformanceServer(files, mistake="head-body") as server:
        run(server.url, files)

Run on its own: `python3 conformance_server.py [--port N] [--mistake M | --variant V] FIXTURE…`.
"""

from __future__ import annotations

import argparse
import json
import re
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

MISTAKES = {
    "accept-ignores-q": "takes the first type Accept lists that it offers, whatever the weights (q=0 too)",
    "accept-language-ignores-q": "takes the first language Accept-Language lists that it has, whatever the weights",
    "q-zero-acceptable": "reads q=0 as q=1 (`float(q) or 1.0`), in Accept and Accept-Language",
    "no-language-prefix": "matches a language range only to an equal tag: de-CH gets the default, not de",
    "head-body": "sends the body after the header block of a HEAD response",
    "xml-text": "writes the text `oops` after the first element that ends in an XML body",
    "slow-body": "sends a body in 7 parts, 0.2 s apart",
    "endless-body": "sends a chunked body a byte every 0.1 s, without end",
    "wrong-status": "answers every error with 500",
    "missing-header": "drops the header fields the error itself sets (WWW-Authenticate, Retry-After, …)",
    "content-length-chars": "counts characters, not bytes, in Content-Length",
    "head-length-zero": "says Content-Length: 0 for HEAD (the length of the body it does not send)",
    "vary-member-missing": "drops the last member of Vary (Accept-Encoding instead when none is left)",
    "wrong-content-type": "labels every body text/html; charset=utf-8",
    "no-406": "answers the default format where nothing is acceptable, even where the catalog says notAcceptable: error",
    "always-406": "answers an empty 406 where nothing is acceptable, even where the catalog says notAcceptable: default-format",
}

VARIANTS = {
    "charset-spelling": "Content-Type parameters without blanks, charset in capitals: text/plain;charset=UTF-8",
    "media-type-case": "Content-Type's type and subtype in capitals: APPLICATION/JSON",
    "vary-reordered": "Vary's members in reverse order, in lower case",
    "vary-accept-encoding": "Vary with Accept-Encoding added, as a compression middleware does",
    "trailing-space": "a space after every field value",
    "json-charset": "application/json; charset=utf-8 for application/json (RFC 8259 §11: no effect)",
    "split-fields": "a list field of several members as one field line per member",
    "lowercase-names": "field names in lower case",
    "interim-response": "a 103 Early Hints response before the final one",
    "json-reordered": "JSON members in reverse order (the byte length stays)",
    "xml-reindented": "XML indented with tabs rather than four spaces",
}

_LIST_FIELDS = ("vary", "allow", "content-language")


# MARK: - Header syntax


def _split(text: str, separator: str) -> list[str]:
    """`text` split at each `separator` outside a quoted-string."""
    parts, current, in_quotes, escaped = [], "", False, False
    for char in text:
        if escaped:
            escaped = False
        elif in_quotes and char == "\\":
            escaped = True
        elif char == '"':
            in_quotes = not in_quotes
        elif char == separator and not in_quotes:
            parts.append(current)
            current = ""
            continue
        current += char
    return parts + [current]


_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")


def weight(text: str, zero_ok: bool = False) -> int | None:
    """A qvalue (RFC 9110 §12.4.2) in thousandths, or None when it is not one. `zero_ok` plants
    the mistake of reading 0 as 1."""
    match = re.fullmatch(r"0(?:\.([0-9]{0,3}))?|1(?:\.0{0,3})?", text)
    if not match:
        return None
    if text.startswith("1"):
        return 1000
    value = int((match.group(1) or "").ljust(3, "0"))
    return 1000 if zero_ok and value == 0 else value


def _unquoted(value: str) -> str | None:
    if _TOKEN.fullmatch(value):
        return value
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return re.sub(r"\\(.)", r"\1", value[1:-1])
    return None


def media_ranges(fields: list[str], zero_ok: bool = False) -> list[tuple[str, str, dict[str, str], int]]:
    """The well-formed elements of Accept fields: (type, subtype, parameters, weight); a malformed
    element is skipped, the others still count."""
    ranges = []
    for element in (e.strip(" \t") for f in fields for e in _split(f, ",")):
        if not element:
            continue
        parts = [p.strip(" \t") for p in _split(element, ";")]
        kind, slash, subtype = parts[0].partition("/")
        if not slash or not _TOKEN.fullmatch(kind) or not _TOKEN.fullmatch(subtype) or (kind == "*" and subtype != "*"):
            continue
        parameters: dict[str, str] = {}
        q: int | None = 1000
        for part in parts[1:]:
            name, equals, value = part.partition("=")
            name = name.strip(" \t").lower()
            value = _unquoted(value.strip(" \t"))
            if not equals or not _TOKEN.fullmatch(name) or value is None:
                q = None
                break
            if name == "q":
                q = weight(value, zero_ok)
                break  # what follows the weight are accept-extensions
            parameters[name] = value
        if q is None:
            continue
        ranges.append((kind.lower(), subtype.lower(), parameters, q))
    return ranges


def _media_type(text: str) -> tuple[str, str, dict[str, str]]:
    parts = [p.strip(" \t") for p in _split(text, ";")]
    kind, _, subtype = parts[0].partition("/")
    parameters = {}
    for part in parts[1:]:
        name, _, value = part.partition("=")
        parameters[name.strip().lower()] = _unquoted(value.strip()) or value
    return kind.lower(), subtype.lower(), parameters


def _matches(media_range: tuple, offered: tuple) -> bool:
    kind, subtype, parameters, _ = media_range
    if kind != "*" and (kind != offered[0] or (subtype != "*" and subtype != offered[1])):
        return False
    for name, value in parameters.items():
        have = offered[2].get(name)
        if have is None or (have.lower() != value.lower() if name == "charset" else have != value):
            return False
    return True


def _specificity(media_range: tuple) -> tuple[int, int]:
    kind, subtype, parameters, _ = media_range
    return (0 if kind == "*" else 1 if subtype == "*" else 2, len(parameters))


def choose_format(accept: list[str], offered: list[str], default: int, mistake: str | None = None) -> int | None:
    """The index in `offered` (Content-Types) of the format to answer in, None when nothing is
    acceptable (a 406, or the default format where the catalog says so: see `_answer`)."""
    ranges = media_ranges(accept, zero_ok=mistake == "q-zero-acceptable")
    if not ranges:
        return default
    types = [_media_type(text) for text in offered]
    preference = list(range(len(offered)))  # the catalog's order of preference
    if mistake == "accept-ignores-q":
        for media_range in ranges:
            for index in preference:
                if _matches(media_range, types[index]):
                    return index
        return None
    best: tuple | None = None
    for rank, index in enumerate(preference):
        matching = [r for r in ranges if _matches(r, types[index])]
        if not matching:
            continue
        deciding = max(matching, key=lambda r: (_specificity(r), r[3]))
        key = (deciding[3], _specificity(deciding), -rank)
        if deciding[3] > 0 and (best is None or key > best[0]):
            best = (key, index)
    return best[1] if best else None


def language_ranges(fields: list[str], zero_ok: bool = False) -> list[tuple[tuple[str, ...], int]] | None:
    """The ranges of Accept-Language fields as (subtags, weight); None when one is malformed (the
    whole field is then no preference)."""
    ranges = []
    for element in (e.strip(" \t") for f in fields for e in _split(f, ",")):
        if not element:
            continue
        parts = [p.strip(" \t") for p in element.split(";")]
        tag = parts[0]
        if tag != "*" and not re.fullmatch(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*", tag):
            return None
        q: int | None = 1000
        for part in parts[1:]:
            name, equals, value = part.partition("=")
            if name.strip(" \t").lower() != "q" or not equals:
                return None
            q = weight(value.strip(" \t"), zero_ok)
            if q is None:
                return None
        ranges.append((tuple(tag.lower().split("-")), q))
    return ranges


def choose_language(accept_language: list[str], languages: list[str], mistake: str | None = None) -> int:
    """The index in `languages` (the default first) of the language to answer in."""
    ranges = language_ranges(accept_language, zero_ok=mistake == "q-zero-acceptable")
    if not ranges or len(languages) < 2:
        return 0
    tags = [tuple(language.lower().split("-")) for language in languages]
    if mistake == "accept-language-ignores-q":
        ordered, excluded = [r for r, _ in ranges], set()
    else:
        excluded = {i for i, tag in enumerate(tags) for r, q in ranges if q == 0 and r != ("*",) and tag[: len(r)] == r}
        ordered = [r for r, q in sorted(ranges, key=lambda item: -item[1]) if q > 0]  # sorted() is stable
    allowed = [i for i in range(len(tags)) if i not in excluded]
    for wanted in ordered:
        if wanted == ("*",):
            if allowed:
                return allowed[0]
            continue
        if mistake == "no-language-prefix":
            found = [i for i in allowed if tags[i] == wanted]
            if found:
                return found[0]
            continue
        candidate = wanted
        while candidate:
            found = [i for i in allowed if tags[i] == candidate]
            if found:
                return found[0]
            candidate = candidate[:-1]
            if candidate and len(candidate[-1]) == 1:
                candidate = candidate[:-1]  # RFC 4647 §3.4: a single-letter subtag goes with the one after it
        found = [i for i in allowed if tags[i][: len(wanted)] == wanted]
        if found:
            return found[0]
    return 0


# MARK: - Routes


def _sample_matches(text: str, sample: Any) -> bool:
    if isinstance(sample, bool):
        return text == ("true" if sample else "false")
    if isinstance(sample, int):
        return re.fullmatch(r"-?[0-9]+", text) is not None and int(text) == sample
    if isinstance(sample, float):
        return re.fullmatch(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?", text) is not None and float(text) == sample
    return text == sample


def _arguments_problem(values: dict[str, list[str]], parameters: list[dict]) -> str | None:
    """Why the values do not raise the error with its samples, or None."""
    names = {p["name"] for p in parameters}
    for name in values:
        if name not in names:
            return f"{name} is not a parameter of the error"
    for parameter in parameters:
        sample, given = parameter["sample"], values.get(parameter["name"], [])
        items = (sample or []) if parameter.get("list") else ([] if sample is None else [sample])
        if len(given) != len(items) or not all(_sample_matches(t, s) for t, s in zip(given, items)):
            return f"{parameter['name']}: {given!r} is not the sample {sample!r}"
    return None


class _Error:
    def __init__(self, catalog: dict, error: dict):
        self.catalog = catalog
        self.error = error
        responses = error["responses"]
        self.gets = {r["format"]: r for r in responses if r["case"] == "get"}
        self.languages = {
            value.lower(): r
            for r in responses if r["case"] == "language"
            for name, value in r["request"]["headers"] if name.lower() == "accept-language"
        }
        self.not_acceptable = next((r for r in responses if r["case"] == "not-acceptable"), None)
        # "error": nothing acceptable is a 406; "default-format": the answer without Accept.
        # Files written before the member existed say nothing, which is "error".
        self.answers_default = catalog.get("notAcceptable", "error") == "default-format"
        self.formats = [f["format"] for f in catalog["formats"]]
        self.content_types = [f["contentType"] for f in catalog["formats"]]
        self.default = self.formats.index(catalog["defaultFormat"]) if catalog["defaultFormat"] in self.formats else 0
        self.tags = catalog.get("languages") or ["en"]


class _Routes:
    """Where each error is raised: the convention route, or a routes mapping's paths."""

    def __init__(self, documents: list[dict], routes: dict[str, str] | None):
        self.errors: dict[tuple[str, str], _Error] = {}
        for document in documents:
            catalog = document["catalog"]
            if not catalog.get("http", True):
                continue
            for error in document["errors"]:
                self.errors[(catalog["name"], str(error["code"]))] = _Error(catalog, error)
        self.templates: list[tuple[re.Pattern, list[str], _Error]] = []
        for key, template in (routes or {}).items():
            # "<catalog> <code>", where either may hold spaces: the first split that names an error.
            splits = [(key[:i], key[i + 1 :]) for i, char in enumerate(key) if char == " "]
            found = next((self.errors[s] for s in splits if s in self.errors), None)
            if found is None:
                continue
            names = re.findall(r"\{([^{}]*)\}", template)
            pattern = "([^/?&#]*)".join(re.escape(piece) for piece in re.split(r"\{[^{}]*\}", template))
            self.templates.append((re.compile(pattern), names, found))

    def find(self, target: str) -> tuple[_Error | None, str]:
        """The error a request target raises, or None and why not."""
        for pattern, names, error in self.templates:
            match = pattern.fullmatch(target)
            if not match:
                continue
            values: dict[str, list[str]] = {}
            parameters = {p["name"]: p for p in error.error["parameters"]}
            try:
                for name, text in zip(names, match.groups()):
                    parameter = parameters.get(name, {})
                    if text == "" and (parameter.get("list") or parameter.get("sample") is None):
                        continue  # an empty list, or no value
                    parts = text.split(",") if parameter.get("list") else [text]
                    values[name] = [urllib.parse.unquote(p, errors="strict") for p in parts]
            except UnicodeDecodeError:
                return None, "a value is not percent-encoded UTF-8"
            problem = _arguments_problem(values, error.error["parameters"])
            return (None, problem) if problem else (error, "")
        path, _, query = target.partition("?")
        segments = path.split("/")
        if len(segments) != 4 or segments[:2] != ["", "errgen"]:
            return None, "no such route"
        try:
            key = (urllib.parse.unquote(segments[2], errors="strict"), urllib.parse.unquote(segments[3], errors="strict"))
            pairs = urllib.parse.parse_qsl(query, keep_blank_values=True, errors="strict")
        except UnicodeDecodeError:
            return None, "the path or query is not percent-encoded UTF-8"
        error = self.errors.get(key)
        if error is None:
            return None, f"no error {key[1]!r} in a catalog {key[0]!r}"
        values = {}
        for name, value in pairs:
            values.setdefault(name, []).append(value)
        problem = _arguments_problem(values, error.error["parameters"])
        return (None, problem) if problem else (error, "")


# MARK: - Answers


def _answer(error: _Error, accept: list[str], accept_language: list[str], mistake: str | None) -> dict:
    """The fixture response that answers these preferences."""
    chosen = choose_format(accept, error.content_types, error.default, mistake)
    if chosen is None:
        refuses = not error.answers_default
        if mistake in ("no-406", "always-406"):
            refuses = mistake == "always-406"
        if not refuses:
            chosen = error.default  # as if the request had no Accept field
        elif error.not_acceptable is not None and not error.answers_default:
            return error.not_acceptable
        else:
            # A 406 the fixture does not hold (its catalog never refuses): errgen's empty one.
            vary = "Accept, Accept-Language" if len(error.tags) > 1 else "Accept"
            return {"status": 406, "reasonPhrase": "Not Acceptable", "headers": [["Content-Length", "0"], ["Vary", vary]], "body": "", "format": None}
    language = choose_language(accept_language, error.tags, mistake)
    if language and chosen == error.default:
        found = error.languages.get(error.tags[language].lower())
        if found is not None:
            return found
    return error.gets[error.formats[chosen]]


def _reordered(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _reordered(v) for k, v in reversed(list(value.items()))}
    if isinstance(value, list):
        return [_reordered(v) for v in value]
    return value


def _plant_text(body: str) -> str:
    """`oops` after the first element of an XML document that ends."""
    root = re.search(r"<[^?!]", body)
    end = re.compile(r"</[^>]+>|<[^>!?/][^>]*/>").search(body, root.start() + 1 if root else 0)
    return body if end is None else body[: end.end()] + "oops" + body[end.end() :]


def _media_type_variant(value: str, variant: str | None) -> str:
    if variant == "charset-spelling":
        parts = [p.strip() for p in value.split(";")]
        return ";".join([parts[0]] + [re.sub(r"(?i)^charset=(.*)$", lambda m: "charset=" + m.group(1).upper(), p) for p in parts[1:]])
    if variant == "media-type-case":
        essence, _, rest = value.partition(";")
        return essence.upper() + (";" + rest if rest else "")
    if variant == "json-charset" and value.strip().lower() == "application/json":
        return "application/json; charset=utf-8"
    return value


def compose(error: _Error, method: str, accept: list[str], accept_language: list[str], mistake: str | None, variant: str | None) -> tuple[int, str, list[tuple[str, str]], bytes]:
    """Status, reason phrase, header fields and body of the answer to a GET (HEAD sends all but
    the body)."""
    response = _answer(error, accept, accept_language, mistake)
    status, reason = response["status"], response.get("reasonPhrase", "")
    body: str = response["body"]
    headers = [(name, value) for name, value in response["headers"]]
    fmt = response.get("format")
    if variant == "json-reordered" and fmt in ("json", "problem+json") and body:
        body = json.dumps(_reordered(json.loads(body)), ensure_ascii=False, separators=(",", ":"))
    if variant == "xml-reindented" and fmt in ("xml", "problem+xml"):
        body = re.sub(r"\n((?:    )+)<", lambda m: "\n" + "\t" * (len(m.group(1)) // 4) + "<", body)
    if mistake == "xml-text" and fmt in ("xml", "problem+xml") and body:
        body = _plant_text(body)
    data = body.encode("utf-8")
    length = str(len(body) if mistake == "content-length-chars" else len(data))
    if method == "HEAD" and mistake == "head-length-zero":
        length = "0"
    own = {h["name"].lower() for h in error.error.get("headers", [])}
    fields: list[tuple[str, str]] = []
    for name, value in headers:
        lower = name.lower()
        if lower == "content-length":
            value = length
        elif lower == "content-type":
            value = "text/html; charset=utf-8" if mistake == "wrong-content-type" else _media_type_variant(value, variant)
        elif lower == "vary":
            members = [m.strip() for m in value.split(",") if m.strip()]
            if mistake == "vary-member-missing":
                members = members[:-1] or ["Accept-Encoding"]
            if variant == "vary-reordered":
                members = [m.lower() for m in reversed(members)]
            if variant == "vary-accept-encoding":
                members.append("Accept-Encoding")
            value = ", ".join(members)
        if mistake == "missing-header" and lower in own:
            continue
        fields.append((name, value))
    if mistake == "wrong-status":
        status, reason = 500, "Internal Server Error"
    return status, reason, fields, data


# MARK: - Serving


class _Handler(BaseHTTPRequestHandler):
    server: "_HTTPServer"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self.respond()

    def do_HEAD(self) -> None:
        self.respond()

    def handle(self) -> None:
        try:
            super().handle()
        except (ConnectionError, TimeoutError, OSError):
            pass  # the client went away (as the runner does after a deadline)

    def write_head(self, status: int, reason: str, fields: list[tuple[str, str]]) -> None:
        owner = self.server.owner
        lines = [f"HTTP/1.1 {status} {reason}"]
        for name, value in fields:
            if owner.variant == "lowercase-names":
                name = name.lower()
            members = [m.strip() for m in value.split(",")]
            if owner.variant == "split-fields" and name.lower() in _LIST_FIELDS and len(members) > 1:
                lines += [f"{name}: {m}" for m in members]
                continue
            lines.append(f"{name}: {value}" + (" " if owner.variant == "trailing-space" else ""))
        self.wfile.write(("\r\n".join(lines) + "\r\n\r\n").encode("utf-8"))

    def respond(self) -> None:
        owner = self.server.owner
        self.close_connection = True
        error, why = owner.routes.find(self.path)
        if error is None:
            body = (why + "\n").encode("utf-8")
            status = 404 if why.startswith("no ") else 400
            self.write_head(status, "Not Found" if status == 404 else "Bad Request", [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))])
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        status, reason, fields, body = compose(
            error, self.command, self.headers.get_all("Accept") or [], self.headers.get_all("Accept-Language") or [],
            owner.mistake, owner.variant,
        )
        if owner.variant == "interim-response":
            self.wfile.write(b"HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n")
        head = self.command == "HEAD"
        if owner.mistake == "endless-body" and not head:
            fields = [(n, v) for n, v in fields if n.lower() != "content-length"] + [("Transfer-Encoding", "chunked")]
            self.write_head(status, reason, fields)
            started = time.monotonic()
            while not owner.stopping.is_set() and time.monotonic() - started < 60:
                self.wfile.write(b"1\r\n.\r\n")
                time.sleep(0.1)
            return
        self.write_head(status, reason, fields)
        if head and owner.mistake != "head-body":
            return
        if owner.mistake == "slow-body" and not head and body:
            parts = 7
            for index in range(parts):
                time.sleep(owner.interval)
                if owner.stopping.is_set():
                    return
                self.wfile.write(body[len(body) * index // parts : len(body) * (index + 1) // parts])
            return
        self.wfile.write(body)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    owner: "ConformanceServer"

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass


class ConformanceServer:
    """The server on `host` and `port` (0: any free port), in a thread of its own while open."""

    def __init__(
        self, files: list[Path], mistake: str | None = None, variant: str | None = None, routes: dict[str, str] | None = None,
        host: str = "127.0.0.1", port: int = 0, interval: float = 0.2,
    ):
        if mistake is not None and mistake not in MISTAKES:
            raise ValueError(f"unknown mistake {mistake!r}; one of {', '.join(MISTAKES)}")
        if variant is not None and variant not in VARIANTS:
            raise ValueError(f"unknown variant {variant!r}; one of {', '.join(VARIANTS)}")
        documents = [json.loads(Path(f).read_text(encoding="utf-8")) for f in files]
        self.routes = _Routes(documents, routes)
        self.mistake = mistake
        self.variant = variant
        self.interval = interval
        self.stopping = threading.Event()
        self.http = _HTTPServer((host, port), _Handler)
        self.http.owner = self
        self.thread = threading.Thread(target=self.http.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.http.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> "ConformanceServer":
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        self.stopping.set()
        if self.thread.is_alive():
            self.http.shutdown()
        self.http.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description="Serves errgen's conformance route for fixture files, correctly or with a planted mistake.")
    parser.add_argument("fixtures", nargs="+", type=Path)
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--mistake", choices=sorted(MISTAKES))
    parser.add_argument("--variant", choices=sorted(VARIANTS))
    arguments = parser.parse_args()
    files = [p for f in arguments.fixtures for p in (sorted(f.glob("*.json")) if f.is_dir() else [f])]
    with ConformanceServer(files, arguments.mistake, arguments.variant, port=arguments.port) as server:
        print(f"serving {len(server.routes.errors)} errors on {server.url}", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
