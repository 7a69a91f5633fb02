import { stringify } from "yaml";
import { unifiedDiff, type UnifiedDiffOptions } from "./unified";

/**
 * YAML text of a value as kubectl prints Kubernetes objects: block style,
 * sequences not indented under their key, keys in their original order, no
 * line folding; `null`/absent is an empty document.
 */
export function toYaml(value: unknown): string {
  if (value === undefined || value === null) return "";
  return stringify(value, { lineWidth: 0, indentSeq: false, aliasDuplicateObjects: false });
}

/** Unified line diff of the YAML of two values ("" when they print the same). */
export function yamlDiff(before: unknown, after: unknown, options: UnifiedDiffOptions = {}): string {
  return unifiedDiff(toYaml(before), toYaml(after), options);
}
