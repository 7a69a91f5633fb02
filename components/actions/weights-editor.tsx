"use client";

import { useState } from "react";
import type { HttpRule, L4Rule, VirtualServiceModel } from "@/lib/istio/model/schema";
import type { UseAccessResult } from "@/lib/hooks/use-access";
import { LockIcon, UnlockIcon } from "@/components/ui/icons";
import { destinationColor } from "@/components/traffic/colors";
import { routeTitle } from "@/components/traffic/route-split";
import { destinationLabel } from "@/components/traffic/share-math";
import { weightsOwner } from "@/components/traffic/weights-owner";
import { ActionFlow } from "./action-flow";
import { actionPaths, routeParam, type RouteSection } from "./action-paths";
import { ControllerLink } from "./action-failure";
import { buttonClass } from "./field";
import { evenWeights, initialWeights, moveSlider, parseWeight, routeInObject, weightsBody, weightsChanged } from "./weights-model";

interface WeightsEditorProps {
  vs: VirtualServiceModel;
  rule: HttpRule | L4Rule;
  access: UseAccessResult;
  /** Which section the rule is in (default http); tls / tcp rules are addressed by index. */
  section?: RouteSection;
}

/** How the route is named in text ("route primary", "TLS route #2") and the path its weights are written to. */
function routeTarget(vs: VirtualServiceModel, rule: HttpRule | L4Rule, section: RouteSection): { route: string; path: string } {
  if (section === "http") return { route: `route ${routeTitle(rule)}`, path: actionPaths.weights(vs, routeParam(rule)) };
  return { route: `${section.toUpperCase()} route #${rule.index + 1}`, path: actionPaths.l4Weights(vs, section, rule.index) };
}

/** The controller lock: shown instead of enabled controls, with a link to the controller's own actions. */
export function LockedNotice({ owner }: { owner: NonNullable<ReturnType<typeof weightsOwner>> }) {
  return (
    <div role="note" className="flex flex-wrap items-center gap-x-2 gap-y-1 rounded-md border border-violet-200 bg-violet-50 px-3 py-2 text-sm text-violet-950">
      <LockIcon className="size-4" />
      <span>
        Weights are written by {owner.label}
        {owner.name ? ` (${owner.name})` : ""}: a manual change would be reverted.
      </span>
      {owner.name ? <ControllerLink controller={owner.controller} namespace={owner.namespace} name={owner.name} /> : null}
    </div>
  );
}

/**
 * One slider per destination, always summing to 100: moving one rebalances
 * the unlocked others proportionally. Lock per destination, even split,
 * numeric entry; Preview shows the diff, Apply writes after confirmation.
 */
