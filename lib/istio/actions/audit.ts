import { z } from "zod";
import { canonicalHash, canonicalJson } from "./canonical-json";
import { sha256Hex } from "./sha256";

export const ANNOTATION_LAST_CHANGE = "meshdeck.dev/last-change";
export const ANNOTATION_HISTORY = "meshdeck.dev/history";
export const ANNOTATION_UNDO = "meshdeck.dev/undo";
/** History entries kept (oldest dropped): with the bounds below the three annotations stay a few KiB plus one spec section. */
export const HISTORY_LIMIT = 10;
/** Longest summary recorded (longer ones are cut with "…"): a summary quotes user input such as header values. */
export const MAX_SUMMARY_LENGTH = 300;
/** Longest `who` recorded (a Kubernetes user name can be long, e.g. an OIDC subject URL). */
export const MAX_WHO_LENGTH = 256;

/** The spec members an action replaces as a whole (merge patch replaces arrays). */
export type SectionKey = "http" | "tls" | "tcp" | "rules" | "subsets" | "trafficPolicy";
/** A section's value: a list of routes/rules/subsets, or an object (a DestinationRule's trafficPolicy). */
export type SectionValue = unknown[] | Record<string, unknown>;

/** A change id: 16 hex digits of a SHA-256 (see {@link changeId}). */
export const changeIdSchema = z.string().regex(/^[0-9a-f]{16}$/, "must be a change id (16 hex digits) as /history reports it");

export const auditEntrySchema = z.object({
  /** Identifies the change (absent in records written before ids existed). */
  id: changeIdSchema.optional(),
  who: z.string(),
  when: z.string(),
  action: z.string(),
  summary: z.string(),
  /** An undo: the id of the change it undid (an undo is never itself undone). */
  undoes: changeIdSchema.optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const undoRecordSchema = auditEntrySchema.extend({
  version: z.literal(1),
  /** `spec.<section>` was replaced by the change. */
  section: z.enum(["http", "tls", "tcp", "rules", "subsets", "trafficPolicy"]),
  /** The section before the change; null when it was absent. */
  previous: z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())]).nullable(),
  /** canonicalHash(spec) right after the change: undo is refused once the spec differs. */
  specHash: z.string(),
});
export type UndoRecord = z.infer<typeof undoRecordSchema>;

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** History entries in the annotation, oldest first; an unreadable annotation counts as empty. */
export function readHistory(annotations: Record<string, string> | undefined): AuditEntry[] {
  const parsed = z.array(auditEntrySchema).safeParse(parseJson(annotations?.[ANNOTATION_HISTORY]));
  return parsed.success ? parsed.data : [];
}

export function readLastChange(annotations: Record<string, string> | undefined): AuditEntry | null {
  const parsed = auditEntrySchema.safeParse(parseJson(annotations?.[ANNOTATION_LAST_CHANGE]));
  return parsed.success ? parsed.data : null;
}

/** The undo record; undefined when absent, null when present but unreadable. */
export function readUndo(annotations: Record<string, string> | undefined): UndoRecord | null | undefined {
  const raw = annotations?.[ANNOTATION_UNDO];
  if (raw === undefined) return undefined;
  const parsed = undoRecordSchema.safeParse(parseJson(raw));
  return parsed.success ? parsed.data : null;
}

function bounded(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** What a change records besides its id: who, when, what. */
export type AuditInput = Omit<AuditEntry, "id">;

/** The id of a change: a hash of what it recorded and of the spec it produced. */
export function changeId(entry: AuditInput, specHash: string): string {
  return sha256Hex(canonicalJson({ ...entry, specHash })).slice(0, 16);
}

/** The three annotations a change writes (values are JSON text), each bounded in size. */
export function auditAnnotations(
  existing: Record<string, string> | undefined,
  input: AuditInput,
  section: SectionKey,
  previous: SectionValue | undefined,
  nextSpec: unknown,
): Record<string, string> {
  const specHash = canonicalHash(nextSpec);
  const fields: AuditInput = { ...input, who: bounded(input.who, MAX_WHO_LENGTH), summary: bounded(input.summary, MAX_SUMMARY_LENGTH) };
  const entry: AuditEntry = { id: changeId(fields, specHash), ...fields };
  const history = [...readHistory(existing), entry].slice(-HISTORY_LIMIT);
  const undo: UndoRecord = { version: 1, section, previous: previous ?? null, specHash, ...entry };
  return {
    [ANNOTATION_LAST_CHANGE]: JSON.stringify(entry),
    [ANNOTATION_HISTORY]: JSON.stringify(history),
    [ANNOTATION_UNDO]: JSON.stringify(undo),
  };
}
