/**
 * Istio StringMatch (exact / prefix / RE2 regex, full-string) compiled to a
 * predicate over an optional value. An empty StringMatch (`{}`) is a presence
 * check, as for VirtualService header matches.
 */
import type { StringMatch } from "../model/istio-schema";

export type ValuePredicate = (value: string | undefined) => boolean;

/** RE2 patterns are anchored full matches in Istio; JS RegExp is close enough for the lab. */
export function fullMatchRegex(pattern: string, flags = ""): RegExp | null {
  try {
    return new RegExp(`^(?:${pattern})$`, flags);
  } catch {
    return null;
  }
}

const never: ValuePredicate = () => false;
const present: ValuePredicate = (v) => v !== undefined;

export function compileStringMatch(m: StringMatch, ignoreCase = false): ValuePredicate {
  const fold = (s: string): string => (ignoreCase ? s.toLowerCase() : s);
  if (m.exact !== undefined) {
    const want = fold(m.exact);
    return (v) => v !== undefined && fold(v) === want;
  }
  if (m.prefix !== undefined) {
    const want = fold(m.prefix);
    return (v) => v !== undefined && fold(v).startsWith(want);
  }
  if (m.regex !== undefined) {
    const re = fullMatchRegex(m.regex, ignoreCase ? "i" : "");
    return re ? (v) => v !== undefined && re.test(v) : never;
  }
  return present;
}

/**
 * withoutHeaders: the inverse of the header match, with a missing header
 * treated as the empty string (Istio sets treat_missing_header_as_empty), and
 * `{}` meaning "header absent".
 */
export function compileNegatedStringMatch(m: StringMatch): ValuePredicate {
  if (m.exact === undefined && m.prefix === undefined && m.regex === undefined) return (v) => v === undefined;
  const positive = compileStringMatch(m);
  return (v) => !positive(v ?? "");
}
