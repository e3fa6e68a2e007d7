#!/usr/bin/env python3
"""Writes bench/run's results as Markdown: one section a part, each with its figures, the targets
and whether they are met; and the growth plot through gnuplot.

    python3 bench/lib/report.py --results target/bench/results --output docs/benchmarks.md --plot docs/benchmarks-growth.png

A section lies between <!-- bench:NAME --> and <!-- /bench:NAME -->. When the output file exists, the sections
this run measured replace their earlier versions and everything else in the file stays as it was (notes
written by hand, sections of parts this run left out).
"""
import argparse
import json
import os
import re
import statistics
import subprocess

SECTIONS = ["machine", "import", "search", "startup", "growth"]
SHAPES = {
    "city": "country + city",
    "treatment": "country + treatment",
    "text": "free text `q` (by relevance)",
    "nearby": "lat/lon within 25 km, by distance",
    "facets": "country + facets treatment, language, kind",
    "detail": "detail by id",
    "page50": "50th page by cursor",
}
# The targets the service is held to, as ratios to PostgreSQL doing the same work on the same machine.
IMPORT_TARGET_ROWS = 1_000_000
COPY_RATIO = 0.5
UNCHANGED_SPEEDUP = 2.0
JOB_PEAK_MB = 400
SEARCH_RATIO = 0.5
SEARCH_P99_MS = 50
SEARCH_P99_ROWS = 100_000
SEARCH_P99_CONNECTIONS = 32
STARTUP_MS = 2500
STARTUP_RSS_MB = 250
GROWTH_FROM, GROWTH_TO, GROWTH_FACTOR = 100_000, 1_000_000, 3.0

HEADER = """# Benchmarks

The service against PostgreSQL's own speed on the same work: imports against raw `COPY`, searches under
`wrk` against their SQL under `pgbench`, startup, and search latency as the directory grows. Written by
[bench/run](../bench/README.md); each section says when and how it was measured. Notes written by hand
outside the marked sections are kept when the harness rewrites the file.
"""


def read_env(path):
    env = {}
    with open(path, encoding="utf-8") as source:
        for line in source:
            key, _, value = line.rstrip("\n").partition("=")
            env.setdefault(key, []).append(value)
    return {key: values if key == "parts" else values[-1] for key, values in env.items()}


def read_tsv(path):
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        return []
    with open(path, encoding="utf-8") as source:
        return [line.rstrip("\n").split("\t") for line in source if line.strip()]


def number(value, digits=0):
    return f"{value:,.{digits}f}"


def mb(kb):
    return kb * 1024 / 1_000_000


def verdict(ok):
    return "yes" if ok else "**no**"


def measured(env):
    return (f"Measured {env['date']} with `{env['command']}` at commit {env['commit']} "
            f"(load average {env['load_before']} before, {env['load_after']} after).")


def machine_rows(env):
    """The table rows saying when, where and with what a run measured (bench/lib/common.sh's machine_env)."""
    return f"""| Date | {env['date']} |
| Command | `{env['command']}` |
| Commit | {env['commit']} |
| CPU | {env['cpu']} |
| Memory | {env['memory']} |
| OS | {env['os']} |
| JDK | {env['jdk']} |
| Build | `{env.get('build') or 'target/quarkus-app (./mvnw package)'}` |
| JVM options | service `{env.get('service_jvm') or 'none'}`, import job `{env.get('job_jvm') or 'none'}` (scripts/clinic-finder); added by `--java-opts`: {env['java_opts']} |
| PostgreSQL | {env['postgres']} ({env['postgres_settings']}) |"""


def machine_section(env):
    return f"""## Machine and settings of the last run

| | |
|---|---|
{machine_rows(env)}
| Load generators | {env['wrk']}, {env['pgbench']} |
| Load average | {env['load_before']} before, {env['load_after']} after |

The service and the import job run as `scripts/clinic-finder` runs them (the launcher of the README, of
scripts/run and of the container image, with its JVM options) on the benchmark's own database, and with `CLINIC_FINDER_PARTNERS_ANONYMOUS_RATE={env['anonymous_rate']}`: the public API allows 60
requests a minute per client address, and every benchmark request comes from 127.0.0.1. Everything runs on
this one machine: the load generators share its cores with the service and PostgreSQL, on both sides of
every comparison.
"""


