"""Checks, from Python, that errgen's outputs serve test suites in other languages.

- The schemas in schemas/ are valid JSON Schemas; the specs validate against the spec schema and
  broken specs do not.
- Every fixtures/*.json file validates against the fixture schema and agrees with spec/errors.yaml,
  read here independently; every response body parses in its format and carries the samples.
- The documentation pages in docs/ render with cmark-gfm into well-formed tables, one overview row
  per error.

The same checks run on the fixtures and docs of every reference case in Tests/References.
"""

from __future__ import annotations

import copy
import functools
import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import errgen_spec as es
from errgen_spec import REPO

CASES = es.CASES
SPECS = {case: es.load_spec(case.spec) for case in CASES}
CATALOGS = [
    pytest.param(case, catalog.name, id=f"{case}/{catalog.name}") for case in CASES for catalog in SPECS[case]
]
ERRORS = [
    pytest.param(case, catalog.name, error.code, id=f"{case}/{catalog.name}/{error.code}")
    for case in CASES
    for catalog in SPECS[case]
    for error in catalog.errors
]


def collapse(text: str) -> str:
    """Text as a rendered Markdown table cell shows it: runs of ASCII whitespace (HTML's, not
    Unicode's) as one space, and NUL as U+FFFD, which CommonMark requires of every reader."""
    return " ".join(part for part in re.split(r"[ \t\n\r\f]+", text.replace("\0", "\ufffd")) if part)


def relative(path: Path) -> str:
    return str(path.relative_to(REPO))


def spec_catalog(case: es.Case, name: str) -> es.Catalog:
    return next(c for c in SPECS[case] if c.name == name)


@functools.cache
def fixture_files(case: es.Case) -> dict[str, tuple[Path, dict]]:
    """Every fixture file of a case by the catalog name it holds."""
    files: dict[str, tuple[Path, dict]] = {}
    for path in sorted(case.fixtures.glob("*.json")):
        with open(path, encoding="utf-8") as f:
            document = json.load(f)
        name = document.get("catalog", {}).get("name") if isinstance(document, dict) else None
        assert name not in files, f"{path.name} and {files[name][0].name} both hold catalog {name!r}"
        files[name] = (path, document)
    return files


def fixture_of(case: es.Case, catalog: str) -> dict:
    """The fixture document of a catalog; fails when errgen wrote none for it."""
    files = fixture_files(case)
    if catalog not in files:
        found = ", ".join(p.name for p, _ in files.values()) or "none"
        pytest.fail(f"no fixture file in {relative(case.fixtures)}/ holds catalog {catalog!r} (found: {found}); run `swift run errgen`")
    return files[catalog][1]


# MARK: - Schemas


CONSTRAINTS = {"if", "then", "else", "not", "allOf", "anyOf", "oneOf"}


def undescribed_properties(schema: Any, where: str = "#") -> list[str]:
    """Every property of every object schema, as a JSON pointer, that has no description (those
    inside if/then/else, not and the combinators only constrain properties described elsewhere)."""
    missing = []
    if isinstance(schema, dict):
        for name, sub in schema.get("properties", {}).items():
            if not (isinstance(sub, dict) and isinstance(sub.get("description"), str) and sub["description"].strip()):
                missing.append(f"{where}/properties/{name}")
        for key, sub in schema.items():
            if key not in CONSTRAINTS:
                missing += undescribed_properties(sub, f"{where}/{key}")
    elif isinstance(schema, list):
        for index, sub in enumerate(schema):
            missing += undescribed_properties(sub, f"{where}/{index}")
    return missing


@pytest.mark.parametrize("which", ["spec_schema", "fixtures_schema"])
def test_schema_is_a_valid_draft_2020_12_schema(which, request):
    schema = request.getfixturevalue(which)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema.get("title") and schema.get("description")
    assert schema["$id"].startswith("https://errgen.dev/schemas/")
    assert undescribed_properties(schema) == [], "properties without a description (editors show it as hover help)"


def test_spec_schema_identity(spec_schema):
    assert spec_schema["$id"] == "https://errgen.dev/schemas/errgen-spec.schema.json"


@pytest.mark.parametrize("path", [case.spec for case in CASES], ids=relative)
def test_spec_validates_against_the_spec_schema(path, spec_validator):
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in spec_validator.iter_errors(es.load_yaml(path))]
    assert errors == []


BASE_SPEC = {
    "errgen": 1,
    "catalogs": {
        "Shop": {
            "title": "Shop errors",
            "formats": ["json", {"type": "xml", "namespace": "urn:example:shop"}],
            "parameters": {"request-id": "string"},
            "errors": {
                "OutOfStock": {
                    "status": 409,
                    "message": "Only {available} of {item} left.",
                    "parameters": {
                        "item": "string",
                        "available": {"type": "integer", "description": "How many are left.", "example": "3"},
                    },
                    "headers": {"Retry-After": "3600"},
                    "deprecated": "Use SoldOut instead.",
                }
            },
        }
    },
}


def broken(change):
    spec = copy.deepcopy(BASE_SPEC)
    change(spec)
    return spec


def error_of(spec):
    return spec["catalogs"]["Shop"]["errors"]["OutOfStock"]


BAD_SPECS = {
    "unknown key in an error": lambda s: error_of(s).update(colour="red"),
    "unknown key at the top level": lambda s: s.update(version=2),
    "unknown key in a catalog": lambda s: s["catalogs"]["Shop"].update(owner="me"),
    "unknown key in a parameter": lambda s: error_of(s)["parameters"]["available"].update(unit="items"),
    "unknown key in a format": lambda s: s["catalogs"]["Shop"]["formats"][1].update(prefix="s"),
    "status 302": lambda s: error_of(s).update(status=302),
    "status 600": lambda s: error_of(s).update(status=600),
    "status as a string": lambda s: error_of(s).update(status="409"),
    "missing message": lambda s: error_of(s).pop("message"),
    "empty message": lambda s: error_of(s).update(message=""),
    "missing status": lambda s: error_of(s).pop("status"),
    "missing title": lambda s: s["catalogs"]["Shop"].pop("title"),
    "missing formats": lambda s: s["catalogs"]["Shop"].pop("formats"),
    "no formats": lambda s: s["catalogs"]["Shop"].update(formats=[]),
    "unknown format": lambda s: s["catalogs"]["Shop"]["formats"].append("yaml"),
    "unknown format in the long form": lambda s: s["catalogs"]["Shop"]["formats"].append({"type": "html"}),
    "unknown default format": lambda s: s["catalogs"]["Shop"].update({"default-format": "csv"}),
    "namespace on json": lambda s: s["catalogs"]["Shop"]["formats"].__setitem__(0, {"type": "json", "namespace": "urn:x"}),
    "bad parameter type": lambda s: error_of(s)["parameters"].update(item="float"),
    "bad parameter type in the long form": lambda s: error_of(s)["parameters"]["available"].update(type="int"),
    "bad parameter name": lambda s: error_of(s)["parameters"].update({"2nd": "string"}),
    "integer example that is not one": lambda s: error_of(s)["parameters"]["available"].update(example="three"),
    "header value that is not a string": lambda s: error_of(s)["headers"].update({"Retry-After": 3600}),
    "Content-Type header": lambda s: error_of(s)["headers"].update({"content-type": "text/html"}),
    "header name that is not a token": lambda s: error_of(s)["headers"].update({"Retry After": "1"}),
    "deprecated as a number": lambda s: error_of(s).update(deprecated=1),
    "version 2": lambda s: s.update(errgen=2),
    "no catalogs": lambda s: s.update(catalogs={}),
    "no errors": lambda s: s["catalogs"]["Shop"].update(errors={}),
    "empty title": lambda s: s["catalogs"]["Shop"].update(title=" "),
    "documentation-url with a fragment": lambda s: s["catalogs"]["Shop"].update({"documentation-url": "https://x.example/e#top"}),
    "not-acceptable that is neither error nor default-format": lambda s: s["catalogs"]["Shop"].update({"not-acceptable": "ignore"}),
    "not-acceptable as a boolean": lambda s: s["catalogs"]["Shop"].update({"not-acceptable": False}),
}


