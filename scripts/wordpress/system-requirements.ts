import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * What the local WordPress needs from the operating system, and the Debian package that provides
 * each piece. The same list is in .ci/apt-packages.txt, which CI installs.
 */
const PHP_EXTENSIONS: Array<{ extension: string; aptPackage: string }> = [
  { extension: 'pdo_sqlite', aptPackage: 'php-sqlite3' },
  { extension: 'sqlite3', aptPackage: 'php-sqlite3' },
  { extension: 'dom', aptPackage: 'php-xml' },
  { extension: 'mbstring', aptPackage: 'php-mbstring' },
  { extension: 'curl', aptPackage: 'php-curl' },
  { extension: 'gd', aptPackage: 'php-gd' },
  { extension: 'intl', aptPackage: 'php-intl' },
  { extension: 'zip', aptPackage: 'php-zip' },
];

export class MissingSystemPackagesError extends Error {
  constructor(readonly aptPackages: string[], readonly what: string[]) {
    super(
      `Missing on this machine: ${what.join(', ')}.\n` +
        `Install them (Debian/Ubuntu) with:\n\n    sudo apt-get install -y --no-install-recommends ${aptPackages.join(' ')}\n`,
    );
    this.name = new.target.name;
  }
}

function commandExists(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Throws MissingSystemPackagesError naming every missing apt package at once. */
export function assertSystemRequirements(options: { browser?: boolean } = {}): void {
  const packages = new Set<string>();
  const what: string[] = [];
  if (!commandExists('php')) {
    packages.add('php-cli');
    what.push('php (command line)');
    for (const { aptPackage } of PHP_EXTENSIONS) packages.add(aptPackage);
  } else {
    const loaded = execFileSync('php', ['-m'], { encoding: 'utf8' }).toLowerCase().split(/\s+/);
    for (const { extension, aptPackage } of PHP_EXTENSIONS) {
      if (!loaded.includes(extension)) {
        packages.add(aptPackage);
        what.push(`PHP extension ${extension}`);
      }
    }
  }
  if (!commandExists('unzip')) {
    packages.add('unzip');
    what.push('unzip');
  }
  if (options.browser && !fs.existsSync(CHROMIUM_PATH)) {
    packages.add('chromium');
    packages.add('fonts-dejavu-core');
    what.push(`Chromium at ${CHROMIUM_PATH}`);
  }
  if (packages.size > 0) throw new MissingSystemPackagesError([...packages], what);
}

export const CHROMIUM_PATH = process.env.AA_CHROMIUM_PATH || '/usr/bin/chromium';
