/**
 * Istio's TCP metrics, one counter set per label set: connections opened and
 * closed, bytes sent (to the client, during the response) and received (from
 * the client, during the request). Labels: reporter, the source and destination
 * labels of istio_requests_total, request_protocol="tcp", response_flags and
 * connection_security_policy (TCP metrics carry no response code).
 */
import type { Endpoint, ServiceRef } from "../routing/types";
import { destinationFragment, escapeLabelValue, sourceFragment, type Reporter, type SecurityPolicy } from "./istio-labels";

export interface ConnectionSample {
  readonly reporter: Reporter;
  readonly source: Endpoint | null;
  readonly destination: Endpoint | null;
  readonly service: ServiceRef | null;
  readonly flags: string;
  readonly security: SecurityPolicy;
  readonly mtls: boolean;
  /** Bytes the server sent back to the client. */
  readonly sentBytes: number;
  /** Bytes the client sent to the server. */
  readonly receivedBytes: number;
}

const COUNTERS = [
  { name: "istio_tcp_connections_opened_total", help: "Total TCP connections opened" },
  { name: "istio_tcp_connections_closed_total", help: "Total TCP connections closed" },
  { name: "istio_tcp_sent_bytes_total", help: "Total bytes sent during response in case of a TCP connection" },
  { name: "istio_tcp_received_bytes_total", help: "Total bytes received during request in case of a TCP connection" },
] as const;

/** Most distinct TCP label sets kept (the lab's TCP traffic is a handful of flows). */
const MAX_SERIES = 100_000;

export class TcpMetrics {
  private readonly series = new Map<string, Float64Array>();

  get size(): number {
    return this.series.size;
  }

  /** One connection, opened and closed within the tick (connections complete instantly in simulation time). */
  record(s: ConnectionSample): void {
    const labels = [
      `reporter="${s.reporter}"`,
      sourceFragment(s.source, s.mtls),
      destinationFragment(s.destination, s.service, s.mtls),
      `request_protocol="tcp",response_flags="${escapeLabelValue(s.flags)}",connection_security_policy="${s.security}"`,
    ].join(",");
    let v = this.series.get(labels);
    if (!v) {
      if (this.series.size >= MAX_SERIES) throw new Error("too many distinct TCP label sets");
      v = new Float64Array(COUNTERS.length);
      this.series.set(labels, v);
    }
    v[0]! += 1;
    v[1]! += 1;
    v[2]! += s.sentBytes;
    v[3]! += s.receivedBytes;
  }

  /** Text exposition (format 0.0.4); "" when no connection was recorded. */
  render(): string {
    if (this.series.size === 0) return "";
    return COUNTERS.map(({ name, help }, i) => {
      const lines = [...this.series].map(([labels, v]) => `${name}{${labels}} ${v[i] ?? 0}\n`);
      return `# HELP ${name} ${help}\n# TYPE ${name} counter\n${lines.join("")}`;
    }).join("");
  }
}
