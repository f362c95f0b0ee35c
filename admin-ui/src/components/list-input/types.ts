export interface ListInputProps {
  label: string;
  values: string[];
  onChange: (values: string[]) => void;
  help?: string;
  /** Comma-separated (one line) or one item per line (a textarea). */
  separator?: 'comma' | 'line';
  error?: string;
  hideLabelFromVision?: boolean;
  placeholder?: string;
}
