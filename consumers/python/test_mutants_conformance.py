"""What the conformance runner tells its user in corners the other tests leave alone: the command
line's help, a usage error's reason and a report that a terminal cannot print in full; the
malformed fixtures reported with their paths; the Host field and chunked bodies on the wire; and
the differences a report names in header fields, bodies and long strings."""

from __future__ import annotations

import copy
import io
import json
import socket
import ssl
import sys
from pathlib import Path
from typing import Any, Callable

import pytest

import errgen_conformance as conformance
import errgen_spec as es
from errgen_conformance import Answer, Exchange, compare, inputs, wire
from errgen_conformance.bodies import body_difference
from errgen_conformance.fields import field_difference
from errgen_conformance.text import LIMIT, quoted
from errgen_conformance.wire import NoAnswer, exchange
from test_conformance_wire import certificate, scripted, tls_server  # noqa: F401 (a fixture)

RESTAUTH = es.FIXTURES / "restauth.json"


def restauth() -> dict:
    return json.loads(RESTAUTH.read_text(encoding="utf-8"))


def problems_of(document: dict, folder: Path) -> list[str]:
    """What the runner reports of a fixture file, without the file's name."""
    path = folder / "fixture.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(conformance.InputError) as raised:
        conformance.load_exchanges([path])
    return [problem.removeprefix(f"{path}: ") for problem in raised.value.problems]


def with_change(change: Callable[[dict], Any]) -> dict:
    document = copy.deepcopy(restauth())
    change(document)
    return document


# MARK: - The command line


def run_main(capsys, *arguments: str) -> tuple[int, str, str]:
    from errgen_conformance.__main__ import main

    capsys.readouterr()
    try:
        code = main(list(arguments))
    except SystemExit as exit:
        code = exit.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_help_names_the_command_and_says_what_each_option_does(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "1000")  # no line breaks inside the sentences looked for
    code, out, _ = run_main(capsys, "--help")
    text = " ".join(out.split())
    assert code == 0
    assert out.startswith("usage: python -m errgen_conformance ")
    assert '--routes ROUTES a JSON file mapping "<catalog> <code>" to a percent-encoded path of the server that raises that error ' in text
    assert text.endswith("--timeout TIMEOUT seconds for each exchange: connecting, the header block and the body (default 5)")


@pytest.mark.parametrize("value", ["0", "-2", "inf"])
def test_a_timeout_that_is_no_number_of_seconds_above_zero_says_so(value, capsys):
    code, _, err = run_main(capsys, "--base-url", "http://127.0.0.1:9", "--timeout", value, str(RESTAUTH))
    assert code == 2
    assert f"argument --timeout: {value!r}: the timeout must be a number of seconds above 0" in err


def test_the_last_line_counts_the_problems_of_the_input(tmp_path, capsys):
    one = tmp_path / "one.json"
    one.write_text(json.dumps(with_change(lambda d: d["catalog"].update(name=""))), encoding="utf-8")
    two = tmp_path / "two.json"
    two.write_text(json.dumps(with_change(lambda d: d["catalog"].update(name="", http="yes"))), encoding="utf-8")
    for path, count in ((one, "1 problem"), (two, "2 problems")):
        code, out, err = run_main(capsys, "--base-url", "http://127.0.0.1:9", str(path))
        assert (code, out) == (2, "")
        assert err.splitlines()[-1] == f"errgen_conformance: {count} in the input; nothing was sent"


def test_nothing_to_check_is_a_usage_error(tmp_path, capsys):
    path = tmp_path / "none.json"
    path.write_text(json.dumps({"catalog": {"name": "X"}, "errors": []}), encoding="utf-8")
    code, out, err = run_main(capsys, "--base-url", "http://127.0.0.1:9", str(path))
    assert (code, out) == (2, "")
    assert err == "errgen_conformance: nothing to check: the fixtures hold no HTTP responses (no errors, or only catalogs without HTTP)\n"


