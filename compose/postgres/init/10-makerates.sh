#!/usr/bin/env bash
# Runs once, when the postgres-data volume is empty (/docker-entrypoint-initdb.d of the postgres image), as the
# superuser. Creates the two databases of the compose stack. DEV ONLY: the logins come from compose/secrets/.
#   makerates  owner makerates (LOGIN REPLICATION): sink-app's star schema (Flyway migrates it at start) and
#              Debezium's logical replication slot and publication (pgoutput, publication.autocreate.mode=filtered)
#   registry   owner registry: Apicurio Registry's SQL storage
set -euo pipefail

trim() { # the file's content without surrounding whitespace, as the apps read an X_FILE
  local s
  s=$(<"$1")
  s="${s#"${s%%[![:space:]]*}"}"
  printf '%s' "${s%"${s##*[![:space:]]}"}"
}

makerates_user=$(trim /run/secrets/makerates_db_user)
makerates_password=$(trim /run/secrets/makerates_db_password)
registry_password="${REGISTRY_DB_PASSWORD:?REGISTRY_DB_PASSWORD is not set}"

echo "makerates init: creating role ${makerates_user} and databases makerates, registry"
psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER:-postgres}" --dbname postgres \
  -v makerates_user="$makerates_user" -v makerates_password="$makerates_password" \
  -v registry_password="$registry_password" <<'SQL'
CREATE ROLE :"makerates_user" LOGIN REPLICATION PASSWORD :'makerates_password';
-- sink-app's migration V3 creates this role only when it is missing, which needs CREATEROLE; the owner has none,
-- so it is created here and the migration only grants to it.
CREATE ROLE makerates_reader NOLOGIN;
CREATE DATABASE makerates OWNER :"makerates_user";
REVOKE ALL ON DATABASE makerates FROM PUBLIC;
GRANT CONNECT ON DATABASE makerates TO makerates_reader;

CREATE ROLE registry LOGIN PASSWORD :'registry_password';
CREATE DATABASE registry OWNER registry;
REVOKE ALL ON DATABASE registry FROM PUBLIC;
SQL
