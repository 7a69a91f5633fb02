import { execFileSync } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import { adminKube, labDown, labStatus, labUp, type LabStatus } from "./core/control.js";
import { applyObjects, readManifests } from "./core/manifests.js";
import { defaultLabOptions } from "./core/options.js";
import { repoRoot } from "./core/paths.js";
import { applyScenarioFiles, allScenarioFiles, baseScenario, scenarioNamespaces } from "./core/scenarios.js";
import { readState } from "./core/state.js";
import { waitWorkloadsReady } from "./core/workloads.js";
import { runDemo } from "./core/demo.js";
import { applyDemoWorld } from "./core/demo-world.js";

const usage = `usage: npm run lab:<command> -- [options]
  build                       build the control-plane binaries from Go modules (cached by version)
  up [--world] [--scenarios]  start the lab (reuses a healthy one); --world applies the demo world (lab/demo), --scenarios the walkthroughs
  down                        stop every process the lab started and remove its state
  status [--json]             health of each component
  apply FILE… | --world | --scenarios | --all-scenarios [--namespace NS]
  probe --host H [--header k=v] [--path /p] [-n 1000] [--from ns/workload] [--protocol tcp|tls [--sni NAME]]
  demo [--check]              lab + the demo world (lab/demo) + traffic + Prometheus + dashboard; Ctrl-C stops it
                              --check: headless smoke (start, verify, stop; exit code; --ttl, default 900 s),
                              on lab "demo-check" (base port 16600) unless --name / --base-port say otherwise
common options: --name NAME (default $MESHDECK_LAB or "default"), --base-port N, --ttl SECONDS`;

function probeProtocol(raw: string | undefined): "http" | "tcp" | "tls" | undefined {
  if (raw === undefined || raw === "http" || raw === "tcp" || raw === "tls") return raw;
  throw new Error(`--protocol must be http, tcp or tls, got ${raw}`);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: "string" },
    "base-port": { type: "string" },
    ttl: { type: "string" },
    "parent-pid": { type: "string" },
    "no-traffic": { type: "boolean" },
    "no-prometheus": { type: "boolean" },
    scenarios: { type: "boolean" },
    "all-scenarios": { type: "boolean" },
    world: { type: "boolean" },
    check: { type: "boolean" },
    namespace: { type: "string" },
    json: { type: "boolean" },
    host: { type: "string" },
    header: { type: "string", multiple: true },
    path: { type: "string" },
    port: { type: "string" },
    from: { type: "string" },
    gateway: { type: "string" },
    protocol: { type: "string" },
    sni: { type: "string" },
    n: { type: "string", short: "n" },
    help: { type: "boolean", short: "h" },
  },
});

// `demo --check` runs on a lab of its own by default, so that it never collides with a running demo.
const checkLab = values.check ? { name: "demo-check", basePort: defaultLabOptions.basePort + 200 } : defaultLabOptions;
const name = values.name ?? process.env.MESHDECK_LAB ?? checkLab.name;
const basePort = Number(values["base-port"] ?? process.env.MESHDECK_LAB_BASE_PORT ?? checkLab.basePort);
const say = (m: string) => console.log(m);

function printStatus(s: LabStatus): void {
  console.log(`lab ${s.name}: ${s.phase}${s.healthy ? " (healthy)" : ""}  ${s.dir}`);
  if (s.error) console.log(`  error: ${s.error}`);
  for (const c of s.components) {
    const rss = c.rssMiB !== undefined ? `${c.rssMiB} MiB` : "";
    console.log(`  ${c.healthy ? "✓" : "✗"} ${c.name.padEnd(24)} ${c.status.padEnd(10)} pid ${String(c.pid ?? "-").padEnd(8)} ${rss.padEnd(9)} restarts ${c.restarts}  ${c.url ?? ""}`);
  }
  if (s.kubeconfigs) console.log(`  kubeconfigs: admin ${s.kubeconfigs.admin}\n               viewer ${s.kubeconfigs.viewer}`);
  if (s.prometheus) console.log(`  prometheus: ${s.prometheus.url}`);
  if (s.dashboard) console.log(`  dashboard: ${s.dashboard.url}`);
}

