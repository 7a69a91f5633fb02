import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { binaryPath } from "./binaries.js";
import type { Ports } from "./options.js";
import type { Pki } from "./pki.js";
import type { ProcessSpec } from "./process.js";
import { repoRoot } from "./paths.js";

export interface ComponentContext {
  dir: string;
  logs: string;
  ports: Ports;
  pki: Pki;
  kubeconfigs: { controllerManager: string; scheduler: string; kwok: string; rollouts: string; lab: string };
  parentPid: number;
}

export interface Component {
  name: string;
  spec: (ctx: ComponentContext) => ProcessSpec;
  /** URL answering 2xx when the component is ready. */
  health: (ctx: ComponentContext) => { url: string; ca?: "lab"; insecure?: boolean };
}

const log = (ctx: ComponentContext, name: string) => path.join(ctx.logs, `${name}.log`);

export const etcd: Component = {
  name: "etcd",
  spec: (ctx) => ({
    name: "etcd",
    command: binaryPath("etcd"),
    logFile: log(ctx, "etcd"),
    args: [
      "--name=lab",
      `--data-dir=${path.join(ctx.dir, "etcd")}`,
      `--listen-client-urls=http://127.0.0.1:${ctx.ports.etcdClient}`,
      `--advertise-client-urls=http://127.0.0.1:${ctx.ports.etcdClient}`,
      `--listen-peer-urls=http://127.0.0.1:${ctx.ports.etcdPeer}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${ctx.ports.etcdPeer}`,
      `--initial-cluster=lab=http://127.0.0.1:${ctx.ports.etcdPeer}`,
      // A lab's data is disposable: skip fsync, which dominates etcd latency on shared disks.
      "--unsafe-no-fsync",
      "--quota-backend-bytes=4294967296",
      "--auto-compaction-retention=10m",
      "--log-level=warn",
    ],
  }),
  health: (ctx) => ({ url: `http://127.0.0.1:${ctx.ports.etcdClient}/health` }),
};

export const apiserver: Component = {
  name: "kube-apiserver",
  spec: (ctx) => ({
    name: "kube-apiserver",
    command: binaryPath("kube-apiserver"),
    logFile: log(ctx, "kube-apiserver"),
    args: [
      `--etcd-servers=http://127.0.0.1:${ctx.ports.etcdClient}`,
      "--bind-address=127.0.0.1",
      "--advertise-address=127.0.0.1",
      `--secure-port=${ctx.ports.apiserver}`,
      `--tls-cert-file=${ctx.pki.servingCert}`,
      `--tls-private-key-file=${ctx.pki.servingKey}`,
      `--client-ca-file=${ctx.pki.caCert}`,
      `--token-auth-file=${ctx.pki.tokenFile}`,
      `--service-account-key-file=${ctx.pki.saPub}`,
      `--service-account-signing-key-file=${ctx.pki.saKey}`,
      "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
      "--authorization-mode=RBAC",
      "--service-cluster-ip-range=10.96.0.0/16",
      // The loopback address cannot be published as the kubernetes Service's endpoint.
      "--endpoint-reconciler-type=none",
      "--allow-privileged=true",
      "--enable-priority-and-fairness=false",
      "--profiling=false",
      "--v=1",
    ],
  }),
  health: (ctx) => ({ url: `https://127.0.0.1:${ctx.ports.apiserver}/readyz`, ca: "lab" }),
};

export const controllerManager: Component = {
  name: "kube-controller-manager",
  spec: (ctx) => ({
    name: "kube-controller-manager",
    command: binaryPath("kube-controller-manager"),
    logFile: log(ctx, "kube-controller-manager"),
    args: [
      `--kubeconfig=${ctx.kubeconfigs.controllerManager}`,
      `--authentication-kubeconfig=${ctx.kubeconfigs.controllerManager}`,
      `--authorization-kubeconfig=${ctx.kubeconfigs.controllerManager}`,
      "--bind-address=127.0.0.1",
      `--secure-port=${ctx.ports.controllerManager}`,
      "--leader-elect=false",
      "--use-service-account-credentials=true",
      `--service-account-private-key-file=${ctx.pki.saKey}`,
      `--root-ca-file=${ctx.pki.caCert}`,
      `--cluster-signing-cert-file=${ctx.pki.caCert}`,
      `--cluster-signing-key-file=${ctx.pki.caKey}`,
      "--controllers=*,-nodeipam,-service-lb-controller,-cloud-node-lifecycle-controller,-node-route-controller",
      "--concurrent-deployment-syncs=10",
      "--concurrent-replicaset-syncs=10",
      "--kube-api-qps=200",
      "--kube-api-burst=400",
      "--v=1",
    ],
  }),
  health: (ctx) => ({ url: `https://127.0.0.1:${ctx.ports.controllerManager}/healthz`, insecure: true }),
};

export const scheduler: Component = {
  name: "kube-scheduler",
  spec: (ctx) => ({
    name: "kube-scheduler",
    command: binaryPath("kube-scheduler"),
    logFile: log(ctx, "kube-scheduler"),
    args: [
      `--kubeconfig=${ctx.kubeconfigs.scheduler}`,
      `--authentication-kubeconfig=${ctx.kubeconfigs.scheduler}`,
      `--authorization-kubeconfig=${ctx.kubeconfigs.scheduler}`,
      "--bind-address=127.0.0.1",
      `--secure-port=${ctx.ports.scheduler}`,
      "--leader-elect=false",
      "--kube-api-qps=200",
      "--kube-api-burst=400",
      "--v=1",
    ],
  }),
  health: (ctx) => ({ url: `https://127.0.0.1:${ctx.ports.scheduler}/healthz`, insecure: true }),
};

