import { complement, jsChar, jsRanges, POSIX_CLASSES, UNICODE_CATEGORIES } from "./re2-classes";

// Envoy matches with RE2 and istiod validates with Go's regexp (the same
// dialect). This checker walks the pattern with Go's regexp/syntax rules,
// rejects what RE2 does not support (lookaround, backreferences, possessive
// quantifiers, atomic groups, \Z, …) with a precise message, translates the
// rest into an equivalent-shaped JavaScript pattern and compiles it with
// RegExp (flag "u") as a last structural check.

/** Istio refuses longer regexes (Envoy's RE2 program-size limit, approximated by length). */
export const MAX_REGEX_LENGTH = 1024;

class Reject extends Error {}

const isOctal = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "7";
const isAsciiAlnum = (c: string): boolean => /^[0-9A-Za-z]$/.test(c);
const hexValue = (c: string | undefined): number => (c !== undefined && /^[0-9A-Fa-f]$/.test(c) ? parseInt(c, 16) : -1);

const UNSUPPORTED_ESCAPES: Record<string, string> = {
  Z: "\\Z is not supported by RE2; use \\z (end of text)",
  G: "\\G is not supported by RE2",
  K: "\\K is not supported by RE2",
  R: "\\R is not supported by RE2",
  X: "\\X is not supported by RE2",
  h: "\\h is not supported by RE2; use [\\t ]",
  H: "\\H is not supported by RE2",
  V: "\\V is not supported by RE2",
  N: "\\N is not supported by RE2",
  e: "\\e is not supported by RE2; use \\x1b",
  c: "\\c (control character) is not supported by RE2; use \\x..",
  C: "\\C (any byte) is not supported",
  k: "backreferences (\\k<name>) are not supported by RE2",
  g: "backreferences (\\g) are not supported by RE2",
  u: "\\u is not supported by RE2; use \\x{...}",
  U: "\\U is not supported by RE2; use \\x{...}",
  E: "\\E without a preceding \\Q",
};

const GROUP_REJECTIONS: [prefix: string, message: string][] = [
  ["?<=", "lookbehind (?<=...) is not supported by RE2"],
  ["?<!", "negative lookbehind (?<!...) is not supported by RE2"],
  ["?=", "lookahead (?=...) is not supported by RE2"],
  ["?!", "negative lookahead (?!...) is not supported by RE2"],
  ["?>", "atomic groups (?>...) are not supported by RE2"],
  ["?P=", "backreferences (?P=name) are not supported by RE2"],
  ["?P>", "recursion (?P>name) is not supported by RE2"],
  ["?<", "named groups must be written (?P<name>...) in RE2"],
  ["?'", "named groups must be written (?P<name>...) in RE2"],
  ["?#", "comments (?#...) are not supported by RE2"],
  ["?|", "branch reset (?|...) is not supported by RE2"],
  ["?(", "conditionals (?(...)...) are not supported by RE2"],
  ["?R", "recursion (?R) is not supported by RE2"],
  ["?&", "recursion (?&name) is not supported by RE2"],
];

class Translator {
  private readonly cps: string[];
  private i = 0;
  private out = "";
  private canRepeat = false;
  private afterRepeat: "" | "greedy" | "lazy" = "";
  private depth = 0;
  private groupNames = new Set<string>();
  private groupCount = 0;

  constructor(pattern: string) {
    this.cps = Array.from(pattern);
  }

  private at(offset = 0): string | undefined {
    return this.cps[this.i + offset];
  }

  private startsWith(text: string): boolean {
    return this.cps.slice(this.i, this.i + Array.from(text).length).join("") === text;
  }

  private atom(js: string): void {
    this.out += js;
    this.canRepeat = true;
    this.afterRepeat = "";
  }

  run(): string {
    while (this.i < this.cps.length) this.step();
    if (this.depth > 0) throw new Reject("missing closing )");
    return this.out;
  }

