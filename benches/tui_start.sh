#!/usr/bin/env bash
# Whole-process measure of the TUI at scale: time from start to the first
# frame with rows, and peak memory (VmHWM), for a database of N generated
# dossiers. Runs the release binary in tmux at 160x48 (tmux is what CI
# installs for the hang-up test).
#
#   bash benches/tui_start.sh 1000 100000
#
# Prints one line per size: dossiers, seconds to the first rows, peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --examples --bin thamdinh
bin=target/release/thamdinh
work=$(mktemp -d)
trap 'tmux kill-session -t tuistart 2>/dev/null || true; rm -rf "$work"' EXIT
for n in "$@"; do
    db="$work/$n.db"
    target/release/examples/generate "$n" > "$work/$n.jsonl"
    "$bin" --db "$db" import "$work/$n.jsonl" > /dev/null 2>&1 || true
    tmux kill-session -t tuistart 2>/dev/null || true
    start=$(date +%s.%N)
    tmux new-session -d -s tuistart -x 160 -y 48 "exec $bin --db $db --user bench"
    until tmux capture-pane -p -t tuistart | grep -q 'KC'; do sleep 0.01; done
    shown=$(date +%s.%N)
    # Let the whole queue load (a million rows take seconds): wait until
    # the resident size has not moved for two seconds, then read the peak.
    pid=$(tmux list-panes -t tuistart -F '#{pane_pid}')
    last=0 still=0
    while [ "$still" -lt 4 ]; do
        sleep 0.5
        now=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
        if [ "$now" = "$last" ]; then still=$((still + 1)); else still=0 last=$now; fi
    done
    hwm=$(awk '/VmHWM/ {print $2, $3}' "/proc/$pid/status")
    printf '%8d dossiers: first rows after %.3f s, peak RSS %s\n' "$n" "$(echo "$shown - $start" | bc)" "$hwm"
    tmux send-keys -t tuistart q
    sleep 0.5
done
