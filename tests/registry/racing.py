"""Processes let go at once: each waits for one start signal and puts its result on one queue
(the targets are in :mod:`tests.registry.workers`, importable for spawn)."""

from __future__ import annotations

import multiprocessing
import time

spawn = multiprocessing.get_context("spawn")


def join(processes, timeout: float = 300) -> None:
    """Wait for every process up to ``timeout`` s in all; kill those left and fail, and fail
    unless each ended with exit status 0."""
    deadline = time.monotonic() + timeout
    for process in processes:
        process.join(max(1, deadline - time.monotonic()))
    alive = [p for p in processes if p.is_alive()]
    for process in alive:
        process.kill()
    assert not alive, "a worker did not finish"
    assert [p.exitcode for p in processes] == [0] * len(processes)


def race(target, args: tuple, count: int, timeout: float = 300) -> list:
    """``count`` processes of ``target(*args, start, results)`` let go at once: each one's
    result, in the order they came, once all have ended well (:func:`join`)."""
    start, results = spawn.Event(), spawn.Queue()
    processes = [spawn.Process(target=target, args=(*args, start, results))
                 for _ in range(count)]
    for process in processes:
        process.start()
    start.set()
    taken = [results.get(timeout=timeout) for _ in processes]
    join(processes, timeout)
    return taken
