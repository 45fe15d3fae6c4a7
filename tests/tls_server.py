"""A local HTTPS server the bank client must refuse, for the TLS tests: `self-signed` (TLS 1.2+
with a certificate no authority signed) or `tls1.1` (only TLS 1.1). Prints its port, then one
line per connection: `accepted` (the client went on) or `refused: <reason>`."""

import os
import warnings
import socket
import ssl
import subprocess
import sys
import tempfile

warnings.simplefilter("ignore", DeprecationWarning)
mode = sys.argv[1]
folder = tempfile.mkdtemp()
key, cert = os.path.join(folder, "key.pem"), os.path.join(folder, "cert.pem")
subprocess.run(
    ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
     "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
    check=True, capture_output=True,
)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(cert, key)
if mode == "tls1.1":
    context.minimum_version = context.maximum_version = ssl.TLSVersion.TLSv1_1
    context.set_ciphers("DEFAULT:@SECLEVEL=0")
else:
    context.minimum_version = ssl.TLSVersion.TLSv1_2

server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen()
print(server.getsockname()[1], flush=True)
while True:
    conn, _ = server.accept()
    try:
        tls = context.wrap_socket(conn, server_side=True)
        print("accepted", flush=True)
        tls.recv(65536)
        tls.sendall(b'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}')
        tls.close()
    except (ssl.SSLError, OSError) as e:
        print(f"refused: {e}", flush=True)
