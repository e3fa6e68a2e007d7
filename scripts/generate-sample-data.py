#!/usr/bin/env python3
"""Writes the fictional sample directory, data/sample-providers.csv, in the import job's canonical columns.

The providers are invented; the cities, their coordinates, postcodes, dialling codes and time zones are
real. Phone numbers use ranges set aside for drama where a country has them, websites and e-mail
addresses the reserved .example domain. The output is deterministic: run it again and nothing changes.

    python3 scripts/generate-sample-data.py
"""
import csv
import os
import random
import re
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CSV_PATH = os.path.join(ROOT, "data", "sample-providers.csv")

# country: time zone, languages (first is the main one), streets, cities
# city: name, region, lat, lon, postcode prefix, dialling prefix (E.164 without the subscriber number)
COUNTRIES = {
    "GB": ("Europe/London", ["en"], ["High Street", "King Street", "Church Road", "Victoria Street", "Station Road", "Market Street"], [
        ("London", "England", 51.5074, -0.1278, ["W1G", "SW3", "EC2A", "NW3", "SE1"], "+44207946"),
        ("Manchester", "England", 53.4808, -2.2426, ["M1", "M2", "M3"], "+44161496"),
        ("Birmingham", "England", 52.4862, -1.8904, ["B1", "B3", "B15"], "+44121496"),
        ("Leeds", "England", 53.8008, -1.5491, ["LS1", "LS2"], "+44113496"),
        ("Glasgow", "Scotland", 55.8642, -4.2518, ["G1", "G2"], "+44141496"),
        ("Edinburgh", "Scotland", 55.9533, -3.1883, ["EH1", "EH2", "EH3"], "+44131496"),
        ("Bristol", "England", 51.4545, -2.5879, ["BS1", "BS8"], "+44117496"),
        ("Cardiff", "Wales", 51.4816, -3.1791, ["CF10", "CF11"], "+44292018"),
        ("Belfast", "Northern Ireland", 54.5973, -5.9301, ["BT1", "BT2"], "+44289018"),
        ("Brighton", "England", 50.8225, -0.1372, ["BN1", "BN2"], "+44127396"),
    ]),
    "IE": ("Europe/Dublin", ["en", "ga"], ["Main Street", "Church Street", "Bridge Street", "Castle Street", "Mary Street"], [
        ("Dublin", "Leinster", 53.3498, -6.2603, ["D02", "D04", "D06"], "+35316"),
        ("Cork", "Munster", 51.8985, -8.4756, ["T12"], "+353214"),
        ("Galway", "Connacht", 53.2707, -9.0568, ["H91"], "+353915"),
        ("Limerick", "Munster", 52.6638, -8.6267, ["V94"], "+353614"),
        ("Waterford", "Munster", 52.2593, -7.1101, ["X91"], "+353518"),
    ]),
    "AU": ("Australia/Sydney", ["en"], ["George Street", "King Street", "Queen Street", "Elizabeth Street", "Victoria Street"], [
        ("Sydney", "New South Wales", -33.8688, 151.2093, ["2000", "2010", "2021"], "+6125550"),
        ("Melbourne", "Victoria", -37.8136, 144.9631, ["3000", "3141"], "+6137010"),
        ("Brisbane", "Queensland", -27.4698, 153.0251, ["4000", "4006"], "+6175550"),
        ("Perth", "Western Australia", -31.9505, 115.8605, ["6000", "6005"], "+6185550"),
        ("Adelaide", "South Australia", -34.9285, 138.6007, ["5000", "5067"], "+6185551"),
        ("Gold Coast", "Queensland", -28.0167, 153.4000, ["4217", "4218"], "+6175551"),
        ("Canberra", "Australian Capital Territory", -35.2809, 149.1300, ["2600", "2601"], "+6125551"),
        ("Hobart", "Tasmania", -42.8821, 147.3272, ["7000"], "+6137011"),
    ]),
    "NZ": ("Pacific/Auckland", ["en", "mi"], ["Queen Street", "Victoria Street", "King Street", "High Street", "George Street"], [
        ("Auckland", "Auckland", -36.8485, 174.7633, ["1010", "1011", "1023"], "+6493"),
        ("Wellington", "Wellington", -41.2866, 174.7756, ["6011", "6021"], "+6444"),
        ("Christchurch", "Canterbury", -43.5321, 172.6362, ["8011", "8013"], "+6433"),
        ("Hamilton", "Waikato", -37.7870, 175.2793, ["3204", "3210"], "+6478"),
        ("Queenstown", "Otago", -45.0312, 168.6626, ["9300"], "+6434"),
        ("Dunedin", "Otago", -45.8788, 170.5028, ["9016"], "+6434"),
    ]),
    "ZA": ("Africa/Johannesburg", ["en", "af", "zu"], ["Main Road", "Church Street", "Market Street", "Park Road", "Victoria Road"], [
        ("Johannesburg", "Gauteng", -26.2041, 28.0473, ["2196", "2193"], "+2711"),
        ("Cape Town", "Western Cape", -33.9249, 18.4241, ["8001", "8005"], "+2721"),
        ("Durban", "KwaZulu-Natal", -29.8587, 31.0218, ["4001", "4001"], "+2731"),
        ("Pretoria", "Gauteng", -25.7479, 28.2293, ["0181", "0083"], "+2712"),
        ("Gqeberha", "Eastern Cape", -33.9608, 25.6022, ["6001"], "+2741"),
        ("Stellenbosch", "Western Cape", -33.9321, 18.8602, ["7600"], "+2721"),
    ]),
    "US": (None, ["en", "es"], ["Main Street", "Oak Street", "Washington Street", "Maple Avenue", "Park Street", "Lincoln Avenue"], [
        ("New York", "New York", 40.7128, -74.0060, ["10022", "10021", "10065"], "+1212555", "America/New_York"),
        ("Los Angeles", "California", 34.0522, -118.2437, ["90048", "90210", "90036"], "+1310555", "America/Los_Angeles"),
        ("Chicago", "Illinois", 41.8781, -87.6298, ["60611", "60610"], "+1312555", "America/Chicago"),
        ("Houston", "Texas", 29.7604, -95.3698, ["77027", "77030"], "+1713555", "America/Chicago"),
        ("Miami", "Florida", 25.7617, -80.1918, ["33131", "33137"], "+1305555", "America/New_York"),
        ("San Francisco", "California", 37.7749, -122.4194, ["94108", "94115"], "+1415555", "America/Los_Angeles"),
        ("Seattle", "Washington", 47.6062, -122.3321, ["98101", "98104"], "+1206555", "America/Los_Angeles"),
        ("Boston", "Massachusetts", 42.3601, -71.0589, ["02116", "02115"], "+1617555", "America/New_York"),
        ("Austin", "Texas", 30.2672, -97.7431, ["78701", "78703"], "+1512555", "America/Chicago"),
        ("Denver", "Colorado", 39.7392, -104.9903, ["80206", "80202"], "+1303555", "America/Denver"),
        ("Atlanta", "Georgia", 33.7490, -84.3880, ["30305", "30309"], "+1404555", "America/New_York"),
        ("Scottsdale", "Arizona", 33.4942, -111.9261, ["85251", "85254"], "+1480555", "America/Phoenix"),
    ]),
    "CA": (None, ["en", "fr"], ["Main Street", "King Street", "Queen Street", "Victoria Street", "Park Avenue"], [
        ("Toronto", "Ontario", 43.6532, -79.3832, ["M5R", "M4W", "M5V"], "+1416555", "America/Toronto"),
        ("Vancouver", "British Columbia", 49.2827, -123.1207, ["V6E", "V6B", "V6Z"], "+1604555", "America/Vancouver"),
        ("Montréal", "Quebec", 45.5017, -73.5673, ["H3G", "H3A", "H2X"], "+1514555", "America/Toronto"),
        ("Calgary", "Alberta", 51.0447, -114.0719, ["T2P", "T2R"], "+1403555", "America/Edmonton"),
        ("Ottawa", "Ontario", 45.4215, -75.6972, ["K1P", "K2P"], "+1613555", "America/Toronto"),
        ("Edmonton", "Alberta", 53.5461, -113.4938, ["T5J", "T5K"], "+1780555", "America/Edmonton"),
        ("Québec", "Quebec", 46.8139, -71.2080, ["G1R", "G1K"], "+1418555", "America/Toronto"),
        ("Halifax", "Nova Scotia", 44.6488, -63.5752, ["B3J", "B3H"], "+1902555", "America/Halifax"),
    ]),
    "DE": ("Europe/Berlin", ["de", "en", "tr"], ["Hauptstraße", "Bahnhofstraße", "Schillerstraße", "Goethestraße", "Lindenstraße", "Gartenstraße"], [
        ("Berlin", "Berlin", 52.5200, 13.4050, ["10117", "10719", "10178"], "+4930"),
        ("München", "Bayern", 48.1351, 11.5820, ["80331", "80333", "80539"], "+4989"),
        ("Hamburg", "Hamburg", 53.5511, 9.9937, ["20095", "20354"], "+4940"),
        ("Köln", "Nordrhein-Westfalen", 50.9375, 6.9603, ["50667", "50672"], "+49221"),
        ("Frankfurt am Main", "Hessen", 50.1109, 8.6821, ["60311", "60313"], "+4969"),
        ("Düsseldorf", "Nordrhein-Westfalen", 51.2277, 6.7735, ["40212", "40213"], "+49211"),
        ("Stuttgart", "Baden-Württemberg", 48.7758, 9.1829, ["70173", "70174"], "+49711"),
        ("Leipzig", "Sachsen", 51.3397, 12.3731, ["04109"], "+49341"),
    ]),
    "CH": ("Europe/Zurich", ["de", "fr", "it", "en"], ["Bahnhofstrasse", "Hauptstrasse", "Kirchgasse", "Marktgasse"], [
        ("Zürich", "Zürich", 47.3769, 8.5417, ["8001", "8002"], "+4144", ["de", "en"]),
        ("Genève", "Genève", 46.2044, 6.1432, ["1204", "1201"], "+4122", ["fr", "en"]),
        ("Basel", "Basel-Stadt", 47.5596, 7.5886, ["4051"], "+4161", ["de", "en", "fr"]),
        ("Bern", "Bern", 46.9480, 7.4474, ["3011"], "+4131", ["de", "fr"]),
        ("Lausanne", "Vaud", 46.5197, 6.6323, ["1003"], "+4121", ["fr", "en"]),
    ]),
    "AT": ("Europe/Vienna", ["de", "en"], ["Hauptstraße", "Bahnhofstraße", "Kirchengasse", "Schulgasse"], [
        ("Wien", "Wien", 48.2082, 16.3738, ["1010", "1070"], "+431"),
        ("Graz", "Steiermark", 47.0707, 15.4395, ["8010"], "+43316"),
        ("Salzburg", "Salzburg", 47.8095, 13.0550, ["5020"], "+43662"),
        ("Innsbruck", "Tirol", 47.2692, 11.4041, ["6020"], "+43512"),
    ]),
    "FR": ("Europe/Paris", ["fr", "en"], ["Rue de la République", "Avenue Victor Hugo", "Rue Pasteur", "Avenue Jean Jaurès", "Rue Gambetta"], [
        ("Paris", "Île-de-France", 48.8566, 2.3522, ["75008", "75016", "75006"], "+331"),
        ("Lyon", "Auvergne-Rhône-Alpes", 45.7640, 4.8357, ["69002", "69006"], "+334"),
        ("Marseille", "Provence-Alpes-Côte d'Azur", 43.2965, 5.3698, ["13006", "13008"], "+334"),
        ("Nice", "Provence-Alpes-Côte d'Azur", 43.7102, 7.2620, ["06000"], "+334"),
        ("Bordeaux", "Nouvelle-Aquitaine", 44.8378, -0.5792, ["33000"], "+335"),
        ("Toulouse", "Occitanie", 43.6047, 1.4442, ["31000"], "+335"),
    ]),
    "ES": ("Europe/Madrid", ["es", "en"], ["Calle Mayor", "Calle Real", "Avenida de la Constitución", "Plaza de España", "Calle Nueva"], [
        ("Madrid", "Comunidad de Madrid", 40.4168, -3.7038, ["28001", "28006"], "+3491"),
        ("Barcelona", "Cataluña", 41.3874, 2.1686, ["08008", "08007"], "+3493", ["es", "ca", "en"]),
        ("Valencia", "Comunidad Valenciana", 39.4699, -0.3763, ["46004"], "+3496"),
        ("Sevilla", "Andalucía", 37.3891, -5.9845, ["41001"], "+3495"),
        ("Málaga", "Andalucía", 36.7213, -4.4214, ["29001"], "+3495"),
        ("Bilbao", "País Vasco", 43.2630, -2.9350, ["48001"], "+3494", ["es", "eu"]),
    ]),
    "NL": ("Europe/Amsterdam", ["nl", "en"], ["Stationsplein", "Kerkstraat", "Dorpsstraat", "Molenstraat", "Nieuwstraat"], [
        ("Amsterdam", "Noord-Holland", 52.3676, 4.9041, ["1071", "1017"], "+3120"),
        ("Rotterdam", "Zuid-Holland", 51.9244, 4.4777, ["3011", "3012"], "+3110"),
        ("Utrecht", "Utrecht", 52.0907, 5.1214, ["3511"], "+3130"),
        ("Den Haag", "Zuid-Holland", 52.0705, 4.3007, ["2511", "2514"], "+3170"),
        ("Eindhoven", "Noord-Brabant", 51.4416, 5.4697, ["5611"], "+3140"),
    ]),
}

