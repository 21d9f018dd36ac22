"""The container wiring refers to things that exist: docker-compose.yml, Dockerfile, the docs.

Docker is not needed: the files are parsed and every module, command and URL they name is
looked up in the project itself.
"""

from __future__ import annotations

import importlib
import re
import shlex
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from celery import Celery
from django.conf import settings
from django.core.management import get_commands
from django.urls import resolve

ROOT = Path(settings.BASE_DIR)
APP_SERVICES = ("web", "worker", "beat")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def services(compose) -> dict:
    return compose["services"]


@pytest.fixture(scope="module")
def dockerfile() -> list[tuple[str, str]]:
    """The Dockerfile as (INSTRUCTION, arguments), continuation lines joined, comments dropped."""
    text = (ROOT / "Dockerfile").read_text()
    logical, pending = [], ""
    for line in text.splitlines():
        if not pending and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        logical.append(pending + line)
        pending = ""
    instructions = []
    for line in logical:
        keyword, _, arguments = line.strip().partition(" ")
        instructions.append((keyword.upper(), " ".join(arguments.split())))
    return instructions


def command_words(service: dict) -> list[str]:
    command = service["command"]
    return shlex.split(command) if isinstance(command, str) else list(command)


def shell_script(service: dict) -> str:
    """The whole command as one shell line, unwrapping `sh -c "..."`."""
    words = command_words(service)
    if words[:2] == ["sh", "-c"]:
        return words[2]
    return shlex.join(words)


def healthcheck_script(service: dict) -> str:
    test = service["healthcheck"]["test"]
    return test if isinstance(test, str) else " ".join(test[1:])


def instructions(dockerfile, keyword: str) -> list[str]:
    return [arguments for name, arguments in dockerfile if name == keyword]


# --- docker-compose.yml -------------------------------------------------------------------


def test_compose_file_has_no_obsolete_version_key(compose):
    assert "version" not in compose


def test_compose_defines_database_broker_web_worker_and_beat(services):
    assert {"db", "redis", "web", "worker", "beat"} <= set(services)


def test_web_worker_and_beat_share_one_anchored_definition(compose, services):
    anchored = compose["x-app"]
    for name in APP_SERVICES:
        service = services[name]
        assert service["build"] == anchored["build"], name
        assert service["image"] == anchored["image"], name
        assert service["environment"] == anchored["environment"], name
        assert service["depends_on"] == anchored["depends_on"], name


def test_app_services_wait_for_a_healthy_database_and_broker(compose):
    depends_on = compose["x-app"]["depends_on"]
    assert depends_on == {
        "db": {"condition": "service_healthy"},
        "redis": {"condition": "service_healthy"},
    }


def test_database_url_points_at_the_db_service_with_its_credentials(compose, services):
    url = urlsplit(compose["x-app"]["environment"]["DATABASE_URL"])
    db_env = services["db"]["environment"]
    assert url.scheme in {"postgres", "postgresql"}
    assert url.hostname == "db"
    assert url.port == 5432
    assert url.username == db_env["POSTGRES_USER"]
    assert url.password == db_env["POSTGRES_PASSWORD"]
    assert url.path.lstrip("/") == db_env["POSTGRES_DB"]


def test_broker_url_points_at_the_redis_service(compose):
    url = urlsplit(compose["x-app"]["environment"]["CELERY_BROKER_URL"])
    assert url.scheme == "redis"
    assert url.hostname == "redis"


def test_secret_key_must_be_supplied_and_debug_is_off(compose):
    environment = compose["x-app"]["environment"]
    assert re.fullmatch(r"\$\{SECRET_KEY:\?[^}]+\}", environment["SECRET_KEY"])
    assert str(environment["DEBUG"]).lower() == "false"


def test_postgres_image_is_major_version_15(services):
    repository, _, tag = services["db"]["image"].partition(":")
    assert repository == "postgres"
    assert tag.split("-")[0].split(".")[0] == "15"


def test_database_keeps_its_data_in_a_named_volume(compose, services):
    mounts = [volume.split(":")[0] for volume in services["db"]["volumes"]]
    assert any(mount in (compose.get("volumes") or {}) for mount in mounts)


def test_database_broker_and_web_have_healthchecks(services):
    assert "pg_isready" in healthcheck_script(services["db"])
    assert healthcheck_script(services["redis"]) == "redis-cli ping"
    assert "/healthz" in healthcheck_script(services["web"])


def test_web_healthcheck_probes_a_url_the_project_routes(services):
    url = re.search(r"https?://[^'\"\s]+", healthcheck_script(services["web"])).group(0)
    assert urlsplit(url).port == 8000
    assert resolve(urlsplit(url).path).url_name == "healthz"


def test_worker_healthcheck_pings_its_own_celery_node(services):
    script = healthcheck_script(services["worker"])
    assert script.startswith("celery -A config inspect ping")
    # $$ is compose's escape for a literal $, so the container's shell expands HOSTNAME.
    assert "--destination celery@$$HOSTNAME" in script


def test_beat_disables_the_http_healthcheck_it_would_inherit_from_the_image(services):
    assert services["beat"]["healthcheck"] == {"disable": True}