def test_a_report_is_printed_whole_on_a_terminal_that_cannot_show_every_character(tmp_path, monkeypatch):
    # A catalog named with a letter outside ASCII, a server that refuses, and a terminal that
    # takes ASCII only: each line naming a request is printed with the letter escaped, not lost
    # to an encoding error.
    from errgen_conformance.__main__ import main

    document = json.loads((es.REPO / "Tests/References/minimal/fixtures/tiny.json").read_text(encoding="utf-8"))
    document["catalog"]["name"] = "Caf\u00e9"
    path = tmp_path / "cafe.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    terminal = io.TextIOWrapper(io.BytesIO(), encoding="ascii", newline="\n")
    monkeypatch.setattr(sys, "stdout", terminal)
    code = main(["--base-url", f"http://127.0.0.1:{port}", "--timeout", "2", str(path)])
    terminal.flush()
    lines = terminal.buffer.getvalue().decode("ascii").splitlines()
    assert code == 1
    assert lines[0].startswith("Caf\\xe9 ") and "no answer" in lines[0]
    assert lines[-1].endswith("failed")


# MARK: - Malformed fixtures


def test_a_parameter_name_that_is_not_a_string_is_reported_where_it_is(tmp_path):
    document = with_change(lambda d: d["errors"][0]["parameters"][0].update(name=7))
    assert "$.errors[0].parameters[0].name: expected a string, found an integer" in problems_of(document, tmp_path)


def test_every_parameter_is_checked_after_one_without_a_sample(tmp_path):
    def change(document: dict) -> None:
        first, second = document["errors"][0]["parameters"][:2]
        del first["sample"]
        second["name"] = 7

    problems = problems_of(with_change(change), tmp_path)
    assert "$.errors[0].parameters[0].sample: missing" in problems
    assert "$.errors[0].parameters[1].name: expected a string, found an integer" in problems


def test_a_format_that_is_not_a_string_is_reported(tmp_path):
    document = with_change(lambda d: d["errors"][0]["responses"][0].update(format=7))
    assert problems_of(document, tmp_path) == ["$.errors[0].responses[0].format: expected a string or null, found an integer"]


def test_empty_names_codes_and_cases_are_reported(tmp_path):
    def change(document: dict) -> None:
        document["catalog"]["name"] = ""
        document["errors"][0]["code"] = ""
        document["errors"][0]["responses"][0]["case"] = ""

    assert problems_of(with_change(change), tmp_path) == [
        "$.catalog.name: expected a string that is not empty",
        "$.errors[0].code: expected a string that is not empty",
        "$.errors[0].responses[0].case: expected a string that is not empty",
    ]


def test_the_input_counts_the_errors_it_holds_responses_for():
    document = restauth()
    loaded = inputs.load([RESTAUTH])
    assert loaded.errors == sum(1 for error in document["errors"] if error["responses"]) > 0
    assert loaded.skipped == 0


# MARK: - Routes


def test_a_routes_file_path_carries_a_sample_with_a_slash_as_one_segment():
    parameters = [{"name": "path", "sample": "a/b c"}, {"name": "ids", "list": True, "sample": ["1/2", "3"]}]
    assert conformance.mapped_path("/files/{path}?ids={ids}", parameters) == "/files/a%2Fb%20c?ids=1%2F2,3"


# MARK: - The wire


@pytest.mark.parametrize("scheme_port, host", [(80, "127.0.0.1"), (443, "127.0.0.1:443"), (8080, "127.0.0.1:8080")])
def test_the_host_field_names_the_port_unless_it_is_the_default_of_http(scheme_port, host, monkeypatch):
    with scripted(b"HTTP/1.1 204 No Content\r\n\r\n") as (port, requests):
        connect = socket.create_connection
        monkeypatch.setattr(wire.socket, "create_connection", lambda address, timeout: connect(("127.0.0.1", port), timeout=timeout))
        exchange("http", "127.0.0.1", scheme_port, "GET", "/x", (), 2.0)
    assert requests[0].startswith(f"GET /x HTTP/1.1\r\nHost: {host}\r\n".encode())


@pytest.mark.parametrize("scheme_port, host", [(443, "127.0.0.1"), (80, "127.0.0.1:80")])
def test_the_host_field_names_the_port_unless_it_is_the_default_of_https(scheme_port, host, certificate, monkeypatch):  # noqa: F811
    cert, _ = certificate
    _, listener, received, thread = tls_server(certificate, b"HTTP/1.1 204 No Content\r\n\r\n")
    connect = socket.create_connection
    monkeypatch.setattr(wire.socket, "create_connection", lambda address, timeout: connect(listener.getsockname(), timeout=timeout))
    try:
        exchange("https", "127.0.0.1", scheme_port, "GET", "/x", (), 2.0, tls=ssl.create_default_context(cafile=str(cert)))
    finally:
        thread.join(2)
        listener.close()
    assert received[0].startswith(f"GET /x HTTP/1.1\r\nHost: {host}\r\n".encode())


