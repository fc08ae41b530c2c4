# Shared settings and helpers for dev/up, dev/down and dev/test.  Source it, don't run it.
# shellcheck shell=bash
# Every value can be overridden from the environment.

KELISIM_REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
: "${KELISIM_BENCH:=/opt/kelisim/frappe-bench}"      # the bench (outside the repository)
: "${KELISIM_SITE:=kelisim.localhost}"               # the demo / development site
: "${KELISIM_TEST_SITE:=kelisim-test.localhost}"     # throwaway site of the test command
: "${KELISIM_ADMIN_PASSWORD:=admin}"                 # Administrator password of both sites (dev only)
: "${KELISIM_DB_HOST:=127.0.0.1}"
: "${KELISIM_DB_PORT:=3306}"
: "${KELISIM_DB_ROOT_USER:=kelisim_dbadmin}"         # a MariaDB admin with a password (Frappe prompts otherwise)
: "${KELISIM_DB_ROOT_PASSWORD:=kelisim-dev-db}"
: "${KELISIM_FRAPPE_BRANCH:=version-15}"
: "${KELISIM_FRAPPE_PATH:=}"                          # offline mode: a local Frappe v15 checkout
: "${KELISIM_HTTP_PORT:=8000}"
: "${KELISIM_TEST_HTTP_PORT:=8100}"                  # web server of the throwaway test site (PDF, browser)
export KELISIM_REPO KELISIM_BENCH KELISIM_SITE KELISIM_TEST_SITE KELISIM_ADMIN_PASSWORD \
	KELISIM_DB_HOST KELISIM_DB_PORT KELISIM_DB_ROOT_USER KELISIM_DB_ROOT_PASSWORD \
	KELISIM_FRAPPE_BRANCH KELISIM_FRAPPE_PATH KELISIM_HTTP_PORT KELISIM_TEST_HTTP_PORT

# pip --user / pipx put `bench` in ~/.local/bin, which a non-login shell (CI) may not have on its PATH.
case ":$PATH:" in *":$HOME/.local/bin:"*) ;; *) export PATH="$HOME/.local/bin:$PATH" ;; esac

kls_log() { printf '\033[1;34m[kelisim]\033[0m %s\n' "$*"; }
kls_warn() { printf '\033[1;33m[kelisim]\033[0m %s\n' "$*" >&2; }
kls_die() { printf '\033[1;31m[kelisim]\033[0m %s\n' "$*" >&2; exit 1; }

# bench refuses to run as root unless the bench names a frappe_user; as root we keep that user root.
kls_bench() { (cd "$KELISIM_BENCH" && bench "$@"); }

kls_bench_exists() { [ -f "$KELISIM_BENCH/sites/common_site_config.json" ] && [ -d "$KELISIM_BENCH/apps/frappe" ]; }

kls_mysql_root() {
	# Root over the socket first (fresh Debian: unix_socket auth), then the admin user.
	if mysql -uroot -e 'SELECT 1' >/dev/null 2>&1; then
		mysql -uroot "$@"
	else
		mysql -h"$KELISIM_DB_HOST" -P"$KELISIM_DB_PORT" -u"$KELISIM_DB_ROOT_USER" -p"$KELISIM_DB_ROOT_PASSWORD" "$@"
	fi
}

# Frappe requires utf8mb4 / utf8mb4_unicode_ci; applied at runtime (idempotent) and, where the server
# reads a conf.d folder, persisted for restarts.
kls_ensure_db_settings() {
	kls_mysql_root -e "SET GLOBAL character_set_server='utf8mb4'; SET GLOBAL collation_server='utf8mb4_unicode_ci';" \
		|| kls_die "cannot reach MariaDB as root or as $KELISIM_DB_ROOT_USER"
	for d in /etc/mysql/mariadb.conf.d /etc/mysql/conf.d; do
		if [ -d "$d" ] && [ -w "$d" ]; then
			printf '[mysqld]\ncharacter-set-client-handshake = FALSE\ncharacter-set-server = utf8mb4\ncollation-server = utf8mb4_unicode_ci\n\n[mysql]\ndefault-character-set = utf8mb4\n' \
				> "$d/99-kelisim-frappe.cnf"
			break
		fi
	done
	local u="$KELISIM_DB_ROOT_USER" p="$KELISIM_DB_ROOT_PASSWORD"
	kls_mysql_root -e "CREATE USER IF NOT EXISTS '$u'@'localhost' IDENTIFIED BY '$p';
		CREATE USER IF NOT EXISTS '$u'@'127.0.0.1' IDENTIFIED BY '$p';
		ALTER USER '$u'@'localhost' IDENTIFIED BY '$p'; ALTER USER '$u'@'127.0.0.1' IDENTIFIED BY '$p';
		GRANT ALL PRIVILEGES ON *.* TO '$u'@'localhost' WITH GRANT OPTION;
		GRANT ALL PRIVILEGES ON *.* TO '$u'@'127.0.0.1' WITH GRANT OPTION; FLUSH PRIVILEGES;" \
		|| kls_die "cannot create the MariaDB admin user $u"
}

