"use client";

import type { HttpRule, VirtualServiceModel } from "@/lib/istio/model/schema";
import type { UseAccessResult } from "@/lib/hooks/use-access";
import { routeTitle } from "@/components/traffic/route-split";
import { destinationLabel } from "@/components/traffic/share-math";
import { ActionFlow } from "./action-flow";
import { actionPaths, routeParam } from "./action-paths";
import { weightsOwner } from "@/components/traffic/weights-owner";

/**
 * Whether a blue/green switch makes sense on this rule: the catch-all route,
 * with test routes elsewhere in the VirtualService or a 100/0 split to swap.
 */
export function canSwitch(vs: Pick<VirtualServiceModel, "http">, rule: HttpRule): boolean {
  if (!rule.catchAll || rule.action !== "route" || rule.destinations.length === 0) return false;
  const hasTestRoutes = vs.http.some((r) => r.testRoute && r.index !== rule.index);
  const isAllOrNothing = rule.destinations.length === 2 && rule.destinations.some((d) => d.share === 1);
  return hasTestRoutes || isAllOrNothing;
}

/** Blue/green switch: one click, confirmed (the dialog shows the diff). */
export function SwitchAction({ vs, rule, access }: { vs: VirtualServiceModel; rule: HttpRule; access: UseAccessResult }) {
  const title = routeTitle(rule);
  const owner = weightsOwner(vs, rule);
  const live = rule.destinations.find((d) => d.share === 1) ?? rule.destinations[0];
  return (
    <ActionFlow
      subject={`blue/green switch of route ${title}`}
      modelResourceVersion={vs.resourceVersion}
      dirty={false}
      canApply
      showPreview={false}
      applyLabel="Switch blue/green"
      applyName={`Switch blue/green on route ${title} of ${vs.name}`}
      disabledReason={owner ? `Locked: weights are written by ${owner.label}` : access.reason}
      build={(rv) => ({ method: "POST", path: actionPaths.switch(vs, routeParam(rule)), body: rv ? { resourceVersion: rv } : {} })}
      confirm={{
        title: `Switch route ${title} of ${vs.name}?`,
        label: "Switch now",
        tone: "danger",
        body: (
          <p>
            All default traffic moves away from <span className="font-mono font-semibold">{live ? destinationLabel(live) : "the live version"}</span> to the
            other version; test routes swap the other way. Running the switch again switches back.
          </p>
        ),
      }}
    />
  );
}
