import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // sharp and libsql ship native binaries; keep them out of the server bundle.
  serverExternalPackages: ["sharp", "@libsql/client", "libsql", "@prisma/adapter-libsql"],
  poweredByHeader: false,
};

export default nextConfig;
