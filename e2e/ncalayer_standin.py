"""A stand-in NCALayer for the browser journeys: a WebSocket server on loopback speaking NCALayer's
commonUtils protocol, signing with a test key (kelisim_app/tests/signing_ca.py makes it). No dependency but
`cryptography` (the bench's Python has it); plain ws:// (the desk's URL is overridden for the test browser).

    python e2e/ncalayer_standin.py KEY.pem CERT.pem CHAIN.pem [--cancel]

Prints "port N" once listening (port 0: the system picks a free one), then answers:
  on connect                       {"result": {"version": "1.4"}}
  getActiveTokens                  {"code": "200", "responseObject": []}
  createCAdESFromBase64(storage, "SIGNATURE", b64, false)
                                   {"code": "200", "responseObject": <detached CMS, base64>}
                                   (--cancel: {"code": "500", "message": "action.canceled"}, as when the
                                   user closes NCALayer's PIN dialog)
"""

from __future__ import annotations

import base64
import hashlib
import json
import socket
import struct
import sys
import threading

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs7

GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


def read_frame(conn) -> tuple[int, bytes] | None:
	head = conn.recv(2, socket.MSG_WAITALL)
	if len(head) < 2:
		return None
	opcode, length = head[0] & 0x0F, head[1] & 0x7F
	if length == 126:
		length = struct.unpack(">H", conn.recv(2, socket.MSG_WAITALL))[0]
	elif length == 127:
		length = struct.unpack(">Q", conn.recv(8, socket.MSG_WAITALL))[0]
	mask = conn.recv(4, socket.MSG_WAITALL) if head[1] & 0x80 else b"\0\0\0\0"
	data = bytearray(conn.recv(length, socket.MSG_WAITALL)) if length else bytearray()
	for i in range(len(data)):
		data[i] ^= mask[i % 4]
	return opcode, bytes(data)


def send_text(conn, text: str) -> None:
	data = text.encode()
	if len(data) < 126:
		header = struct.pack(">BB", 0x81, len(data))
	elif len(data) < 65536:
		header = struct.pack(">BBH", 0x81, 126, len(data))
	else:
		header = struct.pack(">BBQ", 0x81, 127, len(data))
	conn.sendall(header + data)


class StandIn:
	def __init__(self, key_pem: bytes, cert_pem: bytes, chain_pem: bytes, cancel: bool = False):
		self.key = serialization.load_pem_private_key(key_pem, None)
		self.cert = x509.load_pem_x509_certificate(cert_pem)
		self.chain = x509.load_pem_x509_certificates(chain_pem) if chain_pem.strip() else []
		self.cancel = cancel

	def sign(self, b64: str) -> str:
		builder = pkcs7.PKCS7SignatureBuilder().set_data(base64.b64decode(b64))
		builder = builder.add_signer(self.cert, self.key, hashes.SHA256())
		for cert in self.chain:
			builder = builder.add_certificate(cert)
		der = builder.sign(
			serialization.Encoding.DER, [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.Binary]
		)
		return base64.b64encode(der).decode()

	def answer(self, request: dict) -> dict:
		method, args = request.get("method"), request.get("args") or []
		if request.get("module") != "kz.gov.pki.knca.commonUtils":
			return {"code": "500", "message": "module.not.found"}
		if method == "getActiveTokens":
			return {"code": "200", "responseObject": []}
		if method == "createCAdESFromBase64":
			if self.cancel:
				return {"code": "500", "message": "action.canceled"}
			return {"code": "200", "responseObject": self.sign(args[2])}
		return {"code": "500", "message": "method.not.found"}

	def serve(self, conn) -> None:
		with conn:
			request = b""
			while b"\r\n\r\n" not in request:
				chunk = conn.recv(4096)
				if not chunk:
					return
				request += chunk
			headers = dict(
				line.split(": ", 1) for line in request.decode("latin-1").split("\r\n")[1:] if ": " in line
			)
			key = {k.lower(): v for k, v in headers.items()}.get("sec-websocket-key", "")
			accept = base64.b64encode(hashlib.sha1((key + GUID).encode()).digest()).decode()
			conn.sendall(
				(
					"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
					f"Sec-WebSocket-Accept: {accept}\r\n\r\n"
				).encode()
			)
			send_text(conn, json.dumps({"result": {"version": "1.4"}}))
			while True:
				frame = read_frame(conn)
				if frame is None or frame[0] == 0x8:
					return
				if frame[0] == 0x1:
					print("request", frame[1][:120], flush=True)
					send_text(conn, json.dumps(self.answer(json.loads(frame[1]))))


def main() -> None:
	key, cert, chain = (open(p, "rb").read() for p in sys.argv[1:4])
	stand_in = StandIn(key, cert, chain, "--cancel" in sys.argv)
	server = socket.socket()
	server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
	server.bind(("127.0.0.1", 0))
	server.listen(4)
	print(f"port {server.getsockname()[1]}", flush=True)
	while True:
		conn, _addr = server.accept()
		threading.Thread(target=stand_in.serve, args=(conn,), daemon=True).start()


if __name__ == "__main__":
	main()
