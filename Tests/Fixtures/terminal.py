"""Runs a command on a pseudo-terminal and types answers at its prompts, as a person would.

Usage: terminal.py ANSWERS COMMAND [ARGUMENT ...]
ANSWERS holds one answer a line; each is typed once the command's output ends in ": ".
Prints what the terminal showed and exits with the command's status. Gives up after 30 s.
"""
import os
import pty
import select
import sys
import time

DEADLINE_SECONDS = 30


def main() -> int:
    answers = sys.argv[1].split("\n") if sys.argv[1] else []
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(sys.argv[2], sys.argv[2:])
    shown = b""
    waiting_since = 0
    deadline = time.monotonic() + DEADLINE_SECONDS
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
        if answers and shown.rstrip(b" ").endswith(b":") and len(shown) > waiting_since:
            waiting_since = len(shown)
            os.write(fd, answers.pop(0).encode() + b"\n")
    else:
        os.kill(pid, 9)
        sys.stdout.write(shown.decode(errors="replace") + "\n[terminal.py: gave up after 30 s]\n")
        return 124
    _, status = os.waitpid(pid, 0)
    sys.stdout.write(shown.decode(errors="replace"))
    return os.waitstatus_to_exitcode(status)


sys.exit(main())
