import path from "node:path";
import os from "node:os";
import { fileURLToPath } from "node:url";

/** Repository root (the folder holding package.json). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The scenarios and CRDs shipped beside the repository (never copied into it). */
export const sharedDir = process.env.MESHDECK_SHARED_DIR ?? path.resolve(repoRoot, "..", "shared");

/** Where built binaries live, cached by version across runs and checkouts. */
export const cacheDir = process.env.MESHDECK_CACHE_DIR ?? path.join(os.homedir(), ".cache", "meshdeck");

/** Every lab keeps its state, logs and PKI under one git-ignored folder. */
export const labsRoot = process.env.MESHDECK_LAB_ROOT ?? path.join(repoRoot, ".lab");

export function labDir(name: string): string {
  return path.join(labsRoot, name);
}
