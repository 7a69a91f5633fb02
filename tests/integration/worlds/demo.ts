// TEMPORARY (not committed): stands in until h-demo's world lands.
export { walkthroughs as demoWorld } from "./walkthroughs.js";
