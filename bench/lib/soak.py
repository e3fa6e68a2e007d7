#!/usr/bin/env python3
"""The soak's helpers (bench/soak): the request lists of its client classes, the sampler of the service's
memory, threads and connection pool, and the judgement written into docs/soak.md.

    python3 bench/lib/soak.py prepare --params DIR --url URL --out DIR --key KEY --limited-key KEY
    python3 bench/lib/soak.py sample --pid PID --url URL --out FILE --interval S --gc-interval S --stop FILE
    python3 bench/lib/soak.py report --results DIR --output FILE   (exit 1 when a criterion fails)
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from report import machine_rows, number, read_env, write_sections  # noqa: E402

SHAPES = ["city", "treatment", "text", "nearby", "facets", "detail", "page50"]
# Answers every client may get; the deliberate classes may also get their own 429.
ACCEPTED = re.compile(r"^(2\d\d|304)$")
CONDITIONAL_PATHS = 300
# The memory judgement: over the second half of the load (the first is the warm-up: the heap grows toward
# what the load needs, the JIT compiles), the rise of a least-squares line through the samples, against a
# tolerance (see judge_memory).
LIVE_TOLERANCE = 0.05
RSS_TOLERANCE = 0.05
# The rate counters live one window (a minute), so their number reaches its steady state a minute into the
# load, and the JIT compiles the request paths within the first two: a shorter load (--smoke) has no steady
# second half to judge.
JUDGED_LOAD_SECONDS = 240

HEADER = """# Soak

