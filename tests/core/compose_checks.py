"""Checks that docker-compose.yml and the Dockerfile fit together and fit the project.

The files are read as Docker would (tests/core/container_files.py); every command they run is
resolved by tests/core/command_checks.py. A check returns the faults it found as sentences,
each prefixed with where it is, so a test can feed it a broken copy and see the fault reported.
"""

from __future__ import annotations

import json
import re
import shlex
import socket
from pathlib import Path
from urllib.parse import urlsplit

from tests.core.command_checks import (
    celery_options,
    command_problems,
    gunicorn_options,
    http_probe_problems,
    listening_ports,
    settings_problems,
)
from tests.core.container_files import (
    ROOT,
    DockerIgnore,
    environment_of,
    exec_form,
    healthcheck_argv,
    image_healthcheck,
    settings_in,
    simple_commands,
)
from tests.core.nginx_files import template_variables

# What each data image provides to probe it with, and the port it listens on.
IMAGE_TOOLS = {"postgres": {"pg_isready", "psql"}, "redis": {"redis-cli"}}
IMAGE_PORTS = {"postgres": 5432, "redis": 6379}
DEPENDENCY_CONDITIONS = {"service_started", "service_healthy", "service_completed_successfully"}
# What the production profile's web process must have on (docs/deployment.md).
TLS_SETTINGS = (
    "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS",
    "SECURE_PROXY_SSL_HEADER",
)  # fmt: skip

# --- docker-compose.yml --------------------------------------------------------------------


def built(service: dict) -> bool:
    """Built from the Dockerfile: the service runs the Pantau image."""
    return "build" in service


def service_command(service: dict, dockerfile: list[tuple[str, str]]) -> list[str]:
    """What the container runs: compose's command (split like compose does), or the CMD."""
    command = service.get("command")
    if command is None:
        cmds = [arguments for keyword, arguments in dockerfile if keyword == "CMD"]
        return exec_form(cmds[-1]) if built(service) and cmds else []
    return shlex.split(command) if isinstance(command, str) else list(command)


def effective_healthcheck(service: dict, dockerfile: list[tuple[str, str]]) -> list[str] | None:
    """The service's own healthcheck, or the one it inherits from the image it runs."""
    if service.get("healthcheck"):
        return healthcheck_argv(service["healthcheck"])
    return image_healthcheck(dockerfile) if built(service) else None


def entry_points_of(argv: list[str]) -> tuple[list[str], list[str]]:
    """The WSGI targets gunicorn loads and the Celery apps `-A` names, in a command."""
    wsgi, apps = [], []
    for _, words in simple_commands(argv):
        if words[0] == "gunicorn" and (options := gunicorn_options(words)[0]):
            wsgi += options.args
        if words[0] == "celery" and "-A" in words:
            apps.append(words[words.index("-A") + 1])
    return wsgi, apps


def compose_problems(compose: dict, dockerfile: list, tree: Path, read: set[str]) -> list[str]:
    """Every fault found in the compose file, prefixed with the service it is in."""
    services = compose.get("services") or {}
    problems = []
    for name, service in services.items():
        found = [
            *_app_problems(service, dockerfile, tree, read),
            *_healthcheck_problems(service, dockerfile, tree),
            *_dependency_problems(service, services, dockerfile),
            *_volume_problems(service, compose.get("volumes") or {}),
            *_port_problems(service, dockerfile),
            *_url_problems(service, services),
            *_production_problems(service, dockerfile, tree),
            *_nginx_problems(service, services, dockerfile),
        ]
        problems += [f"{name}: {problem}" for problem in found]
    return problems


