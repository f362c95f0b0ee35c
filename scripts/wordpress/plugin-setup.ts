import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PLUGIN_SLUG, PLUGIN_ZIP, REPO_ROOT } from './paths';
import type { ServiceProcess } from './service-process';
import type { WordPressSite } from './wordpress-site';

export const PLUGIN_FILE = `${PLUGIN_SLUG}/${PLUGIN_SLUG}.php`;

/** Option names of plugin/includes/Settings/class-settings.php (Settings::OPTION_*). */
export const PLUGIN_OPTIONS = {
  serviceUrl: 'affiliate_agent_service_url',
  publicServiceUrl: 'affiliate_agent_public_service_url',
  sharedSecret: 'affiliate_agent_shared_secret',
} as const;

/** The plugin's "Affiliate manager" role (plugin/includes/Roles/class-capabilities.php, Capabilities::MANAGER_ROLE). */
export const AFFILIATE_MANAGER_ROLE = 'aa_affiliate_manager';

const quote = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** Newest modification time under the folders that go into the zip. */
function newestSourceTime(): number {
  let newest = 0;
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name === 'node_modules' || entry.name === 'test' || entry.name === 'tests' || entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  for (const folder of ['plugin', 'blocks', path.join('admin-ui', 'src'), 'languages']) walk(path.join(REPO_ROOT, folder));
  return newest;
}

/**
 * The installable zip that `npm run build:zip` makes (what a store owner uploads), so the demo and
 * the tests exercise the real artefact. Rebuilt when missing or older than its sources. Test
 * suites run in parallel workers: a lock directory makes the others wait for one build.
 * AA_PLUGIN_ZIP=<file> skips all of this and uses that zip.
 */
export async function ensurePluginZip(options: { rebuild?: boolean; quiet?: boolean } = {}): Promise<string> {
  // A zip made elsewhere (a release candidate, CI's own build step) is used exactly as given.
  const given = process.env.AA_PLUGIN_ZIP;
  if (given) {
    if (!fs.existsSync(given)) throw new Error(`AA_PLUGIN_ZIP=${given} does not exist`);
    return path.resolve(given);
  }
  const isFresh = () => fs.existsSync(PLUGIN_ZIP) && fs.statSync(PLUGIN_ZIP).mtimeMs >= newestSourceTime();
  if (!options.rebuild && isFresh()) return PLUGIN_ZIP;
  const lock = path.join(REPO_ROOT, 'dist', '.build-zip.lock');
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 10 * 60 * 1000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // Someone else is building; a lock older than ten minutes is left over from a crash.
      if (Date.now() - fs.statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 10 * 60 * 1000) fs.rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`waited 10 minutes for another build of ${PLUGIN_ZIP} (lock ${lock})`);
      await new Promise((resolve) => setTimeout(resolve, 500));
      if (!options.rebuild && isFresh()) return PLUGIN_ZIP;
    }
  }
  try {
    if (options.rebuild || !isFresh()) {
      try {
        // The zip packs build/; rebuild the front ends first so it never holds yesterday's bundles.
        for (const script of ['build:blocks', 'build:admin', 'build:zip']) {
          execFileSync('npm', ['run', '--silent', script], { cwd: REPO_ROOT, stdio: options.quiet ? 'pipe' : 'inherit', maxBuffer: 64 * 1024 * 1024 });
        }
      } catch (error) {
        const failure = error as { stdout?: Buffer; stderr?: Buffer; message: string };
        throw new Error(`building the plugin zip failed: ${failure.message}\n${failure.stdout?.toString().slice(-3000) ?? ''}\n${failure.stderr?.toString().slice(-3000) ?? ''}`);
      }
      if (!fs.existsSync(PLUGIN_ZIP)) throw new Error(`npm run build:zip finished but ${PLUGIN_ZIP} does not exist`);
    }
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
  return PLUGIN_ZIP;
}

/** Unpacks the zip into wp-content/plugins, as WordPress's upload installer does. */
export function unpackPluginZip(site: WordPressSite, zip = PLUGIN_ZIP): void {
  const plugins = path.join(site.siteDir, 'wp-content', 'plugins');
  const listing = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).split('\n').filter(Boolean);
  if (!listing.includes(PLUGIN_FILE)) {
    throw new Error(`${zip} must hold ${PLUGIN_FILE} (a top-level ${PLUGIN_SLUG}/ folder, as WordPress expects); it holds ${listing.slice(0, 5).join(', ')}…`);
  }
  execFileSync('unzip', ['-q', '-o', zip, '-d', plugins]);
}

export async function activatePlugin(site: WordPressSite): Promise<void> {
  await site.php(`
    require_once ABSPATH . 'wp-admin/includes/plugin.php';
    $result = activate_plugin( ${quote(PLUGIN_FILE)} );
    if ( is_wp_error( $result ) ) { fwrite( STDERR, $result->get_error_message() ); exit( 1 ); }`);
}

/** What a store owner does on the settings screen: service URL and shared secret. */
export async function connectPlugin(site: WordPressSite, service: Pick<ServiceProcess, 'url' | 'secret'>): Promise<void> {
  await site.php(`
    update_option( ${quote(PLUGIN_OPTIONS.serviceUrl)}, ${quote(service.url)}, true );
    update_option( ${quote(PLUGIN_OPTIONS.publicServiceUrl)}, '', true );
    update_option( ${quote(PLUGIN_OPTIONS.sharedSecret)}, ${quote(service.secret)}, false );`);
}

/** A published page holding the chat block for `agentId`; returns its id and URL. */
export async function createChatPage(site: WordPressSite, options: { agentId: string; title: string; attributes?: Record<string, unknown> }): Promise<{ id: number; url: string }> {
  const attributes = JSON.stringify({ agentId: options.agentId, ...options.attributes });
  const content = `<!-- wp:paragraph --><p>Earn with us: ask the assistant anything about the program, or apply in a minute.</p><!-- /wp:paragraph -->\n<!-- wp:affiliate-agent/chat ${attributes} /-->`;
  return site.phpJson<{ id: number; url: string }>(`
    $id = wp_insert_post( array( 'post_type' => 'page', 'post_status' => 'publish', 'post_title' => ${quote(options.title)}, 'post_content' => ${quote(content)} ), true );
    if ( is_wp_error( $id ) ) { fwrite( STDERR, $id->get_error_message() ); exit( 1 ); }
    echo wp_json_encode( array( 'id' => $id, 'url' => get_permalink( $id ) ) );`);
}

/** Turns off the block editor's welcome guide (its images live on s.w.org, unreachable offline). */
export async function dismissEditorWelcomeGuide(site: WordPressSite, userId: number): Promise<void> {
  await site.php(`
    update_user_meta( ${userId}, $GLOBALS['wpdb']->get_blog_prefix() . 'persisted_preferences', array( 'core/edit-post' => array( 'welcomeGuide' => false ), 'core' => array( 'editorMode' => 'visual' ), '_modified' => gmdate( 'c' ) ) );`);
}
