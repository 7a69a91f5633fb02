import { z } from "zod";
import { istioDurationError } from "@/lib/istio/semantics/duration";
import { MAX_REGEX_LENGTH, re2Error } from "@/lib/istio/semantics/regex";

// Validation shared by the planners and the HTTP API (browser-safe: no I/O).
// Every string is bounded: a value is copied into the spec and into the audit
// annotations, whose total Kubernetes caps at 256 KiB (TotalAnnotationSizeLimitB).

const TCHAR = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Header names: RFC 9110 tokens have no length limit, but a header line must
 * fit the proxies' per-line limit (below); 256 is far beyond any real name and
 * keeps a name from dominating the annotations.
 */
export const MAX_HEADER_NAME_LENGTH = 256;
/**
 * Header values: 8 KiB, the usual per-line limit of HTTP servers and proxies
 * (nginx large_client_header_buffers 8k, Apache LimitRequestFieldSize 8190);
 * Envoy itself rejects requests whose headers exceed max_request_headers_kb
 * (60 KiB by default) in total, so a longer value could never match anyway.
 */
export const MAX_HEADER_VALUE_LENGTH = 8192;
/** Cookies: RFC 6265 §6.1 asks user agents for at least 4096 bytes per cookie (name, value and attributes) — the limit browsers apply. */
export const MAX_COOKIE_LENGTH = 4096;
/** Istio Durations are short ("1m30s"); 64 covers any Go duration a person writes. */
export const MAX_DURATION_LENGTH = 64;
/** Kubernetes object names (DNS-1123 subdomains) are at most 253 characters; Meshdeck applies the same bound to route and rule names. */
export const MAX_NAME_LENGTH = 253;

/** An HTTP field name: an RFC 9110 token, written in lower case (as Envoy sees HTTP/2 names). */
export const httpHeaderNameSchema = z
  .string()
  .min(1, "header name must not be empty")
  .max(MAX_HEADER_NAME_LENGTH, `header name must be at most ${MAX_HEADER_NAME_LENGTH} characters`)
  .regex(TCHAR, "header name must be an HTTP token (letters, digits and !#$%&'*+-.^_`|~)")
  .refine((name) => name === name.toLowerCase(), "header name must be lower case");

/** RFC 6265 cookie-name (a token). */
export const cookieNameSchema = z
  .string()
  .min(1, "cookie name must not be empty")
  .max(MAX_HEADER_NAME_LENGTH, `cookie name must be at most ${MAX_HEADER_NAME_LENGTH} characters`)
  .regex(TCHAR, "cookie name must be an HTTP token");

/** A cookie value (its length bound; the octets are checked where the match kind is known). */
export const cookieValueSchema = z.string().min(1, "value must not be empty").max(MAX_COOKIE_LENGTH, `cookie value must be at most ${MAX_COOKIE_LENGTH} characters`);

/** A regular expression Envoy (RE2) and istiod accept. */
export const re2RegexSchema = z.string().max(MAX_REGEX_LENGTH, `regex must be at most ${MAX_REGEX_LENGTH} characters`).superRefine((value, ctx) => {
  const error = re2Error(value);
  if (error) ctx.addIssue({ code: "custom", message: error });
});

/** Istio Duration: Go duration syntax (7s, 500ms, 1.5s, 1m30s), at least 1ms, millisecond precision. */
export const durationSchema = z.string().max(MAX_DURATION_LENGTH, `duration must be at most ${MAX_DURATION_LENGTH} characters`).superRefine((value, ctx) => {
  const error = istioDurationError(value);
  if (error) ctx.addIssue({ code: "custom", message: error });
});

export const percentageSchema = z.number().min(0, "percentage must be between 0 and 100").max(100, "percentage must be between 0 and 100");
export const httpStatusSchema = z.number().int("HTTP status must be an integer").min(200, "HTTP status must be 200-599").max(599, "HTTP status must be 200-599");
export const weightSchema = z.number().int("weight must be an integer").min(0, "weight must be between 0 and 100").max(100, "weight must be between 0 and 100");
export const portNumberSchema = z.number().int().min(1, "port must be 1-65535").max(65535, "port must be 1-65535");

/** DNS-1123 label: subset names, rule names Meshdeck generates. */
export const dnsLabelSchema = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "must be a DNS-1123 label (lower-case letters, digits and '-')");

const DNS_NAME = /^(\*\.)?[A-Za-z0-9]([-A-Za-z0-9_]*[A-Za-z0-9])?(\.[A-Za-z0-9]([-A-Za-z0-9_]*[A-Za-z0-9])?)*\.?$/;
export const hostSchema = z.string().min(1, "host must not be empty").max(253).regex(DNS_NAME, "host must be a service name or DNS name");

export const destinationInputSchema = z.strictObject({
  host: hostSchema,
  subset: dnsLabelSchema.optional(),
  port: portNumberSchema.optional(),
});
export type DestinationInput = z.infer<typeof destinationInputSchema>;

export const stringMatchKindSchema = z.enum(["exact", "prefix", "regex"]);
export type StringMatchKind = z.infer<typeof stringMatchKindSchema>;

/** A header condition: `{ name: "x-version", match: "exact", value: "green" }`. */
export const headerConditionSchema = z
  .strictObject({
    name: httpHeaderNameSchema,
    match: stringMatchKindSchema.default("exact"),
    value: z.string().min(1, "value must not be empty").max(MAX_HEADER_VALUE_LENGTH, `header value must be at most ${MAX_HEADER_VALUE_LENGTH} characters`),
  })
  .superRefine((header, ctx) => {
    if (header.match === "regex") {
      const error = re2Error(header.value);
      if (error) ctx.addIssue({ code: "custom", path: ["value"], message: error });
    } else if (/[\x00-\x08\x0a-\x1f\x7f]/.test(header.value)) {
      // RFC 9110 §5.5: field values are visible characters, spaces and tabs (obs-text aside).
      ctx.addIssue({ code: "custom", path: ["value"], message: "header value must not contain control characters" });
    }
  });
export type HeaderCondition = z.infer<typeof headerConditionSchema>;

/** `{ section: "http", name }`, `{ section: "http" | "tls" | "tcp", index }`, an http route index, or a string. */
export const routeRefSchema = z.union([
  z.number().int().min(0),
  z.string().min(1).max(MAX_NAME_LENGTH),
  z.strictObject({ section: z.enum(["http", "tls", "tcp"]), index: z.number().int().min(0) }),
  z.strictObject({ section: z.literal("http"), name: z.string().min(1).max(MAX_NAME_LENGTH) }),
]);

export const actionContextSchema = z.object({
  user: z.string().min(1, "user must not be empty"),
  now: z.iso.datetime({ offset: true }),
});
export type ActionContext = z.infer<typeof actionContextSchema>;