def test_the_base_of_the_bad_specs_is_valid(spec_validator):
    assert [e.message for e in spec_validator.iter_errors(BASE_SPEC)] == []


@pytest.mark.parametrize("value", ["error", "default-format"])
def test_not_acceptable_is_error_or_default_format(value, spec_validator):
    spec = broken(lambda s: s["catalogs"]["Shop"].update({"not-acceptable": value}))
    assert [e.message for e in spec_validator.iter_errors(spec)] == []


@pytest.mark.parametrize("change", list(BAD_SPECS.values()), ids=list(BAD_SPECS))
def test_bad_spec_is_rejected(change, spec_validator):
    assert not spec_validator.is_valid(broken(change))


# MARK: - Fixture files


@pytest.mark.parametrize("case", CASES, ids=str)
def test_there_is_one_fixture_file_per_catalog_and_nothing_else(case):
    files = sorted(case.fixtures.glob("*.json"))
    assert files, f"{relative(case.fixtures)}/ holds no fixture files; run `swift run errgen`"
    names = [catalog.name for catalog in SPECS[case]]
    assert sorted(fixture_files(case)) == sorted(names), "the fixtures' catalogs are not the spec's"
    assert len(files) == len(names)


@pytest.mark.parametrize(("case", "catalog"), CATALOGS)
def test_fixture_validates_against_the_fixture_schema(case, catalog, fixtures_validator):
    document = fixture_of(case, catalog)
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in fixtures_validator.iter_errors(document)]
    assert errors == []


class Pairs(list):
    """A JSON object read as its (key, value) pairs in file order."""


def unsorted_objects(value: Any, where: str = "") -> list[str]:
    found = []
    if isinstance(value, Pairs):
        keys = [k for k, _ in value]
        if keys != sorted(keys):
            found.append(f"{where or '/'}: {keys}")
        for key, sub in value:
            found += unsorted_objects(sub, f"{where}/{key}")
    elif isinstance(value, list):
        for index, sub in enumerate(value):
            found += unsorted_objects(sub, f"{where}/{index}")
    return found


@pytest.mark.parametrize(("case", "catalog"), CATALOGS)
def test_fixture_keys_are_written_sorted(case, catalog):
    fixture_of(case, catalog)
    path = fixture_files(case)[catalog][0]
    with open(path, encoding="utf-8") as f:
        document = json.load(f, object_pairs_hook=Pairs)
    assert unsorted_objects(document) == []


@pytest.mark.parametrize(("case", "catalog"), CATALOGS)
def test_fixture_catalog_agrees_with_the_spec(case, catalog):
    document = fixture_of(case, catalog)
    spec = spec_catalog(case, catalog)
    assert document["$comment"] == case.comment
    assert document["errgen"] == 1
    fixture = document["catalog"]
    assert fixture["name"] == spec.name
    assert fixture["title"] == spec.title
    assert fixture["formats"] == [
        {"format": f.name, "mediaType": es.MEDIA_TYPES[f.name][0], "contentType": es.MEDIA_TYPES[f.name][1], "body": f.body}
        for f in spec.formats
    ]
    assert fixture["defaultFormat"] == spec.default_format
    # Files written before the member existed say nothing: a 406, as then.
    assert es.not_acceptable_of(document) == spec.not_acceptable
    assert fixture["xmlNamespace"] == spec.xml_namespace
    assert fixture["documentationURL"] == spec.documentation_url
    assert fixture["languages"] == spec.languages
    assert fixture["http"] is spec.http
    assert fixture["codeType"] == spec.code_type
    if not spec.http:
        assert fixture["formats"] == [] and fixture["defaultFormat"] is None
    assert [(k["name"], k["type"], k["optional"], k["description"]) for k in fixture["metadata"]] == [
        (k.name, k.type, k.optional, k.description) for k in spec.metadata
    ]
    for got, want in zip(fixture["metadata"], spec.metadata):
        if want.default is None:
            assert got["default"] is None
        else:
            assert es.is_of_type(got["default"], want.type) and es.same_value(got["default"], want.default), got["name"]
    check_parameters(fixture["parameters"], spec.shared)
    assert [e["code"] for e in document["errors"]] == [spec.wire_code(e.code) for e in spec.errors], "every error of the spec, in spec order, and nothing else"
    # Integer codes are numbers (not booleans); other codes strings.
    kind = int if spec.code_type == "integer" else str
    assert all(type(e["code"]) is kind for e in document["errors"])


def check_parameters(fixture: list[dict], spec: list[es.Parameter]) -> None:
    assert [p["name"] for p in fixture] == [p.name for p in spec]
    for got, want in zip(fixture, spec):
        assert got["type"] == want.type, got["name"]
        assert got["list"] == want.list, got["name"]
        assert got["optional"] == want.optional, got["name"]
        assert got["shared"] is want.shared, got["name"]
        assert got["description"] == want.description, got["name"]
        assert es.is_of_type(got["sample"], want.type, want.list), f"sample of {got['name']} is not a {want.type}: {got['sample']!r}"
        if want.example is not None:
            assert es.same_value(got["sample"], want.example), f"sample of {got['name']} is not the spec's example"


# MARK: - Errors


def fixture_error(document: dict, code: str) -> dict:
    matches = [e for e in document["errors"] if str(e["code"]) == code]
    assert len(matches) == 1, f"{len(matches)} errors with code {code!r} in the fixture"
    return matches[0]


def samples(error: dict) -> dict[str, Any]:
    return {p["name"]: p["sample"] for p in error["parameters"]}


def sample_texts(error: dict) -> dict[str, str | list[str]]:
    return {p["name"]: es.value_text(p["sample"], p["type"]) for p in error["parameters"]}


