import { z } from "zod";

/** A Kubernetes object by kind, namespace and name. */
export const objectRefSchema = z.object({ kind: z.string(), namespace: z.string(), name: z.string() });
export type ObjectRef = z.infer<typeof objectRefSchema>;

/** A namespaced name (the kind is implied by the field). */
export const namespacedNameSchema = z.object({ namespace: z.string(), name: z.string() });
export type NamespacedName = z.infer<typeof namespacedNameSchema>;

export const labelsSchema = z.record(z.string(), z.string());

/** Who writes an object, so the UI knows whether editing it by hand will stick. */
export const ownerKindSchema = z.enum(["argo-rollouts", "flagger", "helm", "manual"]);
export type OwnerKind = z.infer<typeof ownerKindSchema>;

export const ownerSignalSchema = z.object({
  kind: z.enum(["argo-rollouts", "flagger", "helm"]),
  /** The owning object (Rollout, Canary, Helm release) when known. */
  name: z.string().nullable(),
  reason: z.string(),
});
export type OwnerSignal = z.infer<typeof ownerSignalSchema>;

export const ownerSchema = z.object({
  kind: ownerKindSchema,
  name: z.string().nullable(),
  reason: z.string(),
  /** Argo Rollouts and Flagger rewrite route weights on their own: a manual edit is reverted. */
  weightsLocked: z.boolean(),
  /** Every signal found, strongest first; more than one means several tools write the object. */
  signals: z.array(ownerSignalSchema),
});
export type Owner = z.infer<typeof ownerSchema>;
