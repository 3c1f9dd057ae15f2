#!/usr/bin/env bash
# The container route, proven on a machine with no Docker engine and no reachable registry:
#   1. debian:bookworm-slim built locally with debootstrap (minbase, as Debian's official slim image is made);
#   2. every image built with podman from the repository's own Dockerfiles (the ones docker compose uses);
#   3. the compose stack started with podman-compose;
#   4. a comment posted through the gateway on :8080 and read back published, through the gateway too.
# Prints each image's size and each service's seconds from start to healthy; leaves nothing running.
# Needs root, the services packaged first (./mvnw package -DskipTests), and Debian's package mirror.
set -euo pipefail
cd "$(dirname "$0")/../.."

# Podman asks for more open files and processes per container than this sandbox allows (containers.conf says so),
# and keeps a Dockerfile's HEALTHCHECK only in Docker's image format.
export CONTAINERS_CONF="$PWD/deploy/containers/containers.conf"
export BUILDAH_FORMAT=docker
PROJECT=talkbackcheck
COMPOSE=(podman-compose -p "$PROJECT" -f docker-compose.yml)

missing=()
for tool in podman podman-compose debootstrap runc bc curl; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q podman podman-compose debootstrap runc bc curl >/dev/null
fi
for service in comment-intake spam-check publication; do
  [ -f "services/$service/target/quarkus-app/quarkus-run.jar" ] || {
    echo "services/$service is not packaged: run ./mvnw package -DskipTests first" >&2; exit 1; }
done

