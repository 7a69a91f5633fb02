import net from "node:net";
import type { LabLockMode } from "./modes.js";

/** A hold on the test lab (see ./server); release() or the process' exit ends it. */
export interface LabHold {
  release(): void;
}

export function holdLab(port: number, mode: LabLockMode): Promise<LabHold> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    let answer = "";
    socket.setEncoding("utf8");
    socket.on("connect", () => socket.write(`${mode}\n`));
    socket.on("data", (chunk: string) => {
      answer += chunk;
      if (answer.startsWith("granted\n")) resolve({ release: () => socket.destroy() });
    });
    socket.on("error", reject);
    socket.on("close", () => reject(new Error("lab lock: the server closed the connection before granting")));
    // The hold must not keep a test process alive by itself.
    socket.unref();
  });
}
