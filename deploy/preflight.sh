#!/bin/sh
# Command Center preflight: refuses to let the stack start with a secret that is empty, still a
# CHANGE_ME placeholder, shorter than 32 characters, or made of characters the stack cannot carry.
#
# docker-compose.yml runs it as the one-shot `preflight` service, and every service that uses a
# secret starts only after it exited 0. By hand (e.g. before `docker stack deploy`, which ignores
# that condition), from deploy/:
#
#   docker-compose run --rm preflight
#
# It names each variable that is wrong and what is wrong with it; it never prints a value.

# The secrets of .env; PREFLIGHT_SECRETS overrides the list (names only).
secrets=${PREFLIGHT_SECRETS:-POSTGRES_PASSWORD SONAR_DB_PASSWORD TURN_STATIC_AUTH_SECRET}
min_length=32
failed=0

refuse() {
  echo "preflight: $1 $2" >&2
  failed=1
}

for name in $secrets; do
  case $name in
    '' | [0-9]* | *[!A-Za-z0-9_]*)
      refuse "'$name'" "is not a variable name"
      continue
      ;;
  esac
  # $name is a plain identifier (checked above), so this only reads that variable.
  eval "value=\${$name-}"
  case $value in
    '')
      refuse "$name" "is empty: set it in .env"
      ;;
    [Cc][Hh][Aa][Nn][Gg][Ee][_-][Mm][Ee]* | [Cc][Hh][Aa][Nn][Gg][Ee][Mm][Ee]*)
      refuse "$name" "is still the CHANGE_ME placeholder: put a generated secret in .env"
      ;;
    *[!A-Za-z0-9._~-]*)
      # POSTGRES_PASSWORD goes into Mattermost's database URL, and coturn's image runs each
      # argument through `eval echo` (docker-entrypoint.sh): keep to characters safe in both.
      refuse "$name" "has characters other than letters, digits and . _ ~ - (it ends up in a URL and on coturn's command line)"
      ;;
    *)
      if [ "${#value}" -lt "$min_length" ]; then
        refuse "$name" "is shorter than $min_length characters"
      fi
      ;;
  esac
done
value=

if [ "$failed" -ne 0 ]; then
  echo "preflight: generate each secret with 'openssl rand -hex 32', put it in .env, then run docker-compose up -d again" >&2
  echo "preflight: (a TURN secret that changes must reach coturn and Mattermost together: both restart with it)" >&2
  exit 1
fi
echo "preflight: ok:" $secrets
