import { beforeAll, describe, expect, it } from "vitest";
import { call, callAtCurrent, ORIGIN, useLabAdminKubeconfig, vsPath } from "./actions-client.js";
import { kubeAs } from "./test-lab.js";
import { demoWorld } from "./worlds/demo.js";

const { namespace, reviews, versions } = demoWorld.shop;
const reviewsVs = vsPath(namespace, reviews.service);
const weights = { weights: [{ host: reviews.service, subset: versions[0], weight: 10 }, { host: reviews.service, subset: versions[1], weight: 90 }] };
const path = `${reviewsVs}/http/0/weights`;
const rv = async () => (await kubeAs("admin").get("networking.istio.io/v1", "VirtualService", namespace, reviews.service)).metadata.resourceVersion;

beforeAll(useLabAdminKubeconfig);

describe("CSRF protection of the write endpoints", () => {
  const refused: [string, Parameters<typeof call>[2]][] = [
    ["no X-Meshdeck-Csrf header", { body: weights, csrf: false }],
    ["a wrong header value", { body: weights, csrf: false, headers: { "x-meshdeck-csrf": "yes" } }],
    ["a cross-site Origin", { body: weights, headers: { origin: "https://evil.example" } }],
    ["Origin: null", { body: weights, headers: { origin: "null" } }],
    ["another port on the same host", { body: weights, headers: { origin: "http://127.0.0.1:3001" } }],
    ["Sec-Fetch-Site: cross-site", { body: weights, headers: { "sec-fetch-site": "cross-site" } }],
    ["Sec-Fetch-Site: same-site", { body: weights, headers: { "sec-fetch-site": "same-site", origin: ORIGIN } }],
    ["a cross-site form post (no header, text/plain)", { rawBody: JSON.stringify(weights), csrf: false, headers: { "content-type": "text/plain", origin: "https://evil.example", "sec-fetch-site": "cross-site" } }],
  ];

  it.each(refused)("refuses %s with 403 \"CSRF check failed\" and changes nothing", async (_, options) => {
    const before = await rv();
    for (const method of ["PUT", "POST", "DELETE"] as const) {
      const target = method === "PUT" ? path : method === "POST" ? `${reviewsVs}/undo` : `${reviewsVs}/http/0/fault`;
      const r = await call(method, target, options);
      expect(r.status).toBe(403);
      expect(r.body.error).toEqual({ code: "Forbidden", message: "CSRF check failed" });
    }
    expect(await rv()).toBe(before);
  });

  it("accepts a same-origin browser request and a header-only API client (dry run)", async () => {
    const before = await rv();
    const browser = await callAtCurrent("PUT", `${path}?dryRun=true`, { body: weights, headers: { origin: ORIGIN, "sec-fetch-site": "same-origin" } });
    expect(browser.status, JSON.stringify(browser.body)).toBe(200);
    const curl = await callAtCurrent("PUT", `${path}?dryRun=true`, { body: weights });
    expect(curl.status).toBe(200);
    expect(await rv()).toBe(before);
  });

  it("does not require the header on reads", async () => {
    expect((await call("GET", `${reviewsVs}/history`, { csrf: false, headers: { origin: "https://evil.example" } })).status).toBe(200);
  });
});
