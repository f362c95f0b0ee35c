import { Button, Card, CardBody, CardHeader, CheckboxControl, Notice, Spinner, ToggleControl } from '@wordpress/components';
import { useEffect, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { FieldError } from '../../components/field-error';
import { NumberInput } from '../../components/number-input';
import { issueAt } from '../../lib/field-issues';
import { useRequest } from '../../lib/use-request';
import { useSave } from '../../lib/use-save';
import { getAutoApproval, saveAutoApproval } from './api';
import type { AutoApprovalPolicy } from './types';

/**
 * The owner's auto-approval policy (issue 16, docs/auto-approval.md): which new leads the service
 * approves without waiting for a manager, how many a day, how long an approval can be undone, and
 * the daily digest. The service checks every value again and names the field it refuses.
 */
export function AutoApprovalCard() {
  const { data, setData, isLoading, error } = useRequest(getAutoApproval, []);
  const [draft, setDraft] = useState<Partial<AutoApprovalPolicy> | null>(null);
  const { save: run, isSaving, issues } = useSave();
  useEffect(() => {
    if (data) setDraft(data.policy);
  }, [data]);
  const change = (patch: Partial<AutoApprovalPolicy>) => setDraft((current) => ({ ...current, ...patch }));
  const platforms = draft?.allowedPlatforms ?? [];
  const togglePlatform = (value: string, checked: boolean) => change({ allowedPlatforms: checked ? [...platforms, value] : platforms.filter((platform) => platform !== value) });

  const save = () => run(() => saveAutoApproval(draft ?? {}), { onSaved: setData, success: __('Auto-approval policy saved.', 'affiliate-agent') });

  return (
    <Card className="aa-card aa-auto-approval">
      <CardHeader>
        <h3>{__('Auto-approval', 'affiliate-agent')}</h3>
      </CardHeader>
      <CardBody>
        {isLoading && !data ? <Spinner /> : null}
        {error ? <Notice status="error" isDismissible={false}>{error.message}</Notice> : null}
        {draft ? (
          <>
            <p className="aa-muted">
              {__('New applicants who meet every rule below are approved at once, as a manager’s approval would: the affiliate is activated and the welcome email goes out. Each auto-approval can be undone from the lead page within the undo window. Approvals act for the manager who last saved this policy.', 'affiliate-agent')}
            </p>
            <ToggleControl __nextHasNoMarginBottom label={__('Approve qualifying applicants automatically', 'affiliate-agent')} checked={Boolean(draft.enabled)} onChange={(enabled: boolean) => change({ enabled })} />
            <FieldError message={issueAt(issues, 'enabled')} />
            <NumberInput label={__('Minimum score', 'affiliate-agent')} value={draft.minScore} min={0} max={1000} step={1} onChange={(minScore) => change({ minScore })} error={issueAt(issues, 'minScore')} />
            <CheckboxControl __nextHasNoMarginBottom label={__('Require a verified email', 'affiliate-agent')} checked={Boolean(draft.requireVerifiedEmail)} onChange={(requireVerifiedEmail: boolean) => change({ requireVerifiedEmail })} />
            <FieldError message={issueAt(issues, 'requireVerifiedEmail')} />
            <CheckboxControl __nextHasNoMarginBottom label={__('Require that no trust check fired', 'affiliate-agent')} checked={Boolean(draft.requireNoTrustFlag)} onChange={(requireNoTrustFlag: boolean) => change({ requireNoTrustFlag })} />
            <FieldError message={issueAt(issues, 'requireNoTrustFlag')} />
            <fieldset className="aa-auto-approval__platforms">
              <legend>{__('Allowed platforms (none ticked: any platform)', 'affiliate-agent')}</legend>
              {(data?.platformOptions ?? []).map((option) => (
                <CheckboxControl key={option.value} __nextHasNoMarginBottom label={option.label} checked={platforms.includes(option.value)} onChange={(checked: boolean) => togglePlatform(option.value, checked)} />
              ))}
              <FieldError message={issueAt(issues, 'allowedPlatforms')} />
            </fieldset>
            <NumberInput label={__('Daily cap (auto-approvals per UTC day)', 'affiliate-agent')} value={draft.dailyCap} min={1} max={1000} step={1} onChange={(dailyCap) => change({ dailyCap })} error={issueAt(issues, 'dailyCap')} />
            <NumberInput label={__('Undo window (hours)', 'affiliate-agent')} value={draft.undoWindowHours} min={1} max={720} step={1} onChange={(undoWindowHours) => change({ undoWindowHours })} error={issueAt(issues, 'undoWindowHours')} />
            <ToggleControl
              __nextHasNoMarginBottom
              label={__('Send the managers a daily digest', 'affiliate-agent')}
              help={__('Once a day: yesterday’s auto-approvals with links to undo them, and the leads waiting for review. Not sent on a day with nothing to report.', 'affiliate-agent')}
              checked={Boolean(draft.dailyDigest)}
              onChange={(dailyDigest: boolean) => change({ dailyDigest })}
            />
            <FieldError message={issueAt(issues, 'dailyDigest')} />
            <Button variant="primary" isBusy={isSaving} disabled={isSaving} onClick={save}>
              {__('Save auto-approval policy', 'affiliate-agent')}
            </Button>
          </>
        ) : null}
      </CardBody>
    </Card>
  );
}
