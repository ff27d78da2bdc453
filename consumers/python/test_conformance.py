"""The conformance runner (`python -m errgen_conformance`) against `conformance_server`, a server
written from the fixtures' meaning: answering correctly it passes every fixture set of the
repository, by meaning and exactly; answering correctly in another spelling it passes by meaning
(and exactly where the spelling is errgen's); making one realistic mistake it is caught in both
modes, with the request that shows it. The same holds of every fixture set rewritten for catalogs
that never answer 406 (`notAcceptable: default-format`)."""

from __future__ import annotations

import copy
import functools
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

import errgen_conformance as conformance
import errgen_spec as es
from conformance_server import MISTAKES, VARIANTS, ConformanceServer

HERE = Path(__file__).resolve().parent
RESTAUTH = es.FIXTURES / "restauth.json"
RAWS = es.FIXTURES / "raws.json"
SHOP = es.REPO / "Tests" / "References" / "languages" / "fixtures" / "shop.json"
TINY = es.REPO / "Tests" / "References" / "minimal" / "fixtures" / "tiny.json"
CODE = "service-not-allowed-from-address"
RESTAUTH_PATH = "/errgen/RestAuth/service-not-allowed-from-address?service=example.com&ip-address=192.0.2.10"


def fixture_sets() -> list[tuple[str, list[Path]]]:
    """Every set of fixtures in the repository: the bundled one, each reference case's, and each
    example's (Examples/<name>/fixtures/<module>/)."""
    sets = [(case.name, sorted(case.fixtures.glob("*.json"))) for case in es.CASES]
    for folder in sorted((es.REPO / "Examples").glob("*/fixtures")):
        for module in sorted({p.parent for p in folder.rglob("*.json")}):
            sets.append((str(module.relative_to(es.REPO)), sorted(module.glob("*.json"))))
    return sets


SETS = fixture_sets()
SET_IDS = [name for name, _ in SETS]


@functools.lru_cache(maxsize=None)
def document(file: Path) -> dict:
    """A fixture file, read once (the corpora's run to megabytes); not to be changed."""
    return json.loads(file.read_text(encoding="utf-8"))


def documents(files: list[Path]) -> list[dict]:
    return [document(f) for f in files]


def responses(files: list[Path]):
    for read in documents(files):
        for error in read["errors"]:
            for response in error["responses"]:
                yield read, error, response


def exchange_count(files: list[Path]) -> int:
    return len(conformance.load_exchanges(files)[0])


def run(files: list[Path], exact: bool, mistake: str | None = None, variant: str | None = None, timeout: float = 2.0, routes=None) -> conformance.Report:
    with ConformanceServer(files, mistake=mistake, variant=variant, routes=routes) as server:
        return conformance.run(server.url, files, routes=routes, exact=exact, timeout=timeout)


def lines(report: conformance.Report) -> list[str]:
    return [str(d) for d in report.differences]


def trimmed(files: list[Path], folder: Path, wanted=lambda error: False) -> list[Path]:
    """Copies of fixture files with one or two of their errors (the first, and the first that
    `wanted` picks), to keep runs over every set quick."""
    folder.mkdir(parents=True, exist_ok=True)
    copies = []
    for index, file in enumerate(files):
        whole = document(file)
        errors = whole["errors"]
        chosen = errors[:1] + [e for e in errors[1:] if wanted(e)][:1]
        copy_path = folder / f"{index}-{file.name}"
        copy_path.write_text(json.dumps({**whole, "errors": chosen}, ensure_ascii=False), encoding="utf-8")
        copies.append(copy_path)
    return copies


def has_http(files: list[Path]) -> bool:
    return any(True for _ in responses(files))


# MARK: - A correct server


@pytest.mark.parametrize("name, files", SETS, ids=SET_IDS)
def test_a_correct_server_passes_every_fixture_set(name, files, tmp_path):
    assert files, f"{name}: no fixture files"
    if name.startswith("corpus-"):
        files = trimmed(files, tmp_path, lambda e: True)  # thousands of errors converted from a real catalog
    with ConformanceServer(files) as server:
        if not has_http(files):
            # Catalogs without HTTP (a database's): nothing to check is an error, not a pass.
            with pytest.raises(conformance.NothingToCheck):
                conformance.run(server.url, files)
            return
        for exact in (False, True):
            report = conformance.run(server.url, files, exact=exact)
            assert lines(report) == []
            assert report.passed == exchange_count(files) and report.failed == 0


