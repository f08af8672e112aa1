"""Airflow's ``[core] hostname_callable`` for the distributed test: the Celery worker's node name.

Both Celery workers of tests/test_distributed.py run on one machine, so the default callable
(the machine's FQDN) would report the same ``hostname`` for every task instance and could not
tell which worker ran a task. In a real deployment each worker is its own host or container.
Celery knows which worker is executing the current task (``request.hostname``, e.g.
``worker1@build-host``); reporting that keeps the task instance's ``hostname`` honest.

This module is imported by Airflow processes (found through PYTHONPATH), never by pytest's
collection, so it imports nothing heavy at module level.
"""

from __future__ import annotations

import socket

_node_name: str | None = None


def celery_worker_hostname() -> str:
    """The Celery node name of the worker running this task; the FQDN outside a Celery task."""
    global _node_name
    if _node_name is None:
        from celery import current_task

        # A pool process belongs to one worker for its whole life: remember the name, so
        # that calls made outside the task's thread (heartbeats) report the same host.
        _node_name = getattr(getattr(current_task, "request", None), "hostname", None) or None
    return _node_name or socket.getfqdn()
