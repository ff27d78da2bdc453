"""Shared fixtures: the spec read independently, the fixture files and the two schemas."""

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


@pytest.fixture(scope="session")
def catalogs() -> dict[str, errgen_spec.Catalog]:
    return {catalog.name: catalog for catalog in errgen_spec.load_spec()}


@pytest.fixture(scope="session")
def fixture_files() -> dict[str, tuple[Path, dict]]:
    """Every fixtures/*.json file by the catalog name it holds."""
    files: dict[str, tuple[Path, dict]] = {}
    for path in sorted(errgen_spec.FIXTURES.glob("*.json")):
        with open(path, encoding="utf-8") as f:
            document = json.load(f)
        name = document.get("catalog", {}).get("name") if isinstance(document, dict) else None
        assert name not in files, f"{path.name} and {files[name][0].name} both hold catalog {name!r}"
        files[name] = (path, document)
    return files


@pytest.fixture
def fixture_of(fixture_files):
    """The fixture document of a catalog; fails when errgen wrote none for it."""

    def get(catalog: str) -> dict:
        if catalog not in fixture_files:
            found = ", ".join(p.name for p, _ in fixture_files.values()) or "none"
            pytest.fail(f"no fixture file in fixtures/ holds catalog {catalog!r} (found: {found}); run `swift run errgen`")
        return fixture_files[catalog][1]

    return get
