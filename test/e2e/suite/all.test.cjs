// @ts-check
// Every extension-host suite, in the order they must run: the API suite first (it checks the pristine
// fixtures), then the palette commands (their last cases fix every file in the workspace).
'use strict';

const api = require('./api.test.cjs');
const commands = require('./commands.test.cjs');

/** @type {import('./harness.cjs').Suite} */
module.exports = {
  name: 'all',
  tests: [...api.tests, ...commands.tests],
  async run(onResult) {
    return [...(await api.run(onResult)), ...(await commands.run(onResult))];
  },
};