  private step(): void {
    const c = this.at() ?? "";
    switch (c) {
      case "(":
        return this.openGroup();
      case ")":
        if (this.depth === 0) throw new Reject("unexpected )");
        this.depth--;
        this.i++;
        return this.atom(")");
      case "|":
        this.i++;
        this.out += "|";
        this.canRepeat = false;
        this.afterRepeat = "";
        return;
      case "^":
      case "$":
        this.i++;
        return this.atom(`(?:${c})`);
      case ".":
        this.i++;
        return this.atom(".");
      case "[":
        return this.atom(this.charClass());
      case "\\":
        return this.escape();
      case "*":
      case "+":
      case "?":
        this.i++;
        return this.repeat(c);
      case "{": {
        const rep = this.braceRepeat();
        if (rep) return this.repeat(rep);
        this.i++;
        return this.atom("\\{");
      }
      case "}":
      case "]":
        this.i++;
        return this.atom(`\\${c}`);
      default:
        this.i++;
        return this.atom(jsChar(c.codePointAt(0) ?? 0));
    }
  }

  private repeat(op: string): void {
    if (this.afterRepeat === "greedy" && op === "+") throw new Reject("possessive quantifiers (*+, ++, ?+, {n}+) are not supported by RE2");
    if (this.afterRepeat) throw new Reject(`invalid nested repetition operator ${op}`);
    if (!this.canRepeat) throw new Reject(`missing argument to repetition operator ${op}`);
    let lazy = false;
    if (this.at() === "?") {
      lazy = true;
      this.i++;
    }
    this.out += op + (lazy ? "?" : "");
    this.canRepeat = false;
    this.afterRepeat = lazy ? "lazy" : "greedy";
  }

  /** `{n}`, `{n,}`, `{n,m}` as Go parses them (no leading zeros); null when the brace is a literal. */
  private braceRepeat(): string | null {
    const rest = this.cps.slice(this.i).join("");
    const m = /^\{(\d+)(,(\d*))?\}/.exec(rest);
    if (!m) return null;
    const [whole, minText = "", comma, maxText = ""] = m;
    const leadingZero = (t: string): boolean => t.length >= 2 && t[0] === "0";
    if (leadingZero(minText) || leadingZero(maxText)) return null;
    const min = Number(minText);
    const max = comma === undefined ? min : maxText === "" ? -1 : Number(maxText);
    if (min > 1000 || max > 1000 || (max >= 0 && min > max)) throw new Reject(`invalid repeat count ${whole} (RE2 allows at most 1000)`);
    this.i += whole.length;
    return whole;
  }

  private openGroup(): void {
    if (this.at(1) !== "?") {
      this.i++;
      this.depth++;
      this.groupCount++;
      this.out += "(";
      this.canRepeat = false;
      this.afterRepeat = "";
      return;
    }
    this.i++;
    if (this.startsWith("?P<")) {
      const rest = this.cps.slice(this.i + 3).join("");
      const end = rest.indexOf(">");
      const name = end < 0 ? "" : rest.slice(0, end);
      if (end < 0 || !/^[A-Za-z0-9_]+$/.test(name)) throw new Reject(`invalid named capture ${end < 0 ? "(missing >)" : `"${name}"`}`);
      if (this.groupNames.has(name)) throw new Reject(`duplicate capture group name "${name}"`);
      this.groupNames.add(name);
      this.i += 3 + Array.from(name).length + 1;
      this.depth++;
      this.groupCount++;
      this.out += `(?<g${this.groupCount}>`;
      this.canRepeat = false;
      this.afterRepeat = "";
      return;
    }
    for (const [prefix, message] of GROUP_REJECTIONS) if (this.startsWith(prefix)) throw new Reject(message);
    this.perlFlags();
  }

