"""A json format's `body`, filled in by `errgen_spec.render_shape` as errgen's runtime writes it: a
whole placeholder without a value leaves its member or element out (`"{name|null}"`: null there),
an object or array that this leaves empty is left out too (the root never is), and an empty list
is a value. The catalogs are written here, read by `errgen_spec.load_spec`, and each error's values
worked out from them as `test_fixtures.check_body` does; bodies are compared as compact JSON text,
members in the shape's order."""

from __future__ import annotations

import json
import textwrap
from typing import Any

import pytest
import yaml

import errgen_spec as es

SPEC = """\
errgen: 1
catalogs:
  Slack:
    title: Slack-style errors
    formats:
      - type: json
        body: {ok: false, error: "{code}", needed: "{needed}", provided: "{provided}", response_metadata: {messages: "{messages}"}}
    allow-success-status: true
    errors:
      channel_not_found:
        status: 200
        message: Value passed for channel was invalid.
      missing_scope:
        status: 200
        message: "The token lacks {needed?the scope {needed}|a scope}{provided? (it has {provided})}."
        parameters:
          needed: {type: string, optional: true, example: "chat:write"}
          provided: {type: string, optional: true, example: identify}
      invalid_arguments:
        status: 200
        message: "The method was called with invalid arguments{messages?: {messages}}."
        parameters:
          messages: {type: [string], example: ["missing field: channel"]}
  Described:
    title: Errors with metadata and links of their own
    formats:
      - type: json
        body: {code: "{code}", product: "{product}", level: "{log-level}", more_info: "{documentation}", metadata: "{metadata}"}
    metadata:
      product: string
      log-level: {type: string, default: ERROR}
      team: {type: string, optional: true}
    errors:
      documented:
        status: 404
        message: Not here.
        documentation-url: https://example.com/errors/documented
        metadata: {product: API, log-level: WARNING, team: core}
      undocumented:
        status: 500
        message: Broken.
      counted:
        status: 429
        title: Rate limited
        message: "Slow down: {limit} a minute."
        parameters: {limit: integer}
        metadata: {product: API}
"""


@pytest.fixture(scope="module")
def catalogs(tmp_path_factory) -> dict[str, es.Catalog]:
    path = tmp_path_factory.mktemp("shapes") / "errors.yaml"
    path.write_text(SPEC, encoding="utf-8")
    return {catalog.name: catalog for catalog in es.load_spec(path)}


def body(catalog: es.Catalog, code: str, arguments: dict[str, Any] | None = None, shape: Any = None) -> str:
    """The json body of an error raised with these arguments (None, or no entry: absent), in the
    catalog's shape or `shape`, as compact JSON text."""
    spec = catalog.error(code)
    present = {name: value for name, value in (arguments or {}).items() if value is not None}
    kinds = {p.name: p.type for p in spec.parameters}
    metadata = catalog.metadata_of(spec)
    texts = {name: es.value_text(value, kinds[name]) for name, value in present.items()}
    message = es.render(spec.message, texts)
    link = catalog.documentation_link(code)
    title = spec.title or ""  # errgen's own titles are not worked out here: the errors used give one
    values = {
        **present, **metadata,
        "code": catalog.wire_code(code), "message": message, "status": spec.status, "title": title,
        "documentation": link, "parameters": present, "metadata": metadata,
    }
    texts |= {n: es.value_text(v, "string") for n, v in metadata.items()}
    texts |= {"code": code, "message": message, "status": str(spec.status), "title": title, "documentation": link or ""}
    rendered = es.render_shape(catalog.json_shape if shape is None else shape, values, texts)
    return json.dumps(rendered, ensure_ascii=False, separators=(",", ":"))


def shape_of(yaml_text: str) -> Any:
    """A shape as a spec writes it, in YAML."""
    return yaml.safe_load(textwrap.dedent(yaml_text))


# MARK: - Slack's example


