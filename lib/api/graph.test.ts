import { describe, expect, it } from "vitest";
import { graphKey, graphQuerySchema, graphTopic, parseGraphTopic } from "./graph";

describe("graph topics", () => {
  it("round-trips a key through its topic, namespaces sorted", () => {
    const key = graphKey({ type: "versionedApp", namespaces: ["default", "bookinfo", "bookinfo"], window: "5m", idle: true });
    const topic = graphTopic(key);
    expect(topic).toBe("graph:va:5m:1:bookinfo.default");
    expect(parseGraphTopic(topic)).toEqual(key);
    expect(parseGraphTopic(graphTopic(graphKey({ type: "service", namespaces: [], window: "1m", idle: false })))).toEqual({ type: "service", namespaces: [], window: "1m", idle: false });
  });

  it("rejects malformed topics and non-canonical spellings", () => {
    for (const t of ["graph:x:5m:1:a", "graph:va:2m:1:a", "graph:va:5m:2:a", "graph:va:5m:1:B", "graph:va:5m:1:b.a", "graph:va:5m:1:a:extra", "cluster"]) expect(parseGraphTopic(t)).toBeNull();
  });

  it("parses the query with defaults and refuses bad values", () => {
    expect(graphQuerySchema.parse({})).toEqual({ namespaces: [], window: "1m", type: "versionedApp", idle: false });
    expect(graphQuerySchema.parse({ namespaces: "b, a,a", idle: "1", type: "app", window: "15m" })).toEqual({ namespaces: ["a", "b"], window: "15m", type: "app", idle: true });
    expect(graphQuerySchema.safeParse({ namespaces: "Bad_NS" }).success).toBe(false);
    expect(graphQuerySchema.safeParse({ window: "2m" }).success).toBe(false);
    expect(graphQuerySchema.safeParse({ other: "1" }).success).toBe(false);
  });
});
