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
# What podman needs from the machine, and what this script does about each, as found on a Firecracker VM
# with Debian 12's podman 4.3.1 (docs/deploying.md has the figures):
# - OCI runtime: the first of runc, crun that can start a container on the base image is used
#   (AA_SMOKE_RUNTIME picks one). crun 1.8 refuses a hybrid cgroup layout whose cgroup2 hierarchy has a
#   controller enabled ("cgroups in hybrid mode not supported, drop all controllers from cgroupv2");
#   runc 1.1 runs there.
# - Resource limits: podman asks for nofile 1048576, which a root without CAP_SYS_RESOURCE may not raise
#   its hard limit to (runc: "error setting rlimit type 7: operation not permitted"). Lowering a limit is
#   always allowed, so every container gets the --ulimit values below.
# - Periodic health checks are systemd timers: without systemd, podman never runs them and logs "unable
#   to get systemd connection" errors on run and stop. 4.3 ignores --health-interval=disable unless
#   --health-cmd replaces the image's check (the thing under test), so those lines alone are filtered out
#   and the image's HEALTHCHECK is run once by hand below.
# - Storage (kernel overlay as root), cgroup manager (cgroupfs when systemd is not PID 1) and network
#   (netavark bridge) are podman's own defaults and are not overridden.
#
# Env: AA_SMOKE_RUNTIME, AA_DEBIAN_MIRROR, AA_SMOKE_KEEP_BASE=0 to drop the cached base image afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v podman >/dev/null || { echo "podman is not installed (apt-get install -y \$(grep -v '^#' .ci/apt-packages-container.txt))"; exit 2; }
podman info >/dev/null || { echo "podman cannot read its configuration or storage (podman info failed above)"; exit 2; }
limits=(--ulimit nofile=4096:4096 --ulimit nproc=4096:4096)
runtime=
podman_() { podman --runtime "$runtime" "$@"; }
base=localhost/affiliate-agent-base:bookworm-node20
artifacts=localhost/affiliate-agent-artifacts:smoke
image=localhost/affiliate-agent:smoke
name=affiliate-agent-smoke-$$
volume=affiliate-agent-smoke-$$
work=$(mktemp -d)

