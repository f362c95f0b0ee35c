/**
 * The admin app's tests with the root "ui" project settings plus one addition: parts of
 * @wordpress/components 41 (its .mjs files, @wordpress/theme, uuid 14) ship only ES modules, so they
 * must be compiled for jest's CommonJS runtime. Until the root jest.config.js carries the same transformIgnorePatterns line, run:
 *   npx jest -c admin-ui/jest.config.js
 */
const path = require('node:path');
const root = require('../jest.config.js');

const ui = root.projects.find((project) => project.displayName === 'ui');
const rootDir = path.resolve(__dirname, '..');

module.exports = {
  rootDir,
  ...ui,
  displayName: 'admin-ui',
  roots: ['<rootDir>/admin-ui'],
  // The 2-core machine is shared by eight engineers; typing tests can be slow there but are not timed.
  testTimeout: 30000,
  // ES-module-only dependencies (.mjs files, uuid 14) are compiled too; other node_modules stay as they are.
  transform: { '^.+\\.(ts|tsx|js|jsx|mjs)$': ui.transform['^.+\\.(ts|tsx|js|jsx)$'] },
  transformIgnorePatterns: ['/node_modules/(?!(uuid)/).+\\.(js|cjs)$'],
};
