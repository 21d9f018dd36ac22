"""nginx as the nginx image runs Pantau's site config, for tests that run Debian's nginx here.

The image renders each `*.template` of /etc/nginx/templates into /etc/nginx/conf.d/ with the
container's environment variables whose names match NGINX_ENVSUBST_FILTER substituted (its
entrypoint script 20-envsubst-on-templates.sh, with envsubst), and its nginx.conf includes
conf.d/*.conf. `render` does the same into a folder of the test's, and `Nginx` starts nginx
there with an nginx.conf like the image's, on loopback, with every path inside that folder.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from tests.core.container_files import ROOT
from tests.private_services import listening

NGINX = Path("/usr/sbin/nginx")
TEMPLATES = ROOT / "deploy" / "nginx" / "templates"
_PLACEHOLDER = re.compile(r"\$\{(\w+)\}|\$(\w+)")

# The image's /etc/nginx/nginx.conf, with its paths moved into the prefix (`{prefix}`).
IMAGE_NGINX_CONF = """\
{user}
worker_processes 1;
error_log {prefix}/error.log notice;
pid {prefix}/nginx.pid;

events {{
    worker_connections 1024;
}}

http {{
    include {mime_types};
    default_type application/octet-stream;
    log_format main '$remote_addr - $remote_user [$time_local] "$request" '
                    '$status $body_bytes_sent "$http_referer" '
                    '"$http_user_agent" "$http_x_forwarded_for"';
    access_log {prefix}/access.log main;
    sendfile on;
    keepalive_timeout 65;

    # Debian's nginx keeps these under /var/lib/nginx; the image under /var/cache/nginx.
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;

    include conf.d/*.conf;
}}
"""


def template_variables(folder: Path = TEMPLATES) -> set[str]:
    """The `${NAME}` placeholders the templates use."""
    texts = [path.read_text() for path in folder.glob("*.template")]
    return {name for text in texts for name in re.findall(r"\$\{(\w+)\}", text)}


def render(environment: dict[str, str], target: Path, folder: Path = TEMPLATES) -> Path:
    """The templates rendered as the image renders them, into target/conf.d."""
    pattern = environment.get("NGINX_ENVSUBST_FILTER", "")
    defined = {name: value for name, value in environment.items() if re.search(pattern, name)}
    conf_d = target / "conf.d"
    conf_d.mkdir(parents=True, exist_ok=True)
    for template in sorted(folder.glob("*.template")):
        text = _PLACEHOLDER.sub(
            lambda match: defined.get(match[1] or match[2], match[0]), template.read_text()
        )
        (conf_d / template.name.removesuffix(".template")).write_text(text)
    return conf_d


def main_config(prefix: Path) -> Path:
    """An nginx.conf like the image's, everything it writes kept inside prefix."""
    # As root the workers would run as nobody, who cannot read the test's private folders.
    user = "user root;" if os.geteuid() == 0 else ""
    mime_types = "/etc/nginx/mime.types"
    if not Path(mime_types).is_file():
        (prefix / "mime.types").write_text("types { text/css css; text/plain txt; }\n")
        mime_types = str(prefix / "mime.types")
    path = prefix / "nginx.conf"
    path.write_text(IMAGE_NGINX_CONF.format(user=user, prefix=prefix, mime_types=mime_types))
    return path


def nginx_test(prefix: Path) -> subprocess.CompletedProcess[str]:
    """`nginx -t` on the configuration in prefix."""
    command = [str(NGINX), "-t", "-p", str(prefix), "-c", str(main_config(prefix)), "-e", "stderr"]
    return subprocess.run(command, capture_output=True, text=True, timeout=30)


class Nginx:
    """nginx in the foreground on the rendered configuration in prefix, stopped by the test."""

    def __init__(self, prefix: Path) -> None:
        self.prefix = prefix
        self.process: subprocess.Popen[str] | None = None

    def start(self, port: int) -> None:
        checked = nginx_test(self.prefix)
        if checked.returncode != 0:
            raise AssertionError(f"nginx refuses the configuration:\n{checked.stderr}")
        command = [
            str(NGINX), "-p", str(self.prefix), "-c", str(self.prefix / "nginx.conf"),
            "-e", "stderr", "-g", "daemon off;",
        ]  # fmt: skip
        log = (self.prefix / "nginx.out").open("w")
        self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, text=True)
        if not listening(port):
            raise AssertionError(f"nginx did not listen on {port}: {self.log()}")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def log(self) -> str:
        paths = [self.prefix / name for name in ("nginx.out", "error.log")]
        return "\n".join(path.read_text() for path in paths if path.exists())
