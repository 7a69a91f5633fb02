import type { StringMatchWire } from "@/lib/istio/wire";
import { compileRe2 } from "./regex";

/**
 * Istio's StringMatch (exact / prefix / RE2 regex, full-string) as a
 * predicate over an optional value. An empty StringMatch (`{}`) is a presence
 * check, as for VirtualService header matches.
 */
export type ValuePredicate = (value: string | undefined) => boolean;

type StringMatch = Pick<StringMatchWire, "exact" | "prefix" | "regex">;

const never: ValuePredicate = () => false;
const present: ValuePredicate = (v) => v !== undefined;

/** `ignoreCase` is ignoreUriCase: exact and prefix compare lower-cased, a regex gets `(?i)`. */
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
    const re = compileRe2(m.regex, ignoreCase);
    return re ? (v) => v !== undefined && re.fullMatch(v) : never;
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