@pytest.mark.parametrize(("case", "catalog", "code"), ERRORS)
def test_error_agrees_with_the_spec(case, catalog, code):
    document = fixture_of(case, catalog)
    catalog = spec_catalog(case, catalog)
    spec = catalog.error(code)
    error = fixture_error(document, code)

    assert error["status"] == spec.status
    assert error["reasonPhrase"] == es.reason_phrase(spec.status)
    assert error["message"] == spec.message
    assert error["description"] == spec.description
    if spec.deprecated is False:
        assert error["deprecated"] is None
    elif spec.deprecated is True:
        assert isinstance(error["deprecated"], dict) and isinstance(error["deprecated"].get("message"), str)
    else:
        assert error["deprecated"] == {"message": spec.deprecated}

    if spec.retired is None:
        assert error["retired"] is None
    else:
        assert error["retired"] == {"in": spec.retired["in"], "reason": spec.retired.get("reason"), "replacement": spec.retired.get("replacement")}
        replacement = spec.retired.get("replacement")
        if replacement is not None:
            assert catalog.error(replacement).retired is None, "the replacement is an error that is sent"
    assert error["since"] == spec.since

    if spec.title is not None:
        assert error["title"] == spec.title
    elif not es.placeholders(spec.message):
        assert error["title"] == es.render(spec.message, {})
    elif es.error_phrase(spec.status):
        assert error["title"] == es.error_phrase(spec.status)

    if spec.swift_name is not None:
        assert error["swiftName"] == spec.swift_name
    else:
        # Derived: the code's letters and digits, in lower camel case (`_` before a leading digit).
        assert error["swiftName"][:1].islower() or error["swiftName"].startswith("_")
        assert error["swiftName"].lstrip("_").lower() == re.sub(r"[^A-Za-z0-9]", "", catalog.naming_stem(code)).lower()

    check_parameters(error["parameters"], spec.parameters)
    shared_samples = {p["name"]: p["sample"] for p in document["catalog"]["parameters"]}
    for parameter in error["parameters"]:
        if parameter["shared"]:
            assert es.same_value(parameter["sample"], shared_samples[parameter["name"]]), "a shared parameter has one sample"

    # Where it is documented: its own link, else the catalog's made into its link.
    assert error["documentation"] == catalog.documentation_link(code)

    # Metadata: the value each key has for the error (stated, else the key's default), typed.
    metadata = catalog.metadata_of(spec)
    kinds = {k.name: k.type for k in catalog.metadata}
    assert sorted(error["metadata"]) == sorted(metadata)
    for name, value in metadata.items():
        assert es.is_of_type(error["metadata"][name], kinds[name]) and es.same_value(error["metadata"][name], value), name
    for key in catalog.metadata:
        assert key.optional or key.default is not None or key.name in metadata, f"required metadata {key.name} missing"

    # Every placeholder names a parameter (in a header, or a metadata key); the sample message is
    # the template filled in here.
    names = {p.name for p in spec.parameters}
    assert set(es.placeholders(spec.message)) <= names
    for header in spec.headers:
        assert set(es.placeholders(header.value)) <= names | set(metadata)
    texts = sample_texts(error)
    assert error["sampleMessage"] == es.render(spec.message, texts)
    # Without its optional parameters and with its lists empty: each section's text for none.
    if any(p.optional or p.list for p in spec.parameters):
        by_name = {p.name: p for p in spec.parameters}
        absent = {name: [] if by_name[name].list else text for name, text in texts.items() if not by_name[name].optional}
        assert error["absentMessage"] == es.render(spec.message, absent)
    else:
        assert error["absentMessage"] is None

    # Translations: each the spec's, its sample filled in here, its title the spec's, else the
    # message when it has no placeholders, else the default language's title.
    assert sorted(error["translations"]) == sorted(spec.translations)
    for language, (message, title) in spec.translations.items():
        translation = error["translations"][language]
        assert translation["message"] == message
        assert set(es.placeholders(message)) == set(es.placeholders(spec.message)), f"{language}: other placeholders"
        assert translation["sampleMessage"] == es.render(message, texts)
        if title is not None:
            assert translation["title"] == title
        elif not es.placeholders(message):
            assert translation["title"] == es.render(message, {})
        else:
            assert translation["title"] == error["title"]

    assert [(h["name"], h["value"]) for h in error["headers"]] == [(h.name, h.value) for h in spec.headers]
    metadata_texts = {name: es.value_text(value, kinds[name]) for name, value in metadata.items()}
    for header in error["headers"]:
        assert header["sampleValue"] == es.header_value(es.render(header["value"], {**metadata_texts, **texts}))


# MARK: - Responses


def responses_of(error: dict, case: str) -> list[dict]:
    return [r for r in error["responses"] if r["case"] == case]


def vary_of(catalog: es.Catalog) -> str | None:
    """What a catalog's responses vary on: Accept with several formats, Accept-Language with several languages."""
    names = (["Accept"] if len(catalog.formats) > 1 else []) + (["Accept-Language"] if len(catalog.languages) > 1 else [])
    return ", ".join(names) or None


def expected_headers(
    content_type: str, body: str, own: list[tuple[str, str]], catalog: es.Catalog, language: str | None = None, refused: bool = False
) -> list[list[str]]:
    """The fields of a response: a 406 (`refused`) varies on Accept even with a single format; the
    default format's answer of a catalog that answers instead of refusing (`notAcceptable:
    default-format`) is a response like any other, varying as they do."""
    fields = [["Content-Type", content_type], ["Content-Length", str(len(body.encode("utf-8")))]]
    if len(catalog.languages) > 1:
        fields.append(["Content-Language", language or catalog.languages[0]])
    fields += [[name, value] for name, value in own]
    vary = ("Accept, Accept-Language" if len(catalog.languages) > 1 else "Accept") if refused else vary_of(catalog)
    if vary:
        fields.append(["Vary", vary])
    return fields


@pytest.mark.parametrize(("case", "catalog", "code"), ERRORS)
def test_responses(case, catalog, code):
    check_responses(fixture_of(case, catalog), spec_catalog(case, catalog), code)


