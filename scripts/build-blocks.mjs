#!/usr/bin/env node
/**
 * Builds the chat block into build/blocks/chat/ — the folder the plugin registers with
 * register_block_type(). Three bundles, each with its own budget and audience:
 *   index.js    the editor script: @wordpress/* stay external (wp.* globals) and are listed in
 *               index.asset.php, as wp-scripts would do;
 *   launcher.js the tiny front-end script loaded with the page (block "viewScript");
 *   widget.js   the full chat widget, loaded by the launcher at first interaction, CSS inlined.
 * plus style-index.css (front end + editor), index.css (editor), block.json and render.php.
 *
 * Usage: node scripts/build-blocks.mjs [--out <dir>]
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import * as sass from 'sass';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(root, 'blocks/chat');
const outFlag = process.argv.indexOf('--out');
const out = path.resolve(outFlag > -1 ? process.argv[outFlag + 1] : path.join(root, 'build/blocks/chat'));

const camel = (name) => name.replace(/-([a-z])/g, (_, letter) => letter.toUpperCase());

/** `@wordpress/block-editor` → `window.wp.blockEditor`, recording the `wp-block-editor` script handle. */
function wordpressGlobals(dependencies) {
  return {
    name: 'wordpress-globals',
    setup(build) {
      build.onResolve({ filter: /^@wordpress\/[a-z0-9-]+$/ }, (args) => ({ path: args.path, namespace: 'wp-global' }));
      build.onLoad({ filter: /.*/, namespace: 'wp-global' }, (args) => {
        const name = args.path.slice('@wordpress/'.length);
        dependencies.add(`wp-${name}`);
        return { contents: `module.exports = window.wp.${camel(name)};`, loader: 'js' };
      });
    },
  };
}

/** The widget imports its stylesheet as a compiled, minified string; the editor bundle ignores stylesheets (built separately). */
function scss({ inline }) {
  return {
    name: 'scss',
    setup(build) {
      build.onLoad({ filter: /\.scss$/ }, (args) =>
        inline ? { contents: compileScss(args.path), loader: 'text' } : { contents: '', loader: 'js' },
      );
    },
  };
}

function compileScss(file) {
  return sass.compile(file, { style: 'compressed' }).css;
}

const versionOf = (text) => createHash('sha256').update(text).digest('hex').slice(0, 20);

function assetPhp(dependencies, text) {
  const list = [...dependencies].sort().map((handle) => `'${handle}'`).join(', ');
  return `<?php return array('dependencies' => array(${list}), 'version' => '${versionOf(text)}');\n`;
}

const common = { bundle: true, minify: true, write: false, legalComments: 'none', logLevel: 'warning', charset: 'utf8' };

export async function buildBlocks(outDir = out) {
  // Written next to the target and swapped in at the end, so a server serving the old build
  // (the preview page) never sees a half-written folder.
  const staging = `${outDir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const write = (name, text) => writeFileSync(path.join(staging, name), text);

  const editorDependencies = new Set();
  const [editor, launcher, widget] = await Promise.all([
    esbuild.build({
      ...common,
      entryPoints: [path.join(source, 'index.ts')],
      format: 'iife',
      target: ['es2020'],
      jsx: 'automatic',
      plugins: [wordpressGlobals(editorDependencies), scss({ inline: false })],
    }),
    esbuild.build({ ...common, entryPoints: [path.join(source, 'launcher.ts')], format: 'iife', target: ['es2020'] }),
    esbuild.build({ ...common, entryPoints: [path.join(source, 'widget/index.ts')], format: 'iife', target: ['es2020'], plugins: [scss({ inline: true })] }),
  ]);

  const editorJs = editor.outputFiles[0].text;
  write('index.js', editorJs);
  write('index.asset.php', assetPhp(editorDependencies, editorJs));
  write('launcher.js', launcher.outputFiles[0].text);
  // The launcher must not depend on anything: WordPress would otherwise load those scripts on every page.
  write('launcher.asset.php', assetPhp([], launcher.outputFiles[0].text));
  write('widget.js', widget.outputFiles[0].text);
  write('style-index.css', compileScss(path.join(source, 'style.scss')));
  write('index.css', compileScss(path.join(source, 'editor.scss')));
  copyFileSync(path.join(source, 'render.php'), path.join(staging, 'render.php'));
  // The file: paths in block.json are relative to itself, so the same block.json works from build/.
  const metadata = JSON.parse(readFileSync(path.join(source, 'block.json'), 'utf8'));
  write('block.json', `${JSON.stringify(metadata, null, '\t')}\n`);
  rmSync(outDir, { recursive: true, force: true });
  renameSync(staging, outDir);
  return outDir;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildBlocks()
    .then((dir) => process.stdout.write(`Built the chat block into ${path.relative(process.cwd(), dir) || dir}\n`))
    .catch((error) => {
      process.stderr.write(`${error.stack ?? error}\n`);
      process.exit(1);
    });
}
