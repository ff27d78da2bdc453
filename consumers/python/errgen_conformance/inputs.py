"""The runner's own input, checked before any request is sent: fixture files and a routes file.

Every problem is reported as `<file>: $.path: what is wrong`, all of them, so that a broken file
is fixed in one go; a file that is not UTF-8 or not JSON is named with the line and column.
"""

from __future__ import annotations

import json
import math
import re
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
#: What a request line may carry unencoded in a path and query (RFC 3986 pchar, "/" and "?").
_TARGET = re.compile(r"[A-Za-z0-9\-._~!$&'()*+,;=:@/?]")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
#: Request fields the runner writes itself.
_OWN_FIELDS = {"host", "connection", "content-length", "transfer-encoding"}
#: What a catalog's `notAcceptable` may say (absent, in files written before it existed: "error").
NOT_ACCEPTABLE = ("error", "default-format")


class InputError(ValueError):
    """The fixtures or the routes file are not what the runner can check a server against."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


class NothingToCheck(ValueError):
    """The input is well-formed but holds no request to send."""


@dataclass(frozen=True)
class Exchange:
    """One request the fixtures promise a response to, and that response."""

    catalog: str
    code: str
    #: get, head, not-acceptable, language, accept-weights, …: the runner treats them alike.
    case: str
    format: str | None  # the body's wire format, None for an empty 406
    method: str
    path: str
    request_headers: tuple[tuple[str, str], ...]
    status: int
    headers: tuple[tuple[str, str], ...]
    body: str
    #: The catalog's `notAcceptable`: "error" (a request nothing satisfies gets a 406) or
    #: "default-format" (it gets the default format's answer, as without Accept). Only the report
    #: reads it, to say why a status differs.
    not_acceptable: str = "error"

    def describe(self) -> str:
        """`RestAuth not-acceptable: GET /errgen/… (Accept: application/json)`."""
        sent = ", ".join(f"{name}: {value}" for name, value in self.request_headers)
        return f"{self.catalog} {self.code}: {self.method} {self.path}" + (f" ({sent})" if sent else "")


# MARK: - Reading JSON


class _Object(dict):
    duplicates: list[str]


def _pairs(pairs: list[tuple[str, Any]]) -> _Object:
    result = _Object()
    result.duplicates = []
    for key, value in pairs:
        if key in result:
            result.duplicates.append(key)
        result[key] = value
    return result


class NotJSON:
    """`NaN`, `Infinity` or `-Infinity`, which Python's reader takes and JSON does not have."""

    def __init__(self, text: str):
        self.text = text


def _position(data: bytes, offset: int) -> str:
    before = data[:offset]
    line = before.count(b"\n") + 1
    column = len(before) - (before.rfind(b"\n") + 1) + 1
    return f"line {line}, column {column}"


