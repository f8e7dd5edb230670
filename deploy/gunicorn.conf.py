"""gunicorn for the LINk site: `gunicorn -c deploy/gunicorn.conf.py linksite.wsgi`.

Listens on loopback only: nginx (deploy/nginx/linksite.conf), through Varnish
(deploy/varnish/default.vcl), is the one way in. The address
and the number of workers can be changed with GUNICORN_BIND and GUNICORN_WORKERS.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", str(multiprocessing.cpu_count() * 2 + 1)))
# Long enough for a large PDF upload and its text extraction, short enough to free a worker
# that is stuck; nginx gives up at 60 s too.
timeout = 60
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so a slow leak never grows.
max_requests = 2000
max_requests_jitter = 200
# The app is loaded once, before the workers are forked: a recycled worker is a fork, ready at
# once, where loading Django and Wagtail afresh held its requests for 1.5 s (bench/against.py
# saw a p99 of 1.5 s at 300 req/s). A new version of the code needs a restart
# (`systemctl restart linksite`), not a reload.
preload_app = True


def post_fork(server, worker):
    """No worker shares a database connection the app may have opened while it loaded."""
    from django.db import connections

    connections.close_all()


# The proxies on this machine (Varnish, nginx) are the only ones whose X-Forwarded-* count.
forwarded_allow_ips = "127.0.0.1,::1"
accesslog = "-"
errorlog = "-"
