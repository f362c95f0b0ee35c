#!/usr/bin/env node
/**
 * Builds the wp-admin app: admin-ui/src/index.tsx → build/admin-ui/{index.js, index.css, index.asset.php}.
 *
 * Why esbuild rather than `wp-scripts build`: wp-scripts 35 compiles JSX with the automatic runtime,
 * so its bundles depend on the `react-jsx-runtime` script handle, which WordPress registers only from
 * 6.6 on; our target includes WordPress 6.5, where such a script is silently never enqueued.
 * Here JSX becomes `createElement` from `@wordpress/element`, every `@wordpress/*` import becomes the
 * matching `wp.*` global (as the dependency-extraction plugin does), and index.asset.php lists the
 * script handles actually imported, so the plugin can `wp_register_script()` from it unchanged.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import * as sass from 'sass';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'build/admin-ui');
const watch = process.argv.includes('--watch');

// Packages WordPress does not ship as scripts are bundled (the dependency-extraction plugin's list).
const BUNDLED = new Set(['@wordpress/icons', '@wordpress/dataviews', '@wordpress/interface', '@wordpress/ui']);
const camel = (name) => name.replace(/-([a-z])/g, (_, letter) => letter.toUpperCase());

function wordpressGlobals(handles) {
  return {
    name: 'wordpress-globals',
    setup(build) {
      build.onResolve({ filter: /^(@wordpress\/[^/]+|react|react-dom|react\/jsx-runtime)$/ }, (args) => {
        if (BUNDLED.has(args.path)) return undefined;
        return { path: args.path, namespace: 'wp-global', pluginData: args.importer };
      });
      build.onLoad({ filter: /.*/, namespace: 'wp-global' }, (args) => {
        let global;
        if (args.path === 'react') [global] = [(handles.add('react'), 'window.React')];
        else if (args.path === 'react-dom') [global] = [(handles.add('react-dom'), 'window.ReactDOM')];
        else if (args.path === 'react/jsx-runtime') throw new Error(`react/jsx-runtime must not be imported (from ${args.pluginData ?? 'unknown'}); use createElement from @wordpress/element`);
        else {
          const name = args.path.slice('@wordpress/'.length);
          handles.add(`wp-${name}`);
          global = `window.wp.${camel(name)}`;
        }
        return { contents: `module.exports = ${global};`, loader: 'js' };
      });
    },
  };
}

const scss = {
  name: 'scss',
  setup(build) {
    build.onLoad({ filter: /\.scss$/ }, (args) => ({ contents: sass.compile(args.path, { style: 'compressed' }).css, loader: 'css' }));
  },
};

function writeAssetFile(handles) {
  const js = readFileSync(join(outdir, 'index.js'));
  const css = existsSync(join(outdir, 'index.css')) ? readFileSync(join(outdir, 'index.css')) : Buffer.alloc(0);
  const version = createHash('sha256').update(js).update(css).digest('hex').slice(0, 20);
  const list = [...handles].sort().map((handle) => `'${handle}'`).join(', ');
  writeFileSync(join(outdir, 'index.asset.php'), `<?php return array('dependencies' => array(${list}), 'version' => '${version}');\n`);
  return { js: js.length, css: css.length };
}

async function main() {
  mkdirSync(outdir, { recursive: true });
  const handles = new Set();
  const options = {
    entryPoints: { index: join(root, 'admin-ui/src/index.tsx') },
    outdir,
    bundle: true,
    format: 'iife',
    target: 'es2020',
    minify: !watch,
    sourcemap: watch ? 'inline' : false,
    // The repository tsconfig says react-jsx (for jest and tsc); the bundle must use the classic transform.
    tsconfigRaw: { compilerOptions: { jsx: 'react', jsxFactory: 'createElement', jsxFragmentFactory: 'Fragment' } },
    jsx: 'transform',
    jsxFactory: 'createElement',
    jsxFragment: 'Fragment',
    inject: [join(root, 'admin-ui/src/lib/jsx-element-shim.ts')],
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [wordpressGlobals(handles), scss],
  };
  if (watch) {
    const context = await esbuild.context(options);
    await context.watch();
    console.log('watching admin-ui/src …');
    return;
  }
  await esbuild.build(options);
  const sizes = writeAssetFile(handles);
  console.log(`build/admin-ui/index.js ${sizes.js} bytes, index.css ${sizes.css} bytes; dependencies: ${[...handles].sort().join(', ')}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
