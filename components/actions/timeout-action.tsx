"use client";

import { useState } from "react";
import { timeoutInputSchema } from "@/lib/istio/actions/timeouts";
import type { HttpRule, VirtualServiceModel } from "@/lib/istio/model/schema";
import type { UseAccessResult } from "@/lib/hooks/use-access";
import { routeTitle } from "@/components/traffic/route-split";
import { ActionFlow } from "./action-flow";
import { actionPaths, routeParam } from "./action-paths";
import { ClearAction } from "./clear-action";
import { Field, inputClass } from "./field";
import { checkForm } from "./form-validation";

/** Set the route's timeout (slower answers end with 504 UT), or remove it. */
export function TimeoutAction({ vs, rule, access }: { vs: VirtualServiceModel; rule: HttpRule; access: UseAccessResult }) {
  const title = routeTitle(rule);
  const [timeout, setTimeoutText] = useState(rule.timeout ?? "1s");
  const [touched, setTouched] = useState(false);
  const check = checkForm(timeoutInputSchema, { timeout: timeout.trim() });
  const path = actionPaths.timeout(vs, routeParam(rule));
  return (
    <div className="space-y-4">
      <div className="text-sm text-slate-700">
        Current: {rule.timeout ? <span className="font-medium text-amber-800">{rule.timeout}</span> : <span className="text-slate-500">none (Istio&apos;s default: no timeout)</span>}
      </div>
      <ActionFlow
        subject={`timeout of route ${title}`}
        modelResourceVersion={vs.resourceVersion}
        dirty={touched}
        canApply={touched}
        applyLabel="Set timeout"
        applyName={`Set the timeout of route ${title}`}
        disabledReason={access.reason}
        fieldPaths={["timeout"]}
        build={(rv) => (check.ok ? { method: "PUT", path, body: { ...check.data, ...(rv ? { resourceVersion: rv } : {}) } } : null)}
        confirm={{
          title: `Time out route ${title} after ${timeout.trim()}?`,
          label: "Set timeout",
          tone: "danger",
          body: <p>Requests of this route that take longer end with 504 (response flag UT), retries included.</p>,
        }}
        onApplied={() => setTouched(false)}
      >
        {({ fieldErrors, attempted, disabled }) => {
          const errors = { ...(attempted && !check.ok ? check.errors : {}), ...fieldErrors };
          return (
            <fieldset disabled={disabled} className="grid gap-3 sm:grid-cols-[12rem]">
              <legend className="sr-only">Timeout of route {title}</legend>
              <Field label="Timeout" hint="Go duration: 500ms, 1s, 1m30s" error={errors.timeout}>
                {(p) => (
                  <input
                    {...p}
                    className={inputClass}
                    value={timeout}
                    onChange={(e) => {
                      setTimeoutText(e.target.value);
                      setTouched(true);
                    }}
                  />
                )}
              </Field>
            </fieldset>
          );
        }}
      </ActionFlow>
      {rule.timeout ? (
        <ClearAction vs={vs} path={path} subject={`timeout of route ${title}`} label="Remove timeout" access={access} body={<p>Requests of route {title} no longer time out at the proxy.</p>} />
      ) : null}
    </div>
  );
}
