#!/usr/bin/env bash
# Builds the release's OCI images from Debian's packages and this checkout; no container registry is needed
# (README, "Images"). Three layers, each made once and reused:
#   localhost/spbe-base:bookworm          debootstrap minbase with ICU, OpenSSL, GSSAPI (Npgsql loads it), CA certificates and time zones
#   localhost/spbe-runtime:<.NET version> the .NET and ASP.NET Core runtimes and a user 'spbe' (10001): one layer
#                                         every process shares, so their runtime files are one copy in the page cache
#   localhost/spbe-<process>:<version>    the process, published framework-dependent and ReadyToRun, owned by root
#                                         and run as 10001 (a read-only root file system is enough: /tmp aside)
# The processes: identity, intake, assignment, delivery, reporting, portal; each image is also its migration step
# (`<image> migrate`). And localhost/spbe-postgres:<version>: Debian's PostgreSQL 15 on the base with init.sh, run as
# postgres (10002), for a Kubernetes cluster without the operator (deploy/kubernetes/statefulset).
# Usage: deploy/images/build.sh [VERSION] (default: git describe). Needs podman, buildah, debootstrap (as root), the .NET
# SDK, and Debian's mirror (also inside the build, for the PostgreSQL image).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
version=${1:-$(git -C "$root" describe --tags --always --dirty 2>/dev/null || echo dev)}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
processes=(Identity Intake Assignment Delivery Reporting Portal)
work=$(mktemp -d "${TMPDIR:-/tmp}/spbe-images.XXXXXX")
trap 'rm -rf "$work"' EXIT

base=localhost/spbe-base:bookworm
if ! podman image exists "$base"; then
  echo "== $base: debootstrap bookworm (minbase) from $mirror"
  debootstrap --variant=minbase --include=libicu72,libssl3,libgssapi-krb5-2,ca-certificates,tzdata bookworm "$work/rootfs" "$mirror" >"$work/debootstrap.log" \
    || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
  # Nothing of apt's downloads or lists in the image.
  rm -rf "$work/rootfs/var/cache/apt/archives/"*.deb "$work/rootfs/var/lib/apt/lists/"*
  tar -C "$work/rootfs" -c . | podman import --change 'CMD ["/bin/bash"]' - "$base" >/dev/null
  rm -rf "$work/rootfs"
fi

dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
netcore=$(dotnet --list-runtimes | awk '$1 == "Microsoft.NETCore.App" { v = $2 } END { print v }')
aspnet=$(dotnet --list-runtimes | awk '$1 == "Microsoft.AspNetCore.App" { v = $2 } END { print v }')
fxr=$(ls "$dotnet_root/host/fxr" | sort -V | tail -1)
runtime=localhost/spbe-runtime:$netcore
if ! podman image exists "$runtime"; then
  echo "== $runtime: .NET $netcore, ASP.NET Core $aspnet"
  ctx=$work/runtime
  mkdir -p "$ctx/dotnet/host/fxr" "$ctx/dotnet/shared/Microsoft.NETCore.App" "$ctx/dotnet/shared/Microsoft.AspNetCore.App"
  cp -a "$dotnet_root/dotnet" "$dotnet_root/LICENSE.txt" "$dotnet_root/ThirdPartyNotices.txt" "$ctx/dotnet/"
  cp -a "$dotnet_root/host/fxr/$fxr" "$ctx/dotnet/host/fxr/"
  cp -a "$dotnet_root/shared/Microsoft.NETCore.App/$netcore" "$ctx/dotnet/shared/Microsoft.NETCore.App/"
  cp -a "$dotnet_root/shared/Microsoft.AspNetCore.App/$aspnet" "$ctx/dotnet/shared/Microsoft.AspNetCore.App/"
  cat >"$ctx/Containerfile" <<EOF
FROM $base
COPY dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet && useradd --uid 10001 --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin spbe
ENV DOTNET_ROOT=/usr/share/dotnet DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_RUNNING_IN_CONTAINER=true TZ=Asia/Jakarta
EOF
  buildah bud --quiet --layers -f "$ctx/Containerfile" -t "$runtime" "$ctx" >/dev/null
fi

for process in "${processes[@]}"; do
  name=$(echo "$process" | tr '[:upper:]' '[:lower:]')
  image=localhost/spbe-$name:$version
  echo "== $image"
  ctx=$work/$name
  dotnet publish "$root/src/$process" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -p:UseAppHost=true -o "$ctx/app" -nologo -v quiet >"$work/publish-$name.log" || { tail -30 "$work/publish-$name.log" >&2; exit 1; }
  cat >"$ctx/Containerfile" <<EOF
FROM $runtime
COPY app /app
WORKDIR /app
USER 10001:10001
ENV DOTNET_ENVIRONMENT=Production ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
ENTRYPOINT ["/app/Spbe.$process"]
LABEL org.opencontainers.image.title="spbe-$name" org.opencontainers.image.version="$version" org.opencontainers.image.base.name="$runtime"
EOF
  buildah bud --quiet --layers -f "$ctx/Containerfile" -t "$image" "$ctx" >/dev/null
  rm -rf "$ctx"
done
image=localhost/spbe-postgres:$version
echo "== $image"
ctx=$work/postgres
mkdir -p "$ctx"
cp "$root/src/AppHost/postgres/init.sh" "$ctx/"
# No cluster from the package (init.sh makes the system's in the data volume); a fixed uid for runAsUser.
cat >"$ctx/Containerfile" <<EOF
FROM $base
RUN mkdir -p /etc/postgresql-common/createcluster.d \\
 && echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.d/spbe.conf \\
 && apt-get update && apt-get install -y --no-install-recommends postgresql-15 \\
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb \\
 && groupmod -g 10002 postgres && usermod -u 10002 -g 10002 postgres \\
 && chown -R postgres:postgres /var/lib/postgresql /var/run/postgresql
COPY --chmod=0755 init.sh /usr/local/lib/spbe/init.sh
USER 10002:10002
ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 TZ=Asia/Jakarta
EXPOSE 5432
LABEL org.opencontainers.image.title="spbe-postgres" org.opencontainers.image.version="$version" org.opencontainers.image.base.name="$base"
EOF
buildah bud --quiet --layers -f "$ctx/Containerfile" -t "$image" "$ctx" >/dev/null
rm -rf "$ctx"
echo "built: ${processes[*]} as localhost/spbe-<process>:$version, and $image"
