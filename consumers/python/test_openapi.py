"""errgen's OpenAPI output, read as an API's tooling reads it: each document is valid OpenAPI 3.1
(openapi-spec-validator), every example fits its schema, and the examples are the responses the
fixtures promise: a response per error and one per status, with the headers the spec gives."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest

from errgen_spec import CASES, REPO

try:
    from openapi_spec_validator import validate as validate_openapi
except ImportError:  # pragma: no cover - before 0.7 (Debian's package), or not installed
    try:
        from openapi_spec_validator import validate_spec as validate_openapi
    except ImportError:
        validate_openapi = None

#: (case, catalog fixture, OpenAPI document) for every HTTP catalog of the bundled spec, the
#: reference cases and the converted corpora.
DOCUMENTS = [
    (case, fixture, case.fixtures.parent / "openapi" / (fixture.stem + ".openapi.json"))
    for case in CASES
    for fixture in sorted(case.fixtures.glob("*.json"))
    if json.loads(fixture.read_text(encoding="utf-8"))["catalog"]["http"]
]

JSON_MEDIA_TYPES = {"application/json", "application/problem+json"}


def ids(value):
    return str(value.relative_to(REPO)) if isinstance(value, Path) else None


def load(path: Path) -> dict:
    assert path.is_file(), f"{path.relative_to(REPO)} is missing; run `swift run errgen` or Tests/record"
    return json.loads(path.read_text(encoding="utf-8"))


def test_there_are_documents():
    assert any(case.name == "spec" for case, _, _ in DOCUMENTS)
    assert len(DOCUMENTS) >= 5


@pytest.mark.parametrize(("case", "fixture", "path"), DOCUMENTS, ids=ids)
def test_document_is_valid_openapi_3_1(case, fixture, path):
    if validate_openapi is None:
        if os.environ.get("CI"):
            pytest.fail("openapi-spec-validator is not installed")
        pytest.skip("openapi-spec-validator is not installed")
    document = load(path)
    assert document["openapi"] == "3.1.0"
    validate_openapi(document)


@pytest.mark.parametrize(("case", "fixture", "path"), DOCUMENTS, ids=ids)
def test_every_json_example_fits_its_schema(case, fixture, path):
    document = load(path)
    components = document["components"]
    checked = 0
    for name, response in components["responses"].items():
        for media_type, content in response.get("content", {}).items():
            if media_type not in JSON_MEDIA_TYPES:
                continue
            schema = {"$ref": content["schema"]["$ref"], "components": components}
            validator = jsonschema.Draft202012Validator(schema)
            for example in content["examples"].values():
                value = resolve(document, example["$ref"])["value"]
                problems = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(value)]
                assert problems == [], f"{name} {media_type} {example['$ref']}"
                checked += 1
    if any(f["mediaType"] in JSON_MEDIA_TYPES for f in load(fixture)["catalog"]["formats"]):
        assert checked > 0


@pytest.mark.parametrize(("case", "fixture", "path"), DOCUMENTS, ids=ids)
def test_responses_are_the_fixtures_responses(case, fixture, path):
    document = load(path)
    fixtures = load(fixture)
    responses = document["components"]["responses"]
    # The catalog's type names the schemas: `<Type>.<format>`.
    types = {name.rsplit(".", 1)[0] for name in document["components"]["schemas"]}
    assert len(types) == 1
    type_name = types.pop()
    by_status: dict[int, list[str]] = {}
    for error in fixtures["errors"]:
        by_status.setdefault(error["status"], []).append(error["code"])
        response = responses[f"{type_name}.{error['swiftName']}"]
        code = str(error["code"])
        if code.replace("-", "").replace("_", "").replace(".", "").isalnum():
            assert f"`{code}`" in response["description"]
        gets = {r["format"]: r for r in error["responses"] if r["case"] == "get"}
        # Every header the runtime sends besides Content-Type and Content-Length (the spec's, Vary,
        # Content-Language), required, its example the value sent; and no other.
        sent = {}
        for exchange in gets.values():
            for name, value in exchange["headers"]:
                if name.lower() not in ("content-type", "content-length"):
                    sent.setdefault(name, value)
        headers = response.get("headers", {})
        assert {name: header["example"] for name, header in headers.items()} == sent
        assert all(header.get("required") is True for header in headers.values())
        for header in error["headers"]:
            assert headers[header["name"]]["example"] == header["sampleValue"]
        assert set(response["content"]) == {format_media_type(fixtures, f) for f in gets}
        for format, exchange in gets.items():
            content = response["content"][format_media_type(fixtures, format)]
            (example,) = content["examples"].values()
            value = resolve(document, example["$ref"])["value"]
            if format_media_type(fixtures, format) in JSON_MEDIA_TYPES:
                assert value == json.loads(exchange["body"])
            else:
                assert value == exchange["body"]
    for status, codes in by_status.items():
        response = responses[f"{type_name}.{status}"]
        assert response["description"].startswith(f"{status}")
        for content in response["content"].values():
            # One example per error of the status, in the spec's order.
            assert len(content["examples"]) == len(codes)
    # Nothing else: a response per error and per status.
    assert len(responses) == len(fixtures["errors"]) + len(by_status)


def format_media_type(fixtures: dict, format: str) -> str:
    return next(f["mediaType"] for f in fixtures["catalog"]["formats"] if f["format"] == format)


def resolve(document: dict, ref: str) -> dict:
    assert ref.startswith("#/"), ref
    node = document
    for part in ref[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node
