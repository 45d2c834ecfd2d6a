#!/usr/bin/env bash
# Makes the system's Secrets in the current kubectl namespace (or $NAMESPACE), each with a random value, once: a
# Secret that exists is kept (running it again rotates nothing). None of them is ever in the repository.
#   spbe-db-owner, spbe-db-<process>  kubernetes.io/basic-auth: the database roles (CloudNativePG creates the roles
#                                     from username and password) and `connection`, the processes' connection string
#                                     to $DATABASE_HOST (default spbe-db-rw, the Cluster's primary)
#   spbe-portal-client                the portal's OpenID Connect client secret, known to the identity provider
#   spbe-smtp                         the SMTP account notices are mailed with: SMTP_USERNAME and SMTP_PASSWORD
# The office provides two more: spbe-tls (the certificate of the two hosts; kubernetes.io/tls) and spbe-backup-s3
# (ACCESS_KEY_ID and ACCESS_SECRET_KEY of the backup store). CloudNativePG makes spbe-db-ca.
# Usage: deploy/kubernetes/secrets.sh            make what is missing
#        deploy/kubernetes/secrets.sh --list     the names this script makes, one per line
set -euo pipefail
processes=(identity intake assignment delivery reporting)
names=(spbe-db-owner "${processes[@]/#/spbe-db-}" spbe-portal-client spbe-smtp)
if [ "${1-}" = --list ]; then printf '%s\n' "${names[@]}"; exit 0; fi

kube=(kubectl ${NAMESPACE:+--namespace "$NAMESPACE"})
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
for office in spbe-tls spbe-backup-s3; do missing "$office" && echo "still missing, the office provides it: $office (README, \"Run on Kubernetes\")"; done
exit 0
