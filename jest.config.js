/**
 * One jest run covers the whole repository (`npm test`):
 * - server: the Node service, in-process on temporary SQLite files, with local HTTP fakes;
 * - ui: admin app and chat block components in jsdom;
 * - e2e: a real WordPress 6.5 + the real service + headless Chromium (tests/e2e, and the
 *   browser attacks in tests/security, files named *.e2e.test.ts).
 */
const swc = (react) => [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', tsx: react },
      ...(react ? { transform: { react: { runtime: 'automatic' } } } : {}),
    },
    module: { type: 'commonjs' },
  },
];

/** ES-module-only packages the service uses (htmlparser2 and its own dependencies): compiled to CommonJS for jest. */
const ESM_PACKAGES = ['htmlparser2', 'entities', 'domhandler', 'domutils', 'domelementtype', 'dom-serializer'];
const esmTransform = {
  'node_modules/.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'ecmascript' } }, module: { type: 'commonjs' } }],
};
const esmIgnorePatterns = [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`];

module.exports = {
  // A global option (jest ignores it inside a project). Typing through Testing Library and starting
  // services is slow on a busy 2-core machine; nothing is timed by it, suites that need more set more.
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/tests/support/summary-reporter.js'],
  projects: [
    {
      displayName: 'server',
      testEnvironment: 'node',
      roots: ['<rootDir>/server', '<rootDir>/tests'],
      testMatch: ['<rootDir>/server/**/test/**/*.test.ts', '<rootDir>/tests/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/e2e/', '\\.e2e\\.test\\.ts$'],
      transform: { '^.+\\.ts$': swc(false), ...esmTransform },
      transformIgnorePatterns: esmIgnorePatterns,
    },
    {
      displayName: 'ui',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/admin-ui', '<rootDir>/blocks'],
      testMatch: ['**/test/**/*.test.ts', '**/test/**/*.test.tsx'],
      transform: { '^.+\\.(ts|tsx|js|jsx|mjs)$': swc(true) },
      // @wordpress/components pulls in ES-module-only packages (uuid); compile those, skip the rest.
      // (the service contract test also reaches the service's htmlparser2).
      transformIgnorePatterns: [`/node_modules/(?!(uuid|${ESM_PACKAGES.join('|')})/).+\\.(js|cjs)$`],
      moduleNameMapper: { '\\.(css|scss)$': '<rootDir>/tests/support/style-stub.js' },
      setupFilesAfterEnv: ['<rootDir>/tests/support/jest-dom-setup.js'],
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/tests/e2e', '<rootDir>/tests/security'],
      testMatch: ['<rootDir>/tests/e2e/**/*.test.ts', '<rootDir>/tests/security/**/*.e2e.test.ts'],
      transform: { '^.+\\.ts$': swc(false), ...esmTransform },
      transformIgnorePatterns: esmIgnorePatterns,
    },
  ],
};
