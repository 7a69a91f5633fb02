import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { noQuerySchema, parseQuery } from "./query";

const schema = z.strictObject({ dryRun: z.enum(["true", "false"]).optional(), window: z.string().default("5m") });

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

describe("parseQuery", () => {
  it("parses declared parameters (defaults applied)", () => {
    expect(parseQuery(new URLSearchParams("dryRun=true"), schema)).toEqual({ dryRun: "true", window: "5m" });
    expect(parseQuery(new Request("http://x/api?window=1m"), schema)).toEqual({ window: "1m" });
  });

  it("400 naming an unknown parameter (a misspelt dryRun never runs the real action)", () => {
    const error = refusal(() => parseQuery(new URLSearchParams("dryrun=true&zz=1"), schema));
    expect(error.status).toBe(400);
    expect(error.detail.message).toBe('Unknown query parameter "dryrun" (accepted: dryRun, window)');
    expect(error.detail.issues).toEqual([
      { path: "dryrun", message: "unknown query parameter" },
      { path: "zz", message: "unknown query parameter" },
    ]);
    expect(refusal(() => parseQuery(new URLSearchParams("a="), noQuerySchema)).detail.message).toContain("accepted: none");
  });

  it("400 with the schema's issues for a bad or repeated value", () => {
    expect(refusal(() => parseQuery(new URLSearchParams("dryRun=yes"), schema)).detail.issues?.[0]?.path).toBe("dryRun");
    expect(refusal(() => parseQuery(new URLSearchParams("window=a&window=b"), schema)).status).toBe(400);
  });
});
