#!/usr/bin/env python3
"""Loopback HTTP server for the `vigil update` download tests.

Serves the files of ROOT at /<path> on 127.0.0.1 (port chosen by the
kernel, written to PORTFILE once listening) and logs one line per request
to LOG: "<path> <status> inm=<If-None-Match or -> ims=<If-Modified-Since or ->".

Responses carry an ETag (a digest of the content) and a Last-Modified (the
file's mtime) and answer conditional requests with 304.  Marker files next
to a served file change how it is answered, so one URL can succeed in one
run and fail in the next:
    NAME.status    its content is the status code to answer (e.g. 404, 503)
    NAME.truncate  announce a Content-Length larger than the body, then close
    NAME.slow      wait 30 s before answering (longer than any test timeout)
    NAME.flaky     answer 503 while the number in the file is above 0,
                   decrementing it on each request
"""
import email.utils
import hashlib
import http.server
import os
import socketserver
import sys
import threading
import time


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    root = "."
    log_path = None
    lock = threading.Lock()

    def log_message(self, fmt, *args):  # quiet: the request log is ours
        pass

    def record(self, status):
        inm = self.headers.get("If-None-Match") or "-"
        ims = self.headers.get("If-Modified-Since") or "-"
        with self.lock, open(self.log_path, "a") as log:
            log.write(f"{self.path} {status} inm={inm} ims={ims}\n")

    def marker(self, path, kind):
        return os.path.exists(f"{path}.{kind}")

    def simple(self, status):
        self.record(status)
        body = f"{status}\n".encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def flaky(self, path):
        with self.lock:
            name = f"{path}.flaky"
            left = int(open(name).read().strip() or 0)
            if left <= 0:
                return False
            open(name, "w").write(str(left - 1))
        return True

    def do_GET(self):
        rel = self.path.split("?", 1)[0].lstrip("/")
        path = os.path.normpath(os.path.join(self.root, rel))
        if not path.startswith(self.root) or not os.path.isfile(path):
            return self.simple(404)
        if self.marker(path, "status"):
            return self.simple(int(open(f"{path}.status").read().strip()))
        if self.marker(path, "flaky") and self.flaky(path):
            return self.simple(503)
        if self.marker(path, "slow"):
            time.sleep(30)
        with open(path, "rb") as f:
            body = f.read()
        etag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
        modified = email.utils.formatdate(os.path.getmtime(path), usegmt=True)
        if self.headers.get("If-None-Match") == etag:
            self.record(304)
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        truncate = self.marker(path, "truncate")
        self.record(200)
        self.send_response(200)
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", modified)
        self.send_header("Content-Length", str(len(body) + (4096 if truncate else 0)))
        if truncate:
            self.send_header("Connection", "close")
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass
        if truncate:
            self.close_connection = True


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        # Clients that give up (timeouts, size ceilings) are part of the test.
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


def main():
    root, log_path, port_file = sys.argv[1:4]
    Handler.root = os.path.realpath(root)
    Handler.log_path = log_path
    server = Server(("127.0.0.1", 0), Handler)
    with open(port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(port_file + ".tmp", port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
