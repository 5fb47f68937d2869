# Shared shell pieces of the HTTP benchmarks and the soak (sourced, not run):
# anchors installed from Debian when missing, a scratch folder removed at
# exit, a seeded Waymark server and nginx on free loopback ports, RSS from /proc.
# Needs: root (or the anchors already installed), node (free ports, bodies).

bench_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${WAYMARK_BIN:-$bench_root/build/waymark}"
[ -x "$BIN" ] || { echo "$0: $BIN not built (make)" >&2; exit 1; }
work="$(mktemp -d "${TMPDIR:-/tmp}/waymark-bench.XXXXXX")"
chmod 755 "$work"
bench_pids=()
bench_cleanup() {
	local p
	for p in "${bench_pids[@]}"; do kill "$p" 2>/dev/null || true; done
	for p in "${bench_pids[@]}"; do wait "$p" 2>/dev/null || true; done
	rm -rf "$work"
}
trap bench_cleanup EXIT

# need_deb COMMAND PACKAGE: installs PACKAGE with apt-get when COMMAND is missing.
need_deb() {
	command -v "$1" >/dev/null 2>&1 || [ -x "$1" ] && return 0
	echo "$0: installing $2 (apt-get)" >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y "$2" >/dev/null ||
		{ apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y "$2" >/dev/null; } ||
		{ echo "$0: cannot install $2" >&2; exit 1; }
}

free_port() {
	node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# The load generator (bench/loadgen.c), built once into the scratch folder.
loadgen="$work/loadgen"
cc -O2 -Wall -Wextra -Werror -o "$loadgen" "$bench_root/bench/loadgen.c"

# seed_db DB N: a fresh database with the demo data and about N imported
# referrals (1% of the generated rows are refused by validation).
seed_db() {
	local db="$1" n="$2"
	"$BIN" init --db "$db" >/dev/null
	WAYMARK_PWHASH_FAST=1 "$BIN" demo --db "$db" >/dev/null
	if [ "$n" -gt 0 ]; then
		cc -O2 -o "$work/import_gen" "$bench_root/bench/import_gen.c"
		"$work/import_gen" "$n" --bad 0 --seed 7 >"$work/seed.csv"
		"$BIN" import referrals --db "$db" --quiet "$work/seed.csv" >/dev/null
	fi
}

# token_for DB EMAIL: prints a new API token for a demo account.
token_for() { "$BIN" token create --db "$1" --user "$2" --name bench; }

# start_waymark DB [ARGS...]: serves DB on a free port; sets WM_PORT and WM_PID.
start_waymark() {
	local db="$1"
	shift
	WM_PORT=$(free_port)
	"$BIN" serve --db "$db" --port "$WM_PORT" --quiet "$@" >"$work/serve.out" 2>"$work/serve.err" &
	WM_PID=$!
	bench_pids+=("$WM_PID")
	for _ in $(seq 100); do
		grep -q "listening" "$work/serve.out" 2>/dev/null && return 0
		kill -0 "$WM_PID" 2>/dev/null || break
		sleep 0.1
	done
	echo "$0: waymark did not start:" >&2
	cat "$work/serve.err" >&2
	exit 1
}

# start_nginx FILE CONTENT_TYPE: nginx (one worker per core, keep-alive, no
# access log) answering every path with FILE; sets NG_PORT and NG_PID.
start_nginx() {
	need_deb /usr/sbin/nginx nginx-light
	local ng="$work/nginx"
	mkdir -p "$ng/www" "$ng/tmp"
	cp "$1" "$ng/www/file"
	NG_PORT=$(free_port)
	cat >"$ng/nginx.conf" <<EOF
worker_processes $(nproc);
daemon off;
pid $ng/nginx.pid;
error_log $ng/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $ng/tmp; proxy_temp_path $ng/tmp; fastcgi_temp_path $ng/tmp;
  uwsgi_temp_path $ng/tmp; scgi_temp_path $ng/tmp;
  keepalive_requests 10000000;
  server {
    listen 127.0.0.1:$NG_PORT;
    root $ng/www;
    location / { default_type "$2"; try_files /file =404; }
  }
}
EOF
	/usr/sbin/nginx -c "$ng/nginx.conf" -p "$ng" 2>"$ng/start.err" &
	NG_PID=$!
	bench_pids+=("$NG_PID")
	for _ in $(seq 50); do
		[ -s "$ng/nginx.pid" ] && return 0
		sleep 0.1
	done
	echo "$0: nginx did not start:" >&2
	cat "$ng/start.err" "$ng/error.log" >&2
	exit 1
}

# rss_kb PID...: resident memory in KiB, summed over the processes and their children.
rss_kb() {
	local total=0 p c
	for p in "$@"; do
		for c in $p $(pgrep -P "$p" 2>/dev/null); do
			total=$((total + $(awk '/^VmRSS:/ { print $2 }' "/proc/$c/status" 2>/dev/null || echo 0)))
		done
	done
	echo "$total"
}

# loadgen_field LINE NAME: the value of NAME=... in a LOADGEN line.
loadgen_field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# csv_to_bodies CSV OUT: one JSON referral a line from an import_gen CSV
# (dotted columns become groups, reasons a list; received_at is left out:
# the server stamps API referrals).
csv_to_bodies() {
	node -e '
const fs = require("fs");
const text = fs.readFileSync(process.argv[1], "utf8");
const rows = []; let row = [], f = "", q = false;
for (let i = 0; i < text.length; i++) {
  const ch = text[i];
  if (q) { if (ch === "\"") { if (text[i + 1] === "\"") { f += "\""; i++; } else q = false; } else f += ch; }
  else if (ch === "\"") q = true;
  else if (ch === ",") { row.push(f); f = ""; }
  else if (ch === "\n") { row.push(f); rows.push(row); row = []; f = ""; }
  else if (ch !== "\r") f += ch;
}
const head = rows.shift(), out = [];
for (const r of rows) {
  const doc = {};
  head.forEach((h, i) => {
    const v = r[i];
    if (v === undefined || v === "" || h === "received_at") return;
    const val = h === "reasons" ? v.split(";") : v;
    const dot = h.indexOf(".");
    if (dot < 0) doc[h] = val; else { const g = h.slice(0, dot); (doc[g] ||= {})[h.slice(dot + 1)] = val; }
  });
  out.push(JSON.stringify(doc));
}
fs.writeFileSync(process.argv[2], out.join("\n") + "\n");
' "$1" "$2"
}
