import { actionsSuite } from "./suites/actions.js";
import { demoWorld } from "./worlds/demo.js";

/** The demo world's splits driven through the action API, checked with the probe and in Prometheus. */
actionsSuite(demoWorld);
