/**
 * The lab's simulated Istio data plane: watches the live mesh config, routes
 * simulated requests as Envoy would and serves Istio's standard metrics.
 *
 *   node --conditions=react-server --import tsx lab/traffic/main.ts --kubeconfig PATH --listen 127.0.0.1:PORT
 *        [--config lab/traffic/config/default.yaml] [--parent-pid N]
 */
import { parseTrafficArgs } from "./cli-args";
import { loadTrafficConfig } from "./config/load";
import { createServer } from "./http/server";
import { ClusterSync } from "./kube/cluster-sync";
import { TrafficRuntime } from "./runtime";

const PARENT_CHECK_MS = 2000;

function log(message: string): void {
  process.stderr.write(`${new Date().toISOString()} traffic: ${message}\n`);
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function main(): Promise<void> {
  const args = parseTrafficArgs(process.argv.slice(2));
  const config = loadTrafficConfig(args.config);
  const runtime = new TrafficRuntime(config, log);
  const sync = new ClusterSync(args.kubeconfig, runtime.store, log);
  let ready = false;

  const server = createServer({ runtime, ready: () => ready, extraStatus: () => ({ config: args.config, sync: sync.status() }) }, log);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(args.port, args.host, resolve);
  });
  log(`listening on http://${args.host}:${args.port} with ${config.flows.length} flows, ${config.calls.length} calls`);

  let stopping = false;
  const shutdown = (reason: string): void => {
    if (stopping) return;
    stopping = true;
    log(`stopping (${reason})`);
    sync.stop();
    runtime.stop();
    server.close();
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 200).unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
  if (args.parentPid !== null) {
    const parent = args.parentPid;
    setInterval(() => {
      if (!processExists(parent)) shutdown(`parent ${parent} is gone`);
    }, PARENT_CHECK_MS).unref();
  }

  await sync.start();
  if (stopping) return;
  runtime.rebuildNow();
  runtime.followStore();
  runtime.simulator.start();
  ready = true;
  log(`synced: ${JSON.stringify(runtime.store.counts())}`);
}

main().catch((err: unknown) => {
  log(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
