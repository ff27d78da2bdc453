"""Automatic mutants: `Tests/Mutation/run --auto` (see Documentation/Mutation.md).

The hand-written list measures what its authors thought of. This mode measures the rest: the
mutant generator (`Tests/Mutation/Mutator`, a swift-syntax pass) lists every mutant its operators
can make in the modules asked for (relational and boundary operators, `&&`/`||`, arithmetic,
boolean literals, negated conditions, removed calls and assignments, swapped arguments, early
returns); a seeded sample of them is run, each against the test suites that execute its line
(from a coverage map made once per tree), and the survivors again against the whole suite.

A mutant that does not compile says nothing about the tests: it is "not viable" and left out of
the score. A mutant on a line no test executes is "not covered", and counts as a survivor.
Mutants argued equivalent are listed in `Tests/Mutation/equivalent.tsv` (key, reason) and left out
of the sample.
"""

import collections
import datetime
import hashlib
import json
import random
import re
import subprocess
import sys
import time
from pathlib import Path

# The modules that ship, as folders of Sources/. The framework integrations need their package
# traits (see --traits).
MODULES = ["ErrgenRuntime", "ErrgenSpec", "ErrgenSwift", "ErrgenCore", "ErrgenCommandLine", "errgen", "errgen-swift"]
TRAIT_MODULES = ["ErrgenHummingbird", "ErrgenVapor", "ErrgenOpenAPI"]


def mutant_key(mutant, line_text, occurrence):
    """A key that survives edits elsewhere in the file: the file, the operator, the change and the
    text of its line (with which occurrence of that line it is)."""
    raw = "\0".join([mutant["file"], mutant["operator"], mutant["original"], mutant["replacement"],
                     line_text.strip(), str(occurrence), str(mutant["column"])])
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]


def generate(repo, modules, log):
    """Builds the generator and returns every mutant of the modules' files, each with its key."""
    mutator = repo / "Tests" / "Mutation" / "Mutator"
    status = subprocess.run(["swift", "build", "--package-path", str(mutator)], stdout=log, stderr=subprocess.STDOUT).returncode
    if status != 0:
        raise SystemExit(f"error: the mutant generator does not build; see {log.name}")
    binary = Path(subprocess.run(["swift", "build", "--package-path", str(mutator), "--show-bin-path"],
                                 capture_output=True, text=True, check=True).stdout.strip()) / "errgen-mutator"
    mutants = []
    for module in modules:
        files = sorted(str(p.relative_to(repo)) for p in (repo / "Sources" / module).rglob("*.swift"))
        if not files:
            continue
        out = subprocess.run([str(binary)] + files, cwd=repo, capture_output=True, text=True, check=True).stdout
        lines_of = {}
        for row in out.splitlines():
            mutant = json.loads(row)
            mutant["module"] = module
            if mutant["file"] not in lines_of:
                lines_of[mutant["file"]] = (repo / mutant["file"]).read_text(encoding="utf-8").split("\n")
            lines = lines_of[mutant["file"]]
            text = lines[mutant["line"] - 1]
            occurrence = sum(1 for earlier in lines[: mutant["line"] - 1] if earlier.strip() == text.strip())
            mutant["key"] = mutant_key(mutant, text, occurrence)
            mutant["source_line"] = text.strip()
            mutants.append(mutant)
    return mutants


def load_equivalent(path):
    """`key<TAB>reason` lines; `#` starts a comment."""
    argued = {}
    if path.is_file():
        for raw in path.read_text(encoding="utf-8").splitlines():
            if raw.strip() and not raw.lstrip().startswith("#"):
                key, _, reason = raw.partition("\t")
                argued[key.strip()] = reason.strip()
    return argued


def sample(mutants, per_module, seed, argued):
    """A deterministic sample: per module, `per_module` mutants drawn with `seed`, in source order."""
    chosen = []
    by_module = collections.defaultdict(list)
    for mutant in mutants:
        if mutant["key"] not in argued:
            by_module[mutant["module"]].append(mutant)
    for module in sorted(by_module):
        pool = by_module[module]
        picked = random.Random(f"{seed}:{module}").sample(pool, min(per_module, len(pool)))
        chosen += sorted(picked, key=lambda m: (m["file"], m["offset"], m["operator"], m["replacement"]))
    return chosen


