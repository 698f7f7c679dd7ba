import { testFrameworkScenario } from './helpers/framework-scenario.js';

testFrameworkScenario({ name: 'Hono', framework: 'hono', fixture: 'hono-app.mjs' });
