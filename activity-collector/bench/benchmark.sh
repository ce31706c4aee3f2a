#!/usr/bin/env bash
# Benchmark: one activity-collector polls N simulated Jupyter servers (the studio-simulator's /targets/<name>)
# per cycle and publishes to a real Kafka broker. Prints, per cycle window: polls completed (observed /
# unobserved), targets not polled in the window (boundary effects aside), the largest age of a target's last
# attempt (above the interval: a missed cycle), the slowest poll, the collector's CPU (% of one core) and RSS.
#
#   activity-collector/bench/benchmark.sh [--targets 2000] [--interval 30] [--cycles 6] [--concurrency auto]
#                                          [--kernels 2] [--terminals 1] [--heap 512m] [--slow 0] [--slow-by 4s]
#
# --slow N makes the first N targets answer every request --slow-by late (the simulator's "slow" reachability), to
# show that slow servers do not make the others miss their cycle.
#
# COLLECTOR_JAR runs another build of the collector; COLLECTOR_JAVA_OPTS adds JVM options to it
# (e.g. -XX:StartFlightRecording=filename=/tmp/c.jfr).
# Needs: the collector and the simulator packaged (mvn -B -pl studio-simulator,activity-collector package
# -DskipTests) and the events module installed. Everything listens on 127.0.0.1 and is stopped on exit.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TARGETS=2000 INTERVAL=30 CYCLES=6 CONCURRENCY=auto KERNELS=2 TERMINALS=1 HEAP=512m SLOW=0 SLOW_BY=4s
while [[ $# -gt 0 ]]; do
  case "$1" in
    --targets) TARGETS="$2"; shift 2 ;;
    --interval) INTERVAL="$2"; shift 2 ;;
    --cycles) CYCLES="$2"; shift 2 ;;
    --concurrency) CONCURRENCY="$2"; shift 2 ;;
    --kernels) KERNELS="$2"; shift 2 ;;
    --terminals) TERMINALS="$2"; shift 2 ;;
    --heap) HEAP="$2"; shift 2 ;;
    --slow) SLOW="$2"; shift 2 ;;
    --slow-by) SLOW_BY="$2"; shift 2 ;;
    *) sed -n '2,18p' "$0"; exit 2 ;;
  esac
done