def suites(runner, scratch, log, env):
    names = runner.listed_tests(scratch, log, env)
    if names is None:
        raise SystemExit(f"error: 'swift test list' failed; see {log}")
    return sorted({name.split("/")[0] for name in names})


def llvm_cov():
    swiftc = subprocess.run(["sh", "-c", "readlink -f \"$(command -v swiftc)\""], capture_output=True, text=True).stdout.strip()
    candidate = Path(swiftc).parent / "llvm-cov"
    return str(candidate) if candidate.exists() else "llvm-cov"


def coverage_map(runner, scratch, files, log, env, cache):
    """For each suite, the lines of `files` its tests execute: `{suite: {file: [line, ...]}}`.
    Made by running each suite alone with coverage; kept in `cache` for the same tree."""
    digest = hashlib.sha1()
    for path in sorted((scratch / "Sources").rglob("*.swift")) + sorted((scratch / "Tests").rglob("*.swift")):
        digest.update(str(path.relative_to(scratch)).encode())
        digest.update(path.read_bytes())
    tree = digest.hexdigest()
    if cache.is_file():
        data = json.loads(cache.read_text(encoding="utf-8"))
        if data.get("tree") == tree and set(files) <= set(data.get("files", [])):
            return data["suites"]
    bin_path = Path(subprocess.run(["swift", "build", "--show-bin-path"], cwd=scratch, capture_output=True, text=True).stdout.strip())
    codecov = bin_path / "codecov"
    objects = [str(bin_path / "errgenPackageTests.xctest")]
    for tool in ("errgen", "errgen-swift"):
        if (bin_path / tool).exists():
            objects += ["-object", str(bin_path / tool)]
    result = {}
    names = suites(runner, scratch, log, env)
    for index, suite in enumerate(names, start=1):
        for stale in codecov.glob("*.profraw"):
            stale.unlink()
        print(f"   coverage of {suite} ({index}/{len(names)})", flush=True)
        runner.run(["swift", "test", "--skip-build", "--enable-code-coverage", "--filter", "^" + re.escape(suite) + "/"],
                   scratch, log, 1800, env)
        profile = codecov / "suite.profdata"
        raws = [str(p) for p in codecov.glob("*.profraw")]
        if not raws:
            continue
        merged = subprocess.run([str(Path(llvm_cov()).parent / "llvm-profdata"), "merge", "-sparse", "-o", str(profile)] + raws,
                                capture_output=True)
        if merged.returncode != 0:
            continue
        exported = subprocess.run([llvm_cov(), "export", "-format=lcov", "-instr-profile", str(profile)] + objects
                                  + [str(scratch / f) for f in files], capture_output=True, text=True)
        lines = collections.defaultdict(list)
        current = None
        for row in exported.stdout.splitlines():
            if row.startswith("SF:"):
                current = str(Path(row[3:]).resolve().relative_to(scratch.resolve())) if row[3:].startswith(str(scratch)) else None
            elif row.startswith("DA:") and current:
                number, count = row[3:].split(",")[:2]
                if int(count) > 0:
                    lines[current].append(int(number))
        if lines:
            result[suite] = dict(lines)
    cache.write_text(json.dumps({"tree": tree, "files": sorted(files), "suites": result}, sort_keys=True) + "\n", encoding="utf-8")
    return result


def apply(text, mutant):
    data = text.encode("utf-8")
    start, end = mutant["offset"], mutant["offset"] + mutant["length"]
    return (data[:start] + mutant["replacement"].encode("utf-8") + data[end:]).decode("utf-8")