def read_json(path: Path, label: str) -> tuple[Any, list[str]]:
    """A file's JSON value, or the problems that keep it from being one."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return None, [f"{label}: cannot be read: {error.strerror or error}"]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return None, [f"{label}: not UTF-8: byte 0x{data[error.start]:02X} at {_position(data, error.start)}"]
    if text.startswith("\ufeff"):
        text = text[1:]  # a byte order mark, which RFC 8259 §8.1 lets a reader ignore
    try:
        value = json.loads(text, object_pairs_hook=_pairs, parse_constant=NotJSON)
    except json.JSONDecodeError as error:
        return None, [f"{label}: not JSON: {error.msg} at line {error.lineno}, column {error.colno}"]
    except RecursionError:
        return None, [f"{label}: not JSON the runner can read: it nests too deeply"]
    surrogates = list(_surrogates(value, "$"))
    if surrogates:
        return None, [f"{label}: {path}: \\u{ord(char):04x} is half of a surrogate pair, not text" for path, char in surrogates]
    return value, []


def _surrogates(value: Any, path: str):
    """Where the strings hold a lone surrogate (`"\\ud800"`: JSON can write it, UTF-8 cannot)."""
    stack = [(value, path)]
    while stack:
        value, path = stack.pop()
        if isinstance(value, str):
            bad = next((c for c in value if "\ud800" <= c <= "\udfff"), None)
            if bad is not None:
                yield path, bad
        elif isinstance(value, dict):
            for key in value:
                bad = next((c for c in key if "\ud800" <= c <= "\udfff"), None)
                if bad is not None:
                    yield path, bad
            # Last first, so that they are reported in the order they are written.
            stack += [(item, _member(path, key)) for key, item in reversed(value.items())]
        elif isinstance(value, list):
            stack += [(item, f"{path}[{index}]") for index, item in reversed(list(enumerate(value)))]


# MARK: - Checking shapes


def _found(value: Any) -> str:
    if isinstance(value, NotJSON):
        return f"{value.text}, which is not JSON"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number" if math.isfinite(value) else "a number too large to read"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _member(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if re.fullmatch(r"[A-Za-z_$][A-Za-z0-9_]*", key) else f"{path}[{json.dumps(key, ensure_ascii=False)}]"


class _Checker:
    def __init__(self, label: str):
        self.label = label
        self.problems: list[str] = []

    def problem(self, path: str, what: str) -> None:
        self.problems.append(f"{self.label}: {path}: {what}")

    def object(self, value: Any, path: str) -> bool:
        if not isinstance(value, dict):
            self.problem(path, f"expected an object, found {_found(value)}")
            return False
        for key in getattr(value, "duplicates", []):
            self.problem(_member(path, key), "the member appears more than once")
        return True

    def list(self, value: Any, path: str, what: str = "a list") -> bool:
        if not isinstance(value, list):
            self.problem(path, f"expected {what}, found {_found(value)}")
            return False
        return True

    def required(self, document: dict, key: str, path: str) -> Any:
        if key not in document:
            self.problem(_member(path, key), "missing")
            return _MISSING
        return document[key]

    def string(self, value: Any, path: str, nonempty: bool = True) -> bool:
        if value is _MISSING:
            return False
        if not isinstance(value, str):
            self.problem(path, f"expected a string, found {_found(value)}")
            return False
        if nonempty and not value:
            self.problem(path, "expected a string that is not empty")
            return False
        return True

    def field(self, value: Any, path: str) -> bool:
        """A [name, value] pair of strings that HTTP can carry."""
        if not isinstance(value, list) or len(value) != 2 or not all(isinstance(v, str) for v in value):
            shape = _found(value)
            if isinstance(value, list):
                shape = f"a list of {len(value)} item{'s' if len(value) != 1 else ''}" if len(value) != 2 else "a pair that is not two strings"
            self.problem(path, f"expected a [name, value] pair of strings, found {shape}")
            return False
        name, text = value
        ok = True
        if not _TOKEN.fullmatch(name):
            self.problem(_member(path, 0), f"{json.dumps(name, ensure_ascii=False)} is not a field name (RFC 9110 §5.1)")
            ok = False
        bad = next((c for c in text if c in "\r\n\0"), None)
        if bad is not None:
            self.problem(_member(path, 1), f"a field value cannot hold U+{ord(bad):04X} (RFC 9110 §5.5)")
            ok = False
        return ok

    def fields(self, value: Any, path: str) -> bool:
        if value is _MISSING:
            return False
        if not self.list(value, path, "a list of [name, value] pairs"):
            return False
        return all([self.field(item, _member(path, index)) for index, item in enumerate(value)])


_MISSING = object()


def _sample_ok(value: Any) -> bool:
    return value is None or (isinstance(value, (str, int, float)) and not (isinstance(value, float) and not math.isfinite(value)))


def check_fixture(document: Any, label: str) -> list[str]:
    """Every problem of a fixture file's shape, as `<label>: $.path: what is wrong`."""
    check = _Checker(label)
    if not check.object(document, "$"):
        return check.problems
    catalog = check.required(document, "catalog", "$")
    if catalog is not _MISSING and check.object(catalog, "$.catalog"):
        check.string(check.required(catalog, "name", "$.catalog"), "$.catalog.name")
        if "http" in catalog and not isinstance(catalog["http"], bool):
            check.problem("$.catalog.http", f"expected a boolean, found {_found(catalog['http'])}")
        if "notAcceptable" in catalog and catalog["notAcceptable"] not in NOT_ACCEPTABLE:
            value = catalog["notAcceptable"]
            found = json.dumps(value, ensure_ascii=False) if isinstance(value, str) else _found(value)
            check.problem("$.catalog.notAcceptable", f'expected "error" or "default-format", found {found}')
    errors = check.required(document, "errors", "$")
    if errors is _MISSING or not check.list(errors, "$.errors"):
        return check.problems
    for index, error in enumerate(errors):
        path = f"$.errors[{index}]"
        if not check.object(error, path):
            continue
        code = check.required(error, "code", path)
        if code is not _MISSING:
            if isinstance(code, bool) or not isinstance(code, (str, int)):
                check.problem(f"{path}.code", f"expected a string or an integer, found {_found(code)}")
            elif code == "":
                check.problem(f"{path}.code", "expected a string that is not empty")
        _check_parameters(check, check.required(error, "parameters", path), f"{path}.parameters")
        responses = check.required(error, "responses", path)
        if responses is _MISSING or not check.list(responses, f"{path}.responses"):
            continue
        for number, response in enumerate(responses):
            _check_response(check, response, f"{path}.responses[{number}]")
    return check.problems


