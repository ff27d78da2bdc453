"""How the conformance runner compares: header fields by what RFC 9110 says they mean, bodies by
their parsed value (or byte for byte), and strings that differ invisibly by their code points."""

from __future__ import annotations

import unicodedata

import pytest

from errgen_conformance import Answer, Exchange, compare
from errgen_conformance.bodies import body_difference
from errgen_conformance.fields import field_difference, media_type
from errgen_conformance.text import pair, quoted

TEXT = "text/plain; charset=utf-8"


# MARK: - Header fields


@pytest.mark.parametrize(
    "got, want",
    [
        ("text/plain;charset=UTF-8", TEXT),
        ("TEXT/Plain; CHARSET=utf-8", TEXT),
        ("text/plain ; charset = utf-8", None),  # blanks around "=" are not allowed: see below
        ('text/plain; charset="utf-8"', TEXT),
        ("text/plain;\tcharset=utf-8", TEXT),
        ("a/b; x=1; y=2", "a/b; y=2; x=1"),
        ('a/b; x="1"', "a/b; x=1"),
        ("application/json; charset=utf-8", "application/json"),
        ("application/json;charset=UTF-8", "application/json"),
        ("application/problem+json; charset=utf-8", "application/problem+json"),
        ("application/xml; charset=UTF-8", "application/xml"),  # as RFC 7303 §3.2 recommends
        ("application/problem+xml;charset=utf-8", "application/problem+xml"),
        ("text/plain; charset=utf-8;", TEXT),
    ],
)
def test_media_types_that_mean_the_same_pass(got, want):
    if want is None:
        assert media_type(got) is None
        return
    assert field_difference("Content-Type", [got], want, exact=False) is None
    if "charset" in want or "charset" not in got.lower():
        assert field_difference("Content-Type", [got], want, exact=True) is None


@pytest.mark.parametrize(
    "got, want",
    [
        ("text/plain", TEXT),  # text/plain without a charset is US-ASCII (RFC 2046 §4.1.2)
        ("text/plain; charset=iso-8859-1", TEXT),
        ("text/html; charset=utf-8", TEXT),
        ("application/json; charset=iso-8859-1", "application/json"),
        ("application/json; version=2", "application/json"),
        ("application/xml; charset=utf-16", "application/xml"),  # a UTF-8 body said to be UTF-16
        ("text/csv; charset=utf-8", "text/csv"),  # text/csv defines charset and its default (RFC 7111 §5.1)
        ("a/b; format=Flowed", "a/b; format=flowed"),  # values other than charset keep their case
        ("text/plain; charset=utf-8; charset=utf-8", TEXT),
        ("text", TEXT),
        ("text/plain, application/json", TEXT),
    ],
)
def test_media_types_that_differ_fail(got, want):
    assert field_difference("Content-Type", [got], want, exact=False) is not None
    assert field_difference("Content-Type", [got], want, exact=True) is not None


def test_a_charset_on_json_or_xml_is_flagged_only_exactly():
    assert field_difference("Content-Type", ["application/json; charset=utf-8"], "application/json", exact=False) is None
    assert field_difference("Content-Type", ["application/json; charset=utf-8"], "application/json", exact=True) == (
        'header Content-Type "application/json; charset=utf-8", expected "application/json" '
        "(a charset parameter JSON does not define, RFC 8259 §11: the same by meaning, not exactly)"
    )
    assert field_difference("Content-Type", ["application/xml; charset=utf-8"], "application/xml", exact=True) == (
        'header Content-Type "application/xml; charset=utf-8", expected "application/xml" '
        "(the UTF-8 the body is in, RFC 7303 §3.2: the same by meaning, not exactly)"
    )


@pytest.mark.parametrize(
    "name, got, want",
    [
        ("Vary", ["accept-language, accept"], "Accept, Accept-Language"),
        ("Vary", ["Accept, Accept-Language, Accept-Encoding"], "Accept, Accept-Language"),
        ("Vary", ["Accept-Encoding", "Accept", "Accept-Language"], "Accept, Accept-Language"),
        ("Vary", [", Accept,,"], "Accept"),
        ("Vary", ["*"], "Accept, Accept-Language"),
        ("Allow", ["HEAD, PUT, GET"], "GET, HEAD, PUT"),
        ("Content-Language", ["EN"], "en"),
        ("Content-Language", ["fr-ca"], "fr-CA"),
        ("vary", ["Accept"], "Accept"),
    ],
)
def test_list_fields_are_sets_that_hold_every_promised_member(name, got, want):
    assert field_difference(name, got, want, exact=False) is None
    assert field_difference(name, got, want, exact=True) is None