COLLECTOR_JAR="${COLLECTOR_JAR:-$ROOT/activity-collector/target/quarkus-app/quarkus-run.jar}"
SIMULATOR_JAR="$ROOT/studio-simulator/target/quarkus-app/quarkus-run.jar"
[[ -f "$COLLECTOR_JAR" && -f "$SIMULATOR_JAR" ]] || {
  echo "package first: mvn -B -pl studio-simulator,activity-collector package -DskipTests" >&2; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_http() { # url seconds
  for _ in $(seq 1 "$(( $2 * 5 ))"); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.2; done
  echo "no answer from $1" >&2; return 1
}

WORK="$(mktemp -d "${TMPDIR:-/tmp}/sundown-bench.XXXXXX")"
KAFKA_PORT="$(free_port)"; SIM_PORT="$(free_port)"; COLLECTOR_PORT="$(free_port)"
SIM_PID="" COLLECTOR_PID=""
cleanup() {
  [[ -n "$COLLECTOR_PID" ]] && kill "$COLLECTOR_PID" 2>/dev/null || true
  [[ -n "$SIM_PID" ]] && kill "$SIM_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  "$ROOT/bin/kafka-broker" stop --data "$WORK/kafka" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "# broker on 127.0.0.1:$KAFKA_PORT"
"$ROOT/bin/kafka-broker" start --port "$KAFKA_PORT" --data "$WORK/kafka" >/dev/null
"$ROOT/bin/kafka-broker" create-topics --port "$KAFKA_PORT" --data "$WORK/kafka" >/dev/null

cat > "$WORK/world.yaml" <<YAML
targets:
  - generate: {count: $TARGETS, namePrefix: bench-, token: bench-token, kernelsEach: $KERNELS, terminalsEach: $TERMINALS, idleSince: 10m}
YAML
echo "# simulator with $TARGETS targets on 127.0.0.1:$SIM_PORT"
java -Xmx512m -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$SIM_PORT" -Dsimulator.world="$WORK/world.yaml" \
  -jar "$SIMULATOR_JAR" > "$WORK/simulator.log" 2>&1 &
SIM_PID=$!
wait_http "http://127.0.0.1:$SIM_PORT/_sim/world" 60
if (( SLOW > 0 )); then
  echo "# $SLOW target(s) answer $SLOW_BY late"
  for i in $(seq 1 "$SLOW"); do
    curl -fsS -o /dev/null -X PUT -H 'Content-Type: application/json' \
      -d "{\"mode\":\"slow\",\"slowBy\":\"$SLOW_BY\"}" \
      "http://127.0.0.1:$SIM_PORT/_sim/targets/$(printf 'bench-%04d' "$i")/reachability"
  done
fi

mkdir -p "$WORK/collector/config"
{
  echo "sundown.collector.poll-interval=PT${INTERVAL}S"
  [[ "$CONCURRENCY" == auto ]] || echo "sundown.collector.concurrency=$CONCURRENCY"
  echo "sundown.collector.jitter=0"
  echo "kafka.bootstrap.servers=127.0.0.1:$KAFKA_PORT"
  for i in $(seq 1 "$TARGETS"); do
    n="$(printf 'bench-%04d' "$i")"
    echo "sundown.collector.jupyter.targets.$n.url=http://127.0.0.1:$SIM_PORT/targets/$n"
    echo "sundown.collector.jupyter.targets.$n.token=bench-token"
  done
} > "$WORK/collector/config/application.properties"
echo "# collector (heap $HEAP, concurrency $CONCURRENCY, interval ${INTERVAL}s) on 127.0.0.1:$COLLECTOR_PORT"
( cd "$WORK/collector" && exec java -Xmx"$HEAP" ${COLLECTOR_JAVA_OPTS:-} -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$COLLECTOR_PORT" \
    -Dquarkus.log.level=WARN -jar "$COLLECTOR_JAR" > "$WORK/collector.log" 2>&1 ) &
COLLECTOR_PID=$!
launched=$(date +%s.%N)
wait_http "http://127.0.0.1:$COLLECTOR_PORT/q/health/live" 300
echo "# collector live $(awk -v a="$launched" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s after launch"
METRICS="http://127.0.0.1:$COLLECTOR_PORT/q/metrics"
TICK="$(getconf CLK_TCK)"

cpu_ticks() { awk '{print $14 + $15}' "/proc/${1:-$COLLECTOR_PID}/stat"; }
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$COLLECTOR_PID/status"; }
# Prints "<target> <completed polls>" for every target.
polls_per_target() {
  curl -fsS "$METRICS" | awk -F'[{},]' '/^sundown_collector_poll_seconds_count/ {
      t = ""; for (i = 2; i <= NF; i++) if ($i ~ /^target=/) { t = $i }
      split($0, v, " "); n[t] += v[length(v)] } END { for (t in n) print t, n[t] }' | sort
}
metric() { curl -fsS "$METRICS" | awk -v m="$1" '$1 ~ "^"m"({|$)" { s += $NF } END { printf "%.3f", s }'; }
metric_max() { curl -fsS "$METRICS" | awk -v m="$1" '$1 ~ "^"m"({|$)" && $NF > x { x = $NF } END { printf "%.3f", x }'; }
outcome() { curl -fsS "$METRICS" | awk -v o="$1" '/^sundown_collector_poll_seconds_count/ && $0 ~ "outcome=\""o"\"" { s += $NF } END { printf "%d", s }'; }

# Warm-up: until the collector is ready (Kafka reachable and every target attempted once), so the first window
# measures the steady cadence rather than the first attempts spread over the first interval.
for _ in $(seq 1 "$(( INTERVAL * 6 ))"); do
  curl -fsS -o /dev/null "http://127.0.0.1:$COLLECTOR_PORT/q/health/ready" 2>/dev/null && break; sleep 0.5
done
echo "# collector ready $(awk -v a="$launched" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s after launch"
# conns: connections open to the simulator at the end of the window; time-wait: closed ones still in TIME_WAIT
# (many of those mean connections are not reused).
conns() { ss -Htn state "$1" "( dport = :$SIM_PORT or sport = :$SIM_PORT )" 2>/dev/null | wc -l; }
printf '%-6s %9s %10s %11s %11s %12s %8s %7s %8s %6s %6s %9s\n' cycle observed unobserved not-polled max-age-s \
  poll-max-s cpu-% rss-MB sim-cpu% load1 conns time-wait
prev_obs="$(outcome observed)"; prev_unobs="$(outcome unobserved)"; prev_cpu="$(cpu_ticks)"; prev_sim="$(cpu_ticks "$SIM_PID")"
polls_per_target > "$WORK/polls.0"
missed_total=0
for cycle in $(seq 1 "$CYCLES"); do
  start=$(date +%s.%N)
  age_max=0
  # Sample the age of the least recently attempted target each second: above the interval, a target missed a cycle.
  for _ in $(seq 1 "$INTERVAL"); do
    sleep 1
    age_max="$(awk -v a="$(metric sundown_collector_attempt_age_max_seconds)" -v m="$age_max" 'BEGIN { print (a > m ? a : m) }')"
  done
  end=$(date +%s.%N)
  obs="$(outcome observed)"; unobs="$(outcome unobserved)"; cpu="$(cpu_ticks)"; sim="$(cpu_ticks "$SIM_PID")"
  polls_per_target > "$WORK/polls.$cycle"
  not_polled="$(join "$WORK/polls.$((cycle - 1))" "$WORK/polls.$cycle" | awk '$3 <= $2 { n++ } END { print n + 0 }')"
  missing=$(( TARGETS - $(wc -l < "$WORK/polls.$cycle") ))
  not_polled=$(( not_polled + missing ))
  pmax="$(metric_max sundown_collector_poll_seconds_max)"
  cpu_pct="$(awk -v d=$(( cpu - prev_cpu )) -v t="$TICK" -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", 100 * d / t / (e - s) }')"
  sim_pct="$(awk -v d=$(( sim - prev_sim )) -v t="$TICK" -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", 100 * d / t / (e - s) }')"
  printf '%-6s %9d %10d %11d %11s %12s %8s %7s %8s %6s %6s %9s\n' "$cycle" $(( obs - prev_obs )) \
    $(( unobs - prev_unobs )) "$not_polled" "$age_max" "$pmax" "$cpu_pct" "$(rss_mb)" "$sim_pct" \
    "$(cut -d' ' -f1 /proc/loadavg)" "$(( $(conns established) / 2 ))" "$(conns time-wait)"
  awk -v a="$age_max" -v i="$INTERVAL" 'BEGIN { exit !(a > i + 1) }' && missed_total=$(( missed_total + 1 ))
  prev_obs=$obs; prev_unobs=$unobs; prev_cpu=$cpu; prev_sim=$sim
done
events="$(metric sundown_collector_events_published_total)"
echo "# events published: ${events%.*}; cycles in which a target went more than interval + 1 s without a poll (missed): $missed_total"