def _check_parameters(check: _Checker, parameters: Any, path: str) -> None:
    if parameters is _MISSING or not check.list(parameters, path):
        return
    for index, parameter in enumerate(parameters):
        here = f"{path}[{index}]"
        if not check.object(parameter, here):
            continue
        check.string(check.required(parameter, "name", here), f"{here}.name")
        is_list = parameter.get("list", False)
        if not isinstance(is_list, bool):
            check.problem(f"{here}.list", f"expected a boolean, found {_found(is_list)}")
            continue
        sample = check.required(parameter, "sample", here)
        if sample is _MISSING:
            continue
        if is_list:
            if sample is not None and not isinstance(sample, list):
                check.problem(f"{here}.sample", f"expected a list (the parameter is a list) or null, found {_found(sample)}")
            elif sample is not None:
                for number, item in enumerate(sample):
                    if item is None or not _sample_ok(item):
                        check.problem(f"{here}.sample[{number}]", f"expected a string, number or boolean, found {_found(item)}")
        elif not _sample_ok(sample):
            check.problem(f"{here}.sample", f"expected a string, number, boolean or null, found {_found(sample)}")


def _check_response(check: _Checker, response: Any, path: str) -> None:
    if not check.object(response, path):
        return
    check.string(check.required(response, "case", path), f"{path}.case")
    if "format" in response and response["format"] is not None and not isinstance(response["format"], str):
        check.problem(f"{path}.format", f"expected a string or null, found {_found(response['format'])}")
    status = check.required(response, "status", path)
    if status is not _MISSING:
        if isinstance(status, bool) or not isinstance(status, int):
            check.problem(f"{path}.status", f"expected an integer, found {_found(status)}")
        elif not 100 <= status <= 599:
            check.problem(f"{path}.status", f"{status} is not an HTTP status (100 to 599)")
    check.fields(check.required(response, "headers", path), f"{path}.headers")
    body = check.required(response, "body", path)
    check.string(body, f"{path}.body", nonempty=False)
    request = check.required(response, "request", path)
    if request is _MISSING or not check.object(request, f"{path}.request"):
        return
    method = check.required(request, "method", f"{path}.request")
    if check.string(method, f"{path}.request.method") and not _TOKEN.fullmatch(method):
        check.problem(f"{path}.request.method", f"{json.dumps(method, ensure_ascii=False)} is not a method (RFC 9110 §9.1)")
    headers = check.required(request, "headers", f"{path}.request")
    if check.fields(headers, f"{path}.request.headers"):
        for index, (name, _) in enumerate(headers):
            if name.lower() in _OWN_FIELDS:
                check.problem(f"{path}.request.headers[{index}]", f"the runner sends {name} itself")
    if method == "HEAD" and isinstance(body, str) and body:
        check.problem(f"{path}.body", "a response to HEAD has no body (RFC 9110 §9.3.2)")


