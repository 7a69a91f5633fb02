import "server-only";
import os from "node:os";
import type { ObjectMeta } from "@/lib/istio/wire";
import type { KubeHttp } from "../identity/kube-http";

export const EVENT_REASON = "MeshdeckTrafficChange";
export const REPORTING_CONTROLLER = "meshdeck.dev/dashboard";

/** events.k8s.io/v1 MicroTime: RFC 3339 with exactly six fractional digits. */
export function microTime(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}

/** At most `max` UTF-8 bytes (the API server's limits are in bytes). */
function truncate(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  let out = text;
  while (Buffer.byteLength(out) > max - 3) out = out.slice(0, -1);
  return `${out}…`;
}

/**
 * `<object>.<hex nanoseconds>`, as client-go's event recorder names events
 * (the API server refuses a generateName ending in "."); the sub-millisecond
 * part is random so two changes in the same millisecond do not collide.
 */
export function eventName(objectName: string, when: Date): string {
  const nanos = BigInt(when.getTime()) * 1_000_000n + BigInt(Math.floor(Math.random() * 1_000_000));
  return `${objectName.slice(0, 200)}.${nanos.toString(16)}`;
}

export interface TrafficEvent {
  object: { apiVersion: string; kind: string; metadata: ObjectMeta };
  action: string;
  summary: string;
  when: Date;
}

/** An audit Event on one object. */
export interface ObjectEvent {
  object: { apiVersion: string; kind: string; metadata: ObjectMeta };
  reason: string;
  action: string;
  note: string;
  when: Date;
}

/**
 * Records a Kubernetes Event (events.k8s.io/v1) on an object, as the caller.
 * Best effort: answers false when the Event could not be created (e.g. the
 * caller may not create events) and never throws, so the action never fails
 * for it.
 */
export async function recordObjectEvent(http: KubeHttp, event: ObjectEvent): Promise<boolean> {
  const { metadata } = event.object;
  const namespace = metadata.namespace ?? "default";
  try {
    await http.json({
      method: "POST",
      path: `/apis/events.k8s.io/v1/namespaces/${encodeURIComponent(namespace)}/events`,
      body: {
        apiVersion: "events.k8s.io/v1",
        kind: "Event",
        metadata: { name: eventName(metadata.name, event.when), namespace },
        eventTime: microTime(event.when),
        reportingController: REPORTING_CONTROLLER,
        reportingInstance: truncate(`meshdeck-${os.hostname()}`, 128),
        action: truncate(event.action, 128),
        reason: event.reason,
        type: "Normal",
        note: truncate(event.note, 1024),
        regarding: {
          apiVersion: event.object.apiVersion,
          kind: event.object.kind,
          namespace,
          name: metadata.name,
          ...(metadata.uid ? { uid: metadata.uid } : {}),
          ...(metadata.resourceVersion ? { resourceVersion: metadata.resourceVersion } : {}),
        },
      },
      timeoutMs: 5_000,
    });
    return true;
  } catch {
    return false;
  }
}

/** A traffic change: reason MeshdeckTrafficChange, note = the plan's summary. */
export function recordTrafficEvent(http: KubeHttp, event: TrafficEvent): Promise<boolean> {
  return recordObjectEvent(http, { object: event.object, reason: EVENT_REASON, action: event.action, note: event.summary, when: event.when });
}
