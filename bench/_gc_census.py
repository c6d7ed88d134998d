"""What the cyclic collector walks in the soak's window: a census, printed to stderr (``bench_soak.py --census``).

A full collection's time grows with the objects the collector tracks; which of them the window keeps decides what
can be cut (untracked rows, frozen start-up objects, fewer closures). So, at the end of the drive, before any
collection: the tracked objects by generation and by type, the owners of samples of the commonest types (found
with ``gc.get_referrers``), the frozen count, and the CPU time of a full collection then. During the drive, every
collection of the young generations that found more than ``BIG_YOUNG`` objects in them is recorded with the types
that filled them: those are the long young pauses.

Nothing here imports Qt: the drive calls it from the GUI thread.
"""

from __future__ import annotations

import gc
import sys
import time
from collections import Counter
from typing import Any

BIG_YOUNG = 20_000  # objects in the young generations when a collection starts: their types are counted too
TOP_TYPES = 25
SAMPLED_TYPES = 12
SAMPLES = 4


def type_name(o: object) -> str:
    t = type(o)
    return f"{t.__module__}.{t.__qualname__}" if t.__module__ not in ("builtins", None) else t.__qualname__


class YoungPauses:
    """Every collection of generation 0 or 1: its wall and CPU time, what it freed, and for a crowded one (over
    ``BIG_YOUNG`` objects) the types that filled it, counted before it ran."""

    def __init__(self) -> None:
        self.seen: list[tuple[int, float, float, int, str]] = []  # generation, wall ms, CPU ms, freed, what was in
        self.frozen_at_start = gc.get_freeze_count()
        self._inside = ""
        self._began = (0.0, 0.0)

    def start(self) -> YoungPauses:
        gc.callbacks.append(self._on_gc)
        return self

    def stop(self) -> None:
        gc.callbacks.remove(self._on_gc)

    def _on_gc(self, phase: str, info: dict[str, int]) -> None:
        generation = info["generation"]
        if generation == 2:
            return
        if phase == "start":
            objects = [o for g in range(generation + 1) for o in gc.get_objects(generation=g)]
            sized = [(len(o), type_name(o)) for o in objects if isinstance(o, list | tuple | dict | set)]
            big = sorted(sized, reverse=True)[:3]
            self._inside = f"{len(objects):,} objects; largest: " + ", ".join(f"{t} of {n:,}" for n, t in big)
            if len(objects) > BIG_YOUNG:
                top = Counter(map(type_name, objects)).most_common(6)
                self._inside += "; " + ", ".join(f"{t} {n:,}" for t, n in top)
            self._began = (time.perf_counter(), time.thread_time())
        else:
            wall, cpu = time.perf_counter() - self._began[0], time.thread_time() - self._began[1]
            self.seen.append((generation, wall * 1000, cpu * 1000, info["collected"], self._inside))

    def report(self, out: Any) -> None:
        print(f"--- young collections: {len(self.seen)}, the longest in CPU time ---", file=out)
        for generation, wall, cpu, freed, inside in sorted(self.seen, key=lambda s: -s[2])[:10]:
            print(f"generation {generation}: {wall:.1f} ms wall, {cpu:.1f} ms CPU, {freed:,} freed; {inside}", file=out)
        print(f"frozen at the drive's start {self.frozen_at_start:,}, now {gc.get_freeze_count():,}", file=out)


def _owner(o: object, skip: set[int]) -> str:
    """The type of what refers to ``o`` (a dict's owner by its class, a function's by its module)."""
    names = []
    for ref in gc.get_referrers(o):
        if id(ref) in skip:
            continue
        name = type_name(ref)
        if isinstance(ref, dict):
            owners = [r for r in gc.get_referrers(ref) if id(r) not in skip and not isinstance(r, list)]
            if owners:
                name = f"dict of {type_name(owners[0])}"
        names.append(name)
    return "/".join(sorted(set(names))[:3]) or "nothing tracked"


def census(out: Any = sys.stderr, model: object = None) -> None:
    """Print the tracked objects by generation and type, owners of samples, and a timed full collection.

    With ``model`` (the inventory table's), a second timed collection after its large lists are made tuples, which
    the collector untracks after one look: what those lists cost each full collection.
    """
    generations = [gc.get_objects(generation=g) for g in range(3)]
    sizes = ", ".join(f"generation {g}: {len(objs):,}" for g, objs in enumerate(generations))
    print(f"--- gc census: {sizes}; frozen {gc.get_freeze_count():,}; counts {gc.get_count()} ---", file=out)
    everything = [o for objs in generations for o in objs]
    by_type = Counter(map(type_name, everything))
    for g, objs in enumerate(generations):
        top = Counter(map(type_name, objs)).most_common(TOP_TYPES if g == 2 else 8)
        print(f"generation {g}: " + ", ".join(f"{t} {n:,}" for t, n in top), file=out)
    functions = Counter(getattr(o, "__module__", "?") for o in everything if type(o).__name__ == "function")
    print("functions by module: " + ", ".join(f"{m} {n:,}" for m, n in functions.most_common(12)), file=out)
    shiboken = sum(n for t, n in by_type.items() if t.startswith(("PySide6.", "shiboken6.")))
    print(f"Qt wrappers (PySide6/shiboken6 types): {shiboken:,}", file=out)
    lengths = sorted(((len(o), type_name(o)) for o in everything if isinstance(o, list | dict | set)), reverse=True)
    print("largest containers: " + ", ".join(f"{t} of {n:,}" for n, t in lengths[:10]), file=out)
    skip = {id(generations), id(everything), *map(id, generations)}
    for name, count in by_type.most_common(SAMPLED_TYPES):
        same = [o for o in everything if type_name(o) == name]
        step = max(1, len(same) // SAMPLES)
        samples = same[::step][:SAMPLES]
        owners = Counter([_owner(o, skip | {id(same), id(samples)}) for o in samples])
        print(f"owners of {name} ({count:,}): " + "; ".join(f"{w} x{n}" for w, n in owners.items()), file=out)
    del generations, everything
    started = time.thread_time()
    found = gc.collect()
    ms = (time.thread_time() - started) * 1000
    after = len(gc.get_objects())
    print(f"a full collection now: {ms:.0f} ms CPU, {found:,} unreachable, {after:,} tracked after", file=out)
    if model is not None:
        lists = [name for name, v in vars(model).items() if isinstance(v, list) and len(v) > BIG_YOUNG]
        for name in lists:
            setattr(model, name, tuple(getattr(model, name)))
        gc.collect()  # the look that untracks the new tuples
        started = time.thread_time()
        gc.collect()
        ms = (time.thread_time() - started) * 1000
        print(f"the same, with the model's {', '.join(lists)} as tuples: {ms:.0f} ms CPU", file=out)
    frozen = gc.get_freeze_count()
    gc.unfreeze()
    gc.set_debug(gc.DEBUG_SAVEALL)  # the garbage is kept in gc.garbage, to be named
    pinned = gc.collect()
    kinds = Counter(map(type_name, gc.garbage)).most_common(8)
    gc.garbage.clear()
    gc.set_debug(0)
    named = ", ".join(f"{t} {n}" for t, n in kinds)
    print(f"garbage among the {frozen:,} frozen objects (found once unfrozen): {pinned:,}: {named}", file=out)