export function WeightsEditor({ vs, rule, access, section = "http" }: WeightsEditorProps) {
  const { route, path } = routeTarget(vs, rule, section);
  const capitalized = route.charAt(0).toUpperCase() + route.slice(1);
  const configured = initialWeights(rule.destinations);
  const [draft, setDraft] = useState<number[] | null>(null);
  const [locked, setLocked] = useState<boolean[]>([]);
  const weights = draft && draft.length === configured.length ? draft : configured;
  const dirty = draft !== null && weightsChanged(weights, configured);
  const owner = weightsOwner(vs, rule);
  const readOnly = owner !== null || access.state === "denied";
  const labels = rule.destinations.map(destinationLabel);

  const move = (i: number, value: number) => setDraft(moveSlider(weights, i, value, locked));
  const toggleLock = (i: number) => setLocked((l) => weights.map((_, k) => (k === i ? !l[k] : Boolean(l[k]))));

  return (
    <div className="space-y-3">
      {owner ? <LockedNotice owner={owner} /> : null}
      <ActionFlow
        subject={`weights of ${route}`}
        modelResourceVersion={vs.resourceVersion}
        dirty={dirty}
        disabledReason={owner ? `Locked: weights are written by ${owner.label}` : access.reason}
        build={(rv) => ({ method: "PUT", path, body: weightsBody(rule.destinations, weights, rv) })}
        confirm={{
          title: `Apply new weights to ${route}?`,
          label: "Apply weights",
          body: (
            <>
              <p>
                Traffic of <span className="font-mono">{vs.name}</span> {route} moves as soon as Istio pushes the change:
              </p>
              <ul className="list-disc pl-5">
                {labels.map((label, i) => (
                  <li key={`${i}-${label}`}>
                    <span className="font-mono">{label}</span>: {configured[i]}% → <span className="font-semibold">{weights[i]}%</span>
                  </li>
                ))}
              </ul>
            </>
          ),
        }}
        fieldPaths={["weights", ...labels.map((_, i) => `weights.${i}.weight`)]}
        onApplied={() => setDraft(null)}
        renderCurrent={(current) => {
          const now = routeInObject(current, rule, section);
          return now ? (
            <p>
              {capitalized} now: {now.map((d) => `${d.label} ${d.weight ?? "–"}%`).join(", ")}
            </p>
          ) : (
            <p>{capitalized} no longer exists.</p>
          );
        }}
      >
        {({ fieldErrors, disabled }) => (
          <fieldset disabled={readOnly || disabled} className="max-w-4xl space-y-2">
            <legend className="sr-only">Weights of {route}</legend>
            {rule.destinations.map((d, i) => {
              const label = labels[i] ?? "";
              const sliderId = `w-${vs.namespace}-${vs.name}-${section}-${rule.index}-${i}`;
              const error = fieldErrors[`weights.${i}.weight`];
              return (
                <div key={`${i}-${label}`} className="grid grid-cols-[minmax(8rem,14rem)_minmax(8rem,1fr)_4.5rem_2rem] items-center gap-x-3">
                  <label htmlFor={sliderId} className="flex min-w-0 items-center gap-1.5 text-sm">
                    <span aria-hidden="true" className={`size-2.5 shrink-0 rounded-sm ${destinationColor(i).bg}`} />
                    <span className="truncate font-mono text-slate-800" title={label}>
                      {label}
                    </span>
                    <span className="sr-only"> weight</span>
                  </label>
                  <input
                    id={sliderId}
                    type="range"
                    min={0}
                    max={100}
                    step={1}
                    value={weights[i] ?? 0}
                    aria-valuetext={`${weights[i] ?? 0}%`}
                    disabled={Boolean(locked[i])}
                    onChange={(e) => move(i, Number(e.target.value))}
                    className="w-full accent-sky-600 disabled:opacity-50"
                  />
                  <div className="flex items-center gap-1">
                    <input
                      type="number"
                      min={0}
                      max={100}
                      step={1}
                      inputMode="numeric"
                      value={weights[i] ?? 0}
                      aria-label={`${label} weight in percent`}
                      aria-invalid={Boolean(error)}
                      disabled={Boolean(locked[i])}
                      onChange={(e) => {
                        const n = parseWeight(e.target.value);
                        if (n !== null) move(i, n);
                      }}
                      className="w-14 rounded-md border border-slate-300 px-1.5 py-0.5 text-right text-sm tabular-nums focus:border-sky-500 focus:ring-2 focus:ring-sky-500/30 focus:outline-none disabled:bg-slate-100"
                    />
                    <span aria-hidden="true" className="text-sm text-slate-500">
                      %
                    </span>
                  </div>
                  <button
                    type="button"
                    aria-pressed={Boolean(locked[i])}
                    aria-label={`Lock ${label} weight`}
                    title={locked[i] ? "Locked: other sliders will not change it" : "Lock this weight"}
                    onClick={() => toggleLock(i)}
                    className={`rounded p-1 focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:outline-none ${locked[i] ? "bg-slate-200 text-slate-900" : "text-slate-400 hover:text-slate-700"}`}
                  >
                    {locked[i] ? <LockIcon /> : <UnlockIcon />}
                  </button>
                  {error ? <p className="col-span-4 text-xs font-medium text-red-700">{error}</p> : null}
                </div>
              );
            })}
            <div className="flex flex-wrap items-center gap-3 pt-1">
              <span className="text-xs text-slate-600" aria-live="polite">
                Total {weights.reduce((a, b) => a + b, 0)}%{dirty ? " · changed" : ""}
              </span>
              <button type="button" className={buttonClass.small} onClick={() => setDraft(evenWeights(weights, locked))}>
                Even split
              </button>
              <button type="button" className={buttonClass.small} onClick={() => setDraft(null)} disabled={!dirty}>
                Reset
              </button>
              {fieldErrors.weights ? <span className="text-xs font-medium text-red-700">{fieldErrors.weights}</span> : null}
            </div>
          </fieldset>
        )}
      </ActionFlow>
    </div>
  );
}
