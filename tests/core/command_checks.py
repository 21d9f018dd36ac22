"""Whether a command Pantau's containers run resolves against the project.

Each command is read by the real tool: Celery's and gunicorn's own argument parsers and app
loaders, Django's management-command registry and URL resolver, and the console scripts of the
distributions requirements.txt installs (the image installs nothing else). config/settings.py is
evaluated with the environment the container gets. Each check returns the faults it found as
sentences, so a test can feed it a broken command and see the fault reported.
"""

from __future__ import annotations
import __future__

import contextlib
import functools
import io
import os
import re
import runpy
import shlex
import subprocess
import sys
import types
from importlib.metadata import entry_points, packages_distributions
from pathlib import Path
from urllib.parse import urlsplit

import click
from celery import Celery
from celery.app.utils import find_app
from celery.beat import Scheduler
from celery.bin.base import CLIContext
from celery.bin.celery import celery as celery_cli
from celery.utils.imports import symbol_by_name
from celery.worker.control import Panel
from django.core.management import get_commands
from django.http.request import validate_host
from django.urls import Resolver404, resolve
from gunicorn.config import Config as GunicornConfig
from gunicorn.util import import_app

from tests.core.container_files import ROOT, settings_in, simple_commands


def settings_problems(tree: Path, environment: dict[str, str], *, production: bool) -> list[str]:
    """Why these settings would not start, or (production) would run a split, unsafe site."""
    try:
        values = settings_in(tree, environment)
    except Exception as error:
        return [f"settings refuse to load: {type(error).__name__}: {error}"]
    if not production:
        return []
    problems = []
    if values["DEBUG"]:
        problems.append("DEBUG is on")
    if values["DATABASES"]["default"]["ENGINE"].endswith("sqlite3"):
        problems.append("each container keeps its own SQLite file (DATABASE_URL unset)")
    if values["CELERY_TASK_ALWAYS_EAGER"]:
        problems.append("no broker: tasks run inside the web process (CELERY_BROKER_URL unset)")
    if "locmem" in values["CACHES"]["default"]["BACKEND"]:
        problems.append("each process has its own cache, so rate limits split (CACHE_URL)")
    return problems


@functools.cache
def runtime_requirements() -> set[str]:
    names = re.findall(r"^([A-Za-z0-9_.-]+)", (ROOT / "requirements.txt").read_text(), re.M)
    return {re.sub(r"[-_.]+", "-", name).lower() for name in names}


# Programs of python:3.11-slim itself (the shell, Python, coreutils) a container command may run.
BASE_IMAGE_PROGRAMS = {"python", "python3", "sh", "cp"}


@functools.cache
def _program_problem(program: str) -> str | None:
    if program in BASE_IMAGE_PROGRAMS:
        return None
    scripts = entry_points(group="console_scripts", name=program)
    dists = {re.sub(r"[-_.]+", "-", ep.dist.name).lower() for ep in scripts if ep.dist}
    if not dists & runtime_requirements():
        return f"{program} is not installed by requirements.txt"
    return None


def gunicorn_options(argv: list[str]):
    with contextlib.redirect_stderr(io.StringIO()) as errors:
        try:
            return GunicornConfig().parser().parse_args(argv[1:]), None
        except SystemExit:
            return None, errors.getvalue().strip().splitlines()[-1]


def gunicorn_settings(argv: list[str]) -> tuple[GunicornConfig | None, list[str]]:
    """gunicorn's settings for a command, built as gunicorn builds them: the names its config
    file (`--config`, run from the image's working directory) sets, then the options on the
    command line over them. A name gunicorn does not know is ignored by gunicorn: a fault."""
    options, error = gunicorn_options(argv)
    if error:
        return None, [f"gunicorn: {error}"]
    settings, problems = GunicornConfig(), []
    if options.config:
        path = ROOT / options.config
        if not path.is_file():
            return None, [f"gunicorn --config {options.config}: not in the repository"]
        for name, value in runpy.run_path(str(path)).items():
            if name.startswith("_") or isinstance(value, types.ModuleType | __future__._Feature):
                continue
            if name not in settings.settings:
                problems.append(f"{options.config}: {name} is no gunicorn setting (it is ignored)")
                continue
            try:
                settings.set(name, value)
            except Exception as failure:
                problems.append(f"{options.config}: {name} = {value!r}: {failure}")
    for name, value in vars(options).items():
        if value is not None and name != "args":
            settings.set(name, value)
    try:
        settings.worker_class  # noqa: B018 (loading the class is the check)
    except Exception as failure:
        problems.append(f"gunicorn worker class {settings.worker_class_str}: {failure}")
    return settings, problems


def celery_options(argv: list[str]) -> dict | None:
    """The parsed options of a `celery …` command; None when it does not parse."""
    try:
        return celery_context(argv).params
    except (click.ClickException, ImportError, AttributeError):
        return None


def celery_context(argv: list[str]) -> click.Context:
    """`celery …` parsed by Celery's own command line, down to the subcommand's options."""
    parent = celery_cli.make_context("celery", argv[1:], resilient_parsing=False)
    app = find_app(parent.params["app"])
    if not isinstance(app, Celery):
        raise click.UsageError(f"-A {parent.params['app']} is not a Celery application")
    parent.obj = CLIContext(app=app, no_color=True, workdir=None, quiet=True)
    # A group keeps the subcommand and its words apart from its own parsed options.
    name, *rest = parent._protected_args + parent.args
    command = celery_cli.get_command(parent, name)
    if command is None:
        raise click.UsageError(f"celery has no subcommand {name}")
    return command.make_context(name, rest, parent=parent)


