export * from "./common";
export * from "./istio";
export * from "./gateway-api";
export * from "./core";
