import { z } from "zod";

export const injectionStateSchema = z.enum(["enabled", "disabled", "unset"]);
export type InjectionState = z.infer<typeof injectionStateSchema>;

export const namespaceSummarySchema = z.object({
  name: z.string(),
  /** Value of the `istio-injection` label. */
  injection: injectionStateSchema,
  /** Value of the `istio.io/rev` label (revision-based injection), or null. */
  revision: z.string().nullable(),
});
export type NamespaceSummary = z.infer<typeof namespaceSummarySchema>;

export const namespaceListSchema = z.object({
  items: z.array(namespaceSummarySchema),
});
export type NamespaceList = z.infer<typeof namespaceListSchema>;
