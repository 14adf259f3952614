"""The figures of one run as Markdown (to read) and JSON (to compare runs), under benchmarks/results/."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from benchmarks.previous import ALLOWED
from benchmarks.targets import PEER_SPEEDUP, REPORT_OVER_RAW_SQL

RESULTS = Path(__file__).resolve().parent / "results"


def duration(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    return f"{seconds:.2f} s" if seconds >= 1 else f"{seconds * 1000:.1f} ms"


def limit(seconds: float | None) -> str:
    return f"≤ {duration(seconds)}" if seconds is not None else ""


def verdict(misses: list[str] | None) -> str:
    if misses is None:
        return ""
    return "pass" if not misses else "miss: " + ", ".join(misses)


def count(n: int | None) -> str:
    return "–" if n is None else str(n)


def times(ratio: float | None) -> str:
    return "–" if ratio is None else f"{ratio:.1f}×"


def size(count: int | None) -> str:
    return "–" if count is None else f"{count / 1024:.1f} KiB" if count >= 1024 else f"{count} B"


def markdown(run: dict) -> str:
    machine, settings = run["machine"], run["settings"]
    many = settings["clients"]
    lines = [
        f"# Benchmark: {machine['database']} at {machine['scale']} scale",
        "",
        f"{machine['started']}, commit {machine['commit']}. {machine['cores']} cores, load average "
        f"{machine['load_average']} at the start; {machine['database_version']}; data set {machine['data_set']}. "
        f"gunicorn {settings['workers']} {settings['worker_class']} workers; {settings['requests']} requests a page "
        "(fewer for reports and files), with 1 client and then with "
        f"{many} at once. Times are from sending the request to reading the last byte.",
        "",
        "## Pages",
        "",
        f"| page | median, 1 client | p95, 1 client | target | p95, {many} clients | target | SQL statements | "
        "bytes | errors | verdict |",
        "|---|---:|---:|---|---:|---|---:|---:|---:|---|",
    ]
    for page in run["pages"]:
        one, several = page["one"], page["many"]
        lines.append(
            f"| {page['name']} | {duration(one['median_s'])} | {duration(one['p95_s'])} | {limit(page['target_one'])} "
            f"| {duration(several['p95_s'])} | {limit(page['target_many'])} | {count(page['statements'])} "
            f"| {size(one['bytes'])} | {one['errors'] + several['errors']} | {verdict(page['misses'])} |"
        )
    errors = []
    for page in run["pages"]:
        kinds = Counter(page["one"]["error_kinds"]) + Counter(page["many"]["error_kinds"])
        errors += [(page["name"], kind, n) for kind, n in kinds.items()]
    errors += [(page["name"], page["in_process_error"], 1) for page in run["pages"] if page["in_process_error"]]
    if errors:
        lines += ["", "Errors: " + "; ".join(f"{name}: {kind} ×{n}" for name, kind, n in errors)
                  + f". The server's log: {settings['log']}."]
    floors = run["floors"]
    lines += [
        "",
        "## Floors",
        "",
        f"The same server's health check (no database, no template): median {duration(floors['health']['median_s'])}, "
        f"p95 {duration(floors['health']['p95_s'])} with 1 client, p95 {duration(floors['health']['p95_many_s'])} "
        f"with {many}.",
        "",
        f"Each report's own SQL (the statements its request ran, with their parameters) replayed on a bare database "
        f"connection; target: the report within {REPORT_OVER_RAW_SQL:g} times it (medians, 1 client).",
        "",
        "| report | SQL statements | raw SQL | report | ratio | verdict |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for floor in floors["raw_sql"]:
        lines.append(
            f"| {floor['report']} | {count(floor['statements'])} | {duration(floor['raw_sql_s'])} "
            f"| {duration(floor['report_median_s'])} | {times(floor['ratio'])} | {verdict(floor['misses'])} |"
        )
    lines += [
        "",
        "## Peer: Flask-Admin list views of the same rows",
        "",
        f"Served the same way (gunicorn, same workers), without sign-in; target: ours at least {PEER_SPEEDUP:g} times "
        "faster (medians, 1 client).",
        "",
        "| list | ours | Flask-Admin | Flask-Admin p95 | speed-up | our bytes | Flask-Admin bytes | errors | verdict |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for peer in run["peer"]:
        lines.append(
            f"| {peer['list']} | {duration(peer['ours_median_s'])} | {duration(peer['peer_median_s'])} "
            f"| {duration(peer['peer_p95_s'])} | {times(peer['speedup'])} | {size(peer['ours_bytes'])} "
            f"| {size(peer['peer_bytes'])} | {peer['peer_errors']} | {verdict(peer['misses'])} |"
        )
    lines += imports(run.get("imports", []))
    lines += against_previous(run.get("against_previous"))
    misses = run["summary"]["misses"]
    lines += ["", f"**{run['summary']['passes']} pass, {len(misses)} miss**"
              + (" (the reasons are in the tables): " + "; ".join(misses) if misses else "") + ".", ""]
    return "\n".join(lines)


def imports(measured: list[dict]) -> list[str]:
    if not measured:
        return []
    lines = ["", "## Imports", "",
             "In-process through the real routes with the signed-in test client: the file uploaded and previewed, "
             "then the import confirmed; each run a file of its own, all of it created.", "",
             "| import | runs | median | slowest | target | errors | verdict |", "|---|---:|---:|---:|---|---:|---|"]
    for run in measured:
        lines.append(f"| {run['name']} | {run['runs']} | {duration(run['median_s'])} | {duration(run['slowest_s'])} "
                     f"| {limit(run['target'])} | {len(run['errors'])} | {verdict(run['misses'])} |")
    return lines


def against_previous(comparison: dict | None) -> list[str]:
    if not comparison:
        return []
    before_health, now_health = comparison["health"]
    lines = [
        "", f"## Against the previous run (commit {comparison['commit']})", "",
        f"Medians with 1 client. The health check went from {duration(before_health)} to {duration(now_health)}; "
        "each page's change is net of that drift, and a page is slower when it grew more than "
        f"{ALLOWED:.0%} beyond it.", "",
        "| page | before | now | change, net of the health check | verdict |", "|---|---:|---:|---:|---|",
    ]
    for page in comparison["pages"]:
        lines.append(f"| {page['name']} | {duration(page['before'])} | {duration(page['now'])} "
                     f"| {page['change']:+.0%} | {page['verdict']} |")
    return lines


def write(run: dict, stem: str, folder: Path = RESULTS, render=None) -> tuple[Path, Path]:
    """The run as <stem>.md (drawn by ``render``, the benchmark's tables by default) and <stem>.json."""
    folder.mkdir(parents=True, exist_ok=True)
    md, js = folder / f"{stem}.md", folder / f"{stem}.json"
    # Written beside and then renamed: an interrupted run never leaves half a file in place of the last one.
    for path, text in ((md, (render or markdown)(run)), (js, json.dumps(run, indent=2, default=str) + "\n")):
        partial = path.with_suffix(path.suffix + ".tmp")
        partial.write_text(text)
        partial.replace(path)
    return md, js