def check_responses(document: dict, catalog: es.Catalog, code: str) -> None:
    """An error's responses in a fixture document, each worked out here from the spec: what a
    request nothing satisfies gets follows the document's `catalog.notAcceptable`."""
    spec = catalog.error(code)
    error = fixture_error(document, code)
    if not catalog.http:
        assert error["status"] is None and error["responses"] == [], "a catalog without HTTP answers no request"
        return
    if catalog.allows_success_status:
        assert 200 <= spec.status <= 299 or 400 <= spec.status <= 599
    else:
        assert 400 <= spec.status <= 599
    answers_default = es.not_acceptable_of(document) == "default-format"
    assert es.not_acceptable_of(document) in ("error", "default-format")
    cases = [r["case"] for r in error["responses"]]
    expected_cases = ["get", "head", "not-acceptable"] + (["language"] if len(catalog.languages) > 1 else [])
    expected_cases += ACCEPT_CASES if len(catalog.formats) > 1 else []
    expected_cases += LANGUAGE_CASES if len(catalog.languages) > 1 else []
    assert sorted(set(cases)) == sorted(expected_cases), cases
    own_headers = [(h["name"], h["sampleValue"]) for h in error["headers"]]

    # One GET per offered format, asking for it by its Content-Type.
    gets = responses_of(error, "get")
    assert [r["format"] for r in gets] == catalog.format_names
    by_format = {}
    for response in gets:
        name = response["format"]
        content_type = es.MEDIA_TYPES[name][1]
        assert response["request"] == {"method": "GET", "headers": [["Accept", content_type]]}
        assert response["status"] == spec.status
        assert response["reasonPhrase"] == es.reason_phrase(spec.status)
        assert response["headers"] == expected_headers(content_type, response["body"], own_headers, catalog)
        length = dict((n.lower(), v) for n, v in response["headers"])["content-length"]
        assert int(length) == len(response["body"].encode("utf-8")), "Content-Length is the UTF-8 length of the body"
        by_format[name] = response

    # HEAD without Accept: the default format's headers, no body.
    [head] = responses_of(error, "head")
    default = by_format[catalog.default_format]
    assert head["request"] == {"method": "HEAD", "headers": []}
    assert head["format"] == catalog.default_format
    assert head["status"] == default["status"] and head["reasonPhrase"] == default["reasonPhrase"]
    assert head["headers"] == default["headers"], "HEAD has the headers a GET gets"
    assert head["body"] == ""

    # One GET per language after the default, asking for it with Accept-Language: the default
    # format, in that language where the error is translated, else in the default language.
    languages = responses_of(error, "language")
    assert [r["request"] for r in languages] == [{"method": "GET", "headers": [["Accept-Language", tag]]} for tag in catalog.languages[1:]]
    for tag, response in zip(catalog.languages[1:], languages):
        translated = tag in spec.translations
        answered = tag if translated else catalog.languages[0]
        assert response["format"] == catalog.default_format
        assert response["status"] == spec.status
        content_type = es.MEDIA_TYPES[catalog.default_format][1]
        assert response["headers"] == expected_headers(content_type, response["body"], own_headers, catalog, answered)
        want = error["translations"][tag]["sampleMessage"] if translated else error["sampleMessage"]
        assert message_of(response["format"], response["body"], catalog) in (want, None), f"{tag}: the body's message is not the {answered} one"

    # The requests that take weighing (q-values, q=0, wildcards, a regional tag's fallback): each is
    # answered as the GET of the format, or in the language, that RFC 9110 and RFC 4647 choose,
    # worked out here on their own; and each exercises what its case says. Where nothing it
    # accepts is offered: a 406, or the default format in a catalog that answers instead.
    by_language = {catalog.languages[0]: default} | {tag: r for tag, r in zip(catalog.languages[1:], languages)}
    for response in error["responses"]:
        if response["case"] in ACCEPT_CASES:
            [[name, value]] = response["request"]["headers"]
            chosen = negotiate_format(value, catalog)
            if chosen is None and not answers_default:
                check_refused(response, value, catalog, document)
                answer = None
            else:
                answer = by_format[chosen or catalog.default_format]
        elif response["case"] in LANGUAGE_CASES:
            [[name, value]] = response["request"]["headers"]
            chosen = negotiate_language(value, catalog.languages)
            answer = by_language[chosen]
        else:
            continue
        assert response["request"]["method"] == "GET" and name == ("Accept" if response["case"] in ACCEPT_CASES else "Accept-Language")
        what = f"{response['case']} ({name}: {value})"
        if answer is not None:
            answered = chosen or f"the default format {catalog.default_format} (nothing acceptable, notAcceptable: default-format)"
            assert (response["format"], response["status"], response["headers"], response["body"]) == (
                answer["format"], answer["status"], answer["headers"], answer["body"]), f"{what}: not the response for {answered}"
        purpose = {
            "accept-weights": lambda: chosen is not None and chosen != catalog.default_format and not value.startswith(es.MEDIA_TYPES[chosen][0]),
            "accept-excludes": lambda: chosen is not None and chosen != catalog.default_format and "q=0," in value,
            "accept-any": lambda: value == "*/*",
            "accept-type-range": lambda: value.endswith("/*") and not value.startswith("*"),
            "language-weights": lambda: chosen != catalog.languages[0] and not value.startswith(chosen),
            "language-fallback": lambda: chosen != catalog.languages[0] and value.lower() != chosen.lower() and value.lower().startswith(chosen.lower() + "-"),
            "language-unlisted": lambda: chosen == catalog.languages[0] and not any(
                t.lower().split("-")[0] == value.lower().split("-")[0] for t in catalog.languages),
            "language-any": lambda: value == "*",
            "language-excludes": lambda: chosen != catalog.languages[0] and "q=0," in value,
        }
        assert purpose[response["case"]](), f"{what} does not exercise what its case says"

    # Nothing acceptable: a 406 (`notAcceptable: error`), or (`default-format`) the answer a
    # request without Accept gets: the default format, its status and fields, never a 406.
    [refused] = responses_of(error, "not-acceptable")
    assert refused["request"]["headers"] == [["Accept", es.UNAVAILABLE]]
    assert negotiate_format(es.UNAVAILABLE, catalog) is None, "the not-acceptable request accepts an offered format"
    if not answers_default:
        check_refused(refused, es.UNAVAILABLE, catalog, document)
        return
    content_type = es.MEDIA_TYPES[catalog.default_format][1]
    head_request = refused["request"]["method"] == "HEAD"
    assert refused["request"]["method"] in ("GET", "HEAD")
    assert refused["format"] == catalog.default_format, "notAcceptable: default-format answers in the default format"
    assert refused["status"] == spec.status, f"notAcceptable: default-format answers {spec.status}, not {refused['status']}"
    assert refused["reasonPhrase"] == es.reason_phrase(spec.status)
    if head_request:
        assert refused["body"] == "" and refused["headers"] == default["headers"], "HEAD: the GET's fields, no body"
        return
    assert refused["headers"] == expected_headers(content_type, refused["body"], own_headers, catalog)
    check_body(refused["format"], refused["body"], catalog, spec, samples(error), es.render(spec.message, sample_texts(error)), error["title"])
    assert {k: v for k, v in refused.items() if k not in ("case", "request")} == {k: v for k, v in default.items() if k not in ("case", "request")}, (
        "notAcceptable: default-format: the not-acceptable response is the default format's GET")


def check_refused(refused: dict, accept: str, catalog: es.Catalog, document: dict) -> None:
    """A request whose `Accept` (`accept`) nothing satisfies, refused: 406, the catalog's first 406
    error in the default format, or an empty 406."""
    assert refused["status"] == 406
    assert refused["reasonPhrase"] == "Not Acceptable"
    first406 = next((e for e in catalog.errors if e.status == 406), None)
    if first406 is None or any(p.type != "string" for p in first406.parameters):
        assert refused["format"] is None
        assert refused["body"] == ""
        assert refused["headers"] == [["Content-Length", "0"], ["Vary", "Accept, Accept-Language" if len(catalog.languages) > 1 else "Accept"]]
        return
    assert refused["format"] == catalog.default_format
    if refused["request"]["method"] == "HEAD":
        assert refused["body"] == ""
        return
    message = message_of(refused["format"], refused["body"], catalog)
    values = template_values(first406.message, message, [p.name for p in first406.parameters])
    # Parameters the message does not show are read from the body's members below.
    values.update({p.name: explanation_of(refused, p.name, catalog) for p in first406.parameters if p.name not in values})
    # By name: accept is the Accept field, available the media types, any other name says both.
    media_types = [es.MEDIA_TYPES[f][0] for f in catalog.format_names]
    for name, value in values.items():
        if name == "accept":
            assert value == accept, f"accept is not the request's Accept field: {value!r}"
        elif name == "available":
            assert value == ", ".join(media_types), f"available is not the catalog's media types: {value!r}"
        else:
            assert accept in value, f"{name} does not say what was asked for"
            for media_type in media_types:
                assert media_type in value, f"{name} does not say that {media_type} is available"
    title = fixture_error(document, first406.code)["title"]
    check_body(refused["format"], refused["body"], catalog, first406, values, es.render(first406.message, values), title)
    own = [(h.name, es.header_value(es.render(h.value, values))) for h in first406.headers]
    assert refused["headers"] == expected_headers(es.MEDIA_TYPES[refused["format"]][1], refused["body"], own, catalog, refused=True)


# MARK: - A catalog that answers in its default format (notAcceptable: default-format)

#: Every error of a catalog with HTTP, but the converted corpora's (thousands, checked as written).
DERIVED_ERRORS = [p for p in ERRORS if not p.values[0].name.startswith("corpus-") and spec_catalog(p.values[0], p.values[1]).http]


@functools.cache
def default_format_fixture(case: es.Case, catalog: str) -> dict:
    """A catalog's fixture document as errgen writes it with `not-acceptable: default-format`."""
    return es.with_default_format(fixture_of(case, catalog))