# MARK: - Planted mistakes

#: When a mistake can show in an error of the fixtures: in what it answers with.
APPLIES = {
    "head-body": lambda e: any(r["request"]["method"] == "HEAD" for r in e["responses"]),
    "xml-text": lambda e: any(r["format"] in ("xml", "problem+xml") and r["body"] for r in e["responses"]),
    "wrong-status": lambda e: any(r["status"] != 500 for r in e["responses"]),
    "missing-header": lambda e: bool(e["headers"] and e["responses"]),
    "content-length-chars": lambda e: any(not r["body"].isascii() for r in e["responses"]),
    "head-length-zero": lambda e: any(r["request"]["method"] == "HEAD" for r in e["responses"]),
    "vary-member-missing": lambda e: any(n == "Vary" for r in e["responses"] for n, _ in r["headers"]),
    "wrong-content-type": lambda e: any(n == "Content-Type" for r in e["responses"] for n, _ in r["headers"]),
    # Where the not-acceptable response's status is not the default format's (a 406 error's own 406 is).
    "no-406": lambda e: any(r["case"] == "not-acceptable" and r["status"] != default_get(e)["status"] for r in e["responses"]),
}


def default_get(error: dict) -> dict:
    """An error's GET in the default format (the one HEAD, sent without Accept, gets)."""
    [head] = [r for r in error["responses"] if r["case"] == "head"]
    return next(r for r in error["responses"] if r["case"] == "get" and r["format"] == head["format"])


#: What a report says for each mistake, in both modes (a part of the line after the request).
SAYS = {
    "head-body": "HEAD answered with a body of",
    "xml-text": 'text "oops", expected none after <',
    "wrong-status": "status 500, expected ",
    "missing-header": " missing, expected ",
    "head-length-zero": "Content-Length 0, expected ",
    "vary-member-missing": "header Vary ",
    "wrong-content-type": 'header Content-Type "text/html; charset=utf-8", expected ',
    "no-406": ", expected 406 (the catalog says notAcceptable: error: a request that accepts none of its formats is refused with 406)",
}


def assert_caught(report: conformance.Report, says: str | None = None) -> None:
    assert report.failed > 0
    assert report.failed == len({d.exchange for d in report.differences})
    for difference in report.differences:
        assert str(difference).startswith(difference.exchange.describe() + ": ")
        assert difference.exchange.method in str(difference) and difference.exchange.path in str(difference)
    if says is not None:
        assert any(says in d.what for d in report.differences), lines(report)


@pytest.mark.parametrize("mistake", sorted(APPLIES))
def test_each_mistake_is_caught_in_every_set_it_can_show_in(mistake, tmp_path):
    applies = APPLIES[mistake]
    checked = 0
    for number, (name, files) in enumerate(SETS):
        if not any(applies(e) for d in documents(files) for e in d["errors"]):
            continue
        small = [f for f in trimmed(files, tmp_path / str(number), applies) if any(applies(e) for e in document(f)["errors"])]
        for exact in (False, True):
            report = run(small, exact, mistake=mistake)
            says = SAYS.get(mistake) if not (exact and mistake == "xml-text") else "oops"
            assert_caught(report, says)
        checked += 1
    assert checked > 0


def test_the_reports_name_the_request_and_what_differs():
    status = lines(run([RESTAUTH], False, mistake="wrong-status"))
    assert f"RestAuth {CODE}: GET {RESTAUTH_PATH} (Accept: application/json): status 500, expected 401" in status
    missing = lines(run([RESTAUTH], True, mistake="missing-header"))
    assert f'RestAuth {CODE}: HEAD {RESTAUTH_PATH}: header WWW-Authenticate missing, expected "Basic realm=\\"RestAuth\\""' in missing
    vary = lines(run([SHOP], False, mistake="vary-member-missing"))
    assert any(line.endswith(': header Vary "Accept" lacks "Accept-Language", expected "Accept, Accept-Language"') for line in vary), vary
    head = lines(run([RESTAUTH], False, mistake="head-body"))
    assert head[0] == f"RestAuth {CODE}: HEAD {RESTAUTH_PATH}: HEAD answered with a body of 58 bytes (RFC 9110 §9.3.2: none)"
    # Vapor's mistake: HEAD's Content-Length computed from its empty body.
    zero = lines(run([RESTAUTH], False, mistake="head-length-zero"))
    assert zero[0] == f"RestAuth {CODE}: HEAD {RESTAUTH_PATH}: Content-Length 0, expected 58"
    oops = lines(run([RAWS], False, mistake="xml-text"))
    assert all(line.endswith(': body /error: text "oops", expected none after <code>') for line in oops), oops
    assert len(oops) == 2 * len(documents([RAWS])[0]["errors"])  # each GET and each 406


