import fs from "node:fs";
import path from "node:path";
import type { LabOptions, Ports } from "./options.js";
import { labDir } from "./paths.js";

export type ComponentStatus = "starting" | "running" | "restarting" | "exited" | "stopped";

export interface ComponentState {
  pid?: number;
  status: ComponentStatus;
  restarts: number;
  url?: string;
  log: string;
  startedAt?: string;
}

export interface LabState {
  name: string;
  dir: string;
  options: LabOptions;
  ports: Ports;
  supervisorPid: number;
  startedAt: string;
  readyAt?: string;
  phase: "starting" | "ready" | "stopping" | "stopped" | "failed";
  /** binaryFingerprint() at start. */
  binaries?: string;
  error?: string;
  components: Record<string, ComponentState>;
  kubeconfigs: { admin: string; viewer: string };
  apiserver: { url: string; caFile: string };
  prometheus?: { url: string };
  traffic?: { url: string };
  dashboard?: { url: string; pid?: number };
}

export function stateFile(name: string): string {
  return path.join(labDir(name), "state.json");
}

export function readState(name: string): LabState | undefined {
  try {
    return JSON.parse(fs.readFileSync(stateFile(name), "utf8")) as LabState;
  } catch {
    return undefined;
  }
}

/** Atomic write, so readers never see half a file. */
export function writeState(state: LabState): void {
  const file = stateFile(state.name);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(state, null, 2));
  fs.renameSync(tmp, file);
}

export function updateState(name: string, fn: (s: LabState) => void): LabState | undefined {
  const s = readState(name);
  if (!s) return undefined;
  fn(s);
  writeState(s);
  return s;
}
