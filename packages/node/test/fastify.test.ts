import { testFrameworkScenario } from './helpers/framework-scenario.js';

// The same fixture app under both majors: `fastify4` is an npm alias of fastify@4.
for (const [name, module] of [
  ['Fastify 5', 'fastify'],
  ['Fastify 4', 'fastify4'],
] as const) {
  testFrameworkScenario({ name, framework: 'fastify', fixture: 'fastify-app.mjs', args: [module] });
}
