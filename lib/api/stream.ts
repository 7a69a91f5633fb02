import { z } from "zod";
import { GRAPH_TOPIC_PREFIX, parseGraphTopic } from "@/lib/api/graph";

// The query of GET /api/stream (server-sent events), for the handler and the
// OpenAPI document alike. Browser-safe.

/** One topic: long enough for a graph topic naming 20 namespaces (lib/api/graph.ts). */
export const STREAM_TOPIC_RE = /^[a-z0-9][a-z0-9._:-]{0,1299}$/;
/** Distinct topics one request may name (more: 400). */
export const MAX_STREAM_TOPICS = 32;

const topicSchema = z
  .string()
  .regex(STREAM_TOPIC_RE, "invalid topic name")
  .refine((t) => !t.startsWith(GRAPH_TOPIC_PREFIX) || parseGraphTopic(t) !== null, "malformed graph topic");

export const streamTopicsSchema = z
  .string()
  .transform((value) => [...new Set(value.split(",").map((t) => t.trim()).filter((t) => t.length > 0))])
  .pipe(z.array(topicSchema).min(1, "at least one topic").max(MAX_STREAM_TOPICS))
  .describe(`Comma-separated list of topics (1–${MAX_STREAM_TOPICS}), e.g. \`mesh,rollouts\` or a \`graph:…\` topic from /api/graph`);

export const streamQuerySchema = z.strictObject({
  topics: streamTopicsSchema,
  /** For manual reconnects (EventSource cannot set Last-Event-ID itself on a new instance); the Last-Event-ID header wins. */
  lastEventId: z.string().max(128).optional().describe("Resume after this event id (the Last-Event-ID header wins)"),
});
export type StreamQuery = z.infer<typeof streamQuerySchema>;
