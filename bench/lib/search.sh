# Sourced by bench/run: the search part (wrk against the service, pgbench against PostgreSQL, shape by shape),
# the startup part, and the growth part (wrk only, at several sizes).

SHAPES="city treatment text nearby facets detail page50"

# The LIMIT of a page query: the contract's default page size (20) and one more, to know there is a next page.
PAGE_LIMIT=21

# The settings of the service's connections that change what a query does or how it is planned
# (application.properties' new-connection-sql), for pgbench's sessions and params.py's.
SESSION_OPTIONS="-c pg_trgm.similarity_threshold=$TEXT_MATCH_THRESHOLD -c plan_cache_mode=force_custom_plan"

# A request every database answers with 200 once the service is up, and a realistic first one.
FIRST_PATH="/api/v1/providers?country=GB&city=London"

# wrk_run SHAPE SECONDS OUT: one wrk run over the shape's paths; its JSON figures in OUT.
wrk_run() {
    local shape=$1 seconds=$2 out=$3
    wrk -t "$THREADS" -c "$CONNECTIONS" -d "${seconds}s" --timeout 10s --latency -s bench/lib/paths.lua \
        "$SERVICE_URL" -- "$PARAMS/$shape.paths" >"$out.txt" 2>&1 \
        || { cat "$out.txt" >&2; return 1; }
    grep '^{"requests"' "$out.txt" >"$out"
}

# pgbench_run SHAPE SECONDS OUT: pgbench running the shape's script with as many clients as wrk has
# connections; "tps p50_ms p99_ms failed transactions" in OUT.
pgbench_run() {
    local shape=$1 seconds=$2 out=$3 script count logs
    script=$shape
    [ "$shape" = page50 ] && script=$(cat "$PARAMS/page50.script")
    count=$(cat "$PARAMS/$shape.count")
    logs="$WORK/pgbench-logs/$shape"
    rm -rf "$logs" && mkdir -p "$logs"
    PGPASSWORD=$CF_DB_PASSWORD PGOPTIONS=$SESSION_OPTIONS \
        pgbench -n -M prepared -h "$CF_DB_HOST" -p "$CF_DB_PORT" -U "$CF_DB_USER" \
        -c "$CONNECTIONS" -j "$THREADS" -T "$seconds" -D count="$count" -D limit="$PAGE_LIMIT" \
        -f "bench/sql/$script.sql" -l --log-prefix="$logs/log" "$SEARCH_DB" >"$out.txt" 2>&1 \
        || { cat "$out.txt" >&2; return 1; }
    local tps failed transactions
    tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$out.txt")
    failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$out.txt")
    # Each log line is one transaction: client, number, latency in microseconds, ...
    cat "$logs"/log.* | awk '{ print $3 }' | sort -n >"$logs/latencies"
    transactions=$(wc -l <"$logs/latencies")
    local p50 p99
    p50=$(percentile_ms "$logs/latencies" "$transactions" 50)
    p99=$(percentile_ms "$logs/latencies" "$transactions" 99)
    echo "$tps $p50 $p99 ${failed:-0} $transactions" >"$out"
    rm -rf "$logs"
}

# percentile_ms SORTED_MICROSECONDS COUNT P
percentile_ms() {
    local file=$1 count=$2 p=$3 index
    [ "$count" -gt 0 ] || { echo 0; return; }
    index=$(((count * p + 99) / 100))
    sed -n "${index}p" "$file" | awk '{ printf "%.2f", $1 / 1000 }'
}