  /** `(?flags)` / `(?flags:...)` / `(?:...)`, Go's parsePerlFlags. */
  private perlFlags(): void {
    this.i++; // the "?"
    let sign = 1;
    let sawFlag = false;
    for (;;) {
      const c = this.at();
      this.i++;
      if (c === "i" || c === "m" || c === "s" || c === "U") {
        sawFlag = true;
        continue;
      }
      if (c === "-" && sign > 0) {
        sign = -1;
        sawFlag = false;
        continue;
      }
      if ((c === ":" || c === ")") && !(sign < 0 && !sawFlag)) {
        if (c === ":") {
          this.depth++;
          this.out += "(?:";
          this.canRepeat = false;
          this.afterRepeat = "";
        }
        return;
      }
      throw new Reject(`invalid or unsupported Perl syntax (?${c ?? ""}: RE2 groups are (...), (?:...), (?P<name>...) and flags (?imsU)`);
    }
  }

  private escape(): void {
    const c = this.at(1);
    if (c === undefined) throw new Reject("trailing backslash at end of expression");
    switch (c) {
      case "A":
        this.i += 2;
        return this.atom("(?:^)");
      case "z":
        this.i += 2;
        return this.atom("(?:$)");
      case "b":
      case "B":
        this.i += 2;
        return this.atom(`(?:\\${c})`);
      case "Q": {
        this.i += 2;
        const rest = this.cps.slice(this.i).join("");
        const end = rest.indexOf("\\E");
        const literal = end < 0 ? rest : rest.slice(0, end);
        this.i += Array.from(literal).length + (end < 0 ? 0 : 2);
        for (const ch of literal) this.atom(jsChar(ch.codePointAt(0) ?? 0));
        return;
      }
    }
    this.i++;
    const cls = this.classEscape();
    if (cls !== null) return this.atom(cls);
    return this.atom(jsChar(this.charEscape()));
  }

  /** `\d \D \s \S \w \W \pX \p{Name} \PX \p{^Name}` (cursor on the letter); null if not a class escape. */
  private classEscape(): string | null {
    const c = this.at();
    if (c !== undefined && "dDsSwW".includes(c)) {
      this.i++;
      return `\\${c}`;
    }
    if (c !== "p" && c !== "P") return null;
    let negate = c === "P";
    this.i++;
    let name: string;
    if (this.at() === "{") {
      const rest = this.cps.slice(this.i + 1).join("");
      const end = rest.indexOf("}");
      if (end < 0) throw new Reject("invalid character class range: missing } after \\p{");
      name = rest.slice(0, end);
      this.i += Array.from(name).length + 2;
      if (name.startsWith("^")) {
        negate = !negate;
        name = name.slice(1);
      }
    } else {
      const letter = this.at();
      if (letter === undefined) throw new Reject("invalid character class range: \\p needs a class name");
      name = letter;
      this.i++;
    }
    const property = name === "Any" ? "Any" : UNICODE_CATEGORIES.has(name) ? name : `Script=${name}`;
    if (!/^[A-Za-z_=]+$/.test(property)) throw new Reject(`invalid character class range: unknown Unicode class "${name}"`);
    return `\\${negate ? "P" : "p"}{${property}}`;
  }