def test_a_content_length_that_counts_characters_cuts_the_body():
    # A German message: "übrig" is one byte longer than it is long, so the client reads one byte
    # too few, by meaning a JSON document cut short, exactly a Content-Length and a body too short.
    by_meaning = [d for d in run([SHOP], False, mistake="content-length-chars").differences if d.exchange.case == "language"]
    assert by_meaning and all(d.what.startswith("the body is not json: ") for d in by_meaning if d.exchange.format == "json")
    exact = [d.what for d in run([SHOP], True, mistake="content-length-chars").differences if d.exchange.case == "language"]
    assert "Content-Length 116, expected 117" in exact


def test_a_body_slower_than_the_deadline_fails_with_its_request():
    started = time.monotonic()
    for exact in (False, True):
        report = run([TINY], exact, mistake="slow-body", timeout=0.5)
        assert_caught(report, "no complete answer within 0.5 s (still reading the body)")
        assert [d.exchange.case for d in report.differences if "still reading the body" in d.what][0] == "get"
    # Two GETs by meaning (one for HEAD's length), one exactly: each given up after 0.5 s (the
    # bound leaves room for a loaded machine; a runner without one deadline fails the checks above).
    assert time.monotonic() - started < 6


def test_an_endless_body_fails_by_the_deadline():
    for exact in (False, True):
        started = time.monotonic()
        report = run([TINY], exact, mistake="endless-body", timeout=0.3)
        elapsed = time.monotonic() - started
        assert_caught(report, "no complete answer within 0.3 s (still reading the body)")
        # The GET, the 406 and (by meaning) the GET that tells HEAD's length: 0.3 s each.
        assert elapsed < 0.3 * (3 if not exact else 2) + 2.5, elapsed


def test_a_server_that_is_not_there_fails_every_exchange():
    report = conformance.run("http://127.0.0.1:9", [RESTAUTH], timeout=0.5)
    assert report.passed == 0 and report.failed == exchange_count([RESTAUTH])
    assert all("no answer" in d.what for d in report.differences)


# MARK: - The new negotiation cases

#: The mistakes that only requests with weights, exclusions, ranges or fallbacks show, and the
#: cases that show them.
NEGOTIATION = {
    "accept-ignores-q": ("accept-weights",),
    "accept-language-ignores-q": ("language-weights",),
    "q-zero-acceptable": ("accept-excludes", "language-excludes"),
    "no-language-prefix": ("language-fallback",),
}


