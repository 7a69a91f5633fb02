/**
 * Prometheus samples → typed traffic rows. Missing labels read as "unknown"
 * (as Istio writes them); the empty string is kept only where Istio uses it
 * (grpc_response_status on plain HTTP).
 */
import { sampleNumber, type PromSample } from "./prom";

export const UNKNOWN = "unknown";

export type Reporter = "source" | "destination";

export interface SourceIdentity {
  readonly namespace: string;
  readonly workload: string;
  readonly app: string;
  readonly version: string;
}

export interface DestinationIdentity {
  readonly serviceNamespace: string;
  readonly serviceName: string;
  readonly workloadNamespace: string;
  readonly workload: string;
  readonly app: string;
  readonly version: string;
}

interface RowBase {
  readonly reporter: Reporter;
  readonly source: SourceIdentity;
  readonly dest: DestinationIdentity;
}

export interface RequestRow extends RowBase {
  readonly protocol: string;
  readonly code: string;
  readonly grpcStatus: string;
  readonly flags: string;
  readonly rps: number;
}

export interface LatencyRow extends RowBase {
  readonly ms: number;
}

function label(m: Readonly<Record<string, string>>, name: string): string {
  const v = m[name];
  return v === undefined || v === "" ? UNKNOWN : v;
}

function reporterOf(m: Readonly<Record<string, string>>): Reporter {
  // Series without a reporter label (a hand-written query) are taken as destination data.
  return m.reporter === "source" ? "source" : "destination";
}

function identities(m: Readonly<Record<string, string>>): RowBase {
  return {
    reporter: reporterOf(m),
    source: {
      namespace: label(m, "source_workload_namespace"),
      workload: label(m, "source_workload"),
      app: label(m, "source_canonical_service"),
      version: label(m, "source_canonical_revision"),
    },
    dest: {
      serviceNamespace: label(m, "destination_service_namespace"),
      serviceName: label(m, "destination_service_name"),
      workloadNamespace: label(m, "destination_workload_namespace"),
      workload: label(m, "destination_workload"),
      app: label(m, "destination_canonical_service"),
      version: label(m, "destination_canonical_revision"),
    },
  };
}

/** Rows of the requests query; negative, NaN and infinite rates are dropped. */
export function requestRows(samples: readonly PromSample[]): RequestRow[] {
  const rows: RequestRow[] = [];
  for (const s of samples) {
    const rps = sampleNumber(s);
    if (rps === null || rps < 0) continue;
    const m = s.metric;
    rows.push({
      ...identities(m),
      protocol: (m.request_protocol ?? "http") || "http",
      code: label(m, "response_code"),
      grpcStatus: m.grpc_response_status ?? "",
      flags: m.response_flags ?? "-",
      rps,
    });
  }
  return rows;
}

/** Rows of the latency query; NaN (no requests in the window) is dropped. */
export function latencyRows(samples: readonly PromSample[]): LatencyRow[] {
  const rows: LatencyRow[] = [];
  for (const s of samples) {
    const ms = sampleNumber(s);
    if (ms === null || ms < 0) continue;
    rows.push({ ...identities(s.metric), ms });
  }
  return rows;
}
