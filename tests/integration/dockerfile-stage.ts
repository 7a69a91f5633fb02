/**
 * Reads the runtime stage of the Dockerfile (the last `FROM … AS runtime`):
 * its base, WORKDIR, ENV, USER, the files it COPYs from the build stage,
 * HEALTHCHECK, STOPSIGNAL and CMD. Only the instruction forms our Dockerfile
 * uses are understood; anything else there fails loudly, so the test that
 * assembles the stage cannot silently check less than the image holds.
 */
export interface RuntimeStage {
  readonly from: string;
  readonly workdir: string;
  readonly env: Readonly<Record<string, string>>;
  readonly user: string;
  readonly copies: readonly { readonly src: string; readonly dest: string }[];
  readonly healthcheck: readonly string[];
  readonly stopSignal: string;
  readonly cmd: readonly string[];
}

/** Joins continuation lines and drops comments and blank lines. */
function instructions(text: string): string[] {
  const out: string[] = [];
  let cur = "";
  for (const raw of text.split("\n")) {
    const line = raw.trimEnd();
    if (cur === "" && (line.trim() === "" || line.trimStart().startsWith("#"))) continue;
    if (line.endsWith("\\")) {
      cur += `${line.slice(0, -1).trim()} `;
      continue;
    }
    out.push((cur + line.trim()).trim());
    cur = "";
  }
  if (cur) out.push(cur.trim());
  return out;
}

/** `KEY=value KEY2="quoted value"` pairs. */
function envPairs(s: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const m of s.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("([^"]*)"|(\S*))/g)) env[m[1] ?? ""] = m[3] ?? m[4] ?? "";
  return env;
}

function jsonArgv(s: string, what: string): string[] {
  const v: unknown = JSON.parse(s);
  if (!Array.isArray(v) || !v.every((x) => typeof x === "string")) throw new Error(`${what} must be an exec-form JSON array: ${s}`);
  return v;
}

export function parseRuntimeStage(dockerfile: string): RuntimeStage {
  const all = instructions(dockerfile);
  const args: Record<string, string> = {};
  for (const i of all) {
    const m = /^ARG\s+([A-Za-z_][A-Za-z0-9_]*)=(\S+)$/.exec(i);
    if (m) args[m[1] ?? ""] = m[2] ?? "";
  }
  const start = all.findLastIndex((i) => /^FROM\s+\S+\s+AS\s+runtime$/i.test(i));
  if (start < 0) throw new Error("no `FROM … AS runtime` stage in the Dockerfile");
  const from = (/^FROM\s+(\S+)/i.exec(all[start] ?? "")?.[1] ?? "").replace(/\$\{(\w+)\}/g, (_, k: string) => args[k] ?? "");
  let workdir = "/";
  let user = "";
  let stopSignal = "SIGTERM";
  let cmd: string[] = [];
  let healthcheck: string[] = [];
  const env: Record<string, string> = {};
  const copies: { src: string; dest: string }[] = [];
  for (const i of all.slice(start + 1)) {
    const [word = "", ...restParts] = i.split(/\s+/);
    const rest = restParts.join(" ");
    switch (word.toUpperCase()) {
      case "WORKDIR":
        workdir = rest;
        break;
      case "ENV":
        Object.assign(env, envPairs(rest));
        break;
      case "USER":
        user = rest;
        break;
      case "STOPSIGNAL":
        stopSignal = rest;
        break;
      case "CMD":
        cmd = jsonArgv(rest, "CMD");
        break;
      case "HEALTHCHECK": {
        const m = /\bCMD\s+(\[.*\])$/.exec(rest);
        if (!m?.[1]) throw new Error(`HEALTHCHECK without an exec-form CMD: ${rest}`);
        healthcheck = jsonArgv(m[1], "HEALTHCHECK CMD");
        break;
      }
      case "COPY": {
        const m = /^--from=build\s+(\S+)\s+(\S+)$/.exec(rest);
        if (!m?.[1] || !m[2]) throw new Error(`the runtime stage may only COPY --from=build SRC DEST: ${i}`);
        copies.push({ src: m[1].replace(/^\/app\//, ""), dest: m[2] });
        break;
      }
      case "RUN":
      case "EXPOSE":
        break;
      default:
        throw new Error(`unexpected instruction in the runtime stage: ${i}`);
    }
  }
  if (cmd.length === 0) throw new Error("the runtime stage has no CMD");
  if (healthcheck.length === 0) throw new Error("the runtime stage has no HEALTHCHECK");
  if (!user || user.startsWith("0") || user === "root") throw new Error(`the runtime stage must run as a non-root user, not "${user}"`);
  return { from, workdir, env, user, copies, healthcheck, stopSignal, cmd };
}
