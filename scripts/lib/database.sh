# Sourced by scripts/run and scripts/test: makes sure a local PostgreSQL is installed and running, and that
# the service's role and a database exist, with the extensions the schema needs.
#
# Nothing here runs when QUARKUS_DATASOURCE_JDBC_URL is set: that database is used as it is.

CF_DB_HOST=127.0.0.1
CF_DB_PORT=5432
CF_DB_USER=clinic_finder
CF_DB_PASSWORD=clinic_finder
CF_EXTENSIONS="pg_trgm unaccent cube earthdistance"

say() {
    printf '==> %s\n' "$*" >&2
}

as_root() {
    if [ "$(id -u)" = 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        say "This step needs root: $*"
        return 1
    fi
}

as_postgres() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        sudo -u postgres "$@"
    fi
}

# psql as a PostgreSQL superuser: over TCP where the server trusts local connections, else as the postgres
# system user over the local socket (Debian's default peer authentication).
superuser_psql() {
    if PGCONNECT_TIMEOUT=3 psql -w -h "$CF_DB_HOST" -p "$CF_DB_PORT" -U postgres -d postgres -Atqc 'select 1' \
        >/dev/null 2>&1; then
        psql -w -h "$CF_DB_HOST" -p "$CF_DB_PORT" -U postgres -v ON_ERROR_STOP=1 -Atq "$@"
    else
        as_postgres psql -p "$CF_DB_PORT" -v ON_ERROR_STOP=1 -Atq "$@"
    fi
}

postgres_ready() {
    command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h "$CF_DB_HOST" -p "$CF_DB_PORT"
}

ensure_postgres() {
    if postgres_ready; then
        return
    fi
    if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
        say "Installing PostgreSQL with apt-get"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql
    fi
    local version
    version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
    if [ ! -d "/etc/postgresql/$version/main" ]; then
        say "Creating the PostgreSQL $version cluster"
        as_root pg_createcluster "$version" main --port "$CF_DB_PORT"
    fi
    say "Starting PostgreSQL $version"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    for _ in $(seq 1 30); do
        if postgres_ready; then
            return
        fi
        sleep 1
    done
    say "PostgreSQL did not come up on $CF_DB_HOST:$CF_DB_PORT; see /var/log/postgresql/"
    return 1
}

# ensure_database NAME [--fresh]: the role, the database owned by it, and the extensions in it.
# --fresh drops the database first, so that a test run starts from nothing.
ensure_database() {
    local name=$1 fresh=${2:-}
    superuser_psql -d postgres -c "DO \$\$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$CF_DB_USER') THEN
            CREATE ROLE $CF_DB_USER LOGIN PASSWORD '$CF_DB_PASSWORD';
        END IF;
    END \$\$;"
    if [ "$fresh" = "--fresh" ]; then
        superuser_psql -d postgres -c "DROP DATABASE IF EXISTS $name WITH (FORCE)"
    fi
    if [ -z "$(superuser_psql -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$name'")" ]; then
        say "Creating database $name"
        superuser_psql -d postgres -c "CREATE DATABASE $name OWNER $CF_DB_USER ENCODING 'UTF8' TEMPLATE template0"
    fi
    local extension
    for extension in $CF_EXTENSIONS; do
        superuser_psql -d "$name" -c "CREATE EXTENSION IF NOT EXISTS $extension" 2>/dev/null
    done
    export QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$CF_DB_HOST:$CF_DB_PORT/$name"
    export QUARKUS_DATASOURCE_USERNAME=$CF_DB_USER
    export QUARKUS_DATASOURCE_PASSWORD=$CF_DB_PASSWORD
}

ensure_java() {
    if ! command -v java >/dev/null 2>&1; then
        say "A JDK 17 or newer is needed: sudo apt-get install openjdk-17-jdk-headless"
        return 1
    fi
}

# Debian's docker-compose parses compose files without a Docker engine; the test suite uses it, when it can
# be had, to validate docker/compose.yaml. Best effort: the suite skips that check without it.
ensure_compose_validator() {
    if command -v docker-compose >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
        return 0
    fi
    say "Installing docker-compose (to validate docker/compose.yaml)"
    if [ "$(id -u)" = 0 ]; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker-compose >/dev/null 2>&1 || true
    elif sudo -n true 2>/dev/null; then
        sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker-compose >/dev/null 2>&1 || true
    fi
}

# The browser tests drive Debian's Chromium (/usr/bin/chromium); Playwright never downloads one.
ensure_chromium() {
    if [ -x /usr/bin/chromium ]; then
        return 0
    fi
    say "Installing Chromium with apt-get (for the browser tests)"
    if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; then
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium
    fi
}
