import { z } from "zod";
import { GRAPH_TOPIC_PREFIX, parseGraphTopic } from "@/lib/api/graph";

/**
 * Query of `GET /api/stream?topics=a,b[&lastEventId=…]` (also for the OpenAPI
 * document). At most {@link MAX_TOPICS} distinct topics per request (more: 400);
 * a `graph:…` topic must be well-formed (lib/api/graph.ts graphTopic).
 */

/** Long enough for a graph topic naming 20 namespaces (lib/api/graph.ts). */
export const TOPIC_RE = /^[a-z0-9][a-z0-9._:-]{0,1299}$/;
export const MAX_TOPICS = 32;

const topicSchema = z
  .string()
  .regex(TOPIC_RE, "invalid topic name")
  .refine((t) => !t.startsWith(GRAPH_TOPIC_PREFIX) || parseGraphTopic(t) !== null, "malformed graph topic");

const topicListSchema = z
  .string()
  .transform((value) => [...new Set(value.split(",").map((t) => t.trim()).filter((t) => t.length > 0))])
  .pipe(z.array(topicSchema).min(1, "at least one topic").max(MAX_TOPICS));

export const streamQuerySchema = z.strictObject({
  topics: topicListSchema,
  /** For manual reconnects (EventSource cannot set Last-Event-ID itself on a new instance). */
  lastEventId: z.string().max(128).optional(),
});
export type StreamQuery = z.infer<typeof streamQuerySchema>;
