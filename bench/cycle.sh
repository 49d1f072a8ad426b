#!/usr/bin/env bash
# cycle.sh — the whole-cycle benchmark: `orrery run` over a 1,000-feed planet served from
# 127.0.0.1, cold (empty cache directory: every feed a 200) and warm (the same planet again: every
# feed a 304), then the same two runs with every response delayed 50–500 ms. Reports wall time,
# CPU time (user + sys) and peak RSS of each run (GNU time -v) and what the server answered.
#
#   bench/cycle.sh [--orrery BIN] [--n 1000] [--seed 42] [--repeat 3] [--work DIR] [--keep]
#                  [--no-latency] [--hosts 50] [--no-archives]
#
#   --orrery BIN   the binary to time (default: build/bench/src/cli/orrery, which
#                  `cmake --preset bench && cmake --build --preset bench --target orrery` builds)
#   --n, --seed    passed to make_corpus.py (default 1000 feeds, seed 42: 123 MB)
#   --repeat N     cold+warm pairs per variant (default 3); the summary gives the median
#   --work DIR     where the corpus, server files and planets go (default: a new temp dir,
#                  removed at exit unless --keep)
#   --no-latency   skip the delayed variant
#   --no-archives  the planet sets `archives = no` (the default theme's index.html alone, no
#                  month, feed or archives pages): the figure the archive's cost is measured from
#   --hosts N      the delayed variant's feeds are spread over N "hosts" (ports of 127.0.0.1,
#                  default 50: 20 feeds each), so orrery's per-host cap acts as on a real planet
#
# What it does, step by step:
#   1. picks a free TCP port on 127.0.0.1 for nginx;
#   2. generates the corpus with /work/shared/bench/make_corpus.py (ORRERY_MAKE_CORPUS overrides)
#      at http://127.0.0.1:PORT/ — same arguments, same bytes and mtimes, so ETag and
#      Last-Modified are stable;
#   3. starts nginx (Debian package nginx-light; the script installs it with apt-get when it is
#      missing and the script runs as root) in the foreground as an unprivileged user (nobody
#      when the script runs as root), with every file it writes in the work dir, listening on
#      127.0.0.1 only, gzip on for the feed types, ETag and If-Modified-Since as nginx does;
#   4. starts a small keep-alive Python asyncio proxy on --hosts ports of 127.0.0.1 that waits,
#      before forwarding each request to nginx, 50 + crc32(path) mod 451 ms: 50–500 ms (mean
#      275), the same for a URL on every run, so runs are comparable;
#   5. writes one planet.ini per variant listing the corpus's urls.txt (direct, or through the
#      proxy), and times `orrery -q run --all -c planet.ini` with a fresh cache and output directory
#      (cold) and then again (warm), counting the status codes nginx logged for each run. `--all`:
#      without it the warm run would fetch nothing (every feed is due again only in an hour).
#
# Only 127.0.0.1 is ever contacted: proxy variables are removed from the environment, no_proxy
# is set, and every URL in the planets is checked to be on 127.0.0.1. Results go to stdout and
# to WORK/results.tsv. Needs: bash, python3, nginx-light, GNU time (/usr/bin/time).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
orrery=$root/build/bench/src/cli/orrery
n=1000
seed=42
repeat=3
work=""
keep=0
latency=1
hosts=50
archives=1
make_corpus=${ORRERY_MAKE_CORPUS:-/work/shared/bench/make_corpus.py}

while [[ $# -gt 0 ]]; do
  case $1 in
    --orrery) orrery=$2; shift 2 ;;
    --n) n=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    --no-latency) latency=0; shift ;;
    --no-archives) archives=0; shift ;;
    --hosts) hosts=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "cycle.sh: unknown argument \"$1\" (see --help)" >&2; exit 2 ;;
  esac
done

die() { echo "cycle.sh: $*" >&2; exit 1; }
[[ -x $orrery ]] || die "no orrery binary at $orrery (build it, or pass --orrery BIN)"
[[ -x /usr/bin/time ]] || die "GNU time (/usr/bin/time) is missing: apt-get install time"
[[ -f $make_corpus ]] || die "no corpus generator at $make_corpus (set ORRERY_MAKE_CORPUS)"
if ! command -v nginx >/dev/null && [[ -x /usr/sbin/nginx ]]; then PATH=$PATH:/usr/sbin; fi
if ! command -v nginx >/dev/null; then
  [[ $EUID -eq 0 ]] || die "nginx is missing: apt-get install nginx-light"
  apt-get install -y nginx-light >/dev/null || die "apt-get install nginx-light failed"
fi

# Nothing but 127.0.0.1: no proxy from the environment, for orrery (libcurl) or anything else.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY ftp_proxy FTP_PROXY
export no_proxy=127.0.0.1 NO_PROXY=127.0.0.1

if [[ -z $work ]]; then
  work=$(mktemp -d "${TMPDIR:-/tmp}/orrery-cycle-XXXXXX")
