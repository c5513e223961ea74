import { defineConfig } from 'drizzle-kit';

// the same SQL migrations serve PGlite (the default) and PostgreSQL (DATABASE_URL)
export default defineConfig({
  dialect: 'postgresql',
  schema: './lib/db/schema.ts',
  out: './lib/db/migrations',
});
