import { Card, CardBody, CardHeader } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { SetupChecklist } from '../../components/setup-checklist';
import { adminConfig } from '../../lib/admin-config';
import type { StageProps } from '../route-types';
import { ConnectionCard } from './connection-card';
import { DeliveryCard } from './delivery-card';
import { EmailsCard } from './emails-card';
import { TrustCard } from './trust-card';
import { ProgramTermsCard } from './program-terms-card';
import { AutoApprovalCard } from './auto-approval-card';
import { SiteBubbleCard } from './site-bubble-card';
import type { ConnectionState } from './types';
import './style.scss';

/**
 * The one Settings screen: the connection key first (everything else needs the service), then,
 * once connected, the setup checklist, deliveries and privacy.
 */
export function SettingsStage(_props: StageProps) {
  const config = adminConfig();
  const [connection, setConnection] = useState<ConnectionState | null>(config.connection);
  return (
    <div className="aa-settings">
      <ConnectionCard
        connection={connection}
        onConnected={(next) => {
          // The page config was printed before connecting; later screens of this page load read it.
          window.affiliateAgentAdmin = { ...window.affiliateAgentAdmin, connection: next };
          setConnection(next);
        }}
      />
      {connection?.configured ? (
        <>
          <SetupChecklist />
          <SiteBubbleCard />
          <DeliveryCard />
          <EmailsCard />
          <ProgramTermsCard />
          <TrustCard />
          <AutoApprovalCard />
        </>
      ) : null}
      <Card className="aa-card">
        <CardHeader>
          <h3>{__('Data retention and privacy', 'affiliate-agent')}</h3>
        </CardHeader>
        <CardBody>
          <p>
            {__('Leads and conversations are kept until you delete them. A person’s data can be exported or erased with WordPress’s own privacy tools, which include Affiliate Agent’s data.', 'affiliate-agent')}{' '}
            <a href={`${config.adminUrl}export-personal-data.php`}>{__('Export personal data', 'affiliate-agent')}</a> ·{' '}
            <a href={`${config.adminUrl}erase-personal-data.php`}>{__('Erase personal data', 'affiliate-agent')}</a>
          </p>
        </CardBody>
      </Card>
    </div>
  );
}