def markdown(stored, argued):
    """The Markdown of the recorded runs: the score per module, the mutants not killed, and the
    ones argued equivalent."""
    rows = sorted(stored["mutants"].values(), key=lambda r: (r["module"], r["file"], r["line"], r["key"]))
    out = ["# Automatic mutants: the recorded runs", "",
           "Written by `Tests/Mutation/run --auto` (see Documentation/Mutation.md). The runs:", ""]
    for run in stored["runs"]:
        how = f"`--keys` (again, after new tests) {run['sampled']} mutant{'' if run['sampled'] == 1 else 's'}" if run.get("keys") else \
            f"`--seed {run['seed']} --per-module {run['per_module']}`: {run['sampled']} of {run['generated']} mutants"
        out.append(f"- {run['date']}, commit {run['commit'][:10]}, over {', '.join(run['modules'])}: {how}, {run['minutes']:.0f} minutes")
    out += ["", "A mutant runs the test suites that execute its line; a survivor runs again against the whole suite. "
            "The score is killed ÷ (killed + survived + not covered); a mutant that does not compile is not viable "
            "and not scored.", "",
            "| module | sampled | killed | survived | not covered | not viable | score |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    by_module = collections.defaultdict(list)
    for row in rows:
        by_module[row["module"]].append(row)
    for module in sorted(by_module):
        entries = by_module[module]
        count = collections.Counter("killed" if e["outcome"].startswith("killed") else e["outcome"] for e in entries)
        scored = count["killed"] + count["survived"] + count["not covered"]
        score = f"{100 * count['killed'] / scored:.0f} %" if scored else "—"
        out.append(f"| {module} | {len(entries)} | {count['killed']} | {count['survived']} | {count['not covered']} | "
                   f"{count['not viable']} | {score} |")

    def change(row):
        return f"`{row['original'] or '∅'}` → `{row['replacement'] or '∅'}`".replace("|", "\\|").replace("\n", " ")

    missed = [row for row in rows if row["outcome"] in ("survived", "not covered")]
    out += ["", "## Not killed", ""]
    if missed:
        out += ["| key | where | operator | change | outcome |", "| --- | --- | --- | --- | --- |"]
        for row in missed:
            out.append(f"| {row['key']} | {row['file'].replace('Sources/', '')}:{row['line']} | {row['operator']} | "
                       f"{change(row)} | {row['outcome']} |")
    else:
        out.append("None: every recorded mutant that compiles is killed (its latest run).")
    if argued:
        out += ["", "## Argued equivalent (`Tests/Mutation/equivalent.tsv`)", "", "| key | why |", "| --- | --- |"]
        for key, reason in sorted(argued.items()):
            out.append(f"| {key} | {reason} |")
    return "\n".join(out) + "\n"


def main(runner, args):
    repo = runner.REPO
    modules = [m.strip() for m in (args.modules or ",".join(MODULES)).split(",") if m.strip()]
    unknown = [m for m in modules if not (repo / "Sources" / m).is_dir()]
    if unknown:
        print(f"error: no module {', '.join(unknown)} in Sources/", file=sys.stderr)
        return 2
    work = repo / ".build" / "mutation" / "auto"
    work.mkdir(parents=True, exist_ok=True)
    log_path = work / "auto.log"
    started = time.monotonic()
    with open(log_path, "w") as log:
        mutants = generate(repo, modules, log)
    argued = load_equivalent(runner.HERE / "equivalent.tsv")
    if args.keys:
        # The mutants named, say to confirm that new tests kill the survivors of an earlier run.
        wanted = {k.strip() for k in args.keys.split(",") if k.strip()}
        chosen = [m for m in mutants if m["key"] in wanted]
        missing = wanted - {m["key"] for m in chosen}
        if missing:
            print(f"error: no mutant of {', '.join(modules)} has the key {', '.join(sorted(missing))}", file=sys.stderr)
            return 2
    else:
        chosen = sample(mutants, args.per_module, args.seed, argued)
    print(f"== {len(mutants)} mutants in {', '.join(modules)}; {len(chosen)} sampled (seed {args.seed}), "
          f"{sum(1 for m in mutants if m['key'] in argued)} argued equivalent")
    if args.list_mutants:
        for m in chosen:
            print(f"{m['key']}  {m['file']}:{m['line']}:{m['column']}  {m['operator']}  {m['original']!r} -> {m['replacement']!r}")
        return 0

    scratch = work / "scratch"
    env = runner.shared_environment()
    # The instrumented test runs of the mutants write no profile.
    quiet = dict(env, LLVM_PROFILE_FILE="/dev/null")
    print(f"== scratch copy: {scratch}")
    runner.sync(scratch)
    build = ["swift", "build", "--build-tests", "--enable-code-coverage"]
    status, _ = runner.run(build, scratch, log_path, 7200)
    if status != 0:
        print(f"error: the unmutated package does not build; see {log_path}", file=sys.stderr)
        return 1
    print("== coverage of each suite")
    files = sorted({m["file"] for m in chosen})
    covering = coverage_map(runner, scratch, files, log_path, env, work / "coverage-map.json")

    rows = []
    for index, m in enumerate(chosen, start=1):
        row = {k: m[k] for k in ("key", "module", "file", "line", "column", "operator", "original", "replacement")}
        suites_ = sorted(s for s, lines in covering.items() if m["line"] in lines.get(m["file"], []))
        print(f"== [{index}/{len(chosen)}] {m['file']}:{m['line']} {m['operator']} "
              f"{m['original']!r} -> {m['replacement']!r}", flush=True)
        # A mutant on a line the map says no suite executes still runs against the whole suite:
        # the map misses some code that does run (a default argument's value is compiled apart).
        target = scratch / m["file"]
        original = target.read_bytes()
        mutant_log = work / "logs" / f"{m['key']}.log"
        mutant_log.parent.mkdir(parents=True, exist_ok=True)
        mutant_log.write_text(f"{m['file']}:{m['line']}: {m['original']!r} -> {m['replacement']!r}\n")
        try:
            target.write_text(apply(original.decode("utf-8"), m), encoding="utf-8")
            status, _ = runner.run(build, scratch, mutant_log, 3600)
            if status != 0:
                row.update(outcome="not viable", detail="does not compile")
            else:
                status = 0
                if suites_:
                    filter_ = "|".join("^" + re.escape(s) + "/" for s in suites_)
                    status, count, output = runner.test(scratch, filter_, mutant_log, args.timeout, quiet)
                if status is None:
                    row.update(outcome="killed (timeout)", detail=f"over {args.timeout} s")
                elif status != 0:
                    row.update(outcome="killed", detail=runner.failure(status, count, output))
                else:
                    status, count, output = runner.test(scratch, "-", mutant_log, args.timeout * 3, quiet)
                    if status is None:
                        row.update(outcome="killed (timeout)", detail="whole suite over its time")
                    elif status != 0:
                        row.update(outcome="killed", detail="by the whole suite: " + runner.failure(status, count, output))
                    elif suites_:
                        row.update(outcome="survived", detail=f"{count} tests passed (whole suite)")
                    else:
                        row.update(outcome="not covered", detail="no test executes the line; the whole suite passes")
        finally:
            target.write_bytes(original)
        print(f"   {row['outcome']}: {row.get('detail', '')}", flush=True)
        rows.append(row)

    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True).stdout.strip()
    # Results accumulate by key over runs (the latest outcome of each mutant), so that runs over
    # different modules make one report.
    results_path = work / "results.json"
    try:
        stored = json.loads(results_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        stored = {"runs": [], "mutants": {}}
    stored["runs"].append({"date": datetime.date.today().isoformat(), "commit": commit, "seed": args.seed,
                           "per_module": args.per_module, "keys": args.keys or "", "modules": modules, "generated": len(mutants),
                           "sampled": len(rows), "minutes": round((time.monotonic() - started) / 60, 1)})
    for row in rows:
        stored["mutants"][row["key"]] = dict(row, date=datetime.date.today().isoformat())
    for key in list(stored["mutants"]):
        if key in argued:
            del stored["mutants"][key]
    results_path.write_text(json.dumps(stored, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    (runner.HERE / "auto-results.md").write_text(markdown(stored, argued), encoding="utf-8")
    print(f"== written {runner.HERE / 'auto-results.md'}")
    return 0