  /** One escaped character (cursor on the character after the backslash), Go's parseEscape. */
  private charEscape(): number {
    const c = this.at() ?? "";
    this.i++;
    if (c >= "1" && c <= "9" && !(isOctal(c) && isOctal(this.at()))) {
      throw new Reject(`backreferences (\\${c}) are not supported by RE2`);
    }
    if (isOctal(c)) {
      let value = Number(c);
      for (let n = 1; n < 3 && isOctal(this.at()); n++) {
        value = value * 8 + Number(this.at());
        this.i++;
      }
      return value;
    }
    if (c === "x") return this.hexEscape();
    const simple: Record<string, number> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };
    const known = simple[c];
    if (known !== undefined) return known;
    const cp = c.codePointAt(0) ?? 0;
    if (cp < 0x80 && !isAsciiAlnum(c)) return cp;
    throw new Reject(UNSUPPORTED_ESCAPES[c] ?? `invalid escape sequence \\${c}`);
  }

  private hexEscape(): number {
    if (this.at() === "{") {
      this.i++;
      let value = 0;
      let digits = 0;
      for (;;) {
        const ch = this.at();
        this.i++;
        if (ch === "}" && digits > 0) return value;
        const v = hexValue(ch);
        if (v < 0) throw new Reject("invalid escape sequence \\x{...}: hex digits and } expected");
        value = value * 16 + v;
        if (value > 0x10ffff) throw new Reject("invalid escape sequence \\x{...}: beyond U+10FFFF");
        digits++;
      }
    }
    const x = hexValue(this.at());
    const y = hexValue(this.at(1));
    if (x < 0 || y < 0) throw new Reject("invalid escape sequence \\x: two hex digits expected");
    this.i += 2;
    return x * 16 + y;
  }

  /** `[...]` with Go's rules: `]` first is literal, `[:name:]`, ranges, escapes. Returns the JS class. */
  private charClass(): string {
    this.i++;
    let js = "[";
    if (this.at() === "^") {
      js += "^";
      this.i++;
    }
    let first = true;
    for (;;) {
      const c = this.at();
      if (c === undefined) throw new Reject("missing closing ]");
      if (c === "]" && !first) break;
      first = false;
      if (c === "[" && this.at(1) === ":") {
        const named = this.posixClass();
        if (named !== null) {
          js += named;
          continue;
        }
      }
      if (c === "\\") {
        this.i++;
        const cls = this.classEscape();
        if (cls !== null) {
          js += cls;
          continue;
        }
        this.i--;
      }
      const lo = this.classChar();
      if (this.at() === "-" && this.at(1) !== undefined && this.at(1) !== "]") {
        this.i++;
        const hi = this.classChar();
        if (hi < lo) throw new Reject(`invalid character class range ${String.fromCodePoint(lo)}-${String.fromCodePoint(hi)}`);
        js += `${jsChar(lo)}-${jsChar(hi)}`;
      } else {
        js += jsChar(lo);
      }
    }
    this.i++;
    return `${js}]`;
  }

  private classChar(): number {
    const c = this.at();
    if (c === undefined) throw new Reject("missing closing ]");
    if (c === "\\") {
      this.i++;
      if (this.at() === undefined) throw new Reject("trailing backslash at end of expression");
      return this.charEscape();
    }
    this.i++;
    return c.codePointAt(0) ?? 0;
  }

  /** `[:alpha:]` / `[:^alpha:]` (cursor on "["); null when there is no ":]" and "[" is a literal. */
  private posixClass(): string | null {
    const rest = this.cps.slice(this.i).join("");
    const end = rest.indexOf(":]", 2);
    if (end < 0) return null;
    const whole = rest.slice(0, end + 2);
    const inner = whole.slice(2, -2);
    const negate = inner.startsWith("^");
    const ranges = POSIX_CLASSES[negate ? inner.slice(1) : inner];
    if (!ranges) throw new Reject(`invalid character class range ${whole}`);
    this.i += Array.from(whole).length;
    return jsRanges(negate ? complement(ranges) : ranges);
  }
}

/** null when Envoy (RE2) and istiod accept `pattern`; else the reason. */
export function re2Error(pattern: string): string | null {
  if (pattern === "") return "regex must not be empty";
  if (pattern.length > MAX_REGEX_LENGTH) return `regex is too large: at most ${MAX_REGEX_LENGTH} characters`;
  let js: string;
  try {
    js = new Translator(pattern).run();
  } catch (error) {
    if (error instanceof Reject) return error.message;
    throw error;
  }
  try {
    new RegExp(js, "u");
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/property/i.test(message)) return "invalid character class range: unknown Unicode class in \\p{...}";
    return `regex does not compile: ${message}`;
  }
  return null;
}

/** Go's regexp.QuoteMeta: escapes `\.+*?()|[]{}^$` so the text matches literally. */
export function quoteMeta(text: string): string {
  return text.replace(/[\\.+*?()|[\]{}^$]/g, "\\$&");
}
