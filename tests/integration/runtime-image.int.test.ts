import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDashboardBuild } from "../../lab/core/dashboard.js";
import { repoRoot } from "../../lab/core/paths.js";
import { trafficViewSchema } from "@/lib/api/traffic";
import { parseRuntimeStage, type RuntimeStage } from "./dockerfile-stage.js";
import { applyWebSplit, eventually, kubeAs, labState, testLab, uniqueNamespace } from "./test-lab.js";

/**
 * The container image's runtime stage, as far as it can be checked without a
 * container engine: the files the Dockerfile's runtime stage copies from the
 * build stage (read from the Dockerfile itself, so the two cannot drift) are
 * assembled in a directory nobody may write to, then the stage's CMD runs with
 * its ENV, as its non-root USER (when the tests run as root), against the lab.
 * Its HEALTHCHECK must pass, it must serve pages, assets, the API and its own
 * metrics, write nothing into its files, and stop on its STOPSIGNAL.
 */
const ns = uniqueNamespace("image");
const port = testLab.basePort + 58;
const base = `http://127.0.0.1:${port}`;
const asRoot = process.getuid?.() === 0;

let stage: RuntimeStage;
let root: string;
let appDir: string;
let tmpDir: string;
let logFile: string;
let child: ChildProcess | undefined;
let env: NodeJS.ProcessEnv;
let before: string;

/** Every path under `dir` with its size and mtime: what the server must leave as it found it. */
function snapshot(dir: string): string {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      const st = fs.lstatSync(p);
      out.push(`${path.relative(dir, p)} ${st.size} ${st.mtimeMs}`);
      if (e.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out.sort().join("\n");
}

function bytesUnder(p: string): number {
  const st = fs.lstatSync(p);
  if (!st.isDirectory()) return st.size;
  return fs.readdirSync(p).reduce((sum, name) => sum + bytesUnder(path.join(p, name)), 0);
}

/** Runs a command of the stage as its user (setpriv when root; the caller otherwise). */
function asStageUser(argv: readonly string[]): [string, string[]] {
  const [cmd = "", ...args] = argv;
  const exe = cmd === "node" ? process.execPath : cmd;
  if (!asRoot) return [exe, args];
  const [uid, gid = uid] = stage.user.split(":");
  return ["setpriv", [`--reuid=${uid}`, `--regid=${gid}`, "--clear-groups", "--no-new-privs", exe, ...args]];
}

/** A kubeconfig with everything inline, readable by the stage's user. */
function inlineKubeconfig(dir: string): string {
  const s = labState();
  const token = /token: (\S+)/.exec(fs.readFileSync(s.kubeconfigs.admin, "utf8"))?.[1] ?? "";
  const ca = fs.readFileSync(s.apiserver.caFile).toString("base64");
  const file = path.join(dir, "kubeconfig.yaml");
  fs.writeFileSync(
    file,
    [
      "apiVersion: v1",
      "kind: Config",
      "clusters:",
      `- name: lab\n  cluster: {server: "${s.apiserver.url}", certificate-authority-data: ${ca}}`,
      `users:\n- name: admin\n  user: {token: ${token}}`,
      "contexts:\n- name: lab\n  context: {cluster: lab, user: admin}",
      "current-context: lab",
      "",
    ].join("\n"),
    { mode: 0o644 },
  );
  return file;
}

beforeAll(async () => {
  stage = parseRuntimeStage(fs.readFileSync(path.join(repoRoot, "Dockerfile"), "utf8"));
  ensureDashboardBuild((m) => console.log(`[image] ${m}`));

  root = fs.mkdtempSync(path.join(os.tmpdir(), "meshdeck-image-"));
  fs.chmodSync(root, 0o755);
  appDir = path.join(root, "app");
  tmpDir = path.join(root, "tmp");
  fs.mkdirSync(appDir);
  fs.mkdirSync(tmpDir, { mode: 0o1777 });
  fs.chmodSync(tmpDir, 0o1777);
  // COPY semantics: a directory's contents go into the destination; a file goes to it (or into it, with a trailing "/").
  for (const c of stage.copies) {
    const src = path.join(repoRoot, c.src);
    const target = path.join(appDir, path.relative(stage.workdir, path.posix.resolve(stage.workdir, c.dest)));
    const isDir = fs.statSync(src).isDirectory();
    const to = !isDir && c.dest.endsWith("/") ? path.join(target, path.basename(src)) : target;
    fs.mkdirSync(isDir ? to : path.dirname(to), { recursive: true });
    fs.cpSync(src, to, { recursive: true, dereference: true });
  }
  // The image's files belong to root and nobody may write them (the read-only root filesystem).
  spawnSync("chmod", ["-R", "a-w", appDir]);

  await applyWebSplit(ns, 90);

  const fromImage = (v: string) => v.replaceAll(`${stage.workdir}/`, `${appDir}/`).replace(/^\/tmp$/, tmpDir);
  env = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    NODE_ENV: "production",
    ...Object.fromEntries(Object.entries(stage.env).map(([k, v]) => [k, fromImage(v)])),
    // Loopback only in tests; the image listens on 0.0.0.0.
    HOSTNAME: "127.0.0.1",
    PORT: String(port),
    MESHDECK_KUBECONFIG: inlineKubeconfig(tmpDir),
    MESHDECK_PROMETHEUS_URL: labState().prometheus?.url ?? "",
  };
  before = snapshot(appDir);
  logFile = path.join(labState().dir, "image-dashboard.log");
  const fd = fs.openSync(logFile, "w");
  const [cmd, args] = asStageUser(stage.cmd);
  child = spawn(cmd, args, { cwd: appDir, env, stdio: ["ignore", fd, fd] });
  fs.closeSync(fd);
  await eventually(
    `the image's server on ${base} (log: ${logFile})`,
    async () => {
      if (child?.exitCode !== null) throw new Error(`server exited with ${child?.exitCode}: ${fs.readFileSync(logFile, "utf8").slice(-2000)}`);
      return (await fetch(`${base}/api/healthz`).catch(() => null))?.ok === true;
    },
    90_000,
    500,
  );
}, 600_000);

