"""What the spec reader (`errgen_spec`) reads and renders where the repository's specs and fixtures
leave it unchecked: the defaults of a catalog that states little, the values of one that states
much, and the edges of its types, templates, XML text and documentation links."""

from __future__ import annotations

import copy

import pytest

import errgen_spec as es

SPEC = """\
catalogs:
  Plain:
    title: A catalog that states little
    formats: [json, xml]
    errors:
      missing:
        status: 404
        message: Not here.
  Full:
    title: A catalog that states much
    formats: [json, text]
    default-format: text
    languages: [en, de]
    allow-success-status: true
    not-acceptable: default-format
    documentation-url: https://example.com/errors/{code}
    swift-naming:
      strip-prefixes: [ERR_]
    errors:
      ERR_LIMIT:
        status: 429
        message: "Only {limit} a minute."
        description: Too many requests.
        deprecated: Use ERR_QUOTA.
        parameters: {limit: integer}
        translations:
          de: "Nur {limit} pro Minute."
"""


@pytest.fixture
def catalogs(tmp_path) -> dict[str, es.Catalog]:
    # Read for each test (it is small), so that each test is seen to run the reader.
    path = tmp_path / "errors.yaml"
    path.write_text(SPEC, encoding="utf-8")
    return {catalog.name: catalog for catalog in es.load_spec(path)}


def test_a_catalog_that_states_little_gets_the_defaults(catalogs):
    plain = catalogs["Plain"]
    assert plain.languages == ["en"]
    assert plain.default_format == "json"
    assert plain.allows_success_status is False
    assert plain.not_acceptable == "error"
    assert plain.strip_prefixes == []
    error = plain.error("missing")
    assert (error.description, error.deprecated, error.translations) == (None, False, {})


def test_a_catalog_that_states_much_is_read_as_it_says(catalogs):
    full = catalogs["Full"]
    assert full.languages == ["en", "de"]
    assert full.default_format == "text"
    assert full.allows_success_status is True
    assert full.not_acceptable == "default-format"
    assert full.strip_prefixes == ["ERR_"]
    assert full.naming_stem("ERR_LIMIT") == "LIMIT"
    error = full.error("ERR_LIMIT")
    assert error.description == "Too many requests."
    assert error.deprecated == "Use ERR_QUOTA."
    # A translation given as a string is its message, without a title.
    assert error.translations == {"de": ("Nur {limit} pro Minute.", None)}


def test_a_documentation_link_is_made_for_any_code(catalogs):
    full = catalogs["Full"]
    assert full.documentation_link("ERR_LIMIT") == "https://example.com/errors/ERR_LIMIT"
    # A code of no error of the catalog (one a client met elsewhere) still has the catalog's link.
    assert full.documentation_link("ERR OTHER") == "https://example.com/errors/ERR%20OTHER"
    assert catalogs["Plain"].documentation_link("missing") is None


@pytest.mark.parametrize(
    "value, kind, expected",
    [
        (2**63 - 1, "integer", True),
        (2**63, "integer", False),
        (-(2**63), "integer", True),
        (-(2**63) - 1, "integer", False),
        (2**64 - 1, "unsigned", True),
        (2**64, "unsigned", False),
        (-1, "unsigned", False),
        (True, "integer", False),
    ],
)
def test_integer_types_hold_64_bits(value, kind, expected):
    assert es.is_of_type(value, kind) is expected


def test_booleans_are_written_true_and_false():
    assert es.value_text(True, "boolean") == "true"
    assert es.value_text(False, "boolean") == "false"
    assert es.value_text([True, False], "boolean") == ["true", "false"]


def test_xml_carries_every_character_of_its_char_production():
    kept = "\t\n\r \ud7ff\ue000\ue001\ufffd\U00010000\U0010ffff"
    assert es.xml_carried(kept) == kept
    assert es.xml_carried("\x00\x1f\ud800\ufffe\uffff") == "\ufffd" * 5


def test_a_template_section_names_the_parameters_inside_it():
    template = "{limit?At most {limit} per {period}.|No limit.}"
    assert es.placeholders(template) == ["limit", "period"]
    assert es.parse_template(template) == [("section", "limit", ["At most ", ("placeholder", "limit"), " per ", ("placeholder", "period"), "."], ["No limit."])]
    assert es.render(template, {"limit": "5", "period": "minute"}) == "At most 5 per minute."
    assert es.render(template, {"limit": None, "period": "minute"}) == "No limit."


def test_a_repeated_xml_element_whose_members_are_all_left_out_keeps_its_indentation():
    shape = {"error": {"code": "{code}", "hint": [{"text": "{hint}"}]}}
    tree = es.render_xml_shape(shape, {"code": "X"}, {"code": "X"}, "urn:x")
    assert tree == ("{urn:x}error", {}, "", [("{urn:x}code", {}, "X", []), ("{urn:x}hint", {}, "\n    ", [])])


def fixture_with_refusals() -> dict:
    """A fixture document of one error whose GET, HEAD and weighed requests are refused with 406."""
    get = {"case": "get", "format": "json", "status": 401, "headers": [["Content-Type", "application/json"]], "body": '{"code":"x"}',
           "request": {"method": "GET", "headers": [["Accept", "application/json"]]}}
    refused = {"format": None, "status": 406, "headers": [], "body": "", "request": {"method": "GET", "headers": [["Accept", es.UNAVAILABLE]]}}
    head_refused = copy.deepcopy(refused) | {"case": "accept-head"}
    head_refused["request"] = {"method": "HEAD", "headers": [["Accept", es.UNAVAILABLE]]}
    return {
        "catalog": {"name": "C", "defaultFormat": "json", "notAcceptable": "error"},
        "errors": [{"code": "x", "responses": [get, {**copy.deepcopy(refused), "case": "not-acceptable"}, head_refused]}],
    }


def test_a_refused_head_request_gets_the_default_formats_answer_without_a_body():
    derived = es.with_default_format(fixture_with_refusals())
    get, refused, head = derived["errors"][0]["responses"]
    assert derived["catalog"]["notAcceptable"] == "default-format"
    assert (refused["case"], refused["status"], refused["body"], refused["request"]["method"]) == ("not-acceptable", 401, '{"code":"x"}', "GET")
    assert (head["case"], head["status"], head["headers"], head["body"], head["request"]["method"]) == (
        "accept-head", 401, [["Content-Type", "application/json"]], "", "HEAD",
    )
