"""Code run in separate processes by the concurrency and crash tests (importable, for spawn)."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

from generator.registry import Registry

DAY = date(2024, 10, 25)


def allocate_many(workspace: str, url: str | None, count: int, start, results) -> None:
    """Wait for ``start``, then issue ``count`` letters in the same series, one transaction
    each; put the running numbers taken on ``results``."""
    taken = []
    with Registry.open(Path(workspace), url) as reg:
        start.wait(60)
        for _ in range(count):
            with reg.allocate(unit="3", circular=True, date=DAY) as alloc:
                alloc.record(subject="ทดสอบพร้อมกัน", recipients=["นายอำเภอ"])
            taken.append(alloc.running)
    results.put(taken)


def allocate_then_hang(workspace: str, url: str | None, ready) -> None:
    """Take a number and stop inside the open transaction (the test kills this process)."""
    with Registry.open(Path(workspace), url) as reg:
        with reg.allocate(unit="3", circular=True, date=DAY) as alloc:
            alloc.record(subject="จะถูกหยุดกลางคัน")
            ready.put(alloc.running)
            time.sleep(120)


def allocate_one(workspace: str, url: str | None, results) -> None:
    with Registry.open(Path(workspace), url) as reg:
        with reg.allocate(unit="3", circular=True, date=DAY) as alloc:
            alloc.record(subject="หลังจากนั้น")
        results.put(alloc.running)


def open_fresh(workspace: str, url: str | None, start, results) -> None:
    start.wait(60)
    with Registry.open(Path(workspace), url) as reg:
        results.put(len(reg.reserve(1, date=DAY)))


def allocate_orders(workspace: str, url: str | None, count: int, start, results) -> None:
    """As :func:`allocate_many`, for orders (คำสั่ง): the office's series of orders."""
    taken = []
    with Registry.open(Path(workspace), url) as reg:
        start.wait(60)
        for _ in range(count):
            with reg.allocate(kind="order", date=DAY) as alloc:
                alloc.record(subject="แต่งตั้งคณะกรรมการพร้อมกัน")
            taken.append(alloc.running)
    results.put(taken)


def reserve_quick(workspace: str, url: str | None, count: int, start, results) -> None:
    """Wait for ``start``, then reserve ``count`` circular numbers one at a time the way
    ``gen-letter reserve`` does (a bare driver connection, no SQLAlchemy); put them on
    ``results`` with whether the quick way was taken."""
    from generator.registry.quick import QuickRegistry, open_quick

    taken = []
    with open_quick(Path(workspace), url, write=True) as reg:
        quick = isinstance(reg, QuickRegistry)
        start.wait(60)
        for _ in range(count):
            taken += reg.reserve(1, unit="3", circular=True, date=DAY)
    results.put((quick, taken))