def _app_problems(service: dict, dockerfile: list, tree: Path, read: set[str]) -> list[str]:
    if not built(service):
        return []
    environment = environment_of(service)
    unread = sorted(set(environment) - read)
    problems = [f"sets {variable}, which settings never read" for variable in unread]
    problems += command_problems(service_command(service, dockerfile))
    problems += settings_problems(tree, environment, production=True)
    for _, words in simple_commands(service_command(service, dockerfile)):
        if words[0] == "celery" and "beat" in words and (options := celery_options(words)):
            problems += _schedule_problems(options["schedule"], dockerfile)
        if words[0] == "cp":
            folder = str(Path(words[-1]))
            if folder not in _writable_paths(dockerfile):
                problems.append(f"copies into {folder}, where the image's user cannot write")
    return problems


def profiles_of(service: dict) -> set[str]:
    return set(service.get("profiles") or [])


def runs_in(service: dict, profile: str) -> bool:
    """A service without profiles runs in every profile."""
    return not profiles_of(service) or profile in profiles_of(service)


def mounts(service: dict) -> dict[str, str]:
    """The service's volumes and bind mounts: container path → source."""
    found = {}
    for volume in service.get("volumes") or []:
        if isinstance(volume, dict):
            found[volume["target"]] = volume.get("source", "")
        else:
            source, target = volume.split(":")[:2]
            found[target] = source
    return found


def _production_problems(service: dict, dockerfile: list, tree: Path) -> list[str]:
    """In the production profile gunicorn is reached through nginx only, with TLS settings."""
    if "production" not in profiles_of(service) or not built(service):
        return []
    command = service_command(service, dockerfile)
    problems = []
    if listening_ports(command) and service.get("ports"):
        problems.append("publishes gunicorn in the production profile, past nginx")
    try:
        values = settings_in(tree, environment_of(service))
    except Exception:  # reported by _app_problems
        return problems
    if listening_ports(command):
        problems += [f"{name} is off in the production profile" for name in TLS_SETTINGS
                     if not values[name]]  # fmt: skip
    return problems


def _nginx_problems(service: dict, services: dict, dockerfile: list) -> list[str]:
    """nginx renders the repo's templates, proxies to a gunicorn of its profile, serves the
    static files that gunicorn's service copies into a volume they share."""
    if service.get("image", "").split(":")[0] != "nginx":
        return []
    environment, mounted = environment_of(service), mounts(service)
    if "/etc/nginx/templates" not in mounted:
        return ["mounts no templates at /etc/nginx/templates"]
    folder = ROOT / mounted["/etc/nginx/templates"]
    problems = [
        f"the templates use ${{{name}}}, which the service does not set"
        for name in sorted(template_variables(folder) - set(environment))
    ]
    if not environment.get("NGINX_ENVSUBST_FILTER"):
        problems.append("no NGINX_ENVSUBST_FILTER: nginx's own $variables could be replaced")
    mode = environment.get("PANTAU_TLS_AT", "")
    if not (folder / f"pantau-tls-at-{mode}.inc.template").is_file():
        problems.append(f"PANTAU_TLS_AT={mode}: no template pantau-tls-at-{mode}.inc.template")
    listens = {environment.get(f"PANTAU_LISTEN_{kind}", "").rsplit(":", 1)[-1]
               for kind in ("HTTP", "HTTPS")}  # fmt: skip
    for port in service.get("ports") or []:
        target = str(port["target"] if isinstance(port, dict) else str(port).rsplit(":", 1)[-1])
        if target not in listens:
            problems.append(f"publishes {target}; nginx listens on {sorted(listens)}")
    host, _, port = environment.get("PANTAU_UPSTREAM", "").rpartition(":")
    upstream = services.get(host)
    profile = next(iter(sorted(profiles_of(service))), "")
    if upstream is None or not runs_in(upstream, profile):
        return [*problems, f"proxies to {host}, which is no service of its profile"]
    command = service_command(upstream, dockerfile)
    if not port.isdigit() or int(port) not in listening_ports(command):
        problems.append(f"proxies to port {port} of {host}, which binds {listening_ports(command)}")
    static = mounted.get(environment.get("PANTAU_PUBLIC_ROOT", "") + "/static")
    filled = {target for target, source in mounts(upstream).items() if source == static}
    copied = {str(Path(words[-1])) for _, words in simple_commands(command) if words[0] == "cp"}
    if not static or not filled & copied:
        problems.append(f"serves static files from {static}, which {host} does not fill")
    return problems


