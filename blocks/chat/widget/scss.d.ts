// The build compiles widget.scss and inlines it as a string (see scripts/build-blocks.mjs).
declare module '*.scss' {
  const css: string;
  export default css;
}
