import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Lets parallel builds (e.g. several test runs on one machine) use separate output folders.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // sharp and libsql ship native binaries; keep them out of the server bundle.
  serverExternalPackages: ["sharp", "@libsql/client", "libsql", "@prisma/adapter-libsql"],
  poweredByHeader: false,
  // An input image (≤10 MB) travels inside the generate action as a data URL, a third larger than the file.
  experimental: { serverActions: { bodySizeLimit: "15mb" } },
};

export default nextConfig;
