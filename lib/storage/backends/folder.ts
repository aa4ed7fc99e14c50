import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { MissingImageError, type ImageBackend } from "@/lib/storage/backend";

/** The local folder under DATA_DIR (the default). Write-then-rename, so a crash never leaves a truncated image. */
export function folderBackend(root: string): ImageBackend {
  const full = (key: string) => {
    const file = path.resolve(/*turbopackIgnore: true*/ root, key);
    if (!file.startsWith(root + path.sep)) throw new Error("Image path escapes the image folder.");
    return file;
  };
  return {
    async has(key) {
      try {
        await fs.access(full(key));
        return true;
      } catch (error) {
        // Only "no such file" means it is not there: a folder that cannot be read must not pass for one without it.
        if (["ENOENT", "ENOTDIR"].includes((error as NodeJS.ErrnoException).code ?? "")) return false;
        throw error;
      }
    },
    async put(key, data) {
      const file = full(key);
      await fs.mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
      await fs.writeFile(tmp, data);
      await fs.rename(tmp, file);
    },
    async get(key) {
      try {
        return await fs.readFile(full(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new MissingImageError(key, { cause: error });
        throw error;
      }
    },
    remove: (key) => fs.rm(full(key), { force: true }),
    async move(from, to) {
      const target = full(to);
      await fs.mkdir(path.dirname(target), { recursive: true });
      try {
        await fs.rename(full(from), target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
        throw error;
      }
      // Dated by the move, not by the original write, so the clean-up of old leftovers does not take it meanwhile.
      const now = new Date();
      await fs.utimes(target, now, now).catch(() => {});
      return true;
    },
    async problem() {
      const file = path.join(/*turbopackIgnore: true*/ root, `.probe-${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
      try {
        await fs.mkdir(path.dirname(file), { recursive: true });
        await fs.writeFile(file, "ok");
        await fs.rm(file, { force: true });
        return null;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        return `the image folder ${root} cannot be written (${code})`;
      }
    },
    async cleanStale(olderThanMs) {
      let removed = 0;
      const entries = await fs.readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
      const cutoff = Date.now() - olderThanMs;
      for (const entry of entries) {
        if (!entry.isFile() || !entry.name.endsWith(".tmp")) continue;
        const file = path.join(/*turbopackIgnore: true*/ entry.parentPath, entry.name);
        const stat = await fs.stat(file).catch(() => null);
        if (stat && stat.mtimeMs < cutoff) {
          await fs.rm(file, { force: true });
          removed++;
        }
      }
      return removed;
    },
  };
}
