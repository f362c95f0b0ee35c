/*
 * @types/react is not installed in this repository (and dependencies are frozen), so the type checker
 * gets this small, honest subset: the hooks and element types the admin app uses, and a JSX namespace.
 * Props of @wordpress/components are therefore checked loosely; our own components stay strict.
 * If the blocks also need React types, share this file rather than declaring a second JSX namespace.
 */
declare module 'react' {
  export type ReactNode = ReactElement | string | number | boolean | null | undefined | Iterable<ReactNode>;
  export interface ReactElement {
    type: unknown;
    props: unknown;
    key: string | null;
  }
  export type ComponentType<P = Record<string, unknown>> = (props: P) => ReactNode;
  export type Dispatch<A> = (value: A) => void;
  export type SetStateAction<S> = S | ((previous: S) => S);
  export interface MutableRefObject<T> {
    current: T;
  }
  export interface RefObject<T> {
    readonly current: T | null;
  }
  export function useState<S>(initial: S | (() => S)): [S, Dispatch<SetStateAction<S>>];
  export function useState<S = undefined>(): [S | undefined, Dispatch<SetStateAction<S | undefined>>];
  export function useEffect(effect: () => void | (() => void), dependencies?: readonly unknown[]): void;
  export function useLayoutEffect(effect: () => void | (() => void), dependencies?: readonly unknown[]): void;
  export function useCallback<T extends (...args: never[]) => unknown>(callback: T, dependencies: readonly unknown[]): T;
  export function useMemo<T>(factory: () => T, dependencies: readonly unknown[]): T;
  export function useRef<T>(initial: T): MutableRefObject<T>;
  export function useRef<T>(initial: T | null): RefObject<T>;
  export function useReducer<S, A>(reducer: (state: S, action: A) => S, initial: S): [S, Dispatch<A>];
  export function useId(): string;
  export function createElement(type: unknown, props?: unknown, ...children: ReactNode[]): ReactElement;
  export const Fragment: unique symbol;
  export function forwardRef<T, P>(render: (props: P, ref: unknown) => ReactNode): ComponentType<P>;
  export function createContext<T>(value: T): unknown;
  export function useContext<T>(context: unknown): T;
  export function memo<P>(component: ComponentType<P>): ComponentType<P>;
  export function isValidElement(value: unknown): value is ReactElement;
  export function cloneElement(element: ReactElement, props?: unknown, ...children: ReactNode[]): ReactElement;
  export function createRef<T>(): RefObject<T>;
  export function useSyncExternalStore<T>(subscribe: (listener: () => void) => () => void, getSnapshot: () => T): T;
  export function useTransition(): [boolean, (callback: () => void) => void];
  export function startTransition(callback: () => void): void;
  export function useDeferredValue<T>(value: T): T;
  export function useImperativeHandle(ref: unknown, create: () => unknown, dependencies?: readonly unknown[]): void;
  export function useInsertionEffect(effect: () => void | (() => void), dependencies?: readonly unknown[]): void;
  export function useDebugValue(value: unknown): void;
  export function lazy<P>(factory: () => Promise<{ default: ComponentType<P> }>): ComponentType<P>;
  export const Suspense: ComponentType<{ fallback?: ReactNode; children?: ReactNode }>;
  export const StrictMode: ComponentType<{ children?: ReactNode }>;
  export const Children: { map: (children: ReactNode, fn: (child: ReactNode, index: number) => ReactNode) => ReactNode[]; toArray: (children: ReactNode) => ReactNode[] };
  export class Component<P = unknown, S = unknown> {
    constructor(props: P);
    props: P;
    state: S;
    setState(state: Partial<S>): void;
  }
  export class PureComponent<P = unknown, S = unknown> extends Component<P, S> {}
}

declare module 'react/jsx-runtime' {
  export namespace JSX {
    type Element = import('react').ReactElement;
    // Function components may return any node (strings, null, undefined), as React 18 allows.
    type ElementType = string | ((props: never) => unknown) | (abstract new (props: never) => unknown);
    interface ElementClass {
      props: unknown;
    }
    interface ElementAttributesProperty {
      props: unknown;
    }
    interface ElementChildrenAttribute {
      children: unknown;
    }
    interface IntrinsicAttributes {
      key?: string | number | null;
    }
    interface IntrinsicElements {
      [elementName: string]: Record<string, unknown>;
    }
  }
  export const jsx: unknown;
  export const jsxs: unknown;
  export const Fragment: unknown;
}