def check_routes(routes: Any, label: str) -> list[str]:
    """A routes file: an object from `"<catalog> <code>"` to a path starting with `/`, written as
    it goes on the wire (percent-encoded), with `{name}` placeholders."""
    check = _Checker(label)
    if not check.object(routes, "$"):
        return check.problems
    for key, value in routes.items():
        path = _member("$", key)
        if not check.string(value, path):
            continue
        if not value.startswith("/"):
            check.problem(path, f"{json.dumps(value, ensure_ascii=False)} does not start with /")
            continue
        if " " not in key.strip(" "):
            check.problem(path, 'the name is not "<catalog> <code>"')
        bad = _unencoded(_PLACEHOLDER.sub("", value))
        if bad is not None:
            check.problem(path, f"{json.dumps(bad, ensure_ascii=False)} (U+{ord(bad):04X}) must be percent-encoded in a path (RFC 3986 §3.3)")
    return check.problems


def _unencoded(text: str) -> str | None:
    """The first character of `text` that a request target cannot carry as it is, or None."""
    index = 0
    while index < len(text):
        if text[index] == "%" and re.fullmatch(r"[0-9A-Fa-f]{2}", text[index + 1 : index + 3]):
            index += 3
            continue
        if not _TARGET.fullmatch(text[index]):
            return text[index]
        index += 1
    return None


# MARK: - Paths


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
    """A routes file's path with its `{name}` placeholders filled in, each item percent-encoded
    (a list's items joined by commas, an absent value empty)."""
    values = {}
    for parameter in parameters:
        sample = parameter["sample"]
        items = (sample or []) if parameter.get("list") else ([] if sample is None else [sample])
        values[parameter["name"]] = ",".join(urllib.parse.quote(sample_text(item), safe="") for item in items)
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


# MARK: - Loading


@dataclass
class Loaded:
    exchanges: list[Exchange]
    #: Errors a routes file leaves unmapped.
    skipped: int
    #: Errors with HTTP responses in the fixtures (mapped or not).
    errors: int


def load(fixture_files: list[Path], routes: Any = None, routes_file: Path | None = None) -> Loaded:
    """Every exchange of the fixture files; raises `InputError` with every problem of the input
    (the fixtures', and the routes', given as a value or as a file), before anything is sent."""
    problems: list[str] = []
    routes_label = "routes"
    if routes_file is not None:
        routes_label = str(routes_file)
        routes, read_problems = read_json(routes_file, routes_label)
        if read_problems:
            problems += read_problems
            routes = {}
    documents: list[tuple[Path, dict]] = []
    for file in fixture_files:
        label = str(file)
        document, read_problems = read_json(file, label)
        problems += read_problems or check_fixture(document, label)
        if not read_problems:
            documents.append((file, document))
    if routes is not None:
        problems += check_routes(routes, routes_label)
    if problems:
        raise InputError(problems)
    exchanges: list[Exchange] = []
    skipped = errors = 0
    used_routes: set[str] = set()
    for file, document in documents:
        catalog = document["catalog"]
        if catalog.get("http", True) is False:
            continue  # errors that never travel over HTTP
        name = catalog["name"]
        for index, error in enumerate(document["errors"]):
            if not error["responses"]:
                continue
            errors += 1
            code = str(error["code"])
            key = f"{name} {code}"
            if routes is None:
                path = convention_path(name, code, error["parameters"])
            elif key in routes:
                used_routes.add(key)
                known = {p["name"] for p in error["parameters"]}
                unknown = [m for m in _PLACEHOLDER.findall(routes[key]) if m not in known]
                if unknown:
                    problems.append(f"{routes_label}: {_member('$', key)}: {{{unknown[0]}}} is not a parameter of {key} ({file}: $.errors[{index}])")
                    continue
                path = mapped_path(routes[key], error["parameters"])
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
                        body=response["body"], not_acceptable=catalog.get("notAcceptable", "error"),
                    )
                )
    if problems:
        raise InputError(problems)
    if not errors:
        raise NothingToCheck("nothing to check: the fixtures hold no HTTP responses (no errors, or only catalogs without HTTP)")
    if routes is not None and not used_routes:
        raise NothingToCheck(f'nothing to check: {routes_label} maps none of the fixtures\' errors (its names are "<catalog> <code>")')
    return Loaded(exchanges, skipped, errors)
