import { z } from "zod";

/**
 * Port layout of one lab. Every component binds 127.0.0.1 on basePort + offset,
 * so two labs (say the demo and the tests) run side by side with different bases.
 */
export const portOffsets = {
  apiserver: 0,
  etcdClient: 1,
  etcdPeer: 2,
  controllerManager: 3,
  scheduler: 4,
  kwok: 5,
  rolloutsMetrics: 6,
  rolloutsHealthz: 7,
  prometheus: 8,
  traffic: 9,
  dashboard: 10,
  injector: 11,
} as const;

export type PortName = keyof typeof portOffsets;
export type Ports = Record<PortName, number>;

export const labOptionsSchema = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,30}$/, "lab names are short DNS labels"),
  basePort: z.number().int().min(1024).max(65000),
  /** Stop by itself after this many seconds (0 = never). */
  ttlSeconds: z.number().int().min(0),
  /** Stop when this process exits (tests pass their own pid). */
  parentPid: z.number().int().positive().optional(),
  withTraffic: z.boolean(),
  withPrometheus: z.boolean(),
});
export type LabOptions = z.infer<typeof labOptionsSchema>;

export const defaultLabOptions: LabOptions = {
  name: "default",
  basePort: 16400,
  ttlSeconds: 0,
  withTraffic: true,
  withPrometheus: true,
};

export function portsFor(basePort: number): Ports {
  const entries = Object.entries(portOffsets).map(([k, off]) => [k, basePort + off] as const);
  return Object.fromEntries(entries) as Ports;
}
