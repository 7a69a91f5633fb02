// Character-class tables of Go's regexp/syntax (the RE2 dialect istiod
// validates with), as code-point ranges for the JavaScript translation.

export type Range = readonly [number, number];

const r = (lo: string, hi: string = lo): Range => [lo.codePointAt(0) ?? 0, hi.codePointAt(0) ?? 0];

/** `[:name:]` classes of RE2/Go (ASCII only). */
export const POSIX_CLASSES: Record<string, readonly Range[]> = {
  alnum: [r("0", "9"), r("A", "Z"), r("a", "z")],
  alpha: [r("A", "Z"), r("a", "z")],
  ascii: [[0x00, 0x7f]],
  blank: [r("\t"), r(" ")],
  cntrl: [[0x00, 0x1f], [0x7f, 0x7f]],
  digit: [r("0", "9")],
  graph: [r("!", "~")],
  lower: [r("a", "z")],
  print: [r(" ", "~")],
  punct: [r("!", "/"), r(":", "@"), r("[", "`"), r("{", "~")],
  space: [r("\t", "\r"), r(" ")],
  upper: [r("A", "Z")],
  word: [r("0", "9"), r("A", "Z"), r("_"), r("a", "z")],
  xdigit: [r("0", "9"), r("A", "F"), r("a", "f")],
};

/** Unicode general categories Go's regexp knows (`\pL`, `\p{Lu}`); anything else is looked up as a script. */
export const UNICODE_CATEGORIES = new Set([
  "C", "Cc", "Cf", "Co", "Cs", "L", "Ll", "Lm", "Lo", "Lt", "Lu", "M", "Mc", "Me", "Mn", "N", "Nd", "Nl", "No",
  "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "S", "Sc", "Sk", "Sm", "So", "Z", "Zl", "Zp", "Zs",
]);

export function complement(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of sorted) {
    if (lo > next) out.push([next, lo - 1]);
    next = Math.max(next, hi + 1);
  }
  if (next <= 0x10ffff) out.push([next, 0x10ffff]);
  return out;
}

export const jsChar = (cp: number): string => `\\u{${cp.toString(16)}}`;

export const jsRanges = (ranges: readonly Range[]): string =>
  ranges.map(([lo, hi]) => (lo === hi ? jsChar(lo) : `${jsChar(lo)}-${jsChar(hi)}`)).join("");
