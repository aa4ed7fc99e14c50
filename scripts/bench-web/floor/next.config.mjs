import path from "node:path";

// Resolve next and react from the repository's own node_modules: the same versions our app is built with.
const nextConfig = { turbopack: { root: path.resolve(import.meta.dirname, "..", "..", "..") } };
export default nextConfig;