def with_negotiation_cases(file: Path, folder: Path) -> Path:
    """A copy of a fixture file with the negotiation cases added by hand, each answered as RFC
    9110 §12.5.1 and RFC 4647 §3.4 say with one of the fixture's own responses."""
    document = json.loads(file.read_text(encoding="utf-8"))
    catalog = document["catalog"]
    formats = [f["format"] for f in catalog["formats"]]
    media = {f["format"]: f["mediaType"] for f in catalog["formats"]}
    default, languages = catalog["defaultFormat"], catalog["languages"]
    for error in document["errors"]:
        # Only the responses every fixture has, so that what is added here stands on its own.
        error["responses"] = [r for r in error["responses"] if r["case"] in ("get", "head", "not-acceptable", "language")]
        get = {r["format"]: r for r in error["responses"] if r["case"] == "get"}
        spoken = {r["request"]["headers"][0][1]: r for r in error["responses"] if r["case"] == "language"}
        added = []

        def case(name: str, response: dict, field: str, value: str) -> None:
            added.append({**copy.deepcopy(response), "case": name, "request": {"method": "GET", "headers": [[field, value]]}})

        if len(formats) > 1:
            other = next(f for f in formats if f != default)
            case("accept-weights", get[default], "Accept", f"{media[other]};q=0.5, {media[default]};q=0.9")
            case("accept-excludes", get[other], "Accept", f"{media[default]};q=0, */*;q=0.8")
            case("accept-excludes", get[default], "Accept", f"{media[other]};q=0, {media[default]};q=0.1")
            # Equal weights: the format the catalog lists first (its order of preference).
            case("accept-any", get[formats[0]], "Accept", "*/*")
            applications = [f for f in formats if media[f].startswith("application/")]
            if applications:
                case("accept-type-range", get[applications[0]], "Accept", "application/*")
        if len(languages) > 1:
            first, second = languages[0], languages[1]
            case("language-weights", spoken[second], "Accept-Language", f"{first};q=0.5, {second};q=0.9")
            plain = next((t for t in languages[1:] if "-" not in t), None)
            if plain is not None:
                case("language-fallback", spoken[plain], "Accept-Language", f"{plain}-CH")
            regional = next((t for t in languages[1:] if "-" in t), None)
            if regional is not None:
                case("language-fallback", spoken[regional], "Accept-Language", regional.split("-")[0])
            case("language-unlisted", get[default], "Accept-Language", "fi")
            case("language-any", get[default], "Accept-Language", "*")
            case("language-excludes", spoken[second], "Accept-Language", f"{first};q=0, *;q=0.5")
        error["responses"] += added
    folder.mkdir(parents=True, exist_ok=True)
    copy_path = folder / file.name
    copy_path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return copy_path


def test_the_server_negotiates_the_cases_written_here(tmp_path):
    files = [with_negotiation_cases(f, tmp_path) for f in (RESTAUTH, SHOP, es.REPO / "Tests/References/edge-cases/fixtures/edge-cases.json")]
    cases = {r["case"] for _, _, r in responses(files)}
    assert {"accept-weights", "accept-excludes", "accept-any", "accept-type-range", "language-weights", "language-fallback",
            "language-unlisted", "language-any", "language-excludes"} <= cases
    for exact in (False, True):
        report = run(files, exact)
        assert lines(report) == [] and report.passed == exchange_count(files)


@pytest.mark.parametrize("mistake", sorted(NEGOTIATION))
def test_negotiation_mistakes_are_caught_by_the_cases_written_here(mistake, tmp_path):
    files = [with_negotiation_cases(f, tmp_path) for f in (RESTAUTH, SHOP)]
    for exact in (False, True):
        report = run(files, exact, mistake=mistake)
        assert_caught(report)
        assert {d.exchange.case for d in report.differences} & set(NEGOTIATION[mistake]), lines(report)


@pytest.mark.parametrize("mistake", sorted(NEGOTIATION))
def test_negotiation_mistakes_are_caught_by_the_committed_fixtures(mistake, tmp_path):
    """Needs fixture sets that carry the cases (errgen writes them for catalogs of several formats
    or languages): fails, not skips, while none does."""
    cases = set(NEGOTIATION[mistake])
    having = [(name, files) for name, files in SETS if any(r["case"] in cases for _, _, r in responses(files))]
    assert having, f"no committed fixture set has a {' or '.join(sorted(cases))} case"
    for number, (name, files) in enumerate(having):
        small = [f for f in trimmed(files, tmp_path / str(number)) if any(r["case"] in cases for _, _, r in responses([f]))]
        assert small
        for exact in (False, True):
            report = run(small, exact, mistake=mistake)
            assert_caught(report)
            assert {d.exchange.case for d in report.differences} & cases, (name, lines(report))


# MARK: - Catalogs that never answer 406 (notAcceptable: default-format)

#: What a server that still refuses says for an error whose own status is not 406.
REFUSES = (" (the catalog says notAcceptable: default-format: a request that accepts none of its formats gets"
           " the default format's answer, as without Accept, never 406)")
#: One format (Tiny), two with a 406 error of its own (RestAuth), several languages (Shop), and
#: xml by default with a 406 error that answers itself (RAWS).
DEFAULT_FORMAT_FILES = [RESTAUTH, RAWS, SHOP, TINY]


