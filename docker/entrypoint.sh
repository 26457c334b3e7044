#!/bin/sh
# The container's entry point: `serve` (default) runs the API; anything else runs a package command, e.g.
#   docker run IMAGE training train --rows 300000
#   docker run IMAGE monitoring report --since 2026-01-01 --until 2026-07-01 --out /data/report
set -eu
command=${1:-serve}
[ "$#" -gt 0 ] && shift
case "$command" in
  serve)
    exec python -m service serve --host 0.0.0.0 --port "${PORT:-8000}" --workers "${WORKERS:-2}" "$@" ;;
  training|monitoring|service)
    exec python -m "$command" "$@" ;;
  *)
    echo "usage: entrypoint [serve | training ARGS | monitoring ARGS | service ARGS]" >&2
    exit 2 ;;
esac
