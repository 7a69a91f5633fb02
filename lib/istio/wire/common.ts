import { z } from "zod";

/**
 * Zod schemas of the wire objects Meshdeck reads. They are loose: unknown
 * fields pass through untouched, so an object read, planned on and written back
 * never loses what a newer API version added. Parsing validates only what the
 * domain logic relies on.
 */

export const objectMeta = z.looseObject({
  name: z.string(),
  namespace: z.string().optional(),
  uid: z.string().optional(),
  resourceVersion: z.string().optional(),
  generation: z.number().optional(),
  creationTimestamp: z.string().optional(),
  deletionTimestamp: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
  ownerReferences: z
    .array(z.looseObject({ apiVersion: z.string(), kind: z.string(), name: z.string(), uid: z.string().optional(), controller: z.boolean().optional() }))
    .optional(),
  managedFields: z.array(z.looseObject({ manager: z.string().optional(), operation: z.string().optional(), time: z.string().optional() })).optional(),
});
export type ObjectMeta = z.infer<typeof objectMeta>;

export const labelSelector = z.looseObject({
  matchLabels: z.record(z.string(), z.string()).optional(),
  matchExpressions: z.array(z.looseObject({ key: z.string(), operator: z.string(), values: z.array(z.string()).optional() })).optional(),
});
export type LabelSelector = z.infer<typeof labelSelector>;

/** Istio's percentage: `{ value: 12.5 }`. */
export const percent = z.looseObject({ value: z.number().optional() });

export const stringMatch = z.looseObject({
  exact: z.string().optional(),
  prefix: z.string().optional(),
  regex: z.string().optional(),
});
export type StringMatchWire = z.infer<typeof stringMatch>;

export const portSelector = z.looseObject({ number: z.number().int().optional() });

export function kubeObject<S extends z.ZodTypeAny>(spec: S) {
  return z.looseObject({ apiVersion: z.string(), kind: z.string(), metadata: objectMeta, spec });
}
