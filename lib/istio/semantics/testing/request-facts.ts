import type { RequestFacts } from "../request";

/** A GET / from a sidecar in `prod` to reviews:9080, with `over` applied (tests only). */
export function requestFacts(over: Partial<RequestFacts> & { query?: Readonly<Record<string, string>> } = {}): RequestFacts {
  const { query = {}, ...rest } = over;
  return {
    path: "/",
    method: "GET",
    authority: "reviews.prod.svc.cluster.local",
    scheme: "http",
    port: 9080,
    headers: {},
    queryParam: (name) => query[name],
    sourceLabels: {},
    sourceNamespace: "prod",
    gateways: new Set(["mesh"]),
    ...rest,
  };
}
