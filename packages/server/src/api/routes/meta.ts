/** The API describing itself. */
import { json, route } from '../route.js';
import type { Route } from '../route.js';
import { openApiDocument } from '../openapi.js';

/** The document needs the whole table, which includes this route: it is handed the table late. */
export function metaRoutes(allRoutes: () => readonly Route[]): Route[] {
  let document: unknown;
  return [
    route({
      method: 'GET',
      path: '/api/0/openapi.json',
      summary: 'This API as an OpenAPI 3.1 document',
      tag: 'meta',
      access: { public: true },
      async handle() {
        document ??= openApiDocument(allRoutes());
        return json(document);
      },
    }),
  ];
}