@pytest.mark.parametrize(
    "name, got, want, says",
    [
        ("Vary", ["Accept"], "Accept, Accept-Language", 'header Vary "Accept" lacks "Accept-Language", expected "Accept, Accept-Language"'),
        ("Vary", ["Accept-Encoding"], "Accept", 'header Vary "Accept-Encoding" lacks "Accept", expected "Accept"'),
        ("Allow", ["get, head"], "GET, HEAD", 'header Allow "get, head" lacks "GET", "HEAD", expected "GET, HEAD"'),
        ("Content-Language", ["de"], "en", 'header Content-Language "de" lacks "en", expected "en"'),
        ("Content-Language", ["en-US"], "en", 'header Content-Language "en-US" lacks "en", expected "en"'),
    ],
)
def test_a_list_field_without_a_promised_member_fails(name, got, want, says):
    assert field_difference(name, got, want, exact=False) == says


def test_field_lines_are_joined_and_blanks_around_values_ignored():
    assert field_difference("WWW-Authenticate", ['Basic realm="RestAuth" '], 'Basic realm="RestAuth"', exact=True) is None
    assert field_difference("Retry-After", ["\t30"], "30", exact=True) is None
    assert field_difference("X-Note", ["a", "b"], "a, b", exact=True) is None
    assert field_difference("Vary", ["Accept", "Accept-Language"], "Accept, Accept-Language", exact=True) is None
    assert field_difference("Retry-After", [], "30", exact=False) == 'header Retry-After missing, expected "30"'


def test_other_fields_are_compared_as_strings():
    assert field_difference("WWW-Authenticate", ['basic realm="RestAuth"'], 'Basic realm="RestAuth"', exact=False) == (
        'header WWW-Authenticate "basic realm=\\"RestAuth\\"", expected "Basic realm=\\"RestAuth\\""'
    )
    # Only spaces and tabs are blanks (RFC 9110 §5.5), not a no-break space.
    assert field_difference("Retry-After", ["30\u00a0"], "30", exact=False) == (
        'header Retry-After "30\\u00a0" (… U+00A0), expected "30" (… nothing)'
    )


# MARK: - Strings shown


def test_strings_that_look_alike_are_shown_with_their_code_points():
    nfd, nfc = unicodedata.normalize("NFD", "café"), unicodedata.normalize("NFC", "café")
    assert pair(nfd, nfc) == f'"{nfd}" (… U+0065 U+0301), expected "{nfc}" (… U+00E9)'
    assert pair(nfd, nfc) == '"cafe\u0301" (… U+0065 U+0301), expected "caf\u00e9" (… U+00E9)'
    assert pair("abc ", "abc") == '"abc " (… U+0020), expected "abc" (… nothing)'
    assert pair("a\u00a0b", "a b") == '"a\\u00a0b" (… U+00A0 …), expected "a b" (… U+0020 …)'
    assert pair("ab\u200b", "ab") == '"ab\\u200b" (… U+200B), expected "ab" (… nothing)'
    assert pair("\u200bab", "ab") == '"\\u200bab" (U+200B …), expected "ab" (nothing …)'
    assert pair("a\x07", "a") == '"a\\u0007" (… U+0007), expected "a" (… nothing)'
    assert pair("x\u2028y", "x y") == '"x\\u2028y" (… U+2028 …), expected "x y" (… U+0020 …)'


def test_strings_that_differ_visibly_are_shown_as_they_are():
    assert pair("nope", "yes") == '"nope", expected "yes"'
    assert quoted('say "hi"\n') == '"say \\"hi\\"\\n"'


def test_long_strings_are_shown_around_their_first_difference():
    want = "a" * 500 + "b" + "c" * 500
    got = "a" * 500 + "X" + "c" * 500
    shown = pair(got, want)
    assert shown.startswith('…"' + "a" * 40 + "X")
    assert ', expected …"' + "a" * 40 + "b" in shown
    assert len(shown) < 700


# MARK: - Bodies


