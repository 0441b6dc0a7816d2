#!/bin/sh
# Runs once, when the postgres container initialises an empty data directory (docker-entrypoint-initdb.d).
# Creates, per service, the database and its two roles exactly as chorus_shared.db.provision does for `chorus up`:
# chorus_<svc>_owner owns the tables (migrations), chorus_<svc>_app owns nothing and cannot bypass row-level security.
# Passwords are "<CHORUS_DATABASE_SECRET>-chorus_<svc>-owner|app", the scheme docker-compose.yml's URLs use.
set -eu

secret="${CHORUS_DATABASE_SECRET:?set CHORUS_DATABASE_SECRET}"
services="${CHORUS_SERVICES:-planning publishing listening reporting gateway}"

for service in $services; do
    db="chorus_${service}"
    psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
        -v db="$db" -v owner="${db}_owner" -v app="${db}_app" \
        -v owner_password="${secret}-${db}-owner" -v app_password="${secret}-${db}-app" <<'SQL'
CREATE ROLE :"owner" LOGIN PASSWORD :'owner_password' NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
CREATE ROLE :"app" LOGIN PASSWORD :'app_password' NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
CREATE DATABASE :"db" OWNER :"owner";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"db" TO :"app";
SQL
    psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$db" \
        -v owner="${db}_owner" -v app="${db}_app" <<'SQL'
ALTER SCHEMA public OWNER TO :"owner";
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"app";
-- Tables the migration role creates later are usable, row by row, by the runtime role.
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO :"app";
SQL
done
