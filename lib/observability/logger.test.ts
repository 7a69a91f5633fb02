import { Writable } from "node:stream";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { createLogger, scrubSecrets } from "./logger";

const TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQifQ.c2lnbmF0dXJlLXNlY3JldA";
const OPAQUE = "s3cr3t-static-token-0123456789";

function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk.toString());
      cb();
    },
  });
  return { stream, text: () => chunks.join("") };
}

describe("logger redaction", () => {
  it("never writes a token, Authorization header, cookie or secret", async () => {
    const out = sink();
    const log = createLogger(out.stream);
    log.info({ token: OPAQUE, headers: { authorization: `Bearer ${OPAQUE}`, cookie: `meshdeck_session=${OPAQUE}` } }, "login");
    log.info({ user: { name: "alice", token: TOKEN }, req: { headers: { authorization: `Bearer ${TOKEN}`, "x-meshdeck-proxy-secret": OPAQUE } } }, "nested");
    log.warn(`upstream said: Authorization: Bearer ${OPAQUE} was refused; jwt ${TOKEN}; cookie meshdeck_session=${OPAQUE}`);
    log.error({ err: new Error(`token ${TOKEN} expired`) }, "failure");
    await new Promise((r) => setImmediate(r));
    const text = out.text();
    expect(text).toContain('"msg":"login"');
    expect(text).toContain("alice");
    expect(text).not.toContain(OPAQUE);
    expect(text).not.toContain("c2lnbmF0dXJlLXNlY3JldA");
    expect(text).toContain("[redacted]");
  });

  it("scrubSecrets masks bearer tokens and JWTs in free text", () => {
    expect(scrubSecrets(`Authorization: Bearer ${OPAQUE}`)).toBe("Authorization: Bearer [redacted]");
    expect(scrubSecrets(`x ${TOKEN} y`)).toBe("x [redacted-jwt] y");
  });

  it("the server preload's access log redacts with the same list", async () => {
    const require = createRequire(import.meta.url);
    const instrument = require("../../deploy/runtime/instrument.cjs") as { createLogger: (d: Writable) => { info: (o: object, m: string) => void } };
    const out = sink();
    instrument.createLogger(out.stream).info({ req: { headers: { authorization: `Bearer ${OPAQUE}`, cookie: `s=${OPAQUE}` } }, token: OPAQUE }, "request");
    await new Promise((r) => setImmediate(r));
    expect(out.text()).toContain('"msg":"request"');
    expect(out.text()).not.toContain(OPAQUE);
  });
});
