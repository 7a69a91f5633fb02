"use client";

import { useState } from "react";
import { hostPolicyInputSchema, trafficPolicyInputSchema } from "@/lib/istio/actions/traffic-policy";
import type { UseAccessResult } from "@/lib/hooks/use-access";
import { ActionFlow } from "./action-flow";
import { policyPath, type VsRef } from "./action-paths";
import { ClearAction } from "./clear-action";
import { Field, inputClass } from "./field";
import { checkForm } from "./form-validation";
import { formFromPolicy, policyFromForm, type LbChoice, type PolicyForm } from "./traffic-policy-form";

export interface PolicyTarget extends VsRef {
  resourceVersion: string | null;
  /** A subset's policy; absent: the host-level one. */
  subset?: string;
  /** The policy as written (null: none). */
  current: Record<string, unknown> | null;
  /** The DestinationRule does not exist yet: applying creates it for this host. */
  createForHost?: string;
}

const LB_OPTIONS: [LbChoice, string][] = [
  ["", "Istio's default (LEAST_REQUEST)"],
  ["ROUND_ROBIN", "Round robin"],
  ["LEAST_REQUEST", "Least request"],
  ["RANDOM", "Random"],
  ["PASSTHROUGH", "Passthrough"],
  ["header", "Consistent hash: header"],
  ["cookie", "Consistent hash: cookie"],
  ["query", "Consistent hash: query parameter"],
  ["source-ip", "Consistent hash: source IP"],
];

function TextField({ label, hint, error, value, onChange }: { label: string; hint?: string; error: string | undefined; value: string; onChange: (v: string) => void }) {
  return (
    <Field label={label} {...(hint ? { hint } : {})} error={error}>
      {(p) => <input {...p} className={inputClass} value={value} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}

/** Set (or create) a DestinationRule's traffic policy for its host or one subset: load balancer, outlier detection, connection pool, TLS. */
export function TrafficPolicyAction({ target, access }: { target: PolicyTarget; access: UseAccessResult }) {
  const [form, setForm] = useState<PolicyForm>(() => formFromPolicy(target.current));
  const [touched, setTouched] = useState(false);
  const set = (patch: Partial<PolicyForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setTouched(true);
  };
  const policy = policyFromForm(form);
  const host = target.subset === undefined;
  const prefix = host ? "policy." : "";
  const check = host
    ? checkForm(hostPolicyInputSchema, { policy, ...(target.createForHost ? { host: target.createForHost } : {}) })
    : checkForm(trafficPolicyInputSchema, policy);
  const subject = `traffic policy of ${host ? "" : `subset ${target.subset ?? ""} of `}DestinationRule ${target.name}`;
  const path = policyPath(target, target.subset);
  return (
    <div className="space-y-3">
      <ActionFlow
        subject={subject}
        modelResourceVersion={target.resourceVersion}
        dirty={touched}
        canApply={touched}
        applyLabel={target.createForHost ? "Create DestinationRule" : "Set policy"}
        applyName={`Set the ${subject}`}
        disabledReason={access.reason}
        fieldPaths={["loadBalancer", "outlierDetection", "connectionPool", "tls"].map((f) => `${prefix}${f}`)}
        build={(rv) => (check.ok ? { method: "PUT", path, body: { ...check.data, ...(rv ? { resourceVersion: rv } : {}) } } : null)}
        confirm={{
          title: `Set the ${subject}?`,
          label: "Set policy",
          tone: "danger",
          body: <p>Envoy applies the new load balancing, circuit breaking and TLS settings to every caller of this host{host ? "" : " subset"}.</p>,
        }}
        onApplied={() => setTouched(false)}
      >
        {({ fieldErrors, attempted, disabled }) => {
          const errors: Record<string, string | undefined> = { ...(attempted && !check.ok ? check.errors : {}), ...fieldErrors };
          const err = (field: string) => errors[`${prefix}${field}`];
          const hashing = ["header", "cookie", "query"].includes(form.lb);
          return (
            <fieldset disabled={disabled} className="grid gap-3 sm:grid-cols-3">
              <legend className="sr-only">{subject}</legend>
              <Field label="Load balancer" error={err("loadBalancer")}>
                {(p) => (
                  <select {...p} className={inputClass} value={form.lb} onChange={(e) => set({ lb: e.target.value as LbChoice })}>
                    {LB_OPTIONS.map(([v, l]) => (
                      <option key={v} value={v}>
                        {l}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              {hashing ? <TextField label="Hash key name" error={err("loadBalancer.consistentHash") ?? err("loadBalancer")} value={form.hashKey} onChange={(v) => set({ hashKey: v })} /> : <div />}
              <Field label="TLS mode" error={err("tls.mode")}>
                {(p) => (
                  <select {...p} className={inputClass} value={form.tlsMode} onChange={(e) => set({ tlsMode: e.target.value as PolicyForm["tlsMode"] })}>
                    {["", "DISABLE", "SIMPLE", "MUTUAL", "ISTIO_MUTUAL"].map((m) => (
                      <option key={m} value={m}>
                        {m || "unset (auto mTLS)"}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <label className="flex items-center gap-2 text-sm text-slate-700 sm:col-span-3">
                <input type="checkbox" checked={form.outlier} onChange={(e) => set({ outlier: e.target.checked })} /> Outlier detection (circuit breaking)
              </label>
              {form.outlier ? (
                <>
                  <TextField label="Consecutive 5xx errors" hint="0 turns 5xx counting off" error={err("outlierDetection.consecutive5xxErrors")} value={form.consecutive5xxErrors} onChange={(v) => set({ consecutive5xxErrors: v })} />
                  <TextField label="Consecutive gateway errors" hint="502/503/504; empty: off" error={err("outlierDetection.consecutiveGatewayErrors")} value={form.consecutiveGatewayErrors} onChange={(v) => set({ consecutiveGatewayErrors: v })} />
                  <TextField label="Interval" hint="Go duration, e.g. 10s" error={err("outlierDetection.interval")} value={form.interval} onChange={(v) => set({ interval: v })} />
                  <TextField label="Base ejection time" hint="× times ejected" error={err("outlierDetection.baseEjectionTime")} value={form.baseEjectionTime} onChange={(v) => set({ baseEjectionTime: v })} />
                  <TextField label="Max ejection %" error={err("outlierDetection.maxEjectionPercent")} value={form.maxEjectionPercent} onChange={(v) => set({ maxEjectionPercent: v })} />
                  <div />
                </>
              ) : null}
              <TextField label="Max TCP connections" hint="empty: unlimited" error={err("connectionPool.tcp.maxConnections") ?? err("connectionPool")} value={form.maxConnections} onChange={(v) => set({ maxConnections: v })} />
              <TextField label="Max pending HTTP/1.1 requests" hint="empty: unlimited" error={err("connectionPool.http.http1MaxPendingRequests")} value={form.http1MaxPendingRequests} onChange={(v) => set({ http1MaxPendingRequests: v })} />
            </fieldset>
          );
        }}
      </ActionFlow>
      {target.current && !target.createForHost ? (
        <ClearAction vs={target} path={path} subject={subject} label="Remove policy" access={access} body={<p>Istio&apos;s defaults apply again{host ? "" : " (or the host-level policy, for this subset)"}.</p>} />
      ) : null}
    </div>
  );
}
