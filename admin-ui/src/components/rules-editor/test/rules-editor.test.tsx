import { render, screen, within } from '@testing-library/react';
import userEventLibrary from '@testing-library/user-event';
import { useState } from '@wordpress/element';
import { RulesEditor } from '..';
import type { ActionDefinition, ActionField } from '../../../lib/service-types';
import { parseIssuePath } from '../../../lib/field-issues';

const userEvent = userEventLibrary.setup({ delay: null });

type Qualification = ActionDefinition['qualification'];

const fields: ActionField[] = [
  { key: 'audience_size', label: 'Audience size', type: 'number', required: true, question: 'How big is your audience?', validation: {} },
  {
    key: 'platform',
    label: 'Platform',
    type: 'enum',
    required: true,
    question: 'Where do you promote?',
    validation: {},
    options: [
      { value: 'youtube', label: 'YouTube', synonyms: [] },
      { value: 'blog', label: 'Blog', synonyms: [] },
    ],
  },
];

const template: Qualification = {
  rules: [{ label: 'Audience of 100k or more', field: 'audience_size', operator: 'gte', value: 100000, points: 50, tags: ['influencer'] }],
  thresholds: [{ minScore: 50, route: 'priority', tags: ['top partner'] }],
  defaultRoute: 'standard',
};

function Harness({ onChange, issues = [] }: { onChange: (qualification: Qualification) => void; issues?: Array<{ path: string; message: string }> }) {
  const [qualification, setQualification] = useState(template);
  return (
    <RulesEditor
      qualification={qualification}
      fields={fields}
      issues={issues.map((issue) => ({ path: parseIssuePath(issue.path), message: issue.message }))}
      onChange={(next) => {
        setQualification(next);
        onChange(next);
      }}
    />
  );
}

const last = (mock: jest.Mock): Qualification => mock.mock.calls[mock.mock.calls.length - 1][0];

describe('the qualification rules editor', () => {
  it('offers the trust checks as yes/no rule inputs and lets a rule send the lead to review', async () => {
    const onChange = jest.fn();
    render(<Harness onChange={onChange} />);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Rule 1 field' }), 'trust.disposable_email');
    expect(last(onChange).rules[0]).toEqual({ label: 'Audience of 100k or more', field: 'trust.disposable_email', operator: 'is_true', points: 50, tags: ['influencer'] });
    const operators = within(screen.getByRole('combobox', { name: 'Rule 1 operator' })).getAllByRole('option').map((option) => option.getAttribute('value'));
    expect(operators).toEqual(['is_true', 'is_false']);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Rule 1 route' }), 'review');
    expect(last(onChange).rules[0].route).toBe('review');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Rule 1 route' }), '');
    expect(last(onChange).rules[0]).not.toHaveProperty('route');
  });

  it('changes the points of a rule from the template', async () => {
    const onChange = jest.fn();
    render(<Harness onChange={onChange} />);
    const points = screen.getByRole('spinbutton', { name: 'Rule 1 points' });
    await userEvent.clear(points);
    await userEvent.type(points, '70');
    expect(last(onChange).rules[0]).toMatchObject({ field: 'audience_size', operator: 'gte', value: 100000, points: 70 });
  });

  it("adds a rule that gives points when the platform is one of several, picked from the field's options by label", async () => {
    const onChange = jest.fn();
    render(<Harness onChange={onChange} />);
    await userEvent.click(screen.getByRole('button', { name: 'Add rule' }));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Rule 2 field' }), 'platform');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Rule 2 operator' }), 'in');
    const choices = screen.getByRole('group', { name: 'Rule 2 value' });
    await userEvent.click(within(choices).getByRole('checkbox', { name: 'Blog' }));
    await userEvent.click(within(choices).getByRole('checkbox', { name: 'YouTube' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Rule 2 tags' }), 'creator');
    expect(last(onChange).rules[1]).toEqual({ field: 'platform', operator: 'in', value: ['youtube', 'blog'], points: 10, tags: ['creator'] });
  });

  it("reads 'between' as two numbers and drops the value for 'is answered'", async () => {
    const onChange = jest.fn();
    render(<Harness onChange={onChange} />);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Rule 1 operator' }), 'between');
    const value = screen.getByRole('textbox', { name: 'Rule 1 value' });
    await userEvent.clear(value);
    await userEvent.type(value, '10000, 99999');
    expect(last(onChange).rules[0].value).toEqual([10000, 99999]);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Rule 1 operator' }), 'is_set');
    expect(last(onChange).rules[0]).not.toHaveProperty('value');
    expect(screen.queryByRole('textbox', { name: 'Rule 1 value' })).not.toBeInTheDocument();
  });

  it('adds a threshold above the existing ones and changes the default route', async () => {
    const onChange = jest.fn();
    render(<Harness onChange={onChange} />);
    await userEvent.click(screen.getByRole('button', { name: 'Add threshold' }));
    expect(last(onChange).thresholds[1]).toEqual({ minScore: 60, route: 'priority', tags: [] });
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Threshold 2 route' }), 'review');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Default route (below every threshold)' }), 'reject');
    expect(last(onChange)).toMatchObject({ defaultRoute: 'reject', thresholds: [{ minScore: 50 }, { minScore: 60, route: 'review' }] });
  });

  it("shows the service's message in the row it is about", () => {
    render(<Harness onChange={jest.fn()} issues={[{ path: 'rules[0].value', message: "the operator 'gte' needs a value" }, { path: 'thresholds[0].minScore', message: 'another threshold already starts at 50; each must be different' }]} />);
    const alerts = screen.getAllByRole('alert').map((alert) => alert.textContent);
    expect(alerts).toEqual(["the operator 'gte' needs a value", 'another threshold already starts at 50; each must be different']);
  });
});
