// Regenerates config/portals.schema.json from the zod schema (a test fails when it is stale).
import { writeFileSync } from 'node:fs';
import { portalsJsonSchema } from '../src/config/load.ts';

writeFileSync(new URL('../config/portals.schema.json', import.meta.url), `${JSON.stringify(portalsJsonSchema(), null, 2)}\n`);
