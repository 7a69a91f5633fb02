import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** Debian's nginx, when installed. */
export const nginxBin = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((p) => fs.existsSync(p));

/**
 * Starts nginx on 127.0.0.1:`port` in front of 127.0.0.1:`upstreamPort` with
 * proxy_buffering on (what an unconfigured reverse proxy does), its files
 * under `dir`. Stop it with SIGQUIT.
 */
export function startBufferingProxy(dir: string, port: number, upstreamPort: number): ChildProcess {
  if (!nginxBin) throw new Error("nginx is not installed");
  fs.mkdirSync(path.join(dir, "tmp"), { recursive: true });
  const conf = path.join(dir, "nginx.conf");
  fs.writeFileSync(
    conf,
    `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/tmp/body; proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fcgi; uwsgi_temp_path ${dir}/tmp/uwsgi; scgi_temp_path ${dir}/tmp/scgi;
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://127.0.0.1:${upstreamPort};
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering on;
      proxy_read_timeout 60s;
    }
  }
}
`,
  );
  return spawn(nginxBin, ["-c", conf, "-p", dir], { stdio: "ignore" });
}
