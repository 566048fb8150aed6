// Cucumber configuration. `npm run conformance` (harness/conformance-run.ts) runs this with the role
// filter and GIR_PROFILES set; running cucumber-js directly works too (call-control, default.yaml).
// GIR_REPORTS_DIR moves the report files (the mutant runs keep theirs apart);
// GIR_CONSOLE_FORMAT picks the console formatter (default: pretty); GIR_FEATURE_PATHS (a JSON array)
// the features to run.
const loader = process.env.GIR_LOADER === 'ts-node' ? 'ts-node/register/transpile-only' : 'tsx/cjs';
const reports = process.env.GIR_REPORTS_DIR || 'reports';
// Feature paths given to `npm run conformance` replace the default (cucumber-js would add them to it).
const paths = process.env.GIR_FEATURE_PATHS ? JSON.parse(process.env.GIR_FEATURE_PATHS) : ['features/**/*.feature'];

module.exports = {
  default: {
    paths,
    // Step files and the hooks (which load the World); never the unit tests beside them.
    require: ['steps/**/*.steps.ts', 'steps/support/hooks.ts'],
    requireModule: [loader],
    format: [
      process.env.GIR_CONSOLE_FORMAT || 'pretty',
      `html:${reports}/cucumber.html`,
      `junit:${reports}/junit.xml`,
      `message:${reports}/messages.ndjson`,
    ],
    formatOptions: { snippetInterface: 'async-await' },
    strict: true,
  },
};
