import { Card, CardBody, CardHeader, Spinner } from '@wordpress/components';
import { useEffect } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { useRequest } from '../../lib/use-request';
import { getSiteProgress, listAgentsForSetup, listSetsForSetup } from './api';
import { setupSteps } from './steps';
import type { SetupChecklistProps } from './types';

const loadSteps = async () => {
  const [agents, sets, site] = await Promise.all([listAgentsForSetup(), listSetsForSetup(), getSiteProgress()]);
  return setupSteps(agents, sets, site);
};

/**
 * Agent → docs → block → playground → publish, each ticked from what exists right now. The owner
 * leaves for the block editor and comes back, so the list reloads when the tab regains focus.
 */
export function SetupChecklist({ hideWhenDone = false }: SetupChecklistProps) {
  const { data: steps, error, reload } = useRequest(loadSteps, []);
  useEffect(() => {
    const refresh = () => {
      if (document.visibilityState === 'visible') void reload();
    };
    window.addEventListener('focus', refresh);
    document.addEventListener('visibilitychange', refresh);
    return () => {
      window.removeEventListener('focus', refresh);
      document.removeEventListener('visibilitychange', refresh);
    };
  }, [reload]);

  if (error) return null;
  if (!steps) return <Spinner />;
  const done = steps.filter((step) => step.isDone).length;
  if (hideWhenDone && done === steps.length) return null;
  const next = steps.find((step) => !step.isDone);
  return (
    <Card className="aa-card aa-setup-checklist">
      <CardHeader>
        <h3>{__('Get your agent live', 'affiliate-agent')}</h3>
        <span className="aa-muted">{sprintf(__('%1$d of %2$d done', 'affiliate-agent'), done, steps.length)}</span>
      </CardHeader>
      <CardBody>
        <ol className="aa-setup-checklist__steps">
          {steps.map((step) => (
            <li key={step.id} className={`aa-setup-checklist__step${step.isDone ? ' is-done' : ''}${step === next ? ' is-next' : ''}`}>
              <span className="aa-setup-checklist__mark" aria-hidden="true">
                {step.isDone ? '✓' : ''}
              </span>
              <div>
                <strong>
                  {step.title}
                  <span className="screen-reader-text">{step.isDone ? __('(done)', 'affiliate-agent') : __('(to do)', 'affiliate-agent')}</span>
                </strong>
                <p className="aa-muted">{step.description}</p>
                <a href={step.link.href} className={step === next ? 'components-button is-primary' : undefined}>
                  {step.link.label}
                </a>
              </div>
            </li>
          ))}
        </ol>
        {!next ? <p>{__('All done: your agent answers on a published page.', 'affiliate-agent')}</p> : null}
      </CardBody>
    </Card>
  );
}
