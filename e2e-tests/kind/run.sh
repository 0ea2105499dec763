#!/usr/bin/env bash
# The kind suite: Drover on a real (kind) cluster. Needs docker, kind, kubectl and helm.
#
#   e2e-tests/kind/run.sh            # creates a cluster, tests, deletes the cluster
#   KEEP_CLUSTER=1 e2e-tests/kind/run.sh
#
# Steps: build both images with Jib; create a kind cluster and load them; install Kafka (the
# official apache/kafka image, KRaft) and a small HTTP sink; install the Prometheus operator's CRDs
# so the chart's monitors are rendered; helm install --wait; apply the ConsumerGroup in a namespace
# that enforces the restricted Pod Security Standard; produce good and poison messages; then assert
# with kubectl and the Java KindClusterE2E: Ready, Warning Events, DLQ records, /metrics through a
# port-forward, and a pod deleted mid-stream stopping gracefully with nothing lost.
set -euo pipefail

cd "$(dirname "$0")/../.."
readonly CLUSTER=${CLUSTER:-drover-e2e}
readonly TAG=e2e
readonly PROMETHEUS_OPERATOR_VERSION=v0.86.1
readonly GOOD=500
readonly POISON=5

for tool in docker kind kubectl helm; do
  command -v "$tool" >/dev/null || { echo "kind suite: $tool is required" >&2; exit 2; }
done

cleanup() {
  if [[ -z ${KEEP_CLUSTER:-} ]]; then
    kind delete cluster --name "$CLUSTER" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

step() { printf '\n== %s\n' "$*"; }

step "Building the images"
./mvnw -B -q install -DskipTests
./mvnw -B -q -pl runtime-image jib:dockerBuild -Djib.to.image="drover-runtime:$TAG"
./mvnw -B -q -pl operator jib:dockerBuild -Djib.to.image="drover-operator:$TAG"

step "Creating kind cluster $CLUSTER"
kind create cluster --name "$CLUSTER" --wait 120s
kind load docker-image --name "$CLUSTER" "drover-runtime:$TAG" "drover-operator:$TAG"

step "Installing Kafka and the HTTP sink"
kubectl apply -f e2e-tests/kind/kafka.yaml -f e2e-tests/kind/sink.yaml
kubectl -n kafka rollout status deployment/kafka --timeout=300s
kubectl -n kafka rollout status deployment/sink --timeout=300s
kafka_exec() { kubectl -n kafka exec deploy/kafka -- "$@"; }
for topic in orders:3 orders-dlq:1; do
  kafka_exec /opt/kafka/bin/kafka-topics.sh --bootstrap-server localhost:9092 --create \
    --topic "${topic%%:*}" --partitions "${topic##*:}"
done

step "Installing the Prometheus operator's CRDs (so the chart renders its monitors)"
for crd in servicemonitors podmonitors prometheusrules; do
  kubectl apply --server-side -f \
    "https://raw.githubusercontent.com/prometheus-operator/prometheus-operator/$PROMETHEUS_OPERATOR_VERSION/example/prometheus-operator-crd/monitoring.coreos.com_${crd}.yaml"
done

step "helm install"
helm install drover helm/drover --namespace drover-system --create-namespace --wait --timeout 5m \
  --set image.repository=drover-operator --set image.tag="$TAG" --set image.pullPolicy=Never \
  --set runtimeImage.repository=drover-runtime --set runtimeImage.tag="$TAG" \
  -f helm/drover/ci/monitoring-values.yaml
kubectl -n drover-system get servicemonitor,podmonitor,prometheusrule

step "Applying the ConsumerGroup in a namespace that enforces the restricted PSS"
kubectl create namespace drover-e2e
kubectl label namespace drover-e2e pod-security.kubernetes.io/enforce=restricted
kubectl apply -f e2e-tests/kind/consumergroup.yaml
kubectl -n drover-e2e wait --for=condition=Ready consumergroup/orders --timeout=300s

step "Producing $GOOD good and $POISON poison messages"
{
  for i in $(seq 1 "$GOOD"); do echo "order-$i"; done
  for i in $(seq 1 "$POISON"); do echo "poison-$i"; done
} | kubectl -n kafka exec -i deploy/kafka -- /opt/kafka/bin/kafka-console-producer.sh \
  --bootstrap-server localhost:9092 --topic orders

step "Asserting"
./mvnw -B -pl e2e-tests failsafe:integration-test failsafe:verify \
  -Dit.test=KindClusterE2E -Dkind.good="$GOOD" -Dkind.poison="$POISON"
echo "kind suite passed"
