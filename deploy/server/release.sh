#!/usr/bin/env bash
# Makes the release an office installs on its server (README, "Install on a server"): one archive with the images
# (deploy/images/build.sh VERSION must have built them), the server's manifest rendered from deploy/server (the
# Kubernetes base with this overlay), install.sh, the `spbe` command, its systemd units, the Caddyfile and the
# PostgreSQL scripts the development cluster runs too.
# Usage: deploy/server/release.sh VERSION [OUTPUT_DIRECTORY]   →   OUTPUT_DIRECTORY/spbe-VERSION.tar
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
version=${1:?usage: release.sh VERSION [OUTPUT_DIRECTORY]}
out=$(mkdir -p "${2:-.}" && cd "${2:-.}" && pwd)
processes=(identity intake assignment delivery reporting portal)
work=$(mktemp -d "${TMPDIR:-/tmp}/spbe-release.XXXXXX")
trap 'rm -rf "$work"' EXIT
dir=$work/spbe-$version
mkdir -p "$dir/postgres" "$dir/systemd"
echo "$version" >"$dir/VERSION"
kubectl kustomize "$here" | sed "s#:VERSION\$#:$version#" >"$dir/spbe.yaml"
cp "$here/install.sh" "$here/spbe" "$here/Caddyfile" "$here/spbe.conf.example" "$dir/"
cp "$here"/systemd/* "$dir/systemd/"
cp "$root/src/AppHost/postgres/init.sh" "$root/src/AppHost/postgres/run.sh" "$dir/postgres/"
images=()
for p in "${processes[@]}"; do images+=("localhost/spbe-$p:$version"); done
podman save -q -m --format docker-archive -o "$dir/images.tar" "${images[@]}"
tar -C "$work" -cf "$out/spbe-$version.tar" "spbe-$version"
echo "$out/spbe-$version.tar"