def _healthcheck_problems(service: dict, dockerfile: list, tree: Path) -> list[str]:
    argv = effective_healthcheck(service, dockerfile)
    if argv is None:
        return []
    if not built(service):
        return _data_probe_problems(service, argv)
    problems = command_problems(argv)
    command = service_command(service, dockerfile)
    allowed = settings_in(tree, environment_of(service))["ALLOWED_HOSTS"]
    problems += http_probe_problems(argv, ports=listening_ports(command), allowed_hosts=allowed)
    for _, words in simple_commands(argv):
        if words[:1] == ["celery"] and not problems:
            problems += _ping_problems(celery_options(words), command)
    return problems


def _ping_problems(params: dict, command: list[str]) -> list[str]:
    """A ping to a named node must name the node the service's own worker runs as."""
    wanted = [node.replace("$HOSTNAME", socket.gethostname()) for node in params["destination"]]
    for _, words in simple_commands(command):
        if words[0] == "celery" and "worker" in words:
            if (options := celery_options(words)) is None:
                return []  # reported as a fault of the command
            node = options["hostname"]
            return [] if node in wanted else [f"pings {wanted}, but the worker is {node}"]
    return [f"pings {wanted}, but the service runs no Celery worker"]


def _data_probe_problems(service: dict, argv: list[str]) -> list[str]:
    repository = service.get("image", "").split(":")[0]
    environment = environment_of(service)
    problems = []
    for _, words in simple_commands(argv):
        if words[0] not in IMAGE_TOOLS.get(repository, set()):
            problems.append(f"healthcheck runs {words[0]}, which {repository} does not provide")
        if words[0] == "pg_isready":
            user = environment.get("POSTGRES_USER", "postgres")
            expected = {"-U": user, "-d": environment.get("POSTGRES_DB", user)}
            for flag, value in expected.items():
                if flag in words and words[words.index(flag) + 1] != value:
                    problems.append(f"pg_isready {flag} {words[words.index(flag) + 1]} ≠ {value}")
    return problems


def _dependency_problems(service: dict, services: dict, dockerfile: list) -> list[str]:
    depends_on = service.get("depends_on") or {}
    if isinstance(depends_on, list):
        depends_on = {name: {"condition": "service_started"} for name in depends_on}
    problems = []
    for target, options in depends_on.items():
        condition = (options or {}).get("condition", "service_started")
        if target not in services:
            problems.append(f"depends on {target}, which is no service")
        elif condition not in DEPENDENCY_CONDITIONS:
            problems.append(f"waits for {target} with unknown condition {condition}")
        elif condition == "service_healthy" and not effective_healthcheck(
            services[target], dockerfile
        ):
            problems.append(f"waits for {target} to be healthy, but it has no healthcheck")
    return problems


def _volume_problems(service: dict, declared: dict) -> list[str]:
    problems = []
    for volume in service.get("volumes") or []:
        source = volume.get("source", "") if isinstance(volume, dict) else volume.split(":")[0]
        if source.startswith((".", "/")):
            if source.startswith(".") and not (ROOT / source).exists():
                problems.append(f"mounts {source}, which is not in the repository")
        elif source and source not in declared:
            problems.append(f"mounts volume {source}, which the top-level volumes do not declare")
    return problems


def _port_problems(service: dict, dockerfile: list) -> list[str]:
    listening = listening_ports(service_command(service, dockerfile))
    exposes = [arguments.split() for keyword, arguments in dockerfile if keyword == "EXPOSE"]
    exposed = {int(port.split("/")[0]) for ports in exposes for port in ports}
    problems = []
    for port in service.get("ports") or []:
        target = port["target"] if isinstance(port, dict) else int(str(port).rsplit(":", 1)[-1])
        if built(service) and (target not in listening or target not in exposed):
            problems.append(f"publishes {target}; binds {listening}, exposes {exposed}")
    return problems


