"""The conformance runner's own input: every malformed fixture, routes file, URL or timeout is
reported before any request is sent (`<file>: $.path: what is wrong`, all of them), exit status
2, and never a Python traceback."""

from __future__ import annotations

import copy
import json
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Callable

import pytest

import errgen_conformance as conformance
import errgen_spec as es

HERE = Path(__file__).resolve().parent
RESTAUTH = es.FIXTURES / "restauth.json"


@pytest.fixture
def listener() -> Iterator[tuple[str, socket.socket]]:
    """A port that listens and never answers, to prove that nothing was sent to it."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}", sock
    finally:
        sock.close()


def nothing_sent(sock: socket.socket) -> bool:
    sock.settimeout(0.0)
    try:
        connection, _ = sock.accept()
    except BlockingIOError:
        return True
    connection.close()
    return False


def command(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "errgen_conformance", *arguments], cwd=HERE, capture_output=True, text=True, timeout=60,
    )


class Result:
    def __init__(self, returncode: int, stdout: str, stderr: str):
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


@pytest.fixture
def main(capsys) -> Callable[..., Result]:
    """The command line run in this process (quicker than a process of its own): its exit status
    and output; an exception other than SystemExit fails the test as a traceback would."""
    from errgen_conformance.__main__ import main as entry

    def run(*arguments: str) -> Result:
        capsys.readouterr()
        try:
            code = entry(list(arguments))
        except SystemExit as exit:
            code = exit.code
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def restauth() -> dict:
    return json.loads(RESTAUTH.read_text(encoding="utf-8"))


def changed(change: Callable[[dict], Any]) -> dict:
    document = copy.deepcopy(restauth())
    change(document)
    return document


def assign(path: list, value: Any) -> Callable[[dict], None]:
    def change(document: dict) -> None:
        target = document
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def delete(path: list) -> Callable[[dict], None]:
    def change(document: dict) -> None:
        target = document
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return change


R0 = ["errors", 0, "responses", 0]

#: A malformed fixture (the file's bytes, or a change to restauth.json) and a line the runner
#: reports for it, after `<file>: `.
SHAPES: dict[str, tuple[bytes | Callable[[dict], Any], str]] = {
    "top-level array": (b"[]", "$: expected an object, found a list"),
    "top-level string": (b'"fixtures"', "$: expected an object, found a string"),
    "empty object": (b"{}", "$.catalog: missing"),
    "catalog a list": (assign(["catalog"], []), "$.catalog: expected an object, found a list"),
    "catalog without a name": (delete(["catalog", "name"]), "$.catalog.name: missing"),
    "catalog name a number": (assign(["catalog", "name"], 7), "$.catalog.name: expected a string, found an integer"),
    "http a string": (assign(["catalog", "http"], "yes"), "$.catalog.http: expected a boolean, found a string"),
    "notAcceptable unknown": (assign(["catalog", "notAcceptable"], "ignore"), '$.catalog.notAcceptable: expected "error" or "default-format", found "ignore"'),
    "notAcceptable a boolean": (assign(["catalog", "notAcceptable"], False), '$.catalog.notAcceptable: expected "error" or "default-format", found a boolean'),
    "errors a string": (assign(["errors"], "none"), "$.errors: expected a list, found a string"),
    "an error a list": (assign(["errors", 1], []), "$.errors[1]: expected an object, found a list"),
    "code a list": (assign(["errors", 0, "code"], ["x"]), "$.errors[0].code: expected a string or an integer, found a list"),
    "code a boolean": (assign(["errors", 0, "code"], True), "$.errors[0].code: expected a string or an integer, found a boolean"),
    "parameters an object": (assign(["errors", 0, "parameters"], {}), "$.errors[0].parameters: expected a list, found an object"),
    "a parameter without a sample": (delete(["errors", 0, "parameters", 1, "sample"]), "$.errors[0].parameters[1].sample: missing"),
    "a sample an object": (
        assign(["errors", 0, "parameters", 0, "sample"], {"a": 1}),
        "$.errors[0].parameters[0].sample: expected a string, number, boolean or null, found an object",
    ),
    "a list sample not a list": (
        assign(["errors", 0, "parameters", 0, "list"], True),
        "$.errors[0].parameters[0].sample: expected a list (the parameter is a list) or null, found a string",
    ),
    "responses null": (assign(["errors", 0, "responses"], None), "$.errors[0].responses: expected a list, found null"),
    "a response a string": (assign(R0, "200 OK"), "$.errors[0].responses[0]: expected an object, found a string"),
    "status a string": (assign(["errors", 3, "responses", 0, "status"], "401"), "$.errors[3].responses[0].status: expected an integer, found a string"),
    "status a fraction": (assign(R0 + ["status"], 401.5), "$.errors[0].responses[0].status: expected an integer, found a number"),
    "status out of range": (assign(R0 + ["status"], 600), "$.errors[0].responses[0].status: 600 is not an HTTP status (100 to 599)"),
    "status NaN": (b'{"catalog": {"name": "X"}, "errors": [{"code": "x", "parameters": [], "responses": [{"case": "get", "status": NaN}]}]}',
                   "$.errors[0].responses[0].status: expected an integer, found NaN, which is not JSON"),
    "status missing": (delete(R0 + ["status"]), "$.errors[0].responses[0].status: missing"),
    "case a number": (assign(R0 + ["case"], 1), "$.errors[0].responses[0].case: expected a string, found an integer"),
    "headers an object": (assign(R0 + ["headers"], {"Vary": "Accept"}), "$.errors[0].responses[0].headers: expected a list of [name, value] pairs, found an object"),
    "a header not a pair": (assign(R0 + ["headers", 0], ["Content-Type"]), "$.errors[0].responses[0].headers[0]: expected a [name, value] pair of strings, found a list of 1 item"),
    "a header a string": (assign(R0 + ["headers", 1], "Vary: Accept"), "$.errors[0].responses[0].headers[1]: expected a [name, value] pair of strings, found a string"),
    "a header value a number": (assign(R0 + ["headers", 1], ["Content-Length", 58]), "$.errors[0].responses[0].headers[1]: expected a [name, value] pair of strings, found a pair that is not two strings"),
    "a header name with a space": (assign(R0 + ["headers", 0, 0], "Content Type"), '$.errors[0].responses[0].headers[0][0]: "Content Type" is not a field name (RFC 9110 §5.1)'),
    "a header value with a line break": (assign(R0 + ["headers", 0, 1], "text/plain\r\nX-Injected: 1"), "$.errors[0].responses[0].headers[0][1]: a field value cannot hold U+000D (RFC 9110 §5.5)"),
    "body a number": (assign(R0 + ["body"], 58), "$.errors[0].responses[0].body: expected a string, found an integer"),
    "a HEAD response with a body": (assign(["errors", 0, "responses", 2, "body"], "x"), "$.errors[0].responses[2].body: a response to HEAD has no body (RFC 9110 §9.3.2)"),
    "request missing": (delete(R0 + ["request"]), "$.errors[0].responses[0].request: missing"),
    "request headers an object": (assign(R0 + ["request", "headers"], {"Accept": "text/plain"}), "$.errors[0].responses[0].request.headers: expected a list of [name, value] pairs, found an object"),
    "a request header not a pair": (assign(R0 + ["request", "headers", 0], ["Accept", "a", "b"]), "$.errors[0].responses[0].request.headers[0]: expected a [name, value] pair of strings, found a list of 3 items"),
    "a request header the runner sends": (assign(R0 + ["request", "headers"], [["Connection", "keep-alive"]]), "$.errors[0].responses[0].request.headers[0]: the runner sends Connection itself"),
    "method a number": (assign(R0 + ["request", "method"], 1), "$.errors[0].responses[0].request.method: expected a string, found an integer"),
    "method with a space": (assign(R0 + ["request", "method"], "GET /x"), '$.errors[0].responses[0].request.method: "GET /x" is not a method (RFC 9110 §9.1)'),
    "a member twice": (b'{"catalog": {"name": "X"}, "errors": [], "errors": []}', '$.errors: the member appears more than once'),
    "not JSON": (b'{\n  "catalog": ,\n}', "not JSON: Expecting value at line 2, column 14"),
    "empty file": (b"", "not JSON: Expecting value at line 1, column 1"),
    "not UTF-8": (b'{"catalog": {"name": "caf\xe9"}}', "not UTF-8: byte 0xE9 at line 1, column 26"),
    "nested too deeply": (b"[" * 200000, "not JSON the runner can read: it nests too deeply"),
    "a lone surrogate": (b'{"catalog": {"name": "X\\ud800"}, "errors": []}', "$.catalog.name: \\ud800 is half of a surrogate pair, not text"),
}


def write_shape(folder: Path, name: str) -> Path:
    content, _ = SHAPES[name]
    path = folder / (name.replace(" ", "-") + ".json")
    path.write_bytes(content if isinstance(content, bytes) else json.dumps(changed(content)).encode())
    return path


@pytest.mark.parametrize("name", list(SHAPES))
def test_each_malformed_fixture_is_reported_where_it_is_before_anything_is_sent(name, tmp_path, listener, main):
    url, sock = listener
    path = write_shape(tmp_path, name)
    result = main("--base-url", url, str(path))
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert f"{path}: {SHAPES[name][1]}" in result.stderr.splitlines(), result.stderr
    assert result.stderr.splitlines()[-1].endswith("in the input; nothing was sent")
    assert result.stdout == ""
    assert nothing_sent(sock)


def test_every_problem_of_every_file_is_reported(tmp_path, listener):
    url, sock = listener
    paths = [write_shape(tmp_path, name) for name in SHAPES]
    several = changed(lambda d: [assign(["errors", 3, "responses", 0, "status"], "401")(d), assign(R0 + ["request", "headers"], {})(d)])
    both = tmp_path / "both.json"
    both.write_text(json.dumps(several))
    result = command("--base-url", url, str(RESTAUTH), *map(str, paths), str(both))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    reported = result.stderr.splitlines()
    for path, name in zip(paths, SHAPES):
        assert f"{path}: {SHAPES[name][1]}" in reported
    assert f"{both}: $.errors[3].responses[0].status: expected an integer, found a string" in reported
    assert f"{both}: $.errors[0].responses[0].request.headers: expected a list of [name, value] pairs, found an object" in reported
    assert not any(line.startswith(str(RESTAUTH)) for line in reported)
    assert reported[-1] == f"errgen_conformance: {len(reported) - 1} problems in the input; nothing was sent"
    assert nothing_sent(sock)


def test_the_api_raises_with_every_problem(tmp_path, listener):
    url, sock = listener
    path = write_shape(tmp_path, "status a string")
    with pytest.raises(conformance.InputError) as raised:
        conformance.run(url, [path])
    assert raised.value.problems == [f"{path}: $.errors[3].responses[0].status: expected an integer, found a string"]
    assert nothing_sent(sock)


def test_nothing_to_check_is_an_error(tmp_path, listener):
    url, sock = listener
    no_errors = tmp_path / "none.json"
    no_errors.write_text(json.dumps({"catalog": {"name": "X"}, "errors": []}))
    result = command("--base-url", url, str(no_errors))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == "errgen_conformance: nothing to check: the fixtures hold no HTTP responses (no errors, or only catalogs without HTTP)\n"
    # A catalog without HTTP (a database's): its errors have no responses.
    database = es.REPO / "Tests" / "References" / "any-api" / "fixtures" / "postgresql.json"
    assert json.loads(database.read_text())["catalog"]["http"] is False
    result = command("--base-url", url, str(database))
    assert result.returncode == 2 and "nothing to check" in result.stderr
    # A routes file that maps none of the errors.
    routes = tmp_path / "routes.json"
    routes.write_text(json.dumps({"RestAuth no-such-code": "/x", "Other service-not-allowed-from-address": "/y"}))
    result = command("--base-url", url, "--routes", str(routes), str(RESTAUTH))
    assert result.returncode == 2
    assert result.stderr == f'errgen_conformance: nothing to check: {routes} maps none of the fixtures\' errors (its names are "<catalog> <code>")\n'
    assert nothing_sent(sock)


#: A malformed routes file and what the runner says of it.
ROUTES = {
    "a list": ("[1]", "$: expected an object, found a list"),
    "not JSON": ('{"RestAuth x": }', "not JSON: Expecting value at line 1, column 16"),
    "a number for a path": ('{"RestAuth x": 1}', '$["RestAuth x"]: expected a string, found an integer'),
    "a path without a slash": ('{"RestAuth x": "services/x"}', '$["RestAuth x"]: "services/x" does not start with /'),
    "a name without a code": ('{"RestAuth": "/x"}', '$.RestAuth: the name is not "<catalog> <code>"'),
    "a space in a path": ('{"RestAuth x": "/a b"}', '$["RestAuth x"]: " " (U+0020) must be percent-encoded in a path (RFC 3986 §3.3)'),
    "a letter that is not ASCII": ('{"RestAuth x": "/caf\u00e9"}', '$["RestAuth x"]: "\u00e9" (U+00E9) must be percent-encoded in a path (RFC 3986 §3.3)'),
    "a bare percent sign": ('{"RestAuth x": "/100%"}', '$["RestAuth x"]: "%" (U+0025) must be percent-encoded in a path (RFC 3986 §3.3)'),
    "a placeholder of no parameter": (
        '{"RestAuth service-not-allowed-from-address": "/s/{service}/{nope}"}',
        '$["RestAuth service-not-allowed-from-address"]: {nope} is not a parameter of RestAuth service-not-allowed-from-address',
    ),
}


@pytest.mark.parametrize("name", list(ROUTES))
def test_a_malformed_routes_file_is_reported_before_anything_is_sent(name, tmp_path, listener, main):
    url, sock = listener
    routes = tmp_path / "routes.json"
    text, says = ROUTES[name]
    routes.write_text(text, encoding="utf-8")
    result = main("--base-url", url, "--routes", str(routes), str(RESTAUTH))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert any(line.startswith(f"{routes}: {says}") for line in result.stderr.splitlines()), result.stderr
    assert nothing_sent(sock)


def test_well_formed_routes_are_taken(tmp_path):
    routes = {"RestAuth service-not-allowed-from-address": "/s/{service}/from/{ip-address}?x=%20&y=a,b"}
    exchanges, skipped = conformance.load_exchanges([RESTAUTH], routes)
    assert {e.path for e in exchanges} == {"/s/example.com/from/192.0.2.10?x=%20&y=a,b"}
    assert skipped == len(restauth()["errors"]) - 1


@pytest.mark.parametrize("value", ["0", "-1", "nan", "NaN", "inf", "-inf", "five", "", "0x10"])
def test_a_timeout_that_is_not_a_number_of_seconds_is_a_usage_error(value, listener, main):
    url, sock = listener
    result = main("--base-url", url, "--timeout", value, str(RESTAUTH))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "argument --timeout" in result.stderr
    assert nothing_sent(sock)


def test_the_api_refuses_such_a_timeout():
    for value in (0, -1, float("nan"), float("inf"), "5", True, None):
        with pytest.raises(ValueError, match="timeout"):
            conformance.run("http://127.0.0.1:9", [RESTAUTH], timeout=value)


@pytest.mark.parametrize("url", ["ftp://x", "http://", "127.0.0.1:8080", "http://127.0.0.1:99999", "http://x/?q=1", "http://x/#f"])
def test_a_base_url_that_is_not_a_server_is_a_usage_error(url, main):
    result = main("--base-url", url, str(RESTAUTH))
    assert result.returncode == 2 and "Traceback" not in result.stderr and "error:" in result.stderr


def test_missing_files_and_empty_folders_are_usage_errors(tmp_path, listener, main):
    url, sock = listener
    missing = main("--base-url", url, str(tmp_path / "none.json"))
    assert missing.returncode == 2 and "no such file or folder" in missing.stderr
    empty = main("--base-url", url, str(tmp_path))
    assert empty.returncode == 2 and "no fixture files" in empty.stderr
    no_routes = main("--base-url", url, "--routes", str(tmp_path / "routes.json"), str(RESTAUTH))
    assert no_routes.returncode == 2 and "no such file" in no_routes.stderr
    assert nothing_sent(sock)


def test_no_shape_of_input_makes_the_runner_raise_anything_else(tmp_path):
    """Fixtures changed at random (seeded): each is refused with its problems, or loads and
    compares without an exception."""
    import random

    base = json.loads((es.REPO / "Tests/References/languages/fixtures/shop.json").read_text(encoding="utf-8"))
    values = [None, True, 0, -1, 1.5, 1e308, "", "x", "401", "\ud800", "\r\n", "é", [], [1], ["a"], ["a", 1], {}, {"a": 1},
              [[]], [["A", "b"]], [["A", "\u0001"]], "GET", "HEAD"]

    def paths(value: Any, path: tuple = ()) -> Iterator[tuple]:
        yield path
        if isinstance(value, dict):
            for key, item in value.items():
                yield from paths(item, path + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value[:2]):
                yield from paths(item, path + (index,))

    every = list(paths(base))
    rng = random.Random(9110)
    loaded = refused = 0
    answer = conformance.Answer(400, "", [("Content-Type", "application/json"), ("Vary", "Accept")], b'{"code":1}')
    for number in range(200):
        document = copy.deepcopy(base)
        for _ in range(rng.randint(1, 3)):
            path = rng.choice(every)
            target = document
            try:
                for key in path[:-1]:
                    target = target[key]
                if path and rng.random() < 0.2:
                    del target[path[-1]]
                elif path:
                    target[path[-1]] = copy.deepcopy(rng.choice(values))
            except (KeyError, IndexError, TypeError):
                pass
        file = tmp_path / f"{number}.json"
        file.write_text(json.dumps(document), encoding="utf-8")
        routes = rng.choice([None, {"Shop OutOfStock": "/x/{item}"}, {"Shop OutOfStock": 5}, [], {"Shop OutOfStock": "/{nope}"}])
        try:
            exchanges, _ = conformance.load_exchanges([file], routes)
        except (conformance.InputError, conformance.NothingToCheck):
            refused += 1
            continue
        loaded += 1
        for exchange in exchanges:
            for exact in (False, True):
                conformance.compare(exchange, answer, exact, get_length=3)
    assert loaded > 10 and refused > 100
