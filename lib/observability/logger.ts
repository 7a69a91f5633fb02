import pino, { type DestinationStream, type Logger } from "pino";
import redact from "./redact.json";

/**
 * Structured JSON logs. Credentials never appear: the redaction list
 * (redact.json, shared with deploy/runtime/instrument.cjs) censors tokens,
 * Authorization, cookies and secrets wherever a log call passes them, and
 * {@link scrubSecrets} masks bearer tokens and JWTs embedded in free text
 * (error messages).
 */
export function createLogger(destination?: DestinationStream): Logger {
  const options = {
    level: process.env.MESHDECK_LOG_LEVEL ?? "info",
    base: { service: "meshdeck" },
    redact: { paths: redact.paths, censor: redact.censor },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    serializers: { err: scrubError, error: scrubError },
    hooks: {
      logMethod(this: Logger, args: Parameters<Logger["info"]>, method: Logger["info"]) {
        const scrubbed = args.map((a) => (typeof a === "string" ? scrubSecrets(a) : a)) as Parameters<Logger["info"]>;
        method.apply(this, scrubbed);
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

const BEARER = /\b(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
const SESSION_COOKIE = /\b(meshdeck_session|__Host-meshdeck_session)=[^;\s]+/g;

/** Masks bearer tokens, JWTs and the session cookie in a string. */
export function scrubSecrets(text: string): string {
  return text.replace(BEARER, "$1[redacted]").replace(JWT, "[redacted-jwt]").replace(SESSION_COOKIE, "$1=[redacted]");
}

function scrubError(value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  const serialized = pino.stdSerializers.err(value);
  return { ...serialized, message: scrubSecrets(serialized.message), stack: scrubSecrets(serialized.stack) };
}

const holder = globalThis as typeof globalThis & { __meshdeckLogger?: Logger };

/** The process logger. */
export function logger(): Logger {
  holder.__meshdeckLogger ??= createLogger();
  return holder.__meshdeckLogger;
}
