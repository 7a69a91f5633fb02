import { actionsSuite } from "../integration/suites/actions.js";
import { walkthroughs } from "../integration/worlds/walkthroughs.js";

/** The seed walkthroughs and Bookinfo's tasks driven through the action API, checked with the probe and in Prometheus. */
actionsSuite(walkthroughs);
