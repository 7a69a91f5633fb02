import { z } from "zod";

export const healthSchema = z.object({
  status: z.literal("ok"),
  kube: z.object({
    reachable: z.boolean(),
    /** Kubernetes gitVersion when reachable. */
    version: z.string().optional(),
    /** Error code when not reachable. */
    code: z.string().optional(),
  }),
});
export type Health = z.infer<typeof healthSchema>;
