import { z } from "zod";

/** GET /api/healthz: cheap liveness by default; `?deep=1` (or `?kube=1`) adds dependency checks. */
export const healthSchema = z.object({
  status: z.literal("ok"),
  uptimeSeconds: z.number().optional(),
  kube: z
    .object({
      reachable: z.boolean(),
      /** Kubernetes gitVersion when reachable. */
      version: z.string().optional(),
      /** Error code when not reachable. */
      code: z.string().optional(),
    })
    .optional(),
  prometheus: z
    .object({
      configured: z.boolean(),
      reachable: z.boolean(),
      /** Why it is not reachable. */
      message: z.string().optional(),
    })
    .optional(),
});
export type Health = z.infer<typeof healthSchema>;

export const healthQuerySchema = z.object({
  deep: z.enum(["0", "1"]).optional().describe("1: also check Kubernetes (GET /version) and Prometheus"),
  kube: z.enum(["0", "1"]).optional().describe("alias of deep"),
});
