import fs from "node:fs";
import path from "node:path";
import { sharedDir } from "../../lab/core/paths.js";

/** The original walkthroughs the acceptance suite applies: ../shared/scenarios (or $MESHDECK_SHARED_DIR/scenarios). */
export const walkthroughsDir = path.join(sharedDir, "scenarios");

/** Why the acceptance stage cannot run here, or null when it can. */
export function acceptanceSkipReason(): string | null {
  return fs.existsSync(walkthroughsDir) ? null : `${walkthroughsDir} not found (the original walkthroughs sit beside the repository only in CI and development)`;
}
