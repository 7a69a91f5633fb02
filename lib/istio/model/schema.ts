// The model's output types, shared by server and client. Everything is plain
// JSON (no Map, no Date, no undefined-only fields), so it survives a fetch.
export * from "./schema/common";
export * from "./schema/destination";
export * from "./schema/destination-rule";
export * from "./schema/gateway";
export * from "./schema/host";
export * from "./schema/http-route";
export * from "./schema/match";
export * from "./schema/mesh-model";
export * from "./schema/pods";
export * from "./schema/service";
export * from "./schema/virtual-service";
export * from "./schema/workload";
