#!/usr/bin/env bash
# Container smoke test (docs/deploying.md, "Container"): builds the image from deploy/Containerfile
# with podman, starts it, checks /health, /ready, the non-root user and the HEALTHCHECK, then stops
# it with SIGTERM and checks it stopped cleanly. Slow (a Debian base image is made the first time),
# so it is not part of `npm test`: run `npm run smoke:container` by hand or in a release job.
#
# Where no image registry is reachable (this project's CI and development machines), the base is
# made from Debian's own packages: debootstrap (minbase, from the mirror apt already uses, or
# AA_DEBIAN_MIRROR) imported with `podman import`, plus this machine's Node 20 binary, because
# Debian 12 ships Node 18. The service is built on this machine (`npm run build:service`,
# `npm run build:blocks`, since `npm ci` inside the image needs downloads this machine cannot make)
# and stands in for the Containerfile's build stage; the runtime stage — user, volume, health check,
# stop signal, command — is taken from deploy/Containerfile unchanged.
# With a registry, `podman build -f deploy/Containerfile .` builds everything inside the image.
#
# Env: AA_SMOKE_RUNTIME (OCI runtime; default runc when installed: crun refuses hybrid cgroups),
#      AA_DEBIAN_MIRROR, AA_SMOKE_KEEP_BASE=0 to drop the cached base image afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v podman >/dev/null || { echo "podman is not installed (apt-get install podman)"; exit 2; }
runtime=${AA_SMOKE_RUNTIME:-$(command -v runc >/dev/null && echo runc || echo crun)}
# Sandboxes often forbid raising RLIMIT_NOFILE/NPROC; lowered limits are always allowed.
limits=(--ulimit nofile=4096:4096 --ulimit nproc=4096:4096)
podman_() { podman --runtime "$runtime" "$@"; }
base=localhost/affiliate-agent-base:bookworm-node20
artifacts=localhost/affiliate-agent-artifacts:smoke
image=localhost/affiliate-agent:smoke
name=affiliate-agent-smoke-$$
volume=affiliate-agent-smoke-$$
work=$(mktemp -d)

cleanup() {
  podman_ rm -f "$name" >/dev/null 2>&1 || true
  podman volume rm -f "$volume" >/dev/null 2>&1 || true
  podman rmi -f "$image" "$artifacts" >/dev/null 2>&1 || true
  [ "${AA_SMOKE_KEEP_BASE:-1}" = 1 ] || podman rmi -f "$base" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

step() { printf '\n== %s\n' "$*"; }

if ! podman image exists "$base"; then
  step "making the base image from Debian packages (debootstrap minbase)"
  command -v debootstrap >/dev/null || { echo "debootstrap is not installed (apt-get install debootstrap)"; exit 2; }
  mirror=${AA_DEBIAN_MIRROR:-$( (grep -rhoE '^(URIs:|deb) +[a-z]+://[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d 2>/dev/null || true) | head -n1 | awk '{print $2}')}
  [ -n "$mirror" ] || { echo "no Debian mirror found in the apt sources; set AA_DEBIAN_MIRROR"; exit 2; }
  debootstrap --variant=minbase --include=passwd,ca-certificates bookworm "$work/rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 ||
    { tail -n 20 "$work/debootstrap.log"; exit 1; }
  node_binary=$(command -v node)
  "$node_binary" -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' || { echo "Node 20 or later is needed on this machine"; exit 2; }
  install -D -m 0755 "$node_binary" "$work/rootfs/usr/local/bin/node"
  rm -rf "$work/rootfs/var/cache/apt/archives/"*.deb "$work/rootfs/var/lib/apt/lists/"*
  tar -C "$work/rootfs" -c . | podman import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - "$base" >/dev/null
  rm -rf "$work/rootfs"
fi
podman_ run --rm "${limits[@]}" "$base" node -e 'console.log("base image: Node " + process.version)'

step "building the service on this machine"
npm run --silent build:service
[ -d build/blocks/chat ] || npm run --silent build:blocks
mkdir -p "$work/context/app/node_modules"
cp package.json "$work/context/app/"
for module in better-sqlite3 bindings file-uri-to-path; do cp -rL "node_modules/$module" "$work/context/app/node_modules/"; done
mkdir -p "$work/context/app/dist" "$work/context/app/build/blocks"
cp -r dist/service "$work/context/app/dist/"
cp -r build/blocks/chat "$work/context/app/build/blocks/"
printf 'FROM scratch\nCOPY app /app\n' >"$work/context/Containerfile"
podman_ build -q "${limits[@]}" -t "$artifacts" "$work/context" >/dev/null

step "building deploy/Containerfile's runtime stage"
# The runtime stage verbatim (from the last FROM on), behind a build stage that is the host's build.
{
  printf 'ARG BASE=%s\nFROM %s AS build\n' "$base" "$artifacts"
  awk '/^FROM /{stage=""} {stage=stage $0 "\n"} END{printf "%s", stage}' deploy/Containerfile
} >"$work/context/Containerfile.runtime"
grep -q '^FROM \${BASE}$' "$work/context/Containerfile.runtime" || { echo "deploy/Containerfile no longer ends with a FROM \${BASE} runtime stage"; exit 1; }
# Docker format: the OCI image format has no HEALTHCHECK, and podman drops it silently.
podman_ build -q --format docker "${limits[@]}" --build-arg BASE="$base" -f "$work/context/Containerfile.runtime" -t "$image" "$work/context" >/dev/null
echo "image: $(podman image inspect --format '{{.Id}}' "$image" | cut -c1-12), user $(podman image inspect --format '{{.Config.User}}' "$image")"

step "starting it"
podman volume create "$volume" >/dev/null
# Without systemd podman logs that it cannot schedule the periodic health check; it is run once below.
podman_ run -d "${limits[@]}" --name "$name" -p 127.0.0.1::8787 -v "$volume:/data" "$image" >/dev/null
port=$(podman port "$name" 8787/tcp | head -n1 | sed 's/.*://')
base_url="http://127.0.0.1:$port"
for _ in $(seq 1 50); do curl -fsS "$base_url/health" >/dev/null 2>&1 && break; sleep 0.2; done
echo "GET /health -> $(curl -fsS "$base_url/health")"
echo "GET /ready  -> $(curl -fsS "$base_url/ready")"
uid=$(podman_ exec "$name" id -u)
[ "$uid" != 0 ] || { echo "the service runs as root"; exit 1; }
echo "runs as uid $uid ($(podman_ exec "$name" id -un))"
podman_ healthcheck run "$name" || { echo "the HEALTHCHECK failed or is missing"; exit 1; }
echo "HEALTHCHECK: healthy"
podman_ exec "$name" test -s /data/affiliate-agent.sqlite || { echo "no database in the /data volume"; exit 1; }
echo "database in the /data volume"

step "stopping it with SIGTERM"
podman_ stop -t 20 "$name" >/dev/null
code=$(podman inspect --format '{{.State.ExitCode}}' "$name")
podman logs "$name" 2>&1 | tail -n 3
[ "$code" = 0 ] || { echo "exit code $code after SIGTERM"; exit 1; }
echo "stopped cleanly (exit code 0)"
printf '\ncontainer smoke: passed\n'
