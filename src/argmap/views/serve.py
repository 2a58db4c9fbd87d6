"""`argmap serve`: the map's page on a local web server that follows the file as it changes.

One thread watches the file (its size, modification time and, when those move, its hash) at
a modest interval and rebuilds the page when the content changes. Open pages hold one
server-sent-events stream each and hear the new version or the error at once, so the browser
never polls. A broken file keeps the last good page and sends the located error, which the
page shows on top until the file is fixed.

Only two paths exist: ``/`` (the page) and ``/events`` (the stream); anything else is a 404,
so there is no directory listing and no way to reach another file. The server binds to
127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import hashlib
import json
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from argmap.errors import MapError

POLL_SECONDS = 0.4
KEEPALIVE_SECONDS = 15.0
LOOPBACK = ("127.0.0.1", "localhost", "::1")


class Preview:
    """The current page (the last good one) and the current error, for every request thread."""

    def __init__(
        self,
        path: Path | None,
        *,
        semantics: str | None = None,
        gradual: str | None = None,
        fmt: str | None = None,
    ) -> None:
        from argmap.files import bundled_map_path

        self.path = path if path is not None else bundled_map_path()
        self.options: dict[str, Any] = {"semantics": semantics, "gradual": gradual}
        self.fmt = fmt
        self.version = 0
        self.error: str | None = None
        self.page = b""
        self.changed = threading.Condition()
        self.stopping = threading.Event()
        self._seen: tuple[int, int] | None = None
        self._digest: bytes | None = None
        self.refresh(force=True)

    def state(self) -> dict[str, Any]:
        return {"version": self.version, "error": self.error}

    def _build(self, text: str) -> bytes:
        from argmap.formats import parse
        from argmap.views.html import build_page

        amap = parse(text, path=str(self.path), fmt=self.fmt)
        live = {"events": "/events", "version": self.version + 1}
        return build_page(amap, live=live, **self.options).encode("utf-8")

    def refresh(self, *, force: bool = False) -> bool:
        """Rebuild if the file changed; True when something (page or error) did."""
        try:
            stat = self.path.stat()
            seen: tuple[int, int] | None = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            seen = None
        if seen == self._seen and not force:
            return False
        self._seen = seen
        try:
            from argmap.files import decode, read_bytes

            data = read_bytes(self.path)
            digest = hashlib.sha256(data).digest()
            if digest == self._digest and not force:
                return False
            self._digest = digest
            page, error = self._build(decode(data, str(self.path))), None
        except MapError as problem:
            page, error = None, str(problem)
        with self.changed:
            if page is not None:
                self.page, self.version = page, self.version + 1
            elif not self.page:  # nothing good yet: an empty page to show the error on
                self.page, self.version = self._empty_page(), self.version + 1
            self.error = error
            self.changed.notify_all()
        return True

    def _empty_page(self) -> bytes:
        from argmap.model import ArgumentMap
        from argmap.views.html import build_page

        live = {"events": "/events", "version": self.version + 1}
        return build_page(ArgumentMap(), live=live).encode("utf-8")

    def watch(self, interval: float = POLL_SECONDS) -> None:
        """Poll the file until `stopping` is set (run in its own thread)."""
        while not self.stopping.wait(interval):
            self.refresh()

    def wait_for_change(self, seen: dict[str, Any], timeout: float) -> dict[str, Any]:
        with self.changed:
            self.changed.wait_for(lambda: self.state() != seen or self.stopping.is_set(), timeout)
            return self.state()


class _Handler(BaseHTTPRequestHandler):
    preview: Preview
    server_version = "argmap"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: a preview is not a web server's access log."""

    def do_HEAD(self) -> None:
        self.do_GET(body=False)

    def do_GET(self, body: bool = True) -> None:
        route = self.path.split("?", 1)[0]
        if route in ("/", "/index.html"):
            self._send_page(body)
        elif route == "/events" and body:
            self._stream()
        else:
            self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain; charset=utf-8", body)

    def _send(self, status: HTTPStatus, data: bytes, content_type: str, body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _send_page(self, body: bool) -> None:
        with self.preview.changed:
            page = self.preview.page
        self._send(HTTPStatus.OK, page, "text/html; charset=utf-8", body)

    def _stream(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        preview = self.preview
        with preview.changed:
            state = preview.state()
        try:
            self._event(state)
            while not preview.stopping.is_set():
                news = preview.wait_for_change(state, KEEPALIVE_SECONDS)
                if news == state:
                    self.wfile.write(b": keep-alive\n\n")
                else:
                    state = news
                    self._event(state)
                self.wfile.flush()
        except OSError:  # the page went away
            return

    def _event(self, state: dict[str, Any]) -> None:
        self.wfile.write(b"event: state\ndata: " + json.dumps(state).encode("utf-8") + b"\n\n")
        self.wfile.flush()


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def make_server(preview: Preview, host: str = "127.0.0.1", port: int = 8000) -> PreviewServer:
    """A server for ``preview`` (not yet serving); port 0 picks a free one."""
    handler = type("PreviewHandler", (_Handler,), {"preview": preview})
    try:
        return PreviewServer((host, port), handler)
    except OSError as error:
        raise MapError(
            f"cannot listen on {host}:{port}: {error.strerror or error}",
            hint="choose another port with --port N (0 picks a free one)",
        ) from None


def url_of(server: PreviewServer) -> str:
    host, port = server.server_address[:2]
    name = host.decode() if isinstance(host, bytes) else str(host)
    shown = f"[{name}]" if ":" in name else name
    return f"http://{shown}:{port}/"


def serve(
    path: Path | None,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    open_browser: bool = False,
    semantics: str | None = None,
    gradual: str | None = None,
    fmt: str | None = None,
) -> None:
    """Serve the page of the map at ``path`` until Ctrl-C; the page follows the file."""
    if host not in LOOPBACK:
        # printed now, not collected like a reader's warnings: the server runs until Ctrl-C
        print(
            f"argmap: warning: serving on {host}: anyone who can reach this machine on port {port} "
            "can read the map",
            file=sys.stderr,
            flush=True,
        )
    preview = Preview(path, semantics=semantics, gradual=gradual, fmt=fmt)
    server = make_server(preview, host, port)
    watcher = threading.Thread(target=preview.watch, name="argmap-watch", daemon=True)
    watcher.start()
    url = url_of(server)
    print(f"Serving {preview.path} at {url} (Ctrl-C to stop)", file=sys.stderr, flush=True)
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
    finally:
        stop(preview, server)


def stop(preview: Preview, server: PreviewServer) -> None:
    """End the watcher and every open event stream, and close the socket."""
    preview.stopping.set()
    with preview.changed:
        preview.changed.notify_all()
    server.server_close()
