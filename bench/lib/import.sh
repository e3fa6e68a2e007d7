# Sourced by bench/run: the generated lists, the databases that hold them, and the import part.

# dataset_files ROWS: generates (once per size and seed, again when the generator changes) the list of ROWS
# providers and its 10%-changed edition; sets DATA_FILE and CHANGED_FILE.
dataset_files() {
    local rows=$1
    DATA_FILE="$DATA_DIR/providers-$rows-seed$SEED.csv"
    CHANGED_FILE="$DATA_DIR/providers-$rows-seed$SEED-changed.csv"
    local source
    for source in bench/generate.py scripts/generate-sample-data.py src/main/resources/ingest/vocabulary.txt; do
        if [ ! -s "$DATA_FILE" ] || [ ! -s "$CHANGED_FILE" ] || [ "$source" -nt "$CHANGED_FILE" ]; then
            say "Generating $rows providers (seed $SEED)"
            mkdir -p "$DATA_DIR"
            python3 bench/generate.py --rows "$rows" --seed "$SEED" --output "$DATA_FILE.tmp" \
                --changed-output "$CHANGED_FILE.tmp"
            mv "$DATA_FILE.tmp" "$DATA_FILE"
            mv "$CHANGED_FILE.tmp" "$CHANGED_FILE"
            return 0
        fi
    done
}

# new_database NAME: the database dropped and created anew, with the extensions the schema needs.
new_database() {
    ensure_database "$1" --fresh >/dev/null
    # ensure_database points the environment at it; every java process here is given its database itself.
    unset QUARKUS_DATASOURCE_JDBC_URL QUARKUS_DATASOURCE_USERNAME QUARKUS_DATASOURCE_PASSWORD
}

# fresh_database NAME: a new database with the service's schema (the job migrates it; a dry run of one row
# publishes nothing), so that no timed run includes creating the schema.
fresh_database() {
    local name=$1
    new_database "$name"
    printf 'name,city,country,credential_title,credential_issuer\nSchema,Dublin,IE,Diploma,Academy\n' \
        >"$WORK/schema.csv"
    (job "$name" "$WORK/schema.csv" --source bench-schema --dry-run >"$WORK/schema.log" 2>&1) \
        || { cat "$WORK/schema.log" >&2; return 1; }
}

# import_summary LOG: "inserted updated unchanged rejected" from the job's closing lines.
import_summary() {
    local log=$1
    local inserted updated unchanged rejected
    rejected=$(sed -n 's/.* \([0-9]*\) rejected,.*/\1/p' "$log" | head -n 1)
    read -r inserted updated unchanged < <(sed -n \
        's/.*providers: \([0-9]*\) inserted, \([0-9]*\) updated, \([0-9]*\) unchanged.*/\1 \2 \3/p' "$log")
    echo "${inserted:-?} ${updated:-?} ${unchanged:-?} ${rejected:-?}"
}

# load_dataset DATABASE ROWS: a fresh database holding the generated list of ROWS providers, imported by the
# job (untimed, so the job may create the schema too), vacuumed and analysed as autovacuum would after an import
# (every table: the import writes the search tables too, and index-only scans need their visibility maps).
load_dataset() {
    local database=$1 rows=$2
    dataset_files "$rows"
    say "Loading $rows providers into $database"
    new_database "$database"
    run_measured "$WORK/load-$database.log" job "$database" "$DATA_FILE" --source bench
    if [ "$MEASURED_EXIT" != 0 ]; then
        tail -n 20 "$WORK/load-$database.log" >&2
        say "Importing $DATA_FILE into $database failed (exit $MEASURED_EXIT)"
        return 1
    fi
    bench_psql "$database" -c "SET client_min_messages = error" -c "VACUUM ANALYZE"
}

