# Sourced by bench/run, bench/soak and bench/show-sql: tools, databases, the packaged service, measuring a
# process's time and memory, and the machine a run's results were measured on.

# The JVM's feature version (17, 25...), from the release file of its installation; 0 when unknown.
java_feature_version() {
    local home
    home=$(dirname "$(dirname "$(readlink -f "$(command -v "${JAVA_HOME:+$JAVA_HOME/bin/}java")")")")
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" 2>/dev/null | grep . || echo 0
}

# choose_build BUILD: the build measured, in APP and JAR. On JDK 25 or newer it is the one made for that runtime
# (./mvnw package -Paot: every jar on the JVM's class path, so that the service's AOT cache holds the
# application's classes too), unless BUILD is empty (--no-build) and only the default build is there.
choose_build() {
    local build=$1
    BUILD_PROFILE=
    APP=$PWD/target/quarkus-app
    if [ "$(java_feature_version)" -ge 25 ] \
        && { [ -n "$build" ] || [ -f target/quarkus-aot-app/quarkus-run.jar ]; }; then
        BUILD_PROFILE=aot
        APP=$PWD/target/quarkus-aot-app
    fi
    JAR=$APP/quarkus-run.jar
    export CLINIC_FINDER_APP=$APP
}

JAVA_OPTS=${BENCH_JAVA_OPTS:-}
# The public API allows 60 requests a minute per address; every benchmark request comes from 127.0.0.1.
# Empty: the service's own rate (bench/soak).
ANONYMOUS_RATE=100000000/min
# More VARIABLE=value settings for the service and the jobs, one an element.
SERVICE_EXTRA_ENV=()
TEXT_MATCH_THRESHOLD=${CLINIC_FINDER_SEARCH_TEXT_MATCH_THRESHOLD:-0.5}
# The benchmark's databases are its own, whatever the caller's environment names (scripts/test sets these).
unset QUARKUS_DATASOURCE_JDBC_URL QUARKUS_DATASOURCE_USERNAME QUARKUS_DATASOURCE_PASSWORD

# Debian packages the harness installs when their command is missing.
ensure_command() {
    local command=$1 package=$2
    if command -v "$command" >/dev/null 2>&1; then
        return 0
    fi
    say "Installing $package with apt-get (for $command)"
    if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$package" >/dev/null; then
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$package" >/dev/null
    fi
}

ensure_tools() {
    ensure_java
    ensure_command python3 python3
    ensure_command curl curl
    ensure_command wrk wrk
    ensure_command gnuplot gnuplot-nox
    ensure_postgres
    # Debian ships pgbench with the server; it is on PATH through postgresql-common's wrapper.
    if ! command -v pgbench >/dev/null 2>&1; then
        ensure_command pgbench "postgresql-$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
    fi
}

# Builds the service ($APP) when it is missing or older than the sources it is built from.
ensure_jar() {
    if [ -f "$JAR" ] && [ -z "$(find src pom.xml openapi.yaml -newer "$JAR" -print -quit)" ]; then
        return 0
    fi
    say "Building the service (./mvnw package -DskipTests${BUILD_PROFILE:+ -P$BUILD_PROFILE})"
    ./mvnw -B -q --no-transfer-progress package -DskipTests ${BUILD_PROFILE:+-P$BUILD_PROFILE} >"$WORK/build.log" 2>&1 \
        || { tail -n 40 "$WORK/build.log" >&2; return 1; }
}

# psql as the service's role, on a benchmark database.
bench_psql() {
    local database=$1
    shift
    PGPASSWORD=$CF_DB_PASSWORD psql -w -X -h "$CF_DB_HOST" -p "$CF_DB_PORT" -U "$CF_DB_USER" -d "$database" \
        -v ON_ERROR_STOP=1 -Atq "$@"
}

jdbc_url() {
    printf 'jdbc:postgresql://%s:%s/%s' "$CF_DB_HOST" "$CF_DB_PORT" "$1"
}