# Street names found in every city of the language, so that no address sits in the wrong town.
FRENCH_STREETS = ["Rue du Marché", "Avenue de la Gare", "Rue de l'Église", "Rue Principale"]
FRENCH_SPEAKING_CITIES = {"Montréal", "Québec", "Genève", "Lausanne"}

# Subscriber digits after the dialling prefix, so that every number has its country's length.
E164_LENGTH = {"GB": 13, "IE": 12, "AU": 12, "NZ": 11, "ZA": 12, "US": 12, "CA": 12, "DE": 12, "CH": 12,
               "AT": 12, "FR": 12, "ES": 12, "NL": 12}

PROVIDERS_PER_CITY = {"London": 14, "New York": 8, "Los Angeles": 7, "Sydney": 9, "Melbourne": 7, "Berlin": 8,
                      "München": 6, "Toronto": 7, "Dublin": 9, "Paris": 8, "Madrid": 6, "Zürich": 6, "Amsterdam": 6,
                      "Johannesburg": 6, "Cape Town": 6, "Auckland": 7, "Wien": 6, "Vancouver": 6, "Manchester": 6}

SURNAMES = {
    "en": ["Walsh", "Patel", "Okafor", "Chen", "Murphy", "Taylor", "Hughes", "Nguyen", "O'Brien", "Campbell",
           "Singh", "Reid", "Kowalski", "Fraser", "Adeyemi", "Morgan", "Bennett", "Kaur", "Doyle", "Sullivan"],
    "de": ["Müller", "Schmidt", "Weber", "Becker", "Hoffmann", "Schäfer", "Koch", "Richter", "Wolf", "Yılmaz",
           "Krüger", "Neumann", "Schwarz", "Zimmermann", "Braun", "Hartmann"],
    "fr": ["Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Laurent", "Girard", "Roux", "Fontaine", "Mercier"],
    "es": ["García", "Fernández", "López", "Martínez", "Sánchez", "Romero", "Navarro", "Torres", "Ruiz", "Iglesias"],
    "nl": ["de Vries", "Jansen", "van Dijk", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Bos"],
}
FIRST_NAMES = {
    "en": ["Sarah", "Aoife", "Priya", "James", "Olivia", "Chloe", "Hannah", "Grace", "Amara", "Sophie", "Niamh",
           "Daniel", "Emily", "Mei", "Zanele", "Tane", "Aroha", "Lerato", "Megan", "Rachel"],
    "de": ["Anna", "Julia", "Katrin", "Lena", "Miriam", "Stefan", "Sabine", "Elif", "Jonas", "Claudia"],
    "fr": ["Camille", "Claire", "Élodie", "Julien", "Manon", "Sophie", "Inès", "Nathalie"],
    "es": ["Lucía", "María", "Carmen", "Javier", "Elena", "Laura", "Alba", "Nerea"],
    "nl": ["Sanne", "Eva", "Lotte", "Anouk", "Daan", "Femke", "Iris"],
}
CLINIC_PATTERNS = {
    "en": ["{city} Skin Clinic", "{surname} Dermatology", "The Collagen Studio {city}", "{city} Aesthetics",
           "Derma Pen Clinic {city}", "Renew Skin {city}", "{street} Skin Rooms", "Clear Skin Collective",
           "{surname} & Partners Skin Health", "Luminous Skin {city}", "The Scar Clinic {city}", "Skin Lab {city}"],
    "de": ["Hautarztpraxis Dr. {surname}", "Dermatologie am {place}", "Hautzentrum {city}", "Ästhetik {city}",
           "Praxis für Hautgesundheit {surname}", "Kollagenstudio {city}", "Hautklinik {city} Mitte"],
    "fr": ["Cabinet de Dermatologie {surname}", "Centre Esthétique {city}", "Clinique de la Peau {city}",
           "Institut Dermatologique {surname}", "Maison de la Peau {city}"],
    "es": ["Clínica Dermatológica {surname}", "Centro de Estética {city}", "Instituto de la Piel {city}",
           "Clínica {surname} Dermatología", "Dermoestética {city}"],
    "nl": ["Huidkliniek {city}", "Dermatologie {surname}", "Huidtherapie {city} Centrum", "Skin Clinic {city}"],
}
PLACES = ["Markt", "Dom", "Rathaus", "Stadtpark", "Opernplatz", "Hauptbahnhof"]
PRACTITIONER_PATTERNS = {
    "en": ["Dr {first} {surname}", "{first} {surname} Skin", "{first} {surname}, Skin Therapist",
           "Nurse {first} {surname} Aesthetics"],
    "de": ["Dr. med. {first} {surname}", "{first} {surname} Hauttherapie", "Kosmetikpraxis {first} {surname}"],
    "fr": ["Dr {first} {surname}", "{first} {surname}, Esthéticienne"],
    "es": ["Dra. {first} {surname}", "{first} {surname} Estética"],
    "nl": ["Dr. {first} {surname}", "{first} {surname} Huidtherapie"],
}
PROFESSIONS_CLINIC = ["dermatologist", "aesthetic-doctor", "plastic-surgeon", None]
PROFESSIONS_PRACTITIONER = ["dermatologist", "aesthetic-doctor", "nurse", "skin-therapist", "aesthetician",
                            "general-practitioner"]
TREATMENTS = ["acne-scars", "wrinkles", "stretch-marks", "surgical-scars", "pigmentation", "hair-loss",
              "skin-rejuvenation"]
TREATMENT_WEIGHTS = [10, 7, 5, 4, 5, 2, 8]
DEVICES = ["derma-roller", "derma-stamp", "automated-pen", "radiofrequency", "nano-needling"]
DEVICE_WEIGHTS = [4, 2, 10, 4, 2]
ISSUERS = {
    "en": ["Collagen Induction Therapy Academy", "International Microneedling Institute",
           "Aesthetic Skin Training Council", "Academy of Advanced Skin Needling"],
    "de": ["Akademie für Mikroneedling", "Deutsche Fortbildungsakademie Ästhetische Dermatologie",
           "International Microneedling Institute"],
    "fr": ["Institut Français du Microneedling", "International Microneedling Institute"],
    "es": ["Academia Española de Microneedling", "International Microneedling Institute"],
    "nl": ["Nederlandse Academie voor Huidtherapie", "International Microneedling Institute"],
}
TITLES = {
    "en": ["Certificate in Collagen Induction Therapy", "Advanced Microneedling Practitioner",
           "Diploma in Skin Needling", "Medical Microneedling Masterclass"],
    "de": ["Zertifikat Kollageninduktionstherapie", "Fortbildung Medizinisches Microneedling"],
    "fr": ["Certificat de Microneedling Médical", "Formation Induction de Collagène"],
    "es": ["Certificado en Terapia de Inducción de Colágeno", "Curso Avanzado de Microneedling"],
    "nl": ["Certificaat Collageen Inductie Therapie", "Opleiding Medisch Microneedling"],
}
COLUMNS = ["external_id", "name", "kind", "profession", "address_line1", "address_line2", "city", "region",
           "postal_code", "country", "latitude", "longitude", "phone", "email", "website", "treatments",
           "languages", "devices", "needle_depth_mm", "numbing", "opening_hours", "time_zone",
           "credential_title", "credential_issuer", "credential_year", "credential_status",
           "credential_verified_on"]
DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
DAY_ABBREVIATIONS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]


