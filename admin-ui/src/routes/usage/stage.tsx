import { Card, CardBody, CardHeader, Notice, SelectControl, Spinner, TextControl } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';
import { formatNumber } from '../../lib/format-number';
import { BarChart } from '../../components/bar-chart';
import { EmptyState } from '../../components/empty-state';
import { navigate } from '../../lib/hash-route';
import { useRequest } from '../../lib/use-request';
import type { StageProps } from '../route-types';
import { getUsage, listAgents } from './api';
import { fillDays } from './days';
import './style.scss';

/** AI responses per day (model vs offline engine, tokens) and this month against the agent's cap. */
export function UsageStage({ params }: StageProps) {
  const { data: agents, isLoading: isLoadingAgents } = useRequest(listAgents, []);
  const agentId = params.agentId ?? agents?.[0]?.id;
  const [range, setRange] = useState<{ from?: string; to?: string }>({});
  const { data: usage, isLoading, error } = useRequest(() => (agentId ? getUsage(agentId, range) : Promise.resolve(null)), [agentId, range.from, range.to]);

  if (isLoadingAgents && !agents) return <Spinner />;
  if (!agents?.length) return <EmptyState title={__('No usage yet', 'affiliate-agent')}>{__('Create an agent; its AI responses are counted here per day.', 'affiliate-agent')}</EmptyState>;
  const days = usage ? fillDays(usage.from, usage.to, usage.days) : [];
  const sum = (pick: (day: (typeof days)[number]) => number) => days.reduce((total, day) => total + pick(day), 0);
  const cap = usage?.month.cap ?? null;
  const share = cap ? Math.min(100, Math.round(((usage?.month.providerResponses ?? 0) / cap) * 100)) : null;
  return (
    <div className="aa-usage">
      <div className="aa-toolbar">
        <SelectControl __nextHasNoMarginBottom label={__('Agent', 'affiliate-agent')} value={agentId} options={agents.map((agent) => ({ value: agent.id, label: agent.name }))} onChange={(next: string) => navigate(`/usage/${next}`)} />
        <TextControl __nextHasNoMarginBottom type="date" label={__('From', 'affiliate-agent')} value={range.from ?? ''} onChange={(from: string) => setRange((previous) => ({ ...previous, from: from || undefined }))} />
        <TextControl __nextHasNoMarginBottom type="date" label={__('To', 'affiliate-agent')} value={range.to ?? ''} onChange={(to: string) => setRange((previous) => ({ ...previous, to: to || undefined }))} />
      </div>
      {error ? <Notice status="error" isDismissible={false}>{error.message}</Notice> : null}
      {isLoading && !usage ? <Spinner /> : null}
      {usage ? (
        <>
          <Card className="aa-card">
            <CardHeader>
              <h3>{sprintf(__('This month (%s)', 'affiliate-agent'), usage.month.month)}</h3>
            </CardHeader>
            <CardBody>
              <p className="aa-usage__total">
                {cap
                  ? sprintf(_n('%1$s of %2$s AI response used', '%1$s of %2$s AI responses used', cap, 'affiliate-agent'), formatNumber(usage.month.providerResponses), formatNumber(cap))
                  : sprintf(_n('%s AI response, no monthly cap', '%s AI responses, no monthly cap', usage.month.providerResponses, 'affiliate-agent'), formatNumber(usage.month.providerResponses))}
              </p>
              <p className="aa-muted aa-usage__definition">
                {__('A response is one reply of the agent to one message, from visitors and from your playground tests alike. Greetings and the replayed answer to a retried message are not counted. Replies by the AI model count toward the monthly cap; replies by the offline engine are free and never capped. Days are counted in UTC.', 'affiliate-agent')}
              </p>
              {share !== null ? (
                <div className="aa-meter" role="meter" aria-valuemin={0} aria-valuemax={cap ?? 0} aria-valuenow={usage.month.providerResponses} aria-label={__('Monthly cap used', 'affiliate-agent')}>
                  <div className={`aa-meter__fill${usage.month.capReached ? ' is-full' : ''}`} style={{ width: `${share}%` }} />
                </div>
              ) : null}
              {usage.month.capReached ? (
                <Notice status="warning" isDismissible={false}>
                  {__('The cap is reached: the agent answers with the offline engine until next month, or until you raise the cap on the agent.', 'affiliate-agent')}
                </Notice>
              ) : null}
            </CardBody>
          </Card>
          <Card className="aa-card">
            <CardHeader>
              <h3>{sprintf(__('Responses per day, %1$s to %2$s', 'affiliate-agent'), usage.from, usage.to)}</h3>
            </CardHeader>
            <CardBody>
              <BarChart
                title={__('Responses per day', 'affiliate-agent')}
                labels={days.map((day) => day.day)}
                series={[
                  { key: 'provider', label: __('AI model', 'affiliate-agent'), color: '#2271b1' },
                  { key: 'offline', label: __('Offline engine', 'affiliate-agent'), color: '#8c8f94' },
                ]}
                values={{ provider: days.map((day) => day.provider.responses), offline: days.map((day) => day.offline.responses) }}
              />
              <p>
                {sprintf(
                  /* translators: 1: "12 AI responses", 2: "3400 input and 900 output tokens", 3: "5 offline responses" */
                  __('In this range: %1$s (%2$s) and %3$s.', 'affiliate-agent'),
                  /* translators: %d: number of replies by the AI model */
                  sprintf(_n('%d AI response', '%d AI responses', sum((day) => day.provider.responses), 'affiliate-agent'), sum((day) => day.provider.responses)),
                  /* translators: 1: input tokens, 2: output tokens */
                  sprintf(__('%1$d input and %2$d output tokens', 'affiliate-agent'), sum((day) => day.provider.inputTokens), sum((day) => day.provider.outputTokens)),
                  /* translators: %d: number of replies by the offline engine */
                  sprintf(_n('%d offline response', '%d offline responses', sum((day) => day.offline.responses), 'affiliate-agent'), sum((day) => day.offline.responses)),
                )}
              </p>
            </CardBody>
          </Card>
        </>
      ) : null}
    </div>
  );
}
