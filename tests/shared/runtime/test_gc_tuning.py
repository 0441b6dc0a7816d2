"""Workers collect young objects rarely and never rescan what they built at start-up."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from chorus_shared.runtime import gc_tuning


@pytest.fixture
def restored_gc() -> Iterator[None]:
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


@pytest.mark.usefixtures("restored_gc")
def test_a_tuned_worker_collects_young_objects_rarely_and_freezes_its_start_up_objects() -> None:
    gc.unfreeze()

    gc_tuning.tune_for_worker()

    assert gc.get_threshold() == (100_000, 50, 100)
    assert gc.get_freeze_count() > 0  # the modules, settings and engine built so far
    assert gc.isenabled()


@pytest.mark.usefixtures("restored_gc")
def test_garbage_in_cycles_is_still_collected() -> None:
    gc_tuning.tune_for_worker()

    class Node:
        other: object = None

    a, b = Node(), Node()
    a.other, b.other = b, a
    del a, b
    assert gc.collect() >= 2
