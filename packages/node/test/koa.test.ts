import { testFrameworkScenario } from './helpers/framework-scenario.js';

testFrameworkScenario({ name: 'Koa', framework: 'koa', fixture: 'koa-app.mjs' });