else
  mkdir -p "$work"
fi
work=$(cd "$work" && pwd)
chmod 755 "$work"  # nginx's workers (nobody) read the corpus below it

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [[ $keep -eq 0 ]]; then rm -rf "$work"; else echo "work dir kept: $work"; fi
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
nginx_port=$(free_port)  # the proxy's ports are chosen by the kernel as it binds them

# Waits until something accepts connections on 127.0.0.1:$1 (at most 10 s).
wait_for_port() {
  python3 - "$1" <<'EOF'
import socket, sys, time
deadline = time.time() + 10
while time.time() < deadline:
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=0.2).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.05)
sys.exit(1)
EOF
}

echo "== corpus: $n feeds, seed $seed, at http://127.0.0.1:$nginx_port/"
python3 "$make_corpus" --n "$n" --seed "$seed" --out "$work/corpus" \
  --base-url "http://127.0.0.1:$nginx_port/" >/dev/null
corpus_bytes=$(du -sb "$work/corpus/feeds" | cut -f1)

# --- nginx -----------------------------------------------------------------------------------
mkdir -p "$work/nginx/logs" "$work/nginx/tmp"
cat >"$work/nginx/nginx.conf" <<EOF
daemon off;
master_process on;
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  types {
    application/rss+xml rss;
    application/atom+xml atom;
    application/rdf+xml rdf;
    application/xml xml;
    text/plain txt tsv;
  }
  default_type application/octet-stream;
  log_format status '\$status';
  access_log $work/nginx/logs/access.log status;
  client_body_temp_path $work/nginx/tmp/body;
  proxy_temp_path $work/nginx/tmp/proxy;
  fastcgi_temp_path $work/nginx/tmp/fastcgi;
  uwsgi_temp_path $work/nginx/tmp/uwsgi;
  scgi_temp_path $work/nginx/tmp/scgi;
  sendfile on;
  keepalive_requests 10000;
  gzip on;
  gzip_types application/rss+xml application/atom+xml application/rdf+xml application/xml;
  gzip_min_length 256;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/corpus;
  }
}
EOF
nginx_cmd=(nginx -p "$work/nginx" -e "$work/nginx/logs/error.log" -c "$work/nginx/nginx.conf")
if [[ $EUID -eq 0 ]]; then
  chown -R nobody "$work/nginx"
  nginx_cmd=(setpriv --reuid=nobody --regid=nogroup --clear-groups "${nginx_cmd[@]}")
fi
"${nginx_cmd[@]}" &
pids+=($!)
wait_for_port "$nginx_port" || die "nginx did not start: $(tail -3 "$work/nginx/logs/error.log")"
# The server behaves as a blog's would: gzip for a client that asks, 304 for a validator.
python3 - "$(head -1 "$work/corpus/urls.txt")" <<'EOF'
import sys, urllib.error, urllib.request
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
first = opener.open(urllib.request.Request(sys.argv[1], headers={"Accept-Encoding": "gzip"}))
etag = first.headers["ETag"]
assert first.headers["Content-Encoding"] == "gzip", "nginx does not gzip the feeds"
try:
    opener.open(urllib.request.Request(sys.argv[1], headers={"If-None-Match": etag}))
    sys.exit("nginx ignores If-None-Match")
except urllib.error.HTTPError as e:
    assert e.code == 304, e.code
print(f"== nginx on 127.0.0.1: gzip on, ETag {etag} answers 304")
EOF

# --- the delaying proxy ----------------------------------------------------------------------
cat >"$work/delay_proxy.py" <<'EOF'
# A keep-alive HTTP/1.1 proxy in front of nginx that answers each request after
# 50 + crc32(path) % 451 ms. It listens on HOSTS ephemeral ports of 127.0.0.1 (each port is a
# "host" to orrery's per-host cap) and writes them, one a line, to PORTS_FILE.
import asyncio, sys, zlib

UPSTREAM, HOSTS, PORTS_FILE = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]

async def read_response(up):
    head = await up.readuntil(b"\r\n\r\n")
    fields = {}
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        fields[name.strip().lower()] = value.strip().lower()
    status = int(head.split(b" ", 2)[1])
    if status == 304 or status == 204 or 100 <= status < 200:
        return head
    if b"content-length" in fields:
        return head + await up.readexactly(int(fields[b"content-length"]))
    if fields.get(b"transfer-encoding") == b"chunked":
        body = b""
        while True:
            size_line = await up.readuntil(b"\r\n")
            size = int(size_line.split(b";")[0], 16)
            body += size_line + await up.readexactly(size + 2)
            if size == 0:
                return head + body
    raise ConnectionError("response without framing")

async def handle(reader, writer):
    up_reader = up_writer = None
    try:
        while True:
            request = await reader.readuntil(b"\r\n\r\n")
            path = request.split(b" ", 2)[1]
            await asyncio.sleep((50 + zlib.crc32(path) % 451) / 1000)
            if up_writer is None:
                up_reader, up_writer = await asyncio.open_connection("127.0.0.1", UPSTREAM)
            up_writer.write(request)
            await up_writer.drain()
            writer.write(await read_response(up_reader))
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError, IndexError, ValueError):
        pass
    finally:
        if up_writer is not None:
            up_writer.close()
        writer.close()

