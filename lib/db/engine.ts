/** The database engines `DATABASE_URL` can name: `file:` (or unset) → SQLite, `postgres://` → Postgres. */
export type Engine = "sqlite" | "postgres";

export function engineOf(databaseUrl: string): Engine {
  return /^postgres(ql)?:\/\//i.test(databaseUrl) ? "postgres" : "sqlite";
}
