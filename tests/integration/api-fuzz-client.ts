import http from "node:http";
import { apiErrorBodySchema } from "../../lib/errors/api-error.js";

/** One generated HTTP request, sent as is (raw path, any method, any Host) with node:http. */
export interface FuzzRequest {
  method: string;
  /** Raw request target: path and query exactly as sent (percent-encoding not normalised). */
  target: string;
  headers: Record<string, string>;
  body?: string;
  /** The OpenAPI path template it was made from, for the report. */
  template: string;
  /** What the generator broke on purpose; the exact answers some of them must get are checked too. */
  hostAllowed: boolean;
  /** A state-changing request aimed at the fuzz namespace. */
  write: boolean;
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const MAX_BODY = 1 << 20;

/** Sends the request over loopback; an SSE answer is closed after its headers, a body is read up to 1 MiB. */
export function send(port: number, agent: http.Agent, r: FuzzRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // node:http sends a DELETE/OPTIONS body without framing unless told its length.
    const headers = r.body === undefined ? r.headers : { ...r.headers, "content-length": String(Buffer.byteLength(r.body)) };
    const req = http.request({ host: "127.0.0.1", port, method: r.method, path: r.target, headers, agent, timeout: 60_000 }, (res) => {
      const status = res.statusCode ?? 0;
      if (String(res.headers["content-type"] ?? "").startsWith("text/event-stream")) {
        res.destroy();
        resolve({ status, headers: res.headers, body: "" });
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (c: Buffer) => {
        size += c.length;
        if (size <= MAX_BODY) chunks.push(c);
        else res.destroy();
      });
      res.on("close", () => resolve({ status, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", () => undefined);
    });
    req.on("timeout", () => req.destroy(new Error("no answer within 60 s")));
    req.on("error", reject);
    req.end(r.body);
  });
}

const SECURITY_HEADERS: Record<string, RegExp> = {
  "content-security-policy": /frame-ancestors /,
  "x-content-type-options": /^nosniff$/,
  "referrer-policy": /^no-referrer$/,
  "cross-origin-opener-policy": /^same-origin$/,
};

/** What is wrong with an answer: 5xx, an error without the typed body, a missing security header, a wrong refusal. */
export function problems(r: FuzzRequest, a: Answer): string[] {
  const out: string[] = [];
  if (a.status >= 500) out.push(`${a.status}`);
  for (const [name, want] of Object.entries(SECURITY_HEADERS)) if (!want.test(String(a.headers[name] ?? ""))) out.push(`no ${name}`);
  // Pages answer errors in HTML; every /api error has the typed body.
  if (a.status >= 400 && r.method !== "HEAD" && /^\/api(\/|\?|$)/.test(r.target)) {
    let parsed = false;
    try {
      parsed = apiErrorBodySchema.safeParse(JSON.parse(a.body)).success;
    } catch {
      parsed = false;
    }
    if (!parsed) out.push(`untyped ${a.status} body`);
  }
  const servedMethod = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"].includes(r.method);
  if (!r.hostAllowed && a.status !== 421) out.push(`Host ${r.headers.host} got ${a.status}, not 421`);
  else if (r.hostAllowed && !servedMethod && a.status !== 405) out.push(`${r.method} got ${a.status}, not 405`);
  return out;
}