def command_problems(argv: list[str]) -> list[str]:
    """Faults of a command the image runs: programs, modules and subcommands that do not exist."""
    problems = []
    for _, words in simple_commands(argv):
        if problem := _program_problem(words[0]):
            problems.append(problem)
        elif words[:2] == ["python", "-c"]:
            try:
                compile(words[2], "<python -c>", "exec")
            except SyntaxError as error:
                problems.append(f"python -c: {error}")
        elif words[:2] == ["python", "manage.py"]:
            if len(words) < 3 or words[2] not in get_commands():
                problems.append(f"manage.py has no command {words[2:3]}")
        elif words[0] == "gunicorn":
            options, _ = gunicorn_options(words)
            problems += gunicorn_settings(words)[1]
            for target in options.args if options else []:
                try:
                    import_app(target)
                except Exception as failure:
                    problems.append(f"gunicorn {target}: {failure}")
        elif words[0] == "celery":
            problems += _celery_problems(words)
    return problems


def _celery_problems(words: list[str]) -> list[str]:
    try:
        context = celery_context(words)
    except (click.ClickException, ImportError, AttributeError) as error:
        return [f"{shlex.join(words)}: {error}"]
    name, params = context.info_name, context.params
    if name == "beat":
        try:
            scheduler = symbol_by_name(params["scheduler"])
        except (ImportError, AttributeError) as error:
            return [f"beat scheduler {params['scheduler']}: {error}"]
        if not (isinstance(scheduler, type) and issubclass(scheduler, Scheduler)):
            return [f"beat scheduler {params['scheduler']} is not a Celery scheduler"]
    if name in {"inspect", "control"}:
        meta = Panel.meta.get(params["command"])
        if meta is None or meta.type != name:
            return [f"celery {name} has no remote command {params['command']}"]
    return []


def listening_ports(argv: list[str]) -> set[int]:
    """Ports the command's gunicorn binds."""
    ports = set()
    for _, words in simple_commands(argv):
        if words[0] == "gunicorn" and (settings := gunicorn_settings(words)[0]):
            ports |= {int(bind.rsplit(":", 1)[1]) for bind in settings.bind}
    return ports


def http_probe_problems(argv: list[str], *, ports: set[int], allowed_hosts: list[str]) -> list[str]:
    """An HTTP healthcheck must call a routed path, on a port served, with an allowed Host."""
    urls = re.findall(r"https?://[^'\"\s]+", " ".join(argv))
    problems = []
    for url in urls:
        parts = urlsplit(url)
        try:
            resolve(parts.path)
        except Resolver404:
            problems.append(f"healthcheck calls {parts.path}, which no URL pattern routes")
        if parts.port not in ports:
            problems.append(f"healthcheck calls port {parts.port}; the command serves {ports}")
        if not validate_host(parts.hostname, allowed_hosts):
            problems.append(f"healthcheck host {parts.hostname} is not in ALLOWED_HOSTS")
    return problems


# Run in a fresh interpreter inside the image's code tree, where the distributions that
# requirements.txt does not install cannot be imported (a dev-only package may be installed
# here, never in the image). Load what gunicorn and Celery load, the database backend, the cache
# client, the broker transport, every URLconf, task module and management command.
IMPORT_PROBE = """
import sys
absent = set(sys.argv[3].split())
class NotInTheImage:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in absent:
            raise ModuleNotFoundError(f"No module named {name!r} (not in requirements.txt)")
sys.meta_path.insert(0, NotInTheImage())
from gunicorn.util import import_app
from celery.app.utils import find_app
for target in sys.argv[1].split():
    import_app(target)
from django.core.cache import caches
from django.db import connection
from django.urls import get_resolver
for name in sys.argv[2].split():
    app = find_app(name)
    app.loader.import_default_modules()
    app.connection_for_write().transport
connection.ops, caches["default"]._cache, get_resolver().url_patterns
from django.core.management import get_commands, load_command_class
for name, app in get_commands().items():
    load_command_class(app, name)
"""
# What python:3.11-slim itself installs besides the standard library.
BASE_IMAGE_DISTRIBUTIONS = {"pip", "setuptools", "wheel"}


def not_in_the_image() -> set[str]:
    """Top-level modules installed here whose distributions requirements.txt does not install."""
    image = runtime_requirements() | BASE_IMAGE_DISTRIBUTIONS
    return {
        top
        for top, dists in packages_distributions().items()
        if not {re.sub(r"[-_.]+", "-", dist).lower() for dist in dists} & image
    }


def import_problems(
    tree: Path, environment: dict[str, str], *, wsgi: list[str], celery: list[str]
) -> list[str]:
    """Whether the processes load with the image's packages and this environment."""
    arguments = [" ".join(wsgi), " ".join(celery), " ".join(sorted(not_in_the_image()))]
    run = subprocess.run(
        [sys.executable, "-c", IMPORT_PROBE, *arguments],
        cwd=tree,
        env=environment | {"PATH": os.environ["PATH"], "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    if run.returncode != 0:
        return [f"the processes do not load: {run.stderr.strip().splitlines()[-1]}"]
    return []
