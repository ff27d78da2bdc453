"""Checks, over HTTP, what the conformance runner does not ask: that Vapor's own errors and
the service's real routes answer in the catalog's shape. Run against the started service:

    python3 Examples/VaporService/check.py http://127.0.0.1:8080

Prints a line per failed check, then `N passed, N failed`; exits 1 when a check fails.
"""

from __future__ import annotations

import http.client
import json
import sys
import urllib.parse


def exchange(base: str, method: str, path: str, headers: dict[str, str] | None = None, body: bytes | None = None):
    """The answer's status, reason phrase, header fields (names in lower case) and body."""
    url = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.reason, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def request(base: str, method: str, path: str, headers: dict[str, str] | None = None, body: bytes | None = None):
    status, _, headers, body = exchange(base, method, path, headers, body)
    return status, headers, body


def main(base: str) -> int:
    passed, failed = 0, 0

    def check(what: str, condition: bool, detail: object = "") -> None:
        nonlocal passed, failed
        if condition:
            passed += 1
        else:
            failed += 1
            print(f"{what}: {detail}")

    json_accept = {"Accept": "application/json"}

    status, headers, body = request(base, "GET", "/notes/1")
    check("a note", status == 200 and body == b"Buy milk.", (status, body))

    status, headers, body = request(base, "GET", "/notes/99", json_accept)
    check("a missing note is note-not-found", status == 404 and json.loads(body) == {
        "code": "note-not-found", "message": "There is no note 99.", "details": {"id": 99}}, (status, body))

    status, headers, body = request(base, "GET", "/notes/99", {"Accept": "application/problem+json"})
    problem = json.loads(body)
    check("problem details link the error's documentation",
          status == 404 and headers.get("content-type") == "application/problem+json"
          and problem.get("type") == "https://notes.example.com/errors#note-not-found" and problem.get("id") == 99, (status, body))

    get_status, get_headers, get_body = request(base, "GET", "/notes/99")
    status, headers, body = request(base, "HEAD", "/notes/99")
    check("HEAD answers the GET's status and Content-Length without a body",
          status == get_status == 404 and body == b"" and headers.get("content-length") == str(len(get_body)) != "0",
          (status, headers.get("content-length"), len(get_body)))

    get_status, get_headers, get_body = request(base, "GET", "/nowhere", json_accept)
    status, headers, body = request(base, "HEAD", "/nowhere", json_accept)
    check("HEAD of an unknown route answers the GET's Content-Length without a body",
          status == get_status == 404 and body == b"" and headers.get("content-length") == str(len(get_body)) != "0",
          (status, headers.get("content-length"), len(get_body)))

    status, headers, body = request(base, "HEAD", "/notes/1")
    check("HEAD of a note is Vapor's own", status == 200 and body == b"" and headers.get("content-length") == "9",
          (status, headers.get("content-length"), body))

    status, headers, body = request(base, "GET", "/notes/99", {"Accept": "image/png"})
    check("an Accept nothing fits is the catalog's 406 error, with the media types as a list",
          status == 406 and json.loads(body)["details"] == {
              "accept": "image/png", "available": ["application/json", "application/problem+json", "text/plain"]}, (status, body))

    status, headers, body = request(base, "GET", "/nowhere", json_accept)
    check("an unknown route is route-not-found", status == 404 and json.loads(body) == {
        "code": "route-not-found", "message": "No route answers /nowhere.", "details": {"path": "/nowhere"}}, (status, body))

    status, headers, body = request(base, "DELETE", "/notes/1", json_accept)
    check("a method no route has is route-not-found", status == 404 and json.loads(body)["code"] == "route-not-found", (status, body))

    status, headers, body = request(base, "GET", "/notes/seven", json_accept)
    check("a path parameter of the wrong type is malformed-request (Vapor's 422)",
          status == 400 and json.loads(body)["code"] == "malformed-request", (status, body))

    post = {"Content-Type": "application/json", **json_accept}
    status, headers, body = request(base, "POST", "/notes", post, b'{"text": "unterminated')
    check("a body that does not decode is malformed-request", status == 400 and json.loads(body)["code"] == "malformed-request", (status, body))

    status, headers, body = request(base, "POST", "/notes", post, b'{"tags": []}')
    check("a body without a required member is malformed-request (a DecodingError)",
          status == 400 and json.loads(body)["code"] == "malformed-request" and "text" in json.loads(body)["details"]["reason"], (status, body))

    status, headers, body = request(base, "POST", "/notes", json_accept, b'{"text": "hi"}')
    check("an error the closure does not map passes through to Vapor's ErrorMiddleware",
          status == 415 and json.loads(body).get("error") is True, (status, body))

    status, reason, headers, body = exchange(base, "POST", "/notes", post, json.dumps({"text": "x" * 300}).encode())
    check("a thrown error of the catalog, with the runtime's reason phrase",
          status == 422 and reason == "Unprocessable Content" and json.loads(body)["details"] == {"limit": 280, "length": 300},
          (status, reason, body))

    status, headers, body = request(base, "POST", "/notes", {**post, "Accept": "text/plain"},
                                    json.dumps({"text": "hi", "tags": ["home", "urgent", "secret"]}).encode())
    check("a list parameter in a message", status == 422 and body == b"Unknown tags: urgent, secret.", (status, body))

    status, headers, body = request(base, "POST", "/notes", post, json.dumps({"text": "hi", "tags": ["work"]}).encode())
    check("a note added", status == 200 and body.isdigit(), (status, body))

    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080"))
