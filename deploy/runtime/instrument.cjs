"use strict";
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, loaded with node --require before Next.js */
// HTTP-level instrumentation of the Meshdeck server process, loaded with
// `node --require ./deploy/runtime/preload.cjs` before Next.js starts (see the
// Dockerfile and deploy/README.md). It sees every request at the socket, which
// the Next.js route handlers and proxy.ts cannot:
//
// 1. Peer address. Next.js copies the TCP peer into X-Forwarded-For only when
//    the client did not send one, so that header proves nothing. Here every
//    request gets `x-meshdeck-peer` = socket.remoteAddress and
//    `x-meshdeck-peer-key` = a random per-process key (client-sent values are
//    dropped). proxy.ts trusts the peer only when the key matches, so without
//    this preload proxy-mode identity headers are refused (fails closed).
// 2. Request id: `x-request-id` (a sane client value is kept, else random), on
//    the request and the response.
// 3. Latency observations for /api/metrics (drained by lib/observability).
// 4. One JSON access-log line per request (pino; no query string, no headers).
const crypto = require("node:crypto");
const http = require("node:http");
const redact = require("../../lib/observability/redact.json");

const PEER = "x-meshdeck-peer";
const PEER_KEY = "x-meshdeck-peer-key";
const REQUEST_ID = "x-request-id";
const MAX_OBSERVATIONS = 50_000;
const SANE_ID = /^[A-Za-z0-9._:-]{1,64}$/;

function createLogger(destination) {
  let pino;
  try {
    pino = require("pino");
  } catch {
    process.stderr.write("[meshdeck] pino not found: no access log\n");
    return null;
  }
  return pino(
    {
      level: process.env.MESHDECK_LOG_LEVEL || "info",
      base: { service: "meshdeck" },
      redact,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

function state() {
  const g = globalThis;
  g.__meshdeckPeerKey ??= crypto.randomBytes(24).toString("base64url");
  g.__meshdeckHttpObservations ??= [];
  return g;
}

/** Mutates the incoming request as described above and records it when it ends. */
function onRequest(req, res, logger) {
  const g = state();
  const started = process.hrtime.bigint();
  delete req.headers[PEER];
  delete req.headers[PEER_KEY];
  req.headers[PEER] = req.socket?.remoteAddress ?? "";
  req.headers[PEER_KEY] = g.__meshdeckPeerKey;
  const incoming = req.headers[REQUEST_ID];
  const id = typeof incoming === "string" && SANE_ID.test(incoming) ? incoming : crypto.randomUUID();
  req.headers[REQUEST_ID] = id;
  if (!res.headersSent) res.setHeader("X-Request-Id", id);
  const path = (req.url ?? "/").split("?")[0];
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const status = res.headersSent ? res.statusCode : 0;
    const list = g.__meshdeckHttpObservations;
    if (list.length < MAX_OBSERVATIONS) list.push({ method: req.method ?? "GET", path, status, seconds });
    if (logger && !path.startsWith("/_next/static")) {
      logger.info({ reqId: id, method: req.method, path, status, ms: Math.round(seconds * 1000), peer: req.socket?.remoteAddress }, "request");
    }
  };
  res.once("finish", finish);
  res.once("close", finish);
}

/** Patches http.Server so every "request" goes through {@link onRequest}. Idempotent. */
function install(options = {}) {
  const g = state();
  if (g.__meshdeckInstrumented) return;
  g.__meshdeckInstrumented = true;
  const logger = options.logger === undefined ? createLogger() : options.logger;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function patchedEmit(event, ...args) {
    if (event === "request") {
      try {
        onRequest(args[0], args[1], logger);
      } catch {
        // never break request handling over instrumentation
      }
    }
    return emit.call(this, event, ...args);
  };
}

module.exports = { install, createLogger, onRequest, PEER, PEER_KEY, REQUEST_ID };
