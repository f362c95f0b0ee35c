// The build compiles JSX to createElement from @wordpress/element (wp.element), so the bundle
// does not need the `react-jsx-runtime` script that WordPress only registers from 6.6 on.
export { createElement, Fragment } from '@wordpress/element';
