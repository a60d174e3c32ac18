"""Fast session start for ``binome serve``: one process imports the app once, then forks a
session for each browser tab.

textual-serve runs a shell command per websocket; starting Python and importing Textual, the
search engine and the schemas costs about a second of CPU per tab, which 30 people arriving at
9:00 on two cores would wait for. So the command textual-serve runs is this module's small
*client*: it hands its standard input, output and error (the pipes textual-serve reads and
writes) to the *preloader* over a Unix socket in a private folder, and waits. The preloader
forks; the child takes those pipes and runs the app in sign-in-required mode on the served
base, exactly as ``python -m tui.cli_serve --session`` would. When the preloader is not
there, the client runs that command itself: slower, same behaviour.

Only the standard library is imported at the top, so that the client starts in milliseconds.
"""

from __future__ import annotations

import json
import os
import random
import selectors
import signal
import socket
import sys

# What textual-serve sets for each app process and that Textual reads when it is imported:
# the preloader must be started with them (the rest is per session, passed by the client).
SESSION_ENV = (
    "COLUMNS",
    "ROWS",
    "TEXTUAL_FPS",
    "TEXTUAL_COLOR_SYSTEM",
    "TERM_PROGRAM",
    "TERM_PROGRAM_VERSION",
    "BINOME_VERROU_SECONDES",
)


def preloader_environment(base: dict[str, str]) -> dict[str, str]:
    from importlib.metadata import version

    return {
        **base,
        "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
        "TEXTUAL_FPS": "60",
        "TEXTUAL_COLOR_SYSTEM": "truecolor",
        "TERM_PROGRAM": "textual",
        "TERM_PROGRAM_VERSION": version("textual-serve"),
    }


def client(socket_path: str, db_path: str) -> None:
    """textual-serve's command: have the preloader start this tab's app, wait for its end."""
    env = {name: os.environ[name] for name in SESSION_ENV if name in os.environ}
    try:
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        conn.connect(socket_path)
        socket.send_fds(conn, [json.dumps(env).encode()], [0, 1, 2])
    except OSError:
        fallback = [sys.executable, "-m", "tui.cli_serve", "--session", db_path]
        os.execv(sys.executable, fallback)
    # The session child holds the other end until it exits, then sends its return code.
    data = b""
    while chunk := conn.recv(16):
        data += chunk
    os._exit(int(data) if data.strip().isdigit() else 1)


def preloader(socket_path: str, db_path: str) -> None:
    """Import everything once, then fork one session per client. Ends when its standard
    input (a pipe from ``binome serve``) closes."""
    import textual.drivers.web_driver  # noqa: F401 - imported once, shared by every session

    import tui.app  # noqa: F401
    from tui.session import run_signed_in

    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # sessions are reaped by the kernel
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # ctrl+c on the server: it stops us
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(socket_path)
    os.chmod(socket_path, 0o600)
    server.listen(64)
    print("ready", flush=True)
    selector = selectors.DefaultSelector()
    selector.register(server, selectors.EVENT_READ)
    selector.register(sys.stdin, selectors.EVENT_READ)
    stdin = sys.stdin.fileno()
    while True:
        for key, _ in selector.select():
            if key.fileobj is sys.stdin:
                if not os.read(stdin, 1024):
                    server.close()
                    os.unlink(socket_path)
                    return
                continue
            conn, _ = server.accept()
            try:
                message, fds, _, _ = socket.recv_fds(conn, 65536, 3)
                env = json.loads(message or b"{}")
            except (OSError, ValueError):
                conn.close()
                continue
            if len(fds) != 3:
                for fd in fds:
                    os.close(fd)
                conn.close()
                continue
            sys.stdout.flush()
            sys.stderr.flush()
            if os.fork() == 0:  # the session
                code = 1
                try:
                    selector.close()
                    server.close()
                    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                    signal.signal(signal.SIGINT, signal.SIG_DFL)
                    # Each session its own random state (the busy-base backoff's jitter must
                    # not be the same in every tab forked from here).
                    random.seed()
                    for target, fd in enumerate(fds):
                        os.dup2(fd, target)
                        os.close(fd)
                    os.environ.update({k: str(v) for k, v in env.items() if k in SESSION_ENV})
                    code = run_signed_in(db_path)
                except BaseException:
                    import traceback

                    traceback.print_exc()
                finally:
                    try:
                        conn.sendall(str(code).encode())
                    finally:
                        os._exit(code)
            for fd in fds:
                os.close(fd)
            conn.close()


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "client":
        client(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 4 and sys.argv[1] == "preload":
        preloader(sys.argv[2], sys.argv[3])
    else:
        raise SystemExit("usage : python -m tui.preload client|preload SOCKET BASE")
