"""`python -m errgen_conformance --base-url URL FIXTURE…`: holds a running server to errgen's fixtures.

Prints each difference on a line of its own (`<catalog> <code>: <request>: <what differs>`), then
`N passed, N failed`. Exit status: 0 when every response matches, 1 when one differs or the server
does not answer, 2 on a usage error (a missing file, a bad URL or routes file).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m errgen_conformance",
        description="Replays every response errgen's fixtures promise against a running server and reports each difference.",
    )
    parser.add_argument("--base-url", required=True, help="the server, for example http://127.0.0.1:8080")
    parser.add_argument("fixtures", nargs="+", type=Path, help="fixture files (fixtures/<catalog>.json) or folders of them")
    parser.add_argument(
        "--routes", type=Path,
        help='a JSON file mapping "<catalog> <code>" to a path of the server that raises that error ({name} is a sample value); '
        "without it, the convention route /errgen/<catalog>/<code>?<name>=<value>",
    )
    parser.add_argument("--exact", action="store_true", help="compare bodies and Content-Length byte for byte, as errgen's runtime writes them")
    parser.add_argument("--timeout", type=float, default=5.0, help="seconds to wait for each answer (default 5)")
    arguments = parser.parse_args(argv)

    files: list[Path] = []
    for path in arguments.fixtures:
        if path.is_dir():
            files += sorted(path.glob("*.json"))
        elif path.is_file():
            files.append(path)
        else:
            parser.error(f"{path}: no such file or folder")
    if not files:
        parser.error("no fixture files")
    routes = None
    if arguments.routes is not None:
        try:
            with open(arguments.routes, encoding="utf-8") as f:
                routes = json.load(f)
        except (OSError, json.JSONDecodeError) as error:
            parser.error(f"{arguments.routes}: {error}")
        if not isinstance(routes, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in routes.items()):
            parser.error(f'{arguments.routes}: expected an object of "<catalog> <code>": "/path" members')
    try:
        report = run(arguments.base_url, files, routes=routes, exact=arguments.exact, timeout=arguments.timeout)
    except ValueError as error:
        parser.error(str(error))
    except (OSError, KeyError, json.JSONDecodeError) as error:
        print(f"errgen_conformance: cannot read the fixtures: {error}", file=sys.stderr)
        return 2
    for difference in report.differences:
        print(difference)
    print(report.summary())
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