# The app in the bench is this checkout: apps/kelisim_app is a symlink to it, installed editable.
kls_link_app() {
	local target="$KELISIM_BENCH/apps/kelisim_app"
	if [ -e "$target" ] && [ ! -L "$target" ]; then
		kls_die "$target is a real directory (bench get-app?); move it away so the bench can use this checkout"
	fi
	if [ "$(readlink -f "$target" 2>/dev/null)" != "$KELISIM_REPO" ]; then
		ln -sfn "$KELISIM_REPO" "$target"
		kls_log "apps/kelisim_app -> $KELISIM_REPO"
	fi
	# the desk loads the app's public files through sites/assets/kelisim_app (made by `bench build` with the
	# path of the checkout it saw): point it at this checkout too
	local assets="$KELISIM_BENCH/sites/assets/kelisim_app"
	if [ -d "$KELISIM_BENCH/sites/assets" ] && [ "$(readlink -f "$assets" 2>/dev/null)" != "$KELISIM_REPO/kelisim_app/public" ]; then
		[ -e "$assets" ] && [ ! -L "$assets" ] && rm -rf "$assets"
		ln -sfn "$KELISIM_REPO/kelisim_app/public" "$assets"
	fi
	local apps="$KELISIM_BENCH/sites/apps.txt"
	if ! grep -qx kelisim_app "$apps"; then
		[ -s "$apps" ] && [ "$(tail -c1 "$apps")" != "" ] && echo >> "$apps"
		echo kelisim_app >> "$apps"
	fi
	local py="$KELISIM_BENCH/env/bin/python"
	# installed (again) when the bench imports the app from elsewhere, or when pyproject.toml declares
	# dependencies the installed metadata does not have yet (a bench made before they were added)
	if ! (cd / && "$py" - "$KELISIM_REPO") <<'PY' >/dev/null 2>&1
import os, re, sys, importlib.metadata, kelisim_app
if os.path.realpath(os.path.dirname(kelisim_app.__file__)) != os.path.realpath(os.path.join(sys.argv[1], "kelisim_app")):
	sys.exit(1)
text = open(os.path.join(sys.argv[1], "pyproject.toml"), encoding="utf-8").read()
block = re.search(r"^dependencies = \[(.*?)^\]", text, re.S | re.M)
declared = {re.sub(r"\s", "", d) for d in re.findall(r'^\s*"([^"]+)"', block.group(1), re.M)} if block else set()
installed = {re.sub(r"\s", "", r) for r in (importlib.metadata.requires("kelisim_app") or [])}
sys.exit(0 if declared <= installed else 1)
PY
	then
		if command -v uv >/dev/null 2>&1; then
			uv pip install --quiet --python "$py" -e "$KELISIM_REPO"
		else
			"$py" -m pip install --quiet -e "$KELISIM_REPO"
		fi
	fi
}

kls_ensure_hosts() {
	local name="$1"
	getent hosts "$name" >/dev/null 2>&1 && return 0
	if [ -w /etc/hosts ]; then echo "127.0.0.1 $name" >> /etc/hosts; else kls_warn "add '127.0.0.1 $name' to /etc/hosts"; fi
}

# bench's progress bars ("Updating DocTypes ... [===  ] 42%", redrawn with \r) flood logs: drop them.
kls_without_progress() {
	"$@" 2>&1 | tr '\r' '\n' | { grep --line-buffered -v -E '^Updating (DocTypes|Dashboard) for ' || true; }
	local rc=${PIPESTATUS[0]}
	return "$rc"
}

# Frappe names a site's database (and its Redis cache prefix) after the site's path, and keeps module maps
# in that cache: a site dropped and created again under the same name would start from the old app's
# module list. Clear that prefix.
kls_clear_site_cache() {
	local site="$1"
	(cd "$KELISIM_BENCH/sites" && "$KELISIM_BENCH/env/bin/python" - "$site" <<'PY'
import hashlib, json, os, sys

import redis

site = sys.argv[1]
prefix = "_" + hashlib.sha1(os.path.realpath(site).encode()).hexdigest()[:16]
conf = json.load(open("common_site_config.json"))
client = redis.from_url(conf.get("redis_cache") or "redis://127.0.0.1:13000")
keys = list(client.scan_iter(f"{prefix}|*", count=1000))
if keys:
	client.delete(*keys)
PY
	) || kls_warn "could not clear the Redis cache of $site"
}

kls_new_site() {
	local site="$1"
	kls_ensure_hosts "$site"
	kls_clear_site_cache "$site"
	kls_without_progress kls_bench new-site "$site" --db-host "$KELISIM_DB_HOST" --db-port "$KELISIM_DB_PORT" \
		--db-root-username "$KELISIM_DB_ROOT_USER" --db-root-password "$KELISIM_DB_ROOT_PASSWORD" \
		--admin-password "$KELISIM_ADMIN_PASSWORD" --install-app kelisim_app "${@:2}"
}