def slug(text):
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def culture(country, city_languages):
    main = (city_languages or COUNTRIES[country][1])[0]
    return main if main in CLINIC_PATTERNS else "en"


def pick_weighted(rng, options, weights, low, high):
    chosen = set()
    target = rng.randint(low, high)
    while len(chosen) < target:
        chosen.add(rng.choices(options, weights)[0])
    return [option for option in options if option in chosen]


def opening_hours(rng):
    opens = rng.choice(["08:00", "08:30", "09:00", "10:00"])
    closes = rng.choice(["17:00", "17:30", "18:00", "19:00"])
    periods = [(day, opens, closes) for day in range(5)]
    if rng.random() < 0.3:
        periods = [p for p in periods if p[0] != 2] + [(2, "12:00", "20:00")]
    if rng.random() < 0.5:
        periods.append((5, "10:00", "14:00"))
    periods.sort()
    return periods


def hours_text(periods):
    """Opening hours as people write them: "Mo-Fr 09:00-17:30; Sa 10:00-14:00"."""
    groups = []
    for day, opens, closes in periods:
        if groups and groups[-1][1] == day - 1 and groups[-1][2:] == (opens, closes):
            groups[-1] = (groups[-1][0], day, opens, closes)
        else:
            groups.append((day, day, opens, closes))
    parts = []
    for first, last, opens, closes in groups:
        days = DAY_ABBREVIATIONS[first] if first == last else DAY_ABBREVIATIONS[first] + "-" + DAY_ABBREVIATIONS[last]
        parts.append(f"{days} {opens}-{closes}")
    return "; ".join(parts)


