import type { NextConfig } from "next";

const config: NextConfig = {
  output: "standalone",
  // `npm run demo` builds into its own directory (MESHDECK_DIST_DIR=.next-demo), so that tests rebuilding .next never touch a running demo.
  ...(process.env.MESHDECK_DIST_DIR ? { distDir: process.env.MESHDECK_DIST_DIR } : {}),
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: ["@kubernetes/client-node"],
  // The build type-checks the app only; `npm run typecheck` covers tests, lab and benches.
  typescript: { tsconfigPath: "tsconfig.build.json" },
};

export default config;
