/**
 * Prometheus instant-query responses (`GET /api/v1/query`), as far as the
 * graph needs them: a vector of samples, each a label set and one value.
 */
import { z } from "zod";

const sampleValue = z.tuple([z.number(), z.string()]);

export const promSampleSchema = z.object({
  metric: z.record(z.string(), z.string()),
  value: sampleValue,
});
export type PromSample = z.infer<typeof promSampleSchema>;

export const promVectorResponseSchema = z.object({
  status: z.literal("success"),
  data: z.object({
    resultType: z.literal("vector"),
    result: z.array(promSampleSchema),
  }),
  warnings: z.array(z.string()).optional(),
});
export type PromVectorResponse = z.infer<typeof promVectorResponseSchema>;

/** Accepts a whole API response or just its `data.result` array. */
export type PromVectorInput = PromVectorResponse | readonly PromSample[];

/** Validates a parsed JSON body; throws a readable error when it is not a vector. */
export function parsePromVector(body: unknown): PromVectorResponse {
  const parsed = promVectorResponseSchema.safeParse(body);
  if (!parsed.success) throw new Error(`not a Prometheus instant vector: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export function samplesOf(input: PromVectorInput): readonly PromSample[] {
  return "data" in input ? input.data.result : input;
}

/** The sample's value as a number; NaN / ±Inf / garbage come back as null. */
export function sampleNumber(sample: PromSample): number | null {
  const v = Number(sample.value[1]);
  return Number.isFinite(v) ? v : null;
}

/** Largest evaluation timestamp among samples (0 for an empty vector). */
export function vectorTimestamp(samples: readonly PromSample[]): number {
  let ts = 0;
  for (const s of samples) if (s.value[0] > ts) ts = s.value[0];
  return ts;
}
