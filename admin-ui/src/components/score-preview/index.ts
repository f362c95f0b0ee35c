export { ScorePreview } from './component';
export type { ScorePreviewProps } from './types';
