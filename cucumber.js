// Cucumber configuration. `npm run conformance` (harness/conformance.ts) runs this with the role
// filter and GIR_PROFILES set; running cucumber-js directly works too (call-control, default.yaml).
const loader = process.env.GIR_LOADER === 'ts-node' ? 'ts-node/register/transpile-only' : 'tsx/cjs';

module.exports = {
  default: {
    paths: ['features/**/*.feature'],
    require: ['steps/**/*.ts'],
    requireModule: [loader],
    format: [
      'pretty',
      'html:reports/cucumber.html',
      'junit:reports/junit.xml',
      'message:reports/messages.ndjson',
    ],
    formatOptions: { snippetInterface: 'async-await' },
    strict: true,
  },
};
