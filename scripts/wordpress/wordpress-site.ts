import { execFile, execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { MU_PLUGINS_DIR } from './paths';
import { spawnInGroup, waitFor, type GroupProcess } from './process-group';
import { ensureWordPressSource, SQLITE_PLUGIN_FOLDER } from './wordpress-source';

const execFileAsync = promisify(execFile);

export interface WordPressSiteOptions {
  /** Directory that holds the site, its database and its logs; the caller removes it. */
  runDir: string;
  port: number;
  title?: string;
  adminLogin?: string;
  adminPassword?: string;
  adminEmail?: string;
  /** Extra must-use plugins (absolute paths of single PHP files). The offline-HTTP, local-service and mail-capture ones are always installed. */
  muPlugins?: string[];
  /** Files to place under wp-content/ (target path relative to wp-content → source file), e.g. drop-ins. */
  wpContentFiles?: Record<string, string>;
  /** Extra `define()` lines for wp-config.php. */
  defines?: Record<string, string | number | boolean>;
}

export interface WordPressSite {
  url: string;
  siteDir: string;
  adminLogin: string;
  adminPassword: string;
  /** PHP error log (WP_DEBUG_LOG) and the built-in server's own log. */
  debugLog: string;
  serverLog: string;
  mailLog: string;
  /** Runs PHP with WordPress loaded (`$code` runs after wp-load.php) and returns its stdout. */
  php(code: string): Promise<string>;
  /** Same as php() but for code that prints JSON. */
  phpJson<T = unknown>(code: string): Promise<T>;
  createUser(user: { login: string; password: string; email: string; role: string }): Promise<number>;
  stop(): Promise<void>;
}

const phpString = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const phpValue = (value: string | number | boolean): string =>
  typeof value === 'string' ? phpString(value) : typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value);

/**
 * A fresh WordPress 6.5 on the SQLite drop-in, served by `php -S` with four workers.
 * Boot is a hard-linked copy of the cached tree (tens of milliseconds), an install through
 * wp_install() (no wp-cli offline), and the built-in server in its own process group.
 */
