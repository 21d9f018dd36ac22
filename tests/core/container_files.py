"""How Docker reads Pantau's container files, for checks that cannot run Docker here.

docker-compose.yml with YAML merge keys and compose's `${VAR:-default}` interpolation; the
Dockerfile's instructions, exec and shell forms; .dockerignore's build context; the environment
variables the code reads and .env.example documents; and config/settings.py evaluated with
exactly the environment a container gets.
"""

from __future__ import annotations

import ast
import contextlib
import functools
import os
import re
import runpy
import shlex
import shutil
from collections.abc import Iterator
from pathlib import Path

import yaml
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
SETTINGS_FILE = "config/settings.py"
SHELL_OPERATORS = {"&&", "||", ";", "|", "&"}


class MissingVariable(Exception):
    """Compose refuses to start: a `${VAR:?message}` variable is unset."""


# --- reading the files ----------------------------------------------------------------------

_VARIABLE = re.compile(
    r"\$(?:(?P<escaped>\$)|\{(?P<braced>\w+)(?:(?P<op>:?[-?+])(?P<arg>[^}]*))?\}|(?P<bare>\w+))"
)


def interpolate(value, variables: dict[str, str]):
    """Substitute `${VAR}`, `${VAR:-default}`, `${VAR:?error}` and `$$` as compose does."""
    if isinstance(value, dict):
        return {key: interpolate(item, variables) for key, item in value.items()}
    if isinstance(value, list):
        return [interpolate(item, variables) for item in value]
    if not isinstance(value, str):
        return value

    def substitute(match: re.Match) -> str:
        if match["escaped"]:
            return "$"
        name, op, arg = match["braced"] or match["bare"], match["op"] or "", match["arg"] or ""
        present = name in variables and (variables[name] != "" or not op.startswith(":"))
        if op.endswith("?") and not present:
            raise MissingVariable(f"{name}: {arg}")
        if op.endswith("-") and not present:
            return interpolate(arg, variables)
        if op.endswith("+"):
            return interpolate(arg, variables) if present else ""
        return variables.get(name, "")

    return _VARIABLE.sub(substitute, value)


def load_compose(text: str, variables: dict[str, str]) -> dict:
    """The compose file as compose sees it: anchors and `<<` merged, variables substituted."""
    return interpolate(yaml.safe_load(text), variables)


def environment_of(service: dict) -> dict[str, str]:
    environment = service.get("environment") or {}
    if isinstance(environment, list):
        environment = dict(item.partition("=")[::2] for item in environment)
    return {key: "" if value is None else str(value) for key, value in environment.items()}


def parse_dockerfile(text: str) -> list[tuple[str, str]]:
    """The Dockerfile as (INSTRUCTION, arguments), continuation lines joined, comments dropped."""
    instructions, pending = [], ""
    for line in text.splitlines():
        if not pending and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        keyword, _, arguments = (pending + line).strip().partition(" ")
        instructions.append((keyword.upper(), " ".join(arguments.split())))
        pending = ""
    return instructions


def exec_form(arguments: str) -> list[str]:
    """A CMD/ENTRYPOINT/HEALTHCHECK command as argv: JSON exec form, or the shell form."""
    if arguments.startswith("["):
        return yaml.safe_load(arguments)
    return ["sh", "-c", arguments]


def image_healthcheck(instructions: list[tuple[str, str]]) -> list[str] | None:
    checks = [arguments for keyword, arguments in instructions if keyword == "HEALTHCHECK"]
    if not checks or checks[-1] == "NONE":
        return None
    return exec_form(checks[-1].split(" CMD ", 1)[1].strip())


def healthcheck_argv(healthcheck: dict | None) -> list[str] | None:
    """A compose healthcheck test as argv; None when there is none or it is disabled."""
    if not healthcheck or healthcheck.get("disable"):
        return None
    test = healthcheck["test"]
    if isinstance(test, str):
        return ["sh", "-c", test]
    if test[0] == "NONE":
        return None
    return ["sh", "-c", test[1]] if test[0] == "CMD-SHELL" else list(test[1:])