def chunked(*rest: bytes) -> bytes:
    return b"HTTP/1.1 400 Bad Request\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n" + b"".join(rest)


def test_a_chunk_larger_than_the_runner_reads_is_no_answer():
    with scripted(chunked(b"%x\r\n" % (wire.MAX_BODY_BYTES + 1))) as (port, _):
        with pytest.raises(NoAnswer) as raised:
            exchange("http", "127.0.0.1", port, "GET", "/x", (), 2.0)
    assert str(raised.value) == f"more than {wire.MAX_BODY_BYTES} bytes of body"


def test_a_trailer_section_longer_than_a_header_block_is_no_answer():
    with scripted(chunked(b"0\r\nX-Check: 1\r\n", b"a" * (wire.MAX_HEADER_BYTES + 10))) as (port, _):
        with pytest.raises(NoAnswer) as raised:
            exchange("http", "127.0.0.1", port, "GET", "/x", (), 2.0)
    assert str(raised.value) == f"the trailer section is longer than {wire.MAX_HEADER_BYTES} bytes"


def test_a_trailer_that_arrives_in_pieces_is_read():
    with scripted(chunked(b"0\r\nX-Check: 1"), 0.1, b"\r\n", 0.1, b"\r\n") as (port, _):
        answer = exchange("http", "127.0.0.1", port, "GET", "/x", (), 2.0)
    assert answer.body == b"hello"


# MARK: - Comparing


def test_a_content_length_that_is_not_a_number_is_a_difference_for_head():
    head = Exchange("C", "c", "head", "text", "HEAD", "/errgen/C/c", (), 400, (("Content-Length", "58"),), "")
    answer = Answer(400, "", [("Content-Length", "58X")], b"")
    assert compare(head, answer, exact=False, get_length=58) == ["Content-Length 58X, expected 58"]


@pytest.mark.parametrize(
    "got, says",
    [
        ("/json", 'header Content-Type "/json" is not a media type, expected "application/json"'),
        ("app lication/json", 'header Content-Type "app lication/json" is not a media type, expected "application/json"'),
    ],
)
def test_a_content_type_without_a_type_is_not_a_media_type(got, says):
    assert field_difference("Content-Type", [got], "application/json", exact=False) == says


def test_media_type_parameter_names_are_compared_without_case():
    assert field_difference("Content-Type", ["application/json; X-Version=2"], "application/json; x-version=2", exact=True) is None
    assert field_difference("Content-Type", ["application/json; x-version=2"], "application/json; X-Version=2", exact=True) is None


def test_json_booleans_that_differ_are_reported():
    assert body_difference("json", '{"retry":true}', '{"retry":false}') == "body $.retry: true, expected false"


def test_an_xml_attribute_that_differs_is_named():
    want = '<error code="X" lang="en"><message>m</message></error>'
    got = '<error code="X" lang="fr"><message>m</message></error>'
    assert body_difference("xml", got, want) == 'body /error: attribute lang "fr", expected "en"'


def test_xml_text_before_child_elements_that_differs_is_shown():
    want = "<error>Note<code>X</code></error>"
    got = "<error>Other<code>X</code></error>"
    assert body_difference("xml", got, want) == 'body /error: text "Other", expected "Note" before <code>'


# MARK: - Strings in a report


def test_a_backslash_is_escaped_in_a_report():
    assert quoted("C:\\dir") == '"C:\\\\dir"'
    assert field_difference("X-Path", ["C:\\dir"], "C:\\other", exact=False) == 'header X-Path "C:\\\\dir", expected "C:\\\\other"'


def test_a_long_value_is_cut_at_the_limit():
    shown = field_difference("X-Note", ["a" * 1000], "b", exact=False)
    assert shown == 'header X-Note "' + "a" * (LIMIT - 2) + '…", expected "b"'