/** kwok v0.8 takes its Stage objects from config; we use the project's own stage files from its Go module. */
function kwokConfig(ctx: ComponentContext): string {
  const file = path.join(ctx.dir, "kwok.yaml");
  const modDir = (JSON.parse(execFileSync("go", ["mod", "download", "-json", `sigs.k8s.io/kwok@${kwokVersion()}`], { encoding: "utf8", env: { ...process.env, GOFLAGS: "-mod=mod" } })) as { Dir: string }).Dir;
  const stages = [
    "kustomize/stage/node/fast/node-initialize.yaml",
    "kustomize/stage/node/heartbeat-with-lease/node-heartbeat-with-lease.yaml",
    "kustomize/stage/pod/fast/pod-ready.yaml",
    "kustomize/stage/pod/fast/pod-complete.yaml",
    "kustomize/stage/pod/fast/pod-delete.yaml",
  ].map((f) => fs.readFileSync(path.join(modDir, f), "utf8"));
    // Given a KwokConfiguration, kwok does not default its parallelism options: set them all.
  const options = [
    "apiVersion: config.kwok.x-k8s.io/v1alpha1",
    "kind: KwokConfiguration",
    "options:",
    "  nodeLeaseDurationSeconds: 40",
    "  nodeLeaseParallelism: 4",
    "  podPlayStageParallelism: 8",
    "  nodePlayStageParallelism: 4",
    "  podsOnNodeSyncParallelism: 4",
    "  enablePodsOnNodeSyncListPager: true",
    "  enablePodsOnNodeSyncStreamWatch: true",
  ].join("\n");
  fs.writeFileSync(file, [options, ...stages].join("\n---\n"));
  return file;
}

function kwokVersion(): string {
  const v = JSON.parse(fs.readFileSync(path.join(repoRoot, "lab", "versions.json"), "utf8")) as { kwok: string };
  return v.kwok;
}

export const kwok: Component = {
  name: "kwok",
  spec: (ctx) => ({
    name: "kwok",
    command: binaryPath("kwok"),
    logFile: log(ctx, "kwok"),
    args: [
      `--kubeconfig=${ctx.kubeconfigs.kwok}`,
      `--config=${kwokConfig(ctx)}`,
      "--manage-all-nodes=false",
      "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake",
      "--cidr=10.244.0.0/16",
      "--node-ip=127.0.0.1",
      `--server-address=127.0.0.1:${ctx.ports.kwok}`,
    ],
  }),
  health: (ctx) => ({ url: `http://127.0.0.1:${ctx.ports.kwok}/healthz` }),
};

export const rolloutsController: Component = {
  name: "rollouts-controller",
  spec: (ctx) => ({
    name: "rollouts-controller",
    command: binaryPath("rollouts-controller"),
    logFile: log(ctx, "rollouts-controller"),
    env: { POD_NAMESPACE: "argo-rollouts" },
    args: [`--kubeconfig=${ctx.kubeconfigs.rollouts}`, `--metricsport=${ctx.ports.rolloutsMetrics}`, `--healthzPort=${ctx.ports.rolloutsHealthz}`, "--leader-elect=false", "--loglevel=info", "--qps=100", "--burst=200"],
  }),
  health: (ctx) => ({ url: `http://127.0.0.1:${ctx.ports.rolloutsHealthz}/healthz` }),
};

export const prometheus: Component = {
  name: "prometheus",
  spec: (ctx) => {
    const cfg = path.join(ctx.dir, "prometheus.yml");
    fs.writeFileSync(
      cfg,
      [
        "global:",
        "  scrape_interval: 5s",
        "  evaluation_interval: 5s",
        "scrape_configs:",
        "- job_name: istio-mesh-simulated",
        "  honor_labels: true",
        "  static_configs:",
        `  - targets: ["127.0.0.1:${ctx.ports.traffic}"]`,
        "- job_name: argo-rollouts",
        "  static_configs:",
        `  - targets: ["127.0.0.1:${ctx.ports.rolloutsMetrics}"]`,
        "",
      ].join("\n"),
    );
    return {
      name: "prometheus",
      command: "/usr/bin/prometheus",
      logFile: log(ctx, "prometheus"),
      args: [
        `--config.file=${cfg}`,
        `--storage.tsdb.path=${path.join(ctx.dir, "prometheus")}`,
        "--storage.tsdb.retention.time=12h",
        `--web.listen-address=127.0.0.1:${ctx.ports.prometheus}`,
        "--web.enable-lifecycle",
        "--log.level=warn",
      ],
    };
  },
  health: (ctx) => ({ url: `http://127.0.0.1:${ctx.ports.prometheus}/-/ready` }),
};

/** The traffic model the simulator starts with: $MESHDECK_TRAFFIC_CONFIG, else the walkthroughs' model. */
export function trafficConfigFile(): string {
  return process.env.MESHDECK_TRAFFIC_CONFIG ?? path.join(repoRoot, "lab", "traffic", "config", "default.yaml");
}

export const traffic: Component = {
  name: "traffic",
  spec: (ctx) => ({
    name: "traffic",
    command: process.execPath,
    cwd: repoRoot,
    logFile: log(ctx, "traffic"),
    args: [
      // lib/k8s modules are server-only; the simulator is a server process.
      "--conditions=react-server",
      "--import",
      "tsx",
      path.join(repoRoot, "lab", "traffic", "main.ts"),
      `--kubeconfig=${ctx.kubeconfigs.lab}`,
      `--listen=127.0.0.1:${ctx.ports.traffic}`,
      `--config=${trafficConfigFile()}`,
      `--parent-pid=${ctx.parentPid}`,
    ],
  }),
  health: (ctx) => ({ url: `http://127.0.0.1:${ctx.ports.traffic}/healthz` }),
};