def import_section(env, rows):
    steps = {row[0]: row for row in rows}
    copy = steps["copy"]
    copy_rate = int(copy[1]) / float(copy[2])
    fresh_rate = int(steps["fresh"][1]) / float(steps["fresh"][2])
    labels = {"fresh": "job: fresh import into an empty directory",
              "copy": "psql `\\copy` of the same rows (raw COPY)",
              "unchanged": "job: the same file again (all unchanged)",
              "changed": "job: the file with 10% of its providers changed"}
    lines = ["| Step | Rows | Seconds | Rows/s | Ratio to raw COPY | Peak RSS (MB) | Providers inserted / updated / unchanged |",
             "|---|---:|---:|---:|---:|---:|---|"]
    peaks = []
    for step in ("fresh", "copy", "unchanged", "changed"):
        row = steps[step]
        count, seconds, peak = int(row[1]), float(row[2]), int(row[3] or 0)
        rate = count / seconds
        outcome = " / ".join(row[4:7]) if step != "copy" else f"{env.get('copy_indexes', '?')} indexes"
        if step != "copy":
            peaks.append(mb(peak))
        peak_cell = f"{mb(peak):.0f}" if step != "copy" else "–"
        lines.append(f"| {labels[step]} | {number(count)} | {seconds:.2f} | {number(rate)} | "
                     f"{rate / copy_rate:.2f} | {peak_cell} | {outcome} |")
    unchanged_rate = int(steps["unchanged"][1]) / float(steps["unchanged"][2])
    size = int(env.get("import_rows", env["rows"]))
    note = "" if size == IMPORT_TARGET_ROWS else (
        f"\nThese figures are for {number(size)} providers; the targets are set for {number(IMPORT_TARGET_ROWS)}, "
        "where the job's start (a JVM, about the same whatever the size) weighs far less.\n")
    targets = f"""| Target | Measured | Met |
|---|---:|---|
| fresh import at 50% or more of raw COPY's rows/s | {fresh_rate / copy_rate:.0%} | {verdict(fresh_rate / copy_rate >= COPY_RATIO)} |
| unchanged re-import at least twice as fast as the fresh import | {unchanged_rate / fresh_rate:.2f}x | {verdict(unchanged_rate / fresh_rate >= UNCHANGED_SPEEDUP)} |
| peak RSS of the job 400 MB or less | {max(peaks):.0f} MB | {verdict(max(peaks) <= JOB_PEAK_MB)} |
"""
    return f"""## Import

{measured(env)}

Each step is the wall time of one process, from its launch to its exit: the import job (`{env.get('import_command', 'import')}`,
the JVM's start included) or `psql -c "\\copy bench_copy (...) FROM FILE"`. The raw COPY loads the rows the
fresh import stored (exported with `COPY TO`) into `bench_copy (LIKE provider INCLUDING ALL)`: the same
columns, checks, generated columns and indexes. A checkpoint precedes each step. Peak RSS is the process's
VmHWM. MB are 10^6 bytes.

{chr(10).join(lines)}
{note}
{targets}"""


def wrk_figures(raw):
    figures = json.loads(raw)
    seconds = figures["duration_us"] / 1e6
    return {
        "rps": figures["requests"] / seconds,
        "p50": figures["p50_us"] / 1000,
        "p99": figures["p99_us"] / 1000,
        "errors": figures["status_errors"] + figures["socket_errors"] + figures["timeouts"],
        "requests": figures["requests"],
    }


