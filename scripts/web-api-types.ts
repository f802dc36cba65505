/**
 * npm run web:api-types: writes `src/web/src/api-types.ts`, the API's OpenAPI document as TypeScript types
 * (openapi-typescript), which the workspace's client (`src/web/src/api.ts`, openapi-fetch) is typed from.
 * Run it after changing an API schema; `src/serve/web.test.ts` fails while the file is stale, so a
 * changed field breaks the build rather than an analyst's screen.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiTypes, API_TYPES_FILE } from './web-api-types-lib.js';

const file = join(import.meta.dirname, '..', API_TYPES_FILE);
writeFileSync(file, await apiTypes());
console.log(`wrote ${API_TYPES_FILE}`);
