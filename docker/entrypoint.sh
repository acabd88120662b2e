#!/bin/sh
# Maps the container command to a Claimdesk process; node runs as PID 1's child
# via exec so SIGTERM reaches it and the graceful shutdown runs.
set -e
app="${1:-api}"
case "$app" in
  api|worker|server|cli) shift ;;
  *) echo "usage: claimdesk api | worker | server | cli <command>" >&2; exit 64 ;;
esac
exec node "/app/dist/apps/$app/src/main.js" "$@"
