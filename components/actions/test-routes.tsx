"use client";

import { useState } from "react";
import useSWR from "swr";
import { testRouteListSchema, type TestRouteList } from "@/lib/api/actions";
import { addTestRouteInputSchema } from "@/lib/istio/actions/test-routes";
import type { VirtualServiceModel } from "@/lib/istio/model/schema";
import type { UseAccessResult } from "@/lib/hooks/use-access";
import { fetchJson, type ApiRequestError } from "@/lib/hooks/fetch-json";
import { ErrorState } from "@/components/ui/error-state";
import { LoadingState } from "@/components/ui/loading-state";
import { ActionFlow } from "./action-flow";
import { actionPaths } from "./action-paths";
import type { DestinationChoice } from "./destination-choices";
import { Field, inputClass } from "./field";
import { checkForm } from "./form-validation";
import { TableHead } from "@/components/ui/table-head";

type TestRoute = TestRouteList["testRoutes"][number];

function destinationText(d: TestRoute["destination"]): string {
  return [d.host, d.subset, d.port?.number !== undefined ? `:${d.port.number}` : null].filter(Boolean).join(" · ");
}

function conditionText(r: TestRoute): string {
  const op = r.condition.match === "exact" ? "=" : r.condition.match === "prefix" ? "starts with" : "matches";
  return `${r.condition.kind} ${r.condition.name} ${op} ${r.condition.value}`;
}

interface AddForm {
  kind: "header" | "cookie";
  name: string;
  match: "exact" | "prefix" | "regex";
  value: string;
  destination: string;
  routeName: string;
}

const emptyForm: AddForm = { kind: "header", name: "x-version", match: "exact", value: "", destination: "", routeName: "" };

function addInput(f: AddForm, choices: readonly DestinationChoice[]) {
  const condition = { name: f.name.trim(), match: f.match, value: f.value };
  return {
    ...(f.routeName.trim() ? { name: f.routeName.trim() } : {}),
    ...(f.kind === "header" ? { header: condition } : { cookie: condition }),
    destination: choices.find((c) => c.key === f.destination)?.input ?? { host: "" },
  };
}

const FIELDS = ["name", "header", "header.name", "header.value", "cookie.name", "cookie.value", "destination", "destination.host"];

