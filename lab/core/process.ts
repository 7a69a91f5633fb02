import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";

export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  cwd?: string;
  logFile: string;
}

/** Starts a child whose stdout and stderr go to its own log file. */
export function startProcess(spec: ProcessSpec): ChildProcess {
  const fd = fs.openSync(spec.logFile, "a");
  fs.writeSync(fd, `\n--- ${new Date().toISOString()} starting ${spec.name}\n`);
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: { ...process.env, ...spec.env },
    stdio: ["ignore", fd, fd],
  });
  fs.closeSync(fd);
  return child;
}

export function isAlive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** SIGTERM, then SIGKILL after graceMs; resolves when the process is gone. */
export async function stopPid(pid: number, graceMs = 8_000, group = false): Promise<void> {
  const target = group ? -pid : pid;
  const send = (sig: NodeJS.Signals) => {
    try {
      process.kill(target, sig);
    } catch {
      /* already gone */
    }
  };
  send("SIGTERM");
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) send("SIGKILL");
  while (isAlive(pid)) await new Promise((r) => setTimeout(r, 50));
}
