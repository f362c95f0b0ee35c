export interface NumberInputProps {
  label: string;
  value: number | undefined | null;
  onChange: (value: number | undefined) => void;
  help?: string;
  error?: string;
  hideLabelFromVision?: boolean;
  min?: number;
  max?: number;
  step?: number;
}
