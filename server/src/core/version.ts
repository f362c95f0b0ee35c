// Read at runtime so `npm version` stays the single source of truth.
export const SERVICE_VERSION: string = require('../../../package.json').version;
