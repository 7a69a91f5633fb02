import { parseArgs } from "node:util";
import { DEFAULT_CONFIG_PATH } from "./config/load";

export interface TrafficArgs {
  readonly kubeconfig: string;
  readonly host: string;
  readonly port: number;
  readonly config: string;
  readonly parentPid: number | null;
}

export const USAGE =
  "usage: node --conditions=react-server --import tsx lab/traffic/main.ts --kubeconfig PATH --listen 127.0.0.1:PORT [--config PATH] [--parent-pid N]";

export function parseTrafficArgs(argv: readonly string[]): TrafficArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      kubeconfig: { type: "string" },
      listen: { type: "string" },
      config: { type: "string" },
      "parent-pid": { type: "string" },
    },
    strict: true,
  });
  if (!values.kubeconfig) throw new Error(`--kubeconfig is required\n${USAGE}`);
  const listen = values.listen ?? "";
  const m = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost):(\d{1,5})$/.exec(listen);
  if (!m) throw new Error(`--listen must be a loopback address 127.x.x.x:PORT, got ${JSON.stringify(listen)}\n${USAGE}`);
  const parentPid = values["parent-pid"] === undefined ? null : Number(values["parent-pid"]);
  if (parentPid !== null && (!Number.isInteger(parentPid) || parentPid <= 0)) throw new Error("--parent-pid must be a positive integer");
  return {
    kubeconfig: values.kubeconfig,
    host: m[1] === "localhost" ? "127.0.0.1" : (m[1] ?? "127.0.0.1"),
    port: Number(m[2]),
    config: values.config ?? DEFAULT_CONFIG_PATH,
    parentPid,
  };
}
