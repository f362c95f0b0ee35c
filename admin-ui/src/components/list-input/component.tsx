import { TextControl, TextareaControl } from '@wordpress/components';
import { useEffect, useState } from '@wordpress/element';
import { FieldError } from '../field-error';
import type { ListInputProps } from './types';

const split = (text: string, separator: 'comma' | 'line') =>
  text
    .split(separator === 'comma' ? ',' : /\r?\n/)
    .map((item) => item.trim())
    .filter(Boolean);

const join = (values: string[], separator: 'comma' | 'line') => values.join(separator === 'comma' ? ', ' : '\n');

/**
 * A list edited as text. The text is kept locally while typing, so a trailing comma does not
 * vanish under the cursor; the parsed list goes up on every change.
 */
export function ListInput({ label, values, onChange, help, separator = 'comma', error, hideLabelFromVision, placeholder }: ListInputProps) {
  const [text, setText] = useState(() => join(values, separator));
  useEffect(() => {
    if (join(split(text, separator), separator) !== join(values, separator)) setText(join(values, separator));
    // Only an outside change (a restore, a template) resets the text.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [values.join('\u0000')]);
  const update = (next: string) => {
    setText(next);
    onChange(split(next, separator));
  };
  const Control = separator === 'comma' ? TextControl : TextareaControl;
  return (
    <div className="aa-list-input">
      <Control
        __nextHasNoMarginBottom
        label={label}
        hideLabelFromVision={hideLabelFromVision}
        help={help}
        value={text}
        placeholder={placeholder}
        onChange={update}
        aria-invalid={error ? true : undefined}
      />
      <FieldError message={error} />
    </div>
  );
}
