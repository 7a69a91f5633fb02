"use client";

import { useId, useState } from "react";
import type { HttpRule, VirtualServiceModel } from "@/lib/istio/model/schema";
import type { UseAccessResult } from "@/lib/hooks/use-access";
import { routeTitle } from "@/components/traffic/route-split";
import { destinationLabel } from "@/components/traffic/share-math";
import { ActionFlow } from "./action-flow";
import { actionPaths, routeParam } from "./action-paths";
import { destinationInput } from "./weights-model";
import { weightsOwner } from "@/components/traffic/weights-owner";
import { LockedNotice } from "./weights-editor";

/** Promote one destination of a route: 100% to it, 0% to the others (the rule stays). */
export function PromoteAction({ vs, rule, access }: { vs: VirtualServiceModel; rule: HttpRule; access: UseAccessResult }) {
  const title = routeTitle(rule);
  const [choice, setChoice] = useState<number | null>(null);
  const name = useId();
  const owner = weightsOwner(vs, rule);
  const chosen = choice !== null ? rule.destinations[choice] : undefined;
  return (
    <div className="space-y-3">
      {owner ? <LockedNotice owner={owner} /> : null}
      <ActionFlow
        subject={`promotion in route ${title}`}
        modelResourceVersion={vs.resourceVersion}
        dirty={chosen !== undefined}
        disabledReason={owner ? `Locked: weights are written by ${owner.label}` : access.reason}
        applyLabel="Promote"
        applyName={`Promote in route ${title}`}
        build={(rv) =>
          chosen ? { method: "POST", path: actionPaths.promote(vs, routeParam(rule)), body: { destination: destinationInput(chosen), ...(rv ? { resourceVersion: rv } : {}) } } : null
        }
        confirm={{
          title: `Promote ${chosen ? destinationLabel(chosen) : "destination"}?`,
          label: "Promote",
          tone: "danger",
          body: (
            <p>
              All traffic of route {title} in <span className="font-mono">{vs.name}</span> goes to{" "}
              <span className="font-mono font-semibold">{chosen ? destinationLabel(chosen) : "?"}</span>; the other destinations get 0% (they stay in the route).
            </p>
          ),
        }}
        onApplied={() => setChoice(null)}
      >
        {({ disabled }) => (
          <fieldset disabled={disabled || owner !== null} className="space-y-1">
            <legend className="text-xs font-medium text-slate-700">Destination to promote to 100%</legend>
            {rule.destinations.map((d, i) => (
              <label key={`${i}-${destinationLabel(d)}`} className="flex items-center gap-2 text-sm">
                <input type="radio" name={name} checked={choice === i} onChange={() => setChoice(i)} className="accent-sky-600" />
                <span className="font-mono">{destinationLabel(d)}</span>
                <span className="text-xs text-slate-500">now {Math.round(d.share * 100)}%</span>
              </label>
            ))}
          </fieldset>
        )}
      </ActionFlow>
    </div>
  );
}