async def main():
    servers = [await asyncio.start_server(handle, "127.0.0.1", 0, backlog=1024)
               for _ in range(HOSTS)]
    with open(PORTS_FILE + ".tmp", "w") as out:
        for server in servers:
            out.write(f"{server.sockets[0].getsockname()[1]}\n")
    import os
    os.rename(PORTS_FILE + ".tmp", PORTS_FILE)
    await asyncio.gather(*(server.serve_forever() for server in servers))

asyncio.run(main())
EOF
if [[ $latency -eq 1 ]]; then
  python3 "$work/delay_proxy.py" "$nginx_port" "$hosts" "$work/proxy_ports" &
  pids+=($!)
  for ((i = 0; i < 100; i++)); do  # the proxy writes its ports once it listens on all
    if [[ -s $work/proxy_ports ]]; then break; fi
    sleep 0.1
  done
  [[ -s $work/proxy_ports ]] || die "the delaying proxy did not start"
fi

# --- planets ---------------------------------------------------------------------------------
# write_planet NAME PORTS_FILE: WORK/NAME/planet.ini with the corpus URLs spread round-robin
# over the ports listed in PORTS_FILE (all on 127.0.0.1).
write_planet() {
  local dir=$work/$1
  mkdir -p "$dir"
  {
    echo "[Planet]"
    echo "name = orrery cycle benchmark ($1)"
    echo "link = http://127.0.0.1:$nginx_port/"
    echo "cache_directory = cache"
    echo "output_dir = output"
    echo "log_level = WARNING"
    if [[ $archives -eq 0 ]]; then echo "archives = no"; fi
    echo
    python3 - "$work/corpus/urls.txt" "$2" "$nginx_port" <<'EOF'
import sys
ports = [line.strip() for line in open(sys.argv[2]) if line.strip()]
prefix = f"http://127.0.0.1:{sys.argv[3]}/"
for i, url in enumerate(line.strip() for line in open(sys.argv[1])):
    if not url.startswith(prefix):
        sys.exit(f"cycle.sh: refusing a URL not on 127.0.0.1: {url}")
    print(f"[http://127.0.0.1:{ports[i % len(ports)]}/{url[len(prefix):]}]")
EOF
  } >"$dir/planet.ini"
}

results=$work/results.tsv
printf 'variant\trun\tpass\twall_s\tcpu_s\tpeak_rss_mb\texit\tstatuses\n' >"$results"

# time_run VARIANT RUN PASS: one `orrery run`, one results line.
time_run() {
  local dir=$work/$1 log
  log=$dir/$3-$2.time
  : >"$work/nginx/logs/access.log"
  local status=0
  /usr/bin/time -v -o "$log" "$orrery" -q run --all -c "$dir/planet.ini" >"$dir/$3-$2.out" 2>&1 ||
    status=$?
  sleep 0.2  # let nginx's worker write its last log lines (not an ordering of our own)
  local wall cpu rss statuses
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {
      n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$log")
  cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$log")
  statuses=$(sort "$work/nginx/logs/access.log" | uniq -c | awk '{ printf "%s%s×%s", sep, $1, $2; sep = " " }')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$wall" "$cpu" "$rss" "$status" \
    "$statuses" |
    tee -a "$results"
}

run_variant() {
  local variant=$1
  write_planet "$variant" "$2"
  for ((r = 1; r <= repeat; r++)); do
    rm -rf "$work/$variant/cache" "$work/$variant/output"
    time_run "$variant" "$r" cold
    time_run "$variant" "$r" warm
  done
}

echo "== orrery: $orrery"
echo "== $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); corpus $((corpus_bytes / 1000000)) MB"
printf 'variant\trun\tpass\twall_s\tcpu_s\tpeak_rss_mb\texit\tstatuses\n'
echo "$nginx_port" >"$work/nginx_ports"
run_variant direct "$work/nginx_ports"
if [[ $latency -eq 1 ]]; then run_variant latency "$work/proxy_ports"; fi

echo "== medians (wall and user+sys CPU seconds, peak RSS MB)"
python3 - "$results" <<'EOF'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
for key in sorted({(r["variant"], r["pass"]) for r in rows}):
    sel = [r for r in rows if (r["variant"], r["pass"]) == key]
    wall = statistics.median(float(r["wall_s"]) for r in sel)
    cpu = statistics.median(float(r["cpu_s"]) for r in sel)
    rss = statistics.median(float(r["peak_rss_mb"]) for r in sel)
    print(f"{key[0]:8} {key[1]:5} wall {wall:7.2f} s   CPU {cpu:6.2f} s   "
          f"peak RSS {rss:7.1f} MB   ({len(sel)} runs)")
EOF