def case_of(name: str) -> es.Case:
    return next(case for case in CASES if case.name == name)


def fails_the_checks(document: dict, case: es.Case, catalog: str, code: str) -> str:
    """What `check_responses` says of a document that must fail it."""
    with pytest.raises(AssertionError) as failed:
        check_responses(document, spec_catalog(case, catalog), code)
    return str(failed.value)


@pytest.mark.parametrize(("case", "catalog", "code"), DERIVED_ERRORS)
def test_a_fixture_derived_for_default_format_passes_the_checks(case, catalog, code):
    document = default_format_fixture(case, catalog)
    assert es.not_acceptable_of(document) == "default-format"
    check_responses(document, spec_catalog(case, catalog), code)
    error = fixture_error(document, code)
    [refused] = responses_of(error, "not-acceptable")
    assert refused["status"] == error["status"], "no 406 but the error's own"


def test_the_checks_follow_the_catalogs_not_acceptable():
    # An "error" catalog (RestAuth: text and json, a 406 error of its own) answered in the default
    # format, and a "default-format" one still refusing: both fail, on the not-acceptable response.
    spec, code = case_of("spec"), "service-not-allowed-from-address"
    answered = copy.deepcopy(default_format_fixture(spec, "RestAuth"))
    answered["catalog"]["notAcceptable"] = "error"
    assert "assert 401 == 406" in fails_the_checks(answered, spec, "RestAuth", code)
    refusing = copy.deepcopy(fixture_of(spec, "RestAuth"))
    refusing["catalog"]["notAcceptable"] = "default-format"
    assert "notAcceptable: default-format answers 401, not 406" in fails_the_checks(refusing, spec, "RestAuth", code)
    # Slack says default-format: read as "error", or without the member (a file written before
    # it existed), its responses fail; a catalog of one format answered with a Vary field fails too.
    any_api = case_of("any-api")
    slack = fixture_of(any_api, "Slack")
    assert es.not_acceptable_of(slack) == "default-format", "any-api's Slack says not-acceptable: default-format"
    check_responses(slack, spec_catalog(any_api, "Slack"), "channel_not_found")
    silent = copy.deepcopy(slack)
    del silent["catalog"]["notAcceptable"]
    assert es.not_acceptable_of(silent) == "error"
    assert "assert 200 == 406" in fails_the_checks(silent, any_api, "Slack", "channel_not_found")
    varying = copy.deepcopy(slack)
    [refused] = responses_of(fixture_error(varying, "channel_not_found"), "not-acceptable")
    refused["headers"].append(["Vary", "Accept"])
    fails_the_checks(varying, any_api, "Slack", "channel_not_found")
    # Another format than the default (RestAuth's json, not text) fails.
    other = copy.deepcopy(default_format_fixture(spec, "RestAuth"))
    error = fixture_error(other, code)
    [json_get] = [r for r in responses_of(error, "get") if r["format"] == "json"]
    [refused] = responses_of(error, "not-acceptable")
    refused.update({k: copy.deepcopy(v) for k, v in json_get.items() if k not in ("case", "request")})
    assert "notAcceptable: default-format answers in the default format" in fails_the_checks(other, spec, "RestAuth", code)


def with_weighed(document: dict, code: str, value: str, response: dict) -> dict:
    """A copy of a document with a GET whose Accept is `value` (a type range) answered `response`."""
    changed = copy.deepcopy(document)
    error = fixture_error(changed, code)
    error["responses"].append({**copy.deepcopy(response), "case": "accept-type-range", "request": {"method": "GET", "headers": [["Accept", value]]}})
    return changed


@pytest.mark.parametrize(("name", "catalog", "code"), [("spec", "RestAuth", "service-not-allowed-from-address"), ("any-api", "Twilio", "20404")])
def test_a_weighed_request_nothing_satisfies_follows_not_acceptable(name, catalog, code):
    # image/* matches none of the catalog's formats: refused in an "error" catalog, the default
    # format in a "default-format" one.
    case = case_of(name)
    assert negotiate_format("image/*", spec_catalog(case, catalog)) is None
    for document in (fixture_of(case, catalog), default_format_fixture(case, catalog)):
        error = fixture_error(document, code)
        [refused] = responses_of(error, "not-acceptable")
        default = next(r for r in responses_of(error, "get") if r["format"] == document["catalog"]["defaultFormat"])
        other = next(r for r in responses_of(error, "get") if r["format"] != document["catalog"]["defaultFormat"])
        check_responses(with_weighed(document, code, "image/*", refused), spec_catalog(case, catalog), code)
        wrong = [other] if es.not_acceptable_of(document) == "default-format" else [default, other]
        for response in wrong:
            fails_the_checks(with_weighed(document, code, "image/*", response), case, catalog, code)
    # In a "default-format" catalog a 406 for it fails.
    document = default_format_fixture(case, catalog)
    refusal = responses_of(fixture_error(fixture_of(case, catalog), code), "not-acceptable")[0]
    fails_the_checks(with_weighed(document, code, "image/*", refusal), case, catalog, code)


#: The cases of requests whose Accept or Accept-Language field takes weighing, in fixture order.
ACCEPT_CASES = ["accept-weights", "accept-excludes", "accept-any", "accept-type-range"]
LANGUAGE_CASES = ["language-weights", "language-fallback", "language-unlisted", "language-any", "language-excludes"]


def weighed(element: str) -> tuple[str, dict[str, str], float]:
    """An element of an Accept or Accept-Language field: its value, parameters and weight."""
    value, *parameters = [part.strip() for part in element.split(";")]
    named = {}
    for parameter in parameters:
        key, _, text = parameter.partition("=")
        named[key.strip().lower()] = text.strip()
    weight = float(named.pop("q", "1"))
    return value.lower(), named, weight


def negotiate_format(accept: str, catalog: es.Catalog) -> str | None:
    """RFC 9110 §12.5.1: each offered type weighs what its most specific matching range says (0
    when none matches); the heaviest wins, ties to the more specific range, then the first offered;
    None when every type weighs 0."""
    ranges = [weighed(element) for element in accept.split(",") if element.strip()]
    best = None
    for name in catalog.format_names:
        media_type = es.MEDIA_TYPES[name][0]
        kind, subtype = media_type.split("/")
        matching = []
        for value, parameters, weight in ranges:
            range_kind, range_subtype = value.split("/")
            if range_kind == "*" or (range_kind == kind and range_subtype in ("*", subtype)):
                specificity = (0 if range_kind == "*" else 1 if range_subtype == "*" else 2, len(parameters))
                matching.append((specificity, weight))
        if not matching:
            continue
        specificity, weight = max(matching)
        if weight > 0 and (best is None or (weight, specificity) > best[1:]):
            best = (name, weight, specificity)
    return best[0] if best else None


def negotiate_language(field: str, languages: list[str]) -> str:
    """RFC 9110 §12.5.4 with RFC 4647 §3.4's lookup: ranges by weight (equal weights in written
    order), each tried as it is and then with subtags dropped from its end, then as a prefix of a
    catalog tag; `*` is any language not excluded; q=0 excludes what it is a prefix of; the
    default (first) language when nothing matches."""
    tags = [tag.lower().split("-") for tag in languages]
    ranges = [weighed(element) for element in field.split(",") if element.strip()]
    excluded = {i for i, tag in enumerate(tags) for value, _, weight in ranges
                if weight == 0 and value != "*" and tag[: len(value.split("-"))] == value.split("-")}
    allowed = [i for i in range(len(tags)) if i not in excluded]
    for value, _, weight in sorted((r for r in ranges if r[2] > 0), key=lambda r: -r[2]):
        if value == "*":
            if allowed:
                return languages[allowed[0]]
            continue
        subtags = value.split("-")
        while subtags:
            found = [i for i in allowed if tags[i] == subtags]
            if found:
                return languages[found[0]]
            subtags = subtags[:-1]
        wanted = value.split("-")
        found = [i for i in allowed if tags[i][: len(wanted)] == wanted]
        if found:
            return languages[found[0]]
    return languages[0]


