import { defineConfig } from 'tsup';

/**
 * The published build: ESM and CommonJS with type declarations. The contract is a private workspace
 * package, so it is bundled in, code and types alike; `@ts-rest/core` and `zod` stay external
 * (they are dependencies).
 */
export default defineConfig((overrides) => ({
  entry: { index: 'src/index.ts' },
  outDir: overrides.outDir ?? 'dist',
  format: ['esm', 'cjs'],
  platform: 'neutral',
  target: 'es2022',
  dts: {
    // Resolved as our own source (not as an external package) so its types are inlined, and the
    // published declarations do not import a package that is not published.
    compilerOptions: { paths: { '@finx/contract': ['../contract/src/index.ts'] } },
  },
  noExternal: ['@finx/contract'],
  external: ['@ts-rest/core', 'zod'],
  sourcemap: true,
  clean: true,
  treeshake: true,
}));
