#!/usr/bin/env python3
"""Prepares the parameters of every search shape from the providers of a benchmark database, the same ones
for both sides: a table bench.SHAPE (n, values) that the shape's pgbench script reads a random row of, and a
file SHAPE.paths of request paths that wrk picks from at random.

    python3 bench/lib/params.py --database cf_bench --url http://127.0.0.1:PORT --out DIR [--count 1000]

Parameters are drawn from published providers, so that searches fall where the providers are (many in the
big cities, few in the towns). The 50th pages are reached by following the service's own cursors.
"""
import argparse
import json
import os
import random
import re
import subprocess
import urllib.parse
import urllib.request

PAGE_SIZE = 20  # openapi.yaml's default limit
PAGE = 50
HONORIFICS = {"dr", "dr.", "dra.", "med.", "the", "nurse", "de", "la", "du", "am", "&", "and", "for", "für"}


class Database:
    def __init__(self, name, host, port, user, password):
        self.name = name
        self.base = ["psql", "-w", "-X", "-h", host, "-p", str(port), "-U", user, "-d", name, "-v",
                     "ON_ERROR_STOP=1", "-Atq"]
        self.environment = dict(os.environ, PGPASSWORD=password)

    def rows(self, sql):
        output = subprocess.run(self.base + ["-F", "\t", "-c", sql], env=self.environment, check=True,
                                capture_output=True, text=True).stdout
        return [line.split("\t") for line in output.splitlines() if line]

    def script(self, text):
        """Runs psql's script text; its output lines."""
        output = subprocess.run(self.base, env=self.environment, check=True, input=text, capture_output=True,
                                text=True).stdout
        return [line for line in output.splitlines() if line]

    def run(self, sql, stdin=None):
        subprocess.run(self.base + ["-c", sql], env=self.environment, check=True, input=stdin, text=True,
                       capture_output=True)

    def table(self, shape, columns, rows):
        """bench.SHAPE (n, columns...) holding rows, numbered from 1."""
        definition = ", ".join(f"{name} {kind}" for name, kind in columns)
        self.run(f"CREATE SCHEMA IF NOT EXISTS bench; DROP TABLE IF EXISTS bench.{shape};"
                 f" CREATE TABLE bench.{shape} (n integer PRIMARY KEY, {definition})")
        lines = []
        for n, row in enumerate(rows, 1):
            cells = [str(n)] + ["\\N" if value is None else copy_text(str(value)) for value in row]
            lines.append("\t".join(cells))
        self.run(f"COPY bench.{shape} FROM STDIN", "\n".join(lines) + "\n")
        self.run(f"ANALYZE bench.{shape}")


def copy_text(value):
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def pg_array(value):
    return "{" + value + "}"


def path(**query):
    return "/api/v1/providers?" + urllib.parse.urlencode(query, quote_via=urllib.parse.quote)


def sample(db, count, columns, where="true"):
    """count published providers at random (a provider in a big city is as likely as any other)."""
    return db.rows(f"SELECT {columns} FROM provider p WHERE p.published AND {where}"
                   f" ORDER BY md5(p.id::text) LIMIT {count}")


def text_query(rng, name, city):
    """What people type: a place, or two words of a provider's name."""
    if rng.random() < 0.4:
        return city
    words = [word for word in name.split() if word.lower() not in HONORIFICS and len(word) > 1]
    if len(words) <= 2:
        return " ".join(words) or city
    start = rng.randrange(len(words) - 1)
    return " ".join(words[start:start + 2])


TIERS = 5  # ProviderSearchQueries.RELEVANCE_TIERS


