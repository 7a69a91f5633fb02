import { describe, expect, it } from "vitest";
import { parseBearer } from "./bearer";

describe("parseBearer", () => {
  it("reads a token, tells none from malformed", () => {
    expect(parseBearer("Bearer abc.def-ghi_")).toEqual({ kind: "token", token: "abc.def-ghi_" });
    expect(parseBearer("bearer  abc ")).toEqual({ kind: "token", token: "abc" });
    expect(parseBearer(null)).toEqual({ kind: "none" });
    expect(parseBearer("Basic dXNlcjpwYXNz")).toEqual({ kind: "none" });
    for (const bad of ["Bearer", "Bearer ", "Bearer a b", "Bearer tök"]) expect(parseBearer(bad), bad).toEqual({ kind: "malformed" });
  });
});