def test_web_migrates_then_serves_the_wsgi_application(services):
    script = shell_script(services["web"])
    migrate, _, serve = script.partition(" && ")
    assert shlex.split(migrate)[:3] == ["python", "manage.py", "migrate"]
    assert shlex.split(serve)[:2] == ["gunicorn", "config.wsgi:application"]


# Importing the WSGI module builds WhiteNoise, which warns when collectstatic has not run here.
@pytest.mark.filterwarnings("ignore:No directory at")
def test_gunicorn_target_is_an_importable_wsgi_callable(services):
    target = next(
        word for word in shlex.split(shell_script(services["web"])) if word.endswith(":application")
    )
    module_path, _, attribute = target.partition(":")
    assert (ROOT / (module_path.replace(".", "/") + ".py")).is_file()
    assert callable(getattr(importlib.import_module(module_path), attribute))


def test_web_publishes_the_port_gunicorn_binds(services, dockerfile):
    words = shlex.split(shell_script(services["web"]))
    bind_port = words[words.index("--bind") + 1].rsplit(":", 1)[1]
    assert f"{bind_port}:{bind_port}" in services["web"]["ports"]
    assert bind_port in instructions(dockerfile, "EXPOSE")


@pytest.mark.parametrize("name", ["worker", "beat"])
def test_celery_commands_name_the_project_celery_app(services, name):
    words = command_words(services[name])
    assert words[0] == "celery"
    module = words[words.index("-A") + 1]
    assert (ROOT / module / "celery.py").is_file()
    assert isinstance(importlib.import_module(f"{module}.celery").app, Celery)


def test_worker_and_beat_run_their_own_celery_subcommands(services):
    assert command_words(services["worker"])[3] == "worker"
    assert command_words(services["beat"])[3] == "beat"


def test_beat_keeps_its_schedule_file_somewhere_writable_by_the_app_user(services):
    words = command_words(services["beat"])
    assert words[words.index("--schedule") + 1].startswith("/tmp/")


def test_every_management_command_named_in_the_wiring_and_docs_exists(services):
    texts = [shell_script(services[name]) for name in APP_SERVICES]
    texts.append((ROOT / "Dockerfile").read_text())
    texts.append((ROOT / "docs" / "deployment.md").read_text())
    named = {match for text in texts for match in re.findall(r"manage\.py (\w+)", text)}
    assert {"migrate", "collectstatic", "createsuperuser", "load_reference"} <= named
    assert named <= set(get_commands())


# --- Dockerfile ---------------------------------------------------------------------------


def test_dockerfile_builds_on_python_311_slim_with_a_node_stage(dockerfile):
    images = [arguments.split()[0] for arguments in instructions(dockerfile, "FROM")]
    assert images[0].startswith("node:20")
    assert images[-1] == "python:3.11-slim-bookworm"


def test_dockerfile_installs_the_runtime_requirements_only(dockerfile):
    runs = " ; ".join(instructions(dockerfile, "RUN"))
    assert re.search(r"pip install (--requirement|-r) requirements\.txt", runs)
    assert "requirements-dev.txt" not in runs


def test_dockerfile_runs_npm_ci_and_copies_node_modules_into_the_app_stage(dockerfile):
    assert any(run.startswith("npm ci") for run in instructions(dockerfile, "RUN"))
    stage = instructions(dockerfile, "FROM")[0].split()[-1]
    assert any(
        copy.startswith(f"--from={stage} ") and copy.endswith("node_modules ./node_modules")
        for copy in instructions(dockerfile, "COPY")
    )


def test_dockerfile_collects_static_with_a_key_that_is_not_persisted(dockerfile):
    collect = "SECRET_KEY=build-only python manage.py collectstatic --noinput"
    assert collect in instructions(dockerfile, "RUN")
    assert not any("SECRET_KEY" in env for env in instructions(dockerfile, "ENV"))


def test_dockerfile_compiles_the_catalogues_with_polib_and_installs_no_gettext(dockerfile):
    runs = instructions(dockerfile, "RUN")
    assert "SECRET_KEY=build-only python manage.py compile_translations" in runs
    assert "compile_translations" in get_commands()
    assert "polib" in (ROOT / "requirements.txt").read_text()
    assert not any("gettext" in run or "compilemessages" in run for run in runs)
    assert list(ROOT.glob("locale/*/LC_MESSAGES/django.po"))


def test_dockerfile_runs_as_an_unprivileged_user(dockerfile):
    names = [name for name, _ in dockerfile]
    users = instructions(dockerfile, "USER")
    assert users
    assert users[-1].split(":")[0] not in {"root", "0"}
    assert names.index("USER") < names.index("CMD")


def test_dockerfile_exposes_8000_and_serves_gunicorn_with_a_healthcheck(dockerfile):
    assert "8000" in instructions(dockerfile, "EXPOSE")
    assert "config.wsgi:application" in instructions(dockerfile, "CMD")[-1]
    assert "http://127.0.0.1:8000/healthz" in instructions(dockerfile, "HEALTHCHECK")[-1]


def test_docker_context_leaves_out_local_environments_and_secrets():
    ignored = set((ROOT / ".dockerignore").read_text().split())
    assert {".venv", "node_modules", ".git", ".env", "db/", "staticfiles/"} <= ignored
