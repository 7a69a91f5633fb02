import { quoteMeta } from "@/lib/istio/semantics/regex";
import type { StringMatchKind } from "./schemas";

// Istio has no cookie match: a cookie condition is a regex on the `cookie`
// header. Meshdeck writes (and reads back) one fixed shape:
//   ^(.*?;\s*)?(NAME=VALUE)(;.*)?$        exact
//   ^(.*?;\s*)?(NAME=VALUE[^;]*)(;.*)?$   prefix
//   ^(.*?;\s*)?(NAME=(?:REGEX))(;.*)?$    regex
// NAME and VALUE are escaped with Go's QuoteMeta. `\s*` allows the "; "
// separator browsers send; the leading group anchors NAME at a cookie start.

const HEAD = "^(.*?;\\s*)?(";
const TAIL = ")(;.*)?$";
/** Heads other tools (and the Istio docs) write; recognised when reading. */
const HEADS = [HEAD, "^(.*?;)?(", "^(.*?; ?)?("];

export interface CookieCondition {
  name: string;
  value: string;
  match: StringMatchKind;
}

export function cookieRegex(cookie: CookieCondition): string {
  const pair = `${quoteMeta(cookie.name)}=`;
  switch (cookie.match) {
    case "exact":
      return `${HEAD}${pair}${quoteMeta(cookie.value)}${TAIL}`;
    case "prefix":
      return `${HEAD}${pair}${quoteMeta(cookie.value)}[^;]*${TAIL}`;
    case "regex":
      return `${HEAD}${pair}(?:${cookie.value})${TAIL}`;
  }
}

const META = new Set(Array.from("\\.+*?()|[]{}^$"));

/** Undoes quoteMeta; null when `text` contains any regex syntax. */
function unquote(text: string): string | null {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? "";
    if (c === "\\") {
      const next = text[i + 1];
      if (next === undefined || !META.has(next)) return null;
      out += next;
      i++;
    } else if (META.has(c)) {
      return null;
    } else {
      out += c;
    }
  }
  return out;
}

/** Reads a cookie condition back from a `cookie` header regex Meshdeck (or the Istio docs' idiom) wrote. */
export function parseCookieRegex(regex: string): CookieCondition | null {
  const head = HEADS.find((h) => regex.startsWith(h));
  if (!head || !regex.endsWith(TAIL)) return null;
  const inner = regex.slice(head.length, regex.length - TAIL.length);
  const eq = inner.indexOf("=");
  if (eq <= 0) return null;
  const name = unquote(inner.slice(0, eq));
  const rest = inner.slice(eq + 1);
  if (name === null || rest === "") return null;
  if (rest.startsWith("(?:") && rest.endsWith(")")) return { name, value: rest.slice(3, -1), match: "regex" };
  if (rest.endsWith("[^;]*")) {
    const value = unquote(rest.slice(0, -5));
    return value ? { name, value, match: "prefix" } : null;
  }
  const value = unquote(rest);
  return value ? { name, value, match: "exact" } : null;
}
