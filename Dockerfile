# Pantau image: one image for the web process, the Celery worker and Celery beat
# (docker-compose.yml chooses the command). Build with `docker compose build`.

# --- Front-end build: packages from the npm registry, pinned by package-lock.json, built into
# build/static/ (the Bootstrap subset from its Sass sources, the vendor scripts) by
# frontend/build.mjs. Only build/ goes into the image: the pages need no node_modules.
FROM node:20-bookworm-slim AS frontend
WORKDIR /frontend
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend ./frontend
RUN npm run build

# --- Application ---
FROM python:3.11-slim-bookworm AS app

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# pg_dump and pg_restore for `manage.py backup` and `restore`, of the db service's major version
# (postgres:15). psycopg-binary brings its own libpq, so nothing else comes from apt.
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client-15 \
    && rm -rf /var/lib/apt/lists/*

# Runtime dependencies only: no compiler.
COPY requirements.txt ./
RUN pip install --requirement requirements.txt

# settings.py serves build/static through staticfiles; collectstatic below compresses it.
COPY --from=frontend /frontend/build ./build
COPY . .

# The committed .po catalogues are compiled to .mo with polib (a pinned requirement), so no GNU
# gettext is installed; the command refuses a catalogue with an untranslated or fuzzy entry.
RUN SECRET_KEY=build-only python manage.py compile_translations

# With DEBUG off settings.py refuses to start without SECRET_KEY; this throwaway key exists for
# this one command and is not stored in the image's environment.
RUN SECRET_KEY=build-only python manage.py collectstatic --noinput

# An unprivileged user; it may write only where the app writes at run time (the SQLite
# fallback folder, uploaded media, its home, where gunicorn puts its control socket, and
# /srv/pantau/static, where the web process copies the collected static files for nginx: a
# volume created there starts with this folder's owner), not its own code or /app/staticfiles.
RUN groupadd --system pantau \
    && useradd --system --gid pantau --create-home --home-dir /home/pantau \
        --shell /usr/sbin/nologin pantau \
    && mkdir -p db media /srv/pantau/static \
    && chown pantau:pantau db media /srv/pantau/static
USER pantau

EXPOSE 8000

# python:slim has no curl; urlopen raises on a 503, so an unhealthy /healthz fails the check.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=5)"]

# config/gunicorn.py: gthread workers on 0.0.0.0:8000, timeouts and request limits.
CMD ["gunicorn", "--config", "config/gunicorn.py", "config.wsgi:application"]
