"""The conformance runner's HTTP client against servers that send scripted bytes: the request it
writes, how it frames a body (Content-Length, chunked, until close), what it makes of a HEAD
response followed by bytes, interim responses, folded and non-UTF-8 field lines, and the one
deadline that bounds each exchange."""

from __future__ import annotations

import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from errgen_conformance import wire
from errgen_conformance.wire import NoAnswer, exchange

#: What a scripted server sends: bytes, a pause (seconds), or "keep" (leave the connection open
#: until the client closes it) as the last step.
Step = bytes | float | str


@contextmanager
def scripted(*steps: Step) -> Iterator[tuple[int, list[bytes]]]:
    """A server on 127.0.0.1 that, for each connection, reads the request's header block, plays
    `steps` and closes (unless told to keep it open); yields its port and the requests read."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    requests: list[bytes] = []
    stop = threading.Event()

    def serve(connection: socket.socket) -> None:
        with connection:
            data = b""
            connection.settimeout(5)
            try:
                while b"\r\n\r\n" not in data:
                    chunk = connection.recv(4096)
                    if not chunk:
                        return
                    data += chunk
                requests.append(data)
                for step in steps:
                    if isinstance(step, float):
                        time.sleep(step)
                    elif step == "keep":
                        while not stop.is_set() and connection.recv(1):
                            pass
                    else:
                        connection.sendall(step)
            except OSError:
                pass

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=serve, args=(connection,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield listener.getsockname()[1], requests
    finally:
        stop.set()
        listener.close()


def get(port: int, method: str = "GET", timeout: float = 1.0, headers=(("Accept", "application/json"),)) -> wire.Answer:
    return exchange("http", "127.0.0.1", port, method, "/errgen/C/c?x=1", headers, timeout)


OK = b"HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello"


def test_the_request_says_what_the_fixture_says_and_connection_close():
    with scripted(OK) as (port, requests):
        answer = get(port)
    assert requests == [b"GET /errgen/C/c?x=1 HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nAccept: application/json\r\nConnection: close\r\n\r\n" % port]
    assert (answer.status, answer.reason, answer.headers, answer.body) == (400, "Bad Request", [("Content-Type", "text/plain"), ("Content-Length", "5")], b"hello")


def test_a_body_is_read_by_content_length_chunks_or_until_close():
    with scripted(b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcdef") as (port, _):
        assert get(port).body == b"abc"
    chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;name=value\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: 1\r\n\r\n"
    with scripted(chunked) as (port, _):
        assert get(port).body == b"hello, world"
    with scripted(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil", 0.05, b" close") as (port, _):
        assert get(port).body == b"until close"
    with scripted(b"HTTP/1.1 200 OK\r\nContent-Length: 2, 2\r\n\r\nab") as (port, _):
        assert get(port).body == b"ab"
    with scripted(b"HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n") as (port, _):
        assert get(port).body == b""


@pytest.mark.parametrize(
    "sent, says",
    [
        (b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", "the connection closed after 3 of the 10 bytes of body Content-Length announces"),
        (b"HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n", "Content-Length 'ten' is not one number of bytes"),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 2, 3\r\n\r\nabc", "Content-Length '2, 3' is not one number of bytes"),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n", "both Transfer-Encoding and Content-Length"),
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "a malformed chunk size line: b'zz'"),
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab", "the connection closed in the middle of a chunk"),
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n", "a chunk is longer than its size line says"),
        (b"", "the connection closed in the middle of the status line"),
        (b"HTTP/2 200\r\n\r\n", "not an HTTP/1.x status line: b'HTTP/2 200'"),
        (b"hello\r\n\r\n", "not an HTTP/1.x status line: b'hello'"),
        (b"HTTP/1.1 200 OK\r\nContent-Type : text/plain\r\n\r\n", "a malformed header field line: b'Content-Type : text/plain'"),
        (b"HTTP/1.1 200 OK\r\n folded\r\n\r\n", "the header block starts with a continuation line"),
        (b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n", "the server switched protocols (101)"),
        (b"HTTP/1.1 200 OK\r\nX: " + b"a" * 70000 + b"\r\n\r\n", "the header block is longer than 65536 bytes"),
    ],
)
def test_a_broken_answer_is_no_answer(sent, says):
    with scripted(sent) as (port, _):
        with pytest.raises(NoAnswer) as raised:
            get(port)
    assert says in str(raised.value)


def test_a_body_above_the_cap_is_not_read(monkeypatch):
    monkeypatch.setattr(wire, "MAX_BODY_BYTES", 100)
    with scripted(b"HTTP/1.1 200 OK\r\n\r\n" + b"x" * 1000) as (port, _):
        with pytest.raises(NoAnswer, match="more than 100 bytes of body"):
            get(port)
    with scripted(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n") as (port, _):
        with pytest.raises(NoAnswer, match="Content-Length 1000: more than the 100 bytes the runner reads"):
            get(port)


def test_field_lines_are_read_as_utf8_folded_lines_joined():
    sent = "HTTP/1.1 400 \r\nX-Note: café 🇺🇳\u2028x \r\nX-Folded: a\r\n  b\r\nX-Latin: caf\udce9\r\nContent-Length: 0\r\n\r\n"
    with scripted(sent.encode("utf-8", errors="surrogateescape")) as (port, _):
        answer = get(port)
    assert answer.reason == ""
    assert answer.header("x-note") == ["café 🇺🇳\u2028x"]
    assert answer.header("X-Folded") == ["a b"]
    assert answer.header("X-Latin") == ["caf\ufffd"] and answer.undecodable == ["X-Latin"]


def test_interim_responses_come_before_the_final_one():
    sent = b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>; rel=preload\r\n\r\n" + OK
    with scripted(sent) as (port, _):
        answer = get(port)
    assert answer.status == 400 and answer.body == b"hello" and answer.header("Link") == []


def test_after_head_the_connection_is_read_to_its_end():
    head = b"HTTP/1.1 400 Bad Request\r\nContent-Length: 5\r\n\r\n"
    with scripted(head) as (port, _):
        assert get(port, "HEAD").after_head == 0
    with scripted(head, b"hello") as (port, _):
        assert get(port, "HEAD").after_head == 5
    # Even when the bytes come later, and in parts, and even when the header block said nothing.
    with scripted(b"HTTP/1.1 400 Bad Request\r\n\r\n", 0.1, b"hel", 0.1, b"lo!") as (port, _):
        assert get(port, "HEAD").after_head == 6


def test_a_head_response_whose_connection_stays_open_is_no_answer():
    started = time.monotonic()
    with scripted(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 5\r\n\r\n", "keep") as (port, _):
        with pytest.raises(NoAnswer, match=r"no complete answer within 0\.3 s \(still reading up to the end of the connection after the HEAD response\)"):
            get(port, "HEAD", timeout=0.3)
    assert time.monotonic() - started < 3


@pytest.mark.parametrize(
    "steps, stage",
    [
        (("keep",), "the header block"),
        ((b"HTTP/1.1 400 Bad", "keep"), "the header block"),
        ((b"HTTP/1.1 400 Bad Request\r\nContent-Length: 100\r\n\r\n",) + (0.1, b"x") * 20, "the body"),
        ((b"HTTP/1.1 400 Bad Request\r\nTransfer-Encoding: chunked\r\n\r\n",) + (0.1, b"1\r\nx\r\n") * 20, "the body"),
        ((b"HTTP/1.1 400 Bad Request\r\n\r\n",) + (0.1, b"x") * 20, "the body"),
    ],
)
def test_one_deadline_bounds_the_whole_exchange(steps, stage):
    with scripted(*steps) as (port, _):
        started = time.monotonic()
        with pytest.raises(NoAnswer) as raised:
            get(port, timeout=0.4)
        elapsed = time.monotonic() - started
    assert str(raised.value) == f"no complete answer within 0.4 s (still reading {stage})"
    # Given up at the deadline, not when the 2 s trickle ends (with room for a loaded machine).
    assert 0.35 < elapsed < 1.9, elapsed


def test_nothing_listening_is_no_answer():
    with pytest.raises(NoAnswer, match="no answer: ConnectionRefusedError"):
        exchange("http", "127.0.0.1", 9, "GET", "/", (), 0.5)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("tls")
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "1",
         "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
        check=True, capture_output=True,
    )
    return cert, key


def tls_server(certificate, reply: bytes):
    """A TLS server on a free local port, with `certificate`, that reads one request's head into
    the list it returns and answers `reply`: (its context, listener, requests, thread)."""
    cert, key = certificate
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(cert, key)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    received: list[bytes] = []

    def serve() -> None:
        connection, _ = listener.accept()
        with server_context.wrap_socket(connection, server_side=True) as tls:
            data = b""
            while b"\r\n\r\n" not in data:
                data += tls.recv(4096)
            received.append(data)
            tls.sendall(reply)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    return server_context, listener, received, thread


def test_https_is_spoken_over_tls(certificate):
    cert, _ = certificate
    server_context, listener, received, thread = tls_server(certificate, OK)
    client_context = ssl.create_default_context(cafile=str(cert))
    try:
        answer = exchange("https", "127.0.0.1", listener.getsockname()[1], "GET", "/x", (), 2.0, tls=client_context)
    finally:
        thread.join(2)
        listener.close()
    assert answer.body == b"hello" and received[0].startswith(b"GET /x HTTP/1.1\r\nHost: 127.0.0.1:")
    # A certificate nobody vouches for is no answer.
    with pytest.raises(NoAnswer, match="TLS"):
        listener2 = socket.socket()
        listener2.bind(("127.0.0.1", 0))
        listener2.listen(1)

        def serve_untrusted() -> None:
            connection, _ = listener2.accept()
            try:
                server_context.wrap_socket(connection, server_side=True).close()
            except OSError:
                pass

        threading.Thread(target=serve_untrusted, daemon=True).start()
        try:
            exchange("https", "127.0.0.1", listener2.getsockname()[1], "GET", "/x", (), 2.0)
        finally:
            listener2.close()
