"""Any sequence of reservations, issues, failed issues and cancellations keeps every series
gap-free and duplicate-free, and never hands out a cancelled number again."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import UserError
from generator.registry import Registry, init_workspace
from generator.registry.schema import letters

YEARS = {2567: date(2024, 6, 1), 2568: date(2025, 6, 1)}

operation = st.one_of(
    st.tuples(st.just("issue"), st.booleans(), st.sampled_from(sorted(YEARS))),
    st.tuples(st.just("fail"), st.booleans(), st.sampled_from(sorted(YEARS))),
    st.tuples(st.just("reserve"), st.booleans(), st.sampled_from(sorted(YEARS)),
              st.integers(1, 3)),
    st.tuples(st.just("issue-reserved"), st.integers(0, 20)),
    st.tuples(st.just("cancel"), st.integers(0, 20)),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(operation, min_size=1, max_size=25))
def test_random_operations_keep_every_series_exact(operations):
    with tempfile.TemporaryDirectory() as folder:
        root = init_workspace(Path(folder) / "ws").root
        with Registry.open(root) as reg:
            reserved: list[tuple[str, bool, int]] = []
            cancelled: set[tuple[str, int]] = set()
            for op in operations:
                if op[0] == "issue":
                    with reg.allocate(circular=op[1], date=YEARS[op[2]]) as alloc:
                        alloc.record(subject="ก")
                    assert (alloc.number_text, alloc.year) not in cancelled
                elif op[0] == "fail":
                    with pytest.raises(RuntimeError):
                        with reg.allocate(circular=op[1], date=YEARS[op[2]]):
                            raise RuntimeError("stamping failed")
                elif op[0] == "reserve":
                    for text in reg.reserve(op[3], circular=op[1], date=YEARS[op[2]]):
                        reserved.append((text, op[1], op[2]))
                elif reserved:
                    text, circular, year = reserved.pop(op[1] % len(reserved))
                    if op[0] == "cancel":
                        reg.cancel(text, reason="ทดสอบ", year=year)
                        cancelled.add((text, year))
                    else:
                        with reg.allocate(circular=circular, date=YEARS[year],
                                          reserved=text) as alloc:
                            alloc.record(subject="จองไว้")
                        assert alloc.number_text == text
            for text, year in cancelled:
                with pytest.raises(UserError, match="cancelled"):
                    with reg.allocate(circular="/ว" in text, date=YEARS[year],
                                      reserved=text) as alloc:
                        alloc.record(subject="ห้าม")
            with reg.engine.connect() as connection:
                rows = connection.execute(sa.select(
                    letters.c.series, letters.c.year, letters.c.running, letters.c.status,
                    letters.c.number_text)).all()
    series: dict[tuple[str, int], list[int]] = {}
    for row in rows:
        series.setdefault((row.series, row.year), []).append(row.running)
        assert row.status in ("reserved", "issued", "cancelled")
        assert (row.status == "cancelled") == ((row.number_text, row.year) in cancelled)
    for runnings in series.values():
        assert sorted(runnings) == list(range(1, len(runnings) + 1))
