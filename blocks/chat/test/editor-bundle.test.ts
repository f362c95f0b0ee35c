import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { render, screen } from '@testing-library/react';
import * as element from '@wordpress/element';

/**
 * The built editor script as WordPress runs it: an IIFE that finds every @wordpress package on
 * the wp.* globals its index.asset.php lists. Stand-ins replace the heavy editor packages; the
 * real wp.element (React) renders the block's Edit component.
 */
const root = path.resolve(__dirname, '../../..');
let out: string;

beforeAll(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'aa-blocks-'));
  execFileSync(process.execPath, [path.join(root, 'scripts/build-blocks.mjs'), '--out', path.join(out, 'chat')]);
}, 60_000);

afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

const simple =
  (tag: string) =>
  ({ children, label }: { children?: unknown; label?: string }) =>
    element.createElement(tag, { 'data-label': label }, label, children as never);

function loadEditorScript() {
  const registerBlockType = jest.fn();
  const wp = {
    element,
    blocks: { registerBlockType },
    blockEditor: { useBlockProps: (props: object) => props, InspectorControls: simple('aside') },
    components: {
      PanelBody: simple('section'),
      SelectControl: simple('div'),
      TextControl: simple('div'),
      TextareaControl: simple('div'),
      Placeholder: simple('div'),
      Notice: simple('div'),
      Spinner: simple('span'),
      Button: simple('button'),
    },
    i18n: { __: (text: string) => text, sprintf: (format: string, ...values: string[]) => values.reduce((text, value) => text.replace('%s', value), format) },
    apiFetch: jest.fn().mockResolvedValue({ agents: [] }),
  };
  Object.assign(window, { wp });
  new Function(fs.readFileSync(path.join(out, 'chat/index.js'), 'utf8'))();
  return { registerBlockType };
}

test('index.asset.php lists exactly the wp.* scripts the editor bundle uses', () => {
  const asset = fs.readFileSync(path.join(out, 'chat/index.asset.php'), 'utf8');
  expect(asset).toContain("array('wp-api-fetch', 'wp-block-editor', 'wp-blocks', 'wp-components', 'wp-element', 'wp-i18n')");
  const launcherAsset = fs.readFileSync(path.join(out, 'chat/launcher.asset.php'), 'utf8');
  expect(launcherAsset).toContain("'dependencies' => array()");
});

test('the built block.json points at files that exist in the build', () => {
  const metadata = JSON.parse(fs.readFileSync(path.join(out, 'chat/block.json'), 'utf8'));
  for (const key of ['editorScript', 'editorStyle', 'style', 'viewScript', 'render']) {
    expect(fs.existsSync(path.join(out, 'chat', metadata[key].replace('file:./', '')))).toBe(true);
  }
});

test('the built editor script registers the block from block.json and renders its preview with wp.element', async () => {
  const { registerBlockType } = loadEditorScript();
  expect(registerBlockType).toHaveBeenCalledTimes(1);
  const [metadata, settings] = registerBlockType.mock.calls[0];
  expect(metadata).toMatchObject({ name: 'affiliate-agent/chat', apiVersion: 3 });
  expect(settings.save()).toBeNull();

  render(
    element.createElement(settings.edit, {
      attributes: { agentId: 'agt_1', displayMode: 'inline', position: 'bottom-right', title: '', greeting: 'Welcome, partner!', placeholder: '' },
      setAttributes: jest.fn(),
    }),
  );
  expect(screen.getByText('Welcome, partner!')).toBeInTheDocument();
  // The agent picker in the sidebar settles after its (stubbed) request.
  expect((await screen.findAllByText(/No agents yet/))[0]).toBeInTheDocument();
  // The preview is a picture of the widget, hidden from assistive technology (it cannot be used).
  expect(screen.getByText('Affiliate program assistant').closest('[aria-hidden="true"]')).not.toBeNull();
});
