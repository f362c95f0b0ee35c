import { render, screen, within } from '@testing-library/react';
import userEventLibrary from '@testing-library/user-event';
import { useState } from '@wordpress/element';
import { FieldEditor } from '..';
import type { ActionField } from '../../../lib/service-types';
import { parseIssuePath } from '../../../lib/field-issues';

const userEvent = userEventLibrary.setup({ delay: null });

const startingFields: ActionField[] = [
  { key: 'name', label: 'Name', type: 'text', required: true, question: 'What is your name?', validation: {} },
  { key: 'email', label: 'Email', type: 'email', required: true, question: 'What is your email?', validation: {} },
];

function Harness({ onChange, issues = [] }: { onChange: (fields: ActionField[]) => void; issues?: Array<{ path: string; message: string }> }) {
  const [fields, setFields] = useState(startingFields);
  return (
    <FieldEditor
      fields={fields}
      issues={issues.map((issue) => ({ path: parseIssuePath(issue.path), message: issue.message }))}
      onChange={(next) => {
        setFields(next);
        onChange(next);
      }}
    />
  );
}

const last = <T,>(mock: jest.Mock<void, [T]>): T => mock.mock.calls[mock.mock.calls.length - 1][0];

describe('the field editor', () => {
  it('adds a field whose key follows the label the owner types', async () => {
    const onChange = jest.fn();
    render(<Harness onChange={onChange} />);
    await userEvent.click(screen.getByRole('button', { name: 'Add field' }));
    const third = screen.getByRole('group', { name: /Field 3/ });
    await userEvent.type(within(third).getByRole('textbox', { name: 'Label' }), 'Audience size');
    await userEvent.selectOptions(within(third).getByRole('combobox', { name: 'Type' }), 'number');
    await userEvent.type(within(third).getByRole('textbox', { name: 'Question the agent asks' }), 'How many followers do you have?');
    const fields = last<ActionField[]>(onChange);
    expect(fields).toHaveLength(3);
    expect(fields[2]).toMatchObject({ key: 'audience_size', label: 'Audience size', type: 'number', required: true, question: 'How many followers do you have?' });
    expect(within(screen.getByRole('group', { name: /Field 3/ })).getByRole('spinbutton', { name: 'Minimum' })).toBeInTheDocument();
  });

  it('moves a field up and makes it optional', async () => {
    const onChange = jest.fn();
    render(<Harness onChange={onChange} />);
    await userEvent.click(screen.getByRole('button', { name: 'Move Email up' }));
    expect(last<ActionField[]>(onChange).map((field) => field.key)).toEqual(['email', 'name']);
    const first = screen.getByRole('group', { name: /Field 1: Email/ });
    await userEvent.click(within(first).getByRole('checkbox', { name: 'Required' }));
    expect(last<ActionField[]>(onChange)[0].required).toBe(false);
  });

  it('turns a field into a choice with two options to start from', async () => {
    const onChange = jest.fn();
    render(<Harness onChange={onChange} />);
    const first = screen.getByRole('group', { name: /Field 1: Name/ });
    await userEvent.selectOptions(within(first).getByRole('combobox', { name: 'Type' }), 'enum');
    expect(last<ActionField[]>(onChange)[0].options).toHaveLength(2);
    await userEvent.click(within(first).getByRole('button', { name: 'Add option' }));
    expect(last<ActionField[]>(onChange)[0].options).toHaveLength(3);
  });

  it("shows the service's message next to the input it is about", () => {
    render(<Harness onChange={jest.fn()} issues={[{ path: '[1].type', message: 'expected one of text, email, url, number, phone, enum, boolean, consent' }, { path: '[0].question', message: 'a field needs the question the agent asks' }]} />);
    const second = screen.getByRole('group', { name: /Field 2: Email/ });
    expect(within(second).getByRole('alert')).toHaveTextContent('expected one of text, email');
    expect(within(screen.getByRole('group', { name: /Field 1: Name/ })).getByRole('alert')).toHaveTextContent('a field needs the question the agent asks');
  });
});
