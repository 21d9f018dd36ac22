#!/usr/bin/env bash
# Dependency audit: every pinned Python package (requirements*.txt) against the PyPI advisory
# database (pip-audit), and every npm package of package-lock.json against the npm registry's
# advisories (npm audit).
#
# Exit status:
#   0  every package was checked and none has a known vulnerability
#   1  a known vulnerability, or a package that could not be checked (pip-audit --strict)
#   2  an advisory service could not be reached: NOTHING WAS AUDITED, and this says so
#
# It never reports "no known vulnerabilities" for packages it did not check. The services can
# be pointed elsewhere (a mirror, or an unreachable address in tests) with AUDIT_PYPI_URL and
# AUDIT_NPM_URL.
set -uo pipefail
cd "$(dirname "$0")/.."

PYPI_URL=${AUDIT_PYPI_URL:-https://pypi.org}
NPM_URL=${AUDIT_NPM_URL:-https://registry.npmjs.org}
BIN=${BIN:-.venv/bin}

not_run() {
  echo "DEPENDENCY AUDIT NOT RUN: $1" >&2
  echo "No package was checked; this is not a clean result." >&2
  exit 2
}

# Can the advisory services answer? PyPI's JSON API lists a release's known vulnerabilities at
# /pypi/<name>/<version>/json, which pip-audit asks for each package (probed with our Django);
# npm's bulk advisory endpoint takes a POST of package versions.
django=$(grep -i '^django==' requirements.txt | cut -d= -f3)
pypi_probe=$(curl -sS --max-time 20 -o /dev/null -w '%{http_code}' \
  "$PYPI_URL/pypi/django/$django/json" 2>&1) \
  || not_run "the PyPI advisory API at $PYPI_URL could not be reached ($pypi_probe)"
[ "$pypi_probe" = "200" ] \
  || not_run "the PyPI advisory API at $PYPI_URL answered HTTP $pypi_probe for Django $django, not 200"
npm_probe=$(curl -sS --max-time 20 -o /dev/null -w '%{http_code}' -X POST \
  -H 'Content-Type: application/json' -d '{}' "$NPM_URL/-/npm/v1/security/advisories/bulk" 2>&1) \
  || not_run "the npm advisory API at $NPM_URL could not be reached ($npm_probe)"
[ "$npm_probe" = "200" ] \
  || not_run "the npm advisory API at $NPM_URL answered HTTP $npm_probe, not 200"

status=0
echo "== pip-audit: requirements.txt and requirements-dev.txt"
# --strict: a package that cannot be audited fails the run instead of being skipped quietly.
# --no-deps --disable-pip: the files pin every package, so nothing needs resolving or installing.
for file in requirements.txt requirements-dev.txt; do
  "$BIN/pip-audit" --requirement "$file" --strict --no-deps --disable-pip \
    --vulnerability-service pypi --progress-spinner off || status=1
done

echo "== npm audit: package-lock.json"
npm audit --registry "$NPM_URL" --audit-level low || status=1

exit $status