def search_section(env, rows):
    size, connections = int(env["rows"]), int(env["connections"])
    p99_judged = size == SEARCH_P99_ROWS and connections == SEARCH_P99_CONNECTIONS
    lines = ["| Shape | Service req/s | p50 ms | p99 ms | Errors | pgbench tps | pgbench p50 ms | pgbench p99 ms | "
             "Ratio to pgbench | 50% or more | p99 under 50 ms |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"]
    for row in rows:
        shape, service = row[1], wrk_figures(row[2])
        tps, p50, p99, failed, _ = row[3].split()
        tps = float(tps)
        ratio = service["rps"] / tps if tps else 0
        errors = service["errors"] + int(failed)
        p99_met = verdict(service["p99"] < SEARCH_P99_MS) + ("" if p99_judged else " (not judged here)")
        lines.append(f"| {SHAPES[shape]} | {number(service['rps'])} | {service['p50']:.1f} | {service['p99']:.1f} | "
                     f"{errors} | {number(tps)} | {float(p50):.1f} | {float(p99):.1f} | {ratio:.2f} | "
                     f"{verdict(ratio >= SEARCH_RATIO and errors == 0)} | {p99_met} |")
    note = "" if p99_judged else (
        f"\nThe p99 target is set for {number(SEARCH_P99_ROWS)} providers and {SEARCH_P99_CONNECTIONS} connections; "
        f"this run had {number(size)} and {connections}.\n")
    return f"""## Search

{measured(env)}

{number(size)} providers. After {env['service_warmup']}s of every shape's requests mixed (the service warmed up, its
request paths compiled by the JIT), per shape, `wrk -t{env['threads']} -c{connections} -d{env['duration']}s --latency` (after
{env['warmup']}s of warm-up) requests paths drawn at random from a list prepared from the providers
(bench/lib/params.py), then `pgbench -M prepared -c{connections} -j{env['threads']} -T{env['duration']}` runs the
SQL the service runs for one request of the shape (bench/sql/SHAPE.sql) with parameters drawn from the same
list. Errors are non-2xx answers, socket errors and timeouts of wrk, and failed pgbench transactions; a shape
with errors does not meet its target.

{chr(10).join(lines)}
{note}"""


def startup_section(env, rows):
    lines = ["| Run | Launch to first 200 (ms) | RSS after the first request (MB) | Quarkus \"started in\" (s) |",
             "|---:|---:|---:|---:|"]
    times, rss = [], []
    for run, ms, kb, started in rows:
        times.append(int(ms))
        rss.append(mb(int(kb)))
        lines.append(f"| {run} | {number(int(ms))} | {mb(int(kb)):.0f} | {started or '?'} |")
    time_median, rss_median = statistics.median(times), statistics.median(rss)
    return f"""## Startup

{measured(env)}

From `scripts/clinic-finder` (the service) to the first 200 answer to
`GET /api/v1/providers?country=GB&city=London` (polled every 10 ms), against the benchmark's database of
{number(int(env['rows']))} providers with its schema up to date; then the process's VmRSS.

{chr(10).join(lines)}

| Target | Measured (median) | Met |
|---|---:|---|
| launch to first response 2.5 s or less | {time_median / 1000:.2f} s | {verdict(time_median <= STARTUP_MS)} |
| RSS after the first request 250 MB or less | {rss_median:.0f} MB | {verdict(rss_median <= STARTUP_RSS_MB)} |
"""


def growth_section(env, rows, plot, output):
    by_shape = {}
    for row in rows:
        by_shape.setdefault(row[1], {})[int(row[0])] = wrk_figures(row[2])
    sizes = sorted({int(row[0]) for row in rows})
    header = "| Shape | " + " | ".join(f"p50 / p99 ms at {number(size)}" for size in sizes)
    if GROWTH_FROM in sizes and GROWTH_TO in sizes:
        low, high = GROWTH_FROM, GROWTH_TO
    elif len(sizes) >= 2:
        low, high = sizes[-2], sizes[-1]
    else:
        low = high = None
    judged = low is not None
    if judged:
        header += f" | p50 {number(low)} → {number(high)} | p99 {number(low)} → {number(high)} | at most 3x"
    lines = [header + " |", "|---" * (1 + len(sizes) + (3 if judged else 0)) + "|"]
    plot_data = []
    for shape in SHAPES:
        figures = by_shape.get(shape)
        if not figures:
            continue
        cells = [f"{figures[s]['p50']:.1f} / {figures[s]['p99']:.1f}" if s in figures else "–" for s in sizes]
        if judged and low in figures and high in figures:
            p50 = figures[high]["p50"] / figures[low]["p50"]
            p99 = figures[high]["p99"] / figures[low]["p99"]
            cells += [f"{p50:.2f}x", f"{p99:.2f}x", verdict(p50 <= GROWTH_FACTOR)]
        lines.append(f"| {SHAPES[shape]} | " + " | ".join(cells) + " |")
        plot_data.append((shape, [(s, figures[s]["p50"], figures[s]["p99"]) for s in sizes if s in figures]))
    note = "" if (low, high) == (GROWTH_FROM, GROWTH_TO) else (
        f"\nThe growth target is set from {number(GROWTH_FROM)} to {number(GROWTH_TO)} providers; this run measured "
        + ", ".join(number(s) for s in sizes) + ".\n")
    draw(plot_data, plot, f"wrk, {env['connections']} connections, {env['duration']} s a shape; {env['date']}")
    image = os.path.relpath(plot, os.path.dirname(os.path.abspath(output)))
    return f"""## Growth

{measured(env)}

Per shape, the same wrk runs as in the search part against directories of each size (each its own database,
generated with the same seed and loaded by the import job). The slowdown is judged on p50.

{chr(10).join(lines)}
{note}
![Search latency by directory size]({image})
"""


