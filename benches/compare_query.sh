#!/usr/bin/env bash
# Whole-process comparison: `thamdinh list --query Q --format json` over N
# generated dossiers against `fzf --exact --filter Q` (and plain fuzzy
# `fzf --filter Q`) over the same N dossiers as lines of the searched
# texts (code, title, beneficiary, province, implementing unit, district,
# commune). Prints the median wall time of 5 runs of each and the ratios.
#
#   benches/compare_query.sh                 # 100,000 dossiers, "chè gia lai"
#   benches/compare_query.sh 20000 "tra vinh"
#
# Needs: a release build (made here), fzf (apt-get install -y fzf), python3.
set -euo pipefail

n=${1:-100000}
q=${2:-gia lai}
cd "$(dirname "$0")/.."
command -v fzf >/dev/null || { echo "compare_query.sh: fzf is missing (apt-get install -y fzf)" >&2; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/thamdinh-query.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

cargo build --release --quiet --bin thamdinh --example generate
bin=target/release/thamdinh
target/release/examples/generate "$n" >"$tmp/d.jsonl"
"$bin" --db "$tmp/d.db" import "$tmp/d.jsonl" >/dev/null 2>&1 || true
python3 - "$tmp/d.db" >"$tmp/lines.txt" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for row in c.execute("SELECT code, title, beneficiary, province, implementing_unit, district, commune FROM dossiers"):
    print(" | ".join(v or "" for v in row))
PY

median() {
    local times=()
    for _ in 1 2 3 4 5; do
        local s e
        s=$(date +%s.%N)
        "$@" >/dev/null 2>&1 || true
        e=$(date +%s.%N)
        times+=("$(echo "$e - $s" | bc)")
    done
    printf '%s\n' "${times[@]}" | sort -n | sed -n 3p
}

ours=$(median "$bin" --db "$tmp/d.db" list --query "$q" --format json)
# fzf reads stdin: wrap it so that every run reads the whole file (a
# redirection of `median` itself would leave the later runs an empty input).
fe() { fzf --exact --filter "$q" <"$tmp/lines.txt"; }
fz() { fzf --filter "$q" <"$tmp/lines.txt"; }
exact=$(median fe)
fuzzy=$(median fz)
hits=$("$bin" --db "$tmp/d.db" list --query "$q" --format json 2>/dev/null | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
printf '%d dossiers, query "%s" (%s hits)\n' "$n" "$q" "$hits"
printf '  thamdinh list --query   %6.3f s\n' "$ours"
printf '  fzf --exact --filter    %6.3f s   ratio %.1fx\n' "$exact" "$(echo "$ours / $exact" | bc -l)"
printf '  fzf --filter (fuzzy)    %6.3f s   ratio %.1fx\n' "$fuzzy" "$(echo "$ours / $fuzzy" | bc -l)"
