#!/usr/bin/env bash
# Makes sure PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) are
# running for the tests, Chromium is there for the browser tests, and
# WordPress with PHP and MariaDB (127.0.0.1:3306, root without a password)
# for the companion plugin's test against real WordPress: starts them when
# installed, installs them from Debian's packages when not. With
# CI=true a service that cannot be had is an error; otherwise the tests that
# need it are skipped.
set -uo pipefail

log() { echo "services: $*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=0
apt_install() {
  command -v apt-get >/dev/null || { log "no apt-get to install $*"; return 1; }
  if [ $apt_updated = 0 ]; then as_root apt-get update -qq >&2 && apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >&2
}

pg_up() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
redis_up() { redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; }

wait_for() { # name check
  for _ in $(seq 1 60); do "$2" && return 0; sleep 0.5; done
  log "$1 did not come up"; return 1
}

start_postgres() {
  pg_up && return 0
  local fresh=0
  if ! command -v pg_ctlcluster >/dev/null; then
    log "installing postgresql"; apt_install postgresql postgresql-client || return 1; fresh=1
  fi
  local ver; ver=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)
  [ -n "$ver" ] || { log "no postgresql cluster found"; return 1; }
  local hba="/etc/postgresql/$ver/main/pg_hba.conf"
  # A test machine: let local TCP connections in without a password.
  if [ $fresh = 1 ] || ! grep -q '^host all all 127.0.0.1/32 trust' "$hba" 2>/dev/null; then
    as_root sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
  fi
  log "starting postgresql $ver"
  as_root pg_ctlcluster --skip-systemctl-redirect "$ver" main start >&2 || as_root pg_ctlcluster --skip-systemctl-redirect "$ver" main restart >&2
  wait_for postgres pg_up
}

start_redis() {
  redis_up && return 0
  if ! command -v redis-server >/dev/null; then
    log "installing redis"; apt_install redis-server redis-tools || return 1
  fi
  log "starting redis"
  as_root mkdir -p /var/lib/redis /var/log/redis
  as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/lethe-test.log >&2
  wait_for redis redis_up
}

# Chromium for the panel's browser tests (app/testenv/browser): Debian's
# package, installed when /usr/bin/chromium is missing.
ensure_chromium() {
  [ -x /usr/bin/chromium ] && return 0
  [ -n "${LETHE_CHROMIUM:-}" ] && [ -x "$LETHE_CHROMIUM" ] && return 0
  log "installing chromium"; apt_install chromium || return 1
  [ -x /usr/bin/chromium ]
}

# MariaDB for the WordPress tests (cmd/lethe/wordpress_*_test.go).
mariadb_up() { mysqladmin -uroot -h127.0.0.1 -P3306 --connect-timeout=2 ping >/dev/null 2>&1; }

start_mariadb() {
  mariadb_up && return 0
  if [ ! -x /usr/sbin/mariadbd ]; then
    log "installing mariadb-server"; apt_install mariadb-server mariadb-client || return 1
  fi
  log "starting mariadb"
  as_root mkdir -p /run/mysqld && as_root chown mysql:mysql /run/mysqld 2>/dev/null
  as_root start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql >&2
  wait_for mariadb mariadb_up
}

# WordPress (Debian's /usr/share/wordpress), PHP's command line (its
# built-in web server serves the test site) and its MySQL driver.
ensure_wordpress() {
  if [ -f /usr/share/wordpress/wp-load.php ] && command -v php >/dev/null && php -m 2>/dev/null | grep -qi '^mysqli$'; then
    return 0
  fi
  log "installing wordpress, php-cli, php-mysql"; apt_install wordpress php-cli php-mysql || return 1
  [ -f /usr/share/wordpress/wp-load.php ] && command -v php >/dev/null
}

status=0
start_postgres || status=1
start_redis || status=1
ensure_chromium || { log "no chromium: the browser tests will be skipped"; status=1; }
ensure_wordpress || { log "no wordpress/php: the WordPress plugin test will be skipped"; status=1; }
start_mariadb || { log "no mariadb: the WordPress plugin test will be skipped"; status=1; }
if [ $status != 0 ]; then
  if [ "${CI:-}" = true ]; then log "a required service is not available (CI=true)"; exit 1; fi
  log "some services are unavailable; tests that need them will be skipped"
fi
exit 0
