import { describe, expect, it } from "vitest";
import { LineDecoder } from "./json-lines";

describe("LineDecoder", () => {
  it("reassembles lines split across chunks, including inside a UTF-8 sequence", () => {
    const text = `{"type":"ADDED","object":{"name":"café-☃"}}\n{"type":"BOOKMARK"}\n`;
    const bytes = Buffer.from(text, "utf8");
    for (let cut = 1; cut < bytes.length; cut++) {
      const d = new LineDecoder();
      const lines = [...d.push(bytes.subarray(0, cut)), ...d.push(bytes.subarray(cut)), ...d.end()];
      expect(lines).toEqual([`{"type":"ADDED","object":{"name":"café-☃"}}`, `{"type":"BOOKMARK"}`]);
    }
  });

  it("handles byte-by-byte delivery, blank lines and a final unterminated line", () => {
    const d = new LineDecoder();
    const out: string[] = [];
    for (const b of Buffer.from("a\n\n\r\nb\nc")) out.push(...d.push(Buffer.from([b])));
    out.push(...d.end());
    expect(out).toEqual(["a", "b", "c"]);
  });

  it("refuses unbounded lines", () => {
    const d = new LineDecoder(10);
    expect(() => d.push("x".repeat(11))).toThrow(/longer than/);
  });
});