kls_drop_site() {
	local site="$1"
	[ -d "$KELISIM_BENCH/sites/$site" ] || return 0
	kls_bench drop-site "$site" --db-root-username "$KELISIM_DB_ROOT_USER" \
		--db-root-password "$KELISIM_DB_ROOT_PASSWORD" --no-backup --force
	kls_clear_site_cache "$site"
}

# ---- helpers of dev/up and dev/down ----

kls_is_root() { [ "$(id -u)" -eq 0 ]; }

# Runs a command as root: directly when we are root, else through sudo.
kls_sudo() {
	if kls_is_root; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo "$@"
	else
		kls_die "root is needed for: $* (run as root, or install and configure sudo)"
	fi
}

# Where dev/up records the process group of its detached `bench start`.
kls_pid_file() { printf '%s/.kelisim-up.pid\n' "$KELISIM_BENCH"; }

# Prints the pid (= process group id) of the `bench start` that dev/up started, if it still runs.
kls_up_pid() {
	local f pid
	f="$(kls_pid_file)"
	[ -f "$f" ] || return 1
	pid="$(tr -dc '0-9' < "$f")"
	[ -n "$pid" ] || return 1
	kls_group_running "$pid" || return 1
	printf '%s\n' "$pid"
}

# True while a process of process group $1 runs (zombies, which only wait to be reaped, do not count).
kls_group_running() {
	local stat rest state pgrp
	for stat in /proc/[0-9]*/stat; do
		{ read -r _ rest < "$stat"; } 2>/dev/null || continue
		rest="${rest##*) }"
		read -r state _ pgrp _ <<<"$rest"
		[ "$pgrp" = "$1" ] && [ "$state" != Z ] && return 0
	done
	return 1
}

# True when the bench's web server answers /api/method/ping for the site (port: $1 or KELISIM_HTTP_PORT).
kls_ping() {
	curl -sf -m 5 -H "Host: $KELISIM_SITE" "http://127.0.0.1:${1:-$KELISIM_HTTP_PORT}/api/method/ping" >/dev/null 2>&1
}

# Prints the pids of process group $1 and of all their descendants (honcho, which `bench start` runs,
# puts every Procfile process into a session of its own, so the group alone does not cover them).
kls_process_tree() {
	local group="$1" stat pid rest state ppid pgrp
	local -A children=()
	local queue=() seen=()
	for stat in /proc/[0-9]*/stat; do
		{ read -r pid rest < "$stat"; } 2>/dev/null || continue
		rest="${rest##*) }"   # drop "(comm) ": comm may hold spaces
		read -r state ppid pgrp _ <<<"$rest"
		: "$state"
		children[$ppid]+=" $pid"
		[ "$pgrp" != "$group" ] || queue+=("$pid")
	done
	while [ "${#queue[@]}" -gt 0 ]; do
		pid="${queue[0]}"
		queue=("${queue[@]:1}")
		case " ${seen[*]} " in *" $pid "*) continue ;; esac
		seen+=("$pid")
		# shellcheck disable=SC2206  # word splitting of the child list is intended
		queue+=(${children[$pid]:-})
	done
	[ "${#seen[@]}" -eq 0 ] || printf '%s\n' "${seen[@]}"
}

# ---- the test site's own web server (dev/test) ----
# wkhtmltopdf fetches a print's stylesheets and images from the site's URL, and the browser tests drive the
# desk over HTTP: the throwaway site gets a web server of its own (`bench serve`, one site, no reloader) on
# KELISIM_TEST_HTTP_PORT, and its host_name points there.  kls_test_server_stop ends it.
KLS_TEST_SERVER_PID=""

kls_test_server_start() {
	local site="$1" port="$KELISIM_TEST_HTTP_PORT" log="${2:-/dev/null}"
	kls_ensure_hosts "$site"
	kls_bench --site "$site" set-config host_name "http://$site:$port" >/dev/null || return 1
	if curl -s -o /dev/null -m 2 "http://127.0.0.1:$port/" 2>/dev/null; then
		kls_warn "port $port already answers: stop what runs there or set KELISIM_TEST_HTTP_PORT"
		return 1
	fi
	(cd "$KELISIM_BENCH/sites" && exec "$KELISIM_BENCH/env/bin/python" -m frappe.utils.bench_helper \
		frappe --site "$site" serve --port "$port" --noreload) >>"$log" 2>&1 &
	KLS_TEST_SERVER_PID=$!
	local end=$((SECONDS + 60))
	until curl -sf -m 5 -H "Host: $site" "http://127.0.0.1:$port/api/method/ping" >/dev/null 2>&1; do
		if [ "$SECONDS" -ge "$end" ] || ! kill -0 "$KLS_TEST_SERVER_PID" 2>/dev/null; then
			kls_warn "the test site's web server did not answer on port $port (see $log)"
			kls_test_server_stop
			return 1
		fi
		sleep 1
	done
}

kls_test_server_stop() {
	[ -n "$KLS_TEST_SERVER_PID" ] || return 0
	kill "$KLS_TEST_SERVER_PID" 2>/dev/null || true
	wait "$KLS_TEST_SERVER_PID" 2>/dev/null || true
	KLS_TEST_SERVER_PID=""
}
