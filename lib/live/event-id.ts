import "server-only";
import { randomBytes } from "node:crypto";

/**
 * SSE event ids are `<instance>-<seq>`: the hub's random instance id (so an id
 * from before a restart is recognised as foreign) and a hub-wide sequence that
 * increases across all topics (so one Last-Event-ID is a position in every topic).
 */
export interface EventId {
  instance: string;
  seq: number;
}

const INSTANCE_RE = /^[a-z0-9]{4,32}$/;
const ID_RE = /^([a-z0-9]{4,32})-(0|[1-9][0-9]{0,15})$/;

export function newInstanceId(): string {
  // 10 base-32-ish characters from 64 random bits.
  return BigInt(`0x${randomBytes(8).toString("hex")}`).toString(36).padStart(10, "0").slice(-10);
}

export function formatEventId(instance: string, seq: number): string {
  if (!INSTANCE_RE.test(instance)) throw new Error("invalid instance id");
  if (!Number.isSafeInteger(seq) || seq < 0) throw new Error("invalid sequence");
  return `${instance}-${seq}`;
}

/** Parses a Last-Event-ID; null when it is not one of ours (any other text, unsafe numbers). */
export function parseEventId(value: string | null | undefined): EventId | null {
  if (!value) return null;
  const match = ID_RE.exec(value.trim());
  if (!match?.[1] || match[2] === undefined) return null;
  const seq = Number(match[2]);
  if (!Number.isSafeInteger(seq)) return null;
  return { instance: match[1], seq };
}
