"""Waiting for an outcome as a person waits for a page: polling, up to a limit."""

import time


def eventually(check, seconds=10.0, step=0.2) -> bool:
    """True once `check()` is, polling every `step` seconds for up to `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(step)
    return check()
