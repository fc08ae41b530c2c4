"""A stand-in for Telegram's Bot API, served on loopback over real HTTP (stdlib only, no Frappe).

It speaks the Bot API's JSON for the methods the app uses (`getMe`, `sendMessage`, `getUpdates`,
`setWebhook`): `{"ok": true, "result": …}`, or `{"ok": false, "error_code": …, "description": …}` with
HTTP 401 (wrong token), 400 (bad request), 403 ("Forbidden: bot was blocked by the user") and 429 (with
`parameters.retry_after`). Tests script it: block a chat, throttle a chat N times, queue an update.

In-process (layer-2 tests):   bot = FakeBotApi(token).start(); …; bot.stop()
As a process (browser journey): python3 fake_telegram.py --port 9221 --token T  (control over HTTP:
POST /_fake/update {"chat_id", "text", "username"}, POST /_fake/block {"chat_id"},
POST /_fake/throttle {"chat_id", "times", "retry_after"}, GET /_fake/sent, POST /_fake/reset)
"""

from __future__ import annotations

import argparse
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BOT_USERNAME = "kelisim_test_bot"


class FakeBotApi:
	def __init__(self, token: str, host: str = "127.0.0.1", port: int = 0, username: str = BOT_USERNAME):
		self.token = token
		self.username = username
		self.lock = threading.Lock()
		self.reset()
		self.server = ThreadingHTTPServer((host, port), self._handler())
		self.server.daemon_threads = True
		self.thread: threading.Thread | None = None

	# ------------------------------------------------------------------ scripting
	def reset(self) -> None:
		with getattr(self, "lock", threading.Lock()):
			self.calls: list[dict] = []  # every API call: {"method", "payload", "status", "at"}
			self.sent: list[dict] = []  # messages accepted by sendMessage
			self.blocked: set[str] = set()
			self.throttle: dict[str, list[float]] = {}
			self.updates: list[dict] = []
			self.webhook: dict = {}
			self.next_update_id = 1000
			self.next_message_id = 1

	def block(self, chat_id) -> None:
		with self.lock:
			self.blocked.add(str(chat_id))

	def throttle_chat(self, chat_id, times: int = 1, retry_after: float = 1) -> None:
		with self.lock:
			self.throttle.setdefault(str(chat_id), []).extend([retry_after] * times)

	def add_update(self, chat_id, text: str, username: str = "tester") -> dict:
		with self.lock:
			update = {
				"update_id": self.next_update_id,
				"message": {
					"message_id": self.next_update_id,
					"date": int(time.time()),
					"chat": {"id": int(chat_id), "type": "private", "username": username},
					"from": {"id": int(chat_id), "is_bot": False, "first_name": "T", "username": username},
					"text": text,
				},
			}
			self.next_update_id += 1
			self.updates.append(update)
			return update

	def messages_to(self, chat_id) -> list[dict]:
		return [m for m in self.sent if str(m.get("chat_id")) == str(chat_id)]

	@property
	def url(self) -> str:
		host, port = self.server.server_address[:2]
		return f"http://{host}:{port}"

	def start(self) -> FakeBotApi:
		self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
		self.thread.start()
		return self

	def stop(self) -> None:
		self.server.shutdown()
		self.server.server_close()

	# ------------------------------------------------------------------ the API
	def answer(self, method: str, payload: dict) -> tuple[int, dict]:
		with self.lock:
			status, body = self._answer(method, payload)
			self.calls.append({"method": method, "payload": payload, "status": status, "at": time.time()})
			return status, body

	def _answer(self, method: str, payload: dict) -> tuple[int, dict]:
		if method == "getMe":
			return 200, ok({"id": 42, "is_bot": True, "first_name": "Kelisim", "username": self.username})
		if method == "sendMessage":
			chat = str(payload.get("chat_id") or "")
			if not chat or not payload.get("text"):
				return 400, error(400, "Bad Request: message text is empty")
			if chat in self.blocked:
				return 403, error(403, "Forbidden: bot was blocked by the user")
			pending = self.throttle.get(chat)
			if pending:
				wait = pending.pop(0)
				return 429, {
					**error(429, f"Too Many Requests: retry after {int(wait)}"),
					"parameters": {"retry_after": wait},
				}
			message = {
				"message_id": self.next_message_id,
				"chat_id": chat,
				"text": payload["text"],
				"parse_mode": payload.get("parse_mode"),
				"at": time.time(),
			}
			self.next_message_id += 1
			self.sent.append(message)
			return 200, ok(
				{"message_id": message["message_id"], "chat": {"id": int(chat)}, "text": payload["text"]}
			)
		if method == "getUpdates":
			offset = int(payload.get("offset") or 0)
			self.updates = [u for u in self.updates if u["update_id"] >= offset]
			return 200, ok(list(self.updates))
		if method == "setWebhook":
			self.webhook = {"url": payload.get("url"), "secret_token": payload.get("secret_token")}
			return 200, ok(True)
		return 404, error(404, "Not Found: method not found")

	def _handler(self):
		fake = self

		class Handler(BaseHTTPRequestHandler):
			def log_message(self, *args):  # quiet
				pass

			def _json(self, status: int, body) -> None:
				data = json.dumps(body).encode()
				self.send_response(status)
				self.send_header("Content-Type", "application/json")
				self.send_header("Content-Length", str(len(data)))
				self.end_headers()
				self.wfile.write(data)

			def _body(self) -> dict:
				length = int(self.headers.get("Content-Length") or 0)
				raw = self.rfile.read(length) if length else b""
				try:
					return json.loads(raw or b"{}")
				except ValueError:
					return {}

			def do_GET(self):
				if self.path.startswith("/_fake/sent"):
					return self._json(200, {"sent": fake.sent, "calls": fake.calls, "webhook": fake.webhook})
				return self._api(self.path, {})

			def do_POST(self):
				body = self._body()
				if self.path.startswith("/_fake/"):
					return self._control(self.path[len("/_fake/") :], body)
				return self._api(self.path, body)

			def _control(self, what: str, body: dict):
				if what == "reset":
					fake.reset()
				elif what == "block":
					fake.block(body["chat_id"])
				elif what == "throttle":
					fake.throttle_chat(
						body["chat_id"], int(body.get("times", 1)), float(body.get("retry_after", 1))
					)
				elif what == "update":
					return self._json(
						200, fake.add_update(body["chat_id"], body["text"], body.get("username", "tester"))
					)
				else:
					return self._json(404, {"ok": False})
				return self._json(200, {"ok": True})

			def _api(self, path: str, body: dict):
				parts = path.strip("/").split("/")
				if len(parts) != 2 or not parts[0].startswith("bot"):
					return self._json(404, error(404, "Not Found"))
				if parts[0][3:] != fake.token:
					return self._json(401, error(401, "Unauthorized"))
				status, answer = fake.answer(parts[1].split("?")[0], body)
				return self._json(status, answer)

		return Handler


def ok(result) -> dict:
	return {"ok": True, "result": result}


def error(code: int, description: str) -> dict:
	return {"ok": False, "error_code": code, "description": description}


def main() -> None:
	parser = argparse.ArgumentParser(description=__doc__)
	parser.add_argument("--port", type=int, required=True)
	parser.add_argument("--token", required=True)
	parser.add_argument("--username", default=BOT_USERNAME)
	args = parser.parse_args()
	bot = FakeBotApi(args.token, port=args.port, username=args.username)
	print(f"fake Bot API on {bot.url}", flush=True)
	try:
		bot.server.serve_forever()
	except KeyboardInterrupt:
		pass


if __name__ == "__main__":
	main()
