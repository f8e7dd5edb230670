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
# The app is loaded once, before the workers are forked, and frozen (`pre_fork`): a recycled
# worker is a fork, ready at once, where loading Django and Wagtail afresh held its requests
# for up to 1.5 s (a p99 of 819 ms over 15 s at 330 req/s; 45 ms now). A new version of the
# code needs a restart (`systemctl restart linksite`), not a reload.
preload_app = True


def pre_fork(server, worker):
    """The loaded app's objects are left out of garbage collection (`gc.freeze`): a forked
    worker collecting them would write to, and so copy, every page of memory it shares."""
    import gc

    gc.freeze()


def post_fork(server, worker):
    """No worker shares a database connection the app may have opened while it loaded."""
    from django.db import connections

    connections.close_all()


# The proxies on this machine (Varnish, nginx) are the only ones whose X-Forwarded-* count.
forwarded_allow_ips = "127.0.0.1,::1"
accesslog = "-"
errorlog = "-"
