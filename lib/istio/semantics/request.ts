/** What routing rules can see of an HTTP request, as a proxy evaluates them. */
export interface RequestFacts {
  /** The path without the query string. */
  readonly path: string;
  readonly method: string;
  /** The host (authority) without a port, lower-case. */
  readonly authority: string;
  readonly scheme: string;
  /** The port the request was sent to (the listener's). */
  readonly port: number;
  /** Header values by lower-case name. */
  readonly headers: Readonly<Record<string, string>>;
  /** The first value of a query parameter. */
  queryParam(name: string): string | undefined;
  readonly sourceLabels: Readonly<Record<string, string>>;
  readonly sourceNamespace: string;
  /** `mesh` for sidecar traffic, else the `ns/name` keys of the Gateways serving the request. */
  readonly gateways: ReadonlySet<string>;
}

export type RequestPredicate = (request: RequestFacts) => boolean;

export const ALWAYS: RequestPredicate = () => true;

export function allOf(checks: readonly RequestPredicate[]): RequestPredicate {
  if (checks.length === 0) return ALWAYS;
  if (checks.length === 1) return checks[0] ?? ALWAYS;
  return (r) => checks.every((c) => c(r));
}

/** Several match blocks are OR-ed; none means every request. */
export function anyOf(checks: readonly RequestPredicate[]): RequestPredicate {
  if (checks.length === 0) return ALWAYS;
  if (checks.length === 1) return checks[0] ?? ALWAYS;
  return (r) => checks.some((c) => c(r));
}