def message_of(format: str, body: str, catalog: es.Catalog | None = None) -> str | None:
    """The message a body carries; None for a json body whose shape has no "{message}"."""
    if format == "text":
        return body
    if format == "json":
        document = json.loads(body)
        shape = catalog.json_shape if catalog else None
        if shape is None:
            return document["message"]
        # "{message}" (every error has one, so nothing around it is left out) wherever the shape
        # puts it; None where an array's left-out elements leave its position unknown.
        path = es.shape_path(shape, "{message}")
        if path is None:
            return None
        message = es.read_shape_path(document, shape, path)
        return None if message is es.LEFT_OUT else message
    if format == "problem+json":
        return json.loads(body)["detail"]
    root = ET.fromstring(body.encode("utf-8"))
    if format == "problem+xml":
        return next(child.text or "" for child in root if local(child.tag) == "detail")
    shape = catalog.xml_shape if catalog else None
    if shape is not None:
        # The element whose text is exactly "{message}", wherever the layout puts it.
        [(_, layout)] = shape.items()
        path = es.shape_path(layout, "{message}")
        if path is None or any(isinstance(step, int) or step.startswith("@") for step in path):
            return None
        element = root
        for step in path:
            element = next(child for child in element if local(child.tag) == step)
        return element.text or ""
    return next(child.text or "" for child in root if local(child.tag) == "message")


def explanation_of(response: dict, name: str, catalog: es.Catalog | None = None) -> Any:
    """A parameter's value as a 406 body carries it, found by name; in a JSON body of the
    catalog's own shape, where the shape puts it (itself, or in "{parameters}"), None where the
    body leaves it out (the parameter is absent)."""
    format, body = response["format"], response["body"]
    shape = catalog.json_shape if catalog and format == "json" else None
    if shape is not None:
        document = json.loads(body)
        path = es.shape_path(shape, "{" + name + "}")
        if path is not None:
            value = es.read_shape_path(document, shape, path)
            return None if value is es.LEFT_OUT else value
        path = es.shape_path(shape, "{parameters}")
        if path is not None:
            parameters = es.read_shape_path(document, shape, path)
            return None if parameters is es.LEFT_OUT else parameters.get(name)
        pytest.fail(f"the json body shape of the 406 response does not show parameter {name!r}")
    if format in ("json", "problem+json"):
        document = json.loads(body)
        return document.get(name, document.get("details", {}).get(name))
    if format in ("xml", "problem+xml"):
        for element in ET.fromstring(body.encode("utf-8")).iter():
            if local(element.tag) == name:
                return element.text or ""
    pytest.fail(f"the {format} body of the 406 response does not show parameter {name!r}")


def template_values(template: str, text: str, names: list[str]) -> dict[str, str]:
    """The values a rendered message gives its placeholders (read back with a regular expression)."""
    pattern, groups, position = "", [], 0
    for match in re.finditer(r"\{\{|\}\}|\{([A-Za-z][A-Za-z0-9_-]*)\}", template):
        pattern += re.escape(template[position:match.start()])
        if match.group(1) in names:
            if match.group(1) in groups:
                pattern += f"(?P={ident(match.group(1))})"
            else:
                pattern += f"(?P<{ident(match.group(1))}>.*)"
                groups.append(match.group(1))
        else:
            pattern += re.escape(match.group(0)[0])
        position = match.end()
    pattern += re.escape(template[position:])
    found = re.fullmatch(pattern, text, re.DOTALL)
    assert found, f"{text!r} is not the message {template!r} filled in"
    return {name: found.group(ident(name)) for name in groups}


def ident(name: str) -> str:
    return "p_" + name.replace("-", "_h_")


# MARK: - Bodies


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def item_texts(value: Any, kind: str) -> list[str]:
    """The texts of a value's XML elements: one, or one per item of a list."""
    text = es.value_text(value, kind)
    return text if isinstance(text, list) else [text]


def member_order(value: Any) -> Any:
    """A JSON value's objects as the lists of their keys in order, at every depth."""
    if isinstance(value, dict):
        return [(key, member_order(member)) for key, member in value.items()]
    if isinstance(value, list):
        return [member_order(item) for item in value]
    return None


