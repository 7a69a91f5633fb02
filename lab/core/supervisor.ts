import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import * as components from "./components.js";
import type { Component, ComponentContext } from "./components.js";
import { isHealthy, waitFor } from "./http.js";
import { injectorWebhookConfig, startInjector } from "./injector.js";
import { LabKube } from "./kube-client.js";
import { writeKubeconfig } from "./kubeconfig.js";
import { applyObjects, readManifests, waitCrdsEstablished } from "./manifests.js";
import { crdFiles } from "./crds.js";
import { portsFor, type LabOptions } from "./options.js";
import { labDir, repoRoot } from "./paths.js";
import { ensurePki, labUsers, type LabUser } from "./pki.js";
import { isAlive, startProcess } from "./process.js";
import { writeState, type LabState } from "./state.js";
import { binaryFingerprint } from "./binaries.js";

const kwokNodeCount = 3;

/**
 * Runs one lab in the foreground: starts every component in dependency order,
 * sets the cluster up, restarts components that die, and stops everything on
 * SIGTERM/SIGINT, when its TTL runs out or when its parent process exits.
 */
export class Supervisor {
  private readonly dir: string;
  private readonly ctx: ComponentContext;
  private readonly state: LabState;
  private readonly children = new Map<string, ChildProcess>();
  private readonly started: Component[] = [];
  private stopping = false;
  private readonly timers: NodeJS.Timeout[] = [];
  private injector?: { close: () => void };

  constructor(private readonly opts: LabOptions) {
    this.dir = labDir(opts.name);
    const logs = path.join(this.dir, "logs");
    fs.mkdirSync(logs, { recursive: true });
    const pki = ensurePki(path.join(this.dir, "pki"));
    const ports = portsFor(opts.basePort);
    const server = `https://127.0.0.1:${ports.apiserver}`;
    const kc = (user: LabUser) =>
      writeKubeconfig({ file: path.join(this.dir, `kubeconfig-${user}.yaml`), server, caFile: pki.caCert, user: labUsers[user].user, token: pki.tokens[user], context: `meshdeck-lab-${opts.name}` });
    const kubeconfigs = {
      admin: kc("admin"),
      viewer: kc("viewer"),
      controllerManager: kc("controllerManager"),
      scheduler: kc("scheduler"),
      kwok: kc("kwok"),
      rollouts: kc("rollouts"),
      lab: kc("lab"),
    };
    this.ctx = { dir: this.dir, logs, ports, pki, kubeconfigs, parentPid: process.pid };
    this.state = {
      name: opts.name,
      dir: this.dir,
      options: opts,
      ports,
      supervisorPid: process.pid,
      startedAt: new Date().toISOString(),
      phase: "starting",
      binaries: binaryFingerprint(),
      components: {},
      kubeconfigs: { admin: kubeconfigs.admin, viewer: kubeconfigs.viewer },
      apiserver: { url: server, caFile: pki.caCert },
    };
    writeState(this.state);
  }

  private save(): void {
    writeState(this.state);
  }

  private kube(): LabKube {
    return new LabKube(this.state.apiserver.url, this.ctx.pki.caCert, this.ctx.pki.tokens.lab);
  }