def postal_code(rng, country, prefix):
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    if country == "GB":
        return f"{prefix} {rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"
    if country == "IE":
        return f"{prefix} {rng.choice(letters)}{rng.randint(100, 999)}"
    if country == "CA":
        return f"{prefix} {rng.randint(1, 9)}{rng.choice('ABCEGHJKLMNPRSTVXY')}{rng.randint(0, 9)}"
    if country == "NL":
        return f"{prefix} {rng.choice('ABCDEGHJKLMNPRST')}{rng.choice('ABCDEGHJKLMNPRST')}"
    return prefix


def spoken_languages(rng, spoken):
    """The place's main language, some of its others, and English now and then."""
    spoken_here = [spoken[0]] + [l for l in spoken[1:] if rng.random() < 0.5]
    if spoken[0] != "en" and "en" not in spoken_here and rng.random() < 0.4:
        spoken_here.append("en")
    return spoken_here


def credential(rng):
    """A credential's status, year and date of verification (none for unverified ones)."""
    status = rng.choices(["verified", "unverified", "expired"], [6, 3, 1])[0]
    year = rng.randint(2014, 2025)
    verified_on = f"{rng.randint(max(year, 2022), 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" \
        if status != "unverified" else ""
    if verified_on > "2026-10-31":
        verified_on = "2026-10-15"
    return status, year, verified_on