export async function createWordPressSite(options: WordPressSiteOptions): Promise<WordPressSite> {
  const source = ensureWordPressSource();
  const url = `http://127.0.0.1:${options.port}`;
  const siteDir = path.join(options.runDir, 'site');
  const logDir = path.join(options.runDir, 'logs');
  fs.mkdirSync(logDir, { recursive: true });
  const debugLog = path.join(logDir, 'php-errors.log');
  const serverLog = path.join(logDir, 'php-server.log');
  const mailLog = path.join(logDir, 'mail.jsonl');
  const adminLogin = options.adminLogin ?? 'admin';
  const adminPassword = options.adminPassword ?? 'password';

  // Hard links: ~50 ms instead of seconds for 70 MB. WordPress only ever creates new files here
  // (uploads, plugin installs), so the cached tree is never written through a link.
  try {
    execFileSync('cp', ['-al', source, siteDir]);
  } catch {
    fs.cpSync(source, siteDir, { recursive: true });
  }
  const sqliteFolder = path.join(siteDir, 'wp-content', 'plugins', SQLITE_PLUGIN_FOLDER);
  fs.writeFileSync(
    path.join(siteDir, 'wp-content', 'db.php'),
    fs
      .readFileSync(path.join(sqliteFolder, 'db.copy'), 'utf8')
      .replace(/\{SQLITE_IMPLEMENTATION_FOLDER_PATH\}/g, sqliteFolder)
      .replace(/\{SQLITE_PLUGIN\}/g, `${SQLITE_PLUGIN_FOLDER}/load.php`),
  );
  const muDir = path.join(siteDir, 'wp-content', 'mu-plugins');
  fs.mkdirSync(muDir, { recursive: true });
  const standard = ['aa-offline-http.php', 'aa-local-service-access.php', 'aa-mail-capture.php'].map((name) => path.join(MU_PLUGINS_DIR, name));
  for (const file of [...standard, ...(options.muPlugins ?? [])]) {
    fs.copyFileSync(file, path.join(muDir, path.basename(file)));
  }
  for (const [target, sourceFile] of Object.entries(options.wpContentFiles ?? {})) {
    const destination = path.join(siteDir, 'wp-content', target);
    fs.mkdirSync(path.dirname(destination), { recursive: true });
    fs.rmSync(destination, { force: true }); // never write through a hard link into the cached tree
    fs.copyFileSync(sourceFile, destination);
  }

  const defines: Record<string, string | number | boolean> = {
    DB_NAME: 'wordpress',
    DB_USER: '',
    DB_PASSWORD: '',
    DB_HOST: '',
    DB_DIR: path.join(siteDir, 'wp-content', 'database') + '/',
    DB_FILE: '.ht.sqlite',
    DB_CHARSET: 'utf8mb4',
    DB_COLLATE: '',
    WP_HOME: url,
    WP_SITEURL: url,
    // Application passwords and other "local only" conveniences over plain http.
    WP_ENVIRONMENT_TYPE: 'local',
    // No internet: without these wp-admin waits on update checks and feeds.
    WP_HTTP_BLOCK_EXTERNAL: true,
    WP_ACCESSIBLE_HOSTS: '127.0.0.1,localhost',
    AUTOMATIC_UPDATER_DISABLED: true,
    DISABLE_WP_CRON: true,
    // Plugin upload writes straight to disk instead of asking for FTP credentials.
    FS_METHOD: 'direct',
    WP_DEBUG: true,
    WP_DEBUG_DISPLAY: false,
    WP_DEBUG_LOG: debugLog,
    AA_MAIL_LOG: mailLog,
    ...options.defines,
  };
  for (const key of ['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT']) {
    defines[key] = crypto.randomBytes(24).toString('base64');
  }
  fs.rmSync(path.join(siteDir, 'wp-config.php'), { force: true });
  fs.writeFileSync(
    path.join(siteDir, 'wp-config.php'),
    [
      '<?php',
      ...Object.entries(defines).map(([key, value]) => `define(${phpString(key)}, ${phpValue(value)});`),
      "$table_prefix = 'wp_';",
      "if ( ! defined( 'ABSPATH' ) ) { define( 'ABSPATH', __DIR__ . '/' ); }",
      "require_once ABSPATH . 'wp-settings.php';",
      '',
    ].join('\n'),
  );

  const runPhp = async (code: string, beforeLoad = ''): Promise<string> => {
    const script = `$_SERVER['HTTP_HOST'] = ${phpString(`127.0.0.1:${options.port}`)}; ${beforeLoad} require ${phpString(path.join(siteDir, 'wp-load.php'))};\n${code}`;
    try {
      const { stdout } = await execFileAsync('php', ['-d', 'memory_limit=512M', '-d', 'display_errors=stderr', '-r', script], {
        cwd: siteDir,
        maxBuffer: 32 * 1024 * 1024,
      });
      return stdout;
    } catch (error) {
      const failure = error as { stderr?: string; stdout?: string; message: string };
      throw new Error(`PHP failed: ${failure.stderr || failure.stdout || failure.message}\n--- code ---\n${code.slice(0, 2000)}`);
    }
  };
  const php = (code: string): Promise<string> => runPhp(code);
  const phpJson = async <T,>(code: string): Promise<T> => {
    const output = await php(code);
    try {
      return JSON.parse(output) as T;
    } catch {
      throw new Error(`PHP did not print JSON: ${output.slice(0, 2000)}`);
    }
  };

  await runPhp(
    `
    require_once ABSPATH . 'wp-admin/includes/upgrade.php';
    $result = wp_install( ${phpString(options.title ?? 'Affiliate Agent test shop')}, ${phpString(adminLogin)}, ${phpString(options.adminEmail ?? 'admin@shop.test')}, true, '', wp_slash( ${phpString(adminPassword)} ) );
    if ( is_wp_error( $result ) ) { fwrite( STDERR, $result->get_error_message() ); exit( 1 ); }
    update_option( 'permalink_structure', '/%postname%/' );
    flush_rewrite_rules( false );`,
    "define( 'WP_INSTALLING', true );",
  );

  // php -S has no rewrite rules: static files as-is, *.php directly, everything else via index.php.
  const router = path.join(options.runDir, 'router.php');
  fs.writeFileSync(
    router,
    `<?php
$root = ${phpString(siteDir)};
$uri_path = urldecode( parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH ) );
$file = $root . $uri_path;
if ( is_dir( $file ) ) { $file = rtrim( $file, '/' ) . '/index.php'; $uri_path = rtrim( $uri_path, '/' ) . '/index.php'; }
if ( is_file( $file ) && substr( $file, -4 ) !== '.php' ) { return false; }
if ( ! is_file( $file ) ) { $uri_path = '/index.php'; $file = $root . $uri_path; }
$_SERVER['SCRIPT_NAME'] = $_SERVER['PHP_SELF'] = $uri_path;
$_SERVER['SCRIPT_FILENAME'] = $file;
chdir( dirname( $file ) );
require $file;
`,
  );
  const server: GroupProcess = spawnInGroup('php', ['-d', 'memory_limit=512M', '-S', `127.0.0.1:${options.port}`, '-t', siteDir, router], {
    cwd: siteDir,
    env: { ...process.env, PHP_CLI_SERVER_WORKERS: '4' },
    logFile: serverLog,
  });
  await waitFor('php -S to answer', async () => (await fetch(`${url}/wp-login.php`)).status === 200, 30000);

  const createUser: WordPressSite['createUser'] = async (user) => {
    const id = await php(`
      $id = wp_insert_user( array( 'user_login' => ${phpString(user.login)}, 'user_pass' => ${phpString(user.password)}, 'user_email' => ${phpString(user.email)}, 'role' => ${phpString(user.role)}, 'display_name' => ${phpString(user.login)} ) );
      if ( is_wp_error( $id ) ) { fwrite( STDERR, $id->get_error_message() ); exit( 1 ); }
      echo $id;`);
    return Number(id.trim());
  };

  return {
    url,
    siteDir,
    adminLogin,
    adminPassword,
    debugLog,
    serverLog,
    mailLog,
    php,
    phpJson,
    createUser,
    stop: () => server.stop(),
  };
}
