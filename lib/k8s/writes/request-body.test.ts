import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import { isActionError } from "@/lib/istio/actions";
import { MAX_BODY_BYTES, readJsonObject, splitBody } from "./request-body";

const post = (body: string) => new Request("http://x/api", { method: "POST", body });

async function statusOf(p: Promise<unknown>): Promise<number | "ok"> {
  try {
    await p;
    return "ok";
  } catch (error) {
    if (isAppError(error) || isActionError(error)) return error.status;
    throw error;
  }
}

describe("readJsonObject", () => {
  it("reads objects, treats an empty body as {}", async () => {
    expect(await readJsonObject(post('{"a":1}'))).toEqual({ a: 1 });
    expect(await readJsonObject(post("  "))).toEqual({});
  });

  it("answers 400 for non-JSON and oversized bodies, 422 for JSON that is not an object", async () => {
    expect(await statusOf(readJsonObject(post("{")))).toBe(400);
    expect(await statusOf(readJsonObject(post("x".repeat(MAX_BODY_BYTES + 1))))).toBe(400);
    for (const body of ["[]", "null", "1", '"s"']) expect(await statusOf(readJsonObject(post(body)))).toBe(422);
  });
});

describe("splitBody", () => {
  it("separates the resourceVersion precondition and validates it", async () => {
    expect(splitBody({ weights: [], resourceVersion: "12" })).toEqual({ input: { weights: [] }, resourceVersion: "12" });
    expect(splitBody({ weights: [] })).toEqual({ input: { weights: [] }, resourceVersion: undefined });
    expect(await statusOf(Promise.resolve().then(() => splitBody({ resourceVersion: 12 })))).toBe(422);
    expect(await statusOf(Promise.resolve().then(() => splitBody({ resourceVersion: "" })))).toBe(422);
  });
});