def test_json_by_meaning():
    want = '{"code":"X","message":"m","details":{"n":42,"items":["a","b"]}}'
    assert body_difference("json", '{"details":{"items":["a","b"],"n":42.0},"message":"m","code":"X"}', want) is None
    assert body_difference("json", '{"code":"X","message":"m","details":{"n":4.2e1,"items":["a","b"]}}', want) is None
    assert body_difference("json", '{"code":"X","message":"m","details":{"n":"42","items":["a","b"]}}', want) == (
        'body $.details.n: string "42", expected number 42'
    )
    assert body_difference("json", '{"code":"X","message":"m","details":{"n":42,"items":["a"]}}', want) == "body $.details.items: 1 items, expected 2"
    assert body_difference("json", '{"code":"X","message":"m","details":{"n":42,"items":["a","b"]},"x":1}', want) == 'body $: unexpected member "x"'
    assert body_difference("json", '{"code":"X","details":{"n":42,"items":["a","b"]}}', want) == 'body $: member "message" missing'
    assert body_difference("json", '{"code":"X","code":"X","message":"m","details":{"n":42,"items":["a","b"]}}', want) == (
        'body $: member "code" appears more than once'
    )
    assert body_difference("json", '{"a b":1}', '{"a b":2}') == 'body $["a b"]: 1, expected 2'
    assert body_difference("json", '{"n":0.1}', '{"n":0.10000000000000001}') == "body $.n: 0.1, expected 0.10000000000000001"
    assert body_difference("json", '{"n":NaN}', '{"n":1}').startswith("the body is not json: NaN is not a JSON number")
    assert body_difference("json", '{"code":', want).startswith("the body is not json: Expecting value: line 1 column 9")
    nfd = unicodedata.normalize("NFD", "café")
    assert body_difference("json", f'{{"m":"{nfd}"}}', '{"m":"café"}') == f'body $.m: "{nfd}" (… U+0065 U+0301), expected "café" (… U+00E9)'


XML = '<?xml version="1.0"?>\n<error xmlns="urn:x">\n    <code>X</code>\n    <message>m</message>\n    <details>\n        <item>a</item>\n        <item>b</item>\n    </details>\n</error>\n'


def test_xml_by_meaning():
    assert body_difference("xml", XML.replace("\n    ", "\n\t"), XML) is None
    assert body_difference("xml", XML.replace("\n", "").replace("    ", ""), XML) is None
    assert body_difference("xml", XML.replace('<error xmlns="urn:x">', '<e:error xmlns:e="urn:x">').replace("</error>", "</e:error>")
                           .replace("<code>", "<e:code>").replace("</code>", "</e:code>").replace("<message>", "<e:message>")
                           .replace("</message>", "</e:message>").replace("<details>", "<e:details>").replace("</details>", "</e:details>")
                           .replace("<item>", "<e:item>").replace("</item>", "</e:item>"), XML) is None
    assert body_difference("xml", XML.replace("<message>m</message>", "<message><![CDATA[m]]></message>"), XML) is None
    assert body_difference("xml", XML.replace("<code>X</code>", "<code>X</code><!-- note -->"), XML) is None


@pytest.mark.parametrize(
    "change, says",
    [
        (("</code>\n", "</code>oops\n"), 'body /error: text "oops", expected none after <code>'),
        (("\n    <code>", "\n  oops  <code>"), 'body /error: text "oops", expected none before <code>'),
        (("<item>a</item>\n        <item>b", "<item>a</item>\n        x<item>b"), 'body /error/details: text "x", expected none after <item>'),
        (("<code>X</code>", "<code> X</code>"), 'body /error/code: text " X" (U+0020 …), expected "X" (nothing …)'),
        (("<item>b</item>", "<item>c</item>"), 'body /error/details/item[2]: text "c", expected "b"'),
        (("<code>X</code>", "<kode>X</kode>"), "body /error: element {urn:x}kode, expected {urn:x}code"),
        (("<code>X</code>", '<code lang="en">X</code>'), "body /error/code: unexpected attribute lang"),
        (("    <message>m</message>\n", ""), "body /error: element {urn:x}details, expected {urn:x}message"),
        (("</details>", "<item>c</item></details>"), "body /error/details: unexpected element {urn:x}item (3 child elements, expected 2)"),
        (('xmlns="urn:x"', 'xmlns="urn:y"'), "body /: element {urn:y}error, expected {urn:x}error"),
        (("</error>", ""), "the body is not xml: no element found"),
        (('<?xml version="1.0"?>', '<?xml version="1.0"?><!DOCTYPE error>'), "the body is not xml: the body declares a DTD"),
    ],
)
def test_xml_differences_are_named_where_they_are(change, says):
    got = XML.replace(*change)
    assert got != XML
    assert body_difference("xml", got, XML).startswith(says), body_difference("xml", got, XML)


def test_text_is_compared_exactly():
    assert body_difference("text", "Only 42 left.", "Only 42 left.") is None
    assert body_difference("text", "Only 42 left. ", "Only 42 left.") == 'body "Only 42 left. " (… U+0020), expected "Only 42 left." (… nothing)'
    assert body_difference(None, "x", "") == 'body "x", expected ""'


# MARK: - A whole response


def exchange(method: str = "GET", headers=(("Content-Type", TEXT), ("Content-Length", "5")), body: str = "hello") -> Exchange:
    return Exchange("C", "c", "get", "text", method, "/errgen/C/c", (("Accept", TEXT),), 400, tuple(headers), body)


