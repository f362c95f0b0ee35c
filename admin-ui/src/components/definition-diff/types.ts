export interface DefinitionDiffProps {
  before: unknown;
  after: unknown;
  beforeLabel: string;
  afterLabel: string;
}

export interface DiffLine {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: string;
  after?: string;
}