def check_body(
    format: str, body: str, catalog: es.Catalog, spec: es.Error, values: dict[str, Any], message: str, title: str | None = None
) -> None:
    """Parses a body in its format and checks it carries the code, the message and every value."""
    kinds = {p.name: p.type for p in spec.parameters}
    own = [p.name for p in spec.own]
    shared = [p.name for p in spec.shared]
    if format == "text":
        assert body == message
    elif format == "json" and catalog.json_shape is not None:
        # The API's own shape, filled in here from the spec alone.
        metadata = catalog.metadata_of(spec)
        metadata_kinds = {k.name: k.type for k in catalog.metadata}
        link = catalog.documentation_link(spec.code)
        # A parameter without a value (None: absent), a metadata key without one, no link: the
        # member or element is left out, or null where the shape says `{name|null}` (see
        # `es.render_shape`); {parameters} holds those that have one.
        present = {p.name: values[p.name] for p in spec.parameters if values[p.name] is not None}
        builtins = {
            "code": catalog.wire_code(spec.code), "message": message, "status": spec.status, "title": title,
            "documentation": link, "parameters": present, "metadata": metadata,
        }
        typed = {**present, **metadata, **builtins}
        texts = {
            **{n: es.value_text(v, kinds[n]) for n, v in present.items()},
            **{n: es.value_text(v, metadata_kinds[n]) for n, v in metadata.items()},
            "code": spec.code, "message": message, "status": str(spec.status), "title": title or "", "documentation": link or "",
        }
        expected = es.render_shape(catalog.json_shape, typed, texts)
        assert es.same_value(json.loads(body), expected), body
        assert member_order(json.loads(body)) == member_order(expected), "members in the shape's order"
    elif format == "json":
        expected = {"code": catalog.wire_code(spec.code), "message": message, **{n: values[n] for n in shared}}
        if own:
            expected["details"] = {n: values[n] for n in own}
        assert es.same_value(json.loads(body), expected), body
    elif format == "problem+json":
        expected = {}
        if catalog.documentation_link(spec.code) is not None:
            expected["type"] = catalog.documentation_link(spec.code)
        document = json.loads(body)
        expected.update(title=document.get("title"), status=spec.status, detail=message, code=catalog.wire_code(spec.code))
        expected.update({n: values[n] for n in own + shared})
        assert es.same_value(document, expected), body
        assert isinstance(document["title"], str) and document["title"]
        if catalog.documentation_link(spec.code) is None and es.error_phrase(spec.status):
            assert document["title"] == es.error_phrase(spec.status), "without a type (about:blank) the title is the reason phrase"
    elif format == "xml" and catalog.xml_shape is not None:
        # The API's own layout, filled in here from the spec alone, compared as parsed trees.
        metadata = catalog.metadata_of(spec)
        metadata_kinds = {k.name: k.type for k in catalog.metadata}
        link = catalog.documentation_link(spec.code)
        typed = {
            **{p.name: values[p.name] for p in spec.parameters}, **metadata,
            "code": spec.code, "message": message, "status": spec.status, "title": title, "documentation": link,
            "parameters": {p.name: es.value_text(values[p.name], p.type) for p in spec.parameters}, "metadata": metadata,
        }
        texts = {
            **{p.name: es.value_text(values[p.name], p.type) for p in spec.parameters},
            **{n: es.value_text(v, metadata_kinds[n]) for n, v in metadata.items()},
            "code": spec.code, "message": message, "status": str(spec.status), "title": title or "", "documentation": link or "",
        }
        for name, kind in kinds.items():
            typed[name] = es.value_text(values[name], kind)
        assert body.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
        expected = es.render_xml_shape(catalog.xml_shape, typed, texts, catalog.xml_namespace)
        assert es.xml_tree(ET.fromstring(body.encode("utf-8"))) == expected, body
    elif format == "problem+xml":
        # RFC 9457 appendix B: the members of problem+json as elements, in its namespace.
        assert body.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
        root = ET.fromstring(body.encode("utf-8"))
        problem = "urn:ietf:rfc:7807"
        assert root.tag == f"{{{problem}}}problem"
        expected = []
        link = catalog.documentation_link(spec.code)
        if link is not None:
            expected.append(("type", link))
        title_element = next((c for c in root if local(c.tag) == "title"), None)
        assert title_element is not None and title_element.text, "problem+xml has a title"
        expected += [("title", title_element.text), ("status", str(spec.status)), ("detail", es.xml_carried(message)), ("code", es.xml_carried(spec.code))]
        expected += [(n, es.xml_carried(text)) for n in own + shared for text in item_texts(values[n], kinds[n])]
        assert [(c.tag, c.text or "") for c in root] == [(f"{{{problem}}}{n}", t) for n, t in expected], body
        if link is None and es.error_phrase(spec.status):
            assert title_element.text == es.error_phrase(spec.status), "without a type (about:blank) the title is the reason phrase"
    elif format == "xml":
        assert body.startswith('<?xml version="1.0"?>')
        root = ET.fromstring(body.encode("utf-8"))
        namespace = catalog.xml_namespace
        assert root.tag == (f"{{{namespace}}}error" if namespace else "error")
        qualified = (lambda n: f"{{{namespace}}}{n}") if namespace else (lambda n: n)
        # An element per value, repeated for each item of a list.
        def elements(names: list[str]) -> list[tuple[str, str]]:
            return [(qualified(n), es.xml_carried(text)) for n in names for text in item_texts(values[n], kinds[n])]

        children = list(root)
        expected = [(qualified("code"), es.xml_carried(spec.code)), (qualified("message"), es.xml_carried(message)), *elements(shared)]
        assert [(c.tag, c.text or "") for c in children[:len(expected)]] == expected, body
        assert [c.tag for c in children[len(expected):]] == ([qualified("details")] if own else [])
        if own:
            assert [(c.tag, c.text or "") for c in children[-1]] == elements(own), body
    else:
        pytest.fail(f"unknown format {format!r}")


@pytest.mark.parametrize(("case", "catalog", "code"), ERRORS)
def test_bodies_carry_the_samples(case, catalog, code):
    document = fixture_of(case, catalog)
    catalog = spec_catalog(case, catalog)
    spec = catalog.error(code)
    error = fixture_error(document, code)
    message = es.render(spec.message, sample_texts(error))
    for response in responses_of(error, "get"):
        check_body(response["format"], response["body"], catalog, spec, samples(error), message, error["title"])


# MARK: - Documentation


class Tables(HTMLParser):
    """The tables of an HTML page: each a list of rows, each row (header?, [cell text])."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[tuple[bool, list[str]]]] = []
        self.section: str | None = None
        self.row: list[str] | None = None
        self.header = False
        self.cell: list[str] | None = None
        self.cell_kinds: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag in ("thead", "tbody"):
            self.section = tag
        elif tag == "tr":
            self.row, self.cell_kinds = [], []
        elif tag in ("th", "td") and self.row is not None:
            self.cell = []
            self.cell_kinds.append(tag)
        elif tag == "br" and self.cell is not None:
            self.cell.append("\n")

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self.cell is not None and self.row is not None:
            self.row.append(collapse("".join(self.cell)))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            header = self.section == "thead" and all(kind == "th" for kind in self.cell_kinds)
            self.tables[-1].append((header, self.row))
            self.row = None
        elif tag in ("thead", "tbody"):
            self.section = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def cmark() -> str:
    binary = shutil.which("cmark-gfm")
    if binary is None:
        reason = "cmark-gfm is not installed (Debian package cmark-gfm): the docs' tables cannot be rendered and checked"
        # CI installs it (.ci/run): there a missing renderer fails the check instead of skipping it.
        if os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
            pytest.fail(reason + "; CI is set, so this fails rather than skips")
        pytest.skip(reason)
    return binary


def doc_pages(case: es.Case) -> list[Path]:
    pages = sorted(case.docs.glob("*.md"))
    assert pages, f"{relative(case.docs)}/ holds no Markdown pages; run `swift run errgen`"
    return pages


def part_pages(case: es.Case) -> dict[str, list[Path]]:
    """The pages a large catalog's errors are split across (`<stem>-1.md`, …), by catalog page
    stem; the catalog's own page keeps the overview and links each part."""
    parts: dict[str, list[Path]] = {}
    for page in doc_pages(case):
        match = re.fullmatch(r"(.+)-([1-9][0-9]*)\.md", page.name)
        if match and (case.docs / f"{match[1]}.md").is_file():
            parts.setdefault(match[1], []).append(page)
    for stem in parts:
        parts[stem].sort(key=lambda page: int(page.stem.rsplit("-", 1)[1]))
    return parts


def render_markdown(page: Path) -> str:
    """A page as HTML, as GitHub renders it: GFM tables, and raw HTML kept (a line break in a table
    cell can only be written `<br>`)."""
    return subprocess.run([cmark(), "-e", "table", "--unsafe", str(page)], check=True, capture_output=True, text=True).stdout


def rendered_tables(page: Path) -> list[list[tuple[bool, list[str]]]]:
    html = render_markdown(page)
    parser = Tables()
    parser.feed(html)
    parser.close()
    return parser.tables


RETIRED_HEADER = ["Code", "Status", "Retired in", "Instead"]
OVERVIEW_HEADER = ["Code", "Status", "Message"]
# A catalog without HTTP: no status column.
RETIRED_HEADER_WITHOUT_HTTP = ["Code", "Retired in", "Instead"]
OVERVIEW_HEADER_WITHOUT_HTTP = ["Code", "Message"]


def overview_tables(page: Path) -> list[list[list[str]]]:
    return [
        [cells for _, cells in table[1:]]
        for table in rendered_tables(page)
        if table and table[0][1] in (OVERVIEW_HEADER, OVERVIEW_HEADER_WITHOUT_HTTP)
    ]


def markdown_cells(line: str) -> int:
    """The cells of a table row in GFM's reading: split at pipes that are not escaped."""
    text = line.strip()
    cells = re.split(r"(?<!\\)\|", text)
    if text.startswith("|"):
        cells = cells[1:]
    if re.search(r"(?<!\\)\|$", text) and len(text) > 1:
        cells = cells[:-1]
    return len(cells)


