import { assertLabelName, assertMetricName, escapeRegex, promString } from "./escape";

export type MatchOp = "=" | "!=" | "=~" | "!~";

/** A label matcher. For `=~` / `!~` the value is a regex; build it with {@link oneOf} or escapeRegex. */
export interface Matcher {
  readonly label: string;
  readonly op: MatchOp;
  readonly value: string;
}

export const eq = (label: string, value: string): Matcher => ({ label, op: "=", value });
export const neq = (label: string, value: string): Matcher => ({ label, op: "!=", value });
export const re = (label: string, regex: string): Matcher => ({ label, op: "=~", value: regex });
export const nre = (label: string, regex: string): Matcher => ({ label, op: "!~", value: regex });
/** `label` equals one of `values` exactly (values are regex-escaped). */
export const oneOf = (label: string, values: readonly string[]): Matcher =>
  values.length === 1 ? eq(label, values[0] ?? "") : re(label, values.map(escapeRegex).join("|"));

export function renderMatcher(m: Matcher): string {
  return `${assertLabelName(m.label)}${m.op}${promString(m.value)}`;
}

/** `metric{a="b",…}`; every value is escaped. */
export function selector(metric: string, matchers: readonly Matcher[]): string {
  return `${assertMetricName(metric)}{${matchers.map(renderMatcher).join(",")}}`;
}
