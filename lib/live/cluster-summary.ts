import { z } from "zod";

/**
 * Payload of the `cluster` live topic (shared by the server producer and the
 * browser). Counts and changes cover only what the receiving user may list.
 */
export const kindStatusSchema = z.enum(["syncing", "synced", "missing", "forbidden", "error"]);

export const clusterSummarySchema = z.object({
  /** Cache revision the summary was computed at. */
  revision: z.number().int().nonnegative(),
  /** Epoch ms of that revision ("data as of"). */
  at: z.number(),
  kinds: z.record(z.string(), z.object({ status: kindStatusSchema, count: z.number().int().nonnegative() })),
  /** Kind/namespace pairs changed since the previous summary ("" namespace: cluster-scoped). */
  changed: z.array(z.object({ kind: z.string(), namespace: z.string() })),
});
export type ClusterSummary = z.infer<typeof clusterSummarySchema>;

export const CLUSTER_TOPIC = "cluster";
