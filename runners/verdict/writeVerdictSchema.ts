// `make schema` (node dist/runners/verdict/writeVerdictSchema.js): rewrites the published JSON
// Schema of verdicts.json from the zod schema, after the schema (and VERDICT_SCHEMA_VERSION) changed.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { kitPaths } from '../core/kitPaths.js';
import { VERDICT_SCHEMA_FILE, verdictJsonSchemaText } from './verdictJsonSchema.js';

await writeFile(VERDICT_SCHEMA_FILE, verdictJsonSchemaText());
// The committed file is kept in the layout `make lint` checks (Biome folds short arrays), so a
// regenerated schema shows in a diff only where its content changed.
const biome = join(kitPaths.root, 'node_modules', '.bin', 'biome');
if (existsSync(biome)) execFileSync(biome, ['format', '--write', VERDICT_SCHEMA_FILE], { stdio: 'ignore' });
console.log(`wrote ${VERDICT_SCHEMA_FILE}`);
