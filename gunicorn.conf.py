"""Gunicorn settings for serving Sahifa in production: `gunicorn -c gunicorn.conf.py app:app`.

Every value can be changed from the environment (docs/deployment.md):
  SAHIFA_BIND          address to listen on (default 127.0.0.1:8000, behind nginx)
  WEB_CONCURRENCY      worker processes (default: 2 per core, at least 2)
  SAHIFA_THREADS       threads per worker (default 4)
  SAHIFA_TIMEOUT       seconds before a silent worker is killed and replaced (default 60)
  SAHIFA_PRELOAD_NLP   set to 1 to load the Arabic analysis database in the master
                       process, once, shared copy-on-write by every worker
"""

from __future__ import annotations

import os
from typing import Any

# JSON logs with request ids (learn/logging.py) unless the operator chose otherwise.
os.environ.setdefault("SAHIFA_LOG_FORMAT", "json")


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    value = int(raw)  # a typo stops the server at start, naming nothing silently
    if value <= 0:
        raise ValueError(f"{name} must be positive, got {value}")
    return value


bind = os.environ.get("SAHIFA_BIND", "127.0.0.1:8000")
# Threads let one worker wait on PostgreSQL for several requests at once; processes use
# both cores. 2 per core x 4 threads = 16 concurrent requests on a 2-core machine, within
# PostgreSQL's default 100 connections even with several app servers.
workers = _int("WEB_CONCURRENCY", max(2, 2 * (os.cpu_count() or 1)))
worker_class = "gthread"
threads = _int("SAHIFA_THREADS", 4)
timeout = _int("SAHIFA_TIMEOUT", 60)  # an article import analyses for a few seconds at most
graceful_timeout = 30  # SIGTERM/SIGHUP: finish requests in flight for up to this long
keepalive = 5
# Replace workers now and then (spread out so they do not restart together): any slow
# memory growth is bounded, and a replacement forks from the preloaded master.
max_requests = 5000
max_requests_jitter = 500
# Import the app once in the master; workers are forked from it.
preload_app = True
# The app writes its own access lines (with request ids, as JSON); gunicorn's errors only.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("SAHIFA_GUNICORN_LOGLEVEL", "info")
# nginx on the same machine sets X-Forwarded-*; the app trusts them via SAHIFA_PROXY_COUNT.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def when_ready(server: Any) -> None:
    """In the master, after the app is imported and before workers fork."""
    app = server.app.wsgi()
    if os.environ.get("SAHIFA_PRELOAD_NLP", "").strip().lower() in ("1", "true", "yes", "on"):
        from learn.nlp.engine import get_engine

        get_engine(app.config["SAHIFA_DATA_DIR"]).load()
        server.log.info("analysis database loaded in the master; workers share it")
    _drop_database_connections(app)


def post_fork(server: Any, worker: Any) -> None:
    """A worker must never reuse the master's database sockets (two processes, one socket)."""
    _drop_database_connections(server.app.wsgi(), close=False)


def _drop_database_connections(app: Any, close: bool = True) -> None:
    from learn.extensions import db

    with app.app_context():
        # close=False in a child: forget the parent's connections without closing them
        # under the parent's feet (SQLAlchemy's advice for forked processes).
        db.engine.dispose(close=close)