cleanup() {
  if [ -n "$runtime" ]; then podman_ rm -f "$name" >/dev/null 2>&1 || true; fi
  podman volume rm -f "$volume" >/dev/null 2>&1 || true
  podman rmi -f "$image" "$artifacts" >/dev/null 2>&1 || true
  [ "${AA_SMOKE_KEEP_BASE:-1}" = 1 ] || podman rmi -f "$base" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

now_ms() { date +%s%3N; }
timings=()
# time_phase LABEL START_MS: prints and records how long the phase took.
time_phase() {
  local seconds
  seconds=$(awk -v ms="$(( $(now_ms) - $2 ))" 'BEGIN{printf "%.1f", ms / 1000}')
  echo "($1: ${seconds} s)"
  timings+=("$1: ${seconds} s")
}

# without_timer_noise COMMAND...: runs it, showing its errors except podman's systemd health-check timer ones.
without_timer_noise() {
  local status=0
  "$@" 2>"$work/stderr" || status=$?
  grep -v 'unable to get systemd connection' "$work/stderr" >&2 || true
  return "$status"
}

step() { printf '\n== %s\n' "$*"; }

if ! podman image exists "$base"; then
  step "making the base image from Debian packages (debootstrap minbase)"
  started=$(now_ms)
  command -v debootstrap >/dev/null || { echo "debootstrap is not installed (apt-get install debootstrap)"; exit 2; }
  mirror=${AA_DEBIAN_MIRROR:-$( (grep -rhoE '^(URIs:|deb) +[a-z]+://[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d 2>/dev/null || true) | head -n1 | awk '{print $2}')}
  [ -n "$mirror" ] || { echo "no Debian mirror found in the apt sources; set AA_DEBIAN_MIRROR"; exit 2; }
  debootstrap --variant=minbase --include=passwd,ca-certificates bookworm "$work/rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 ||
    { tail -n 20 "$work/debootstrap.log"; exit 1; }
  node_binary=$(command -v node)
  "$node_binary" -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' || { echo "Node 20 or later is needed on this machine"; exit 2; }
  install -D -m 0755 "$node_binary" "$work/rootfs/usr/local/bin/node"
  rm -rf "$work/rootfs/var/cache/apt/archives/"*.deb "$work/rootfs/var/lib/apt/lists/"*
  tar -C "$work/rootfs" -c . | podman import -q --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - "$base" >/dev/null
  rm -rf "$work/rootfs"
  time_phase "base image (debootstrap + import)" "$started"
else
  echo "base image $base is cached (AA_SMOKE_KEEP_BASE=0 drops it after a run)"
fi

# The first runtime that starts a container here is the one used (see the top of this file).
candidates=${AA_SMOKE_RUNTIME:-runc crun}
for candidate in $candidates; do
  command -v "$candidate" >/dev/null || { echo "runtime $candidate: not installed"; continue; }
  if output=$(podman --runtime "$candidate" run --rm "${limits[@]}" "$base" node -e 'console.log("Node " + process.version)' 2>&1); then
    runtime=$candidate
    echo "runtime $candidate ($("$candidate" --version | head -n1)): base image runs $output"
    break
  fi
  echo "runtime $candidate cannot start a container here: $output"
done
[ -n "$runtime" ] || {
  echo "no OCI runtime of \"$candidates\" can start a container on this machine (the errors are above)."
  if [ "$(stat -fc %T /sys/fs/cgroup)" = cgroup2fs ]; then layout="cgroup v2"
  elif [ -f /sys/fs/cgroup/unified/cgroup.controllers ]; then layout="hybrid cgroups (v1, and v2 at /sys/fs/cgroup/unified with controllers: $(cat /sys/fs/cgroup/unified/cgroup.controllers))"
  else layout="cgroup v1"; fi
  echo "This machine has $layout. crun 1.8 refuses hybrid cgroups with v2 controllers; runc 1.1 runs them (apt-get install runc)."
  exit 1
}

step "building the service on this machine"
started=$(now_ms)
npm run --silent build:service
npm run --silent build:blocks # always: an older block build must not end up in the image
time_phase "service build on the host" "$started"

step "building the image: the host's build, then deploy/Containerfile's runtime stage"
started=$(now_ms)
mkdir -p "$work/context/app/node_modules"
cp package.json "$work/context/app/"
for module in better-sqlite3 bindings file-uri-to-path; do cp -rL "node_modules/$module" "$work/context/app/node_modules/"; done
mkdir -p "$work/context/app/dist" "$work/context/app/build/blocks"
cp -r dist/service "$work/context/app/dist/"
cp -r build/blocks/chat "$work/context/app/build/blocks/"
printf 'FROM scratch\nCOPY app /app\n' >"$work/context/Containerfile"
podman_ build -q "${limits[@]}" -t "$artifacts" "$work/context" >/dev/null
# The runtime stage verbatim (from the last FROM on), behind a build stage that is the host's build.
{
  printf 'ARG BASE=%s\nFROM %s AS build\n' "$base" "$artifacts"
  awk '/^FROM /{stage=""} {stage=stage $0 "\n"} END{printf "%s", stage}' deploy/Containerfile
} >"$work/context/Containerfile.runtime"
# shellcheck disable=SC2016 # a literal ${BASE} is what the line must say
grep -q '^FROM \${BASE}$' "$work/context/Containerfile.runtime" || { echo "deploy/Containerfile no longer ends with a FROM \${BASE} runtime stage"; exit 1; }
# Docker format: the OCI image format has no HEALTHCHECK, and podman drops it silently.
podman_ build -q --format docker "${limits[@]}" --build-arg BASE="$base" -f "$work/context/Containerfile.runtime" -t "$image" "$work/context" >/dev/null
echo "image: $(podman image inspect --format '{{.Id}}' "$image" | cut -c1-12), $(podman image inspect --format '{{.Size}}' "$image" | awk '{printf "%d MB", $1 / 1e6}'), user $(podman image inspect --format '{{.Config.User}}' "$image")"
healthcheck=$(podman image inspect --format '{{if .Config.Healthcheck}}{{json .Config.Healthcheck.Test}}{{end}}' "$image")
[ -n "$healthcheck" ] || { echo "the image has no HEALTHCHECK (built in OCI format, or the Containerfile lost it)"; exit 1; }
time_phase "image build" "$started"

step "starting it"
podman volume create "$volume" >/dev/null
started=$(now_ms)
without_timer_noise podman_ run -d "${limits[@]}" --name "$name" -p 127.0.0.1::8787 -v "$volume:/data" "$image" >/dev/null
port=$(podman port "$name" 8787/tcp | head -n1 | sed 's/.*://')
base_url="http://127.0.0.1:$port"
for _ in $(seq 1 100); do curl -fsS "$base_url/health" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fsS "$base_url/health" >/dev/null 2>&1 || { echo "GET /health did not answer within 10 s; the container's log:"; podman logs "$name" 2>&1 | tail -n 20; exit 1; }
podman_ healthcheck run "$name" || { echo "the HEALTHCHECK ($healthcheck) failed"; exit 1; }
time_phase "start to healthy (/health answers, then the HEALTHCHECK passes)" "$started"
echo "GET /health -> $(curl -fsS "$base_url/health")"
echo "GET /ready  -> $(curl -fsS "$base_url/ready")"
echo "HEALTHCHECK $healthcheck: healthy"
uid=$(podman_ exec "$name" id -u)
[ "$uid" != 0 ] || { echo "the service runs as root"; exit 1; }
echo "runs as uid $uid ($(podman_ exec "$name" id -un))"
podman_ exec "$name" test -s /data/affiliate-agent.sqlite || { echo "no database in the /data volume"; exit 1; }
echo "database in the /data volume ($(podman volume inspect --format '{{.Mountpoint}}' "$volume"))"

step "stopping it with SIGTERM"
started=$(now_ms)
without_timer_noise podman_ stop -t 20 "$name" >/dev/null
time_phase "stop" "$started"
code=$(podman inspect --format '{{.State.ExitCode}}' "$name")
podman logs "$name" 2>&1 | tail -n 2
[ "$code" = 0 ] || { echo "exit code $code after SIGTERM"; exit 1; }
echo "stopped cleanly (exit code 0)"

printf '\ncontainer smoke: passed (podman %s, runtime %s)\n' "$(podman version --format '{{.Client.Version}}')" "$runtime"
printf '  %s\n' "${timings[@]}"
