"""The conformance runner (`python -m errgen_conformance`) against a server that answers as the
fixtures say, and against the same server broken in each way a real one can be: every difference
is reported with its request, and a server that hangs or hangs up is a failure, not a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

import errgen_conformance as conformance
import errgen_spec as es

#: A response as the test server sends it: status, header fields, body; or "hang" / "close".
Response = tuple[int, list[tuple[str, str]], bytes]
Tamper = Callable[[dict, dict, Response], "Response | str"]


def fixture_files(case: es.Case) -> list[Path]:
    return sorted(case.fixtures.glob("*.json"))


class ReplayServer(ThreadingHTTPServer):
    """Answers the conventional route as the fixtures say, for the errors of some fixture files;
    `tamper` may change (or replace with "hang" or "close") the response to one request."""

    daemon_threads = True

    def __init__(self, files: list[Path], tamper: Tamper | None = None, routes: dict[str, str] | None = None):
        super().__init__(("127.0.0.1", 0), ReplayHandler)
        self.tamper = tamper
        self.errors: dict[str, tuple[dict, dict]] = {}
        for file in files:
            document = json.loads(file.read_text(encoding="utf-8"))
            for error in document["errors"]:
                path = conformance.convention_path(document["catalog"]["name"], str(error["code"]), error["parameters"])
                key = f"{document['catalog']['name']} {error['code']}"
                if routes is not None and key in routes:
                    path = conformance.mapped_path(routes[key], error["parameters"])
                self.errors[path] = (document["catalog"], error)


class ReplayHandler(BaseHTTPRequestHandler):
    server: ReplayServer

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self.answer()

    def do_HEAD(self) -> None:
        self.answer()

    def answer(self) -> None:
        found = self.server.errors.get(self.path)
        if found is None:
            self.send_error(404)
            return
        catalog, error = found
        sent = sorted((name, value) for name, value in self.headers.items() if name in ("Accept", "Accept-Language"))
        exchange = next(
            (r for r in error["responses"] if r["request"]["method"] == self.command and sorted(map(tuple, r["request"]["headers"])) == sent),
            None,
        )
        if exchange is None and self.command == "GET" and not sent:
            # A GET without Accept: the default format's response.
            exchange = next(r for r in error["responses"] if r["case"] == "get" and r["format"] == catalog["defaultFormat"])
        if exchange is None:
            self.send_error(400)
            return
        response: Response | str = (exchange["status"], [tuple(h) for h in exchange["headers"]], exchange["body"].encode("utf-8"))
        if self.server.tamper is not None:
            response = self.server.tamper(error, exchange, response)
        if response == "hang":
            time.sleep(3)
            return
        if response == "close":
            self.close_connection = True
            self.connection.close()
            return
        status, headers, body = response
        self.send_response_only(status)
        for name, value in headers:
            # As errgen's runtime sends them: UTF-8 (http.server would write Latin-1).
            self._headers_buffer.append(f"{name}: {value}\r\n".encode("utf-8"))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def serving(files: list[Path], tamper: Tamper | None = None, routes: dict[str, str] | None = None) -> Iterator[str]:
    server = ReplayServer(files, tamper, routes)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def exchange_count(files: list[Path]) -> int:
    return len(conformance.load_exchanges(files)[0])


@pytest.mark.parametrize("case", es.CASES, ids=str)
def test_a_server_that_answers_as_the_fixtures_say_passes(case):
    files = fixture_files(case)
    with serving(files) as url:
        for exact in (True, False):
            report = conformance.run(url, files, exact=exact)
            assert [str(d) for d in report.differences] == []
            assert report.passed == exchange_count(files) and report.failed == 0


def only(code: str, case: str, change: Callable[[Response], "Response | str"], fmt: str | None = None) -> Tamper:
    """A tamper that changes the response to one request of one error."""

    def tamper(error: dict, exchange: dict, response: Response) -> "Response | str":
        if error["code"] == code and exchange["case"] == case and (fmt is None or exchange["format"] == fmt):
            return change(response)
        return response

    return tamper


RESTAUTH = es.FIXTURES / "restauth.json"
RAWS = es.FIXTURES / "raws.json"
CODE = "service-not-allowed-from-address"


def differences(tamper: Tamper, exact: bool = False, files: list[Path] | None = None) -> list[str]:
    files = files or [RESTAUTH]
    with serving(files, tamper) as url:
        report = conformance.run(url, files, exact=exact, timeout=0.5)
    assert report.failed == len({d.exchange for d in report.differences})
    return [str(d) for d in report.differences]


def test_each_difference_is_reported_with_its_request():
    path = conformance.convention_path("RestAuth", CODE, json.loads(RESTAUTH.read_text())["errors"][0]["parameters"])
    assert path == "/errgen/RestAuth/service-not-allowed-from-address?service=example.com&ip-address=192.0.2.10"
    request = f"RestAuth {CODE}: GET {path} (Accept: application/json)"
    assert differences(only(CODE, "get", lambda r: (500, r[1], r[2]), "json")) == [f"{request}: status 500, expected 401"]
    assert differences(only(CODE, "get", lambda r: (r[0], [h for h in r[1] if h[0] != "WWW-Authenticate"], r[2]), "json")) == [
        f"{request}: header WWW-Authenticate missing, expected 'Basic realm=\"RestAuth\"'"
    ]
    assert differences(only(CODE, "get", lambda r: (r[0], [(n, "x" if n == "Vary" else v) for n, v in r[1]], r[2]), "json")) == [
        f"{request}: header Vary 'x', expected 'Accept'"
    ]
    wrong_free = json.loads(RESTAUTH.read_text())["errors"][0]["responses"][1]["body"]
    wrong = b'{"code":"service-not-allowed-from-address","message":"nope","details":{"service":"example.com","ip-address":"192.0.2.10"}}'
    found = differences(only(CODE, "get", lambda r: (r[0], [(n, str(len(wrong)) if n == "Content-Length" else v) for n, v in r[1]], wrong), "json"))
    assert found == [f'{request}: body $.message: "nope", expected "example.com is not allowed to authenticate from 192.0.2.10"']
    # A Content-Length short of the body: the client reads what it says, so the body is cut.
    short = only(CODE, "get", lambda r: (r[0], [(n, "3" if n == "Content-Length" else v) for n, v in r[1]], r[2]), "json")
    assert differences(short) == [f'{request}: the body is not json: Unterminated string starting at: line 1 column 2 (char 1); body "{{\\"c"']
    assert differences(short, exact=True) == [f"{request}: Content-Length 3, expected 176", f'{request}: body "{{\\"c", expected {json.dumps(wrong_free)}']


def test_bodies_are_compared_by_meaning_unless_exact():
    def reordered(response: Response) -> Response:
        document = json.loads(response[2])
        body = json.dumps(dict(reversed(list(document.items()))), separators=(",", ":")).encode()
        return (response[0], [(n, str(len(body)) if n == "Content-Length" else v) for n, v in response[1]], body)

    tamper = only(CODE, "get", reordered, "json")
    assert differences(tamper) == []
    exact = differences(tamper, exact=True)
    assert [d.split(": ", 3)[-1].split(" ")[0] for d in exact] == ["body"]
    # XML: the same tree with other whitespace between elements is the same body; another is not.

    def respaced(error: dict, exchange: dict, response: Response) -> Response:
        # Every body of the error indented by two spaces, not four; HEAD says the new GET length.
        get = next(r["body"] for r in error["responses"] if r["case"] == "get")
        body = response[2].replace(b"\n    ", b"\n  ")
        length = len(get.encode().replace(b"\n    ", b"\n  ")) if exchange["request"]["method"] == "HEAD" else len(body)
        return (response[0], [(n, str(length) if n == "Content-Length" else v) for n, v in response[1]], body)

    xml_errors = [str(e["code"]) for e in json.loads(RAWS.read_text())["errors"]]
    assert differences(respaced, files=[RAWS]) == []

    def replaced(old: bytes, new: bytes) -> Callable[[Response], Response]:
        def change(response: Response) -> Response:
            body = response[2].replace(old, new)
            return (response[0], [(n, str(len(body)) if n == "Content-Length" else v) for n, v in response[1]], body)

        return change

    renamed = differences(only(xml_errors[0], "get", replaced(b"code>", b"kode>"), "xml"), files=[RAWS])
    assert len(renamed) == 1 and renamed[0].endswith(": body /error: element {http://rambla.be/raws/ns-metadata/1.0}kode, expected {http://rambla.be/raws/ns-metadata/1.0}code"), renamed
    broken = differences(only(xml_errors[0], "get", replaced(b"</error>", b""), "xml"), files=[RAWS])
    # The GET's body is not XML, and the HEAD's Content-Length is no longer that of the GET's body.
    assert len(broken) == 2 and ": the body is not xml: no element found" in broken[0] and broken[1].endswith(": Content-Length 314, expected 306"), broken


def test_head_is_checked_against_the_get():
    # Vapor's mistake: HEAD's Content-Length computed from its empty body.
    found = differences(only(CODE, "head", lambda r: (r[0], [(n, "0" if n == "Content-Length" else v) for n, v in r[1]], r[2])))
    assert found == [f"RestAuth {CODE}: HEAD /errgen/RestAuth/service-not-allowed-from-address?service=example.com&ip-address=192.0.2.10: Content-Length 0, expected 58"]


def test_a_server_that_hangs_or_hangs_up_is_a_failure_with_its_request():
    hung = differences(only(CODE, "get", lambda r: "hang", "json"))
    assert hung == [f"RestAuth {CODE}: GET /errgen/RestAuth/service-not-allowed-from-address?service=example.com&ip-address=192.0.2.10 (Accept: application/json): no answer within 0.5 s"]
    closed = differences(only(CODE, "not-acceptable", lambda r: "close"))
    assert len(closed) == 1 and "(Accept: application/vnd.errgen.unavailable): no answer: " in closed[0]
    # Nothing listening at all.
    report = conformance.run("http://127.0.0.1:9", [RESTAUTH], timeout=0.5)
    assert report.passed == 0 and report.failed == exchange_count([RESTAUTH])
    assert all("no answer" in str(d) for d in report.differences)


def test_a_routes_file_maps_errors_to_the_servers_own_paths():
    routes = {f"RestAuth {CODE}": "/services/{service}/from/{ip-address}"}
    with serving([RESTAUTH], routes=routes) as url:
        report = conformance.run(url, [RESTAUTH], routes=routes)
    assert report.differences == []
    errors = json.loads(RESTAUTH.read_text())["errors"]
    assert report.passed == len(errors[0]["responses"]) and report.skipped == len(errors) - 1
    assert report.summary() == f"{report.passed} passed, 0 failed, {len(errors) - 1} skipped"


def test_the_command_line(tmp_path):
    def command(*arguments: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "errgen_conformance", *arguments], cwd=Path(__file__).parent, capture_output=True, text=True, timeout=120,
        )

    with serving([RESTAUTH, RAWS]) as url:
        passed = command("--base-url", url, str(es.FIXTURES))
    assert passed.returncode == 0, passed.stderr
    assert passed.stdout == f"{exchange_count([RESTAUTH, RAWS])} passed, 0 failed\n"
    with serving([RESTAUTH], only(CODE, "get", lambda r: (503, r[1], r[2]), "text")) as url:
        failed = command("--base-url", url, "--exact", str(RESTAUTH))
    assert failed.returncode == 1
    lines = failed.stdout.splitlines()
    assert lines[0].endswith("(Accept: text/plain; charset=utf-8): status 503, expected 401")
    assert lines[-1] == f"{exchange_count([RESTAUTH]) - 1} passed, 1 failed"
    assert "Traceback" not in failed.stderr
    assert command("--base-url", "ftp://x", str(RESTAUTH)).returncode == 2
    assert command("--base-url", "http://127.0.0.1:9", str(tmp_path / "none.json")).returncode == 2
    bad_routes = tmp_path / "routes.json"
    bad_routes.write_text("[1]")
    usage = command("--base-url", "http://127.0.0.1:9", "--routes", str(bad_routes), str(RESTAUTH))
    assert usage.returncode == 2 and "expected an object" in usage.stderr
