#!/usr/bin/env python3
"""Writes N fictional providers in the import job's canonical CSV columns, for the benchmarks, and the same
list with a tenth of its providers changed.

    python3 bench/generate.py --rows 100000 --output providers.csv --changed-output providers-changed.csv

The places are those of the sample directory (scripts/generate-sample-data.py: real cities at their real
coordinates, postcodes, dialling codes and time zones) and a long tail of invented small towns near them.
Providers fall on countries by weight and on the places of a country by a Zipf law, so that the big cities
hold many and most towns a few. Values are written the ways lists write them: vocabulary slugs or their
synonyms from src/main/resources/ingest/vocabulary.txt, language codes or names, country codes or names,
phones with and without spaces, and optional fields left empty at realistic rates. Every row is one the
import job accepts. The same seed writes the same files.
"""
import argparse
import bisect
import csv
import importlib.util
import itertools
import math
import os
import random

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VOCABULARY_PATH = os.path.join(ROOT, "src", "main", "resources", "ingest", "vocabulary.txt")


def load_sample_generator():
    spec = importlib.util.spec_from_file_location(
        "sample", os.path.join(ROOT, "scripts", "generate-sample-data.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


sample = load_sample_generator()

# Share of the directory per country, and how many invented towns make its long tail.
COUNTRY_WEIGHTS = {"US": 26, "GB": 14, "DE": 12, "FR": 8, "AU": 8, "CA": 7, "ES": 6, "NL": 4, "IE": 3, "CH": 3,
                   "AT": 3, "ZA": 3, "NZ": 3}
TOWNS = {"US": 400, "GB": 250, "DE": 250, "FR": 200, "AU": 120, "CA": 120, "ES": 150, "NL": 100, "IE": 60,
         "CH": 60, "AT": 60, "ZA": 60, "NZ": 40}
ZIPF_EXPONENT = 1.0

TOWN_PARTS = {
    "en": (["Ash", "Oak", "Brook", "Stan", "Mill", "Wood", "Kings", "Marl", "Thorn", "Wel", "Ross", "Brad",
            "Chel", "Hal", "Lang", "Red", "Whit", "Fair", "Glen", "Elm", "Clare", "Har", "North", "West", "Ever",
            "Silver", "Pine", "Cedar", "Maple", "Hazel"],
           ["ford", "ton", "field", "bury", "ley", "wick", "ham", "brook", "worth", "stead", "wood", "mouth",
            "bridge", "dale", "port", "ville", "view", "ridge"]),
    "de": (["Lin", "Ober", "Unter", "Roth", "Eich", "Wald", "Buch", "Alt", "Neu", "Stein", "Frei", "Hohen",
            "Kirch", "Mühl", "Bach", "Rosen", "Gold", "Schön", "Brei", "Tann"],
           ["dorf", "hausen", "heim", "berg", "feld", "bach", "stadt", "ingen", "burg", "au", "tal", "brück"]),
    "fr": (["Mont", "Ville", "Beau", "Font", "Roche", "Cham", "Belle", "Saint-Mar", "Saint-Laur", "Clair",
            "Val", "Pont"],
           ["ville", "court", "mont", "ac", "ay", "-sur-Mer", "-les-Bains", "fort", "lieu", "pierre"]),
    "es": (["Villa", "Torre", "Castel", "Mont", "Val", "Puerto", "Fuente", "Alba", "Rio", "Sierra"],
           ["nueva", "verde", "real", "seca", "blanca", "alta", "mayor", " del Campo", " de Arriba"]),
    "nl": (["Zuid", "Noord", "Oost", "West", "Ooster", "Wester", "Groot", "Klein", "Hoog", "Nieuw"],
           ["wijk", "dam", "hoven", "veen", "dorp", "broek", "horst", "meer", "zijl", "sloot"]),
}

LANGUAGE_NAMES = {"en": ["English"], "de": ["German", "Deutsch"], "fr": ["French", "Français"],
                  "es": ["Spanish", "Español"], "nl": ["Dutch", "Nederlands"], "it": ["Italian", "Italiano"],
                  "tr": ["Turkish"], "ga": ["Irish"], "mi": ["Maori"], "af": ["Afrikaans"], "zu": ["Zulu"],
                  "ca": ["Catalan"], "eu": ["Basque"]}
COUNTRY_NAMES = {"GB": ["United Kingdom", "UK", "England"], "IE": ["Ireland", "Éire"], "AU": ["Australia"],
                 "NZ": ["New Zealand"], "ZA": ["South Africa"], "US": ["USA", "United States"],
                 "CA": ["Canada"], "DE": ["Deutschland", "Germany"], "CH": ["Schweiz", "Switzerland"],
                 "AT": ["Österreich", "Austria"], "FR": ["France"], "ES": ["España", "Spain"],
                 "NL": ["Nederland", "Netherlands"]}
NUMBING_WORDS = {"en": ("yes", "no"), "de": ("ja", "nein"), "fr": ("oui", "non"), "es": ("yes", "no"),
                 "nl": ("yes", "no")}
DEPTH_FORMS = ["{a}-{b}", "{a}-{b}mm", "{a} - {b} mm", "{a} to {b}"]
# "+1", "+44", "+353": where the subscriber number starts.
CALLING_CODE_LENGTH = {"US": 2, "CA": 2, "IE": 4, "GB": 3, "AU": 3, "NZ": 3, "ZA": 3, "DE": 3, "CH": 3, "AT": 3,
                       "FR": 3, "ES": 3, "NL": 3}


def read_vocabulary():
    """Each section's slugs and the synonyms that name exactly one of them (the file's own rule: unique)."""
    sections, section = {}, None
    with open(VOCABULARY_PATH, encoding="utf-8") as source:
        for line in source:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("["):
                section = sections.setdefault(line.strip("[]"), {})
                continue
            slug, synonyms = line.split(":", 1)
            section[slug.strip()] = [s.strip() for s in synonyms.split(",") if s.strip()]
    for entries in sections.values():
        counts = {}
        for synonyms in entries.values():
            for synonym in set(synonyms):
                counts[synonym.lower()] = counts.get(synonym.lower(), 0) + 1
        for slug, synonyms in entries.items():
            entries[slug] = [s for s in synonyms if counts[s.lower()] == 1] or [slug]
    return sections


class Place:
    __slots__ = ("country", "city", "region", "lat", "lon", "postcodes", "dialling", "zone", "languages",
                 "streets", "culture", "spread")

    def __init__(self, **values):
        for key, value in values.items():
            setattr(self, key, value)


def places_of(country, rng):
    """The country's real cities in the sample's order (largest first), then its invented towns."""
    zone, languages, streets, cities = sample.COUNTRIES[country]
    real = []
    for entry in cities:
        city, region, lat, lon, postcodes, dialling = entry[:6]
        city_zone, city_languages = zone, None
        for value in entry[6:]:
            if isinstance(value, str):
                city_zone = value
            else:
                city_languages = value
        city_streets = sample.FRENCH_STREETS if city in sample.FRENCH_SPEAKING_CITIES else streets
        real.append(Place(country=country, city=city, region=region, lat=lat, lon=lon, postcodes=postcodes,
                          dialling=dialling, zone=city_zone, languages=city_languages or languages,
                          streets=city_streets, culture=sample.culture(country, city_languages), spread=0.05))
    prefixes, suffixes = TOWN_PARTS[real[0].culture]
    names = [p + s for p, s in itertools.product(prefixes, suffixes)]
    rng.shuffle(names)
    towns = []
    for index in range(TOWNS[country]):
        anchor = rng.choice(real)
        distance_km = rng.uniform(10, 80)
        bearing = rng.uniform(0, 2 * math.pi)
        lat = anchor.lat + distance_km * math.cos(bearing) / 111.0
        lon = anchor.lon + distance_km * math.sin(bearing) / (111.0 * math.cos(math.radians(anchor.lat)))
        # Town names repeat in big countries, as Springfield does; the region tells them apart.
        name = names[index % len(names)]
        towns.append(Place(country=country, city=name, region=anchor.region, lat=round(lat, 4),
                           lon=round(lon, 4), postcodes=[town_postcode(rng, p) for p in anchor.postcodes[:1]],
                           dialling=anchor.dialling, zone=anchor.zone, languages=anchor.languages,
                           streets=anchor.streets, culture=anchor.culture, spread=0.015))
    return real + towns


def town_postcode(rng, prefix):
    """The anchor city's postcode prefix with its later digits changed: a district of the same area."""
    return prefix[:2] + "".join(str(rng.randint(0, 9)) if c.isdigit() else c for c in prefix[2:])


class Directory:
    """Where providers are: a country by weight, then a place of it by rank (Zipf)."""

    def __init__(self, rng):
        self.countries = list(COUNTRY_WEIGHTS)
        self.country_cumulative = list(itertools.accumulate(COUNTRY_WEIGHTS[c] for c in self.countries))
        self.places = {}
        self.cumulative = {}
        for country in self.countries:
            places = places_of(country, rng)
            self.places[country] = places
            self.cumulative[country] = list(itertools.accumulate(
                1 / (rank ** ZIPF_EXPONENT) for rank in range(1, len(places) + 1)))

    def place(self, rng):
        country = self.countries[bisect.bisect(self.country_cumulative, rng.random() * self.country_cumulative[-1])]
        cumulative = self.cumulative[country]
        index = bisect.bisect(cumulative, rng.random() * cumulative[-1])
        return self.places[country][min(index, len(cumulative) - 1)]


def named(rng, vocabulary, slug, rate):
    """The slug, or at the given rate one of its synonyms as lists write them."""
    return rng.choice(vocabulary[slug]) if rng.random() < rate else slug


def phone_number(rng, place):
    country, dialling = place.country, place.dialling
    digits = sample.E164_LENGTH[country] - len(dialling)
    if country in ("US", "CA"):
        number = dialling + "01" + "".join(str(rng.randint(0, 9)) for _ in range(2))
    elif country == "GB":
        number = dialling + "0" + "".join(str(rng.randint(0, 9)) for _ in range(digits - 1))
    else:
        # French numbers under 059x belong to the overseas departments, which have country codes of their own.
        first = rng.randint(2, 8 if country == "FR" else 9)
        number = dialling + str(first) + "".join(str(rng.randint(0, 9)) for _ in range(digits - 1))
    if rng.random() < 0.3:
        # As people type them: the country code apart, then groups.
        cc = CALLING_CODE_LENGTH[country]
        return number[:cc] + " " + number[cc:cc + 3] + " " + number[cc + 3:]
    return number


def decimal(value):
    """A number as lists write it: %g, but never in exponent form (a longitude of 7e-05 is 0.00007)."""
    text = f"{value:g}"
    return f"{value:.5f}".rstrip("0").rstrip(".") if "e" in text else text


def provider(rng, vocabulary, place, number):
    lang = place.culture
    kind = "clinic" if rng.random() < 0.65 else "practitioner"
    surname = rng.choice(sample.SURNAMES[lang])
    first = rng.choice(sample.FIRST_NAMES[lang])
    street = rng.choice(place.streets)
    pattern = rng.choice(sample.CLINIC_PATTERNS[lang] if kind == "clinic" else sample.PRACTITIONER_PATTERNS[lang])
    name = pattern.format(city=place.city, surname=surname, first=first, street=street.split()[0],
                          place=rng.choice(sample.PLACES))
    profession = rng.choice(sample.PROFESSIONS_CLINIC if kind == "clinic" else sample.PROFESSIONS_PRACTITIONER)
    spread = place.spread if rng.random() < 0.7 else place.spread * 3
    has_location = rng.random() < 0.93
    latitude = round(place.lat + rng.uniform(-spread, spread), 5)
    longitude = round(place.lon + rng.uniform(-spread, spread) * 1.5, 5)
    domain = sample.slug(name)[:40].strip("-") + "-" + str(number % 997) + ".example"
    treatments = sample.pick_weighted(rng, sample.TREATMENTS, sample.TREATMENT_WEIGHTS, 1, 5)
    devices = sample.pick_weighted(rng, sample.DEVICES, sample.DEVICE_WEIGHTS, 1, 3)
    spoken_here = sample.spoken_languages(rng, place.languages)
    status, year, verified_on = sample.credential(rng)
    periods = sample.opening_hours(rng) if rng.random() < 0.8 else []
    separator = rng.choice([";", "; ", "|"])
    synonyms = rng.random() < 0.3
    depth_min, depth_max = rng.choice([0.2, 0.25, 0.5, 0.5]), rng.choice([1.0, 1.5, 2.0, 2.5, 3.0])
    decimal_comma = lang in ("de", "fr", "es", "nl") and rng.random() < 0.3
    numbers = (lambda value: decimal(value).replace(".", ",")) if decimal_comma else decimal
    yes, no = NUMBING_WORDS[lang]
    english_address = lang == "en" or place.country in ("AU", "NZ", "ZA", "US", "CA")
    return {
        "external_id": f"BENCH-{place.country}-{number:07d}",
        "name": name,
        "kind": named(rng, vocabulary["kinds"], kind, 0.1),
        "profession": named(rng, vocabulary["professions"], profession, 0.25) if profession else "",
        "address_line1": "" if rng.random() < 0.04 else
        f"{rng.randint(1, 220)} {street}" if english_address else f"{street} {rng.randint(1, 120)}",
        "address_line2": rng.choice(["", "", "", "Suite " + str(rng.randint(1, 40)), "2nd Floor",
                                     "Unit " + str(rng.randint(1, 12))]) if lang == "en" else "",
        "city": place.city,
        "region": place.region if rng.random() < 0.85 else "",
        "postal_code": "" if rng.random() < 0.05 else
        sample.postal_code(rng, place.country, rng.choice(place.postcodes)),
        "country": rng.choice(COUNTRY_NAMES[place.country]) if rng.random() < 0.1 else place.country,
        "latitude": numbers(latitude) if has_location else "",
        "longitude": numbers(longitude) if has_location else "",
        "phone": phone_number(rng, place) if rng.random() < 0.95 else "",
        "email": ("info@" if kind == "clinic" else "hello@") + domain if rng.random() < 0.85 else "",
        "website": "https://www." + domain if rng.random() < 0.88 else "",
        "treatments": separator.join(named(rng, vocabulary["treatments"], t, 0.7) if synonyms else t
                                     for t in treatments),
        "languages": "" if rng.random() < 0.05 else separator.join(
            rng.choice(LANGUAGE_NAMES.get(code, [code])) if rng.random() < 0.2 else code for code in spoken_here),
        "devices": "" if rng.random() < 0.1 else separator.join(
            named(rng, vocabulary["devices"], d, 0.5) if synonyms else d for d in devices),
        "needle_depth_mm": "" if rng.random() < 0.2 else
        rng.choice(DEPTH_FORMS).format(a=numbers(depth_min), b=numbers(depth_max)),
        "numbing": "" if rng.random() < 0.15 else yes if rng.random() < 0.8 else no,
        "opening_hours": sample.hours_text(periods),
        "time_zone": place.zone if periods else "",
        "credential_title": rng.choice(sample.TITLES[lang]),
        "credential_issuer": rng.choice(sample.ISSUERS[lang]),
        "credential_year": str(year) if rng.random() < 0.9 else "",
        "credential_status": named(rng, vocabulary["credential-statuses"], status, 0.2),
        "credential_verified_on": verified_on,
        "_treatments": treatments,
    }


def change(rng, vocabulary, row, place):
    """A provider's next version, as the list's next edition gives it: one or two things about it differ."""
    changed = dict(row)
    for what in rng.sample(["phone", "hours", "treatments", "website", "credential", "name"], rng.randint(1, 2)):
        missing = [t for t in sample.TREATMENTS if t not in row["_treatments"]]
        if what == "phone" or (what == "treatments" and not missing):
            changed["phone"] = phone_number(rng, place)
            if changed["phone"] == row["phone"]:
                changed["email"] = "appointments@" + (row["website"][12:] or "moved.example")
        elif what == "hours":
            periods = sample.opening_hours(rng)
            periods.append((6, "11:00", "15:00"))
            changed["opening_hours"] = sample.hours_text(periods)
            changed["time_zone"] = place.zone
        elif what == "treatments":
            changed["treatments"] = row["treatments"] + ";" + rng.choice(missing)
        elif what == "website":
            changed["website"] = "https://book." + sample.slug(row["name"])[:30].strip("-") + ".example"
        elif what == "credential":
            changed["credential_status"] = "verified"
            changed["credential_verified_on"] = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            changed["credential_year"] = changed["credential_year"] or "2024"
        else:
            changed["name"] = row["name"][:180] + rng.choice([" Clinic", " Skin", " & Partners", " Studio"])
    return changed


def generate(rows, seed, output, changed_output, change_fraction):
    rng = random.Random(seed)
    vocabulary = read_vocabulary()
    directory = Directory(random.Random(seed + 1))
    changed_rows = set(random.Random(seed + 2).sample(range(rows), round(rows * change_fraction)))
    change_rng = random.Random(seed + 3)
    outputs = [open(path, "w", newline="", encoding="utf-8") for path in (output, changed_output) if path]
    try:
        writers = [csv.DictWriter(out, fieldnames=sample.COLUMNS, extrasaction="ignore") for out in outputs]
        for writer in writers:
            writer.writeheader()
        for number in range(rows):
            place = directory.place(rng)
            row = provider(rng, vocabulary, place, number)
            writers[0].writerow(row)
            if len(writers) > 1:
                writers[1].writerow(change(change_rng, vocabulary, row, place) if number in changed_rows else row)
    finally:
        for out in outputs:
            out.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--output", required=True)
    parser.add_argument("--changed-output", help="the same list with --change-fraction of its providers changed")
    parser.add_argument("--change-fraction", type=float, default=0.1)
    args = parser.parse_args()
    generate(args.rows, args.seed, args.output, args.changed_output, args.change_fraction)


if __name__ == "__main__":
    main()
