/**
 * zod schemas for Prometheus' HTTP API (`/api/v1/query`, `/api/v1/query_range`)
 * and their conversion to plain numbers. Pure.
 */
import { z } from "zod";

/** Prometheus encodes sample values as strings: "1.5", "NaN", "+Inf", "-Inf". */
export function parseSampleValue(text: string): number | undefined {
  if (text === "NaN") return NaN;
  if (text === "+Inf" || text === "Inf") return Infinity;
  if (text === "-Inf") return -Infinity;
  if (text.trim() === "") return undefined;
  const n = Number(text);
  return Number.isNaN(n) ? undefined : n;
}

const sampleValueSchema = z.string().transform((text, ctx) => {
  const value = parseSampleValue(text);
  if (value === undefined) {
    ctx.addIssue({ code: "custom", message: `not a sample value: ${JSON.stringify(text.slice(0, 40))}` });
    return z.NEVER;
  }
  return value;
});

/** `[unix seconds (float), "value"]`. */
const samplePairSchema = z.tuple([z.number(), sampleValueSchema]);
const labelsSchema = z.record(z.string(), z.string());

/** Native-histogram samples carry `histogram(s)` instead of `value(s)`; Meshdeck's queries only return floats. */
const vectorSampleSchema = z.object({ metric: labelsSchema, value: samplePairSchema.optional() });
const matrixSeriesSchema = z.object({ metric: labelsSchema, values: z.array(samplePairSchema).optional() });

const dataSchema = z.discriminatedUnion("resultType", [
  z.object({ resultType: z.literal("vector"), result: z.array(vectorSampleSchema) }),
  z.object({ resultType: z.literal("matrix"), result: z.array(matrixSeriesSchema) }),
  z.object({ resultType: z.literal("scalar"), result: samplePairSchema }),
  z.object({ resultType: z.literal("string"), result: z.tuple([z.number(), z.string()]) }),
]);

export const successBodySchema = z.object({
  status: z.literal("success"),
  data: dataSchema,
  warnings: z.array(z.string()).optional(),
  infos: z.array(z.string()).optional(),
});

export const errorBodySchema = z.object({
  status: z.literal("error"),
  errorType: z.string(),
  error: z.string(),
});

export const responseBodySchema = z.discriminatedUnion("status", [successBodySchema, errorBodySchema]);
export type PrometheusResponseBody = z.infer<typeof responseBodySchema>;
export type PrometheusData = z.infer<typeof dataSchema>;

export type Labels = Record<string, string>;

export interface InstantSample {
  metric: Labels;
  /** Unix seconds. */
  time: number;
  /** May be NaN or ±Infinity. */
  value: number;
}

export interface RangeSeries {
  metric: Labels;
  /** [unix seconds, value] with value possibly NaN or ±Infinity. */
  values: Array<[number, number]>;
}

/** An instant query's result as samples (a scalar becomes one sample without labels). */
export function toInstantVector(data: PrometheusData): InstantSample[] {
  switch (data.resultType) {
    case "vector":
      return data.result.flatMap((s) => (s.value ? [{ metric: s.metric, time: s.value[0], value: s.value[1] }] : []));
    case "scalar":
      return [{ metric: {}, time: data.result[0], value: data.result[1] }];
    default:
      throw new Error(`expected an instant vector, Prometheus answered a ${data.resultType}`);
  }
}

export function toRangeMatrix(data: PrometheusData): RangeSeries[] {
  if (data.resultType !== "matrix") throw new Error(`expected a range matrix, Prometheus answered a ${data.resultType}`);
  return data.result.map((s) => ({ metric: s.metric, values: (s.values ?? []).map(([t, v]): [number, number] => [t, v]) }));
}

const configBodySchema = z.object({ status: z.literal("success"), data: z.object({ yaml: z.string() }) });

/** The YAML of `/api/v1/status/config`, or null if the body is not that. */
export function configYaml(body: unknown): string | null {
  const parsed = configBodySchema.safeParse(body);
  return parsed.success ? parsed.data.data.yaml : null;
}