def with_default_format(files: list[Path], folder: Path) -> list[Path]:
    """Copies of fixture files as errgen writes them for catalogs with `not-acceptable:
    default-format`: every not-acceptable response the default format's GET, its request kept."""
    folder.mkdir(parents=True, exist_ok=True)
    copies = []
    for file in files:
        copy_path = folder / file.name
        copy_path.write_text(json.dumps(es.with_default_format(document(file)), ensure_ascii=False), encoding="utf-8")
        copies.append(copy_path)
    return copies


def test_the_server_answers_the_default_format_where_the_catalog_says_so(tmp_path):
    from errgen_conformance.wire import exchange

    derived = with_default_format([RESTAUTH, SHOP, TINY], tmp_path / "default-format")
    checked = 0
    for files, refuses in (([RESTAUTH, SHOP, TINY], True), (derived, False)):
        with ConformanceServer(files) as server:
            host, port = server.http.server_address[:2]
            for read in documents(files) if refuses else [json.loads(f.read_text(encoding="utf-8")) for f in files]:
                catalog = read["catalog"]
                assert (catalog.get("notAcceptable", "error") == "error") is refuses
                for error in read["errors"]:
                    path = conformance.convention_path(catalog["name"], str(error["code"]), error["parameters"])
                    [refused] = [r for r in error["responses"] if r["case"] == "not-acceptable"]
                    get = default_get(error)
                    for method in ("GET", "HEAD"):
                        answer = exchange("http", host, port, method, path, (("Accept", es.UNAVAILABLE),), 2.0)
                        want = refused if refuses else get
                        assert (answer.status, answer.headers) == (want["status"], [tuple(h) for h in want["headers"]]), (method, path)
                        assert answer.body == (b"" if method == "HEAD" else want["body"].encode("utf-8"))
                        if not refuses:
                            assert answer.status == error["status"] and ("Content-Type", get["headers"][0][1]) in answer.headers
                            checked += 1
                    # With Accept-Language too: the default format in the language asked for.
                    for spoken in (r for r in error["responses"] if r["case"] == "language"):
                        asked = (("Accept", es.UNAVAILABLE), *map(tuple, spoken["request"]["headers"]))
                        answer = exchange("http", host, port, "GET", path, asked, 2.0)
                        want = refused if refuses else spoken
                        assert (answer.status, answer.body) == (want["status"], want["body"].encode("utf-8"))
    assert checked > 0


def test_the_runner_passes_a_server_that_answers_the_default_format_and_fails_one_that_still_refuses(tmp_path):
    files = with_default_format(DEFAULT_FORMAT_FILES, tmp_path)
    refusals = {e for e in conformance.load_exchanges(files)[0] if e.case == "not-acceptable"}
    assert refusals and all(e.not_acceptable == "default-format" for e in refusals)
    for exact in (False, True):
        report = run(files, exact)
        assert lines(report) == [] and report.passed == exchange_count(files)
        wrong = run(files, exact, mistake="always-406")
        assert_caught(wrong)
        # Every not-acceptable request, and only those: on the status and why, or (RAWS's 406
        # error, whose own answer is a 406) on the fields and body of the empty 406.
        assert {d.exchange for d in wrong.differences} == refusals
        for refusal in refusals:
            says = [d.what for d in wrong.differences if d.exchange == refusal]
            if refusal.status != 406:
                assert says[0] == f"status 406, expected {refusal.status}{REFUSES}", says
        assert (f"RestAuth {CODE}: GET {RESTAUTH_PATH} (Accept: application/vnd.errgen.unavailable): status 406, expected 401{REFUSES}"
                in lines(wrong))
        assert any(d.exchange.catalog == "RAWS" and d.exchange.status == 406 and d.what.startswith("header Content-Type missing")
                   for d in wrong.differences), lines(wrong)


