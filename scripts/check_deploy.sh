#!/usr/bin/env bash
# Django's deployment checks with a production environment: `manage.py check --deploy
# --fail-level WARNING` fails on any warning (no HSTS, no https redirect, cookies without
# Secure, DEBUG on, a weak key, ...). The environment is deploy/production.env.example unless
# a file is named: scripts/check_deploy.sh [ENV_FILE]. With SECRET_KEY empty there, a throwaway
# key is made for the check. Nothing is connected to: the checks read settings only.
set -euo pipefail
cd "$(dirname "$0")/.."

env_file=${1:-deploy/production.env.example}
python=${PYTHON:-.venv/bin/python}

# Only the file's variables (plus PATH and HOME), nothing from the calling shell; a .env
# beside manage.py fills in only what the file leaves unset (settings.py reads it that way).
variables=(PATH="$PATH" HOME="${HOME:-/tmp}")
while IFS= read -r line || [ -n "$line" ]; do
  case $line in ''|'#'*) continue ;; esac
  variables+=("$line")
done <"$env_file"
if ! grep -q '^SECRET_KEY=.' "$env_file"; then
  variables+=(SECRET_KEY="$("$python" -c 'import secrets; print(secrets.token_urlsafe(50))')")
fi

exec env -i "${variables[@]}" "$python" manage.py check --deploy --fail-level WARNING
