#!/usr/bin/env bash
# Whole-process comparison: `thamdinh import` of N generated dossiers (one
# JSON Lines file) against the `sqlite3` shell's `.import` of the same rows
# as a 13-column CSV (one column per top-level field; nested values as JSON
# text). Prints wall time, CPU time and peak RSS of each and the ratio.
#
#   benches/compare.sh            # 100,000 dossiers
#   benches/compare.sh 20000      # fewer
#
# Needs: a release build (made here), sqlite3, python3, GNU time
# (/usr/bin/time). Files go to $TMPDIR (default /tmp) and are removed after.
set -euo pipefail

n=${1:-100000}
cd "$(dirname "$0")/.."
tmp=$(mktemp -d "${TMPDIR:-/tmp}/thamdinh-compare.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

for tool in sqlite3 python3 /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "compare.sh: $tool is missing (apt-get install -y sqlite3 time python3)" >&2; exit 2; }
done

cargo build --release --quiet --bin thamdinh --example generate
bin=target/release/thamdinh

jsonl=$tmp/dossiers.jsonl
csv=$tmp/dossiers.csv
target/release/examples/generate "$n" >"$jsonl"
python3 - "$jsonl" "$csv" <<'EOF'
import csv, json, sys
cols = ["code", "plan_year", "province", "category", "title", "implementing_unit",
        "beneficiary", "submitted_on", "start", "end", "budget", "documents", "summary"]
with open(sys.argv[1], encoding="utf-8") as src, open(sys.argv[2], "w", encoding="utf-8", newline="") as dst:
    w = csv.writer(dst)
    w.writerow(cols)
    for line in src:
        r = json.loads(line)
        w.writerow([json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v
                    for v in (r.get(c, "") for c in cols)])
EOF

# Run a command under GNU time; print "wall cpu rss_mb".
measure() {
    local log=$tmp/time.log
    /usr/bin/time -f '%e %U %S %M' -o "$log" "$@" >/dev/null 2>"$tmp/stderr" || {
        echo "compare.sh: failed: $*" >&2; cat "$tmp/stderr" >&2; exit 1; }
    awk '{ printf "%.2f %.2f %.0f\n", $1, $2 + $3, $4 / 1024 }' "$log"
}

sync
read -r t_wall t_cpu t_rss < <(measure "$bin" --db "$tmp/thamdinh.db" import "$jsonl")
sync
read -r s_wall s_cpu s_rss < <(measure sqlite3 "$tmp/sqlite.db" \
    "PRAGMA journal_mode=WAL;" "PRAGMA synchronous=NORMAL;" ".mode csv" ".import $csv dossiers")

count=$(sqlite3 "$tmp/thamdinh.db" "SELECT COUNT(*) FROM dossiers")
count_sqlite=$(sqlite3 "$tmp/sqlite.db" "SELECT COUNT(*) FROM dossiers")
[ "$count" = "$n" ] && [ "$count_sqlite" = "$n" ] || {
    echo "compare.sh: row counts differ: thamdinh $count, sqlite3 $count_sqlite, expected $n" >&2; exit 1; }

printf '%s dossiers: JSONL %s MB, CSV %s MB\n' "$n" \
    "$(( $(stat -c %s "$jsonl") / 1000000 ))" "$(( $(stat -c %s "$csv") / 1000000 ))"
printf '%-22s %8s %8s %8s %9s\n' "" "wall s" "cpu s" "RSS MB" "db MB"
printf '%-22s %8s %8s %8s %9s\n' "thamdinh import" "$t_wall" "$t_cpu" "$t_rss" \
    "$(( ($(stat -c %s "$tmp/thamdinh.db") + $(stat -c %s "$tmp/thamdinh.db-wal" 2>/dev/null || echo 0)) / 1000000 ))"
printf '%-22s %8s %8s %8s %9s\n' "sqlite3 .import (CSV)" "$s_wall" "$s_cpu" "$s_rss" \
    "$(( ($(stat -c %s "$tmp/sqlite.db") + $(stat -c %s "$tmp/sqlite.db-wal" 2>/dev/null || echo 0)) / 1000000 ))"
awk -v a="$t_wall" -v b="$s_wall" -v c="$t_cpu" -v d="$s_cpu" \
    'BEGIN { printf "ratio (thamdinh / sqlite3): wall %.1fx, cpu %.1fx   (target: wall <= 2x)\n", a / b, c / (d > 0 ? d : 0.01) }'
