/**
 * The Istio request metrics: one series per distinct label set, each a flat
 * Float64Array of counter + three histograms. Recording is a few cached map
 * lookups and array increments; label strings are built once per series.
 */
import { serviceKey, type Endpoint, type ServiceRef } from "../routing/types";
import {
  destinationFragment,
  sourceFragment,
  tailFragment,
  type Reporter,
  type SecurityPolicy,
} from "./istio-labels";
import { TcpMetrics } from "./tcp-registry";

/** Envoy's default histogram buckets, which Istio uses for request durations (ms). */
export const DURATION_BUCKETS = [
  0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000,
] as const;
/** Request / response size buckets (bytes). */
export const BYTES_BUCKETS = [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000] as const;

/** Offsets into a series' Float64Array. Histogram counts are per bucket (not cumulative); the last is +Inf. */
export const LAYOUT = (() => {
  const requests = 0;
  const duration = 1;
  const durationSum = duration + DURATION_BUCKETS.length + 1;
  const requestBytes = durationSum + 1;
  const requestBytesSum = requestBytes + BYTES_BUCKETS.length + 1;
  const responseBytes = requestBytesSum + 1;
  const responseBytesSum = responseBytes + BYTES_BUCKETS.length + 1;
  return { requests, duration, durationSum, requestBytes, requestBytesSum, responseBytes, responseBytesSum, size: responseBytesSum + 1 };
})();

export interface Series {
  /** The label set without braces, UTF-8 encoded. */
  readonly labels: Buffer;
  readonly values: Float64Array;
}

class Interner {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [];
  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(value, id);
      this.values.push(value);
    }
    return id;
  }
}

function bucketIndex(bounds: readonly number[], v: number): number {
  let i = 0;
  while (i < bounds.length && v > (bounds[i] ?? Infinity)) i++;
  return i;
}

/** Key space of a series: reporter(1 bit) · source(18) · destination(22) · tail(12) < 2^53. */
const SRC_LIMIT = 2 ** 18;
const DST_LIMIT = 2 ** 22;
const TAIL_LIMIT = 2 ** 12;
const SECURITY_IDS: Readonly<Record<SecurityPolicy, number>> = { mutual_tls: 0, none: 1, unknown: 2 };

export interface RequestSample {
  readonly reporter: Reporter;
  /** The requesting peer as the reporter knows it (null = unknown). */
  readonly source: Endpoint | null;
  /** The peer that answered (null when none did or it is unknown). */
  readonly destination: Endpoint | null;
  readonly service: ServiceRef | null;
  readonly code: number;
  readonly flags: string;
  readonly security: SecurityPolicy;
  /** Whether the principals are known (the connection used mutual TLS). */
  readonly mtls: boolean;
  readonly latencyMs: number;
  readonly requestBytes: number;
  readonly responseBytes: number;
}

export class IstioMetrics {
  private readonly byKey = new Map<number, Series>();
  /** Creation order; rendering walks this array. */
  readonly series: Series[] = [];
  private readonly sources = new Interner();
  private readonly destinations = new Interner();
  private readonly tails = new Interner();
  private readonly flags = new Interner();
  /** Fragment ids by telemetry key (stable across routing tables, so rebuilds keep the caches warm). */
  private readonly sourceIds = new Map<string, number[]>();
  private readonly destinationIds = new Map<string, Map<string, number[]>>();
  /** Per ServiceRef object, its key (ServiceRefs are recreated with each table). */
  private readonly serviceKeys = new WeakMap<ServiceRef, string>();
  private readonly tailIds = new Map<number, number>();
  private total = 0;
  /** The TCP metrics (istio_tcp_*), rendered after the request metrics. */
  readonly tcp = new TcpMetrics();

  /** Requests recorded (per reporter, so one request can count twice). */
  get recorded(): number {
    return this.total;
  }

  record(s: RequestSample): void {
    const src = this.sourceId(s.source, s.mtls);
    const dst = this.destinationId(s.destination, s.service, s.mtls);
    const tail = this.tailId(s.code, s.flags, s.security);
    const key = (((s.reporter === "source" ? 0 : 1) * SRC_LIMIT + src) * DST_LIMIT + dst) * TAIL_LIMIT + tail;
    let series = this.byKey.get(key);
    if (!series) {
      const labels = `reporter="${s.reporter}",${this.sources.values[src]},${this.destinations.values[dst]},${this.tails.values[tail]}`;
      series = { labels: Buffer.from(labels, "utf8"), values: new Float64Array(LAYOUT.size) };
      this.byKey.set(key, series);
      this.series.push(series);
    }
    const v = series.values;
    v[LAYOUT.requests]! += 1;
    v[LAYOUT.duration + bucketIndex(DURATION_BUCKETS, s.latencyMs)]! += 1;
    v[LAYOUT.durationSum]! += s.latencyMs;
    v[LAYOUT.requestBytes + bucketIndex(BYTES_BUCKETS, s.requestBytes)]! += 1;
    v[LAYOUT.requestBytesSum]! += s.requestBytes;
    v[LAYOUT.responseBytes + bucketIndex(BYTES_BUCKETS, s.responseBytes)]! += 1;
    v[LAYOUT.responseBytesSum]! += s.responseBytes;
    this.total++;
  }

  private sourceId(source: Endpoint | null, mtls: boolean): number {
    const key = source?.telemetryKey ?? "";
    let ids = this.sourceIds.get(key);
    if (!ids) {
      ids = [this.sources.id(sourceFragment(source, false)), this.sources.id(sourceFragment(source, true))];
      this.sourceIds.set(key, ids);
      if (this.sources.values.length >= SRC_LIMIT) throw new Error("too many distinct source label sets");
    }
    return ids[mtls ? 1 : 0] ?? 0;
  }

  private destinationId(peer: Endpoint | null, service: ServiceRef | null, mtls: boolean): number {
    let svcKey = "";
    if (service) {
      const known = this.serviceKeys.get(service);
      if (known === undefined) this.serviceKeys.set(service, (svcKey = serviceKey(service)));
      else svcKey = known;
    }
    let byPeer = this.destinationIds.get(svcKey);
    if (!byPeer) {
      byPeer = new Map();
      this.destinationIds.set(svcKey, byPeer);
    }
    const peerKey = peer?.telemetryKey ?? "";
    let ids = byPeer.get(peerKey);
    if (!ids) {
      ids = [
        this.destinations.id(destinationFragment(peer, service, false)),
        this.destinations.id(destinationFragment(peer, service, true)),
      ];
      byPeer.set(peerKey, ids);
      if (this.destinations.values.length >= DST_LIMIT) throw new Error("too many distinct destination label sets");
    }
    return ids[mtls ? 1 : 0] ?? 0;
  }

  private tailId(code: number, flags: string, security: SecurityPolicy): number {
    const key = (code * 1024 + this.flags.id(flags)) * 4 + SECURITY_IDS[security];
    let id = this.tailIds.get(key);
    if (id === undefined) {
      id = this.tails.id(tailFragment(code, flags, security));
      this.tailIds.set(key, id);
      if (id >= TAIL_LIMIT) throw new Error("too many distinct response code / flag combinations");
    }
    return id;
  }
}