  async run(): Promise<void> {
    process.on("SIGTERM", () => void this.stop(0));
    process.on("SIGINT", () => void this.stop(0));
    if (this.opts.ttlSeconds > 0) this.timers.push(setTimeout(() => void this.stop(0, "ttl expired"), this.opts.ttlSeconds * 1000));
    if (this.opts.parentPid) {
      const parent = this.opts.parentPid;
      this.timers.push(setInterval(() => !isAlive(parent) && void this.stop(0, `parent ${parent} exited`), 2000));
    }
    const t0 = Date.now();
    try {
      await this.startAll([components.etcd, components.apiserver]);
      await this.bootstrapCluster();
      await this.startAll([components.controllerManager, components.scheduler, components.kwok]);
      await this.startAll([components.rolloutsController]);
      const extras: Component[] = [];
      if (this.opts.withTraffic) extras.push(components.traffic);
      if (this.opts.withPrometheus) extras.push(components.prometheus);
      await this.startAll(extras);
      if (this.opts.withTraffic) this.state.traffic = { url: `http://127.0.0.1:${this.ctx.ports.traffic}` };
      if (this.opts.withPrometheus) this.state.prometheus = { url: `http://127.0.0.1:${this.ctx.ports.prometheus}` };
      this.state.phase = "ready";
      this.state.readyAt = new Date().toISOString();
      this.save();
      console.log(`lab ${this.opts.name} ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    } catch (e) {
      this.state.phase = "failed";
      this.state.error = e instanceof Error ? e.message : String(e);
      this.save();
      console.error(`lab ${this.opts.name} failed: ${this.state.error}`);
      await this.stop(1, "start failed");
    }
  }

  private async startAll(list: Component[]): Promise<void> {
    for (const c of list) this.launch(c);
    await Promise.all(list.map((c) => this.waitHealthy(c, 90_000)));
  }

  private launch(c: Component): void {
    const spec = c.spec(this.ctx);
    const child = startProcess(spec);
    this.children.set(c.name, child);
    if (!this.started.includes(c)) this.started.push(c);
    const prev = this.state.components[c.name];
    this.state.components[c.name] = { pid: child.pid, status: "starting", restarts: prev ? prev.restarts + (prev.status === "starting" ? 0 : 1) : 0, log: spec.logFile, url: c.health(this.ctx).url, startedAt: new Date().toISOString() };
    this.save();
    child.once("exit", (code, signal) => this.onExit(c, code, signal));
  }

  private onExit(c: Component, code: number | null, signal: NodeJS.Signals | null): void {
    const st = this.state.components[c.name];
    if (!st) return;
    if (this.stopping) {
      st.status = "stopped";
      this.save();
      return;
    }
    if (this.state.phase === "starting") {
      // A component that dies while the lab starts is a configuration error, not a crash to ride out.
      st.status = "exited";
      this.save();
      void this.stop(1, `${c.name} exited with code ${code ?? signal} during start; see ${st.log}`);
      return;
    }
    st.status = "restarting";
    this.save();
    const backoff = Math.min(10_000, 500 * 2 ** Math.min(st.restarts, 5));
    console.error(`${c.name} exited (code ${code}, signal ${signal}); restarting in ${backoff} ms`);
    setTimeout(() => {
      if (this.stopping) return;
      this.launch(c);
      void this.waitHealthy(c, 120_000).catch((e: unknown) => console.error(String(e)));
    }, backoff);
  }

  private async waitHealthy(c: Component, timeoutMs: number): Promise<void> {
    const h = c.health(this.ctx);
    const ca = h.ca === "lab" ? fs.readFileSync(this.ctx.pki.caCert) : undefined;
    await waitFor(`${c.name} at ${h.url} (log: ${this.state.components[c.name]?.log})`, async () => {
      if (this.stopping) throw new Error(`lab stopping while waiting for ${c.name}`);
      return isHealthy(h.url, { ca, insecure: h.insecure });
    }, timeoutMs);
    const st = this.state.components[c.name];
    if (st) st.status = "running";
    this.save();
  }

  /** What an installer would do once the apiserver answers: RBAC, CRDs, webhook, nodes, mesh base. */
  private async bootstrapCluster(): Promise<void> {
    const kube = this.kube();
    const manifests = path.join(repoRoot, "lab", "manifests");
    await applyObjects(kube, readManifests(path.join(manifests, "rbac-viewer.yaml")));
    const crds = crdFiles().flatMap((f) => readManifests(f));
    await applyObjects(kube, crds);
    await waitCrdsEstablished(kube, crds.filter((o) => o.kind === "CustomResourceDefinition").map((o) => o.metadata.name));
    kube.forget();
    const injector = await startInjector({ port: this.ctx.ports.injector, certFile: this.ctx.pki.servingCert, keyFile: this.ctx.pki.servingKey });
    this.injector = injector;
    await applyObjects(kube, [injectorWebhookConfig(this.ctx.ports.injector, fs.readFileSync(this.ctx.pki.caCert, "utf8")) as never]);
    const nodes = Array.from({ length: kwokNodeCount }, (_, i) => kwokNode(`kwok-node-${i}`));
    await applyObjects(kube, nodes);
    await applyObjects(kube, [{ apiVersion: "v1", kind: "Namespace", metadata: { name: "argo-rollouts" } }]);
    await applyObjects(kube, readManifests(path.join(manifests, "mesh-base.yaml")));
  }

  async stop(code: number, why = "signal"): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    if (code !== 0 && !this.state.error) this.state.error = why;
    for (const t of this.timers) clearTimeout(t);
    this.state.phase = "stopping";
    this.save();
    console.log(`stopping lab ${this.opts.name} (${why})`);
    for (const c of [...this.started].reverse()) {
      const child = this.children.get(c.name);
      if (!child?.pid || child.exitCode !== null) continue;
      child.kill("SIGTERM");
      const deadline = Date.now() + 8_000;
      while (child.exitCode === null && child.signalCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
    this.injector?.close();
    this.state.phase = code === 0 ? "stopped" : "failed";
    this.save();
    process.exit(code);
  }
}

function kwokNode(name: string) {
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name,
      annotations: { "node.alpha.kubernetes.io/ttl": "0", "kwok.x-k8s.io/node": "fake" },
      labels: { "beta.kubernetes.io/arch": "amd64", "beta.kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64", "kubernetes.io/hostname": name, "kubernetes.io/os": "linux", "kubernetes.io/role": "agent", "node-role.kubernetes.io/agent": "", type: "kwok" },
    },
    spec: {},
    status: {
      allocatable: { cpu: "64", memory: "256Gi", pods: "2000" },
      capacity: { cpu: "64", memory: "256Gi", pods: "2000" },
      nodeInfo: { architecture: "amd64", kubeletVersion: "fake", kubeProxyVersion: "fake", operatingSystem: "linux" },
      phase: "Running",
    },
  };
}