# The environment every java process of the benchmark runs with: its database, nothing else inherited.
service_env() {
    local database=$1
    printf '%s\n' \
        "QUARKUS_DATASOURCE_JDBC_URL=$(jdbc_url "$database")" \
        "QUARKUS_DATASOURCE_USERNAME=$CF_DB_USER" \
        "QUARKUS_DATASOURCE_PASSWORD=$CF_DB_PASSWORD" \
        ${ANONYMOUS_RATE:+"CLINIC_FINDER_PARTNERS_ANONYMOUS_RATE=$ANONYMOUS_RATE"} \
        "CLINIC_FINDER_SEARCH_CURSOR_SECRET=clinic-finder-benchmark" \
        "CLINIC_FINDER_SEARCH_TEXT_MATCH_THRESHOLD=$TEXT_MATCH_THRESHOLD" \
        "${SERVICE_EXTRA_ENV[@]}"
}

# clinic_finder DATABASE ARGS...: scripts/clinic-finder ARGS on the database, exec'd, so that the caller's pid
# for it is the JVM's own.
clinic_finder() {
    local database=$1
    shift
    # shellcheck disable=SC2046,SC2086 # one variable a word; JAVA_OPTS holds several options
    exec env $(service_env "$database") JAVA_OPTS="$JAVA_OPTS" scripts/clinic-finder "$@"
}

# job DATABASE ARGS...: the import job (java -jar ... import ARGS).
job() {
    local database=$1
    shift
    clinic_finder "$database" import "$@"
}

# run_measured LOG COMMAND...: runs COMMAND with its output in LOG; sets MEASURED_SECONDS, MEASURED_PEAK_KB
# (the process's VmHWM, polled every 20 ms: COMMAND must exec the process measured, as job does) and
# MEASURED_EXIT.
run_measured() {
    local log=$1
    shift
    local start end pid key value rest peak=0
    # EPOCHREALTIME has the locale's decimal separator, a comma in many.
    start=${EPOCHREALTIME/,/.}
    "$@" >"$log" 2>&1 &
    pid=$!
    while [ -r "/proc/$pid/status" ]; do
        while read -r key value rest; do
            if [ "$key" = "VmHWM:" ]; then
                [ "$value" -gt "$peak" ] && peak=$value
                break
            fi
        done <"/proc/$pid/status" 2>/dev/null || true
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.02
    done
    MEASURED_EXIT=0
    wait "$pid" || MEASURED_EXIT=$?
    end=${EPOCHREALTIME/,/.}
    MEASURED_SECONDS=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
    MEASURED_PEAK_KB=$peak
}

# Writes PostgreSQL's dirty pages out, so that the step after it does not pay for the work before it.
checkpoint() {
    superuser_psql -d postgres -c CHECKPOINT
}

# free_port: a port below the kernel's ephemeral range that nothing is bound to. Below that range, no outgoing
# connection (wrk's, pgbench's, the service's own to PostgreSQL) can take the port between this check and the
# service's bind.
free_port() {
    python3 - <<'PY' || { say "No free port found"; return 1; }
import random, socket
with open("/proc/sys/net/ipv4/ip_local_port_range") as ports:
    ephemeral_low = int(ports.read().split()[0])
candidates = range(10000, ephemeral_low) if ephemeral_low > 11000 else range(10000, 65536)
for port in random.sample(candidates, 200):
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            continue
        print(port)
        raise SystemExit(0)
raise SystemExit(1)
PY
}

SERVICE_PID=

# start_service DATABASE LOG PATH: launches the packaged service and waits for the first 200 answer to PATH.
# Sets SERVICE_PID, SERVICE_URL, SERVICE_FIRST_RESPONSE_MS (launch to that answer) and SERVICE_RSS_KB (VmRSS
# right after it).
start_service() {
    local database=$1 log=$2 path=$3 port start end code key value rest
    port=$(free_port)
    SERVICE_URL="http://127.0.0.1:$port"
    start=${EPOCHREALTIME/,/.}
    # shellcheck disable=SC2086,SC2046 # JAVA_OPTS holds several options; one variable a line
    env $(service_env "$database") QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$port" \
        JAVA_OPTS="$JAVA_OPTS" scripts/clinic-finder >"$log" 2>&1 &
    SERVICE_PID=$!
    for _ in $(seq 1 3000); do
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$SERVICE_URL$path" || true)
        if [ "$code" = 200 ]; then
            end=${EPOCHREALTIME/,/.}
            SERVICE_FIRST_RESPONSE_MS=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.0f", (b - a) * 1000 }')
            SERVICE_RSS_KB=0
            while read -r key value rest; do
                [ "$key" = "VmRSS:" ] && SERVICE_RSS_KB=$value && break
            done <"/proc/$SERVICE_PID/status"
            return 0
        fi
        if ! kill -0 "$SERVICE_PID" 2>/dev/null; then
            say "The service exited before answering; its log: $log"
            tail -n 30 "$log" >&2
            SERVICE_PID=
            return 1
        fi
        sleep 0.01
    done
    say "The service gave no 200 for $path within a minute; its log: $log"
    stop_service
    return 1
}