# One timed run of the job; appends the step's figures to the import results.
timed_import() {
    local step=$1 file=$2 expect=$3
    checkpoint
    say "Import, $step: $(basename "$file")"
    run_measured "$WORK/import-$step.log" job "$MAIN_DB" "$file" --source bench
    local inserted updated unchanged rejected
    read -r inserted updated unchanged rejected < <(import_summary "$WORK/import-$step.log")
    if [ "$MEASURED_EXIT" != 0 ] || [ "$rejected" != 0 ]; then
        tail -n 20 "$WORK/import-$step.log" >&2
        say "The $step import did not publish every row (exit $MEASURED_EXIT, $rejected rejected)"
        return 1
    fi
    # The step measures what it says only if the job did what the step expects of it.
    case $expect in
        inserted) [ "$inserted" = "$IMPORT_ROWS" ] ;;
        unchanged) [ "$unchanged" = "$IMPORT_ROWS" ] ;;
        updated) [ "$updated" -gt 0 ] && [ $((updated + unchanged)) = "$IMPORT_ROWS" ] ;;
    esac || { say "The $step import gave $inserted inserted, $updated updated, $unchanged unchanged"; return 1; }
    record "$RESULTS/import.tsv" "$(printf '%s\t%s\t%s\t%s\t%s\t%s\t%s' "$step" "$IMPORT_ROWS" "$MEASURED_SECONDS" \
        "$MEASURED_PEAK_KB" "$inserted" "$updated" "$unchanged")"
}

# The columns a writer stores; the generated ones PostgreSQL computes (as it does for the job's inserts).
stored_columns() {
    bench_psql "$MAIN_DB" -c "SELECT string_agg(column_name, ', ' ORDER BY ordinal_position)
        FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name = 'provider' AND is_generated = 'NEVER'"
}

# Raw COPY: the rows the first import stored, exported, then loaded with psql's \copy into a table with the
# same columns, constraints and indexes as provider.
copy_baseline() {
    local columns rows_file="$WORK/provider-rows.copy"
    columns=$(stored_columns)
    bench_psql "$MAIN_DB" -c "\\copy (SELECT $columns FROM provider WHERE source = 'bench') TO '$rows_file'"
    bench_psql "$MAIN_DB" -c "DROP TABLE IF EXISTS bench_copy" \
        -c "CREATE TABLE bench_copy (LIKE provider INCLUDING ALL)"
    checkpoint
    say "Import, raw COPY of the same rows"
    run_measured "$WORK/import-copy.log" bench_psql "$MAIN_DB" -c "\\copy bench_copy ($columns) FROM '$rows_file'"
    if [ "$MEASURED_EXIT" != 0 ]; then
        cat "$WORK/import-copy.log" >&2
        return 1
    fi
    local copied indexes
    copied=$(bench_psql "$MAIN_DB" -c "SELECT count(*) FROM bench_copy")
    indexes=$(bench_psql "$MAIN_DB" -c "SELECT count(*) FROM pg_indexes WHERE tablename = 'bench_copy'")
    record "$RESULTS/import.tsv" "$(printf 'copy\t%s\t%s\t%s\t\t\t' "$copied" "$MEASURED_SECONDS" "$MEASURED_PEAK_KB")"
    record "$RESULTS/run.env" "copy_indexes=$indexes" "copy_columns=$columns"
    bench_psql "$MAIN_DB" -c "DROP TABLE bench_copy"
    rm -f "$rows_file"
}

import_part() {
    dataset_files "$IMPORT_ROWS"
    fresh_database "$MAIN_DB"
    : >"$RESULTS/import.tsv"
    timed_import fresh "$DATA_FILE" inserted
    copy_baseline
    timed_import unchanged "$DATA_FILE" unchanged
    timed_import changed "$CHANGED_FILE" updated
    bench_psql "$MAIN_DB" -c "SET client_min_messages = error" -c "VACUUM ANALYZE"
    record "$RESULTS/run.env" "import_command=scripts/clinic-finder import FILE --source bench"
    MAIN_DB_ROWS=$IMPORT_ROWS
}
