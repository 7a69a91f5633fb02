/** What an Authorization header says about a bearer token. */
export type BearerHeader = { kind: "none" } | { kind: "token"; token: string } | { kind: "malformed" };

const BEARER_SCHEME = /^Bearer(\s|$)/i;
/** Visible ASCII only: what Kubernetes tokens (JWTs, static tokens) consist of, and safe to put in a header. */
const BEARER = /^Bearer\s+([\x21-\x7e]+)\s*$/i;

/**
 * The one reading of `Authorization: Bearer …` shared by the auth decision
 * (proxy.ts), the handlers' identity and the session answer: a token, none
 * (no header or another scheme), or malformed (the Bearer scheme without a
 * usable token: refused, never treated as "no credentials").
 */
export function parseBearer(authorization: string | null | undefined): BearerHeader {
  const value = authorization ?? "";
  const token = BEARER.exec(value)?.[1];
  if (token) return { kind: "token", token };
  return BEARER_SCHEME.test(value) ? { kind: "malformed" } : { kind: "none" };
}
