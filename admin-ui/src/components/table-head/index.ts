export { TableHead } from "./component";
export type { TableHeadProps } from "./types";
