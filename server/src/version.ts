// Read at runtime so `npm version` stays the single source of truth.
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const SERVICE_VERSION: string = require('../../package.json').version;