def relevance_fetches(db, queries):
    """For each search, whether its name tiers walk words (search_walked_words() is not NULL: the script's
    `\\if :walks`) and the rows the service asks each relevance tier after the first for on a first page (0:
    the tier is not run), as the text script's \\if blocks need them: the service runs a tier's statement only
    when the tiers before it leave room on the page. Found by running the script's own statements, of the
    `\\if :walks` alternatives the one the search takes."""
    lines, statements, walk_blocks = [], [], []
    with open("bench/sql/text.sql", encoding="utf-8") as script:
        current = []
        for line in script:
            if line.startswith("\\"):
                # psql's \if takes the walk alternatives as pgbench does; the other conditions are the fetches.
                if line.startswith("\\if"):
                    walk_blocks.append(line.startswith("\\if :walks"))
                if line.startswith(("\\if", "\\else", "\\endif")) and walk_blocks[-1]:
                    statements.append((line.strip(), None))
                if line.startswith("\\endif"):
                    walk_blocks.pop()
                continue
            current.append(line)
            text = "".join(current).rstrip()
            for end in (";", "\\gset"):
                if text.endswith(end):
                    statements.append((text[: -len(end)].strip(), end))
                    current = []
                    break
    statements = [(sql, end) for sql, end in statements if "FROM bench." not in sql]
    for q in queries:
        lines.append("\\set p_q '" + q.replace("\\", "\\\\").replace("'", "''") + "'")
        lines.append("SELECT (search_walked_words(:'p_q') IS NOT NULL)::int AS walks \\gset")
        lines.append("\\echo :walks")
        for sql, end in statements:
            if end is None:
                lines.append(sql)
                continue
            # Every tier as it runs when it is asked for a whole page; pgbench's :variables as psql's.
            sql = re.sub(r"(?<!:):(limit|fetch[0-9])\b", str(PAGE_SIZE + 1), sql)
            sql = re.sub(r"(?<!:):([a-z_][a-z0-9_]*)", r":'\1'", sql)
            lines.append(sql + " \\gset" if end != ";" else f"SELECT count(*) FROM ({sql}) tier;")
    counts = [int(line) for line in db.script("\n".join(lines) + "\n")]
    per_query = len(counts) // len(queries)
    if per_query != TIERS + 1:
        raise SystemExit(f"bench/sql/text.sql runs {per_query - 1} relevance tiers, not {TIERS}")
    rows = []
    for n in range(len(queries)):
        walks, first, *others = counts[n * per_query:(n + 1) * per_query]
        room = PAGE_SIZE + 1 - first
        row = [walks]
        for count in others:
            row.append(max(room, 0))
            room -= min(max(room, 0), count)
        rows.append(row)
    return rows


def forwarded_addresses():
    """Client addresses for X-Forwarded-For, one a request: the benchmarking range 198.18.0.0/15 (RFC 2544),
    from its end, away from those bench/lib/soak.lua gives its clients."""
    number = 2 ** 17
    while True:
        number -= 1
        yield f"198.{18 + number // 65536}.{number // 256 % 256}.{number % 256}"


def walk_to_page(url, query, addresses=None):
    """The cursor of the PAGE-th page of a search, by following nextCursor from its first page; each request
    from the next of addresses, when given."""
    cursor = None
    for _ in range(PAGE - 1):
        target = urllib.request.Request(url + path(**query, **({"cursor": cursor} if cursor else {})))
        if addresses:
            target.add_header("X-Forwarded-For", next(addresses))
        with urllib.request.urlopen(target, timeout=30) as response:
            cursor = json.load(response).get("nextCursor")
        if not cursor:
            return None
    return cursor