def _url_problems(service: dict, services: dict) -> list[str]:
    """Service URLs in the environment name a service of this file, with its port and login."""
    problems = []
    for variable, value in environment_of(service).items():
        url = urlsplit(value)
        if not url.scheme or not url.hostname or url.hostname in {"localhost", "127.0.0.1"}:
            continue
        if url.hostname not in services:
            problems.append(f"{variable} points at {url.hostname}, which is no service")
            continue
        target = services[url.hostname]
        repository = target.get("image", "").split(":")[0]
        if repository in IMAGE_PORTS and url.port not in {None, IMAGE_PORTS[repository]}:
            expected = IMAGE_PORTS[repository]
            problems.append(f"{variable} uses port {url.port}; {repository} listens on {expected}")
        if repository == "postgres":
            environment = environment_of(target)
            user = environment.get("POSTGRES_USER", "postgres")
            password = environment.get("POSTGRES_PASSWORD")
            login = (user, password, environment.get("POSTGRES_DB", user))
            if (url.username, url.password, url.path.lstrip("/")) != login:
                problems.append(f"{variable} logs in differently from the POSTGRES_* of the db")
    return problems


# --- Dockerfile ----------------------------------------------------------------------------


def served_static_folders(tree: Path) -> set[Path]:
    """The folders settings serve static files from, relative to the code tree."""
    folders = settings_in(tree, {"SECRET_KEY": "probe"})["STATICFILES_DIRS"]
    paths = [folder[1] if isinstance(folder, tuple) else folder for folder in folders]
    return {Path(path).relative_to(tree) for path in paths}


def built_npm_files(tree: Path) -> set[Path]:
    """The node_modules files the front-end build serves (frontend/vendor.json)."""
    vendor = json.loads((tree / "frontend" / "vendor.json").read_text())
    return {Path("node_modules", source) for source in vendor}


def _writable_paths(dockerfile: list) -> set[str]:
    """Where the image's user may write: /tmp, its home and the folders chowned to it."""
    writable, workdir = {"/tmp"}, "/"
    for keyword, arguments in dockerfile:
        if keyword == "WORKDIR":
            workdir = str(Path(workdir, arguments))
        if keyword != "RUN":
            continue
        for _, words in simple_commands(["sh", "-c", arguments]):
            if words[0] == "useradd" and "--home-dir" in words:
                writable.add(words[words.index("--home-dir") + 1])
            if words[0] == "chown":
                paths = [word for word in words[2:] if not word.startswith("-")]
                writable |= {str(Path(workdir, path)) for path in paths}
    return writable


def _schedule_problems(schedule: str, dockerfile: list) -> list[str]:
    workdirs = [arguments for keyword, arguments in dockerfile if keyword == "WORKDIR"]
    folder = str(Path(workdirs[-1] if workdirs else "/", schedule).parent)
    if folder not in _writable_paths(dockerfile):
        return [f"beat writes its schedule in {folder}, where the image's user cannot write"]
    return []


