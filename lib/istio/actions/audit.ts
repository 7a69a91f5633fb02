import { z } from "zod";
import { canonicalHash } from "./canonical-json";

export const ANNOTATION_LAST_CHANGE = "meshdeck.dev/last-change";
export const ANNOTATION_HISTORY = "meshdeck.dev/history";
export const ANNOTATION_UNDO = "meshdeck.dev/undo";
export const HISTORY_LIMIT = 10;

/** The spec members an action replaces as a whole (merge patch replaces arrays). */
export type SectionKey = "http" | "tcp" | "rules" | "subsets";

export const auditEntrySchema = z.object({ who: z.string(), when: z.string(), action: z.string(), summary: z.string() });
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const undoRecordSchema = z.object({
  version: z.literal(1),
  /** `spec.<section>` was replaced by the change. */
  section: z.enum(["http", "tcp", "rules", "subsets"]),
  /** The section before the change; null when it was absent. */
  previous: z.array(z.unknown()).nullable(),
  /** canonicalHash(spec) right after the change: undo is refused once the spec differs. */
  specHash: z.string(),
  who: z.string(),
  when: z.string(),
  action: z.string(),
  summary: z.string(),
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

/** The three annotations a change writes (values are JSON text). */
export function auditAnnotations(
  existing: Record<string, string> | undefined,
  entry: AuditEntry,
  section: SectionKey,
  previous: unknown[] | undefined,
  nextSpec: unknown,
): Record<string, string> {
  const history = [...readHistory(existing), entry].slice(-HISTORY_LIMIT);
  const undo: UndoRecord = { version: 1, section, previous: previous ?? null, specHash: canonicalHash(nextSpec), ...entry };
  return {
    [ANNOTATION_LAST_CHANGE]: JSON.stringify(entry),
    [ANNOTATION_HISTORY]: JSON.stringify(history),
    [ANNOTATION_UNDO]: JSON.stringify(undo),
  };
}