def test_the_runner_fails_a_server_that_answers_the_default_format_instead_of_406(tmp_path):
    files = [RESTAUTH, SHOP, TINY]
    assert all(document(f)["catalog"].get("notAcceptable", "error") == "error" for f in files)
    for exact in (False, True):
        report = run(files, exact, mistake="no-406")
        assert_caught(report)
        assert {d.exchange.case for d in report.differences} == {"not-acceptable"}
        assert (f"RestAuth {CODE}: GET {RESTAUTH_PATH} (Accept: application/vnd.errgen.unavailable): status 401, expected 406"
                " (the catalog says notAcceptable: error: a request that accepts none of its formats is refused with 406)") in lines(report)
        # Tiny's empty 406 varies on Accept though it has one format; its GET does not.
        assert any(d.exchange.catalog == "Tiny" and d.what.startswith('header Vary missing, expected "Accept"') for d in report.differences), lines(report)


@pytest.mark.parametrize("name, files", SETS, ids=SET_IDS)
def test_every_fixture_set_rewritten_for_default_format_holds(name, files, tmp_path):
    """A correct server passes each set rewritten so that its catalogs never answer 406 (one or two
    errors per file); one that still refuses fails wherever its 406 differs from the answer."""
    if not has_http(files):
        return  # catalogs without HTTP: no requests (see the test of the sets as they are)
    derived = with_default_format(trimmed(files, tmp_path / "trimmed", lambda e: True), tmp_path / "derived")
    derived = [f for f in derived if json.loads(f.read_text(encoding="utf-8"))["catalog"].get("http", True)]
    refusals = {e for e in conformance.load_exchanges(derived)[0] if e.case == "not-acceptable"}
    for exact in (False, True):
        assert lines(run(derived, exact)) == []
        wrong = run(derived, exact, mistake="always-406")
        assert {d.exchange for d in wrong.differences} == refusals, (name, lines(wrong))


# MARK: - Correct variants


#: Variants that only differ in what the fixtures do not fix, so they pass exactly too.
SPELLINGS = ["charset-spelling", "media-type-case", "vary-reordered", "vary-accept-encoding", "trailing-space", "split-fields",
             "lowercase-names", "interim-response"]


#: Fixtures with every format, list field and header field of their own the spellings change.
VARIANT_FILES = [RESTAUTH, RAWS, SHOP, es.REPO / "Tests/References/any-api/fixtures/s3.json", TINY]


@pytest.fixture(scope="module")
def small_files(tmp_path_factory) -> list[Path]:
    return trimmed(VARIANT_FILES, tmp_path_factory.mktemp("small"), lambda e: bool(e["headers"]))


@pytest.mark.parametrize("variant", SPELLINGS)
def test_a_correct_answer_in_another_spelling_passes_in_both_modes(variant, small_files):
    for exact in (False, True):
        report = run(small_files, exact, variant=variant)
        assert lines(report) == [] and report.passed == exchange_count(small_files)


def test_the_spellings_are_what_they_say():
    """Each variant sends what it claims, seen on the wire, so that passing means something."""
    from errgen_conformance.wire import exchange

    def answer(files, variant, method="GET", headers=(("Accept", "text/plain"),)):
        with ConformanceServer(files, variant=variant) as server:
            host, port = server.http.server_address[:2]
            return exchange("http", host, port, method, RESTAUTH_PATH if files == [RESTAUTH] else shop_path, headers, 2.0)

    shop_error = documents([SHOP])[0]["errors"][0]
    shop_path = conformance.convention_path("Shop", shop_error["code"], shop_error["parameters"])
    assert answer([RESTAUTH], "charset-spelling").header("Content-Type") == ["text/plain;charset=UTF-8"]
    assert answer([RESTAUTH], "media-type-case", headers=(("Accept", "application/json"),)).header("Content-Type") == ["APPLICATION/JSON"]
    assert answer([SHOP], "vary-reordered").header("Vary") == ["accept-language, accept"]
    assert answer([SHOP], "vary-accept-encoding").header("Vary") == ["Accept, Accept-Language, Accept-Encoding"]
    assert answer([SHOP], "split-fields").header("Vary") == ["Accept", "Accept-Language"]
    assert [n for n, _ in answer([SHOP], "lowercase-names").headers][:2] == ["content-type", "content-length"]
    assert answer([SHOP], "json-charset", headers=(("Accept", "application/json"),)).header("Content-Type") == ["application/json; charset=utf-8"]
    reordered = answer([SHOP], "json-reordered", headers=(("Accept", "application/json"),)).body
    assert list(json.loads(reordered)) == ["details", "message", "code"]
    assert b"\n\t<code>" in answer([SHOP], "xml-reindented", headers=(("Accept", "application/xml"),)).body


