"""A small HTTP/1.1 client on sockets (TLS for https), made to see what a server sends rather than
to tolerate it: every request says `Connection: close`, one deadline covers the whole exchange
(connecting, the header block, the body), field values are read as UTF-8 bytes, and after a HEAD
response the connection is read until the server closes it, so that a body sent after it is seen.

The body is framed as RFC 9112 §6.3 says: none for HEAD and for 1xx, 204 and 304; by the chunked
transfer coding; by Content-Length; else until the connection closes.
"""

from __future__ import annotations

import re
import socket
import ssl
import time
from dataclasses import dataclass, field

#: The most bytes of header block read before giving up on a response.
MAX_HEADER_BYTES = 64 * 1024
#: The most bytes of body read; errgen's bodies are a few kilobytes.
MAX_BODY_BYTES = 16 * 1024 * 1024

_TOKEN = re.compile(rb"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
_STATUS_LINE = re.compile(rb"HTTP/(\d)\.(\d) (\d{3})(?: (.*))?")


class NoAnswer(Exception):
    """The server gave no complete, well-formed answer: it refused, hung up, took too long or broke
    the protocol. The message says which, for a report."""


@dataclass
class Answer:
    status: int
    reason: str
    #: Field lines in order: name as sent, value decoded from UTF-8 (see `undecodable`).
    headers: list[tuple[str, str]]
    body: bytes
    #: For HEAD: the bytes the server sent after the header block before closing (none is right).
    after_head: int = 0
    #: For HEAD: whether that count stopped at the cap rather than at the end of the connection.
    after_head_capped: bool = False
    #: Names of fields whose value is not UTF-8 (decoded with U+FFFD for the report).
    undecodable: list[str] = field(default_factory=list)

    def header(self, name: str) -> list[str]:
        """The values of every field line of that name (names compared without case)."""
        return [value for key, value in self.headers if key.lower() == name.lower()]


class _Reader:
    """Reads a socket against one deadline."""

    def __init__(self, sock: socket.socket, deadline: float, timeout: float):
        self.sock = sock
        self.deadline = deadline
        self.timeout = timeout
        self.buffer = b""
        self.closed = False
        self.stage = "the header block"

    def fill(self) -> bool:
        """Reads more bytes into the buffer; False when the server closed the connection."""
        if self.closed:
            return False
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise self.late()
        self.sock.settimeout(remaining)
        try:
            data = self.sock.recv(65536)
        except (socket.timeout, TimeoutError):
            raise self.late() from None
        except ssl.SSLZeroReturnError:
            data = b""
        if not data:
            self.closed = True
            return False
        self.buffer += data
        return True

    def late(self) -> NoAnswer:
        return NoAnswer(f"no complete answer within {self.timeout:g} s (still reading {self.stage})")

    def take(self, count: int) -> bytes:
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data

    def line(self, limit: int, what: str, cap: int | None = None) -> bytes:
        """One line, without its CRLF (or bare LF, RFC 9112 §2.2), of at most `limit` bytes (the
        rest of a budget of `cap` bytes, for the report)."""
        while b"\n" not in self.buffer:
            if len(self.buffer) > limit:
                raise NoAnswer(f"{what} is longer than {cap or limit} bytes")
            if not self.fill():
                raise NoAnswer(f"the connection closed in the middle of {what}")
        line, _, self.buffer = self.buffer.partition(b"\n")
        return line[:-1] if line.endswith(b"\r") else line


def _host_header(host: str, port: int | None, scheme: str) -> str:
    shown = f"[{host}]" if ":" in host else host
    default = 443 if scheme == "https" else 80
    return shown if port in (None, default) else f"{shown}:{port}"


def exchange(
    scheme: str, host: str, port: int | None, method: str, target: str, headers: tuple[tuple[str, str], ...],
    timeout: float, tls: ssl.SSLContext | None = None,
) -> Answer:
    """Sends one request and reads its answer, all within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    port = port or (443 if scheme == "https" else 80)
    sock: socket.socket | None = None
    try:
        try:
            sock = socket.create_connection((host, port), timeout=timeout)
        except (socket.timeout, TimeoutError):
            raise NoAnswer(f"no answer within {timeout:g} s (connecting)") from None
        if scheme == "https":
            context = tls or ssl.create_default_context()
            sock.settimeout(max(deadline - time.monotonic(), 0.001))
            try:
                sock = context.wrap_socket(sock, server_hostname=host)
            except (socket.timeout, TimeoutError):
                raise NoAnswer(f"no answer within {timeout:g} s (TLS handshake)") from None
        request = [f"{method} {target} HTTP/1.1", f"Host: {_host_header(host, port, scheme)}"]
        request += [f"{name}: {value}" for name, value in headers]
        request += ["Connection: close", "", ""]
        sock.settimeout(max(deadline - time.monotonic(), 0.001))
        try:
            sock.sendall("\r\n".join(request).encode("utf-8"))
        except (socket.timeout, TimeoutError):
            raise NoAnswer(f"no answer within {timeout:g} s (sending the request)") from None
        return _read_answer(_Reader(sock, deadline, timeout), method)
    except NoAnswer:
        raise
    except ssl.SSLError as error:
        raise NoAnswer(f"no answer: TLS: {error}") from error
    except OSError as error:
        reason = type(error).__name__ + (f": {error}" if str(error) else "")
        raise NoAnswer(f"no answer: {reason}") from error
    finally:
        if sock is not None:
            sock.close()


def _read_answer(reader: _Reader, method: str) -> Answer:
    while True:
        status, reason, headers, undecodable = _read_head(reader)
        if 100 <= status < 200 and status != 101:
            continue  # an interim response (100 Continue, 103 Early Hints): the final one follows
        break
    if status == 101:
        raise NoAnswer("the server switched protocols (101) for a plain request")
    answer = Answer(status, reason, headers, b"", undecodable=undecodable)
    if method == "HEAD":
        # RFC 9110 §9.3.2: no content. The request said Connection: close, so the server closes
        # the connection after the header block (RFC 9112 §9.6); whatever comes before is a body.
        reader.stage = "up to the end of the connection after the HEAD response"
        while len(reader.buffer) <= MAX_BODY_BYTES and reader.fill():
            pass
        answer.after_head = min(len(reader.buffer), MAX_BODY_BYTES + 1)
        answer.after_head_capped = len(reader.buffer) > MAX_BODY_BYTES
        return answer
    if status in (204, 304):
        return answer
    reader.stage = "the body"
    codings = [c.strip().lower() for v in answer.header("Transfer-Encoding") for c in v.split(",") if c.strip()]
    lengths = answer.header("Content-Length")
    if codings:
        if lengths:
            # RFC 9110 §8.6: a sender MUST NOT send Content-Length with Transfer-Encoding.
            raise NoAnswer("the response has both Transfer-Encoding and Content-Length (RFC 9112 §6.3)")
        if codings[-1] == "chunked":
            answer.body = _read_chunked(reader)
            return answer
        answer.body = _read_to_close(reader)
        return answer
    if lengths:
        members = {m.strip() for v in lengths for m in v.split(",")}
        if len(members) != 1 or not next(iter(members)).isdigit() or not next(iter(members)).isascii():
            raise NoAnswer(f"Content-Length {', '.join(lengths)!r} is not one number of bytes (RFC 9110 §8.6)")
        length = int(next(iter(members)))
        if length > MAX_BODY_BYTES:
            raise NoAnswer(f"Content-Length {length}: more than the {MAX_BODY_BYTES} bytes the runner reads")
        while len(reader.buffer) < length:
            if not reader.fill():
                raise NoAnswer(f"the connection closed after {len(reader.buffer)} of the {length} bytes of body Content-Length announces")
        answer.body = reader.take(length)
        return answer
    answer.body = _read_to_close(reader)
    return answer


def _read_head(reader: _Reader) -> tuple[int, str, list[tuple[str, str]], list[str]]:
    """The status line and header fields of one response."""
    budget = MAX_HEADER_BYTES
    line = reader.line(budget, "the status line", MAX_HEADER_BYTES)
    match = _STATUS_LINE.fullmatch(line)
    if not match or match.group(1) != b"1":
        raise NoAnswer(f"not an HTTP/1.x status line: {line[:80]!r}")
    status = int(match.group(3))
    reason = (match.group(4) or b"").decode("utf-8", errors="replace")
    headers: list[tuple[str, str]] = []
    undecodable: list[str] = []
    raw: list[tuple[bytes, bytes]] = []
    budget -= len(line)
    while True:
        line = reader.line(budget, "the header block", MAX_HEADER_BYTES)
        budget -= len(line) + 2
        if budget < 0:
            raise NoAnswer(f"the header block is longer than {MAX_HEADER_BYTES} bytes")
        if not line:
            break
        if line[:1] in (b" ", b"\t"):
            # obs-fold (RFC 9112 §5.2): a user agent replaces it with a space.
            if not raw:
                raise NoAnswer("the header block starts with a continuation line")
            name, value = raw[-1]
            raw[-1] = (name, value + b" " + line.strip(b" \t"))
            continue
        name, colon, value = line.partition(b":")
        if not colon or not _TOKEN.fullmatch(name):
            # RFC 9112 §5.1: no whitespace between the name and the colon.
            raise NoAnswer(f"a malformed header field line: {line[:80]!r}")
        raw.append((name, value))
    for name, value in raw:
        text_name = name.decode("ascii")
        trimmed = value.strip(b" \t")
        try:
            text_value = trimmed.decode("utf-8")
        except UnicodeDecodeError:
            text_value = trimmed.decode("utf-8", errors="replace")
            undecodable.append(text_name)
        headers.append((text_name, text_value))
    return status, reason, headers, undecodable


def _read_to_close(reader: _Reader) -> bytes:
    while len(reader.buffer) <= MAX_BODY_BYTES:
        if not reader.fill():
            return reader.take(len(reader.buffer))
    raise NoAnswer(f"more than {MAX_BODY_BYTES} bytes of body")


def _read_chunked(reader: _Reader) -> bytes:
    body = b""
    while True:
        line = reader.line(4096, "a chunk size line")
        size_text = line.split(b";", 1)[0].strip(b" \t")
        if not size_text or not re.fullmatch(rb"[0-9A-Fa-f]+", size_text):
            raise NoAnswer(f"a malformed chunk size line: {line[:80]!r}")
        size = int(size_text, 16)
        if size == 0:
            break
        if len(body) + size > MAX_BODY_BYTES:
            raise NoAnswer(f"more than {MAX_BODY_BYTES} bytes of body")
        while len(reader.buffer) < size:
            if not reader.fill():
                raise NoAnswer("the connection closed in the middle of a chunk")
        body += reader.take(size)
        if reader.line(2, "the line after a chunk"):
            raise NoAnswer("a chunk is longer than its size line says")
    # Trailer fields, up to the empty line: read and set aside.
    budget = MAX_HEADER_BYTES
    while True:
        line = reader.line(budget, "the trailer section", MAX_HEADER_BYTES)
        budget -= len(line) + 2
        if budget < 0:
            raise NoAnswer(f"the trailer section is longer than {MAX_HEADER_BYTES} bytes")
        if not line:
            return body
