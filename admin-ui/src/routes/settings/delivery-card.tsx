import { Button, Card, CardBody, CardHeader, CheckboxControl, Notice, SelectControl, Spinner, TextControl } from '@wordpress/components';
import { useEffect, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { FieldError } from '../../components/field-error';
import { ListInput } from '../../components/list-input';
import { NumberInput } from '../../components/number-input';
import { adminConfig } from '../../lib/admin-config';
import { issueAt } from '../../lib/field-issues';
import { useRequest } from '../../lib/use-request';
import { useSave } from '../../lib/use-save';
import { getDeliverySettings, saveDeliverySettings } from './api';
import type { DeliveryPatch, Transport } from './types';

/** How steps reach AffiliateWP, who gets notified, which private hosts webhooks may reach. */
export function DeliveryCard() {
  const config = adminConfig();
  const { data: settings, setData, isLoading, error } = useRequest(getDeliverySettings, []);
  const [transport, setTransport] = useState<Transport>('none');
  const [affiliateSite, setAffiliateSite] = useState('');
  const [publicKey, setPublicKey] = useState('');
  const [token, setToken] = useState('');
  const [reconcileMinutes, setReconcileMinutes] = useState<number | undefined>(15);
  const [createAccounts, setCreateAccounts] = useState(false);
  const [recipients, setRecipients] = useState<string[]>([]);
  const [allowHosts, setAllowHosts] = useState<string[]>([]);
  const { save: run, isSaving, issues } = useSave();
  useEffect(() => {
    if (!settings) return;
    setTransport(settings.affiliatewp.transport);
    setAffiliateSite(settings.affiliatewp.siteUrl ?? '');
    setPublicKey(settings.affiliatewp.publicKey ?? '');
    setReconcileMinutes(settings.affiliatewp.reconcileMinutes ?? 15);
    setCreateAccounts(settings.affiliatewp.createAccounts ?? false);
    setRecipients(settings.notifications.recipients);
    setAllowHosts(settings.network.allowHosts);
  }, [settings]);

  const save = () => {
    const siteUrl = config.adminUrl.replace(/wp-admin\/?$/, '');
    const patch: DeliveryPatch = {
      ...(siteUrl ? { wordpress: { siteUrl } } : {}),
      affiliatewp: {
        transport,
        ...(transport === 'rest'
          ? { siteUrl: affiliateSite.trim() || null, publicKey: publicKey.trim() || null, ...(token ? { token } : {}), reconcileMinutes: reconcileMinutes ?? null, createAccounts }
          : {}),
      },
      notifications: { recipients },
      network: { allowHosts },
    };
    return run(() => saveDeliverySettings(patch), {
      onSaved: (saved) => {
        setData(saved);
        setToken(''); // The service keeps the token; the field never shows it again.
      },
      success: __('Settings saved.', 'affiliate-agent'),
    });
  };

  return (
    <>
      {isLoading && !settings ? <Spinner /> : null}
      {error ? <Notice status="error" isDismissible={false}>{error.message}</Notice> : null}
      {settings ? (
        <Card className="aa-card">
          <CardHeader>
            <h3>{__('AffiliateWP and notifications', 'affiliate-agent')}</h3>
          </CardHeader>
          <CardBody>
            <SelectControl
              __nextHasNoMarginBottom
              label={__('How to reach AffiliateWP', 'affiliate-agent')}
              help={__('The WordPress bridge uses AffiliateWP on this site directly and needs no keys; REST needs AffiliateWP’s REST API keys (and the REST API Extended add-on for writing).', 'affiliate-agent')}
              value={transport}
              options={[
                { value: 'bridge', label: __('WordPress bridge (recommended)', 'affiliate-agent') },
                { value: 'rest', label: __('AffiliateWP REST API keys', 'affiliate-agent') },
                { value: 'none', label: __('Not connected', 'affiliate-agent') },
              ]}
              onChange={(value: string) => setTransport(value as Transport)}
            />
            <FieldError message={issueAt(issues, 'affiliatewp', 'transport')} />
            {transport === 'rest' ? (
              <div className="aa-grid">
                <div>
                  <TextControl __nextHasNoMarginBottom type="url" label={__('AffiliateWP site URL', 'affiliate-agent')} value={affiliateSite} onChange={setAffiliateSite} />
                  <FieldError message={issueAt(issues, 'affiliatewp', 'siteUrl')} />
                </div>
                <div>
                  <TextControl __nextHasNoMarginBottom label={__('Public key', 'affiliate-agent')} value={publicKey} onChange={setPublicKey} />
                  <FieldError message={issueAt(issues, 'affiliatewp', 'publicKey')} />
                </div>
                <div>
                  <TextControl
                    __nextHasNoMarginBottom
                    type="password"
                    autoComplete="new-password"
                    label={__('Token', 'affiliate-agent')}
                    help={settings.affiliatewp.token ? sprintf(__('Saved (%s). Leave empty to keep it.', 'affiliate-agent'), settings.affiliatewp.token) : undefined}
                    value={token}
                    onChange={setToken}
                  />
                  <FieldError message={issueAt(issues, 'affiliatewp', 'token')} />
                </div>
                <NumberInput
                  label={__('Check AffiliateWP for approvals every (minutes)', 'affiliate-agent')}
                  help={__('Over REST nothing tells us when an affiliate is approved or rejected in AffiliateWP’s own screens, so the service reads back the affiliates of undecided leads this often. 0 turns it off; empty means 15.', 'affiliate-agent')}
                  value={reconcileMinutes}
                  onChange={setReconcileMinutes}
                  min={0}
                  max={1440}
                  error={issueAt(issues, 'affiliatewp', 'reconcileMinutes')}
                />
                <CheckboxControl
                  label={__('Create WordPress accounts for applicants', 'affiliate-agent')}
                  help={__('AffiliateWP needs a WordPress account for each affiliate. Over REST the service cannot see whether your site lets visitors register, so by default an applicant without an account is left for you to add in AffiliateWP and link on the lead page.', 'affiliate-agent')}
                  checked={createAccounts}
                  onChange={setCreateAccounts}
                />
              </div>
            ) : null}
            <ListInput
              label={__('Manager notification recipients', 'affiliate-agent')}
              help={__('Comma-separated emails that get “new lead” notifications.', 'affiliate-agent')}
              values={recipients}
              onChange={setRecipients}
              error={issueAt(issues, 'notifications', 'recipients')}
            />
            <ListInput
              separator="line"
              label={__('Webhook hosts allowed on private networks (one per line)', 'affiliate-agent')}
              help={__('Webhooks to private or local addresses are refused unless the host is listed here.', 'affiliate-agent')}
              values={allowHosts}
              onChange={setAllowHosts}
              error={issueAt(issues, 'network', 'allowHosts')}
            />
            {settings.webhooks.signingSecret ? (
              <p className="aa-muted">{sprintf(__('Webhooks are signed (Standard Webhooks) with the secret %s.', 'affiliate-agent'), settings.webhooks.signingSecret)}</p>
            ) : null}
            <Button variant="primary" isBusy={isSaving} disabled={isSaving} onClick={save}>
              {__('Save settings', 'affiliate-agent')}
            </Button>
          </CardBody>
        </Card>
      ) : null}
    </>
  );
}