def test_the_reason_phrase_and_fields_not_promised_are_not_checked():
    answer = Answer(400, "Whatever You Like", [("Content-Type", TEXT), ("Content-Length", "5"), ("Date", "x"), ("Server", "y")], b"hello")
    assert compare(exchange(), answer, exact=True) == []


def test_content_length_is_the_length_sent_by_meaning_and_the_fixtures_exactly():
    body = "hello, world".encode()
    answer = Answer(400, "", [("Content-Type", TEXT), ("Content-Length", str(len(body)))], body)
    assert compare(exchange(body="hello, world"), answer, exact=False) == []
    wrong = Answer(400, "", [("Content-Type", TEXT), ("Content-Length", "12")], b"hello")
    assert compare(exchange(), wrong, exact=False) == ["Content-Length 12, expected 5"]
    assert compare(exchange(), Answer(400, "", [("Content-Type", TEXT)], b"hello"), exact=True) == ["Content-Length missing, expected 5"]


def test_head_is_held_to_its_get_and_to_having_no_body():
    head = exchange("HEAD", body="")
    answer = Answer(400, "", [("Content-Type", TEXT), ("Content-Length", "7")], b"")
    assert compare(head, answer, exact=False, get_length=7) == []
    assert compare(head, answer, exact=True) == ["Content-Length 7, expected 5"]
    with_body = Answer(400, "", [("Content-Type", TEXT), ("Content-Length", "5")], b"", after_head=5)
    assert compare(head, with_body, exact=True) == ["HEAD answered with a body of 5 bytes (RFC 9110 §9.3.2: none)"]


def test_bytes_that_are_not_utf8_are_reported():
    answer = Answer(400, "", [("Content-Type", TEXT), ("Content-Length", "5"), ("X-Note", "caf\ufffd")], b"h\xe9llo", undecodable=["X-Note"])
    problems = compare(exchange(headers=(("Content-Type", TEXT), ("Content-Length", "5"))), answer, exact=False)
    assert problems[0] == "header X-Note: the value is not UTF-8"
    assert problems[1] == "the body is not UTF-8 (byte 0xE9 at offset 1)"


def test_exact_mode_compares_bytes():
    nfc = exchange(body="héllo", headers=(("Content-Type", TEXT), ("Content-Length", "6")))
    assert compare(nfc, Answer(400, "", [("Content-Type", TEXT), ("Content-Length", "6")], "héllo".encode()), exact=True) == []
    text = unicodedata.normalize("NFD", "héllo")
    nfd = text.encode()
    assert compare(nfc, Answer(400, "", [("Content-Type", TEXT), ("Content-Length", "7")], nfd), exact=True) == [
        "Content-Length 7, expected 6",
        f'body "{text}" (… U+0065 U+0301 …), expected "héllo" (… U+00E9 …)',
    ]
    # By meaning, text too is compared exactly: the same letters in another normalization differ.
    assert compare(nfc, Answer(400, "", [("Content-Type", TEXT), ("Content-Length", "7")], nfd), exact=False) == [
        f'body "{text}" (… U+0065 U+0301 …), expected "héllo" (… U+00E9 …)',
    ]


def test_the_status_of_a_request_that_accepts_no_format_says_what_the_catalog_expects():
    """`notAcceptable: default-format`: no 406 ever, the default format's answer; `error`: a 406."""
    accepts_nothing = (("Accept", "application/vnd.errgen.unavailable"),)
    fields = (("Content-Type", TEXT), ("Content-Length", "5"))
    answered = Exchange("C", "c", "not-acceptable", "text", "GET", "/errgen/C/c", accepts_nothing, 400, fields, "hello", "default-format")
    refused = Answer(406, "Not Acceptable", [("Content-Length", "0"), ("Vary", "Accept")], b"")
    assert compare(answered, refused, exact=False) == [
        "status 406, expected 400 (the catalog says notAcceptable: default-format: a request that accepts none of its"
        " formats gets the default format's answer, as without Accept, never 406)",
        "header Content-Type missing, expected \"text/plain; charset=utf-8\"",
        'body "", expected "hello"',
    ]
    assert compare(answered, Answer(400, "", list(fields), b"hello"), exact=True) == []
    empty = Exchange("C", "c", "not-acceptable", None, "GET", "/errgen/C/c", accepts_nothing, 406, (("Content-Length", "0"), ("Vary", "Accept")), "", "error")
    assert compare(empty, refused, exact=True) == []
    assert compare(empty, Answer(400, "", list(fields) + [("Vary", "Accept")], b"hello"), exact=False)[0] == (
        "status 400, expected 406 (the catalog says notAcceptable: error: a request that accepts none of its formats is refused with 406)"
    )
    # Only the not-acceptable case says so: another request's status is only a status.
    assert compare(exchange(), Answer(406, "", list(fields), b"hello"), exact=False) == ["status 406, expected 400"]