def test_slack_leaves_out_what_an_error_has_no_value_for(catalogs):
    slack = catalogs["Slack"]
    assert body(slack, "channel_not_found") == '{"ok":false,"error":"channel_not_found"}'
    assert body(slack, "missing_scope", {"needed": "chat:write"}) == '{"ok":false,"error":"missing_scope","needed":"chat:write"}'
    assert body(slack, "missing_scope", {"needed": "chat:write", "provided": None}) == (
        '{"ok":false,"error":"missing_scope","needed":"chat:write"}'
    )
    assert body(slack, "missing_scope", {"needed": "chat:write", "provided": "identify"}) == (
        '{"ok":false,"error":"missing_scope","needed":"chat:write","provided":"identify"}'
    )
    assert body(slack, "missing_scope", {"provided": "identify"}) == '{"ok":false,"error":"missing_scope","provided":"identify"}'


def test_slack_asks_for_null_with_the_null_suffix(catalogs):
    slack = catalogs["Slack"]
    shape = {**slack.json_shape, "needed": "{needed|null}"}
    assert list(shape) == ["ok", "error", "needed", "provided", "response_metadata"], "the member keeps its place"
    assert body(slack, "channel_not_found", shape=shape) == '{"ok":false,"error":"channel_not_found","needed":null}'
    assert body(slack, "missing_scope", {"needed": "chat:write"}, shape=shape) == '{"ok":false,"error":"missing_scope","needed":"chat:write"}'
    assert body(slack, "missing_scope", {"provided": "identify"}, shape=shape) == (
        '{"ok":false,"error":"missing_scope","needed":null,"provided":"identify"}'
    )


def test_an_empty_list_is_a_value_an_absent_optional_parameter_is_not(catalogs):
    slack = catalogs["Slack"]
    assert body(slack, "invalid_arguments", {"messages": []}) == '{"ok":false,"error":"invalid_arguments","response_metadata":{"messages":[]}}'
    assert body(slack, "invalid_arguments", {"messages": ["a", "b"]}) == (
        '{"ok":false,"error":"invalid_arguments","response_metadata":{"messages":["a","b"]}}'
    )
    shape = {"needed": "{needed}", "provided": "{provided|null}", "messages": "{messages}", "parameters": "{parameters}"}
    assert body(slack, "missing_scope", {"needed": None, "provided": None}, shape=shape) == '{"provided":null,"parameters":{}}'
    assert body(slack, "invalid_arguments", {"messages": []}, shape=shape) == '{"provided":null,"messages":[],"parameters":{"messages":[]}}'


# MARK: - Objects and arrays left empty


def test_an_object_emptied_is_left_out_at_every_depth(catalogs):
    shape = shape_of("""
        error:
          code: "{code}"
          detail:
            needed: "{needed}"
            more: {provided: "{provided}", deeper: {messages: "{messages}"}}
        """)
    slack = catalogs["Slack"]
    assert body(slack, "channel_not_found", shape=shape) == '{"error":{"code":"channel_not_found"}}'
    assert body(slack, "missing_scope", {"needed": "chat:write"}, shape=shape) == (
        '{"error":{"code":"missing_scope","detail":{"needed":"chat:write"}}}'
    )
    assert body(slack, "missing_scope", {"provided": "identify"}, shape=shape) == (
        '{"error":{"code":"missing_scope","detail":{"more":{"provided":"identify"}}}}'
    )
    assert body(slack, "invalid_arguments", {"messages": []}, shape=shape) == (
        '{"error":{"code":"invalid_arguments","detail":{"more":{"deeper":{"messages":[]}}}}}'
    )


