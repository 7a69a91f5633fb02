"use client";

import { useState } from "react";
import { faultInputSchema } from "@/lib/istio/actions/fault";
import type { Fault, HttpRule, VirtualServiceModel } from "@/lib/istio/model/schema";
import type { UseAccessResult } from "@/lib/hooks/use-access";
import { routeTitle } from "@/components/traffic/route-split";
import { ActionFlow } from "./action-flow";
import { actionPaths, routeParam } from "./action-paths";
import { Field, inputClass } from "./field";
import { checkForm, numberOrNaN } from "./form-validation";

/** "delay 7s for 100% · abort HTTP 500 for 10% (only requests with the header)". */
export function describeFault(fault: Fault): string {
  const parts = [
    fault.delay ? `delay ${fault.delay.fixedDelay ?? fault.delay.exponentialDelay ?? "?"}${fault.delay.percent !== null ? ` for ${fault.delay.percent}%` : ""}` : null,
    fault.abort
      ? `abort ${fault.abort.httpStatus !== null ? `HTTP ${fault.abort.httpStatus}` : (fault.abort.grpcStatus ?? fault.abort.http2Error ?? "")}${fault.abort.percent !== null ? ` for ${fault.abort.percent}%` : ""}`
      : null,
  ].filter(Boolean);
  return `${parts.join(" · ")}${fault.headerScoped ? " (only requests matching the route's header)" : ""}`;
}

interface FaultForm {
  delayOn: boolean;
  fixedDelay: string;
  delayPercent: string;
  abortOn: boolean;
  httpStatus: string;
  abortPercent: string;
  scope: "route" | "header";
  headerName: string;
  headerMatch: "exact" | "prefix" | "regex";
  headerValue: string;
}

const initial: FaultForm = {
  delayOn: true,
  fixedDelay: "2s",
  delayPercent: "100",
  abortOn: false,
  httpStatus: "503",
  abortPercent: "10",
  scope: "route",
  headerName: "end-user",
  headerMatch: "exact",
  headerValue: "",
};

export function faultInput(f: FaultForm) {
  return {
    ...(f.delayOn ? { delay: { fixedDelay: f.fixedDelay.trim(), percentage: numberOrNaN(f.delayPercent) } } : {}),
    ...(f.abortOn ? { abort: { httpStatus: numberOrNaN(f.httpStatus), percentage: numberOrNaN(f.abortPercent) } } : {}),
    ...(f.scope === "header" ? { onlyForHeader: { name: f.headerName.trim(), match: f.headerMatch, value: f.headerValue } } : {}),
  };
}

const FIELDS = ["delay", "delay.fixedDelay", "delay.percentage", "abort.httpStatus", "abort.percentage", "onlyForHeader.name", "onlyForHeader.value"];