stop_service() {
    if [ -n "$SERVICE_PID" ] && kill -0 "$SERVICE_PID" 2>/dev/null; then
        kill -TERM "$SERVICE_PID" 2>/dev/null || true
        # A minute: on JDK 25 the first service after a build writes its AOT cache as it stops.
        for _ in $(seq 1 600); do
            kill -0 "$SERVICE_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$SERVICE_PID" 2>/dev/null || true
        wait "$SERVICE_PID" 2>/dev/null || true
    fi
    SERVICE_PID=
}

# The line "started in 1.234s" of a Quarkus log, in seconds.
quarkus_started_seconds() {
    sed -n 's/.* started in \([0-9.]*\)s\..*/\1/p' "$1" | head -n 1
}

# Appends KEY=VALUE lines (one argument each) to a results file.
record() {
    local file=$1
    shift
    printf '%s\n' "$@" >>"$file"
}

# command_line PROGRAM ARGS...: the command line as typed, arguments with spaces in double quotes.
command_line() {
    local line=$1 argument
    shift
    # The JVM is part of what is measured (scripts/clinic-finder runs $JAVA_HOME/bin/java when it is set).
    [ -n "${JAVA_HOME:-}" ] && line="JAVA_HOME=$JAVA_HOME $line"
    for argument in "$@"; do
        [[ $argument == *" "* ]] && argument="\"$argument\""
        line+=" $argument"
    done
    echo "$line"
}

# machine_env FILE PROGRAM ARGS...: records when, where and with what a run measures: the date, the command
# line, the machine, the JVMs, PostgreSQL and its settings, wrk, the commit and the load average.
machine_env() {
    local file=$1 cpu memory_kb
    shift
    cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
    memory_kb=$(sed -n 's/^MemTotal: *\([0-9]*\) kB/\1/p' /proc/meminfo)
    record "$file" \
        "date=$(date -u '+%Y-%m-%d %H:%M UTC')" \
        "command=$(command_line "$@")" \
        "cpu=${cpu:-unknown} ($(nproc) cores)" \
        "memory=$((memory_kb / 1024 / 1024)) GiB" \
        "os=$(. /etc/os-release && echo "$PRETTY_NAME"), Linux $(uname -r)" \
        "jdk=$("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | sed -n 2p)" \
        "service_jvm=$(sed -n 's/^ *jvm="\(.*\)"$/\1/p' scripts/clinic-finder | sed -n 1p \
            | sed 's/ \$(aot_cache_option)/, with its AOT cache on JDK 25 or newer/')" \
        "job_jvm=$(sed -n 's/^ *jvm="\(.*\)"$/\1/p' scripts/clinic-finder | sed -n 2p)" \
        "java_opts=${JAVA_OPTS:-none}" \
        "build=${APP#"$PWD"/} (./mvnw package${BUILD_PROFILE:+ -P$BUILD_PROFILE})" \
        "postgres=$(superuser_psql -d postgres -c 'SHOW server_version')" \
        "postgres_settings=$(superuser_psql -d postgres -c "SELECT string_agg(name || ' = ' || setting ||
            coalesce(unit, ''), ', ' ORDER BY name) FROM pg_settings WHERE name IN ('shared_buffers',
            'work_mem', 'max_connections', 'effective_cache_size', 'synchronous_commit', 'max_wal_size')")" \
        "wrk=$(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2)" \
        "commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- src pom.xml \
            2>/dev/null || echo ' with uncommitted changes')" \
        "load_before=$(cut -d' ' -f1-3 /proc/loadavg)"
}
