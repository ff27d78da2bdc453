"""`python -m errgen_conformance --base-url URL FIXTURE…`: holds a running server to errgen's fixtures.

Prints each difference on a line of its own (`<catalog> <code>: <request>: <what differs>`), then
`N passed, N failed`. Exit status: 0 when every response matches, 1 when one differs or the server
does not answer, 2 on a usage error (a missing file, a bad URL, timeout or routes file, a
malformed fixture, nothing to check), reported before any request is sent.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

from . import InputError, NothingToCheck, check_base_url, run


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r}: the timeout must be a number of seconds above 0")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m errgen_conformance",
        description="Replays every response errgen's fixtures promise against a running server and reports each difference.",
    )
    parser.add_argument("--base-url", required=True, help="the server, for example http://127.0.0.1:8080")
    parser.add_argument("fixtures", nargs="+", type=Path, help="fixture files (fixtures/<catalog>.json) or folders of them")
    parser.add_argument(
        "--routes", type=Path,
        help='a JSON file mapping "<catalog> <code>" to a percent-encoded path of the server that raises that error '
        "({name} is a sample value); without it, the convention route /errgen/<catalog>/<code>?<name>=<value>",
    )
    parser.add_argument(
        "--exact", action="store_true",
        help="compare bodies and Content-Length byte for byte, and media type parameters as errgen's runtime writes them",
    )
    parser.add_argument(
        "--timeout", type=_seconds, default=5.0,
        help="seconds for each exchange: connecting, the header block and the body (default 5)",
    )
    arguments = parser.parse_args(argv)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")  # a report never fails on a terminal's encoding

    try:
        check_base_url(arguments.base_url)
    except ValueError as error:
        parser.error(str(error))
    files: list[Path] = []
    for path in arguments.fixtures:
        if path.is_dir():
            found = sorted(p for p in path.glob("*.json") if p.is_file())
            if not found:
                parser.error(f"{path}: no fixture files (*.json) in the folder")
            files += found
        elif path.is_file():
            files.append(path)
        else:
            parser.error(f"{path}: no such file or folder")
    if arguments.routes is not None and not arguments.routes.is_file():
        parser.error(f"{arguments.routes}: no such file")
    try:
        report = run(arguments.base_url, files, exact=arguments.exact, timeout=arguments.timeout, routes_file=arguments.routes)
    except InputError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        count = len(error.problems)
        print(f"errgen_conformance: {count} problem{'s' if count != 1 else ''} in the input; nothing was sent", file=sys.stderr)
        return 2
    except NothingToCheck as error:
        print(f"errgen_conformance: {error}", file=sys.stderr)
        return 2
    for difference in report.differences:
        print(difference)
    print(report.summary())
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
