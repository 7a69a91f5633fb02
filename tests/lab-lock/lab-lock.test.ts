import { afterEach, describe, expect, it } from "vitest";
import { integrationOrder } from "../integration/order";
import { holdLab, type LabHold } from "./client";
import { compatible, labLockMode, type LabLockMode } from "./modes";
import { startLabLockServer, type LabLockServer } from "./server";

let server: LabLockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Asks for a hold and records when it is granted. */
function ask(port: number, mode: LabLockMode, granted: string[], name: string): Promise<LabHold> {
  return holdLab(port, mode).then((h) => {
    granted.push(name);
    return h;
  });
}

/** Resolves once `ok()` holds (requests and grants travel over loopback sockets). */
async function until(ok: () => boolean): Promise<void> {
  while (!ok()) await new Promise((r) => setImmediate(r));
}

describe("lab lock", () => {
  it("knows which modes share the lab", () => {
    expect(compatible("namespace", "namespace")).toBe(true);
    expect(compatible("namespace", "demo-routing")).toBe(true);
    expect(compatible("demo-routing", "demo-rollouts")).toBe(true);
    expect(compatible("demo-routing", "demo-routing")).toBe(false);
    expect(compatible("lab", "namespace")).toBe(false);
    expect(labLockMode("/x/tests/integration/actions-demo.int.test.ts")).toBe("demo-routing");
    expect(labLockMode("/x/tests/integration/resilience-lab.int.test.ts")).toBe("lab");
    expect(labLockMode("/x/tests/integration/brand-new.int.test.ts")).toBe("namespace");
  });

  it("lets namespace files run beside a demo file, and demo files one at a time", async () => {
    server = await startLabLockServer();
    const granted: string[] = [];
    const d1 = await ask(server.port, "demo-routing", granted, "d1");
    const d2 = ask(server.port, "demo-routing", granted, "d2");
    await until(() => server?.waiting() === 1);
    const n1 = await ask(server.port, "namespace", granted, "n1");
    expect(granted).toEqual(["d1", "n1"]);
    d1.release();
    await d2;
    expect(granted).toEqual(["d1", "n1", "d2"]);
    n1.release();
  });

  it("runs a lab file alone, and lets nobody overtake it", async () => {
    server = await startLabLockServer();
    const granted: string[] = [];
    const n1 = await ask(server.port, "namespace", granted, "n1");
    const lab = ask(server.port, "lab", granted, "lab");
    await until(() => server?.waiting() === 1);
    const n2 = ask(server.port, "namespace", granted, "n2");
    await until(() => server?.waiting() === 2);
    expect(granted).toEqual(["n1"]);
    n1.release();
    (await lab).release();
    await n2;
    expect(granted).toEqual(["n1", "lab", "n2"]);
  });

  it("frees the lab when a holder's process goes away without releasing", async () => {
    server = await startLabLockServer();
    const granted: string[] = [];
    const first = await ask(server.port, "lab", granted, "first");
    const second = ask(server.port, "lab", granted, "second");
    first.release(); // what a crash does: the socket closes
    await until(() => granted.length === 2);
    (await second).release();
    expect(granted).toEqual(["first", "second"]);
  });
});

describe("integration order", () => {
  it("puts lab files first and spreads the demo files among the others", () => {
    const files = ["a.int.test.ts", "b.int.test.ts", "c.int.test.ts", "d.int.test.ts", "e.int.test.ts", "f.int.test.ts", "actions-demo.int.test.ts", "graph-api.int.test.ts", "rollouts-api.int.test.ts", "resilience-lab.int.test.ts"];
    expect(integrationOrder(files, (f) => f)).toEqual([
      "resilience-lab.int.test.ts",
      "actions-demo.int.test.ts",
      "a.int.test.ts",
      "b.int.test.ts",
      "rollouts-api.int.test.ts",
      "c.int.test.ts",
      "d.int.test.ts",
      "graph-api.int.test.ts",
      "e.int.test.ts",
      "f.int.test.ts",
    ]);
  });
});