def test_json_with_a_charset_passes_by_meaning_and_is_flagged_exactly():
    files = [RESTAUTH, SHOP]
    assert lines(run(files, False, variant="json-charset")) == []
    report = run(files, True, variant="json-charset")
    flagged = {d.exchange for d in report.differences}
    json_responses = {e for e in conformance.load_exchanges(files)[0] if ("Content-Type", "application/json") in e.headers}
    assert flagged == json_responses
    assert all(
        d.what == 'header Content-Type "application/json; charset=utf-8", expected "application/json" '
        "(a charset parameter JSON does not define, RFC 8259 §11: the same by meaning, not exactly)"
        for d in report.differences
    )


def test_reordered_json_and_reindented_xml_pass_by_meaning_only():
    files = [RESTAUTH, RAWS, SHOP]
    for variant, formats in (("json-reordered", ("json", "problem+json")), ("xml-reindented", ("xml", "problem+xml"))):
        assert lines(run(files, False, variant=variant)) == []
        report = run(files, True, variant=variant)
        assert report.failed > 0
        assert {d.exchange.format for d in report.differences} <= set(formats)
        assert all(d.what.startswith(("body ", "Content-Length ")) for d in report.differences), lines(report)


# MARK: - Routes and the command line


def test_a_routes_file_maps_errors_to_the_servers_own_paths(tmp_path):
    routes = {f"RestAuth {CODE}": "/services/{service}/from/{ip-address}"}
    report = run([RESTAUTH], False, routes=routes)
    assert report.differences == []
    errors = documents([RESTAUTH])[0]["errors"]
    assert report.passed == len(errors[0]["responses"]) and report.skipped == len(errors) - 1
    assert report.summary() == f"{report.passed} passed, 0 failed, {len(errors) - 1} skipped"
    # A list's items joined by commas, each percent-encoded (so a comma in an item stays one item).
    parameters = [{"name": "ids", "list": True, "sample": ["a,b", "c d"]}, {"name": "n", "sample": None}]
    assert conformance.mapped_path("/x/{ids}/{n}", parameters) == "/x/a%2Cb,c%20d/"


def command(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "errgen_conformance", *arguments], cwd=HERE, capture_output=True, text=True, timeout=60,
    )


def test_the_command_line():
    with ConformanceServer([RESTAUTH, RAWS]) as server:
        passed = command("--base-url", server.url, str(es.FIXTURES))
    assert passed.returncode == 0, passed.stderr
    assert passed.stdout == f"{exchange_count([RESTAUTH, RAWS])} passed, 0 failed\n"
    with ConformanceServer([RESTAUTH], mistake="wrong-status") as server:
        failed = command("--base-url", server.url, "--exact", str(RESTAUTH))
    assert failed.returncode == 1
    out = failed.stdout.splitlines()
    assert out[0] == f"RestAuth {CODE}: GET {RESTAUTH_PATH} (Accept: text/plain; charset=utf-8): status 500, expected 401"
    # Errors whose status is 500 pass.
    internal = sum(1 for e in conformance.load_exchanges([RESTAUTH])[0] if e.status == 500)
    assert internal and out[-1] == f"{internal} passed, {exchange_count([RESTAUTH]) - internal} failed"
    assert "Traceback" not in failed.stderr
    with ConformanceServer([TINY], mistake="endless-body") as server:
        started = time.monotonic()
        endless = command("--base-url", server.url, "--timeout", "0.3", str(TINY))
    assert endless.returncode == 1 and time.monotonic() - started < 5
    assert "no complete answer within 0.3 s (still reading the body)" in endless.stdout
    # The GET, the GET that tells HEAD's length, and the 406 all trickle without end.
    assert endless.stdout.splitlines()[-1] == "0 passed, 3 failed"


def test_every_mistake_and_every_spelling_of_the_server_is_tested():
    # always-406 shows only in catalogs that say notAcceptable: default-format (tested above).
    assert set(MISTAKES) == set(APPLIES) | set(NEGOTIATION) | {"slow-body", "endless-body", "always-406"}
    assert set(VARIANTS) == set(SPELLINGS) | {"json-charset", "json-reordered", "xml-reindented"}
