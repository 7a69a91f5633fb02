import { RE2JS, RE2JSException } from "re2js";

// Istio's regexes are RE2: istiod validates them with Go's regexp and Envoy
// matches them with RE2, always against the whole value. re2js is a port of
// Go's regexp (RE2 syntax, linear time), so one engine serves validation and
// the lab's matching.

/** Istio refuses longer regexes (Envoy's RE2 program-size limit, approximated by length). */
export const MAX_REGEX_LENGTH = 1024;

export interface Re2 {
  /** True when the regex matches the whole of `value` (Envoy's safe_regex is a full match). */
  fullMatch(value: string): boolean;
}

/** Go's messages name the token; say what the usual Perl habit was. */
const HINTS: readonly [RegExp, string][] = [
  [/`\(\?[=!]/, "lookahead is not supported by RE2"],
  [/`\(\?<[=!]/, "lookbehind is not supported by RE2"],
  [/`\\[1-9k]/, "backreferences are not supported by RE2"],
];

function withHint(message: string): string {
  const hint = HINTS.find(([re]) => re.test(message));
  return hint ? `${message} (${hint[1]})` : message;
}

type Compiled = { ok: true; re: Re2 } | { ok: false; error: string };

function compile(pattern: string, ignoreCase: boolean): Compiled {
  if (pattern === "") return { ok: false, error: "regex must not be empty" };
  if (pattern.length > MAX_REGEX_LENGTH) return { ok: false, error: `regex is too large: at most ${MAX_REGEX_LENGTH} characters` };
  try {
    const re = RE2JS.compile(pattern, ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
    return { ok: true, re: { fullMatch: (value) => re.matches(value) } };
  } catch (error) {
    if (error instanceof RE2JSException) return { ok: false, error: withHint(error.message) };
    throw error;
  }
}

/** null when istiod (Go's regexp) and Envoy (RE2) accept `pattern`; else Go's reason. */
export function re2Error(pattern: string): string | null {
  const compiled = compile(pattern, false);
  return compiled.ok ? null : compiled.error;
}

/** The compiled regex, or null when RE2 rejects it. `ignoreCase` is Istio's `(?i)` prefix (ignoreUriCase). */
export function compileRe2(pattern: string, ignoreCase = false): Re2 | null {
  const compiled = compile(pattern, ignoreCase);
  return compiled.ok ? compiled.re : null;
}

/** Go's regexp.QuoteMeta: escapes `\.+*?()|[]{}^$` so the text matches literally. */
export function quoteMeta(text: string): string {
  return text.replace(/[\\.+*?()|[\]{}^$]/g, "\\$&");
}