The service under 32 connections of mixed traffic for 10 minutes on 100,000 providers, run by
[bench/soak](../bench/README.md#soak): whether every answer is one a client should get, whether memory keeps
growing, and whether database connections leak. Notes written by hand outside the marked section are kept
when the script rewrites it.
"""


# --- prepare -------------------------------------------------------------------------------------------------

def addresses(first, count):
    """count addresses from first (a dotted quad), in order."""
    a, b, c, d = (int(part) for part in first.split("."))
    start = ((a * 256 + b) * 256 + c) * 256 + d
    for n in range(start, start + count):
        yield f"{n >> 24 & 255}.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"


def etag(url, path, address):
    request = urllib.request.Request(url + path, headers={"X-Forwarded-For": address})
    with urllib.request.urlopen(request, timeout=30) as response:
        tag = response.headers.get("ETag")
    if not tag:
        raise SystemExit(f"soak: {path} answered without an ETag")
    return tag


def prepare(args):
    paths = []
    for shape in SHAPES:
        with open(os.path.join(args.params, shape + ".paths"), encoding="utf-8") as source:
            paths += [line.strip() for line in source if line.strip()]
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "searches.requests"), "w", encoding="utf-8") as out:
        out.write("\n".join(paths) + "\n")
    # Revalidations: a browser or proxy that holds an answer asks again with its ETag; the answer is unchanged,
    # so 304. The ETags are fetched now, each from an address of its own (198.19.128.0/17, used by no class).
    rng = random.Random(args.seed)
    chosen = rng.sample(paths, min(CONDITIONAL_PATHS, len(paths)))
    with open(os.path.join(args.out, "conditional.requests"), "w", encoding="utf-8") as out:
        for path, address in zip(chosen, addresses("198.19.128.0", len(chosen))):
            out.write(f"{path}\t{etag(args.url, path, address)}\n")


# --- sample --------------------------------------------------------------------------------------------------

METRIC = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+)')


def metrics(url):
    """/q/metrics as {name: [(labels, value)]}."""
    with urllib.request.urlopen(url + "/q/metrics", timeout=10) as response:
        text = response.read().decode("utf-8")
    found = {}
    for line in text.splitlines():
        match = METRIC.match(line)
        if match:
            found.setdefault(match.group(1), []).append((match.group(2) or "", float(match.group(3))))
    return found


def total(found, name, label=""):
    values = [value for labels, value in found.get(name, []) if label in labels]
    return sum(values) if values else None


def proc_status(pid):
    fields = {}
    with open(f"/proc/{pid}/status", encoding="utf-8") as status:
        for line in status:
            key, _, value = line.partition(":")
            fields[key] = value.split()[0] if value.split() else ""
    return fields


COLUMNS = ["seconds", "rss_kb", "threads", "jvm_threads", "heap_used", "heap_committed", "nonheap_used",
           "live_after_gc", "agroal_active", "agroal_available", "agroal_awaiting", "agroal_max_used",
           "agroal_leak_detection", "agroal_acquire", "agroal_creation", "agroal_destroy", "http_requests"]


def sample(args):
    jcmd = os.path.join(os.environ["JAVA_HOME"], "bin", "jcmd") if os.environ.get("JAVA_HOME") else "jcmd"
    last_gc = time.monotonic()
    with open(args.out, "w", encoding="utf-8") as out:
        out.write("\t".join(COLUMNS) + "\n")
        while not os.path.exists(args.stop):
            now = time.monotonic()
            live = ""
            if now - last_gc >= args.gc_interval:
                # A full collection, then the heap it left: the live data, without the garbage that has not
                # been collected yet. The serial collector's own full collections are rare under this load.
                try:
                    subprocess.run([jcmd, str(args.pid), "GC.run"], check=False, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, timeout=60)
                    live = "gc"
                except subprocess.TimeoutExpired:
                    pass  # no collection this time; the next sample tries again
                last_gc = now
            try:
                status = proc_status(args.pid)
                found = metrics(args.url)
            except (OSError, urllib.error.URLError):
                break
            if live:
                live = total(found, "jvm_gc_live_data_size_bytes")
                if live is None:
                    live = total(found, "jvm_memory_used_bytes", 'area="heap"')
            row = {
                "seconds": round(time.time(), 1),
                "rss_kb": status.get("VmRSS"),
                "threads": status.get("Threads"),
                "jvm_threads": total(found, "jvm_threads_live_threads"),
                "heap_used": total(found, "jvm_memory_used_bytes", 'area="heap"'),
                "heap_committed": total(found, "jvm_memory_committed_bytes", 'area="heap"'),
                "nonheap_used": total(found, "jvm_memory_used_bytes", 'area="nonheap"'),
                "live_after_gc": live,
                "agroal_active": total(found, "agroal_active_count"),
                "agroal_available": total(found, "agroal_available_count"),
                "agroal_awaiting": total(found, "agroal_awaiting_count"),
                "agroal_max_used": total(found, "agroal_max_used_count"),
                "agroal_leak_detection": total(found, "agroal_leak_detection_count_total"),
                "agroal_acquire": total(found, "agroal_acquire_count_total"),
                "agroal_creation": total(found, "agroal_creation_count_total"),
                "agroal_destroy": total(found, "agroal_destroy_count_total"),
                "http_requests": total(found, "http_server_requests_seconds_count"),
            }
            out.write("\t".join("" if row[c] is None else str(row[c]) if c == "seconds"
                                 else f"{row[c]:.0f}" if isinstance(row[c], float) else str(row[c])
                                 for c in COLUMNS) + "\n")
            out.flush()
            elapsed = time.monotonic() - now
            time.sleep(max(0.0, args.interval - elapsed))


# --- report --------------------------------------------------------------------------------------------------

def read_samples(path):
    with open(path, encoding="utf-8") as source:
        header = source.readline().rstrip("\n").split("\t")
        rows = []
        for line in source:
            cells = line.rstrip("\n").split("\t")
            rows.append({name: (float(cell) if cell else None) for name, cell in zip(header, cells)})
    return rows


def fit(points):
    """Least-squares slope (per second) and mean of (seconds, value) points."""
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    sxx = sum((x - mean_x) ** 2 for x, _ in points)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / sxx if sxx else 0.0
    return slope, mean_y


def fit2(points):
    """Least-squares fit of y = a + b x + c z to (x, y, z) points: (b, c); b alone when z does not vary."""
    n = len(points)
    mx, my, mz = (sum(p[i] for p in points) / n for i in range(3))
    sxx = sum((x - mx) ** 2 for x, _, _ in points)
    szz = sum((z - mz) ** 2 for _, _, z in points)
    sxz = sum((x - mx) * (z - mz) for x, _, z in points)
    sxy = sum((x - mx) * (y - my) for x, y, _ in points)
    szy = sum((z - mz) * (y - my) for _, y, z in points)
    determinant = sxx * szz - sxz ** 2
    if szz == 0 or abs(determinant) < 1e-9 * sxx * szz:
        return (sxy / sxx if sxx else 0.0), 0.0
    return (sxy * szz - szy * sxz) / determinant, (szy * sxx - sxy * sxz) / determinant


def recent_rate(samples, at, window=60):
    """Requests a second the service answered in the window before at (its http_server_requests count)."""
    now = [row for row in samples if row["seconds"] <= at and row["http_requests"] is not None]
    before = [row for row in now if row["seconds"] <= at - window]
    if not now or not before:
        return None
    return (now[-1]["http_requests"] - before[-1]["http_requests"]) / (now[-1]["seconds"] - before[-1]["seconds"])


def series(samples, column, start, end):
    return [(row["seconds"], row[column]) for row in samples
            if row[column] is not None and start <= row["seconds"] <= end]


def mib(value):
    return value / 1024 / 1024


def judge_memory(samples, load_start, load_end, requests_per_second, judged):
    """Live heap after a full collection and RSS over the second half of the load: each line's rise across
    the half within its tolerance. Returns (rows of the table, passed)."""
    half_start = load_start + (load_end - load_start) / 2
    span = load_end - half_start
    rows, passed = [], True

    def met(ok):
        return verdict(ok) if judged else "not judged"

    live = [(x, y, recent_rate(samples, x)) for x, y in series(samples, "live_after_gc", half_start, load_end)]
    live = [point for point in live if point[2] is not None]
    if len(live) >= 4:
        mean = sum(y for _, y, _ in live) / len(live)
        plain = fit([(x, y) for x, y, _ in live])[0] * span
        # The rate counters hold each client seen in the last window (a minute): the live heap follows the
        # request rate of the last minute, which drifts on a shared machine. A leak grows with time whatever that
        # rate: the line is fitted on both, and the rise judged is time's.
        slope, per_rate = fit2(live)
        rise = slope * span
        ok = rise <= LIVE_TOLERANCE * mean
        per_request = slope / requests_per_second if requests_per_second else 0
        rows.append(f"| live heap after a full collection ({len(live)} collections) | {mib(live[0][1]):.1f} → "
                    f"{mib(live[-1][1]):.1f} MiB | {mib(rise):+.2f} MiB ({rise / mean:+.1%}; "
                    f"{per_request:+.1f} bytes a request), the request rate of the last minute apart "
                    f"({per_rate / 1024:+.1f} KiB a request/s); {mib(plain):+.2f} MiB ({plain / mean:+.1%}) with it "
                    f"| {LIVE_TOLERANCE:.0%} of the mean, {mib(mean):.1f} MiB | {met(ok)} |")
        passed &= ok
    else:
        rows.append("| live heap after a full collection | fewer than 4 collections in the second half | | | **no** |")
        passed = False
    rss = [(x, y * 1024) for x, y in series(samples, "rss_kb", half_start, load_end)]
    committed = series(samples, "heap_committed", half_start, load_end)
    if len(rss) >= 3 and len(committed) >= 3:
        slope, mean = fit(rss)
        heap_slope, _ = fit(committed)
        rise = slope * span
        heap_rise = heap_slope * span
        # Heap the JVM commits as it sizes itself toward -Xmx is bounded by -Xmx and judged by the live heap;
        # what RSS gains beyond it is memory outside the heap.
        beyond = rise - max(heap_rise, 0.0)
        ok = beyond <= RSS_TOLERANCE * mean
        rows.append(f"| RSS ({len(rss)} samples) | {mib(rss[0][1]):.0f} → {mib(rss[-1][1]):.0f} MiB | "
                    f"{mib(rise):+.1f} MiB, of which heap committed {mib(heap_rise):+.1f} MiB: "
                    f"{mib(beyond):+.1f} MiB beyond the heap ({beyond / mean:+.1%}) | "
                    f"{RSS_TOLERANCE:.0%} of the mean, {mib(mean):.0f} MiB | {met(ok)} |")
        passed &= ok
    else:
        rows.append("| RSS | fewer than 3 samples in the second half | | | **no** |")
        passed = False
    return rows, passed


def verdict(ok):
    return "pass" if ok else "**FAIL**"


def report(args):
    env = read_env(os.path.join(args.results, "run.env"))
    with open(os.path.join(args.results, "classes.json"), encoding="utf-8") as source:
        classes = json.load(source)
    samples = read_samples(os.path.join(args.results, "samples.tsv"))
    load_start, load_end = float(env["load_start"]), float(env["load_end"])
    failures = []

    # 1. Answers.
    class_rows, totals, unexpected, deliberate = [], {}, 0, 0
    for client in classes:
        with open(os.path.join(args.results, client["name"] + ".json"), encoding="utf-8") as source:
            figures = json.loads(source.read())
        statuses = dict(figures["statuses"])
        for status, count in statuses.items():
            totals[status] = totals.get(status, 0) + count
        bad = sum(count for status, count in statuses.items()
                  if not (ACCEPTED.match(status) or (status == "429 deliberate" and client["deliberate"])))
        bad += figures["socket_errors"] + figures["timeouts"]
        unexpected += bad
        if client["deliberate"]:
            deliberate += statuses.get("429 deliberate", 0)
            if not statuses.get("429 deliberate"):
                failures.append(f"{client['name']}: no deliberate 429")
        totals["socket errors"] = totals.get("socket errors", 0) + figures["socket_errors"]
        totals["timeouts"] = totals.get("timeouts", 0) + figures["timeouts"]
        seconds = figures["duration_us"] / 1e6
        class_rows.append(
            f"| {client['name']} | {client['description']} | {client['connections']} | {number(figures['requests'])} "
            f"| {number(figures['requests'] / seconds)} | "
            + ", ".join(f"{status}: {number(count)}" for status, count in sorted(statuses.items()))
            + f" | {figures['p50_us'] / 1000:.1f} / {figures['p99_us'] / 1000:.1f} | {number(bad)} |")
    requests = sum(count for status, count in totals.items() if status not in ("socket errors", "timeouts"))
    answers_ok = unexpected == 0 and not [f for f in failures if "deliberate" in f]
    if unexpected:
        failures.append(f"{unexpected} unexpected answers")

    # 2. Memory.
    rps = requests / (load_end - load_start)
    memory_judged = load_end - load_start >= JUDGED_LOAD_SECONDS
    memory_rows, memory_ok = judge_memory(samples, load_start, load_end, rps, memory_judged)
    if memory_judged and not memory_ok:
        failures.append("memory grows")
    memory_verdict = verdict(memory_ok) if memory_judged else (
        f"not judged: a load shorter than {JUDGED_LOAD_SECONDS} s has no steady second half")

    # 3. Connections.
    during = [row for row in samples if load_start <= row["seconds"] <= load_end]
    after = [row for row in samples if row["seconds"] > load_end + 2]
    max_active = max((row["agroal_active"] or 0 for row in during), default=0)
    max_awaiting = max((row["agroal_awaiting"] or 0 for row in during), default=0)
    max_used = max((row["agroal_max_used"] or 0 for row in samples), default=0)
    active_after = after[-1]["agroal_active"] if after else None
    leaks = max((row["agroal_leak_detection"] or 0 for row in samples), default=0)
    acquisition_failures = int(env.get("acquisition_failures", "0"))
    metrics_present = any(row["agroal_active"] is not None for row in samples)
    pool_ok = (metrics_present and active_after == 0 and leaks == 0 and acquisition_failures == 0
               and totals.get("503", 0) == 0 and totals.get("500", 0) == 0)
    if not pool_ok:
        failures.append("connections")

    threads = [row["threads"] for row in during if row["threads"] is not None]
    live_threads = f"{min(threads):.0f} to {max(threads):.0f}" if threads else "?"

    status_cells = ", ".join(f"{status}: {number(count)}" for status, count in sorted(totals.items()) if count)
    section = f"""## Last run

| | |
|---|---|
{machine_rows(env)}
| Load generator | {env['wrk']}, one process a client class |
| Load average | {env['load_before']} before, {env['load_after']} after |
| Providers | {number(int(env['rows']))} |
| Load | {env['connections']} connections for {number(int(env['duration']))} s |
| Service settings | as in production (application.properties), with `{env['service_settings']}` |

### Answers

| Class | Clients | Connections | Requests | Requests/s | Answers | wrk's p50 / p99 ms (not judged) | Unexpected |
|---|---|---:|---:|---:|---|---:|---:|
{chr(10).join(class_rows)}

All answers: {status_cells}. A 429 is deliberate only in the two classes meant to exceed a limit, and only
when its problem detail names the limit that class exceeds (the anonymous rate of an address, the rate of a
key); any other 429, in another class or naming another limit (a visitor's share of a key, the key lookups of
an address), is unexpected, as is any other status, socket error or timeout.

### Criteria

| Criterion | Measured | Met |
|---|---|---|
| 1. no answers other than 2xx, 304 and deliberate 429s (socket errors and timeouts count as failures) | {number(unexpected)} unexpected of {number(requests)}; {number(deliberate)} deliberate 429 | {verdict(answers_ok)} |
| 2. no upward memory trend (below) | live heap and RSS over the second half | {memory_verdict} |
| 3. no connection leaks | active after the load: {'?' if active_after is None else f'{active_after:.0f}'}; Agroal leak detections: {leaks:.0f}; failed acquisitions logged: {acquisition_failures}; 500/503 answers: {totals.get('500', 0) + totals.get('503', 0)} | {verdict(pool_ok)} |

Memory, over the second half of the load ({(load_end - load_start) / 2:.0f} s; the first is the warm-up). The live
heap is what a full collection, forced every {env.get('gc_interval', '?')} s (`jcmd PID GC.run`), leaves: what the
service retains, without the garbage not yet collected; a leak inside the heap shows there. Part of it is the
rate limits' counters, one a client seen in the last minute, so it follows the request rate of the last
minute: its line is fitted on time and on that rate, and the rise judged is time's. RSS may grow as
the JVM commits heap toward `-Xmx` (bounded, and judged by the live heap), so only what it gains beyond the
heap committed is judged: memory outside the heap. Each is judged on the rise of its least-squares line
across the half, against 5% of its mean: growth that slow would take {(load_end - load_start) / 2 / 0.05 / 60:.0f} minutes
or more to double, and a run of minutes cannot tell it from a cache still filling.

| Measure | First → last sample | Rise of the fitted line across the half | Tolerance | Met |
|---|---|---|---|---|
{chr(10).join(memory_rows)}

Connection pool during the load: at most {max_active:.0f} active (Agroal's own maximum: {max_used:.0f}), at most
{max_awaiting:.0f} requests waiting for one; threads of the process: {live_threads}.

**Result: {'pass' if not failures else 'FAIL (' + '; '.join(failures) + ')'}.**
"""
    write_sections(args.output, {"run": section}, ["run"], HEADER, prefix="soak")
    for failure in failures:
        print(f"soak: criterion failed: {failure}", file=sys.stderr)
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("prepare")
    p.add_argument("--params", required=True)
    p.add_argument("--url", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--seed", type=int, default=6)
    s = commands.add_parser("sample")
    s.add_argument("--pid", type=int, required=True)
    s.add_argument("--url", required=True)
    s.add_argument("--out", required=True)
    s.add_argument("--interval", type=float, default=5)
    s.add_argument("--gc-interval", type=float, default=30)
    s.add_argument("--stop", required=True, help="sampling ends when this file exists")
    r = commands.add_parser("report")
    r.add_argument("--results", required=True)
    r.add_argument("--output", required=True)
    args = parser.parse_args()
    if args.command == "prepare":
        prepare(args)
    elif args.command == "sample":
        sample(args)
    else:
        sys.exit(report(args))


if __name__ == "__main__":
    main()
