import net from "node:net";
import { compatible, isLabLockMode, LAB_LOCK_PORT_ENV, type LabLockMode } from "./modes.js";

// A readers-writer lock over the test lab for integration files running at
// once, held by a socket: a client writes its mode and a newline, the server
// answers "granted\n" when the lab may be shared that way, and the hold ends
// when the socket closes (so a crashed test process releases it too). A
// waiter is granted as soon as it is compatible with the holders, except that
// nobody overtakes a waiting "lab" (it would starve otherwise); the waiters
// for one part of the demo world are served in arrival order.

interface Holder {
  socket: net.Socket;
  mode: LabLockMode;
}

export interface LabLockServer {
  port: number;
  /** Holds asked for and not granted yet. */
  waiting(): number;
  close(): Promise<void>;
}

function grantable(mode: LabLockMode, holders: readonly Holder[]): boolean {
  return holders.every((h) => compatible(mode, h.mode));
}

export async function startLabLockServer(): Promise<LabLockServer> {
  const holders: Holder[] = [];
  const waiting: Holder[] = [];
  const pump = () => {
    let behindLab = false;
    for (const w of [...waiting]) {
      if (!behindLab && grantable(w.mode, holders)) {
        waiting.splice(waiting.indexOf(w), 1);
        holders.push(w);
        w.socket.write("granted\n");
      } else if (w.mode === "lab") {
        behindLab = true;
      }
    }
  };
  const drop = (socket: net.Socket) => {
    for (const list of [holders, waiting]) {
      const i = list.findIndex((h) => h.socket === socket);
      if (i >= 0) list.splice(i, 1);
    }
    pump();
  };
  const server = net.createServer((socket) => {
    let buffered = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      buffered += chunk;
      const line = buffered.split("\n")[0];
      if (line === undefined || !buffered.includes("\n")) return;
      const mode = line.trim();
      if (!isLabLockMode(mode)) return void socket.destroy();
      waiting.push({ socket, mode });
      pump();
    });
    socket.on("close", () => drop(socket));
    socket.on("error", () => drop(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("lab lock: no port");
  return {
    port: address.port,
    waiting: () => waiting.length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const h of [...holders, ...waiting]) h.socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * The lock of a vitest run: the one `npm test` serves to its stages (its port
 * in MESHDECK_LAB_LOCK_PORT), or one of its own. Returns its port and what
 * stops it (nothing for the shared one).
 */
export async function labLockForRun(): Promise<{ port: number; stop: () => Promise<void> }> {
  const shared = Number(process.env[LAB_LOCK_PORT_ENV] ?? "");
  if (Number.isInteger(shared) && shared > 0) return { port: shared, stop: () => Promise.resolve() };
  const own = await startLabLockServer();
  return { port: own.port, stop: () => own.close() };
}
