/**
 * `node dist/build-template.js`: part of `npm run build`. Makes the embedded store's template database
 * (`pglite-template.ts`) unless the one there was made from the installed PGlite and the current migrations.
 */
import { buildTemplate, TEMPLATE_FILE, templateIsCurrent } from './pglite-template.js';

if (templateIsCurrent()) {
  console.log(`embedded database template is current (${TEMPLATE_FILE})`);
} else {
  const started = performance.now();
  await buildTemplate();
  console.log(
    `embedded database template made in ${Math.round(performance.now() - started)} ms (${TEMPLATE_FILE})`,
  );
}
