#!/bin/sh
# The stand-in postgres image's entrypoint (postgres.Containerfile): what the official one does as compose.yaml uses it.
set -eu
if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chown postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 700 "$PGDATA"
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi
user=${POSTGRES_USER:-postgres}
database=${POSTGRES_DB:-$user}
# First start only: an existing cluster keeps its users, passwords and databases, as with the official image.
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  : "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD (the stand-in, like the official image, has no passwordless default)}"
  password_file=$(mktemp)
  printf '%s' "$POSTGRES_PASSWORD" >"$password_file"
  initdb --username="$user" --pwfile="$password_file" --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  rm "$password_file"
  # Other containers connect over the network, with the password.
  echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
  if [ "$database" != postgres ]; then
    # On a socket of its own: pg_isready (compose's healthcheck) must not find this passing server ready.
    socket=$(mktemp -d)
    pg_ctl --silent --wait --options="-c listen_addresses='' -c unix_socket_directories=$socket" start
    psql --quiet --set=ON_ERROR_STOP=1 --host="$socket" --username="$user" --dbname=postgres \
      --command="CREATE DATABASE \"$database\""
    pg_ctl --silent --wait --mode=fast stop
    rmdir "$socket"
  fi
  echo "› Initialised $PGDATA: user $user, database $database"
fi
if [ "$1" = postgres ]; then
  shift
  exec postgres -c listen_addresses='*' "$@"
fi
exec "$@"