def prepare(db, url, out, count, cursor_searches, rng, addresses):
    os.makedirs(out, exist_ok=True)
    shapes = {}

    rows = sample(db, count, "p.country, p.city")
    db.table("city", [("country", "text"), ("city", "text")], [(c, city) for c, city in rows])
    shapes["city"] = [path(country=c, city=city) for c, city in rows]

    rows = sample(db, count, "p.country, p.treatments[1 + abs(hashtext(p.id::text)) % cardinality(p.treatments)]",
                  "cardinality(p.treatments) > 0")
    db.table("treatment", [("country", "text"), ("treatment", "text")],
             [(c, pg_array(t)) for c, t in rows])
    shapes["treatment"] = [path(country=c, treatment=t) for c, t in rows]

    rows = sample(db, count, "p.name, p.city")
    queries = [text_query(rng, name, city) for name, city in rows]
    db.table("text", [("q", "text"), ("walks", "integer")] + [(f"fetch{tier}", "integer") for tier in range(1, TIERS)],
             [(q, *fetches) for q, fetches in zip(queries, relevance_fetches(db, queries))])
    shapes["text"] = [path(q=q) for q in queries]

    rows = sample(db, count, "p.latitude, p.longitude", "p.latitude IS NOT NULL")
    points = [(round(float(lat) + rng.uniform(-0.01, 0.01), 5), round(float(lon) + rng.uniform(-0.01, 0.01), 5))
              for lat, lon in rows]
    db.table("nearby", [("lat", "double precision"), ("lon", "double precision")], points)
    shapes["nearby"] = [path(lat=lat, lon=lon, radiusKm=25, sort="distance") for lat, lon in points]

    rows = sample(db, count, "p.country")
    db.table("facets", [("country", "text")], [(c,) for (c,) in rows])
    shapes["facets"] = [path(country=c, facets="treatment,language,kind") for (c,) in rows]

    rows = sample(db, count, "p.id")
    db.table("detail", [("id", "uuid")], rows)
    shapes["detail"] = ["/api/v1/providers/" + id for (id,) in rows]

    # The 50th page of a country's providers by name, for the countries that have one; of the whole directory
    # where none has (small sizes). Its pgbench script differs accordingly.
    position = (PAGE - 1) * PAGE_SIZE
    countries = [c for (c,) in db.rows(
        f"SELECT country FROM provider WHERE published GROUP BY country HAVING count(*) > {position}"
        f" ORDER BY count(*) DESC LIMIT {cursor_searches}")]
    pages = []
    for country in countries:
        cursor = walk_to_page(url, {"country": country}, addresses)
        key, id = db.rows(f"SELECT name_key, id FROM provider WHERE published AND country = '{country}'"
                          f" ORDER BY name_key, id OFFSET {position - 1} LIMIT 1")[0]
        pages.append(((country, key, id), path(country=country, cursor=cursor)))
    script = "page50"
    if not pages:
        script = "page50-all"
        cursor = walk_to_page(url, {}, addresses)
        if cursor is None:
            raise SystemExit(f"page50: the directory has fewer than {position + 1} providers")
        key, id = db.rows(f"SELECT name_key, id FROM provider WHERE published ORDER BY name_key, id"
                          f" OFFSET {position - 1} LIMIT 1")[0]
        pages.append(((None, key, id), "/api/v1/providers?" + urllib.parse.urlencode({"cursor": cursor})))
    db.table("page50", [("country", "text"), ("sort_key", "text"), ("id", "uuid")], [p[0] for p in pages])
    shapes["page50"] = [p[1] for p in pages]
    with open(os.path.join(out, "page50.script"), "w", encoding="utf-8") as script_file:
        script_file.write(script + "\n")

    for shape, paths in shapes.items():
        with open(os.path.join(out, shape + ".paths"), "w", encoding="utf-8") as paths_file:
            paths_file.write("\n".join(paths) + "\n")
        with open(os.path.join(out, shape + ".count"), "w", encoding="utf-8") as count_file:
            count_file.write(f"{len(paths)}\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", default=5432)
    parser.add_argument("--user", default="clinic_finder")
    parser.add_argument("--password", default="clinic_finder")
    parser.add_argument("--url", required=True, help="the running service")
    parser.add_argument("--out", required=True)
    parser.add_argument("--count", type=int, default=1000, help="parameter sets per shape")
    parser.add_argument("--cursor-searches", type=int, default=13, help="distinct 50th pages at most")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--forwarded-for", action="store_true",
                        help="each request to the service from another address, in X-Forwarded-For: for a service "
                             "behind a proxy that counts every address at its own rate (bench/soak)")
    args = parser.parse_args()
    db = Database(args.database, args.host, args.port, args.user, args.password)
    prepare(db, args.url, args.out, args.count, args.cursor_searches, random.Random(args.seed),
            forwarded_addresses() if args.forwarded_for else None)


if __name__ == "__main__":
    main()
