"""The container wiring refers to things that exist: docker-compose.yml, Dockerfile, .env.example.

Docker is not needed: the files are read as Docker reads them and every module, command, URL,
variable and file they name is looked up in the project (tests/core/compose_checks.py). Each
check is also fed a deliberately broken copy, to show it reports that fault.
"""

from __future__ import annotations

import json
import re
import shlex

import pytest
from django.core.management import get_commands
from django.test import Client, override_settings

from tests.core.command_checks import import_problems, settings_problems
from tests.core.compose_checks import built_npm_files as served_folders
from tests.core.compose_checks import (
    compose_problems,
    dockerfile_problems,
    entry_points_of,
    npm_problems,
    runs_in,
    service_command,
)
from tests.core.container_files import (
    ROOT,
    SETTINGS_FILE,
    DockerIgnore,
    MissingVariable,
    copy_context,
    documented_variables,
    environment_of,
    load_compose,
    parse_dockerfile,
    project_variables,
    settings_in,
    settings_variables,
)

# What the shell running `docker compose up` provides (docs/deployment.md).
SHELL = {"SECRET_KEY": "a-long-random-string-from-the-shell"}
COMPOSE = (ROOT / "docker-compose.yml").read_text()
DOCKERFILE = (ROOT / "Dockerfile").read_text()
ENV_EXAMPLE = (ROOT / ".env.example").read_text()
PRODUCTION_ENV = (ROOT / "deploy" / "production.env.example").read_text()
# What the production profile's web process sets, and deploy/production.env.example with it.
PRODUCTION_TLS = {
    "BEHIND_TLS_PROXY": "true",
    "SESSION_COOKIE_SECURE": "true",
    "CSRF_COOKIE_SECURE": "true",
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
    "SECURE_HSTS_PRELOAD": "false",
}


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    """The image's code tree: the build context that `COPY . .` receives."""
    return copy_context(ROOT, tmp_path_factory.mktemp("image") / "app")


@pytest.fixture(scope="module")
def ignore() -> DockerIgnore:
    return DockerIgnore((ROOT / ".dockerignore").read_text())


def changed(text: str, old: str, new: str) -> str:
    """A copy of a file with one passage changed; the passage must occur exactly once."""
    assert text.count(old) == 1, f"{old!r} no longer occurs once; update this test"
    return text.replace(old, new)


def compose_faults(text: str, tree) -> list[str]:
    compose = load_compose(text, SHELL)
    return compose_problems(compose, parse_dockerfile(DOCKERFILE), tree, settings_variables())


def dockerfile_faults(text: str, tree, ignore) -> list[str]:
    return dockerfile_problems(parse_dockerfile(text), ignore, tree)


def settings_tree(tmp_path, dotenv: str):
    """A code tree holding only the settings module and a .env beside manage.py."""
    (tmp_path / SETTINGS_FILE).parent.mkdir(parents=True)
    (tmp_path / SETTINGS_FILE).write_text((ROOT / SETTINGS_FILE).read_text())
    (tmp_path / ".env").write_text(dotenv)
    return tmp_path


# --- docker-compose.yml -------------------------------------------------------------------


def test_every_compose_service_runs_probes_waits_for_and_mounts_only_what_exists(tree):
    assert compose_faults(COMPOSE, tree) == []


def test_compose_refuses_to_start_without_a_secret_key_from_the_shell():
    with pytest.raises(MissingVariable, match="SECRET_KEY"):
        load_compose(COMPOSE, {})


def test_compose_file_has_no_obsolete_version_key():
    assert "version" not in load_compose(COMPOSE, SHELL)


def test_web_worker_and_beat_get_one_and_the_same_environment():
    services = load_compose(COMPOSE, SHELL)["services"]
    environments = [environment_of(services[name]) for name in ("web", "worker", "beat")]
    assert all(environment == environments[0] for environment in environments)
    # The production web process adds the TLS settings and its host name, nothing else.
    production = environment_of(services["app"])
    added = {
        name: value for name, value in production.items() if value != environments[0].get(name)
    }
    assert set(added) - {"ALLOWED_HOSTS"} == set(PRODUCTION_TLS)
    assert {name: added[name] for name in PRODUCTION_TLS} == PRODUCTION_TLS


