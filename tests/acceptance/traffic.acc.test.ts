import { trafficSuite } from "../integration/suites/traffic.js";
import { walkthroughs } from "../integration/worlds/walkthroughs.js";

/** Each walkthrough's splits in the simulated data plane and in Prometheus. */
trafficSuite(walkthroughs);
