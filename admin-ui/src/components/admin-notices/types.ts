export type AdminNoticesProps = Record<string, never>;
