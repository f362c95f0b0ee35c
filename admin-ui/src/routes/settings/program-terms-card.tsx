import { Button, Card, CardBody, CardHeader, Notice, SelectControl, Spinner, TextControl } from '@wordpress/components';
import { useEffect, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { ListInput } from '../../components/list-input';
import { NumberInput } from '../../components/number-input';
import { issueAt } from '../../lib/field-issues';
import { useRequest } from '../../lib/use-request';
import { useSave } from '../../lib/use-save';
import { getProgramTerms, importProgramTerms, saveProgramTerms } from './api';
import type { ProgramTerms, ProgramTermsSource } from './types';

/**
 * The program's terms as facts the agent quotes with exact figures (cited as "Program terms"), and
 * what it must never promise. Read from AffiliateWP's own settings when the WordPress bridge is the
 * transport (and kept in step hourly), entered here otherwise.
 */
export function ProgramTermsCard() {
  const { data: loaded, setData, isLoading, error } = useRequest(getProgramTerms, []);
  const stored = loaded?.terms;
  const [rate, setRate] = useState<number | undefined>(undefined);
  const [type, setType] = useState<'percentage' | 'flat'>('percentage');
  const [cookieDays, setCookieDays] = useState<number | undefined>(undefined);
  const [minimum, setMinimum] = useState<number | undefined>(undefined);
  const [method, setMethod] = useState('');
  const [currency, setCurrency] = useState('USD');
  const [neverPromise, setNeverPromise] = useState<string[]>(['guaranteed earnings']);
  const { save: run, isSaving, issues } = useSave();
  const { save: runImport, isSaving: isImporting } = useSave();
  useEffect(() => {
    if (!stored) return;
    setRate(stored.commission?.rate);
    setType(stored.commission?.type ?? 'percentage');
    setCookieDays(stored.cookieDays);
    setMinimum(stored.payout?.minimum);
    setMethod(stored.payout?.method ?? '');
    setCurrency(stored.currency);
    setNeverPromise(stored.neverPromise);
  }, [stored]);

  const save = () => {
    const terms: ProgramTerms = {
      ...(rate !== undefined ? { commission: { rate, type } } : {}),
      ...(cookieDays !== undefined ? { cookieDays } : {}),
      ...(minimum !== undefined || method.trim() ? { payout: { ...(minimum !== undefined ? { minimum } : {}), ...(method.trim() ? { method: method.trim() } : {}) } } : {}),
      currency: currency.trim().toUpperCase(),
      neverPromise,
    };
    return run(() => saveProgramTerms(terms), { onSaved: setData, success: __('Settings saved.', 'affiliate-agent') });
  };
  const readFromAffiliateWp = () => runImport(importProgramTerms, { onSaved: setData, success: __('Program terms read from AffiliateWP.', 'affiliate-agent') });

  return (
    <Card className="aa-card">
      <CardHeader>
        <h3>{__('Program terms', 'affiliate-agent')}</h3>
      </CardHeader>
      <CardBody>
        {isLoading && loaded === undefined ? <Spinner /> : null}
        {error ? <Notice status="error" isDismissible={false}>{error.message}</Notice> : null}
        <p className="aa-muted">{__('The agent answers questions about commission, cookie length and payouts from these figures, exactly, and cites them as “Program terms”.', 'affiliate-agent')}</p>
        <SourceLine source={loaded?.source ?? null} />
        <Button variant="secondary" isBusy={isImporting} disabled={isImporting} onClick={readFromAffiliateWp}>
          {__('Read from AffiliateWP', 'affiliate-agent')}
        </Button>
        <NumberInput label={__('Commission', 'affiliate-agent')} value={rate} min={0} onChange={setRate} error={issueAt(issues, 'commission', 'rate')} />
        <SelectControl
          __nextHasNoMarginBottom
          label={__('Commission type', 'affiliate-agent')}
          value={type}
          options={[
            { value: 'percentage', label: __('Percentage of each sale', 'affiliate-agent') },
            { value: 'flat', label: __('Flat amount per sale', 'affiliate-agent') },
          ]}
          onChange={(value: string) => setType(value as 'percentage' | 'flat')}
        />
        <NumberInput label={__('Cookie length (days)', 'affiliate-agent')} value={cookieDays} min={0} step={1} onChange={setCookieDays} error={issueAt(issues, 'cookieDays')} />
        <NumberInput label={__('Minimum payout', 'affiliate-agent')} value={minimum} min={0} onChange={setMinimum} error={issueAt(issues, 'payout', 'minimum')} />
        <TextControl __nextHasNoMarginBottom label={__('Payout method', 'affiliate-agent')} value={method} onChange={setMethod} />
        <TextControl __nextHasNoMarginBottom label={__('Currency (three letters)', 'affiliate-agent')} value={currency} onChange={setCurrency} />
        {issueAt(issues, 'currency') ? <Notice status="error" isDismissible={false}>{issueAt(issues, 'currency')}</Notice> : null}
        <ListInput label={__('Never promise', 'affiliate-agent')} values={neverPromise} onChange={setNeverPromise} error={issueAt(issues, 'neverPromise')} />
        <Button variant="primary" isBusy={isSaving} disabled={isSaving} onClick={save}>
          {__('Save program terms', 'affiliate-agent')}
        </Button>
      </CardBody>
    </Card>
  );
}

/** Where the figures come from, so an owner knows whether AffiliateWP or they keep them current. */
function SourceLine({ source }: { source: ProgramTermsSource | null }) {
  if (source?.from === 'affiliatewp') {
    return (
      <p className="aa-muted">
        {sprintf(
          /* translators: %s: date and time the terms were read. */
          __('Commission, cookie length, currency and payout methods come from AffiliateWP’s settings (read %s) and are read again every hour. Changing one of them here takes them over.', 'affiliate-agent'),
          new Date(source.readAt).toLocaleString(),
        )}
      </p>
    );
  }
  return <p className="aa-muted">{__('With the WordPress bridge, “Read from AffiliateWP” fills commission, cookie length, currency and payout methods from AffiliateWP’s own settings; over REST, enter them here.', 'affiliate-agent')}</p>;
}
