import https from "node:https";

export interface WatchEvent<T> {
  type: "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR";
  object: T;
}

/**
 * Opens a watch (GET …?watch=1) and resolves with the first event `pick`
 * accepts; rejects on timeout. For tests and lab tooling.
 */
export function watchUntil<T>(url: string, opts: { ca: Buffer; token: string; timeoutMs: number }, pick: (e: WatchEvent<T>) => boolean): { result: Promise<WatchEvent<T>>; opened: Promise<void> } {
  let opened!: () => void;
  const openedP = new Promise<void>((r) => (opened = r));
  const result = new Promise<WatchEvent<T>>((resolve, reject) => {
    const req = https.get(url, { ca: opts.ca, headers: { Authorization: `Bearer ${opts.token}`, Accept: "application/json" }, agent: false }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`watch ${url}: HTTP ${res.statusCode}`));
        res.resume();
        return;
      }
      opened();
      let buf = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        buf += chunk;
        let nl: number;
        while ((nl = buf.indexOf("\n")) >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          if (!line.trim()) continue;
          const ev = JSON.parse(line) as WatchEvent<T>;
          if (pick(ev)) {
            clearTimeout(timer);
            req.destroy();
            resolve(ev);
            return;
          }
        }
      });
    });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`no matching watch event within ${opts.timeoutMs} ms`));
    }, opts.timeoutMs);
    req.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
  return { result, opened: openedP };
}
