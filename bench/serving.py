"""The production stack on this machine, for the benchmarks in bench/: a throwaway SQLite
database with the demo content, gunicorn (production settings, 2 sync workers) and Debian's
Varnish with deploy/varnish/default.vcl in front of it, as deploy/run-local.sh starts them;
and Debian's nginx serving a directory of static files, for the ceiling.

    with Stack() as stack:       # stack.app_port, stack.varnish_port, stack.work
        ...
        nginx_port = stack.static_nginx(directory)

Leaving the block stops everything it started and removes the database. The app purges
Varnish of what it changes (FRONTEND_CACHE_URL), so pages published or taken down from this
process (after `django.setup()`, which this environment makes the production one) leave the
cache as they do in production.
"""

import contextlib
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(port, process, what):
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"{what} did not start.")
            time.sleep(0.1)


def program(name, package):
    """The path of one of Debian's programs, or exit saying how to install it."""
    found = shutil.which(name) or f"/usr/sbin/{name}"
    if not os.path.exists(found):
        sys.exit(f"No {name}: apt-get install -y {package}")
    return found


def rotating_paths(paths):
    """A wrk Lua script that asks for each of `paths` in turn (`wrk -s FILE`)."""
    listed = ", ".join(f'"{p}"' for p in paths)
    return (
        f"paths = {{{listed}}}\ni = 0\nrequest = function()\n  i = i + 1\n"
        '  return wrk.format("GET", paths[i % #paths + 1])\nend\n'
    )


PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"


def psql(sql):
    """One statement as the machine's PostgreSQL superuser."""
    subprocess.run(
        [program("psql", "postgresql-client"), PG_ADMIN, "-v", "ON_ERROR_STOP=1", "-qc", sql],
        check=True,
        capture_output=True,
    )


@contextlib.contextmanager
def throwaway_postgres(prefix):
    """The URL of a new, empty PostgreSQL database on this machine, dropped afterwards."""
    name = f"{prefix}{secrets.token_hex(4)}"
    psql(f"CREATE DATABASE {name}")
    try:
        yield f"postgres://postgres@127.0.0.1:5432/{name}"
    finally:
        psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


class Stack:
    """gunicorn and Varnish on free ports, on a new database with the demo content."""

    def __init__(self, prefix="linksite-bench-", database_url=None, redis_url=None):
        self.prefix = prefix
        self.processes = []
        self.database_url, self.redis_url = database_url, redis_url

    def __enter__(self):
        varnishd = program("varnishd", "varnish")
        self.work = Path(tempfile.mkdtemp(prefix=self.prefix))
        self.work.chmod(0o755)  # Varnish's worker (user vcache) reads its directory here
        self.app_port, self.varnish_port = free_port(), free_port()
        os.environ.update(
            DJANGO_SETTINGS_MODULE="linksite.settings.production",
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS="localhost,127.0.0.1",
            DATABASE_URL=self.database_url or f"sqlite:///{self.work}/db.sqlite3",
            MEDIA_ROOT=str(self.work / "media"),
            STATIC_ROOT=str(self.work / "static"),
            # Straight to Varnish, no TLS in front here.
            SECURE_SSL_REDIRECT="false",
            LOG_LEVEL="ERROR",
        )
        if self.redis_url:
            os.environ["REDIS_URL"] = self.redis_url
        try:
            self.start(varnishd)
        except BaseException:
            self.__exit__()
            raise
        return self

    def start(self, varnishd):
        print("--- database, static files and demo content", flush=True)
        manage = [PYTHON, "manage.py"]
        subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], cwd=ROOT, check=True)
        subprocess.run([*manage, "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, check=True)
        subprocess.run(
            [*manage, "load_demo"],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
            env={**os.environ, "DEBUG": "true", "DJANGO_SETTINGS_MODULE": "linksite.settings.dev"},
        )
        os.environ["FRONTEND_CACHE_URL"] = f"http://127.0.0.1:{self.varnish_port}"

        print(f"--- gunicorn on {self.app_port}, Varnish on {self.varnish_port}", flush=True)
        gunicorn = subprocess.Popen(
            [str(Path(PYTHON).parent / "gunicorn"), "-c", "deploy/gunicorn.conf.py"]
            + ["linksite.wsgi"],
            cwd=ROOT,
            env={
                **os.environ,
                "GUNICORN_BIND": f"127.0.0.1:{self.app_port}",
                "GUNICORN_WORKERS": "2",
            },
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.processes.append(gunicorn)
        vcl = self.work / "default.vcl"
        vcl.write_text(
            (ROOT / "deploy/varnish/default.vcl")
            .read_text()
            .replace('.port = "8000";', f'.port = "{self.app_port}";')
        )
        vcl.chmod(0o644)
        varnish = subprocess.Popen(
            [varnishd, "-F", "-a", f"127.0.0.1:{self.varnish_port}", "-f", str(vcl)]
            + ["-n", str(self.work / "varnish"), "-s", "malloc,128m"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.processes.append(varnish)
        wait_for(self.app_port, gunicorn, "gunicorn")
        wait_for(self.varnish_port, varnish, "varnishd")

    def static_nginx(self, directory):
        """Debian's nginx serving `directory` on a free port, as deploy/run-local.sh runs it
        (one process for the port, sendfile, no access log), with as many workers as cores,
        as Debian's own nginx.conf. Returns the port."""
        nginx = program("nginx", "nginx")
        port = free_port()
        conf = self.work / "nginx"
        (conf / "temp").mkdir(parents=True, exist_ok=True)
        (conf / "nginx.conf").write_text(
            ("user root;\n" if os.geteuid() == 0 else "")
            + f"""worker_processes auto;
daemon off;
pid {conf}/nginx.pid;
error_log {conf}/error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log off;
    client_body_temp_path {conf}/temp/body;
    proxy_temp_path {conf}/temp/proxy;
    fastcgi_temp_path {conf}/temp/fastcgi;
    uwsgi_temp_path {conf}/temp/uwsgi;
    scgi_temp_path {conf}/temp/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {directory};
        default_type text/html;
    }}
}}
"""
        )
        process = subprocess.Popen(
            [nginx, "-c", str(conf / "nginx.conf"), "-g", f"error_log {conf}/error.log;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.processes.append(process)
        wait_for(port, process, "nginx")
        return port

    def __exit__(self, *_exception):
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(self.work, ignore_errors=True)