def simple_commands(argv: list[str]) -> Iterator[tuple[dict[str, str], list[str]]]:
    """Each simple command of argv, `sh -c` scripts split at && ; | — with its VAR=value prefix."""
    if argv[:2] == ["sh", "-c"]:
        lexer = shlex.shlex(argv[2], posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        words, current = list(lexer), []
        for word in [*words, ";"]:
            if word in SHELL_OPERATORS:
                if current:
                    yield from simple_commands(current)
                current = []
            else:
                current.append(word)
        return
    assignments = {}
    while argv and re.fullmatch(r"\w+=.*", argv[0]):
        name, _, value = argv[0].partition("=")
        assignments[name] = value
        argv = argv[1:]
    if argv[:1] == ["exec"]:  # the shell replaced by the command: the same command runs
        argv = argv[1:]
    if argv:
        yield assignments, argv


# --- the build context -----------------------------------------------------------------------


def _glob_regex(pattern: str) -> re.Pattern:
    """A .dockerignore pattern (Go filepath.Match plus `**`) as a regular expression."""
    out, i = "", 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out, i = out + "(.*/)?", i + 3
            continue
        if pattern.startswith("**", i):
            out, i = out + ".*", i + 2
            continue
        char = pattern[i]
        if char == "[":
            end = pattern.index("]", i)
            out, i = out + pattern[i : end + 1].replace("[!", "[^"), end + 1
            continue
        out += {"*": "[^/]*", "?": "[^/]"}.get(char, re.escape(char))
        i += 1
    return re.compile(out)


class DockerIgnore:
    """The build context's exclusions: the last matching pattern wins, `!` re-includes."""

    def __init__(self, text: str) -> None:
        self.patterns = []
        for line in text.splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            negated = line.startswith("!")
            cleaned = os.path.normpath(line.lstrip("!").strip()).lstrip("/")
            self.patterns.append((negated, cleaned, _glob_regex(cleaned)))

    def excludes(self, path: str) -> bool:
        parts = path.strip("/").split("/")
        prefixes = ["/".join(parts[: n + 1]) for n in range(len(parts))]
        excluded = False
        for negated, _, regex in self.patterns:
            if any(regex.fullmatch(prefix) for prefix in prefixes):
                excluded = not negated
        return excluded

    def context_files(self, root: Path) -> list[str]:
        """The files `docker build` sends from root, as paths relative to it."""
        reincluded = [text for negated, text, _ in self.patterns if negated]
        files = []
        for folder, dirs, names in os.walk(root):
            base = Path(folder).relative_to(root).as_posix()
            base = "" if base == "." else base
            for name in list(dirs):
                path = f"{base}/{name}".lstrip("/")
                if self.excludes(path) and not any(r.startswith(path + "/") for r in reincluded):
                    dirs.remove(name)
            files += [p for n in names if not self.excludes(p := f"{base}/{n}".lstrip("/"))]
        return sorted(files)


def copy_context(root: Path, target: Path) -> Path:
    """Copy what the image receives through `COPY . .`, as the image's code tree."""
    ignore = DockerIgnore((root / ".dockerignore").read_text())
    for path in ignore.context_files(root):
        (target / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / path, target / path)
    return target


# --- settings ------------------------------------------------------------------------------


def _calls_reading_the_environment(tree: ast.AST) -> Iterator[str]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and ast.unparse(node.value) == "os.environ":
            target = node.slice
        elif isinstance(node, ast.Call) and node.args:
            function = ast.unparse(node.func)
            reads = function == "env" or function.startswith("env.")
            if not (reads or function in {"os.environ.get", "os.getenv"}):
                continue
            target = node.args[0]
        else:
            continue
        if isinstance(target, ast.Constant) and isinstance(target.value, str):
            yield target.value


def variables_read(path: Path) -> set[str]:
    """Environment variables a module reads through django-environ or os.environ."""
    return set(_calls_reading_the_environment(ast.parse(path.read_text())))


def settings_variables() -> set[str]:
    return variables_read(ROOT / SETTINGS_FILE)


@functools.cache
def project_variables() -> frozenset[str]:
    """Variables read anywhere in the project's own Python code (settings, apps, tests)."""
    paths = [ROOT / "manage.py", *ROOT.glob("config/*.py"), *ROOT.glob("apps/**/*.py")]
    paths += ROOT.glob("tests/**/*.py")
    return frozenset().union(*(variables_read(path) for path in paths))


def documented_variables(text: str) -> set[str]:
    """Names .env.example documents, as `NAME=value` or as a commented-out `# NAME=value`."""
    return set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", text, flags=re.MULTILINE))


@contextlib.contextmanager
def only_environment(environment: dict[str, str]) -> Iterator[None]:
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(environment)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def settings_in(tree: Path, environment: dict[str, str]) -> dict:
    """Evaluate the settings module of an image's code tree with exactly this environment."""
    with only_environment(environment):
        return runpy.run_path(str(tree / SETTINGS_FILE), run_name="settings_probe")
