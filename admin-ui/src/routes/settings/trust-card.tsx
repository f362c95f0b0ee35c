import { Button, Card, CardBody, CardHeader, Notice, Spinner } from '@wordpress/components';
import { useEffect, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { NumberInput } from '../../components/number-input';
import { issueAt } from '../../lib/field-issues';
import { useRequest } from '../../lib/use-request';
import { useSave } from '../../lib/use-save';
import { getTrustSettings, saveTrustSettings } from './api';

/**
 * The applicant trust checks' one knob. The checks themselves (disposable email, applied before,
 * many applications, own domain) are rule inputs in each action's Qualification rules.
 */
export function TrustCard() {
  const { data: settings, setData, isLoading, error } = useRequest(getTrustSettings, []);
  const [perDay, setPerDay] = useState<number | undefined>(undefined);
  const { save: run, isSaving, issues } = useSave();
  useEffect(() => {
    if (settings) setPerDay(settings.repeatClientPerDay);
  }, [settings]);

  const save = () => run(() => saveTrustSettings({ repeatClientPerDay: perDay }), { onSaved: setData, success: __('Settings saved.', 'affiliate-agent') });

  return (
    <Card className="aa-card">
      <CardHeader>
        <h3>{__('Applicant trust checks', 'affiliate-agent')}</h3>
      </CardHeader>
      <CardBody>
        {isLoading && !settings ? <Spinner /> : null}
        {error ? <Notice status="error" isDismissible={false}>{error.message}</Notice> : null}
        <p className="aa-muted">
          {__('Every application is checked for a disposable email address, an earlier application with the same email, website or visitor, many applications from one visitor in a day, and a website on this site’s own domain. Use them as rule inputs in an action’s qualification rules; the lead screen shows the checks that fired.', 'affiliate-agent')}
        </p>
        <NumberInput
          label={__('Flag a visitor from this many applications within 24 hours', 'affiliate-agent')}
          value={perDay}
          min={2}
          max={100}
          step={1}
          onChange={setPerDay}
          error={issueAt(issues, 'repeatClientPerDay')}
        />
        <Button variant="primary" isBusy={isSaving} disabled={isSaving || perDay === undefined} onClick={save}>
          {__('Save trust settings', 'affiliate-agent')}
        </Button>
      </CardBody>
    </Card>
  );
}