def test_the_production_profile_puts_nginx_in_front_of_an_unpublished_gunicorn():
    services = load_compose(COMPOSE, {**SHELL, "PANTAU_HOST": "pantau.example.org"})["services"]
    production = {name for name, s in services.items() if runs_in(s, "production")}
    local = {name for name, s in services.items() if runs_in(s, "local")}

    assert production == {"db", "redis", "app", "nginx", "worker", "beat"}
    assert local == {"db", "redis", "web", "worker", "beat"}
    assert "ports" not in services["app"]
    assert services["web"]["ports"] == ["8000:8000"]
    assert environment_of(services["nginx"])["PANTAU_UPSTREAM"] == "app:8000"
    assert environment_of(services["app"])["ALLOWED_HOSTS"] == "pantau.example.org,127.0.0.1"
    # TLS at the operator's proxy unless chosen otherwise; nginx then on the host's loopback.
    assert environment_of(services["nginx"])["PANTAU_TLS_AT"] == "proxy"
    assert services["nginx"]["ports"] == ["127.0.0.1:8080:80", "127.0.0.1:8443:443"]


def test_the_production_environment_example_has_the_tls_settings_of_the_production_profile():
    example = dict(
        line.split("=", 1)
        for line in PRODUCTION_ENV.splitlines()
        if line and not line.startswith("#")
    )

    assert {name: example[name] for name in PRODUCTION_TLS} == PRODUCTION_TLS
    assert example["DEBUG"] == "false"
    assert sorted(set(example) - documented_variables(ENV_EXAMPLE)) == []


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["web", "app"])
def test_the_web_healthcheck_request_is_answered_200_under_the_compose_host_rules(tree, name):
    service = load_compose(COMPOSE, SHELL)["services"][name]
    probe = service["healthcheck"]["test"][-1]
    url = re.search(r"http://([^/]+)(/[^'\"]*)", probe)
    values = settings_in(tree, environment_of(service))
    # The production profile redirects plain HTTP to https, except the health check.
    security = {key: values[key] for key in ("ALLOWED_HOSTS", "SECURE_SSL_REDIRECT",
                                            "SECURE_PROXY_SSL_HEADER")}  # fmt: skip

    with override_settings(**security):
        response = Client().get(url[2], HTTP_HOST=url[1])

    assert response.status_code == 200, response.content


def test_web_worker_and_beat_load_with_only_the_packages_the_image_installs(tree):
    services = load_compose(COMPOSE, SHELL)["services"]
    wsgi, celery = [], []
    for service in services.values():
        found = entry_points_of(service_command(service, parse_dockerfile(DOCKERFILE)))
        wsgi, celery = wsgi + found[0], celery + found[1]
    assert wsgi and celery

    assert import_problems(tree, environment_of(services["web"]), wsgi=wsgi, celery=celery) == []


def test_a_process_that_imports_a_package_only_requirements_dev_installs_is_reported(tmp_path):
    tree = copy_context(ROOT, tmp_path)
    (tree / "dev_only.py").write_text("import requests\nfrom config.celery import app\n")
    environment = environment_of(load_compose(COMPOSE, SHELL)["services"]["worker"])

    faults = import_problems(tree, environment, wsgi=[], celery=["dev_only"])

    assert faults == [
        "the processes do not load: ModuleNotFoundError: "
        "No module named 'requests' (not in requirements.txt)"
    ]


