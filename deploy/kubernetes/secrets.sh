#!/usr/bin/env bash
# Makes the system's Secrets in the current kubectl namespace (or $NAMESPACE), each with a random value, once: a
# Secret that exists is kept (running it again rotates nothing). None of them is ever in the repository.
#   spbe-db-owner, spbe-db-<process>  kubernetes.io/basic-auth: the database roles (CloudNativePG creates the roles
#                                     from username and password) and `connection`, the processes' connection string
#                                     to $DATABASE_HOST (default spbe-db-rw, the Cluster's primary)
#   spbe-portal-client                the portal's OpenID Connect client secret, known to the identity provider
#   spbe-smtp                         the SMTP account notices are mailed with: SMTP_USERNAME and SMTP_PASSWORD
#   spbe-db-tls, spbe-db-ca           with --database-tls (the StatefulSet's database, ../statefulset): the server's
#                                     certificate for spbe-db-rw and the CA the processes verify it with; the CA's key
#                                     is thrown away (to renew, delete both Secrets and run this again)
# The office provides two more: spbe-tls (the certificate of the two hosts; kubernetes.io/tls) and spbe-backup-s3
# (ACCESS_KEY_ID and ACCESS_SECRET_KEY of the backup store). CloudNativePG makes spbe-db-ca itself.
# Usage: deploy/kubernetes/secrets.sh [--database-tls]           make what is missing
#        deploy/kubernetes/secrets.sh [--database-tls] --list    the names this script makes, one per line
#        deploy/kubernetes/secrets.sh --database-certificate DIR  only write the server's certificate into DIR
set -euo pipefail
processes=(identity intake assignment delivery reporting)
names=(spbe-db-owner "${processes[@]/#/spbe-db-}" spbe-portal-client spbe-smtp)
tls=
if [ "${1-}" = --database-tls ]; then tls=1; names+=(spbe-db-tls spbe-db-ca); shift; fi
if [ "${1-}" = --list ]; then printf '%s\n' "${names[@]}"; exit 0; fi

kube=(kubectl ${NAMESPACE:+--namespace "$NAMESPACE"})

# A CA of its own and the server's certificate (ca.crt, tls.crt, tls.key in $1) for the Service spbe-db-rw of
# namespace $2, valid five years.
certificate() {
  local dir=$1 ns=$2
  openssl req -x509 -newkey rsa:3072 -nodes -days 1830 -subj "/CN=spbe-db CA" -keyout "$dir/ca.key" -out "$dir/ca.crt" 2>/dev/null
  openssl req -newkey rsa:3072 -nodes -subj "/CN=spbe-db-rw" -keyout "$dir/tls.key" -out "$dir/tls.csr" 2>/dev/null
  printf '%s\n' "subjectAltName=DNS:spbe-db-rw,DNS:spbe-db-rw.$ns.svc,DNS:spbe-db-rw.$ns.svc.cluster.local" \
    basicConstraints=critical,CA:FALSE keyUsage=critical,digitalSignature,keyEncipherment extendedKeyUsage=serverAuth >"$dir/ext"
  openssl x509 -req -in "$dir/tls.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial -days 1825 -extfile "$dir/ext" \
    -out "$dir/tls.crt" 2>/dev/null
  rm -f "$dir/ca.key" "$dir/ca.srl" "$dir/tls.csr" "$dir/ext"
}
if [ "${1-}" = --database-certificate ]; then certificate "${2:?the directory}" "${NAMESPACE:-default}"; exit 0; fi
random() { head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
missing() { ! "${kube[@]}" get secret "$1" >/dev/null 2>&1; }

# The whole connection string is in the Secret too: neither podman's `kube play` nor every tool expands `$(VAR)`.
database=${DATABASE_HOST:-spbe-db-rw}
for role in owner "${processes[@]}"; do
  name=spbe-db-$role
  if missing "$name"; then
    password=$(random)
    "${kube[@]}" create secret generic "$name" --type=kubernetes.io/basic-auth \
      --from-literal=username="spbe_$role" --from-literal=password="$password" \
      --from-literal=connection="Host=$database;Database=spbe;Username=spbe_$role;Password=$password;SSL Mode=VerifyFull;Root Certificate=/etc/spbe/db-ca/ca.crt" \
      >/dev/null && echo "made $name"
  fi
done
missing spbe-portal-client && "${kube[@]}" create secret generic spbe-portal-client --from-literal=secret="$(random)" >/dev/null \
  && echo "made spbe-portal-client"
if missing spbe-smtp; then
  : "${SMTP_USERNAME:?set SMTP_USERNAME and SMTP_PASSWORD: the account notices are mailed with}" "${SMTP_PASSWORD:?}"
  "${kube[@]}" create secret generic spbe-smtp --from-literal=username="$SMTP_USERNAME" --from-literal=password="$SMTP_PASSWORD" >/dev/null
  echo "made spbe-smtp"
fi
if [ -n "$tls" ] && missing spbe-db-tls; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  certificate "$work" "${NAMESPACE:-$("${kube[@]}" config view --minify -o jsonpath='{..namespace}')}"
  [ -s "$work/tls.crt" ] || { echo "could not make the database's certificate (openssl)" >&2; exit 1; }
  "${kube[@]}" delete secret spbe-db-ca --ignore-not-found >/dev/null
  "${kube[@]}" create secret generic spbe-db-ca --from-file=ca.crt="$work/ca.crt" >/dev/null
  "${kube[@]}" create secret tls spbe-db-tls --cert="$work/tls.crt" --key="$work/tls.key" >/dev/null
  echo "made spbe-db-tls and spbe-db-ca"
fi
for office in spbe-tls spbe-backup-s3; do missing "$office" && echo "still missing, the office provides it: $office (README, \"Run on Kubernetes\")"; done
exit 0