async function requireState() {
  const s = readState(name);
  const st = await labStatus(name);
  if (!s || !st.running) throw new Error(`lab ${name} is not running; start it with \`npm run lab:up\``);
  return s;
}

async function main(): Promise<number> {
  const cmd = positionals[0];
  if (values.help || !cmd) {
    console.log(usage);
    return cmd ? 0 : 2;
  }
  switch (cmd) {
    case "build":
      execFileSync("bash", [path.join(repoRoot, "lab", "scripts", "build-binaries.sh")], { stdio: "inherit" });
      return 0;
    case "up": {
      const s = await labUp(
        {
          name,
          basePort,
          ttlSeconds: Number(values.ttl ?? 0),
          parentPid: values["parent-pid"] ? Number(values["parent-pid"]) : undefined,
          withTraffic: !values["no-traffic"],
          withPrometheus: !values["no-prometheus"],
        },
        say,
      );
      if (values.scenarios) {
        const kube = adminKube(s);
        const n = await applyScenarioFiles(kube, baseScenario);
        say(`applied ${n} objects of the walkthroughs`);
        await waitWorkloadsReady(kube, scenarioNamespaces);
        say("all walkthrough workloads are ready");
      }
      if (values.world) say(`applied ${await applyDemoWorld(s, { log: say, traffic: values.scenarios ? "add" : "replace" })} objects of the demo world; its workloads are ready`);
      printStatus(await labStatus(name));
      return 0;
    }
    case "down":
      say((await labDown(name)) ? `lab ${name} stopped and removed` : `lab ${name} was not running; state removed`);
      return 0;
    case "status": {
      const s = await labStatus(name);
      if (values.json) console.log(JSON.stringify(s, null, 2));
      else printStatus(s);
      return s.healthy ? 0 : 1;
    }
    case "apply": {
      const state = await requireState();
      const kube = adminKube(state);
      if (values.world) {
        say(`applied ${await applyDemoWorld(state, { log: say, traffic: "add" })} objects of the demo world; its workloads are ready`);
        return 0;
      }
      if (values.scenarios || values["all-scenarios"]) {
        const files = values["all-scenarios"] ? allScenarioFiles() : baseScenario;
        say(`applied ${await applyScenarioFiles(kube, files)} objects from ${files.length} files`);
        await waitWorkloadsReady(kube);
        say("all workloads are ready");
        return 0;
      }
      for (const f of positionals.slice(1)) {
        const objs = await applyObjects(kube, readManifests(path.resolve(f)), { namespace: values.namespace });
        for (const o of objs) say(`${o.kind}/${o.metadata.name}${o.metadata.namespace ? ` -n ${o.metadata.namespace}` : ""} applied`);
      }
      return 0;
    }
    case "probe": {
      const s = await requireState();
      if (!s.traffic) throw new Error(`lab ${name} runs no traffic simulator`);
      const { runProbe, formatProbe } = await import("./traffic/probe-client.js");
      const result = await runProbe(s.traffic.url, {
        host: values.host ?? "",
        port: values.port ? Number(values.port) : undefined,
        path: values.path,
        headers: values.header ?? [],
        n: Number(values.n ?? 1000),
        from: values.from,
        gateway: values.gateway,
        protocol: probeProtocol(values.protocol),
        sni: values.sni,
      });
      console.log(values.json ? JSON.stringify(result, null, 2) : formatProbe(result));
      return 0;
    }
    case "demo":
      return runDemo({ name, basePort, check: values.check ?? false, ttlSeconds: Number(values.ttl ?? 900) });
    default:
      console.error(`unknown command ${cmd}\n${usage}`);
      return 2;
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  },
);