def dockerfile_problems(dockerfile: list, ignore: DockerIgnore, tree: Path) -> list[str]:
    """Faults of the build: absent or ignored COPY sources, steps before their files, bad CMD."""
    problems, stages, copied, environment, user = [], set(), set(), {}, "root"
    users = {"root", "0"}
    for keyword, arguments in dockerfile:
        if keyword == "FROM":
            words = arguments.split()
            stages.add(words[-1] if len(words) == 3 and words[1].upper() == "AS" else "")
            copied, environment, user, users = set(), {}, "root", {"root", "0"}
        elif keyword == "ENV":
            environment |= dict(word.split("=", 1) for word in shlex.split(arguments))
        elif keyword == "USER":
            user = arguments.split(":")[0]
            if user not in users and not user.isdigit():
                problems.append(f"USER {user}: no earlier step creates that user")
        elif keyword == "COPY":
            problems += _copy_problems(shlex.split(arguments), stages, copied, ignore)
        elif keyword == "RUN":
            problems += _run_problems(arguments, copied, environment, tree, ignore)
            commands = simple_commands(["sh", "-c", arguments])
            users |= {words[-1] for _, words in commands if words[0] in {"useradd", "adduser"}}
        elif keyword in {"CMD", "ENTRYPOINT"}:
            problems += command_problems(exec_form(arguments))
    if user in {"root", "0"}:
        problems.append("the image runs as root")
    cmds = [arguments for keyword, arguments in dockerfile if keyword == "CMD"]
    if (probe := image_healthcheck(dockerfile)) and cmds:
        command = exec_form(cmds[-1])
        allowed = settings_in(tree, {"SECRET_KEY": "probe"})["ALLOWED_HOSTS"]
        ports = listening_ports(command)
        problems += http_probe_problems(probe, ports=ports, allowed_hosts=allowed)
    return problems


def _copy_problems(words: list[str], stages: set, copied: set, ignore: DockerIgnore) -> list:
    flags = dict(word[2:].partition("=")[::2] for word in words if word.startswith("--"))
    *sources, target = [word for word in words if not word.startswith("--")]
    if "from" in flags:
        copied.add(Path(target).name)
        return [] if flags["from"] in stages else [f"COPY --from={flags['from']}: no such stage"]
    problems = []
    for source in sources:
        copied.add("*" if source == "." else Path(source).name)
        if source == ".":
            continue
        if not (ROOT / source).exists():
            problems.append(f"COPY {source}: not in the repository")
        elif ignore.excludes(source):
            problems.append(f"COPY {source}: left out of the build context by .dockerignore")
    return problems


def _run_problems(
    arguments: str, copied: set, environment: dict, tree: Path, ignore: DockerIgnore
) -> list[str]:
    """A RUN step needs its files copied first, and its manage.py command to exist and load."""

    def in_image(name: str) -> bool:
        # `COPY . .` brings a path only if it is in the repository and not left out of the context.
        everything = "*" in copied and (ROOT / name).exists() and not ignore.excludes(name)
        return name in copied or everything

    problems = []
    for assignments, words in simple_commands(["sh", "-c", arguments]):
        needs = []
        if words[:2] == ["pip", "install"]:
            flags = {"-r", "--requirement"}
            needs = [words[i + 1] for i, word in enumerate(words) if word in flags]
        elif words[:2] == ["npm", "ci"]:
            needs = ["package.json", "package-lock.json"]
        elif words[:2] == ["python", "manage.py"]:
            needs = ["manage.py"]
            if words[2:3] == ["collectstatic"]:
                needs += sorted({folder.parts[0] for folder in served_static_folders(tree)})
            problems += command_problems(words)
            problems += settings_problems(tree, environment | assignments, production=False)
        missing = [name for name in needs if not in_image(name)]
        problems += [f"RUN {shlex.join(words)}: {name} is not copied yet" for name in missing]
    return problems


def npm_problems(package: dict, lock: dict, served: set[Path]) -> list[str]:
    """`npm ci` fails on a lock out of step; what the pages load is a runtime dependency (the
    build tools, such as sass, are dev dependencies)."""
    problems = []
    for section in ("dependencies", "devDependencies"):
        if package.get(section, {}) != lock["packages"][""].get(section, {}):
            problems.append(f"package-lock.json's {section} differ from package.json's")
    for name, version in package.get("dependencies", {}).items():
        locked = lock["packages"].get(f"node_modules/{name}", {}).get("version")
        if re.fullmatch(r"[\d.]+", version) and locked != version:
            problems.append(f"{name} is pinned at {version} but locked at {locked}")
    runtime = set(package.get("dependencies", {}))
    for folder in sorted(served):
        if folder.parts[0] == "node_modules" and folder.parts[1] not in runtime:
            problems.append(f"the build serves {folder}, but {folder.parts[1]} is a dev dependency")
    return problems
