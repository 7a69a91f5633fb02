"use client";

import { useId, useState } from "react";
import { retriesInputSchema } from "@/lib/istio/actions/timeouts";
import { ENVOY_RETRY_ON, ISTIO_DEFAULT_ATTEMPTS, ISTIO_DEFAULT_RETRY_ON } from "@/lib/istio/semantics/retry";
import type { HttpRule, VirtualServiceModel } from "@/lib/istio/model/schema";
import type { UseAccessResult } from "@/lib/hooks/use-access";
import { routeTitle } from "@/components/traffic/route-split";
import { ActionFlow } from "./action-flow";
import { actionPaths, routeParam } from "./action-paths";
import { ClearAction } from "./clear-action";
import { Field, inputClass } from "./field";
import { checkForm, numberOrNaN } from "./form-validation";

type Retries = NonNullable<HttpRule["retries"]>;

/** "3 retries on 5xx, 2s per try" — or Istio's default when the route sets none. */
export function describeRetries(retries: HttpRule["retries"]): string {
  if (!retries) return `Istio's default (${ISTIO_DEFAULT_ATTEMPTS} retries on ${ISTIO_DEFAULT_RETRY_ON.replace("retriable-status-codes", "503")})`;
  if (!retries.attempts) return "disabled (attempts 0)";
  const parts = [
    `${retries.attempts} retr${retries.attempts === 1 ? "y" : "ies"} on ${retries.retryOn ?? ISTIO_DEFAULT_RETRY_ON}`,
    retries.perTryTimeout ? `${retries.perTryTimeout} per try` : null,
    retries.retryRemoteLocalities ? "other localities too" : null,
  ];
  return parts.filter(Boolean).join(", ");
}

interface RetriesForm {
  attempts: string;
  perTryTimeout: string;
  retryOn: string;
  remote: boolean;
}

const formFrom = (r: Retries | null): RetriesForm => ({
  attempts: String(r?.attempts ?? 3),
  perTryTimeout: r?.perTryTimeout ?? "",
  retryOn: r?.retryOn ?? "5xx,connect-failure",
  remote: r?.retryRemoteLocalities ?? false,
});

function retriesInput(f: RetriesForm) {
  return {
    attempts: numberOrNaN(f.attempts),
    ...(f.perTryTimeout.trim() ? { perTryTimeout: f.perTryTimeout.trim() } : {}),
    ...(f.retryOn.trim() ? { retryOn: f.retryOn.trim() } : {}),
    ...(f.remote ? { retryRemoteLocalities: true } : {}),
  };
}

/** Set the route's retry policy (validated against Envoy's retry-on values), or go back to Istio's default. */
export function RetriesAction({ vs, rule, access }: { vs: VirtualServiceModel; rule: HttpRule; access: UseAccessResult }) {
  const title = routeTitle(rule);
  const listId = useId();
  const [form, setForm] = useState<RetriesForm>(() => formFrom(rule.retries));
  const [touched, setTouched] = useState(false);
  const set = (patch: Partial<RetriesForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setTouched(true);
  };
  const check = checkForm(retriesInputSchema, retriesInput(form));
  const path = actionPaths.retries(vs, routeParam(rule));
  return (
    <div className="space-y-4">
      <div className="text-sm text-slate-700">
        Current: <span className={rule.retries ? "font-medium text-amber-800" : "text-slate-500"}>{describeRetries(rule.retries)}</span>
      </div>
      <ActionFlow
        subject={`retries of route ${title}`}
        modelResourceVersion={vs.resourceVersion}
        dirty={touched}
        canApply={touched}
        applyLabel="Set retries"
        applyName={`Set the retries of route ${title}`}
        disabledReason={access.reason}
        fieldPaths={["attempts", "perTryTimeout", "retryOn", "retryRemoteLocalities"]}
        build={(rv) => (check.ok ? { method: "PUT", path, body: { ...check.data, ...(rv ? { resourceVersion: rv } : {}) } } : null)}
        confirm={{
          title: `Set the retries of route ${title}?`,
          label: "Set retries",
          body: <p>Failed attempts matching the conditions are sent again, to another pod: each retry is real load on the destination.</p>,
        }}
        onApplied={() => setTouched(false)}
      >
        {({ fieldErrors, attempted, disabled }) => {
          const errors = { ...(attempted && !check.ok ? check.errors : {}), ...fieldErrors };
          return (
            <fieldset disabled={disabled} className="grid gap-3 sm:grid-cols-[8rem_10rem_1fr]">
              <legend className="sr-only">Retries of route {title}</legend>
              <Field label="Retries" hint="0 disables them" error={errors.attempts}>
                {(p) => <input {...p} type="number" min={0} max={100} className={inputClass} value={form.attempts} onChange={(e) => set({ attempts: e.target.value })} />}
              </Field>
              <Field label="Per-try timeout" hint="optional: 500ms, 2s" error={errors.perTryTimeout}>
                {(p) => <input {...p} className={inputClass} value={form.perTryTimeout} onChange={(e) => set({ perTryTimeout: e.target.value })} />}
              </Field>
              <Field label="Retry on" hint="Envoy conditions and/or status codes, comma-separated (5xx, gateway-error, connect-failure, 503…)" error={errors.retryOn}>
                {(p) => <input {...p} list={listId} className={inputClass} value={form.retryOn} onChange={(e) => set({ retryOn: e.target.value })} />}
              </Field>
              <datalist id={listId}>
                {ENVOY_RETRY_ON.map((v) => (
                  <option key={v} value={v} />
                ))}
              </datalist>
              <label className="flex items-center gap-2 text-sm sm:col-span-3">
                <input type="checkbox" checked={form.remote} onChange={(e) => set({ remote: e.target.checked })} className="accent-sky-600" />
                Retry in other localities too (retryRemoteLocalities)
              </label>
            </fieldset>
          );
        }}
      </ActionFlow>
      {rule.retries ? (
        <ClearAction
          vs={vs}
          path={path}
          subject={`retries of route ${title}`}
          label="Remove retries"
          access={access}
          body={<p>Route {title} goes back to Istio&apos;s default retry policy: {describeRetries(null)}.</p>}
        />
      ) : null}
    </div>
  );
}
