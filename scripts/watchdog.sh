#!/usr/bin/env bash
# watchdog.sh SECONDS COMMAND...: runs COMMAND; if it is still running after SECONDS, prints
# what every process under it is doing (so a hang names itself) and stops it with exit 124.
# CI stops a run at 90 minutes and shows only its last lines; a test that hangs must fail
# fast and say where, not eat the whole budget.
set -uo pipefail
limit=$1
shift
# Its own session, so that the whole tree (cargo, test binaries, the CLIs they start) can be
# stopped at once.
setsid "$@" &
pid=$!
(
  # The sleep must not outlive the watchdog: it holds the same output open as the tests.
  trap 'kill "$s" 2>/dev/null; exit 0' TERM
  sleep "$limit" </dev/null >/dev/null 2>&1 &
  s=$!
  wait "$s"
  if kill -0 "$pid" 2>/dev/null; then
    echo "watchdog: '$*' still running after ${limit}s; the processes under it:" >&2
    ps -s "$pid" -o pid,ppid,stat,etimes,wchan:32,args --forest >&2
    echo "watchdog: their threads:" >&2
    ps -L -s "$pid" -o pid,tid,stat,wchan:32,comm >&2
    kill -TERM -- "-$pid" 2>/dev/null
    sleep 5
    kill -KILL -- "-$pid" 2>/dev/null
  fi
) &
dog=$!
# Ctrl-C or a stopped make reaches the tree too, though it is in a session of its own.
trap 'kill -TERM -- "-$pid" "$dog" 2>/dev/null; exit 130' INT TERM
wait "$pid"
rc=$?
kill "$dog" 2>/dev/null
wait "$dog" 2>/dev/null
if [ "$rc" -eq 143 ] || [ "$rc" -eq 137 ]; then exit 124; fi
exit "$rc"