def test_array_elements_are_left_out_and_an_array_emptied_with_them(catalogs):
    shape = shape_of("""
        errors: ["{needed}", "{code}", "{provided}"]
        scopes: ["{needed}", "{provided}"]
        nested: [["{needed}"], [], {scope: "{provided}"}]
        """)
    slack = catalogs["Slack"]
    assert body(slack, "channel_not_found", shape=shape) == '{"errors":["channel_not_found"],"nested":[[]]}'
    assert body(slack, "missing_scope", {"provided": "identify"}, shape=shape) == (
        '{"errors":["missing_scope","identify"],"scopes":["identify"],"nested":[[],{"scope":"identify"}]}'
    )
    assert body(slack, "missing_scope", {"needed": "chat:write", "provided": "identify"}, shape=shape) == (
        '{"errors":["chat:write","missing_scope","identify"],"scopes":["chat:write","identify"],'
        '"nested":[["chat:write"],[],{"scope":"identify"}]}'
    )
    # An array of arrays emptied is left out as a whole.
    assert body(slack, "channel_not_found", shape={"ok": False, "all": [["{needed}"], ["{provided}", {"x": "{messages}"}]]}) == '{"ok":false}'


def test_what_the_shape_writes_empty_stays(catalogs):
    shape = shape_of("""
        ok: false
        warnings: []
        extra: {}
        nested: {inner: {}, list: [[], {}], needed: "{needed}"}
        """)
    assert body(catalogs["Slack"], "channel_not_found", shape=shape) == '{"ok":false,"warnings":[],"extra":{},"nested":{"inner":{},"list":[[],{}]}}'
    assert body(catalogs["Slack"], "channel_not_found", shape={}) == "{}"
    assert body(catalogs["Slack"], "channel_not_found", shape=[]) == "[]"


def test_the_root_is_written_even_emptied(catalogs):
    slack = catalogs["Slack"]
    assert body(slack, "channel_not_found", shape={"needed": "{needed}"}) == "{}"
    assert body(slack, "channel_not_found", shape={"a": {"b": ["{needed}", {"c": "{provided}"}]}}) == "{}"
    assert body(slack, "channel_not_found", shape=["{needed}", "{provided}"]) == "[]"
    assert body(slack, "channel_not_found", shape="{needed}") == "null"
    assert body(slack, "missing_scope", {"needed": "chat:write"}, shape="{needed}") == '"chat:write"'


def test_the_null_suffix_on_a_member_and_on_an_element(catalogs):
    slack = catalogs["Slack"]
    shape = {"scopes": ["{needed|null}", "{provided}"], "meta": {"needed": "{needed|null}"}, "gone": {"provided": "{provided}"}}
    assert body(slack, "channel_not_found", shape=shape) == '{"scopes":[null],"meta":{"needed":null}}'
    assert body(slack, "missing_scope", {"provided": "identify"}, shape=shape) == (
        '{"scopes":[null,"identify"],"meta":{"needed":null},"gone":{"provided":"identify"}}'
    )
    assert body(slack, "missing_scope", {"needed": "chat:write"}, shape=shape) == '{"scopes":["chat:write"],"meta":{"needed":"chat:write"}}'
    # On a value every error has, the suffix changes nothing.
    assert body(slack, "channel_not_found", shape={"error": "{code|null}", "parameters": "{parameters|null}"}) == (
        '{"error":"channel_not_found","parameters":{}}'
    )


# MARK: - What has no value


def test_a_metadata_key_without_a_value_is_left_out(catalogs):
    described = catalogs["Described"]
    assert body(described, "documented") == (
        '{"code":"documented","product":"API","level":"WARNING","more_info":"https://example.com/errors/documented",'
        '"metadata":{"product":"API","log-level":"WARNING","team":"core"}}'
    )
    # No product: left out; the default log level is a value; {metadata} holds what there is.
    assert body(described, "undocumented") == '{"code":"undocumented","level":"ERROR","metadata":{"log-level":"ERROR"}}'
    assert body(described, "undocumented", shape={"team": "{team}", "product": "{product|null}"}) == '{"product":null}'


def test_documentation_without_a_link_is_left_out(catalogs):
    described = catalogs["Described"]
    shape = {"code": "{code}", "more_info": "{documentation}", "see": "See {code}."}
    assert body(described, "documented", shape=shape) == '{"code":"documented","more_info":"https://example.com/errors/documented","see":"See documented."}'
    assert body(described, "undocumented", shape=shape) == '{"code":"undocumented","see":"See undocumented."}'
    assert body(described, "undocumented", shape={**shape, "more_info": "{documentation|null}"}) == (
        '{"code":"undocumented","more_info":null,"see":"See undocumented."}'
    )


