import "server-only";
import {
  ApisApi,
  CoreV1Api,
  CustomObjectsApi,
  Observable,
  VersionApi,
  type ConfigurationOptions,
  type KubeConfig,
} from "@kubernetes/client-node";
import { loadKubeConfig } from "./kube-config";

export interface ClientSet {
  kubeConfig: KubeConfig;
  core: CoreV1Api;
  customObjects: CustomObjectsApi;
  apis: ApisApi;
  version: VersionApi;
}

/** Default per-request timeout for calls to the API server. */
export const DEFAULT_TIMEOUT_MS = 10_000;

// Kept on globalThis so dev-mode module reloading does not build a new set per edit.
const holder = globalThis as typeof globalThis & { __meshdeckClientSet?: ClientSet };

/** One client set per process, built lazily on first use. */
export function getClientSet(): ClientSet {
  if (!holder.__meshdeckClientSet) {
    const kubeConfig = loadKubeConfig();
    holder.__meshdeckClientSet = {
      kubeConfig,
      core: kubeConfig.makeApiClient(CoreV1Api),
      customObjects: kubeConfig.makeApiClient(CustomObjectsApi),
      apis: kubeConfig.makeApiClient(ApisApi),
      version: kubeConfig.makeApiClient(VersionApi),
    };
  }
  return holder.__meshdeckClientSet;
}

/** Per-call options aborting the request after `ms` milliseconds. */
export function withTimeout(ms: number = DEFAULT_TIMEOUT_MS): ConfigurationOptions {
  return {
    middlewareMergeStrategy: "append",
    middleware: [
      {
        pre: (context) => {
          context.setSignal(AbortSignal.timeout(ms));
          return new Observable(Promise.resolve(context));
        },
        post: (context) => new Observable(Promise.resolve(context)),
      },
    ],
  };
}
