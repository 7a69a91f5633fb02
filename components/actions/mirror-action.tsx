"use client";

import { useState } from "react";
import { mirrorInputSchema } from "@/lib/istio/actions/mirror";
import type { HttpRule, VirtualServiceModel } from "@/lib/istio/model/schema";
import type { UseAccessResult } from "@/lib/hooks/use-access";
import { routeTitle } from "@/components/traffic/route-split";
import { destinationLabel } from "@/components/traffic/share-math";
import { ActionFlow } from "./action-flow";
import { actionPaths, routeParam } from "./action-paths";
import type { DestinationChoice } from "./destination-choices";
import { Field, inputClass } from "./field";
import { checkForm, numberOrNaN } from "./form-validation";

const FIELDS = ["destination", "destination.host", "destination.subset", "percentage"];

/** Mirror a share of a route's requests to another destination (responses ignored), or stop. */
export function MirrorAction({ vs, rule, access, choices }: { vs: VirtualServiceModel; rule: HttpRule; access: UseAccessResult; choices: readonly DestinationChoice[] }) {
  const title = routeTitle(rule);
  const [key, setKey] = useState<string>("");
  const [percent, setPercent] = useState("10");
  const [touched, setTouched] = useState(false);
  const choice = choices.find((c) => c.key === key);
  const check = checkForm(mirrorInputSchema, { destination: choice?.input ?? { host: "" }, percentage: numberOrNaN(percent) });
  const path = actionPaths.mirror(vs, routeParam(rule));
  return (
    <div className="space-y-4">
      <div className="text-sm text-slate-700">
        Current:{" "}
        {rule.mirrors.length > 0 ? (
          <span className="font-medium text-cyan-800">{rule.mirrors.map((m) => `${destinationLabel(m)} (${m.percent}%)`).join(", ")}</span>
        ) : (
          <span className="text-slate-500">not mirrored</span>
        )}
      </div>
      <ActionFlow
        subject={`mirroring of route ${title}`}
        modelResourceVersion={vs.resourceVersion}
        dirty={touched}
        canApply={touched}
        applyLabel="Mirror"
        applyName={`Start mirroring route ${title}`}
        disabledReason={access.reason}
        fieldPaths={FIELDS}
        build={(rv) => (check.ok && choice ? { method: "PUT", path, body: { ...check.data, ...(rv ? { resourceVersion: rv } : {}) } } : null)}
        confirm={{
          title: `Mirror route ${title}?`,
          label: "Start mirroring",
          body: (
            <p>
              A copy of {percent}% of the requests of route {title} goes to <span className="font-mono">{choice?.label ?? "?"}</span>; its responses are ignored,
              but it does the work (and any writes) for real.
            </p>
          ),
        }}
        onApplied={() => setTouched(false)}
      >
        {({ fieldErrors, attempted, disabled }) => {
          const errors = { ...(attempted && !check.ok ? check.errors : {}), ...fieldErrors };
          const destError = errors.destination ?? errors["destination.host"] ?? errors["destination.subset"] ?? (attempted && !choice ? "choose a destination" : undefined);
          return (
            <fieldset disabled={disabled} className="grid gap-3 sm:grid-cols-[1fr_10rem]">
              <legend className="sr-only">Mirroring of route {title}</legend>
              <Field label="Mirror to" error={destError}>
                {(p) => (
                  <select
                    {...p}
                    className={inputClass}
                    value={key}
                    onChange={(e) => {
                      setKey(e.target.value);
                      setTouched(true);
                    }}
                  >
                    <option value="">Choose a destination…</option>
                    {choices.map((c) => (
                      <option key={c.key} value={c.key}>
                        {c.label}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label="Requests mirrored (%)" error={errors.percentage}>
                {(p) => (
                  <input
                    {...p}
                    type="number"
                    min={0}
                    max={100}
                    className={inputClass}
                    value={percent}
                    onChange={(e) => {
                      setPercent(e.target.value);
                      setTouched(true);
                    }}
                  />
                )}
              </Field>
            </fieldset>
          );
        }}
      </ActionFlow>
      {rule.mirrors.length > 0 ? (
        <div className="border-t border-slate-200 pt-3">
          <ActionFlow
            subject={`mirroring of route ${title}`}
            modelResourceVersion={vs.resourceVersion}
            dirty={false}
            canApply
            showPreview={false}
            applyLabel="Stop mirroring"
            applyName={`Stop mirroring route ${title}`}
            disabledReason={access.reason}
            build={(rv) => ({ method: "DELETE", path, body: rv ? { resourceVersion: rv } : {} })}
            confirm={{ title: `Stop mirroring route ${title}?`, label: "Stop mirroring", body: <p>The mirror destination stops receiving copies of these requests.</p> }}
          />
        </div>
      ) : null}
    </div>
  );
}
