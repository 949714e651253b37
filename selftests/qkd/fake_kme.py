#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# A deliberately wrong KME for selftests/qkd/client.sh: it answers ETSI GS
# QKD 014 requests, over mutual TLS like kpsec-kme, with the replies that
# kpsec-kme cannot be made to give, so that the client's own checks are
# reached:
#
#   foreign-id       dec_keys: the keys asked, but the first under another key_ID
#   enc-truncated    enc_keys: a key container cut in half (status is fine)
#   dup-id           enc_keys: every key under the same key_ID
#   status-mistyped  status: key_size as a string
#   wrong-slave      status: another slave_SAE_ID than the one in the path
#   http-500         every route: HTTP 500 with an Error message
#
# Usage: fake_kme.py MODE CA CERT KEY READY_FILE
# Listens on 127.0.0.1, a port of the kernel's choice, which it writes to
# READY_FILE once listening.
import base64
import http.server
import json
import os
import ssl
import sys
import uuid

MODE, CA, CERT, KEY, READY = sys.argv[1:6]
KEY_BITS = 256


def status(slave):
    return {
        "source_KME_ID": "FAKE-A", "target_KME_ID": "FAKE-B",
        "master_SAE_ID": "sae-1",
        "slave_SAE_ID": "someone-else" if MODE == "wrong-slave" else slave,
        "key_size": str(KEY_BITS) if MODE == "status-mistyped" else KEY_BITS,
        "stored_key_count": 100, "max_key_count": 1000,
        "max_key_per_request": 10, "max_key_size": 1024, "min_key_size": 64,
        "max_SAE_ID_count": 0,
    }


def key():
    return base64.b64encode(os.urandom(KEY_BITS // 8)).decode()


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, code, body):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def route(self):
        parts = self.path.split("/")
        # "", "api", "v1", "keys", SAE, ROUTE
        if len(parts) != 6 or parts[1:4] != ["api", "v1", "keys"]:
            return None, None
        return parts[4], parts[5]

    def do_GET(self):
        sae, route = self.route()
        if MODE == "http-500":
            return self.reply(500, {"message": "the fake KME broke"})
        if route == "status":
            return self.reply(200, status(sae))
        self.reply(404, {"message": "no such route"})

    def do_POST(self):
        sae, route = self.route()
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        if MODE == "http-500":
            return self.reply(500, {"message": "the fake KME broke"})
        if route == "enc_keys":
            n = body.get("number", 1)
            if MODE == "dup-id":
                same = str(uuid.uuid4())
                keys = [{"key_ID": same, "key": key()} for _ in range(n)]
            else:
                keys = [{"key_ID": str(uuid.uuid4()), "key": key()} for _ in range(n)]
            data = json.dumps({"keys": keys}).encode()
            if MODE == "enc-truncated":
                data = data[: len(data) // 2]
            return self.reply(200, data)
        if route == "dec_keys":
            ids = [k["key_ID"] for k in body["key_IDs"]]
            if MODE == "foreign-id":
                ids[0] = str(uuid.uuid4())
            return self.reply(200, {"keys": [{"key_ID": i, "key": key()} for i in ids]})
        self.reply(404, {"message": "no such route"})


ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(CERT, KEY)
ctx.load_verify_locations(CA)
ctx.verify_mode = ssl.CERT_REQUIRED
server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
server.socket = ctx.wrap_socket(server.socket, server_side=True)
with open(READY + ".tmp", "w") as f:
    f.write("%d\n" % server.server_address[1])
os.rename(READY + ".tmp", READY)
server.serve_forever()
