import fs from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";

/**
 * The lab's stand-in for istiod's sidecar injector: a mutating admission webhook
 * that, for pods in namespaces labelled istio-injection=enabled, adds what
 * Istio's injector adds and Meshdeck reads (the istio-proxy container, the
 * sidecar.istio.io/status annotation, canonical service labels). No Envoy runs;
 * kwok marks the container ready, so the pod shows 2/2 like a real injected pod.
 */

interface PodLike {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string>; name?: string; generateName?: string };
  spec?: { containers?: { name: string }[] };
}

type JsonPatchOp = { op: "add"; path: string; value: unknown };

const proxyImage = "docker.io/istio/proxyv2:1.30.3";

function escapeKey(k: string): string {
  return k.replace(/~/g, "~0").replace(/\//g, "~1");
}

export function injectionPatch(pod: PodLike): JsonPatchOp[] {
  const containers = pod.spec?.containers ?? [];
  if (containers.some((c) => c.name === "istio-proxy")) return [];
  const labels = pod.metadata?.labels ?? {};
  const ops: JsonPatchOp[] = [];
  ops.push({
    op: "add",
    path: "/spec/containers/-",
    value: {
      name: "istio-proxy",
      image: proxyImage,
      args: ["proxy", "sidecar", "--domain", "$(POD_NAMESPACE).svc.cluster.local"],
      ports: [{ containerPort: 15090, name: "http-envoy-prom", protocol: "TCP" }],
      resources: { requests: { cpu: "10m", memory: "40Mi" } },
    },
  });
  if (!pod.metadata?.annotations) ops.push({ op: "add", path: "/metadata/annotations", value: {} });
  const status = { initContainers: null, containers: ["istio-proxy"], volumes: [], imagePullSecrets: null, revision: "default" };
  ops.push({ op: "add", path: `/metadata/annotations/${escapeKey("sidecar.istio.io/status")}`, value: JSON.stringify(status) });
  if (!pod.metadata?.labels) ops.push({ op: "add", path: "/metadata/labels", value: {} });
  const workload = labels["app"] ?? pod.metadata?.generateName?.replace(/-[a-z0-9]+-$/, "") ?? "unknown";
  const addLabel = (k: string, v: string) => {
    if (labels[k] === undefined) ops.push({ op: "add", path: `/metadata/labels/${escapeKey(k)}`, value: v });
  };
  addLabel("security.istio.io/tlsMode", "istio");
  addLabel("service.istio.io/canonical-name", labels["app.kubernetes.io/name"] ?? workload);
  addLabel("service.istio.io/canonical-revision", labels["app.kubernetes.io/version"] ?? labels["version"] ?? "latest");
  return ops;
}

interface AdmissionReview {
  apiVersion: string;
  kind: string;
  request?: { uid: string; object?: PodLike };
}

export function startInjector(opts: { port: number; certFile: string; keyFile: string }): Promise<https.Server> {
  const server = https.createServer({ cert: fs.readFileSync(opts.certFile), key: fs.readFileSync(opts.keyFile) }, (req, res) => {
    if (req.method === "GET" && req.url === "/healthz") {
      res.writeHead(200).end("ok");
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      let review: AdmissionReview;
      try {
        review = JSON.parse(Buffer.concat(chunks).toString("utf8")) as AdmissionReview;
      } catch {
        res.writeHead(400).end("bad AdmissionReview");
        return;
      }
      const uid = review.request?.uid ?? "";
      const ops = injectionPatch(review.request?.object ?? {});
      const response: Record<string, unknown> = { uid, allowed: true };
      if (ops.length > 0) {
        response.patchType = "JSONPatch";
        response.patch = Buffer.from(JSON.stringify(ops)).toString("base64");
      }
      res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ apiVersion: "admission.k8s.io/v1", kind: "AdmissionReview", response }));
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, "127.0.0.1", () => {
      const addr = server.address() as AddressInfo;
      if (addr.port !== opts.port) reject(new Error("injector bound an unexpected port"));
      resolve(server);
    });
  });
}

export function injectorWebhookConfig(port: number, caPem: string): object {
  return {
    apiVersion: "admissionregistration.k8s.io/v1",
    kind: "MutatingWebhookConfiguration",
    metadata: { name: "meshdeck-lab-sidecar-injector" },
    webhooks: [
      {
        name: "sidecar-injector.lab.meshdeck.dev",
        clientConfig: { url: `https://127.0.0.1:${port}/inject`, caBundle: Buffer.from(caPem).toString("base64") },
        rules: [{ operations: ["CREATE"], apiGroups: [""], apiVersions: ["v1"], resources: ["pods"] }],
        namespaceSelector: { matchLabels: { "istio-injection": "enabled" } },
        objectSelector: { matchExpressions: [{ key: "sidecar.istio.io/inject", operator: "NotIn", values: ["false"] }] },
        failurePolicy: "Ignore",
        sideEffects: "None",
        admissionReviewVersions: ["v1"],
        timeoutSeconds: 5,
      },
    ],
  };
}