/** Header / cookie test routes of a VirtualService: list, add (first rule), remove. */
export function TestRoutes({ vs, access, choices }: { vs: VirtualServiceModel; access: UseAccessResult; choices: readonly DestinationChoice[] }) {
  const url = actionPaths.testRoutes(vs);
  // Keyed by resourceVersion: any change of the VirtualService refetches the list.
  const { data, error, isLoading } = useSWR<TestRouteList, ApiRequestError>([url, vs.resourceVersion], () => fetchJson(url, testRouteListSchema), { keepPreviousData: true });
  const [form, setForm] = useState<AddForm>(emptyForm);
  const [touched, setTouched] = useState(false);
  const set = (patch: Partial<AddForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setTouched(true);
  };
  const check = checkForm(addTestRouteInputSchema, addInput(form, choices));
  const prefix = form.kind === "header" ? "header" : "cookie";
  return (
    <div className="space-y-4">
      {error && !data ? <ErrorState error={error.detail} /> : null}
      {isLoading && !data ? <LoadingState label="Loading test routes…" rows={2} /> : null}
      {data ? (
        data.testRoutes.length === 0 ? (
          <p className="text-sm text-slate-500">No test routes. Add one to send requests carrying a header or cookie to one destination.</p>
        ) : (
          <table className="w-full text-sm" aria-label={`Test routes of ${vs.name}`}>
            <TableHead size="normal" columns={[{ label: "Route" }, { label: "When" }, { label: "Goes to" }, { label: <span className="sr-only">Actions</span> }]} />
            <tbody className="divide-y divide-slate-100 align-top">
              {data.testRoutes.map((r) => {
                const label = r.name ?? `#${r.index + 1}`;
                return (
                  <tr key={`${r.index}-${r.name ?? ""}`}>
                    <th scope="row" className="py-1.5 pr-2 text-left font-mono text-xs font-normal">
                      {label}
                    </th>
                    <td className="py-1.5 pr-2 font-mono text-xs">{conditionText(r)}</td>
                    <td className="py-1.5 pr-2 font-mono text-xs">{destinationText(r.destination)}</td>
                    <td className="py-1.5">
                      <ActionFlow
                        subject={`test route ${label}`}
                        modelResourceVersion={vs.resourceVersion}
                        dirty={false}
                        canApply
                        showPreview={false}
                        applyLabel="Remove"
                        disabledReason={access.reason}
                        build={(rv) => ({ method: "DELETE", path: actionPaths.testRoute(vs, r.name ?? `http:${r.index}`), body: rv ? { resourceVersion: rv } : {} })}
                        confirm={{
                          title: `Remove test route ${label}?`,
                          label: "Remove",
                          tone: "danger",
                          body: (
                            <p>
                              Requests with {conditionText(r)} follow the default routes again instead of going to <span className="font-mono">{destinationText(r.destination)}</span>.
                            </p>
                          ),
                        }}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )
      ) : null}
      <div className="rounded-md border border-slate-200 p-3">
        <h4 className="mb-2 text-sm font-medium text-slate-800">Add a test route</h4>
        <ActionFlow
          subject={`new test route in ${vs.name}`}
          modelResourceVersion={vs.resourceVersion}
          dirty={touched}
          canApply={touched}
          applyLabel="Add test route"
          applyName={`Add test route to ${vs.name}`}
          disabledReason={access.reason}
          fieldPaths={FIELDS}
          build={(rv) => (check.ok ? { method: "POST", path: actionPaths.testRoutes(vs), body: { ...check.data, ...(rv ? { resourceVersion: rv } : {}) } } : null)}
          confirm={{
            title: "Add this test route?",
            label: "Add test route",
            body: (
              <p>
                It becomes the first rule of <span className="font-mono">{vs.name}</span>: requests with {form.kind} {form.name} {form.match} {form.value || "…"} go to{" "}
                <span className="font-mono">{choices.find((c) => c.key === form.destination)?.label ?? "?"}</span>.
              </p>
            ),
          }}
          onApplied={() => {
            setForm(emptyForm);
            setTouched(false);
          }}
        >
          {({ fieldErrors, attempted, disabled }) => {
            const errors = { ...(attempted && !check.ok ? check.errors : {}), ...fieldErrors };
            return (
              <fieldset disabled={disabled} className="grid gap-3 sm:grid-cols-[7rem_1fr_7rem_1fr]">
                <legend className="sr-only">New test route</legend>
                <Field label="Match on">
                  {(p) => (
                    <select {...p} className={inputClass} value={form.kind} onChange={(e) => set({ kind: e.target.value as AddForm["kind"], name: e.target.value === "cookie" ? "session" : "x-version" })}>
                      <option value="header">header</option>
                      <option value="cookie">cookie</option>
                    </select>
                  )}
                </Field>
                <Field label={form.kind === "header" ? "Header name" : "Cookie name"} error={errors[`${prefix}.name`] ?? errors.header}>
                  {(p) => <input {...p} className={inputClass} value={form.name} onChange={(e) => set({ name: e.target.value })} />}
                </Field>
                <Field label="Match">
                  {(p) => (
                    <select {...p} className={inputClass} value={form.match} onChange={(e) => set({ match: e.target.value as AddForm["match"] })}>
                      <option value="exact">exact</option>
                      <option value="prefix">prefix</option>
                      <option value="regex">regex</option>
                    </select>
                  )}
                </Field>
                <Field label="Value" error={errors[`${prefix}.value`]}>
                  {(p) => <input {...p} className={inputClass} value={form.value} onChange={(e) => set({ value: e.target.value })} />}
                </Field>
                <Field label="Destination" className="sm:col-span-2" error={errors.destination ?? errors["destination.host"]}>
                  {(p) => (
                    <select {...p} className={inputClass} value={form.destination} onChange={(e) => set({ destination: e.target.value })}>
                      <option value="">Choose a destination…</option>
                      {choices.map((c) => (
                        <option key={c.key} value={c.key}>
                          {c.label}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field label="Route name (optional)" className="sm:col-span-2" hint="Default: meshdeck-test-…" error={errors.name}>
                  {(p) => <input {...p} className={inputClass} value={form.routeName} onChange={(e) => set({ routeName: e.target.value })} />}
                </Field>
              </fieldset>
            );
          }}
        </ActionFlow>
      </div>
    </div>
  );
}
