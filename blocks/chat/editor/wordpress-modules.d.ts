// @wordpress/block-editor ships no type declarations; this names only what the block uses.
declare module '@wordpress/block-editor' {
  export function useBlockProps(props?: Record<string, unknown>): Record<string, unknown>;
  export function InspectorControls(props: { children?: unknown }): unknown;
}