def test_what_every_error_has_is_always_written(catalogs):
    shape = shape_of("""
        code: "{code}"
        message: "{message}"
        status: "{status}"
        title: "{title}"
        parameters: "{parameters}"
        metadata: "{metadata}"
        text: "{code} ({status}): {message}"
        """)
    without_title = {key: value for key, value in shape.items() if key != "title"}
    assert body(catalogs["Slack"], "channel_not_found", shape=without_title) == (
        '{"code":"channel_not_found","message":"Value passed for channel was invalid.","status":200,'
        '"parameters":{},"metadata":{},"text":"channel_not_found (200): Value passed for channel was invalid."}'
    )
    assert body(catalogs["Described"], "counted", {"limit": 60}, shape=shape) == (
        '{"code":"counted","message":"Slow down: 60 a minute.","status":429,"title":"Rate limited",'
        '"parameters":{"limit":60},"metadata":{"product":"API","log-level":"ERROR"},'
        '"text":"counted (429): Slow down: 60 a minute."}'
    )


# MARK: - Finding a placeholder in a shape


def test_whole_placeholders_and_the_null_suffix():
    assert es.whole_placeholder("{needed}") == ("needed", False)
    assert es.whole_placeholder("{needed|null}") == ("needed", True)
    assert es.whole_placeholder("{log-level|null}") == ("log-level", True)
    for text in ("{needed}|null", "x{needed|null}", "{needed|nul}", "{needed|NULL}", "{{needed}}", "{needed} ", "needed", "{}"):
        assert es.whole_placeholder(text) is None, text
    assert es.whole_placeholder(None) is None and es.whole_placeholder(3) is None


def test_shape_path_finds_a_placeholder_with_or_without_the_null_suffix():
    shape = {"ok": False, "errors": [{"needed": "{needed|null}"}, "{message}"], "about": "{message} here"}
    assert es.shape_path(shape, "{needed}") == ["errors", 0, "needed"]
    assert es.shape_path(shape, "{message}") == ["errors", 1]
    assert es.shape_path(shape, "{provided}") is None


def test_reading_a_shape_path_back_from_a_body():
    shape = {"error": {"needed": "{needed}", "list": ["{provided}", "{message}"], "fixed": ["{code}", "{message}"]}}
    full = {"error": {"needed": "n", "list": ["p", "m"], "fixed": ["c", "m"]}}
    assert es.read_shape_path(full, shape, ["error", "needed"]) == "n"
    assert es.read_shape_path(full, shape, ["error", "list", 1]) == "m"
    # Left out: the member, or a position an element left out before it makes unknown.
    short = {"error": {"list": ["m"], "fixed": ["c", "m"]}}
    assert es.read_shape_path(short, shape, ["error", "needed"]) is es.LEFT_OUT
    assert es.read_shape_path(short, shape, ["error", "list", 0]) is es.LEFT_OUT
    assert es.read_shape_path(short, shape, ["error", "fixed", 1]) == "m"
    assert es.read_shape_path({}, shape, ["error", "fixed", 1]) is es.LEFT_OUT


def test_what_may_be_left_out():
    assert es.may_be_left_out("{needed}") and es.may_be_left_out("{documentation}")
    assert not es.may_be_left_out("{needed|null}") and not es.may_be_left_out("{code}") and not es.may_be_left_out("{parameters}")
    assert not es.may_be_left_out("see {needed}") and not es.may_be_left_out(None) and not es.may_be_left_out(False)
    assert es.may_be_left_out({"a": "{needed}", "b": ["{provided}"]})
    assert not es.may_be_left_out({"a": "{needed}", "b": "{code}"})
    assert not es.may_be_left_out({}) and not es.may_be_left_out([])