/** Inject a delay and/or an abort (whole route or only for a header), or clear it. */
export function FaultAction({ vs, rule, access, hasFault }: { vs: VirtualServiceModel; rule: HttpRule; access: UseAccessResult; hasFault: boolean }) {
  const title = routeTitle(rule);
  const [form, setForm] = useState<FaultForm>(initial);
  const [touched, setTouched] = useState(false);
  const set = (patch: Partial<FaultForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setTouched(true);
  };
  const check = checkForm(faultInputSchema, faultInput(form));
  const path = actionPaths.fault(vs, routeParam(rule));
  return (
    <div className="space-y-4">
      <div className="text-sm text-slate-700">
        Current: {rule.fault ? <span className="font-medium text-rose-700">{describeFault(rule.fault)}</span> : <span className="text-slate-500">no fault injected</span>}
      </div>
      <ActionFlow
        subject={`fault injection on route ${title}`}
        modelResourceVersion={vs.resourceVersion}
        dirty={touched}
        canApply
        applyLabel="Inject fault"
        applyName={`Inject fault into route ${title}`}
        disabledReason={access.reason}
        fieldPaths={FIELDS}
        build={(rv) => (check.ok ? { method: "PUT", path, body: { ...check.data, ...(rv ? { resourceVersion: rv } : {}) } } : null)}
        confirm={{
          title: `Inject a fault into route ${title}?`,
          label: "Inject fault",
          tone: "danger",
          body: <p>Matching requests to <span className="font-mono">{vs.name}</span> will be delayed or fail as set below, in production, until the fault is cleared.</p>,
        }}
        onApplied={() => setTouched(false)}
      >
        {({ fieldErrors, attempted, disabled }) => {
          const errors = { ...(attempted && !check.ok ? check.errors : {}), ...fieldErrors };
          return (
            <fieldset disabled={disabled} className="space-y-3">
              <legend className="sr-only">Fault injection on route {title}</legend>
              <div className="grid gap-3 sm:grid-cols-2">
                <div className="space-y-2 rounded-md border border-slate-200 p-3">
                  <label className="flex items-center gap-2 text-sm font-medium">
                    <input type="checkbox" checked={form.delayOn} onChange={(e) => set({ delayOn: e.target.checked })} className="accent-sky-600" />
                    Delay
                  </label>
                  <div className="grid grid-cols-2 gap-2">
                    <Field label="Fixed delay" hint="Go duration: 500ms, 2s, 1m30s" error={errors["delay.fixedDelay"]}>
                      {(p) => <input {...p} className={inputClass} value={form.fixedDelay} disabled={!form.delayOn} onChange={(e) => set({ fixedDelay: e.target.value })} />}
                    </Field>
                    <Field label="Requests delayed (%)" error={errors["delay.percentage"]}>
                      {(p) => (
                        <input {...p} type="number" min={0} max={100} className={inputClass} value={form.delayPercent} disabled={!form.delayOn} onChange={(e) => set({ delayPercent: e.target.value })} />
                      )}
                    </Field>
                  </div>
                </div>
                <div className="space-y-2 rounded-md border border-slate-200 p-3">
                  <label className="flex items-center gap-2 text-sm font-medium">
                    <input type="checkbox" checked={form.abortOn} onChange={(e) => set({ abortOn: e.target.checked })} className="accent-sky-600" />
                    Abort
                  </label>
                  <div className="grid grid-cols-2 gap-2">
                    <Field label="HTTP status" error={errors["abort.httpStatus"]}>
                      {(p) => (
                        <input {...p} type="number" min={200} max={599} className={inputClass} value={form.httpStatus} disabled={!form.abortOn} onChange={(e) => set({ httpStatus: e.target.value })} />
                      )}
                    </Field>
                    <Field label="Requests aborted (%)" error={errors["abort.percentage"]}>
                      {(p) => (
                        <input {...p} type="number" min={0} max={100} className={inputClass} value={form.abortPercent} disabled={!form.abortOn} onChange={(e) => set({ abortPercent: e.target.value })} />
                      )}
                    </Field>
                  </div>
                </div>
              </div>
              {errors.delay ? <p className="text-xs font-medium text-red-700">{errors.delay}</p> : null}
              <fieldset className="space-y-2">
                <legend className="text-xs font-medium text-slate-700">Applies to</legend>
                <div className="flex flex-wrap gap-4 text-sm">
                  <label className="flex items-center gap-2">
                    <input type="radio" checked={form.scope === "route"} onChange={() => set({ scope: "route" })} className="accent-sky-600" />
                    the whole route
                  </label>
                  <label className="flex items-center gap-2">
                    <input type="radio" checked={form.scope === "header"} onChange={() => set({ scope: "header" })} className="accent-sky-600" />
                    only requests with a header
                  </label>
                </div>
                {form.scope === "header" ? (
                  <div className="grid gap-2 sm:grid-cols-[1fr_8rem_1fr]">
                    <Field label="Header name" error={errors["onlyForHeader.name"]}>
                      {(p) => <input {...p} className={inputClass} value={form.headerName} onChange={(e) => set({ headerName: e.target.value })} />}
                    </Field>
                    <Field label="Match">
                      {(p) => (
                        <select {...p} className={inputClass} value={form.headerMatch} onChange={(e) => set({ headerMatch: e.target.value as FaultForm["headerMatch"] })}>
                          <option value="exact">exact</option>
                          <option value="prefix">prefix</option>
                          <option value="regex">regex</option>
                        </select>
                      )}
                    </Field>
                    <Field label="Header value" error={errors["onlyForHeader.value"]}>
                      {(p) => <input {...p} className={inputClass} value={form.headerValue} onChange={(e) => set({ headerValue: e.target.value })} />}
                    </Field>
                  </div>
                ) : null}
              </fieldset>
            </fieldset>
          );
        }}
      </ActionFlow>
      {hasFault ? (
        <div className="border-t border-slate-200 pt-3">
          <ActionFlow
            subject={`fault of route ${title}`}
            modelResourceVersion={vs.resourceVersion}
            dirty={false}
            canApply
            showPreview={false}
            applyLabel="Clear fault"
            applyName={`Clear the fault of route ${title}`}
            disabledReason={access.reason}
            build={(rv) => ({ method: "DELETE", path, body: rv ? { resourceVersion: rv } : {} })}
            confirm={{ title: `Clear the fault of route ${title}?`, label: "Clear fault", body: <p>Requests stop being delayed or aborted by Meshdeck&apos;s fault on this route.</p> }}
          />
        </div>
      ) : null}
    </div>
  );
}
