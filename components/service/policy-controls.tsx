"use client";

import { TrafficPolicyAction, type PolicyTarget } from "@/components/actions/traffic-policy-action";
import { patchDestinationRules, useAccess } from "@/lib/hooks/use-access";
import type { Owner } from "@/lib/istio/model/schema";

function summary(policy: Record<string, unknown> | null): string {
  if (!policy) return "none";
  const parts = ["loadBalancer", "connectionPool", "outlierDetection", "tls"].filter((f) => policy[f] !== undefined);
  return parts.join(", ") || "none edited here";
}

/** A DestinationRule's (or subset's) traffic policy behind a disclosure; locked (423 on apply) when a controller writes the object. */
export function PolicyControls({ target, owner, title }: { target: PolicyTarget; owner: Owner | null; title: string }) {
  const access = useAccess(patchDestinationRules(target.namespace));
  const locked = owner?.weightsLocked ? `${owner.kind} ${owner.name ?? ""} manages this DestinationRule: ${owner.reason}` : null;
  return (
    <details className="rounded-md border border-slate-200 px-3 py-2">
      <summary className="cursor-pointer text-xs font-medium text-slate-700">
        {title}: <span className="font-normal text-slate-500">{summary(target.current)}</span>
      </summary>
      <div className="mt-3">
        <TrafficPolicyAction target={target} access={locked ? { state: "denied", reason: locked } : access} />
      </div>
    </details>
  );
}
