import type { NextConfig } from "next";

const config: NextConfig = {
  output: "standalone",
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: ["@kubernetes/client-node"],
  // The build type-checks the app only; `npm run typecheck` covers tests, lab and benches.
  typescript: { tsconfigPath: "tsconfig.build.json" },
};

export default config;
