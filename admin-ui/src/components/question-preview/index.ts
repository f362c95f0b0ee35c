export { QuestionPreview } from './component';
export type { QuestionPreviewProps } from './types';
