#!/usr/bin/env bash
# Installs (or upgrades to) this release of Spbe on a Debian 12 server (README, "Install on a server"):
#   sudo ./install.sh /path/to/spbe.conf      then      sudo systemctl start spbe
# It installs Debian's podman, caddy, postgresql-15 and pgbackrest, loads the release's images, writes the office's
# settings from spbe.conf (the only configuration file; spbe.conf.example names every setting), makes every secret
# once with random values (kept under /var/lib/spbe/secrets, readable by root alone, and as podman secrets), and
# installs the `spbe` command and the systemd units. Running it again with a newer release upgrades: the schema moves
# at the next `systemctl restart spbe` (`spbe up` runs the release's migration steps first). Nothing is started here.
# SPBE_PREFIX (default none) installs under another root, as the tests do on a machine they must not take over.
set -euo pipefail
release=$(cd "$(dirname "$0")" && pwd)
config=${1:?usage: install.sh /path/to/spbe.conf}
[ "$(id -u)" = 0 ] || { echo "install.sh runs as root (sudo)" >&2; exit 1; }
[ -f "$config" ] || { echo "no configuration file $config (copy $release/spbe.conf.example and fill it in)" >&2; exit 1; }
prefix=${SPBE_PREFIX:-}
etc=$prefix/etc/spbe lib=$prefix/usr/local/lib/spbe state=$prefix/var/lib/spbe
version=$(cat "$release/VERSION")

# What the configuration must say; a missing address or TLS setting is a refusal, not a default.
SPBE_CONFIG=$config "$release/spbe" check

missing=()
for package in podman caddy postgresql-15 pgbackrest uidmap curl; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing ${missing[*]} from Debian"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
  # The package makes and starts an empty cluster of its own on port 5432; Spbe runs its own (spbe-postgresql).
  if [[ " ${missing[*]} " == *" postgresql-15 "* ]] && pg_lsclusters -h 2>/dev/null | grep -q '^15 main '; then
    pg_dropcluster --stop 15 main
  fi
fi
systemd=
[ -d /run/systemd/system ] && [ -z "$prefix" ] && systemd=1
# Debian's caddy starts its own server on ports 80 and 443; Spbe's front (spbe-caddy.service) takes them.
[ -n "$systemd" ] && systemctl disable --now caddy.service >/dev/null 2>&1 || true

echo "== images of $version"
podman load -q -i "$release/images.tar" >/dev/null

echo "== files under ${prefix:-/}"
install -d -m 0755 "$etc" "$lib" "$lib/postgres" "$prefix/usr/local/sbin" "$state" "$state/trust"
install -d -m 0700 "$state/secrets"
install -d -m 0700 -o 10001 -g 10001 "$state/identity-keys" "$state"/tmp/{identity,intake,assignment,delivery,reporting,portal}
install -d -m 0750 -o postgres -g postgres "$state/postgresql" "$state/backup" "$state/log"
install -m 0600 "$config" "$etc/spbe.conf"
install -m 0755 "$release/postgres/init.sh" "$release/postgres/run.sh" "$lib/postgres/"
install -m 0644 "$release/Caddyfile" "$release/VERSION" "$lib/"
# The manifest names its host paths as an installation without prefix has them.
sed "s#path: /var/lib/spbe/#path: $state/#" "$release/spbe.yaml" >"$lib/spbe.yaml"
sed "s#^prefix=.*#prefix=$prefix#" "$release/spbe" >"$lib/spbe"
chmod 0755 "$lib/spbe"
ln -sf "$lib/spbe" "$prefix/usr/local/sbin/spbe"

echo "== secrets (made once, kept on upgrade)"
for name in postgres-password-postgres postgres-password-spbe_owner postgres-password-spbe_{identity,intake,assignment,delivery,reporting} portal-client-secret; do
  [ -s "$state/secrets/$name" ] || (umask 077; head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$state/secrets/$name")
done

# The settings, the podman secrets and the trust store follow spbe.conf: `spbe configure` writes them again after a change.
"$lib/spbe" configure

install -d "$prefix/etc/systemd/system"
for unit in "$release"/systemd/*; do
  sed "s#/usr/local/sbin/spbe#$prefix/usr/local/sbin/spbe#g" "$unit" >"$prefix/etc/systemd/system/$(basename "$unit")"
done
if [ -n "$systemd" ]; then
  systemctl daemon-reload
  systemctl enable spbe.service spbe-backup.timer >/dev/null
  echo "installed Spbe $version: start it with 'systemctl start spbe', then add the first accounts with 'spbe account add'"
else
  echo "installed Spbe $version under ${prefix:-/} (no systemd here: the units are in $prefix/etc/systemd/system)"
fi