# measure_shapes DATABASE ROWS RESULTS_FILE WITH_PGBENCH: starts the service on DATABASE, prepares the
# parameters and measures every shape; one line a shape in RESULTS_FILE.
measure_shapes() {
    local database=$1 rows=$2 results=$3 with_pgbench=$4
    SEARCH_DB=$database
    PARAMS="$WORK/params/$database"
    first_launch "$database"
    start_service "$database" "$WORK/service-$database.log" "$FIRST_PATH"
    say "Preparing search parameters from $rows providers ($database)"
    PGOPTIONS=$SESSION_OPTIONS python3 bench/lib/params.py --database "$database" --url "$SERVICE_URL" --out "$PARAMS" \
        --count "$PARAM_COUNT" --cursor-searches "$CURSOR_SEARCHES" --seed "$SEED"
    # The service as it runs for days: every shape's requests, mixed, until the JIT has compiled their paths.
    if [ "$SERVICE_WARMUP" -gt 0 ]; then
        say "Warming the service up: every shape's requests for ${SERVICE_WARMUP}s"
        local shape
        for shape in $SHAPES; do cat "$PARAMS/$shape.paths"; done >"$PARAMS/all.paths"
        wrk_run all "$SERVICE_WARMUP" "$WORK/wrk-$database-warmup.json"
    fi
    : >"$results"
    local shape
    for shape in $SHAPES; do
        say "Search, $shape ($rows providers): wrk${with_pgbench:+ and pgbench}, ${DURATION}s each"
        if [ "$WARMUP" -gt 0 ]; then
            wrk_run "$shape" "$WARMUP" "$WORK/wrk-$database-$shape-warmup.json"
        fi
        wrk_run "$shape" "$DURATION" "$WORK/wrk-$database-$shape.json"
        local pgbench_figures="- - - - -"
        if [ -n "$with_pgbench" ]; then
            pgbench_run "$shape" "$DURATION" "$WORK/pgbench-$database-$shape.out"
            pgbench_figures=$(cat "$WORK/pgbench-$database-$shape.out")
        fi
        printf '%s\t%s\t%s\t%s\n' "$rows" "$shape" "$(cat "$WORK/wrk-$database-$shape.json")" "$pgbench_figures" \
            >>"$results"
    done
    stop_service
}

# first_launch DATABASE: once a run, a launch of the service that nothing measures. Measurements are of a
# service that has run before, as after a deployment's first start: on JDK 25 that start records the AOT cache
# that later starts load, and recording costs CPU while it runs. A smoke run's figures mean nothing: it skips it.
first_launch() {
    [ -z "${FIRST_LAUNCH_DONE:-}" ] && [ -z "$SMOKE" ] || return 0
    say "A first launch of the service (not measured)"
    start_service "$1" "$WORK/first-launch.log" "$FIRST_PATH"
    stop_service
    FIRST_LAUNCH_DONE=yes
}

search_part() {
    if [ "$MAIN_DB_ROWS" != "$ROWS" ]; then
        load_dataset "$MAIN_DB" "$ROWS"
        MAIN_DB_ROWS=$ROWS
    fi
    measure_shapes "$MAIN_DB" "$ROWS" "$RESULTS/search.tsv" yes
}

startup_part() {
    if [ "$MAIN_DB_ROWS" != "$ROWS" ]; then
        load_dataset "$MAIN_DB" "$ROWS"
        MAIN_DB_ROWS=$ROWS
    fi
    : >"$RESULTS/startup.tsv"
    first_launch "$MAIN_DB"
    local run
    for run in $(seq 1 "$STARTUP_RUNS"); do
        say "Startup, run $run of $STARTUP_RUNS"
        # Each launch on a settled machine: PostgreSQL's dirty pages written out, the last service's exit over.
        checkpoint >/dev/null
        [ -n "$SMOKE" ] || sleep 2
        start_service "$MAIN_DB" "$WORK/startup-$run.log" "$FIRST_PATH"
        printf '%s\t%s\t%s\t%s\n' "$run" "$SERVICE_FIRST_RESPONSE_MS" "$SERVICE_RSS_KB" \
            "$(quarkus_started_seconds "$WORK/startup-$run.log")" >>"$RESULTS/startup.tsv"
        stop_service
    done
}

growth_part() {
    : >"$RESULTS/growth.tsv"
    local size database
    for size in $GROWTH_SIZES; do
        if [ "$size" = "$ROWS" ] && [ -s "$RESULTS/search.tsv" ]; then
            say "Growth at $size providers: the search part's figures"
            cat "$RESULTS/search.tsv" >>"$RESULTS/growth.tsv"
            continue
        fi
        if [ "$size" = "$MAIN_DB_ROWS" ]; then
            database=$MAIN_DB
        else
            database="${DB_PREFIX}_growth_$size"
            load_dataset "$database" "$size"
        fi
        measure_shapes "$database" "$size" "$WORK/growth-$size.tsv" ""
        cat "$WORK/growth-$size.tsv" >>"$RESULTS/growth.tsv"
    done
}
