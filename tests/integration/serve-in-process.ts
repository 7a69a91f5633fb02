import fs from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { repoRoot } from "../../lab/core/paths.js";
import { proxy } from "@/proxy";
import { match } from "./actions-client.js";

/**
 * Serves a request in-process as `next start` would: proxy.ts first (the auth
 * decision, headers it forwards), then the route handler of the path's
 * `app/api/.../route.ts`, resolved from the OpenAPI path template.
 */
export const ORIGIN = "http://127.0.0.1:3000";

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** `/api/services/{namespace}/{name}/metrics` → `app/api/services/[namespace]/[name]/metrics/route.ts` (must exist). */
export function routeFile(template: string): string {
  const file = path.join(repoRoot, "app", ...template.replace(/^\//, "").split("/").map((s) => s.replace(/^\{(.+)\}$/, "[$1]")), "route.ts");
  if (!fs.existsSync(file)) throw new Error(`no route handler for ${template} (${file})`);
  return file;
}

/** The params of `pathname` for the OpenAPI `template` (`{name}` segments), or null when it does not match. */
export function matchTemplate(template: string, pathname: string): Record<string, string> | null {
  return match(template.replace(/\{([^}]+)\}/g, ":$1"), pathname);
}

export interface Served {
  status: number;
  headers: Headers;
  text: string;
}

/** Reads an SSE body until `events` data frames arrived, then stops the stream. */
async function readEvents(response: Response, events: number, abort: AbortController): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return "";
  const decoder = new TextDecoder();
  let text = "";
  while ((text.match(/^data:/gm) ?? []).length < events) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  abort.abort();
  await reader.cancel().catch(() => undefined);
  return text;
}

/** What the gate (proxy.ts) answered, or the headers it forwards to the handler. */
async function gate(method: string, url: URL, headers: Record<string, string>, body?: string): Promise<{ answer: Response } | { forward: Headers }> {
  // A real client always sends Host (proxy.ts refuses a request without an allowed one).
  const answer = await proxy(new NextRequest(url, { method, headers: { host: url.host, ...headers }, ...(body === undefined ? {} : { body }) }));
  if (answer.headers.get("x-middleware-next") !== "1") return { answer };
  const forward = new Headers();
  for (const name of (answer.headers.get("x-middleware-override-headers") ?? "").split(",").filter(Boolean)) {
    forward.set(name, answer.headers.get(`x-middleware-request-${name}`) ?? "");
  }
  return { forward };
}

export async function serve(
  method: "GET" | "POST",
  template: string,
  pathWithQuery: string,
  headers: Record<string, string> = {},
  options: { body?: string; sseEvents?: number } = {},
): Promise<Served> {
  const url = new URL(pathWithQuery, ORIGIN);
  const params = matchTemplate(template, url.pathname);
  if (!params) throw new Error(`${url.pathname} does not match ${template}`);
  const decided = await gate(method, url, headers, options.body);
  if ("answer" in decided) return { status: decided.answer.status, headers: decided.answer.headers, text: await decided.answer.text() };
  const handler = ((await import(routeFile(template))) as Partial<Record<string, Handler>>)[method];
  if (!handler) return { status: 405, headers: new Headers(), text: "" };
  const abort = new AbortController();
  const request = new NextRequest(url, { method, headers: decided.forward, signal: abort.signal, ...(options.body === undefined ? {} : { body: options.body }) });
  const response = await handler(request, { params: Promise.resolve(params) });
  const sse = response.headers.get("content-type")?.startsWith("text/event-stream");
  const text = sse ? await readEvents(response, options.sseEvents ?? 1, abort) : await response.text();
  return { status: response.status, headers: response.headers, text };
}
