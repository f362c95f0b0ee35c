// `npm run demo`: the whole product on this machine, offline. A fresh WordPress 6.5 with the built
// plugin zip installed, activated and connected to the real service (offline engine), a sample
// page holding the chat block, and an affiliate-manager user. Ctrl-C stops everything it started.
//
// Env: AA_DEMO_PORT (WordPress port, default 8881), AA_DEMO_REBUILD=1 (rebuild the zip first),
//      AA_DEMO_KEEP=1 (keep .demo/aa-stack-*/ with site, databases and logs after stopping),
//      AA_DEMO_FAKE_AFFILIATEWP=1 (load the tests' stand-in for AffiliateWP's PHP API, so approving a
//      lead creates an "affiliate" offline; without it the AffiliateWP steps report "not installed").
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const here = path.dirname(fileURLToPath(import.meta.url));
const load = (file) => tsImport(path.join(here, 'wordpress', file), import.meta.url);

const { assertSystemRequirements, MissingSystemPackagesError } = await load('system-requirements.ts');
try {
  assertSystemRequirements();
} catch (error) {
  if (error instanceof MissingSystemPackagesError || error?.name === 'MissingSystemPackagesError') {
    process.stderr.write(`\nnpm run demo needs a local PHP to run WordPress.\n${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

const { startStack } = await load('stack.ts');
const plugin = await load('plugin-setup.ts');
const { REPO_ROOT } = await load('paths.ts');
const { loadSampleDocs } = await load('sample-docs.ts');

const started = Date.now();
const say = (text) => process.stdout.write(`[demo ${((Date.now() - started) / 1000).toFixed(1)}s] ${text}\n`);

say('building the plugin zip if needed (dist/affiliate-agent.zip)…');
await plugin.ensurePluginZip({ rebuild: process.env.AA_DEMO_REBUILD === '1' });

say('starting the service and WordPress 6.5…');
const fakeAffiliateWp = process.env.AA_DEMO_FAKE_AFFILIATEWP === '1';
const stack = await startStack({
  baseDir: path.join(REPO_ROOT, '.demo'),
  muPlugins: fakeAffiliateWp ? [path.join(REPO_ROOT, 'tests', 'e2e', 'support', 'mu-plugins', 'fake-affiliatewp.php')] : [],
  keep: process.env.AA_DEMO_KEEP === '1',
  // No AA_ALLOWED_ORIGINS, as an owner starts the service: the site is allowed once it is paired.
  allowedOrigins: [],
  port: Number(process.env.AA_DEMO_PORT || 8881),
  wordpress: { title: 'Affiliate Agent demo shop' },
  // The demo prints a preview link: a local trial, so the preview page is switched on.
  serviceEnv: { AA_PREVIEW: 'on' },
});

let stopping = false;
const stop = async (code = 0) => {
  if (stopping) return;
  stopping = true;
  process.stdout.write('\nstopping WordPress and the service…\n');
  await stack.stop();
  process.stdout.write('stopped.\n');
  process.exit(code);
};
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

try {
  const { wordpress: site, service, agentId } = stack;
  plugin.unpackPluginZip(site);
  await plugin.activatePlugin(site);
  await plugin.connectPlugin(site, service);
  const managerPassword = 'manager-password';
  await site.createUser({ login: 'manager', password: managerPassword, email: 'manager@shop.test', role: plugin.AFFILIATE_MANAGER_ROLE });
  await plugin.dismissEditorWelcomeGuide(site, 1);
  // What Affiliate Agent → Settings saves: how the service reaches this WordPress (the bridge, for
  // AffiliateWP and wp_mail; connecting with the key records it too) and who hears about new leads.
  // 127.0.0.1 is a private address the service refuses unless the owner lists it.
  const delivery = await service.signed('PATCH', '/v1/settings/delivery', {
    body: {
      wordpress: { siteUrl: site.url },
      affiliatewp: { transport: 'bridge' },
      notifications: { recipients: ['manager@shop.test'] },
      network: { allowHosts: [new URL(site.url).host] },
    },
  });
  if (delivery.status !== 200) throw new Error(`the service refused the delivery settings: ${delivery.status} ${JSON.stringify(delivery.body)}`);
  const docs = await loadSampleDocs(service, agentId);
  const page = await plugin.createChatPage(site, { agentId, title: 'Join our affiliate program' });
  say('ready.');
  process.stdout.write(`
  Site:            ${site.url}/
  Chat block page: ${page.url}
  wp-admin:        ${site.url}/wp-admin/  (administrator: ${site.adminLogin} / ${site.adminPassword})
  Affiliate Agent: ${site.url}/wp-admin/admin.php?page=affiliate-agent
  Manager login:   manager / ${managerPassword}  (role "${plugin.AFFILIATE_MANAGER_ROLE}": leads only)
  Service:         ${service.url}  (offline engine, agent ${agentId})
  Preview:         ${service.url}/preview/${agentId}
  Program docs:    ${docs.sources} sample sources (terms, payout policy, traffic rules, FAQ) in the agent's knowledge
  AffiliateWP:     ${fakeAffiliateWp ? 'stand-in loaded (affiliates kept in an option)' : 'not installed (AA_DEMO_FAKE_AFFILIATEWP=1 loads a stand-in)'}
  Mail sent by WordPress is captured in ${site.mailLog}
  Logs:            ${path.dirname(site.debugLog)}

  Press Ctrl-C to stop everything.
`);
} catch (error) {
  process.stderr.write(`\nthe demo could not start: ${error?.stack ?? error}\n`);
  await stop(1);
}
