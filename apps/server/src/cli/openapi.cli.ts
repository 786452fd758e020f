import { writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { OPENAPI_FILE, renderOpenApiFile } from '../openapi/openapi-file';

async function main() {
  await writeFile(OPENAPI_FILE, await renderOpenApiFile());
  process.stdout.write(`Wrote ${relative(process.cwd(), OPENAPI_FILE)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`Could not write the OpenAPI document: ${String(error)}\n`);
  process.exitCode = 1;
});
