import { z } from "zod";

/**
 * Deployment settings read from the environment (see deploy/README.md).
 * Pure: pass `env` in tests; `meshdeckEnv()` reads process.env.
 */
export type AuthModeName = "kubeconfig" | "token" | "proxy";

const MODE_ALIASES: Record<string, AuthModeName> = {
  "": "kubeconfig",
  kubeconfig: "kubeconfig",
  server: "kubeconfig",
  token: "token",
  bearer: "token",
  proxy: "proxy",
};

const bool = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(["", "1", "0", "true", "false", "yes", "no", "on", "off"]))
  .transform((v) => v === "1" || v === "true" || v === "yes" || v === "on");

const list = z.string().transform((v) =>
  v
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0),
);

/**
 * One MESHDECK_ALLOWED_HOSTS entry: a host name (`meshdeck.example.com`), a
 * wildcard for its subdomains (`*.example.com`), an IP address or a CIDR
 * (`10.0.0.0/8`, `[fd00::1]`); a `:port` is accepted and ignored.
 */
const allowedHost = z
  .string()
  .regex(/^(?:(?:\*\.)?[A-Za-z0-9.-]+(?::\d{1,5})?|\[[0-9A-Fa-f:.]+\](?::\d{1,5})?|[0-9A-Fa-f:.]+(?:\/\d{1,3})?)$/, "a host name, *.domain, IP address or CIDR per entry");

/** An http(s) origin (scheme, host and optional port; a trailing slash is dropped). */
const origin = z.string().transform((v, ctx) => {
  try {
    const url = new URL(v);
    if ((url.protocol === "http:" || url.protocol === "https:") && (url.pathname === "/" || url.pathname === "") && !url.search && !url.hash) return url.origin;
  } catch {
    // reported below
  }
  ctx.addIssue({ code: "custom", message: "an http(s) origin per entry, e.g. https://meshdeck.example.com" });
  return z.NEVER;
});

/** A CSP source expression without characters that could end the directive or header. */
const cspSource = z.string().regex(/^[^;,\s\r\n]+$/, "one CSP source per entry");

const schema = z.object({
  MESHDECK_AUTH_MODE: z
    .string()
    .default("")
    .transform((v, ctx) => {
      const mode = MODE_ALIASES[v.trim().toLowerCase()];
      if (!mode) {
        ctx.addIssue({ code: "custom", message: `unknown auth mode "${v}" (kubeconfig, token, proxy)` });
        return z.NEVER;
      }
      return mode;
    }),
  MESHDECK_READ_ONLY: bool.default(false),
  MESHDECK_TRUSTED_PROXIES: list.default([]),
  MESHDECK_PROXY_SECRET: z.string().default(""),
  MESHDECK_COOKIE_SECURE: bool.optional(),
  MESHDECK_FRAME_ANCESTORS: list.pipe(z.array(cspSource)).default(["'none'"]),
  MESHDECK_ALLOWED_HOSTS: list.pipe(z.array(allowedHost)).default([]),
  MESHDECK_PUBLIC_ORIGIN: list.pipe(z.array(origin)).default([]),
  MESHDECK_SESSION_TTL_SECONDS: z.coerce.number().int().min(60).max(7 * 24 * 3600).default(8 * 3600),
  MESHDECK_MAX_SESSIONS: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  MESHDECK_LIVE_TOPIC_LINGER_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
  MESHDECK_LIVE_MAX_TOPICS_PER_USER: z.coerce.number().int().min(1).max(100_000).default(64),
  MESHDECK_LIVE_MAX_TOPICS: z.coerce.number().int().min(1).max(1_000_000).default(512),
  MESHDECK_MAX_SESSIONS_PER_USER: z.coerce.number().int().min(1).max(10_000).default(10),
  MESHDECK_LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
  MESHDECK_TOKEN_REVIEW_TTL_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
});

export interface MeshdeckEnv {
  authMode: AuthModeName;
  readOnly: boolean;
  /** CIDRs (or single addresses) whose TCP peers may send X-Forwarded-User/-Groups. */
  trustedProxies: string[];
  /** Shared secret the auth proxy sends in X-Meshdeck-Proxy-Secret ("" = not required). */
  proxySecret: string;
  /** Force the Secure cookie attribute on (true) or off (false); unset = when the request is HTTPS. */
  cookieSecure: boolean | undefined;
  frameAncestors: string[];
  /** Host names (and *.domain, IPs, CIDRs) accepted in the Host header besides the loopback names. */
  allowedHosts: string[];
  /** Public origins behind a host-rewriting proxy: their hosts are allowed, and they count as same-origin for CSRF. */
  publicOrigins: string[];
  sessionTtlSeconds: number;
  /** Sessions kept in all (token mode); when full, sign-in is refused rather than ending someone's session. */
  maxSessions: number;
  /** Live-stream topics: how long one without subscribers is kept, and how many a user / the process may hold. */
  liveTopics: { lingerMs: number; maxPerUser: number; maxTotal: number };
  /** Sessions one user may hold; signing in again past it ends that user's oldest. */
  maxSessionsPerUser: number;
  /** Sign-in attempts per client address and minute (POST /api/auth/login). */
  loginRatePerMinute: number;
  /** How long an accepted bearer token's review (SelfSubjectReview) is reused. */
  tokenReviewTtlSeconds: number;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

function nonEmpty(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (k.startsWith("MESHDECK_") && v !== undefined && v !== "") out[k] = v;
  return out;
}

/** Parses the settings; throws {@link ConfigError} naming the bad variable (never its value). */
export function parseMeshdeckEnv(env: Record<string, string | undefined>): MeshdeckEnv {
  const parsed = schema.safeParse(nonEmpty(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`invalid ${issue?.path.join(".") ?? "configuration"}: ${issue?.message ?? "invalid"}`);
  }
  const d = parsed.data;
  return {
    authMode: d.MESHDECK_AUTH_MODE,
    readOnly: d.MESHDECK_READ_ONLY,
    trustedProxies: d.MESHDECK_TRUSTED_PROXIES,
    proxySecret: d.MESHDECK_PROXY_SECRET,
    cookieSecure: d.MESHDECK_COOKIE_SECURE,
    frameAncestors: d.MESHDECK_FRAME_ANCESTORS.length > 0 ? d.MESHDECK_FRAME_ANCESTORS : ["'none'"],
    allowedHosts: d.MESHDECK_ALLOWED_HOSTS,
    publicOrigins: d.MESHDECK_PUBLIC_ORIGIN,
    sessionTtlSeconds: d.MESHDECK_SESSION_TTL_SECONDS,
    maxSessions: d.MESHDECK_MAX_SESSIONS,
    liveTopics: { lingerMs: d.MESHDECK_LIVE_TOPIC_LINGER_MS, maxPerUser: d.MESHDECK_LIVE_MAX_TOPICS_PER_USER, maxTotal: d.MESHDECK_LIVE_MAX_TOPICS },
    maxSessionsPerUser: d.MESHDECK_MAX_SESSIONS_PER_USER,
    loginRatePerMinute: d.MESHDECK_LOGIN_RATE_PER_MINUTE,
    tokenReviewTtlSeconds: d.MESHDECK_TOKEN_REVIEW_TTL_SECONDS,
  };
}

/** The settings of this process (parsed on every call: cheap, and tests may change the env). */
export function meshdeckEnv(): MeshdeckEnv {
  return parseMeshdeckEnv(process.env);
}