afterAll(async () => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  await kubeAs("admin").delete("v1", "Namespace", undefined, ns).catch(() => undefined);
  if (root) {
    spawnSync("chmod", ["-R", "u+w", root]);
    fs.rmSync(root, { recursive: true, force: true });
  }
});

describe("the Dockerfile's runtime stage, assembled and run without a container engine", () => {
  it("runs as a fixed non-root user from files it cannot write, and stays small", () => {
    expect(stage.user).toMatch(/^[1-9]\d*(:[1-9]\d*)?$/);
    const bytes = bytesUnder(appDir);
    console.log(`[image] runtime stage files: ${(bytes / 2 ** 20).toFixed(1)} MiB (${stage.copies.length} COPY instructions), plus the ${stage.from} base`);
    expect(bytes).toBeLessThan(200 * 2 ** 20);
    if (asRoot) {
      const ps = spawnSync("ps", ["-o", "uid=", "-p", String(child?.pid)], { encoding: "utf8" });
      // setpriv execs the server in place: the pid is the server's.
      expect(ps.stdout.trim()).toBe(stage.user.split(":")[0]);
    }
  });

  it("passes its own HEALTHCHECK", () => {
    const [cmd, args] = asStageUser(stage.healthcheck);
    const r = spawnSync(cmd, args, { cwd: appDir, env, encoding: "utf8", timeout: 10_000 });
    expect(r.status, r.stderr).toBe(0);
  });

  it("serves the pages with their static assets, the API with the lab's objects, and its own metrics", async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const asset = /\/_next\/static\/[^"']+\.js/.exec(html)?.[0];
    expect(asset, "a script from .next/static").toBeDefined();
    expect((await fetch(`${base}${asset}`)).status).toBe(200);

    const view = await eventually("the test VirtualService through the image's server", async () => {
      const r = await fetch(`${base}/api/traffic?namespace=${ns}`);
      if (!r.ok) return undefined;
      const v = trafficViewSchema.parse(await r.json());
      return v.virtualServices.find((x) => x.name === "web");
    });
    expect(view.namespace).toBe(ns);

    const metrics = await fetch(`${base}/api/metrics`);
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    // The image's NODE_OPTIONS preload is what measures requests (and gives proxy mode the peer address).
    expect(text).toMatch(/^meshdeck_instrumentation_loaded 1$/m);
    expect(text).toMatch(/^meshdeck_http_request_duration_seconds_bucket\{/m);
  });

  it("wrote nothing into its files and logged no permission error", () => {
    expect(snapshot(appDir)).toBe(before);
    expect(fs.readFileSync(logFile, "utf8")).not.toMatch(/EACCES|EROFS|EPERM/);
  });

  it(`stops promptly on its STOPSIGNAL`, async () => {
    const exited = new Promise<number | null>((r) => child?.once("exit", (code) => r(code)));
    child?.kill(stage.stopSignal as NodeJS.Signals);
    // 10 s is not a performance figure but `docker stop`'s grace period: a container still running then is killed.
    const code = await Promise.race([exited, new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 10_000))]);
    expect(code).not.toBe("timeout");
  });
});
