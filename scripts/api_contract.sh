#!/usr/bin/env bash
# API contract test: Schemathesis against the live OpenAPI schema (/api/v1/schema/) of a gunicorn
# server on PostgreSQL, with the reference and demo data and a read-write token of the demo
# analyst. Every operation is exercised (a bounded number of examples each); the run fails on
# any server error (5xx), any response body that does not match its documented schema, and any
# status code the schema does not document.
#
# Needs PostgreSQL at 127.0.0.1:5432 with the role pantau/pantau (CREATEDB), as .ci/run sets up.
# The database pantau_contract is dropped and created afresh; the server is stopped at the end.
#
#   scripts/api_contract.sh                                # what .ci/run runs (~3 minutes)
#   CONTRACT_COVERAGE=positive scripts/api_contract.sh     # quicker: valid boundary cases only
#   CONTRACT_MAX_EXAMPLES=50 scripts/api_contract.sh       # more fuzzing per operation
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

port=${CONTRACT_PORT:-8766}
database=${CONTRACT_DB:-pantau_contract}
max_examples=${CONTRACT_MAX_EXAMPLES:-10}
pg=postgres://pantau:pantau@127.0.0.1:5432
base=http://127.0.0.1:$port
work=$(mktemp -d)

# The server's environment: production-like (DEBUG off), tasks eager, throttles out of the way.
server_env=(
  env
  DATABASE_URL="$pg/$database"
  DEBUG=false
  SECRET_KEY=contract-test-only-not-a-secret
  STATIC_MANIFEST=false
  CELERY_BROKER_URL=
  CELERY_RESULT_BACKEND=
  THROTTLE_ANON=1000000/minute
  THROTTLE_TOKEN=1000000/minute
  THROTTLE_USER=1000000/minute
  LOG_LEVEL=ERROR
)

psql -w -q -v ON_ERROR_STOP=1 "$pg/postgres" -c "DROP DATABASE IF EXISTS $database"
psql -w -q -v ON_ERROR_STOP=1 "$pg/postgres" -c "CREATE DATABASE $database OWNER pantau"
"${server_env[@]}" .venv/bin/python manage.py migrate --noinput -v0
"${server_env[@]}" .venv/bin/python manage.py load_reference >/dev/null
"${server_env[@]}" .venv/bin/python manage.py seed_demo >/dev/null

new_token() {  # new_token <name>: a new read-write token of the demo analyst
  "${server_env[@]}" .venv/bin/python manage.py create_api_token \
    --user analyst --name "$1" --read-write | grep -E '^pantau_'
}
# Fuzzing DELETE /api/v1/tokens/{id}/ would revoke the very token the run uses and leave
# nothing but 401s, so that operation is pointed at a spare token of the same user.
spare=$(new_token contract-spare)
token=$(new_token contract)

"${server_env[@]}" .venv/bin/gunicorn config.wsgi:application \
  --bind "127.0.0.1:$port" --workers 2 --timeout 60 >"$work/gunicorn.log" 2>&1 &
server=$!
stop_server() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap stop_server EXIT

for _ in $(seq 1 60); do
  if curl -fsS -o /dev/null "$base/healthz" 2>/dev/null; then break; fi
  if ! kill -0 "$server" 2>/dev/null; then
    cat "$work/gunicorn.log" >&2
    exit 1
  fi
  sleep 0.5
done

spare_id=$(
  curl -fsS -H "Authorization: Bearer $spare" "$base/api/v1/tokens/?page_size=200" \
    | .venv/bin/python -c 'import json, sys
print(next(t["id"] for t in json.load(sys.stdin)["results"] if t["name"] == "contract-spare"))'
)
# The coverage phase walks every documented boundary of every operation, valid and invalid
# (some 12,500 requests, about 2 minutes on 2 cores); CONTRACT_COVERAGE=positive leaves out the
# invalid half (about 3,500) for a quicker local run.
coverage_mode=${CONTRACT_COVERAGE:-all}
cat >"$work/schemathesis.toml" <<EOF
[phases.coverage.generation]
mode = "$coverage_mode"

[[operations]]
include-operation-id = "tokens_destroy"
parameters = { "path.id" = $spare_id }
EOF

status=0
# From the scratch directory: Schemathesis keeps a crash cache in ./.schemathesis/.
(
  cd "$work"
  "$root/.venv/bin/schemathesis" --config-file "$work/schemathesis.toml" \
    run "$base/api/v1/schema/" \
    --header "Authorization: Bearer $token" \
    --checks not_a_server_error,response_schema_conformance,status_code_conformance \
    --phases examples,coverage,fuzzing \
    --max-examples "$max_examples" \
    --seed "${CONTRACT_SEED:-20170101}" \
    --generation-database none \
    --request-timeout 30 \
    --workers "${CONTRACT_WORKERS:-2}" \
    --no-color
) | tee "$work/schemathesis.log" || status=$?

# Schemathesis' own figures, on one line for the CI log.
summary=$(awk '
  /^  Tested:/ { printf "operations tested: %s; ", $2 }
  found_cases { sub(/^ +/, ""); printf "test cases: %s; ", $0; found_cases = 0 }
  /^Test cases:/ { found_cases = 1 }
  /^=+ .* in [0-9.]+s =+$/ { gsub(/=+/, ""); gsub(/^ +| +$/, ""); printf "result: %s", $0 }
' "$work/schemathesis.log")
echo "contract: ${summary:-Schemathesis printed no summary}"
if [ "$status" -ne 0 ]; then
  echo "contract: Schemathesis failed (exit $status); the end of the server log follows" >&2
  tail -n 60 "$work/gunicorn.log" >&2
fi
exit "$status"
