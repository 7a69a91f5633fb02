import "server-only";
import { StringDecoder } from "node:string_decoder";

/**
 * Splits a byte stream into newline-delimited lines, robust to chunks that
 * end mid-line or mid-UTF-8 sequence. `push` returns the complete lines of a
 * chunk (empty lines dropped); a line longer than `maxLineBytes` throws.
 */
export class LineDecoder {
  private readonly decoder = new StringDecoder("utf8");
  private partial = "";

  constructor(private readonly maxLineChars = 64 * 1024 * 1024) {}

  push(chunk: Buffer | string): string[] {
    const text = this.partial + (typeof chunk === "string" ? chunk : this.decoder.write(chunk));
    const parts = text.split("\n");
    this.partial = parts.pop() ?? "";
    if (this.partial.length > this.maxLineChars) throw new Error(`watch line longer than ${this.maxLineChars} characters`);
    return parts.map((line) => line.trim()).filter((line) => line.length > 0);
  }

  /** The last unterminated line, if any (at end of stream). */
  end(): string[] {
    const rest = (this.partial + this.decoder.end()).trim();
    this.partial = "";
    return rest ? [rest] : [];
  }
}
