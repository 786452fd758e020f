import { cp } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'tsup';

const MIGRATIONS = fileURLToPath(new URL('./src/db/migrations', import.meta.url));

/**
 * The production build: the server and its two command-line tools as plain JavaScript, flat in
 * dist/ beside a copy of the migrations, so `new URL('./migrations', import.meta.url)` in the
 * bundled database module finds them. Workspace packages are inlined; npm packages stay external
 * and load from node_modules.
 */
export default defineConfig((overrides) => {
  const outDir = overrides.outDir ?? 'dist';
  return {
    entry: {
      main: 'src/main.ts',
      'tokens.cli': 'src/cli/tokens.cli.ts',
      'migrate.cli': 'src/cli/migrate.cli.ts',
    },
    outDir,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    splitting: true,
    sourcemap: true,
    clean: true,
    noExternal: [/^@finx\//],
    onSuccess: async () => {
      await cp(MIGRATIONS, `${outDir}/migrations`, { recursive: true });
    },
  };
});