def generate():
    rng = random.Random(20261124)
    rows = []
    used_names = set()
    for country, (zone, languages, streets, cities) in COUNTRIES.items():
        for city_entry in cities:
            city, region, lat, lon, postcodes, dialling = city_entry[:6]
            extra = city_entry[6:]
            city_zone = zone
            city_languages = None
            city_streets = FRENCH_STREETS if city in FRENCH_SPEAKING_CITIES else streets
            for value in extra:
                if isinstance(value, str):
                    city_zone = value
                else:
                    city_languages = value
            lang = culture(country, city_languages)
            spoken = city_languages or languages
            for _ in range(PROVIDERS_PER_CITY.get(city, rng.randint(2, 4))):
                kind = "clinic" if rng.random() < 0.65 else "practitioner"
                surname = rng.choice(SURNAMES[lang])
                first = rng.choice(FIRST_NAMES[lang])
                street = rng.choice(city_streets)
                pattern = rng.choice(CLINIC_PATTERNS[lang] if kind == "clinic" else PRACTITIONER_PATTERNS[lang])
                name = pattern.format(city=city, surname=surname, first=first, street=street.split()[0],
                                      place=rng.choice(PLACES))
                while name in used_names:
                    name = f"{name} {rng.choice(['Central', 'North', 'South', 'West', 'East', 'II'])}"
                used_names.add(name)
                profession = rng.choice(PROFESSIONS_CLINIC if kind == "clinic" else PROFESSIONS_PRACTITIONER)
                # Most providers sit within a few kilometres of the centre; a few further out.
                spread = 0.02 if rng.random() < 0.7 else 0.08
                latitude = round(lat + rng.uniform(-spread, spread), 5)
                longitude = round(lon + rng.uniform(-spread, spread) * 1.5, 5)
                has_location = rng.random() < 0.95
                subscriber_digits = E164_LENGTH[country] - len(dialling)
                # Subscriber numbers never start with 0 or 1 (those are trunk and service prefixes).
                phone = dialling + str(rng.randint(2, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(subscriber_digits - 1))
                if country in ("US", "CA"):
                    phone = dialling + "01" + "".join(str(rng.randint(0, 9)) for _ in range(2))
                if country == "GB":
                    phone = dialling + "0" + "".join(str(rng.randint(0, 9)) for _ in range(subscriber_digits - 1))
                domain = slug(name)[:40].strip("-") + ".example"
                treatments = pick_weighted(rng, TREATMENTS, TREATMENT_WEIGHTS, 2, 5)
                devices = pick_weighted(rng, DEVICES, DEVICE_WEIGHTS, 1, 3)
                depth_min = rng.choice([0.2, 0.25, 0.5, 0.5])
                depth_max = rng.choice([1.0, 1.5, 2.0, 2.5, 3.0])
                spoken_here = spoken_languages(rng, spoken)
                status, year, verified_on = credential(rng)
                periods = opening_hours(rng) if rng.random() < 0.85 else []
                external_id = "SAMPLE-" + country + "-" + str(len(rows) + 1).zfill(4)
                rows.append({
                    "external_id": external_id,
                    "name": name,
                    "kind": kind,
                    "profession": profession or "",
                    "address_line1": f"{rng.randint(1, 220)} {street}" if lang == "en" or country in ("AU", "NZ", "ZA", "US", "CA")
                    else f"{street} {rng.randint(1, 120)}",
                    "address_line2": rng.choice(["", "", "", "Suite " + str(rng.randint(1, 40)), "2nd Floor", "Unit " + str(rng.randint(1, 12))])
                    if lang == "en" else "",
                    "city": city,
                    "region": region,
                    "postal_code": postal_code(rng, country, rng.choice(postcodes)),
                    "country": country,
                    "latitude": f"{latitude:.5f}" if has_location else "",
                    "longitude": f"{longitude:.5f}" if has_location else "",
                    "phone": phone,
                    "email": ("info@" if kind == "clinic" else "hello@") + domain if rng.random() < 0.9 else "",
                    "website": "https://www." + domain if rng.random() < 0.92 else "",
                    "treatments": ";".join(treatments),
                    "languages": ";".join(spoken_here),
                    "devices": ";".join(devices),
                    "needle_depth_mm": f"{depth_min:g}-{depth_max:g}",
                    "numbing": "yes" if rng.random() < 0.8 else "no",
                    "opening_hours": hours_text(periods),
                    "time_zone": city_zone if periods else "",
                    "credential_title": rng.choice(TITLES[lang]),
                    "credential_issuer": rng.choice(ISSUERS[lang]),
                    "credential_year": str(year),
                    "credential_status": status,
                    "credential_verified_on": verified_on,
                    "_periods": periods,
                })
    return rows


def write_csv(rows):
    os.makedirs(os.path.dirname(CSV_PATH), exist_ok=True)
    with open(CSV_PATH, "w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)



if __name__ == "__main__":
    generated = generate()
    write_csv(generated)
    print(f"{len(generated)} providers in {len({r['country'] for r in generated})} countries")
