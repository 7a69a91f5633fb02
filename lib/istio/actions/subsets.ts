import type { DestinationRuleWire, PodWire, ServiceWire, SubsetWire } from "@/lib/istio/wire";
import { auditAnnotations } from "./audit";
import { ActionError, parseInput } from "./errors";
import { sanitizeName, uniqueName } from "./names";
import { objectLabel, planSectionChange, type ActionPlan } from "./plan";
import { actionContextSchema, type ActionContext } from "./schemas";

export interface SubsetsOptions {
  /** Pod label that tells versions apart (default `version`). */
  label?: string;
  /** apiVersion of a created DestinationRule (default `networking.istio.io/v1`). */
  apiVersion?: string;
}

export type SubsetsPlan =
  | { kind: "create"; object: DestinationRuleWire; result: DestinationRuleWire; summary: string; changed: true; action: string }
  | ({ kind: "patch" } & ActionPlan<DestinationRuleWire>);

const LIVE = (pod: PodWire): boolean => !pod.metadata.deletionTimestamp && pod.status?.phase !== "Succeeded" && pod.status?.phase !== "Failed";

function selects(selector: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

/** Host names of `service` a DestinationRule in its namespace may use. */
function serviceHosts(service: ServiceWire): string[] {
  const { name, namespace = "" } = service.metadata;
  return [name, `${name}.${namespace}`, `${name}.${namespace}.svc`, `${name}.${namespace}.svc.cluster.local`];
}

/** Subset name for a version value: the value when it is a DNS-1123 label ("v2"), else sanitised ("1.0.1" → "1-0-1"). */
export function subsetNameFor(version: string, taken: ReadonlySet<string>): string {
  return uniqueName(sanitizeName(version) || "version", taken);
}

/**
 * DestinationRule subsets for every `version` of the Service's live pods that
 * no subset covers yet. Without `existingDr` it plans a new DestinationRule
 * named after the Service (the caller creates it); with one, a merge patch
 * replacing `spec.subsets` (existing subsets stay first, untouched).
 */
export function planSubsetsFromVersions(
  service: ServiceWire,
  pods: readonly PodWire[],
  existingDr: DestinationRuleWire | undefined,
  context: ActionContext,
  options: SubsetsOptions = {},
): SubsetsPlan {
  const ctx = parseInput(actionContextSchema, context, "action context");
  const label = options.label ?? "version";
  const selector = service.spec.selector ?? {};
  if (Object.keys(selector).length === 0) throw new ActionError("Unprocessable", `${objectLabel(service)} has no selector: its pods cannot be found`);
  const selected = pods.filter((pod) => (pod.metadata.namespace ?? "") === (service.metadata.namespace ?? "") && LIVE(pod) && selects(selector, pod.metadata.labels));
  const versions = [...new Set(selected.flatMap((pod) => (pod.metadata.labels?.[label] ? [pod.metadata.labels[label]] : [])))].sort((a, b) =>
    a.localeCompare(b, "en", { numeric: true }),
  );
  if (versions.length < 2) {
    throw new ActionError("Unprocessable", `${objectLabel(service)} has ${versions.length === 0 ? "no pods with" : "one value of"} label "${label}": subsets need at least two versions`);
  }
  if (existingDr && !serviceHosts(service).includes(existingDr.spec.host)) {
    throw new ActionError("Unprocessable", `${objectLabel(existingDr)} is for host ${existingDr.spec.host}, not ${service.metadata.name}`);
  }
  const existing: SubsetWire[] = existingDr?.spec.subsets ?? [];
  const taken = new Set(existing.map((s) => s.name));
  const added: SubsetWire[] = [];
  for (const version of versions) {
    if (existing.some((s) => s.labels?.[label] === version)) continue;
    const name = subsetNameFor(version, taken);
    taken.add(name);
    added.push({ name, labels: { [label]: version } });
  }
  const summary = `Subsets ${added.map((s) => s.name).join(", ") || "(none new)"} from pod label "${label}" of ${objectLabel(service)}`;
  if (existingDr) return { kind: "patch", ...planSectionChange(existingDr, "subsets", [...existing, ...added], "subsets-from-versions", summary, ctx) };
  const spec = { host: service.metadata.name, subsets: added };
  const entry = { who: ctx.user, when: ctx.now, action: "subsets-from-versions", summary };
  const object: DestinationRuleWire = {
    apiVersion: options.apiVersion ?? "networking.istio.io/v1",
    kind: "DestinationRule",
    metadata: {
      name: service.metadata.name,
      ...(service.metadata.namespace ? { namespace: service.metadata.namespace } : {}),
      annotations: auditAnnotations(undefined, entry, "subsets", undefined, spec),
    },
    spec,
  };
  return { kind: "create", object, result: structuredClone(object), summary, changed: true, action: "subsets-from-versions" };
}
