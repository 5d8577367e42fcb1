"""Hot spots of a pyinstrument session: self time and inclusive time per function."""

from __future__ import annotations

from pathlib import Path

#: leaf frames that mean "this thread is waiting" (futures, locks, event loops), not working
_IDLE_FILES = ("threading.py", "concurrent/futures/_base.py", "selectors.py", "asyncio/base_events.py", "queue.py")
_WAIT_BUILTINS = {"lock.acquire", "acquire", "select", "poll", "epoll.poll", "kqueue.control", "wait", "sleep"}
_PROJECT_DIRS = ("/flows/", "/tasks/", "/validations/")


def _is_idle(stack: list[str]) -> bool:
    """A sample taken while the thread waits (futures, locks, event-loop selects)."""
    fn, path, _ = _parts(stack[-1])
    if any(path.endswith(f) for f in _IDLE_FILES):
        return True
    if fn in _WAIT_BUILTINS:
        return any(_parts(info)[1].endswith(_IDLE_FILES) for info in stack[-4:-1])
    return False


def _parts(frame_info: str) -> tuple[str, str, str]:
    ident = frame_info.split("\x01", 1)[0]
    bits = ident.split("\x00")
    return bits[0], bits[1] if len(bits) > 1 else "", bits[2] if len(bits) > 2 else ""


def _short(path: str) -> str:
    for marker in ("site-packages/", "/lib/python3."):
        if marker in path:
            tail = path.split(marker, 1)[1]
            return tail if marker == "site-packages/" else "stdlib/" + tail.split("/", 1)[-1]
    root = str(Path(__file__).resolve().parent.parent) + "/"
    return path.replace(root, "")


def hot_spots(session, top: int = 20) -> dict:
    """``self``: functions by self time; ``project``: flows/tasks/validations functions by
    inclusive time (each counted once per sample). Idle waits are excluded from both and
    reported as ``idle_seconds``; percentages are of the non-idle time."""
    if session is None:
        return {"self": [], "project": [], "total_seconds": 0.0, "idle_seconds": 0.0}
    self_t: dict[tuple, float] = {}
    incl_t: dict[tuple, float] = {}
    idle = total = 0.0
    for stack, t in session.frame_records:
        if not stack:
            continue
        leaf = _parts(stack[-1])
        if _is_idle(stack):
            idle += t
            continue
        total += t
        self_t[leaf] = self_t.get(leaf, 0.0) + t
        seen = set()
        for info in stack:
            p = _parts(info)
            if p in seen or not any(d in p[1] for d in _PROJECT_DIRS) or "/site-packages/" in p[1]:
                continue
            seen.add(p)
            incl_t[p] = incl_t.get(p, 0.0) + t

    def rows(d: dict) -> list[dict]:
        out = []
        for (fn, path, line), secs in sorted(d.items(), key=lambda kv: -kv[1])[:top]:
            out.append({"function": fn, "location": f"{_short(path)}:{line}", "seconds": round(secs, 3),
                        "percent": round(100 * secs / total, 1) if total else 0.0})
        return out

    return {"self": rows(self_t), "project": rows(incl_t), "total_seconds": round(total, 2), "idle_seconds": round(idle, 2)}