DELIMITER_ROW = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")


def markdown_table_rows(text: str) -> list[list[tuple[int, str]]]:
    """The source rows of every table of a Markdown page (outside code fences), with line numbers."""
    lines = text.split("\n")
    tables, fence, index = [], None, 0
    while index < len(lines):
        line = lines[index]
        marker = re.match(r"^\s{0,3}(`{3,}|~{3,})", line)
        if marker:
            if fence is None:
                fence = marker.group(1)[0]
            elif marker.group(1)[0] == fence:
                fence = None
        elif fence is None and "|" in line and index + 1 < len(lines) and "|" in lines[index + 1] and DELIMITER_ROW.match(lines[index + 1]):
            rows = [(index + 1, line)]
            index += 2
            while index < len(lines) and lines[index].strip() and not re.match(r"^\s{0,3}(#|>|```|~~~)", lines[index]):
                rows.append((index + 1, lines[index]))
                index += 1
            tables.append(rows)
            continue
        index += 1
    return tables


@pytest.mark.parametrize("case", CASES, ids=str)
def test_docs_hold_an_index_and_a_page_per_catalog(case):
    parts = part_pages(case)
    pages = [page for page in doc_pages(case) if not any(page in split for split in parts.values())]
    catalogs = SPECS[case]
    assert len(pages) == len(catalogs) + 1, f"expected an index and {len(catalogs)} catalog pages, found {[p.name for p in pages]}"
    for stem, split in parts.items():
        numbers = [int(page.stem.rsplit("-", 1)[1]) for page in split]
        assert numbers == list(range(1, len(split) + 1)), f"{stem}: part pages {numbers} are not numbered 1…{len(split)}"
        assert len(split) > 1, f"{stem}: a catalog split into one part"
    for catalog in catalogs:
        fixture_of(case, catalog.name)
        stem = fixture_files(case)[catalog.name][0].stem
        assert (case.docs / f"{stem}.md").is_file(), f"{catalog.name}: fixtures/{stem}.json has no docs/{stem}.md beside it"


@pytest.mark.parametrize("case", CASES, ids=str)
def test_every_docs_table_is_well_formed(case):
    pages = doc_pages(case)
    cmark()
    problems = []
    for page in pages:
        for number, table in enumerate(rendered_tables(page), 1):
            if not table or not table[0][0]:
                problems.append(f"{page.name}: table {number} has no header row")
                continue
            width = len(table[0][1])
            for row, (_, cells) in enumerate(table[1:], 1):
                if len(cells) != width:
                    problems.append(f"{page.name}: table {number}, row {row} has {len(cells)} cells, its header {width}")
        # cmark-gfm pads short rows and drops extra cells, so count the cells in the source too: an
        # unescaped '|' in a value splits its cell.
        for rows in markdown_table_rows(page.read_text(encoding="utf-8")):
            width = markdown_cells(rows[0][1])
            for line, row in rows[2:]:
                if markdown_cells(row) != width:
                    problems.append(f"{page.name}:{line}: the row has {markdown_cells(row)} cells, its header {width}: {row}")
    assert problems == []


@pytest.mark.parametrize(("case", "catalog"), CATALOGS)
def test_docs_overview_lists_every_error(case, catalog):
    spec = spec_catalog(case, catalog)
    # A table cell shows its text as HTML does, whitespace runs collapsed, code spans included.
    codes = {collapse(e.code) for e in spec.errors}
    found = []
    # The catalog's page (the overview of a split one) holds it: catalogs may share errors.
    for page in (p for p in doc_pages(case) if p.stem == es.anchor(spec.name)):
        for rows in overview_tables(page):
            if any(cells and cells[0] in codes for cells in rows):
                found.append((page, rows))
    assert len(found) == 1, f"expected one overview table (Code | Status | Message) of {catalog}, found {len(found)}"
    page, rows = found[0]
    sent = [e for e in spec.errors if e.retired is None]
    assert [cells[0] for cells in rows] == [collapse(e.code) for e in sent], f"{page.name}: one row per error that is sent, in spec order"
    for cells, error in zip(rows, sent):
        if spec.http:
            assert cells[1] == f"{error.status} {es.reason_phrase(error.status)}".strip(), f"{page.name}: {error.code}"
        assert cells[-1] == collapse(error.message), f"{page.name}: {error.code}"
        assert len(cells) == (3 if spec.http else 2), f"{page.name}: a status column only with HTTP"
    # Retired errors, apart: code, status, the version, the error sent instead.
    retired = [e for e in spec.errors if e.retired is not None]
    header = RETIRED_HEADER if spec.http else RETIRED_HEADER_WITHOUT_HTTP
    tables = [[cells for _, cells in table[1:]] for table in rendered_tables(page) if table and table[0][1] == header]
    if not retired:
        assert tables == [], f"{page.name}: a table of retired errors without any"
        return
    assert len(tables) == 1, f"{page.name}: expected one table of retired errors"
    assert [cells[0] for cells in tables[0]] == [collapse(e.code) for e in retired]
    for cells, error in zip(tables[0], retired):
        assert cells[-2] == collapse(error.retired["in"]), f"{page.name}: {error.code}"
        assert cells[-1] == collapse(error.retired.get("replacement") or ""), f"{page.name}: {error.code}"


@pytest.mark.parametrize("case", CASES, ids=str)
def test_docs_index_links_every_catalog_page(case):
    parts = part_pages(case)
    pages = [page for page in doc_pages(case) if not any(page in split for split in parts.values())]
    catalog_pages = {page.name for page in pages if overview_tables(page)}
    assert len(catalog_pages) == len(SPECS[case])
    indexes = [p for p in pages if p.name not in catalog_pages]
    assert len(indexes) == 1, f"expected one index page, found {[p.name for p in indexes]}"
    html = render_markdown(indexes[0])
    targets = {Path(href.split("#")[0]).name for href in re.findall(r'href="([^"]*)"', html)}
    for name in sorted(catalog_pages):
        assert name in targets, f"{indexes[0].name} does not link {name}"
    # A split catalog's page links every part of it.
    for stem, split in parts.items():
        html = render_markdown(case.docs / f"{stem}.md")
        targets = {Path(href.split("#")[0]).name for href in re.findall(r'href="([^"]*)"', html)}
        for page in split:
            assert page.name in targets, f"{stem}.md does not link {page.name}"


# MARK: - errgen diff


DIFF = es.REPO / "Tests" / "References" / "diff"


def test_diff_json_validates_against_its_schema():
    schema = json.loads((es.REPO / "schemas" / "errgen-diff.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    document = json.loads((DIFF / "diff.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(document)
    # The changes the two specs hold, read here on their own: statuses and removals.
    old = {e.code: e for e in es.load_spec(DIFF / "old.yaml")[0].errors}
    new = {e.code: e for e in es.load_spec(DIFF / "new.yaml")[0].errors}
    kinds = {(c["kind"], c["code"], c["dimension"]) for c in document["changes"]}
    for code in old.keys() & new.keys():
        if old[code].status != new[code].status:
            assert ("status-changed", code, "wire") in kinds
    for code in old.keys() - new.keys():
        assert ("retired-error-removed" if old[code].retired else "error-removed", code, "wire") in kinds
    for code in new.keys() - old.keys():
        assert ("error-added", code, "wire") in kinds
    breaking = [c for c in document["changes"] if c["severity"] == "breaking"]
    assert document["bump"] == ("major" if breaking else "minor")
