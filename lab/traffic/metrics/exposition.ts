/**
 * Prometheus text exposition (format 0.0.4) of the Istio metrics, written
 * straight into Buffers: per line one copy of the metric-name prefix, one of
 * the series' pre-encoded labels and one of a constant `le` suffix, plus the
 * number. No per-scrape string building, sorting or allocation per series.
 */
import { BYTES_BUCKETS, DURATION_BUCKETS, LAYOUT, type IstioMetrics, type Series } from "./registry";

export const CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
const CHUNK = 1 << 20;
/** At most 1 GiB of idle chunks is kept. */
const MAX_POOLED_CHUNKS = 1024;

/**
 * Reuses the output chunks of earlier scrapes: a large exposition written
 * into fresh memory every few seconds spends more time in page faults than
 * in copying.
 */
export class ChunkPool {
  private readonly free: Buffer[] = [];

  take(): Buffer {
    return this.free.pop() ?? Buffer.allocUnsafe(CHUNK);
  }

  give(buffers: readonly Buffer[]): void {
    for (const b of buffers) if (b.length === CHUNK && this.free.length < MAX_POOLED_CHUNKS) this.free.push(b);
  }
}

class ChunkWriter {
  readonly chunks: Buffer[] = [];
  /** The whole buffers behind `chunks`, for returning them to the pool. */
  readonly owned: Buffer[] = [];
  private buf: Buffer;
  private pos = 0;
  total = 0;

  constructor(private readonly pool: ChunkPool) {
    this.buf = pool.take();
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    this.flush();
    if (n > this.buf.length) this.buf = Buffer.allocUnsafe(n);
  }

  flush(): void {
    if (this.pos === 0) return;
    this.chunks.push(this.buf.subarray(0, this.pos));
    this.owned.push(this.buf);
    this.total += this.pos;
    this.buf = this.pool.take();
    this.pos = 0;
  }

  /** Hands the unused current buffer back. */
  close(): void {
    this.flush();
    this.pool.give([this.buf]);
  }

  bytes(b: Buffer): void {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** name{labels<suffix> value\n */
  line(prefix: Buffer, labels: Buffer, suffix: Buffer, value: number): void {
    this.ensure(prefix.length + labels.length + suffix.length + 32);
    const buf = this.buf;
    let p = this.pos;
    // TypedArray#set is a plain memcpy; Buffer#copy adds argument handling per call.
    buf.set(prefix, p);
    p += prefix.length;
    buf.set(labels, p);
    p += labels.length;
    buf.set(suffix, p);
    p += suffix.length;
    if (Number.isInteger(value) && value >= 0 && value < 2 ** 53) {
      p = writeUint(buf, p, value);
    } else {
      p += buf.write(String(value), p, "latin1");
    }
    buf[p++] = 0x0a;
    this.pos = p;
  }
}

function writeUint(buf: Buffer, pos: number, value: number): number {
  if (value < 10) {
    buf[pos] = 0x30 + value;
    return pos + 1;
  }
  let digits = 0;
  for (let v = value; v >= 1; v = Math.floor(v / 10)) digits++;
  let v = value;
  for (let i = pos + digits - 1; i >= pos; i--) {
    buf[i] = 0x30 + (v % 10);
    v = Math.floor(v / 10);
  }
  return pos + digits;
}

const b = (s: string): Buffer => Buffer.from(s, "latin1");

interface HistogramSpec {
  readonly name: string;
  readonly help: string;
  readonly bounds: readonly number[];
  readonly offset: number;
  readonly sumOffset: number;
}

const HISTOGRAMS: readonly HistogramSpec[] = [
  { name: "istio_request_duration_milliseconds", help: "Request duration in milliseconds", bounds: DURATION_BUCKETS, offset: LAYOUT.duration, sumOffset: LAYOUT.durationSum },
  { name: "istio_request_bytes", help: "Request body size in bytes", bounds: BYTES_BUCKETS, offset: LAYOUT.requestBytes, sumOffset: LAYOUT.requestBytesSum },
  { name: "istio_response_bytes", help: "Response body size in bytes", bounds: BYTES_BUCKETS, offset: LAYOUT.responseBytes, sumOffset: LAYOUT.responseBytesSum },
];

const COMPILED = HISTOGRAMS.map((h) => ({
  ...h,
  header: b(`# HELP ${h.name} ${h.help}\n# TYPE ${h.name} histogram\n`),
  bucket: b(`${h.name}_bucket{`),
  sum: b(`${h.name}_sum{`),
  count: b(`${h.name}_count{`),
  leSuffixes: [...h.bounds.map((x) => b(`,le="${x}"} `)), b(`,le="+Inf"} `)],
}));

const REQUESTS_HEADER = b("# HELP istio_requests_total Total requests\n# TYPE istio_requests_total counter\n");
const REQUESTS = b("istio_requests_total{");
const CLOSE = b("} ");

function writeHistogram(w: ChunkWriter, h: (typeof COMPILED)[number], s: Series): void {
  const v = s.values;
  let cumulative = 0;
  for (let i = 0; i < h.leSuffixes.length; i++) {
    cumulative += v[h.offset + i] ?? 0;
    w.line(h.bucket, s.labels, h.leSuffixes[i] ?? CLOSE, cumulative);
  }
  w.line(h.sum, s.labels, CLOSE, v[h.sumOffset] ?? 0);
  w.line(h.count, s.labels, CLOSE, v[LAYOUT.requests] ?? 0);
}

export interface Exposition {
  readonly chunks: readonly Buffer[];
  readonly bytes: number;
  readonly series: number;
  /** Returns the chunks to the pool; call once they have been written out. */
  release(): void;
}

const defaultPool = new ChunkPool();

export function renderMetrics(metrics: IstioMetrics, extra = "", pool: ChunkPool = defaultPool): Exposition {
  const w = new ChunkWriter(pool);
  const all = metrics.series;
  w.bytes(REQUESTS_HEADER);
  for (const s of all) w.line(REQUESTS, s.labels, CLOSE, s.values[LAYOUT.requests] ?? 0);
  for (const h of COMPILED) {
    w.bytes(h.header);
    for (const s of all) writeHistogram(w, h, s);
  }
  const tcp = metrics.tcp.render();
  if (tcp) w.bytes(Buffer.from(tcp, "utf8"));
  if (extra) w.bytes(Buffer.from(extra, "utf8"));
  w.close();
  let released = false;
  return {
    chunks: w.chunks,
    bytes: w.total,
    series: all.length,
    release: () => {
      if (!released) pool.give(w.owned);
      released = true;
    },
  };
}