def draw(plot_data, plot, subtitle):
    data = plot + ".dat"
    with open(data, "w", encoding="utf-8") as out:
        for shape, points in plot_data:
            out.write(f"# {shape}\n")
            for size, p50, p99 in points:
                out.write(f"{size} {p50} {p99}\n")
            out.write("\n\n")
    titles = " ".join(shape for shape, _ in plot_data)
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "growth.gp")
    subprocess.run(["gnuplot", "-e", f"data='{data}'; out='{plot}'; titles='{titles}'; subtitle='{subtitle}'",
                    script], check=True)
    os.remove(data)


def merge(existing, sections, order, header, prefix):
    """The existing text with the measured sections replaced, or inserted in their place among the others."""
    text = existing if existing.strip() else header
    for name in order:
        if name not in sections:
            continue
        block = f"<!-- {prefix}:{name} -->\n{sections[name].rstrip()}\n<!-- /{prefix}:{name} -->"
        pattern = re.compile(rf"<!-- {prefix}:{name} -->.*?<!-- /{prefix}:{name} -->", re.S)
        if pattern.search(text):
            text = pattern.sub(lambda _: block, text)
            continue
        later = [n for n in order[order.index(name) + 1:] if f"<!-- {prefix}:{n} -->" in text]
        if later:
            marker = f"<!-- {prefix}:{later[0]} -->"
            text = text.replace(marker, block + "\n\n" + marker, 1)
        else:
            text = text.rstrip() + "\n\n" + block + "\n"
    return text


def write_sections(output, sections, order, header, prefix="bench"):
    """Rewrites the named sections of output (between <!-- PREFIX:NAME --> and <!-- /PREFIX:NAME -->, in the
    given order), keeping everything else; a new file starts with header."""
    existing = ""
    if os.path.exists(output):
        with open(output, encoding="utf-8") as source:
            existing = source.read()
    os.makedirs(os.path.dirname(os.path.abspath(output)), exist_ok=True)
    with open(output, "w", encoding="utf-8") as out:
        out.write(merge(existing, sections, order, header, prefix))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--results", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--plot", required=True)
    args = parser.parse_args()
    env = read_env(os.path.join(args.results, "run.env"))
    parts = env.get("parts", [])
    sections = {"machine": machine_section(env)}
    if "import" in parts:
        sections["import"] = import_section(env, read_tsv(os.path.join(args.results, "import.tsv")))
    if "search" in parts:
        sections["search"] = search_section(env, read_tsv(os.path.join(args.results, "search.tsv")))
    if "startup" in parts:
        sections["startup"] = startup_section(env, read_tsv(os.path.join(args.results, "startup.tsv")))
    if "growth" in parts:
        sections["growth"] = growth_section(env, read_tsv(os.path.join(args.results, "growth.tsv")), args.plot,
                                            args.output)
    write_sections(args.output, sections, SECTIONS, HEADER)


if __name__ == "__main__":
    main()
