"use strict";
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, loaded with node --require before Next.js */
// node --require ./deploy/runtime/preload.cjs server.js   (see instrument.cjs)
require("./instrument.cjs").install();
