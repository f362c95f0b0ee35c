import { TextControl } from '@wordpress/components';
import { useEffect, useState } from '@wordpress/element';
import { FieldError } from '../field-error';
import type { NumberInputProps } from './types';

/** A number field that keeps "-" or "" while typing and reports `undefined` for an empty box. */
export function NumberInput({ label, value, onChange, help, error, hideLabelFromVision, min, max, step }: NumberInputProps) {
  const [text, setText] = useState(value === undefined || value === null ? '' : String(value));
  useEffect(() => {
    const parsed = text.trim() === '' ? undefined : Number(text);
    if (parsed !== (value ?? undefined)) setText(value === undefined || value === null ? '' : String(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  return (
    <div className="aa-number-input">
      <TextControl
        __nextHasNoMarginBottom
        type="number"
        label={label}
        hideLabelFromVision={hideLabelFromVision}
        help={help}
        value={text}
        min={min}
        max={max}
        step={step}
        aria-invalid={error ? true : undefined}
        onChange={(next: string) => {
          setText(next);
          if (next.trim() === '') onChange(undefined);
          else if (Number.isFinite(Number(next))) onChange(Number(next));
        }}
      />
      <FieldError message={error} />
    </div>
  );
}
