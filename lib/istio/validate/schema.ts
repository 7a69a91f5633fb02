import { z } from "zod";
import { objectRefSchema } from "@/lib/istio/model/schema";

/**
 * error: traffic fails or goes where the object does not say.
 * warning: part of the configuration has no effect or an effect that depends on
 * something the objects do not show.
 * info: worth knowing, nothing is broken.
 */
export const severitySchema = z.enum(["error", "warning", "info"]);
export type Severity = z.infer<typeof severitySchema>;

export const validationSchema = z.object({
  /** Stable Meshdeck code, e.g. VS_SUBSET_NOT_FOUND. */
  code: z.string(),
  /** The matching Kiali check (https://kiali.io/docs/features/validations/), when there is one. */
  kialiCode: z.string().nullable(),
  severity: severitySchema,
  message: z.string(),
  object: objectRefSchema,
  /** Dotted path into the object, e.g. spec.http[0].route[1].destination.subset. */
  path: z.string(),
  /** Other objects involved (the other VirtualService, the DestinationRule, …). */
  related: z.array(objectRefSchema),
});
export type Validation = z.infer<typeof validationSchema>;
