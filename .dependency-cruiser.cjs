/**
 * Dependency rules, checked by `npm run lint:deps` (part of `npm run lint`). docs/architecture.md
 * draws the layers; this file is the executable version of that picture.
 *
 * The service (server/src) is layered; imports point down only:
 *   contract → core → platform → domains (ranked) → runtime → conversations → composition → http → entry
 * `contract` and `core` are at the bottom: any code may import them, they import no other server folder.
 */

/** Bottom to top. A file may import its own layer and the ones listed before it, never one after it. */
const LAYERS = [
  { name: 'contract', path: '^server/src/contract/' },
  { name: 'core', path: '^server/src/core/' },
  { name: 'platform', path: '^server/src/(config|logging|security|db)/' },
  // The domains, ranked too, so no two of them can import each other (even through a sub-folder).
  { name: 'domains-base', path: '^server/src/(agents|settings|connectors|knowledge)/' },
  { name: 'domains-actions', path: '^server/src/actions/' },
  { name: 'domains-leads', path: '^server/src/leads/' },
  { name: 'domains-after-leads', path: '^server/src/(outbox|privacy|usage|preview|funnel)/' },
  // The runtime owns the turn (state, events, orchestration) behind the ports of runtime/turn-ports.ts.
  { name: 'runtime', path: '^server/src/runtime/' },
  // Conversations store what the runtime's turns produce and decide when a turn runs (lock, replay).
  { name: 'conversations', path: '^server/src/conversations/' },
  // Health, readiness, metrics, retention, backup: they observe the domains, none of them imports it.
  { name: 'operations', path: '^server/src/operations/' },
  { name: 'composition', path: '^server/src/container[.]ts$' },
  { name: 'http', path: '^server/src/http/' },
  { name: 'entry', path: '^server/src/(app[.]ts|main[.]ts|seed/)' },
];

/** Every server file must sit in a layer, so a new folder is a decision written down here. */
const ANY_LAYER = LAYERS.map((layer) => `(${layer.path})`).join('|');

const layerRules = LAYERS.slice(0, -1).map((layer, index) => ({
  name: `layer-${layer.name}-imports-down-only`,
  severity: 'error',
  comment: `${layer.name} must not import a layer above it (${LAYERS.slice(index + 1)
    .map((above) => above.name)
    .join(', ')}); see docs/architecture.md.`,
  from: { path: layer.path },
  to: { path: LAYERS.slice(index + 1).map((above) => `(${above.path})`).join('|') },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A circle of imports (type-only ones included) means no file in it can be understood or tested alone.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-two-way-server-folders',
      severity: 'error',
      comment: 'Two server folders that import each other are one tangled module: move the shared part down or invert it with an interface.',
      scope: 'folder',
      from: { path: '^server/src/[^/]+/?$' },
      to: { path: '^server/src/[^/]+/?$', circular: true },
    },
    {
      name: 'domains-never-import-http',
      severity: 'error',
      comment: 'Only http/ and the entry files know about HTTP; errors and zod issue formatting are in core/.',
      from: { path: '^server/src/', pathNot: '^server/src/(http/|app[.]ts$|main[.]ts$|seed/)' },
      to: { path: '^server/src/http/' },
    },
    {
      name: 'core-imports-no-server-folder',
      severity: 'error',
      comment: 'core/ is what every layer uses; it depends on libraries and on contract/ only.',
      from: { path: '^server/src/core/' },
      to: { path: '^server/src/', pathNot: '^server/src/(core|contract)/' },
    },
    {
      name: 'contract-imports-nothing-of-the-service',
      severity: 'error',
      comment: 'contract/ is shared with the admin app and the widget: schemas and types only, no service code.',
      from: { path: '^server/src/contract/' },
      to: { path: '^server/src/', pathNot: '^server/src/contract/' },
    },
    ...layerRules,
    {
      name: 'server-file-outside-the-layers',
      severity: 'error',
      comment: 'Every file of server/src belongs to a layer of .dependency-cruiser.cjs; add a new folder to LAYERS.',
      from: { path: '^server/src/', pathNot: ANY_LAYER },
      to: {},
    },

    // ── Client rules (admin-ui/, blocks/) ───────────────────────────────────────────────────────
    {
      name: 'clients-import-only-the-contract',
      severity: 'error',
      comment:
        'The admin app and the chat block take from the service only server/src/contract/ (shared schemas, types, SSE parser, chat client), never a repository, service or route file. Their tests may start the real service.',
      from: { path: '^(admin-ui|blocks)/', pathNot: '/test/' },
      to: { path: '^server/', pathNot: '^server/src/contract/' },
    },
    // ── end of client rules ─────────────────────────────────────────────────────────────────────
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(build|dist|node_modules)/' },
    // Type-only imports count: a type circle is a design circle too.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['cjs', 'es6'],
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
  },
};
