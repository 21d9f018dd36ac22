#!/usr/bin/env bash
# Backup drill: seed the demo into a PostgreSQL database, `manage.py backup` it, `manage.py
# restore` the archive into a new, empty database, and compare every table of the two.
#
# The restore command checks each table's row count and checksum against the archive's manifest
# itself; this script then compares the two databases independently of Pantau's code: each
# table's row count and the MD5 of its rows in PostgreSQL's own text form, and the stored files
# byte for byte. It prints the figures (tables, rows, archive size, seconds) and fails on any
# difference.
#
# Needs PostgreSQL at 127.0.0.1:5432 with the role pantau/pantau (CREATEDB), as .ci/run sets up,
# and pg_dump/pg_restore of the server's major version. The databases pantau_drill and
# pantau_drill_restored are made afresh and dropped at the end.
#
#   scripts/backup_drill.sh                    # what .ci/run runs (about 20 s)
#   DRILL_DB=mydrill scripts/backup_drill.sh   # other database names (mydrill, mydrill_restored)
#   DRILL_SERVER=postgres://me:secret@host:5432 DRILL_OWNER=me scripts/backup_drill.sh
set -euo pipefail
cd "$(dirname "$0")/.."

pg=${DRILL_SERVER:-postgres://pantau:pantau@127.0.0.1:5432}
owner=${DRILL_OWNER:-pantau}
source_db=${DRILL_DB:-pantau_drill}
restored_db=${source_db}_restored
work=$(mktemp -d)
archive=$work/drill.tar.gz

psql_on() {  # psql_on <database> <psql arguments...>
  local database=$1; shift
  PGOPTIONS="-c client_min_messages=warning" psql -w -q -X -v ON_ERROR_STOP=1 "$pg/$database" "$@"
}
fresh_database() {
  psql_on postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1 OWNER $owner"
}
cleanup() {
  psql_on postgres -c "DROP DATABASE IF EXISTS $source_db WITH (FORCE)" \
    -c "DROP DATABASE IF EXISTS $restored_db WITH (FORCE)" || true
  rm -rf "$work"
}
trap cleanup EXIT

# Each site as an operator runs one: its own database and media folder, tasks in-process.
site() {  # site <database> <media folder> <manage.py arguments...>
  local database=$1 media=$2; shift 2
  env -u CELERY_BROKER_URL -u CELERY_RESULT_BACKEND -u CACHE_URL \
    DATABASE_URL="$pg/$database" MEDIA_ROOT="$media" DEBUG=true \
    .venv/bin/python manage.py "$@"
}
now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# Each table's name, row count and the MD5 of its rows (as PostgreSQL prints them, sorted).
table_figures() {
  psql_on "$1" -At <<'SQL'
SELECT format(
  'SELECT %L, count(*), md5(coalesce(string_agg(r::text, %L ORDER BY r::text), %L)) FROM %I AS r',
  table_name, ',', '', table_name)
FROM information_schema.tables
WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
ORDER BY table_name
\gexec
SQL
}

fresh_database "$source_db"
fresh_database "$restored_db"
mkdir -p "$work/source-media/evidence" "$work/restored-media"
site "$source_db" "$work/source-media" migrate --noinput -v0
site "$source_db" "$work/source-media" load_reference >/dev/null
site "$source_db" "$work/source-media" seed_demo >/dev/null
# The demo stores no files; one illustrative file takes the stored-files path through the drill.
head -c 65536 /dev/urandom >"$work/source-media/evidence/drill-sample.bin"

started=$(now)
site "$source_db" "$work/source-media" backup "$archive"
backed_up=$(now)
site "$restored_db" "$work/restored-media" restore "$archive"
restored=$(now)

table_figures "$source_db" >"$work/source.txt"
table_figures "$restored_db" >"$work/restored.txt"
if ! diff -u "$work/source.txt" "$work/restored.txt"; then
  echo "backup drill: the restored database differs from the source (diff above)" >&2
  exit 1
fi
if ! diff -r "$work/source-media" "$work/restored-media"; then
  echo "backup drill: the restored stored files differ from the source's" >&2
  exit 1
fi
# The manifest's row counts are the source's, table for table.
tar -xzOf "$archive" manifest.json | .venv/bin/python -c '
import json, sys
manifest = {table: figure["rows"] for table, figure in json.load(sys.stdin)["tables"].items()}
found = {}
for line in open(sys.argv[1]):
    table, rows, _ = line.rstrip("\n").split("|")
    found[table] = int(rows)
if manifest != found:
    sys.exit(f"backup drill: the manifest row counts differ from the database: {manifest} {found}")
' "$work/source.txt"

tables=$(wc -l <"$work/source.txt")
rows=$(awk -F'|' '{ total += $2 } END { print total }' "$work/source.txt")
files=$(find "$work/restored-media" -type f | wc -l)
size=$(stat -c %s "$archive")
echo "backup drill: $tables tables, $rows rows, $files stored file(s); archive $size bytes;" \
  "backup $(seconds "$started" "$backed_up") s, restore $(seconds "$backed_up" "$restored") s;" \
  "every table equal in count and content"
