#!/usr/bin/env node
// Entry point of `npx gir-conformance`: loads the TypeScript CLI through tsx (the project's loader).
require('tsx/cjs');
require('../harness/cli.ts');
