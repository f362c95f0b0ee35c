/**
 * The JSX runtime of the block's editor code, chosen per file with `@jsxImportSource`.
 * It turns JSX into wp.element.createElement calls, because the `react-jsx-runtime` script
 * WordPress registers only exists from 6.6 on and the block supports 6.5. It also gives
 * TypeScript a JSX namespace, since the repository has no React type declarations.
 */
import { createElement, Fragment } from '@wordpress/element';

type Props = Record<string, unknown> & { children?: unknown };

function build(type: unknown, props: Props, key?: unknown) {
  const { children, ...rest } = props ?? {};
  if (key !== undefined) rest.key = key;
  const list = children === undefined ? [] : Array.isArray(children) ? children : [children];
  return (createElement as (...args: unknown[]) => unknown)(type, rest, ...list);
}

export const jsx = build;
export const jsxs = build;
export const jsxDEV = build;
export { Fragment };

// eslint-disable-next-line @typescript-eslint/no-namespace
export namespace JSX {
  export type Element = any;
  export interface IntrinsicElements {
    [name: string]: Record<string, unknown>;
  }
  export interface ElementChildrenAttribute {
    children: unknown;
  }
}
