import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { trafficConfigSchema, type TrafficConfig } from "./schema";

export const DEFAULT_CONFIG_PATH = fileURLToPath(new URL("./default.yaml", import.meta.url));

export type ConfigResult = { readonly ok: true; readonly config: TrafficConfig } | { readonly ok: false; readonly error: string };

/** Parses and validates a traffic model from YAML (or JSON, a YAML subset). */
export function parseTrafficConfig(text: string): ConfigResult {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (e) {
    return { ok: false, error: `invalid YAML: ${e instanceof Error ? e.message : String(e)}` };
  }
  const r = trafficConfigSchema.safeParse(raw ?? {});
  if (!r.success) {
    return { ok: false, error: r.error.issues.map((i) => `${i.path.join(".") || "<root>"}: ${i.message}`).join("; ") };
  }
  return { ok: true, config: r.data };
}

export function loadTrafficConfig(file: string): TrafficConfig {
  const r = parseTrafficConfig(fs.readFileSync(file, "utf8"));
  if (!r.ok) throw new Error(`${file}: ${r.error}`);
  return r.config;
}
