// Pure, browser-safe line diffs: Myers edit scripts, `diff -u` text, YAML of objects.
export { diffLines, MAX_EDIT_DISTANCE, type DiffOp } from "./line-diff";
export { splitLines, unifiedDiff, type UnifiedDiffOptions } from "./unified";
export { toYaml, yamlDiff } from "./yaml-diff";
