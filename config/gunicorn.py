"""gunicorn settings for the web process: `gunicorn -c config/gunicorn.py config.wsgi:application`.

Used by the image's CMD and by docker-compose.yml; a command-line option overrides the value here
(the tests bind to a loopback port that way). In production nginx stands in front
(deploy/nginx/): it reads each request in full before passing it on, so a slow client holds an
nginx connection, not a gunicorn thread. These settings are for what still reaches gunicorn
directly: the local compose profile, and nginx's own requests.
"""

from __future__ import annotations

import os

bind = ["0.0.0.0:8000"]

# Threads, not one sync process per request: a sync worker is held by a single connection from
# accept until the request is read, so two clients sending a header byte every 2 s froze both
# workers of the old set-up until gunicorn killed them at its 30 s timeout. A gthread worker
# waits for idle connections in its poller and lends a thread only to a connection that sends
# data; a client that dribbles still holds that one thread, so only nginx removes the problem.
worker_class = "gthread"
# One process per core of the 2-core hosts Pantau runs on, and a few threads each: requests
# mostly wait on PostgreSQL, and Django is thread-safe.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "8"))

# A worker whose main loop has not checked in for 30 s is restarted; on a restart (or a stop)
# requests in flight get 30 s to finish.
timeout = 30
graceful_timeout = 30
# Idle kept-alive connections wait in the worker's poller, not in a thread.
keepalive = 5

# Request limits: one line of at most 4 KiB, at most 50 header fields of 8 KiB each (gunicorn's
# own limits are 4094 bytes and 100 fields); a bigger request is refused with 400 before Django.
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190

# The workers' heartbeat files on a memory file system: on a container's overlay file system a
# slow disk can stall them, and the arbiter then kills healthy workers.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# The access log names the address nginx received the request from (X-Forwarded-For) after the
# connection's own, which behind nginx is always nginx's.
accesslog = "-"
access_log_format = '%(h)s %({x-forwarded-for}i)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