if ! podman image exists docker.io/library/debian:bookworm-slim; then
  echo "== building debian:bookworm-slim with debootstrap"
  rootfs=$(mktemp -d /var/tmp/talkback-rootfs.XXXXXX)
  debootstrap --variant=minbase bookworm "$rootfs" http://deb.debian.org/debian >/dev/null
  # Slim as Debian's own slim images are: no manuals, documentation or translations, now or in later installs.
  cat > "$rootfs/etc/dpkg/dpkg.cfg.d/talkback-slim" <<'SLIM'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/groff/*
SLIM
  find "$rootfs/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
  rm -rf "$rootfs"/usr/share/{man,info,locale,lintian,groff}/* "$rootfs"/var/cache/apt/*.bin \
         "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/log/*.log
  tar -C "$rootfs" -c . | podman import --change 'CMD ["bash"]' - docker.io/library/debian:bookworm-slim >/dev/null
  rm -rf "$rootfs"
fi

# Fresh secrets for this run only.
secret() { head -c 18 /dev/urandom | base64 | tr -d '/+='; }
export TALKBACK_DB_PASSWORD=$(secret) TALKBACK_EVENTS_SECRET=$(secret)$(secret)
export TALKBACK_ADMIN_PASSWORD=$(secret) TALKBACK_MODERATOR_PASSWORD=$(secret)
# podman-compose 1.0.3 (Debian 12) ignores the compose file's subnet, so the network is made here with it (intake
# trusts X-Forwarded-For from that subnet, where the gateway has already replaced any client's header).

cleanup() {
  "${COMPOSE[@]}" down -v >/dev/null 2>&1 || true
  podman network rm -f "${PROJECT}_talkback" >/dev/null 2>&1 || true
  podman volume rm -f "${PROJECT}_talkback-data" >/dev/null 2>&1 || true
}
trap cleanup EXIT
cleanup
podman network create --subnet 172.28.0.0/24 "${PROJECT}_talkback" >/dev/null

echo "== building the images"
# podman-compose 1.0.3 answers 0 even when a build failed: each image is looked for afterwards.
"${COMPOSE[@]}" build >/tmp/talkback-container-build.log 2>&1 || true
for image in postgres:15 comment-intake:latest spam-check:latest publication:latest gateway:latest; do
  podman image exists "talkback/$image" || {
    grep -B5 -A5 -m3 'Error:' /tmp/talkback-container-build.log >&2; echo "talkback/$image was not built" >&2; exit 1; }
done
for image in postgres:15 comment-intake:latest spam-check:latest publication:latest gateway:latest; do
  printf '%-40s %s\n' "talkback/$image" "$(podman image inspect --format '{{.Size}}' "talkback/$image" \
    | awk '{printf "%.0f MB", $1 / 1000000}')"
done

echo "== starting the stack"
started=$(date +%s.%N)
"${COMPOSE[@]}" up -d >/tmp/talkback-container-up.log 2>&1 || { tail -40 /tmp/talkback-container-up.log >&2; exit 1; }

# podman-compose 1.0.3 starts containers in dependency order but does not wait for health (the services restart
# until PostgreSQL answers). Health is polled here, as Docker Compose's service_healthy would.
healthy() { [ "$(podman inspect --format '{{.State.Health.Status}}' "${PROJECT}_$1_1" 2>/dev/null)" = healthy ] \
  || podman healthcheck run "${PROJECT}_$1_1" >/dev/null 2>&1; }
for service in postgres comment-intake spam-check publication gateway; do
  until healthy "$service"; do
    if [ "$(echo "$(date +%s.%N) - $started > 300" | bc)" = 1 ]; then
      echo "$service not healthy after 300 s" >&2
      podman logs --tail 40 "${PROJECT}_${service}_1" >&2 || true
      exit 1
    fi
    sleep 1
  done
  printf '%-16s healthy %5.1f s after up\n' "$service" "$(echo "$(date +%s.%N) - $started" | bc)"
done

for service in postgres comment-intake spam-check publication gateway; do
  printf '%-16s at %-14s read-only root: %s\n' "$service" \
    "$(podman inspect --format '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "${PROJECT}_${service}_1")" \
    "$(podman inspect --format '{{.HostConfig.ReadonlyRootfs}}' "${PROJECT}_${service}_1")"
done
for service in comment-intake spam-check publication; do
  [ "$(podman inspect --format '{{.HostConfig.ReadonlyRootfs}}' "${PROJECT}_${service}_1")" = true ] || {
    echo "$service runs with a writable root filesystem" >&2; exit 1; }
done

# Podman 4.3's DNS (aardvark-dns) sometimes leaves the first lookups of a new container's name unanswered for
# 20-40 s (measured: glibc's resolver waits on it, then on the host's); events sent meanwhile are retried by the
# relay and arrive late, never lost. The check waits for the names first, so that its timing is the stack's own.
for from in comment-intake spam-check publication; do
  for name in comment-intake spam-check publication; do
    until podman exec "${PROJECT}_${from}_1" getent hosts "$name" >/dev/null 2>&1; do
      if [ "$(echo "$(date +%s.%N) - $started > 300" | bc)" = 1 ]; then
        echo "$from cannot resolve $name after 300 s" >&2; exit 1
      fi
      sleep 1
    done
  done
done
printf 'the services resolve each other %.1f s after up\n' "$(echo "$(date +%s.%N) - $started" | bc)"

echo "== a comment through the gateway"
thread="https://news.example/$(date +%s)/containers"
posted=$(curl -sf -X POST localhost:8080/api/v1/comments -H 'Content-Type: application/json' \
  -H 'Origin: http://localhost:8080' -H 'X-Forwarded-For: 198.51.100.23' \
  -d "{\"site\":\"default\",\"threadUrl\":\"$thread\",\"author\":{\"name\":\"Ann\"},
       \"body\":\"The bridge closure hit our street hard; thanks for covering it.\"}")
echo "posted: $posted"
posted_at=$(date +%s.%N)
# Generous: a relay that met a service still starting backs off (up to 30 s) before it tries again.
for attempt in $(seq 1 120); do
  if [ "$attempt" = 6 ]; then
    echo "-- not published after 5 s; intake's deliveries (destination, attempts, failures, last error):" >&2
    podman exec "${PROJECT}_postgres_1" psql -h /var/run/postgresql -U talkback -d talkback_intake -tAc \
      "select destination, attempts, failures, left(coalesce(last_error, ''), 300) from outbox_delivery" >&2 || true
  fi
  page=$(curl -sf "localhost:8080/api/v1/threads/comments?site=default&url=$thread" || true)
  if grep -q 'The bridge closure hit our street hard' <<<"$page"; then
    took=$(echo "$(date +%s.%N) - $posted_at" | bc)
    printf 'published after %.1f s and read back through the gateway: %s\n' "$took" "$(cut -c1-200 <<<"$page")"
    # Usually about a second; a slow one is worth its logs (a CI run once took 22 s, unexplained so far).
    if [ "$(echo "$took > 5" | bc)" = 1 ]; then
      for service in comment-intake spam-check publication; do
        echo "-- $service" >&2; podman logs --tail 15 "${PROJECT}_${service}_1" 2>&1 | cut -c1-240 >&2 || true
      done
      for db in talkback_intake talkback_spamcheck talkback_publication; do
        echo "-- events in $db: type, destination, attempts, written, delivered, last error" >&2
        podman exec "${PROJECT}_postgres_1" psql -h /var/run/postgresql -U talkback -d "$db" -tAc \
          "select o.type, d.destination, d.attempts, to_char(o.timestamp, 'HH24:MI:SS.MS'),
                  to_char(d.delivered_at, 'HH24:MI:SS.MS'), left(coalesce(d.last_error, ''), 160)
           from outbox o join outbox_delivery d on d.event_id = o.id order by o.seq" >&2 || true
      done
    fi
    # The X-Forwarded-For sent with the comment was forged; intake must have kept an address of the gateway's seeing.
    id=$(sed -E 's/.*"id":"([^"]+)".*/\1/' <<<"$posted")
    recorded=$(podman exec "${PROJECT}_postgres_1" psql -h /var/run/postgresql -U talkback -d talkback_intake -tAc \
      "select client_ip from comment where id = '$id'")
    echo "intake recorded the reader's address as $recorded (the forged X-Forwarded-For said 198.51.100.23)"
    [ -n "$recorded" ] && [ "$recorded" != 198.51.100.23 ] || { echo "a forged X-Forwarded-For was believed" >&2; exit 1; }
    echo "the demo article and the widget, as the README promises:"
    for path in /demo/ /widget.js; do
      status=$(curl -s -o /dev/null -w '%{http_code}' "localhost:8080$path")
      echo "  $path -> $status"
      [ "$status" = 200 ] || { echo "$path is not served through the gateway" >&2; exit 1; }
    done
    echo "the gateway does not route the internal endpoints:"
    for path in /internal/events /q/health; do
      status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "localhost:8080$path")
      echo "  $path -> $status"
      [ "$status" = 404 ] || { echo "$path is reachable through the gateway" >&2; exit 1; }
    done
    exit 0
  fi
  sleep 1
done
echo "the comment was not published within 120 s; last page: $page" >&2
for service in comment-intake spam-check publication; do podman logs --tail 20 "${PROJECT}_${service}_1" >&2 || true; done
exit 1