BROKEN_COMPOSE = [
    ("CELERY_BROKER_URL: redis", "CELERY_BROKER_ULR: redis", "sets CELERY_BROKER_ULR, which"),
    ("CELERY_BROKER_URL: redis", "CELERY_BROKER_ULR: redis", "no broker"),
    ('DEBUG: "false"', 'DEBUG: "true"', "DEBUG is on"),
    ("DATABASE_URL: postgres://pantau:pantau@db", "DATABASE_URI: postgres://x@db", "SQLite"),
    ("CACHE_URL: redis", "CACHE_ULR: redis", "sets CACHE_ULR, which"),
    ("celery -A config worker", "celery -A confg worker", "No module named 'confg'"),
    ("-l info --concurrency=2", "-l info --concurency=2", "No such option"),
    ("gunicorn.py config.wsgi:application", "gunicorn.py config.wsgi:app", "attribute 'app'"),
    ("gunicorn.py config.wsgi:application", "gunicorn.py config.settings:DEBUG", "be callable"),
    ("--config config/gunicorn.py", "--confg config/gunicorn.py", "unrecognized arguments"),
    ("--config config/gunicorn.py", "--config config/gunicorn.conf.py", "not in the repository"),
    ("/. /srv/pantau/static/ &&", "/. /srv/ &&", "copies into /srv, where the image's user cannot"),
    ("python manage.py migrate --noinput", "python manage.py migrat --noinput", "no command"),
    ("beat -l info", "beat -S celery.beat:Nothing -l info", "beat scheduler"),
    (" --schedule /tmp/celerybeat-schedule", "", "beat writes its schedule in /app"),
    ("8000/healthz', timeout=5)\n", "8000/health', timeout=5)\n", "no URL pattern routes"),
    ("ALLOWED_HOSTS: localhost,127.0.0.1", "ALLOWED_HOSTS: pantau.example", "not in ALLOWED"),
    ("celery@$$HOSTNAME", "celery@$HOSTNAME", "but the worker is"),
    ("pg_isready -U pantau -d pantau", "pg_isready -U postgres -d pantau", "≠ pantau"),
    ('["CMD", "redis-cli", "ping"]', '["CMD", "curl", "-f", "redis"]', "does not provide"),
    ("    redis:\n      condition:", "    cache:\n      condition:", "cache, which is no service"),
    ('      test: ["CMD", "redis-cli", "ping"]', "      disable: true", "has no healthcheck"),
    ("\nvolumes:\n  pgdata:\n  static:\n", "\n", "volumes do not declare"),
    ('- "8000:8000"', '- "8080:8080"', "publishes 8080"),
    ("@db:5432/pantau", "@postgres:5432/pantau", "postgres, which is no service"),
    ("pantau:pantau@db", "pantau:secret@db", "logs in differently"),
    ("redis://redis:6379/0", "redis://redis:6380/0", "uses port 6380"),
    ('    expose:\n      - "8000"', '    ports:\n      - "8000:8000"', "publishes gunicorn in"),
    ('      SECURE_SSL_REDIRECT: "true"\n', "", "SECURE_SSL_REDIRECT is off in the"),
    ('      BEHIND_TLS_PROXY: "true"\n', "", "SECURE_PROXY_SSL_HEADER is off in the production"),
    ("PANTAU_UPSTREAM: app:8000", "PANTAU_UPSTREAM: web:8000", "web, which is no service of its"),
    ("PANTAU_UPSTREAM: app:8000", "PANTAU_UPSTREAM: app:8001", "proxies to port 8001 of app"),
    ("      PANTAU_RESOLVER: 127.0.0.11\n", "", "use ${PANTAU_RESOLVER}, which the service"),
    ("      NGINX_ENVSUBST_FILTER: PANTAU_\n", "", "no NGINX_ENVSUBST_FILTER"),
    ("PANTAU_TLS_AT:-proxy}", "PANTAU_TLS_AT:-edge}", "no template pantau-tls-at-edge"),
    ('8080}:80"', '8080}:81"', "nginx: publishes 81; nginx listens on"),
    ("static:/srv/pantau/static:ro", "static:/srv/static:ro", "which app does not fill"),
    ("./deploy/nginx/templates:/etc", "./deploy/nginx:/etc", "PANTAU_TLS_AT=proxy: no template"),
    (  # a service's own `environment:` replaces the anchored one as a whole
        "    command: celery -A config beat",
        '    environment: {DEBUG: "false"}\n    command: celery -A config beat',
        "SECRET_KEY is not set",
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("old", "new", "fault"), BROKEN_COMPOSE, ids=[f for *_, f in BROKEN_COMPOSE]
)
def test_a_broken_compose_file_has_its_fault_reported(tree, old, new, fault):
    faults = compose_faults(changed(COMPOSE, old, new), tree)

    assert any(fault in problem for problem in faults), faults


def test_a_service_that_inherits_the_image_http_check_without_serving_http_is_reported(tree):
    faults = compose_faults(changed(COMPOSE, "      disable: true\n", ""), tree)

    assert [f for f in faults if f.startswith("beat:")] == [
        "beat: healthcheck calls port 8000; the command serves set()"
    ]


# --- Dockerfile and build context ---------------------------------------------------------


def test_the_image_builds_from_files_that_exist_and_runs_commands_that_resolve(tree, ignore):
    assert dockerfile_faults(DOCKERFILE, tree, ignore) == []


def test_the_image_installs_the_runtime_requirements_and_not_the_dev_tools():
    runs = [arguments for keyword, arguments in parse_dockerfile(DOCKERFILE) if keyword == "RUN"]
    installs = [shlex.split(run) for run in runs if run.startswith("pip install")]
    assert installs
    assert all("requirements-dev.txt" not in words for words in installs)


def test_npm_ci_installs_every_front_end_package_the_build_serves(tree):
    package = json.loads((ROOT / "package.json").read_text())
    lock = json.loads((ROOT / "package-lock.json").read_text())
    served = served_folders(tree)

    assert served
    assert npm_problems(package, lock, served) == []


def test_the_build_context_leaves_out_local_environments_secrets_and_generated_files(ignore):
    sent = set(ignore.context_files(ROOT))
    assert {"manage.py", SETTINGS_FILE, "requirements.txt", ".env.example"} <= sent
    local = (".env", ".git", ".venv/", "node_modules/", "db/", "staticfiles/", "media/")
    assert not [path for path in sent if path.startswith(local) and path != ".env.example"]
    assert not [path for path in sent if "__pycache__" in path or path.endswith(".mo")]


@pytest.mark.parametrize(
    ("path", "excluded"),
    [
        (".env", True),
        (".env.production", True),
        (".env.example", False),
        ("apps/core/__pycache__/views.cpython-311.pyc", True),
        ("db/pantau.sqlite3", True),
        ("apps/db/models.py", False),
        ("locale/id/LC_MESSAGES/django.mo", True),
        ("locale/id/LC_MESSAGES/django.po", False),
        ("debug.log", True),
        ("apps/core/debug.log", False),
    ],
)
def test_dockerignore_patterns_are_matched_as_docker_matches_them(ignore, path, excluded):
    assert ignore.excludes(path) is excluded


BROKEN_DOCKERFILE = [
    ("COPY requirements.txt ./", "COPY requirement.txt ./", "requirement.txt: not in the repo"),
    ("COPY requirements.txt ./", "COPY requirements.txt docker-compose.yml ./", "by .dockerignore"),
    ("COPY requirements.txt ./\n", "", "requirements.txt is not copied yet"),
    ("COPY package.json package-lock.json ./", "COPY package.json ./", "package-lock.json is not"),
    ("COPY --from=frontend /frontend/build ./build\n", "", "build is not copied"),
    ("COPY --from=frontend", "COPY --from=frontnd", "no such stage"),
    ("manage.py compile_translations", "manage.py compilemessage", "no command"),
    (
        "RUN SECRET_KEY=build-only python manage.py collectstatic",
        "RUN python manage.py collectstatic",
        "SECRET_KEY is not set",
    ),
    ('"config.wsgi:application"]', '"config.wsgy:application"]', "config.wsgy"),
    ('"config/gunicorn.py"', '"config/gunicorn_conf.py"', "gunicorn_conf.py: not in the repo"),
    ("USER pantau\n", "", "runs as root"),
    ("USER pantau\n", "USER pantua\n", "USER pantua: no earlier step creates that user"),
    ("8000/healthz', timeout=5)\"]", "8000/status', timeout=5)\"]", "/status, which no URL"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("old", "new", "fault"), BROKEN_DOCKERFILE, ids=[f for *_, f in BROKEN_DOCKERFILE]
)
def test_a_broken_dockerfile_has_its_fault_reported(tree, ignore, old, new, fault):
    faults = dockerfile_faults(changed(DOCKERFILE, old, new), tree, ignore)

    assert any(fault in problem for problem in faults), faults


def test_a_front_end_package_left_to_dev_dependencies_or_an_outdated_lock_is_reported(tree):
    package = json.loads((ROOT / "package.json").read_text())
    lock = json.loads((ROOT / "package-lock.json").read_text())
    package["devDependencies"] = {"chart.js": package["dependencies"].pop("chart.js")}
    lock["packages"]["node_modules/htmx.org"]["version"] = "1.0.0"

    faults = npm_problems(package, lock, served_folders(tree))

    assert "package-lock.json's dependencies differ from package.json's" in faults
    assert (
        "the build serves node_modules/chart.js/dist/chart.umd.min.js, but chart.js is a dev "
        "dependency" in faults
    )
    assert any(fault.startswith("htmx.org is pinned at") for fault in faults)


# --- .env.example and the variables settings read -----------------------------------------


def test_the_settings_variables_are_found_by_reading_settings_py():
    read = settings_variables()
    assert {"SECRET_KEY", "DEBUG", "DATABASE_URL", "CELERY_BROKER_URL", "CACHE_URL"} <= read
    assert "DJANGO_SETTINGS_MODULE" not in read


def test_env_example_documents_every_variable_the_settings_read():
    assert sorted(settings_variables() - documented_variables(ENV_EXAMPLE)) == []


def test_env_example_documents_only_variables_the_code_reads():
    assert sorted(documented_variables(ENV_EXAMPLE) - project_variables()) == []


def test_a_variable_missing_from_env_example_or_not_read_by_the_code_is_reported():
    text = changed(ENV_EXAMPLE, "\nLOG_LEVEL=INFO\n", "\nLOG_LEVL=INFO\n")

    assert settings_variables() - documented_variables(text) == {"LOG_LEVEL"}
    assert documented_variables(text) - project_variables() == {"LOG_LEVL"}


def test_env_example_copied_to_dot_env_gives_settings_that_load(tmp_path):
    tree = settings_tree(tmp_path, ENV_EXAMPLE)

    assert settings_problems(tree, {}, production=False) == []
    values = settings_in(tree, {})
    # A copy of the example is a development set-up: with DEBUG off its placeholder key is
    # refused (tests/core/test_health.py), so production must bring a real one.
    assert values["DEBUG"] is True
    # Its comment says the result backend defaults to the broker URL; an empty value would not.
    assert values["CELERY_RESULT_BACKEND"] == values["CELERY_BROKER_URL"]


@pytest.mark.filterwarnings("ignore:Engine not recognized")
@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("# CACHE_URL=redis://127.0.0.1:6379/2", "CACHE_URL="),
        ("DATABASE_URL=postgres://pantau:pantau@127.0.0.1:5432/pantau", "DATABASE_URL="),
    ],
)
def test_an_env_example_with_an_empty_url_is_reported_as_settings_that_do_not_load(
    tmp_path, old, new
):
    text = changed(ENV_EXAMPLE, old, new)

    faults = settings_problems(settings_tree(tmp_path, text), {}, production=False)

    assert [fault.split(":")[0] for fault in faults] == ["settings refuse to load"]


# --- docs ---------------------------------------------------------------------------------


def test_every_management_command_named_in_the_deployment_docs_exists():
    named = set(re.findall(r"manage\.py (\w+)", (ROOT / "docs" / "deployment.md").read_text()))
    assert named
    assert sorted(named - set(get_commands())) == []
