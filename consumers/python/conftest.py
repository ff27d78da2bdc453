"""Shared fixtures: the two schemas and their validators."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import jsonschema
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import errgen_spec  # noqa: E402


def _load_schema(path: Path) -> dict:
    if not path.is_file():
        pytest.fail(f"{path.relative_to(errgen_spec.REPO)} is missing")
    with open(path, encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture(scope="session")
def spec_schema() -> dict:
    return _load_schema(errgen_spec.SPEC_SCHEMA)


@pytest.fixture(scope="session")
def fixtures_schema() -> dict:
    return _load_schema(errgen_spec.FIXTURES_SCHEMA)


@pytest.fixture(scope="session")
def spec_validator(spec_schema: dict) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(spec_schema)


@pytest.fixture(scope="session")
def fixtures_validator(fixtures_schema: dict) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(fixtures_schema)
