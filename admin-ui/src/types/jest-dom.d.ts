// Testing Library matchers (toBeInTheDocument …) for the admin tests; the runtime setup is tests/support/jest-dom-setup.js.
/// <reference types="@testing-library/jest-dom" />
